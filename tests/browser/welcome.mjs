// The way in, as `make notebook` opens it (scripts/browser_test.sh starts scripts/notebook.sh, the
// command behind `make notebook`, for JupyterLab and for Notebook 7, and runs this against each):
// the server's root URL leads to the welcome page, notebooks/START_HERE.ipynb; the page links every
// lesson and the docs; a click on the first lesson opens it in the same UI; the docs it links open;
// in JupyterLab, the Launcher's first notebook tile is Go (gograd). Prints the kernel's status 10 s
// after the welcome page opened (GoNB v0.11.4 leaves it "Unknown" until a cell runs: docs/SETUP.md,
// Troubleshooting), without failing on it.
//
//   JUPYTER_URL=http://127.0.0.1:PORT/ JUPYTER_TOKEN=T UI=lab|notebook node welcome.mjs LESSON_FILE...
import { chromium } from 'playwright-core';
import path from 'node:path';

const env = process.env;
const BASE = env.JUPYTER_URL.replace(/\/?$/, '/');
const UI = env.UI || 'lab';
const OUT_DIR = env.OUT_DIR || 'build/browser';
const lessons = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: env.CHROMIUM || '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
const problems = [];
const t0 = Date.now();
await page.goto(`${BASE}?token=${env.JUPYTER_TOKEN}`);
const welcome = UI === 'lab' ? /\/lab\/tree\/notebooks\/START_HERE\.ipynb/ : /\/notebooks\/notebooks\/START_HERE\.ipynb/;
await page.waitForURL(welcome, { timeout: 30_000 }).catch(() => problems.push(`the root URL leads to ${page.url()}, not the welcome page`));
const rendered = page.locator('.jp-MarkdownOutput', { hasText: 'Start with lesson 00' });
await rendered.first().waitFor({ timeout: 60_000 }).catch(() => problems.push('the welcome page does not show "Start with lesson 00"'));
// The links as the front end resolved them (to the file's path on the server).
const links = await page.evaluate(() => [...document.querySelectorAll('.jp-MarkdownOutput a[href]')].map((a) => decodeURIComponent(a.href)));
const linked = (file) => links.some((h) => h.split(/[?#]/)[0].endsWith(file));
for (const l of lessons) if (!linked(`notebooks/${l}`)) problems.push(`the welcome page has no link to ${l}`);
for (const d of ['docs/SETUP.md', 'docs/TEACHING.md']) if (!linked(d)) problems.push(`the welcome page has no link to ${d} (links: ${links.slice(-2).join(', ')})`);
await page.screenshot({ path: path.join(OUT_DIR, `welcome-${UI}.png`) });
await page.waitForTimeout(Math.max(0, 10_000 - (Date.now() - t0)));
const status = await page.evaluate(() => document.querySelector('.jp-Notebook-ExecutionIndicator, [data-status]')?.getAttribute('data-status') ||
  document.querySelector('.jp-KernelStatus')?.textContent || '?');
console.log(`welcome ${UI}: the kernel's status 10 s after opening: ${status}`);

// The docs open (the server serves the checkout).
const docs = await page.request.get(`${BASE}api/contents/docs/SETUP.md?content=0&token=${env.JUPYTER_TOKEN}`);
if (!docs.ok()) problems.push(`docs/SETUP.md is not served (HTTP ${docs.status()})`);

// The Launcher offers Go (gograd) first.
if (UI === 'lab') {
  await page.goto(`${BASE}lab/tree/notebooks?reset&token=${env.JUPYTER_TOKEN}`);
  const first = page.locator('.jp-Launcher-section').filter({ hasText: 'Notebook' }).locator('.jp-LauncherCard').first();
  const label = await first.getAttribute('title', { timeout: 30_000 }).catch(() => null) || await first.innerText().catch(() => '');
  if (!/gograd/.test(label)) problems.push(`the Launcher's first notebook is "${label}", not Go (gograd)`);
  await page.screenshot({ path: path.join(OUT_DIR, `welcome-lab-launcher.png`) });
  await page.goto(`${BASE}lab/tree/notebooks/START_HERE.ipynb?reset&token=${env.JUPYTER_TOKEN}`);
  await rendered.first().waitFor({ timeout: 60_000 });
}

// A click on the first lesson opens it, in the same UI.
if (UI === 'lab') {
  await page.locator('.jp-MarkdownOutput a', { hasText: lessons[0].replace(/_.*/, '') }).first().click();
  await page.locator('.lm-TabBar-tab.lm-mod-current', { hasText: lessons[0] }).first().waitFor({ timeout: 30_000 })
    .catch(() => problems.push(`a click on the first lesson's link does not open ${lessons[0]}`));
} else {
  const [tab] = await Promise.all([page.context().waitForEvent('page', { timeout: 30_000 }).catch(() => null),
    page.locator('.jp-MarkdownOutput a', { hasText: lessons[0].replace(/_.*/, '') }).first().click()]);
  const opened = tab || page;
  await opened.waitForURL(new RegExp(`notebooks/notebooks/${lessons[0]}`), { timeout: 30_000 })
    .catch(() => problems.push(`a click on the first lesson's link does not open ${lessons[0]} (at ${opened.url()})`));
}
await browser.close();
problems.forEach((m) => console.log(`     welcome ${UI}: ${m}`));
console.log(`${problems.length ? 'FAIL' : 'ok  '} welcome page in ${UI === 'lab' ? 'JupyterLab' : 'Notebook 7'}`);
process.exit(problems.length ? 1 : 0);
