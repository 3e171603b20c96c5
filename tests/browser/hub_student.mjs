// A student of a JupyterHub class in headless Chromium (scripts/hub_test.sh): logs in on the hub's
// login form, lets the hub spawn their server, opens each notebook in JupyterLab and checks what
// they see, with nothing read from local files (the notebooks are the student's, on the server):
//
//   JUPYTER_URL=http://HUB/user/NAME/ HUB_LOGIN=NAME:PASSWORD CHROMIUM=/usr/bin/chromium OUT_DIR=DIR \
//     node hub_student.mjs notebooks/NN_name.ipynb...      (paths from the server's root)
//
// For each notebook: as saved, every cell draws as many graphs as the saved file (read through the
// server's contents API) holds SVG pictures, and its views (views.mjs) answer; after Run > Run All
// Cells every code cell ran, none shows an error output (unless tagged raises-exception), every
// picture is drawn again and the views answer. Writes DIR/NAME-saved.png and NAME-run.png (1280x900)
// and prints "ok NAME (...)" or "FAIL NAME: ..." per notebook; exits 1 if any failed.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { checkViews, pageHelpers, viewCounts } from './views.mjs';

const { JUPYTER_URL, HUB_LOGIN, CHROMIUM, OUT_DIR } = process.env;
const notebooks = process.argv.slice(2);
if (!JUPYTER_URL?.endsWith('/') || !HUB_LOGIN?.includes(':') || !CHROMIUM || !OUT_DIR || !notebooks.length) {
  console.error('usage: JUPYTER_URL=http://HUB/user/NAME/ HUB_LOGIN=NAME:PASSWORD CHROMIUM=... OUT_DIR=... node hub_student.mjs NB.ipynb...');
  process.exit(2);
}
const SPAWN_S = 120; // the hub starts the server; its first kernel builds on a busy machine
const RUN_S = 300;
const joined = (text) => (Array.isArray(text) ? text.join('') : text || '');
const hasPicture = (out) => 'image/svg+xml' in (out.data || {}) ||
  /<svg|data:image\/svg\+xml/.test(joined(out.data?.['text/html']));

// In the page: per cell of the notebook, its graphs drawn, error outputs and whether it ran.
function cellsShown() {
  return [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell')].map((cell) => {
    const outputs = cell.querySelector('.jp-OutputArea');
    const graphs = outputs ? [...outputs.querySelectorAll('.jp-OutputArea-output :is(svg, img[src^="data:image/svg+xml"])')]
      .filter((el) => !el.parentElement.closest('svg') && (el.tagName !== 'IMG' || (el.complete && el.naturalWidth > 0))).length : 0;
    const errors = outputs ? [...outputs.querySelectorAll('[data-mime-type="application/vnd.jupyter.stderr"]')]
      .map((e) => e.innerText.trim().replace(/\s+/g, ' ').slice(0, 200)) : [];
    const prompt = cell.querySelector('.jp-InputPrompt')?.textContent.trim() || '';
    return { graphs, errors, prompt };
  });
}

const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
const problems = [];
page.on('dialog', (d) => { problems.push(`a dialog opened: ${d.message()}`); d.dismiss(); });
fs.mkdirSync(OUT_DIR, { recursive: true });

// Log in: the server's URL sends the student to the hub's form; back there, the hub says the server
// is not running (JupyterHub 5 spawns on request only) and its Launch button starts it.
const [user, password] = [HUB_LOGIN.slice(0, HUB_LOGIN.indexOf(':')), HUB_LOGIN.slice(HUB_LOGIN.indexOf(':') + 1)];
let t = Date.now();
try {
await page.goto(JUPYTER_URL + 'lab');
await page.fill('#username_input', user);
await page.fill('#password_input', password);
await page.click('#login_submit');
await page.waitForSelector('#start, #jp-main-dock-panel, .login_error');
const denied = await page.$('.login_error');
if (denied) throw new Error(`the hub refused the login: ${(await denied.innerText()).trim()}`);
if (await page.$('#start')) await page.click('#start');
await page.waitForSelector('#jp-main-dock-panel', { timeout: SPAWN_S * 1000 });
} catch (err) {
  await page.screenshot({ path: path.join(OUT_DIR, 'login.png') });
  console.log(`FAIL logging in and spawning, at ${page.url()} (${path.join(OUT_DIR, 'login.png')}): ${err.message.split('\n')[0]}`);
  process.exit(1);
}
console.log(`logged in as ${user}, server spawned, JupyterLab at ${page.url()} after ${((Date.now() - t) / 1000).toFixed(1)} s`);

