// Opens notebooks in the classic Notebook UI in headless Chromium and checks what a student sees.
// Run by scripts/browser_test.sh, which starts the Jupyter server; see that script and docs/SETUP.md.
//
//   JUPYTER_URL=http://127.0.0.1:PORT JUPYTER_TOKEN=T CHROMIUM=/usr/bin/chromium OUT_DIR=build/browser \
//     node notebook_ui.mjs DIR/NAME.ipynb...
//
// Each NAME.ipynb must be served by that server at /notebooks/NAME.ipynb. For each notebook:
//  (a) opened as saved, each cell draws as many graphs as its stored outputs hold SVG pictures
//      (inline <svg> in text/html, image/svg+xml, or <img src="data:image/svg+xml...">);
//  (b) after Kernel > Restart & Run All, every code cell ran and none shows an error output or
//      GoNB's HTML error report, except cells tagged raises-exception;
//  (c) saved and after the run, every drawn graph ends inside its output area (nothing hidden
//      past the right edge or scrolled out of view) and its smallest text is >= 8 px on screen;
//  (d) in the lessons with interactive views (views.mjs), as saved with no kernel running and
//      after the run, moving a slider and clicking Next change the drawn numbers to the values
//      derived by hand, within 100 ms at the median (the numbers changing, and the next frame;
//      the maxima are printed).
// With EXPORT_DIR set, (d) also runs on EXPORT_DIR/NAME.html, nbconvert's HTML export of each
// notebook with views. Writes OUT_DIR/NAME-saved.png, NAME-run.png (full page), NAME-views.png
// (the first view, at 1280x900) and report.tsv (one row per graph); prints a table, the views'
// timings and, last, "browser: N passed, M failed"; exits 1 if any notebook failed.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkViews, pageHelpers, viewCounts } from './views.mjs';

const MIN_TEXT_PX = 8;
const VIEWPORT = { width: 1280, height: 900 };
const KERNEL_START_S = 180; // a cold GoNB kernel on a busy 2-core machine
const RUN_TIMEOUT_S = Number(process.env.BROWSER_TEST_TIMEOUT || 300);
const { JUPYTER_URL, JUPYTER_TOKEN, CHROMIUM, OUT_DIR, EXPORT_DIR } = process.env;
const notebooks = process.argv.slice(2);
if (!JUPYTER_URL || !JUPYTER_TOKEN || !CHROMIUM || !OUT_DIR || notebooks.length === 0) {
  console.error('usage: JUPYTER_URL=... JUPYTER_TOKEN=... CHROMIUM=... OUT_DIR=... node notebook_ui.mjs NB.ipynb...');
  process.exit(2);
}

const joined = (text) => (Array.isArray(text) ? text.join('') : text || '');

// What the saved file promises: per cell (0-based), how many outputs hold an SVG picture.
function storedNotebook(file) {
  const nb = JSON.parse(fs.readFileSync(file, 'utf8'));
  const pictures = nb.cells.map((cell) => (cell.outputs || []).filter((out) => {
    const data = out.data || {};
    const html = joined(data['text/html']);
    return 'image/svg+xml' in data || html.includes('<svg') || html.includes('data:image/svg+xml');
  }).length);
  const raises = nb.cells.map((cell) => (cell.metadata?.tags || []).includes('raises-exception'));
  return { pictures, raises, kernel: nb.metadata?.kernelspec?.name };
}

