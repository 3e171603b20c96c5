// A lesson in JupyterLab, served by a running server that this machine has no files of (the
// classroom image's container): what a Binder user gets from the URL /lab/tree/NOTEBOOK.
// Used by scripts/image_test.sh until the JupyterLab browser test (notebook_ui.mjs) takes
// JUPYTER_URL, JUPYTER_TOKEN, UI=lab and server-relative notebook paths itself.
//
//   JUPYTER_URL=http://HOST:PORT JUPYTER_TOKEN=T CHROMIUM=/usr/bin/chromium OUT_DIR=DIR \
//     node image_lab.mjs notebooks/NAME.ipynb
//
// Checks, at 1280x900: opened as saved, every SVG picture the saved notebook holds (read through
// the server's contents API) is drawn, and the interactive views are live (a slider moved changes
// the numbers); after Kernel > Restart Kernel and Run All Cells, every code cell ran, none holds an
// error (read back through the API after saving), the pictures are drawn again and the views live.
// Screenshots DIR/NAME-lab-saved.png and NAME-lab-run.png. Prints what it saw; exits 1 on a failure.
import { chromium } from 'playwright-core';
import path from 'node:path';

const { JUPYTER_URL, JUPYTER_TOKEN, CHROMIUM, OUT_DIR } = process.env;
const notebook = process.argv[2];
if (!JUPYTER_URL || !JUPYTER_TOKEN || !CHROMIUM || !OUT_DIR || !notebook) {
  console.error('usage: JUPYTER_URL=... JUPYTER_TOKEN=... CHROMIUM=... OUT_DIR=... node image_lab.mjs NOTEBOOK');
  process.exit(2);
}
const base = JUPYTER_URL.replace(/\/$/, '');
const name = path.basename(notebook, '.ipynb');
const RUN_TIMEOUT_MS = 300_000;
let failed = 0;
const say = (line) => console.log(`lab: ${line}`);
const check = (ok, line) => { say(`${ok ? 'ok  ' : 'FAIL'} ${line}`); if (!ok) failed++; };

async function stored() {
  const reply = await fetch(`${base}/api/contents/${notebook}?content=1`, { headers: { Authorization: `token ${JUPYTER_TOKEN}` } });
  if (!reply.ok) throw new Error(`GET api/contents/${notebook}: HTTP ${reply.status}`);
  const cells = (await reply.json()).content.cells;
  const text = (o) => [].concat(o.data?.['text/html'] || [], o.data?.['image/svg+xml'] || []).join('');
  return {
    code: cells.filter((c) => c.cell_type === 'code'),
    pictures: cells.flatMap((c) => c.outputs || []).filter((o) => /<svg|data:image\/svg\+xml/.test(text(o))).length,
    views: cells.flatMap((c) => c.outputs || []).filter((o) => text(o).includes('gograd-view')).length,
    errors: cells.flatMap((c) => c.outputs || []).filter((o) => o.output_type === 'error').map((o) => `${o.ename}: ${o.evalue}`),
  };
}

// In the page, within the notebook shown (JupyterLab may restore other tabs of an earlier session):
// the pictures in output areas (outermost <svg>s, and <img>s of SVG data that have
// loaded), live views, and a view's numbers after its slider moved.
const drawn = () => [...shownPanel().querySelectorAll('.jp-OutputArea-output svg, .jp-OutputArea-output img[src^="data:image/svg+xml"]')]
  .filter((e) => (e.tagName === 'IMG' ? e.complete && e.naturalWidth > 0 : !e.parentElement.closest('svg'))).length;
const views = () => shownPanel().querySelectorAll('div.gograd-view[data-gograd-ready]').length;
const slide = () => {
  const view = shownPanel().querySelector('div.gograd-view[data-gograd-ready]');
  const read = () => [...view.querySelectorAll('.gograd-readouts span')].map((s) => s.textContent).join(' | ');
  const before = read();
  const slider = view.querySelector('input[type=range]');
  slider.value = Number(slider.value) === Number(slider.max) ? slider.min : slider.max;
  slider.dispatchEvent(new Event('input', { bubbles: true }));
  return { before, after: read() };
};

async function look(page, when, want) {
  await page.waitForFunction(drawn, undefined, { timeout: 60_000 }).catch(() => {});
  await page.waitForTimeout(1000); // the outputs still arriving
  // JupyterLab skips rendering cells out of view: bring each output into view, as a reader scrolls.
  await page.evaluate(async () => {
    const panel = shownPanel();
    for (const out of panel.querySelectorAll('.jp-OutputArea-output')) {
      out.scrollIntoView();
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });
  const pictures = await page.evaluate(drawn);
  check(pictures === want.pictures && pictures > 0, `${when}: ${pictures} pictures drawn (the saved notebook holds ${want.pictures})`);
  const live = await page.evaluate(views);
  check(live === want.views, `${when}: ${live} views live (the saved notebook holds ${want.views}; none is live in an untrusted notebook)`);
  if (live > 0) {
    const moved = await page.evaluate(slide);
    check(moved.before !== moved.after, `${when}: a slider moved: "${moved.before}" -> "${moved.after}"`);
  }
  await page.evaluate(() => (shownPanel().querySelector('div.gograd-view') ||
    shownPanel().querySelector('.jp-OutputArea-output svg, .jp-OutputArea-output img'))?.scrollIntoView());
  await page.screenshot({ path: path.join(OUT_DIR, `${name}-lab-${when}.png`) });
}

const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  const saved = await stored();
  await page.addInitScript(() => {
    window.shownPanel = () => [...document.querySelectorAll('.jp-NotebookPanel')].find((p) => p.checkVisibility());
  });
  await page.goto(`${base}/lab/tree/${notebook}?token=${JUPYTER_TOKEN}`);
  await page.waitForFunction(() => shownPanel()?.querySelector('.jp-Cell'), undefined, { timeout: 120_000 });
  await look(page, 'saved', saved);

  // Restart Kernel and Run All Cells, from the Kernel menu, accepting its dialog.
  await page.click('li.lm-MenuBar-item:has-text("Kernel")');
  await page.click('li.lm-Menu-item[data-command="runmenu:restart-and-run-all"]');
  await page.click('.jp-Dialog .jp-mod-accept');
  const start = Date.now();
  await page.waitForFunction((n) => {
    const panel = shownPanel();
    const prompts = [...panel.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')].map((p) => p.textContent);
    return prompts.length === n && prompts.every((p) => /\[\d+\]/.test(p)) &&
      panel.querySelector('.jp-Notebook-ExecutionIndicator')?.dataset.status === 'idle';
  }, saved.code.length, { timeout: RUN_TIMEOUT_MS, polling: 500 }).catch(() => check(false, 'Run All: not every cell ran'));
  say(`Run All took ${((Date.now() - start) / 1000).toFixed(1)} s`);
  await look(page, 'run', saved);
  await page.keyboard.press('Control+s');
  await page.waitForTimeout(2000);
  const after = await stored();
  check(after.errors.length === 0, `after Run All, saved: ${after.errors.length ? after.errors.join('; ') : 'no error output'}`);
  check(after.code.every((c) => c.execution_count), `after Run All, saved: every code cell has run (${after.code.length})`);
  check(dialogs.length === 0, `no browser dialogs${dialogs.length ? ': ' + dialogs.join('; ') : ''}`);
} finally {
  await browser.close();
}
say(failed ? `${failed} failed` : 'all passed');
process.exit(failed ? 1 : 0);
