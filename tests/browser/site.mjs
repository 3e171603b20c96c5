// Opens the course's website (scripts/site.sh) as a student who has nothing installed: the welcome
// page first, its table of contents, a search, then each lesson with its pictures and views, the
// button that runs it on Binder, and every kind of view driven from the keyboard (keyboard.mjs).
//
//   SITE_URL=http://127.0.0.1:PORT/ node site.mjs LESSON_STEM...     (scripts/browser_test.sh)
//
// A lesson fails when: it is missing from the table of contents; a view did not start (every
// div.gograd-view and div.gograd-training must be set up by its script) or says it could not; it
// has no Binder link to itself; the keyboard does not drive its views. The site fails when the
// root does not lead to the welcome page or a search for a word of the lessons finds nothing.
// Screenshots go to OUT_DIR/site-*.png; prints "site: N passed, M failed" last.
import { chromium } from 'playwright-core';
import path from 'node:path';
import { checkKeyboard } from './keyboard.mjs';

const BASE = (process.env.SITE_URL || '').replace(/\/?$/, '/');
const OUT_DIR = process.env.OUT_DIR || 'build/browser';
const stems = process.argv.slice(2);
if (!process.env.SITE_URL || !stems.length) {
  console.error('usage: SITE_URL=http://host:port/ node site.mjs LESSON_STEM...');
  process.exit(2);
}
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
page.on('dialog', (d) => d.dismiss());
let passed = 0;
let failed = 0;
const report = (what, problems) => {
  console.log(`${problems.length ? 'FAIL' : 'ok  '} site ${what}`);
  problems.forEach((m) => console.log(`     ${what}: ${m}`));
  if (problems.length) failed++; else passed++;
};

// The root leads to the welcome page, whose table of contents lists every lesson.
{
  const problems = [];
  await page.goto(BASE);
  await page.waitForURL(/notebooks\/START_HERE\.html/, { timeout: 10_000 }).catch(() => {}); // index.html redirects
  if (!/notebooks\/START_HERE\.html/.test(page.url())) problems.push(`the root leads to ${page.url()}, not the welcome page`);
  const toc = await page.evaluate(() => [...document.querySelectorAll('nav a[href]')].map((a) => a.getAttribute('href')));
  for (const stem of stems) if (!toc.some((h) => h.includes(`${stem}.html`))) problems.push(`the table of contents has no ${stem}`);
  if (!toc.some((h) => /docs\/SETUP\.html/.test(h))) problems.push('the table of contents has no docs/SETUP');
  await page.screenshot({ path: path.join(OUT_DIR, 'site-welcome.png') });
  report('welcome page', problems);
}

// A search for a word that lessons use finds lessons.
{
  const problems = [];
  await page.goto(`${BASE}search.html?q=backpropagation`);
  const hits = await page.waitForFunction(() => {
    const links = [...document.querySelectorAll('#search-results li a, ul.search li a')].map((a) => a.getAttribute('href'));
    return links.length ? links : false;
  }, null, { timeout: 20_000 }).then((h) => h.jsonValue(), () => []);
  if (!hits.some((h) => /notebooks\/\d\d_/.test(h))) problems.push(`searching "backpropagation" found no lesson (${hits.length} results)`);
  await page.screenshot({ path: path.join(OUT_DIR, 'site-search.png') });
  report(`search (${hits.length} results)`, problems);
}

for (const stem of stems) {
  const problems = [];
  await page.goto(`${BASE}notebooks/${stem}.html`);
  await page.waitForLoadState('load');
  const v = await page.waitForFunction(() => {
    const all = document.querySelectorAll('div.gograd-view, div.gograd-training');
    const ready = document.querySelectorAll('div.gograd-view[data-gograd-ready] .gograd-ui, div.gograd-training[data-gograd-ready] .gograd-training-ui');
    return all.length === ready.length ? { all: all.length, errors: [...document.querySelectorAll('div.gograd-view p, div.gograd-training p')].map((p) => p.textContent).filter((t) => /could not start/.test(t)) } : false;
  }, null, { timeout: 20_000 }).then((h) => h.jsonValue(), async () => ({ all: -1, errors: ['not every view started within 20 s'] }));
  v.errors.forEach((e) => problems.push(e));
  const binder = await page.evaluate((stem) => [...document.querySelectorAll('a[href*="mybinder.org/v2/gh/"]')]
    .some((a) => a.href.includes(`urlpath=lab/tree/notebooks/${stem}.ipynb`)), stem);
  if (!binder) problems.push(`no Binder link that opens notebooks/${stem}.ipynb`);
  const pictures = await page.evaluate(() => document.querySelectorAll('.cell_output svg, .cell_output img[src^="data:image/svg+xml"]').length);
  const k = await checkKeyboard(page);
  problems.push(...k.problems);
  await page.evaluate(() => document.querySelector('div.gograd-view, div.gograd-training')?.scrollIntoView());
  await page.screenshot({ path: path.join(OUT_DIR, `site-${stem}.png`) });
  report(`${stem} (${pictures} pictures, ${v.all} views${k.lines.length ? '; ' + k.lines.join('; ') : ''})`, problems);
}
await browser.close();
console.log(`site: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