// In the page: every graph in every cell's outputs, with its size, its output area and its smallest
// text. A graph is an outermost <svg> or an <img> of an SVG data URI inside an output area.
function measureGraphs(minTextPx) {
  const unitPx = (el) => { const m = el.getScreenCTM(); return m ? Math.hypot(m.c, m.d) : 0; };
  const smallestText = (svg) => {
    let min = Infinity;
    for (const text of svg.querySelectorAll('text')) {
      const px = parseFloat(getComputedStyle(text).fontSize) * unitPx(text); // user units -> screen px
      if (text.textContent.trim() && px > 0) min = Math.min(min, px);
    }
    return min === Infinity ? null : min;
  };
  // An <img>'s SVG, laid out off screen at the img's drawn size, as the img scales it.
  const smallestTextOfImage = (img, box) => {
    const [head, body] = [img.src.slice(0, img.src.indexOf(',')), img.src.slice(img.src.indexOf(',') + 1)];
    const text = head.endsWith(';base64')
      ? new TextDecoder().decode(Uint8Array.from(atob(body), (c) => c.charCodeAt(0)))
      : decodeURIComponent(body);
    const svg = document.importNode(new DOMParser().parseFromString(text, 'image/svg+xml').documentElement, true);
    if (!svg.hasAttribute('viewBox')) svg.setAttribute('viewBox', `0 0 ${img.naturalWidth} ${img.naturalHeight}`);
    svg.setAttribute('width', box.width);
    svg.setAttribute('height', box.height);
    const holder = document.createElement('div');
    holder.style.cssText = 'position:absolute; left:-100000px; top:0';
    holder.append(svg);
    document.body.append(holder);
    try { return smallestText(svg); } finally { holder.remove(); }
  };
  return Jupyter.notebook.get_cells().map((cell) => {
    const graphs = [];
    if (cell.cell_type !== 'code') return graphs;
    const candidates = cell.output_area.element[0].querySelectorAll('.output_area svg, .output_area img[src^="data:image/svg+xml"]');
    for (const el of candidates) {
      if (el.parentElement.closest('svg')) continue;
      const box = el.getBoundingClientRect();
      const drawn = box.width > 0 && box.height > 0 && (el.tagName !== 'IMG' || (el.complete && el.naturalWidth > 0));
      if (!drawn) continue;
      // What shows of it: its box cut to the output area's width and to every box around it, up to
      // the cell, that clips or scrolls (a wide graph's scroller, a long output's scrolled box).
      const area = el.closest('.output_subarea');
      const style = getComputedStyle(area);
      const areaLeft = area.getBoundingClientRect().left + area.clientLeft + parseFloat(style.paddingLeft);
      const areaWidth = area.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      const shown = { left: areaLeft, right: areaLeft + areaWidth, top: box.top, bottom: box.bottom };
      for (let p = el.parentElement; !p.classList.contains('cell'); p = p.parentElement) {
        const clip = getComputedStyle(p);
        const r = p.getBoundingClientRect();
        if (clip.overflowX !== 'visible') {
          shown.left = Math.max(shown.left, r.left + p.clientLeft);
          shown.right = Math.min(shown.right, r.left + p.clientLeft + p.clientWidth);
        }
        if (clip.overflowY !== 'visible') {
          shown.top = Math.max(shown.top, r.top + p.clientTop);
          shown.bottom = Math.min(shown.bottom, r.top + p.clientTop + p.clientHeight);
        }
      }
      const text = el.tagName === 'IMG' ? smallestTextOfImage(el, box) : smallestText(el);
      graphs.push({
        width: box.width,
        height: box.height,
        areaWidth,
        shownWidth: Math.max(0, Math.min(box.right, shown.right) - Math.max(box.left, shown.left)),
        shownHeight: Math.max(0, Math.min(box.bottom, shown.bottom) - Math.max(box.top, shown.top)),
        minText: text,
        textOk: text === null || text >= minTextPx,
      });
    }
    return graphs;
  });
}

// In the page: each code cell's error outputs and GoNB error reports (with the first line of its
// stderr, where a panic's message is), and whether it ran.
function cellOutcomes() {
  const oneLine = (el) => el.innerText.trim().replace(/\s+/g, ' ').slice(0, 200);
  return Jupyter.notebook.get_cells().map((cell) => {
    if (cell.cell_type !== 'code') return { errors: [], ran: true };
    const outputs = cell.output_area.element[0];
    const errors = [...outputs.querySelectorAll('.output_error, [data-mime-type="application/vnd.jupyter.stderr"]')].map(oneLine);
    const stderr = outputs.querySelector('.output_stderr');
    if (errors.length && stderr) errors[0] += ` (stderr: ${oneLine(stderr)})`;
    return { errors, ran: cell.get_text().trim() === '' || typeof cell.input_prompt_number === 'number' };
  });
}