let failed = 0;
for (const nb of notebooks) {
  const stem = path.basename(nb, '.ipynb');
  problems.length = 0;
  t = Date.now();
  try {
    const reply = await page.request.get(`${JUPYTER_URL}api/contents/${nb.split('/').map(encodeURIComponent).join('/')}`);
    if (!reply.ok()) throw new Error(`the server has no ${nb}: HTTP ${reply.status()}`);
    const cells = (await reply.json()).content.cells;
    const pictures = cells.map((c) => (c.outputs || []).filter(hasPicture).length);
    const raises = cells.map((c) => (c.metadata?.tags || []).includes('raises-exception'));
    const checkPictures = (state, shown) => pictures.forEach((want, i) => {
      if ((shown[i]?.graphs ?? 0) < want) problems.push(`cell ${i + 1} (${state}): ${want} picture(s) saved, ${shown[i]?.graphs ?? 0} drawn`);
    });
    const checkViewsIn = async (state) => {
      await page.evaluate(pageHelpers);
      const { problems: wrong, times } = await checkViews(page, stem);
      wrong.forEach((p) => problems.push(`views (${state}): ${p}`));
      return times.length;
    };

    await page.goto(`${JUPYTER_URL}lab/tree/${nb}`);
    await page.waitForFunction((n) => document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell').length === n,
      cells.length, { timeout: 60_000 });
    await page.waitForFunction((n) => document.querySelectorAll('div.gograd-view[data-gograd-ready]').length >= n, viewCounts[stem] || 0);
    checkPictures('saved', await page.evaluate(cellsShown));
    const savedActions = await checkViewsIn('saved');
    await page.screenshot({ path: path.join(OUT_DIR, `${stem}-saved.png`) });

    // Run > Run All Cells (JupyterLab sends the cells once the kernel is connected); done when every
    // code cell has its number. Not the kernel's status: with GoNB it stays "Unknown" in JupyterLab 4.6.
    await page.click('.lm-MenuBar-itemLabel:text-is("Run")');
    await page.click('.lm-Menu-itemLabel:text-is("Run All Cells")');
    await page.waitForFunction(() => {
      const prompts = [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-InputPrompt')].map((p) => p.textContent);
      return prompts.length && prompts.every((p) => /\[\d+\]/.test(p));
    }, null, { timeout: RUN_S * 1000, polling: 500 });
    const run = await page.evaluate(cellsShown);
    run.forEach((c, i) => {
      if (c.errors.length && !raises[i]) problems.push(`cell ${i + 1}: error after Run All: ${c.errors.join(' | ')}`);
    });
    checkPictures('run', run);
    const runActions = await checkViewsIn('run');
    await page.screenshot({ path: path.join(OUT_DIR, `${stem}-run.png`) });
    const drawn = run.reduce((n, c) => n + c.graphs, 0);
    if (!problems.length) {
      console.log(`ok ${nb} (${((Date.now() - t) / 1000).toFixed(0)} s): ${drawn} pictures drawn after Run All;` +
        ` views answered as saved (${savedActions} actions) and after the run (${runActions})`);
    }
  } catch (err) {
    problems.push(err.message.split('\n')[0]);
    await page.screenshot({ path: path.join(OUT_DIR, `${stem}-failed.png`) });
  }
  if (problems.length) {
    failed++;
    console.log(`FAIL ${nb}:\n  ${problems.join('\n  ')}`);
  }
}
await browser.close();
process.exit(failed ? 1 : 0);