// A screenshot of the whole notebook. The classic UI scrolls #site, not the page: make the window as
// tall as the notebook for the shot (Chromium's beyond-the-viewport capture cuts editors short).
async function screenshot(page, file) {
  const height = await page.evaluate(() =>
    document.getElementById('header').offsetHeight + document.getElementById('site').scrollHeight);
  await page.setViewportSize({ width: VIEWPORT.width, height });
  await page.waitForFunction((h) => document.getElementById('site').getBoundingClientRect().bottom >= h - 1, height);
  await page.screenshot({ path: file });
  await page.setViewportSize(VIEWPORT);
}

async function open(page, name) {
  await page.goto(`${JUPYTER_URL}/notebooks/${encodeURIComponent(name)}?token=${JUPYTER_TOKEN}`);
  await page.waitForFunction(() => window.Jupyter?.notebook?._fully_loaded, null, { timeout: 60_000 });
  await page.evaluate(() => {
    Jupyter.notebook.set_autosave_interval(0); // the test never writes the notebook (or signs it)
    return new Promise((done) => (window.MathJax?.Hub ? MathJax.Hub.Queue(done) : done()));
  });
  await settle(page);
}

// Waits until images and fonts are loaded and the notebook's height stops changing (MathJax and
// CodeMirror resize cells for a while after the page loads or outputs arrive).
async function settle(page) {
  await page.waitForFunction(() => [...document.querySelectorAll('.output_area img')].every((img) => img.complete));
  await page.evaluate(() => document.fonts.ready);
  await page.waitForFunction(() => {
    const height = document.getElementById('notebook-container').scrollHeight;
    const same = height === window.gogradHeight;
    window.gogradHeight = height;
    return same;
  }, null, { polling: 1000 });
}

async function restartAndRunAll(page) {
  await page.waitForFunction(() => Jupyter.notebook.kernel?.is_connected() &&
    document.querySelector('#kernel_indicator_icon.kernel_idle_icon'), null, { timeout: KERNEL_START_S * 1000 });
  await page.evaluate(() => {
    window.gogradStarted = 0;
    Jupyter.notebook.events.on('execute.CodeCell', () => { window.gogradStarted++; });
  });
  await page.click('#kernellink');
  await page.click('#restart_run_all');
  await page.click('.modal-dialog button:has-text("Restart and Run All Cells")');
  await page.waitForFunction(() => window.gogradStarted > 0 && !document.querySelector('.cell.running') &&
    document.querySelector('#kernel_indicator_icon.kernel_idle_icon'), null,
  { timeout: RUN_TIMEOUT_S * 1000, polling: 500 });
}

async function kernelNames() {
  const res = await fetch(`${JUPYTER_URL}/api/kernelspecs?token=${JUPYTER_TOKEN}`);
  return Object.keys((await res.json()).kernelspecs);
}

// Runs views.mjs's checks on the page; returns problems, and the timings as a line of text.
const timingLines = [];
async function viewChecks(page, stem, state) {
  await page.evaluate(pageHelpers);
  const { problems, times } = await checkViews(page, stem);
  if (times.length) {
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const handler = times.map((t) => t.handler);
    const frame = times.map((t) => t.frame);
    const line = `${stem} (${state}): ${times.length} actions; numbers changed within ${Math.max(...handler).toFixed(1)} ms ` +
      `(median ${median(handler).toFixed(1)}); next frame median ${median(frame).toFixed(1)} ms, max ${Math.max(...frame).toFixed(1)}`;
    timingLines.push(line);
    // Medians: a single slow frame on a busy machine says nothing about the views.
    if (median(handler) > 100 || median(frame) > 100) problems.push(`slower than 100 ms: ${line}`);
  }
  return problems;
}

// Shuts the notebook's kernel down and waits until the server runs none.
async function stopKernel(page) {
  await page.waitForFunction(() => Jupyter.notebook.session?.id, null, { timeout: KERNEL_START_S * 1000 });
  await page.evaluate(() => Jupyter.notebook.session.delete());
  await page.waitForFunction(async () => (await (await fetch('/api/kernels')).json()).length === 0,
    null, { timeout: 30_000, polling: 250 });
}

const fmt = (x) => (x === null || x === undefined ? '-' : Math.round(x).toString());
const size = (w, h) => `${fmt(w)}x${fmt(h)}`;
const textFmt = (x) => (x === null || x === undefined ? '-' : x.toFixed(1));
const rows = []; // one per graph, columns as in header below
const failed = [];
const started = Date.now();
const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gograd-chromium-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: CHROMIUM,
  headless: true,
  viewport: VIEWPORT,
  ignoreDefaultArgs: ['--hide-scrollbars'], // show the scrollbar a person sees under a wide graph
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const installedKernels = await kernelNames();

for (const file of notebooks) {
  const name = path.basename(file);
  const stem = name.replace(/\.ipynb$/, '');
  const stored = storedNotebook(file);
  const problems = [];
  const fail = (cell, check, message) => problems.push(`${cell === null ? '' : `cell ${cell + 1}: `}${check}: ${message}`);
  const record = (state, graphs) => graphs.forEach((list, cell) => list.forEach((g, i) => {
    const fits = g.shownWidth >= g.width - 0.5 && g.shownHeight >= g.height - 0.5;
    rows.push([stem, cell + 1, i + 1, state, size(g.width, g.height), size(g.shownWidth, g.shownHeight),
      fmt(g.areaWidth), fits ? 'yes' : 'NO', textFmt(g.minText)]);
    if (g.shownWidth < g.width - 0.5) {
      fail(cell, `fit (${state})`, `graph ${i + 1} is ${fmt(g.width)} px wide, its output area ${fmt(g.areaWidth)} px: ` +
        `only ${fmt(g.shownWidth)} px show, the rest is scrolled or cut off on the right`);
    }
    if (g.shownHeight < g.height - 0.5) {
      fail(cell, `fit (${state})`, `graph ${i + 1} is ${fmt(g.height)} px tall and only ${fmt(g.shownHeight)} px show: ` +
        'it sits in a scrolled output box');
    }
    if (!g.textOk) fail(cell, `text size (${state})`, `graph ${i + 1}'s smallest text is ${textFmt(g.minText)} px tall (< ${MIN_TEXT_PX} px)`);
  }));
  const t0 = Date.now();
  const page = await context.newPage();
  page.on('dialog', (d) => { fail(null, 'dialog', `a dialog opened (a label ran as script?): ${d.message()}`); d.dismiss(); });
  try {
    if (!installedKernels.includes(stored.kernel)) {
      throw new Error(`the notebook's kernel "${stored.kernel}" is not installed (have: ${installedKernels.join(', ')}); run scripts/install.sh`);
    }
    // (a) and (c), as saved.
    await open(page, name);
    const saved = await page.evaluate(measureGraphs, MIN_TEXT_PX);
    const trusted = await page.evaluate(() => Jupyter.notebook.trusted);
    stored.pictures.forEach((want, cell) => {
      const drawn = saved[cell]?.length ?? 0;
      for (let i = drawn; i < want; i++) rows.push([stem, cell + 1, i + 1, 'saved', 'not drawn', '-', '-', '-', '-']);
      if (drawn < want) {
        fail(cell, 'saved graphs', `${want} stored SVG picture(s), ${drawn} drawn` + (trusted ? ''
          : ' (the notebook is not trusted: the Notebook sanitizer stripped its <svg>)'));
      }
    });
    record('saved', saved);
    await screenshot(page, path.join(OUT_DIR, `${stem}-saved.png`));
    if (viewCounts[stem]) {
      // (d) as saved, with no kernel: then a new page, with a new kernel, for the run.
      await stopKernel(page);
      (await viewChecks(page, stem, 'saved')).forEach((p) => fail(null, 'views (saved, no kernel)', p));
      await page.evaluate(() => gograd.scrollTo(0));
      await page.screenshot({ path: path.join(OUT_DIR, `${stem}-views.png`) });
      await open(page, name);
    }

    // (b) and (c), after Kernel > Restart & Run All.
    let finished = true;
    try {
      await restartAndRunAll(page);
    } catch (err) {
      finished = false;
      fail(null, 'run', `Restart & Run All did not finish within ${RUN_TIMEOUT_S} s (${err.message.split('\n')[0]})`);
    }
    await settle(page);
    const outcomes = await page.evaluate(cellOutcomes);
    outcomes.forEach(({ errors, ran }, cell) => {
      if (errors.length && !stored.raises[cell]) fail(cell, 'error', errors.join(' | '));
      if (finished && !ran) fail(cell, 'run', 'did not run (the run stopped at an earlier error?)');
    });
    record('run', await page.evaluate(measureGraphs, MIN_TEXT_PX));
    await screenshot(page, path.join(OUT_DIR, `${stem}-run.png`));
    if (viewCounts[stem]) (await viewChecks(page, stem, 'run')).forEach((p) => fail(null, 'views (run)', p));
  } catch (err) {
    fail(null, 'stopped', err.message.split('\n')[0]);
  } finally {
    await page.evaluate(() => Jupyter.notebook.session?.delete()).catch(() => {});
    await page.close();
  }
  const seconds = ((Date.now() - t0) / 1000).toFixed(0);
  console.log(`${problems.length ? 'FAIL' : 'ok  '} ${name} (${seconds} s)`);
  problems.forEach((p) => console.log(`     ${name}: ${p}`));
  if (problems.length) failed.push(name);
}
// (d) in the HTML export, opened from a file: no server, no kernel.
for (const file of EXPORT_DIR ? notebooks : []) {
  const stem = path.basename(file).replace(/\.ipynb$/, '');
  if (!viewCounts[stem]) continue;
  const page = await context.newPage();
  const problems = [];
  page.on('dialog', (d) => { problems.push(`a dialog opened (a label ran as script?): ${d.message()}`); d.dismiss(); });
  try {
    await page.goto('file://' + path.resolve(EXPORT_DIR, `${stem}.html`));
    await page.waitForFunction((n) => document.querySelectorAll('div.gograd-view[data-gograd-ready]').length === n, viewCounts[stem]);
    problems.push(...await viewChecks(page, stem, 'HTML export'));
  } catch (err) {
    problems.push(err.message.split('\n')[0]);
  } finally {
    await page.close();
  }
  console.log(`${problems.length ? 'FAIL' : 'ok  '} ${stem}.html (HTML export)`);
  problems.forEach((p) => console.log(`     ${stem}.html: views (HTML export): ${p}`));
  if (problems.length) failed.push(`${stem}.html`);
}
await context.close();
fs.rmSync(userDataDir, { recursive: true, force: true });

const header = ['notebook', 'cell', 'graph', 'state', 'drawn_px', 'shown_px', 'area_width_px', 'fits', 'min_text_px'];
fs.writeFileSync(path.join(OUT_DIR, 'report.tsv'), [header, ...rows].map((r) => r.join('\t')).join('\n') + '\n');
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
console.log('\n' + [header, ...rows].map((r) => r.map((c, i) => String(c).padEnd(widths[i])).join('  ')).join('\n'));
console.log('\nViews: time from an input event to the drawn numbers, and to the next frame');
timingLines.forEach((l) => console.log('  ' + l));
console.log(`\nscreenshots and report.tsv in ${OUT_DIR} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
const checked = notebooks.length + (EXPORT_DIR ? notebooks.filter((f) => viewCounts[path.basename(f).replace(/\.ipynb$/, '')]).length : 0);
console.log(`browser: ${checked - failed.length} passed, ${failed.length} failed`);
process.exit(failed.length ? 1 : 0);
