// TEMPORARY (issue 15, views branch): drives the views of the demo notebook (make_demo.py) in
// headless Chromium, for the lead to fold into the project's browser test.
//
//   node check_views.mjs export FILE.html OUT_DIR          nbconvert's HTML export, from file://
//   node check_views.mjs notebook URL OUT_DIR               the classic Notebook UI, trusted notebook:
//                                                           as saved (kernel shut down), then after
//                                                           Kernel > Restart & Run All
//   node check_views.mjs untrusted URL OUT_DIR              the classic Notebook UI, untrusted copy:
//                                                           still pictures, no script runs
//   node check_views.mjs lab NOTEBOOK.ipynb OUT_DIR         each text/html output put in a page the
//                                                           way JupyterLab's HTML renderer does for a
//                                                           trusted output (innerHTML into a detached
//                                                           host, scripts re-created, host attached)
// URL is http://127.0.0.1:PORT/notebooks/NAME.ipynb?token=TOKEN. In every page: the slider and the
// Next button change the drawn numbers to the values derived by hand below, labels made of markup
// show literally and run nothing, two identical views work apart, the steps' picture and caption
// fit a 1280x900 window together, and the time from an input event to the next frame is measured.
// Writes screenshots to OUT_DIR; prints "views: N checks passed, M failed"; exits 1 on failures.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';

const [mode, target, outDir] = process.argv.slice(2);
if (!['export', 'notebook', 'untrusted', 'lab'].includes(mode) || !target || !outDir) {
  console.error('usage: node check_views.mjs export|notebook|untrusted|lab FILE_OR_URL OUT_DIR');
  process.exit(2);
}
fs.mkdirSync(outDir, { recursive: true });
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let passed = 0;
let failed = 0;
function check(what, ok, detail = '') {
  if (ok) {
    passed++;
  } else {
    failed++;
    console.log(`FAIL ${what}${detail ? ': ' + detail : ''}`);
  }
}
const same = (what, got, want) => check(what, JSON.stringify(got) === JSON.stringify(want),
  `got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);

// The numbers, by hand. The neuron: o = tanh(x1*w1 + x2*w2 + b) with w1 = -3, x2 = 0, w2 = 1,
// b = 6.8813735870195432, so do/dn = 1 - o² and do/dx1 = -3 (1 - o²).
const f4 = (x) => x.toFixed(4);
const B = 6.8813735870195432;
const neuron = (x) => { const o = Math.tanh(-3 * x + B); return { o, dn: 1 - o * o, dx1: -3 * (1 - o * o) }; };

// In the page: reading and driving the views, and timing an action up to the next frame.
const HELPERS = () => {
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  window.gg = {
    count: () => document.querySelectorAll('div.gograd-view').length,
    view: (i) => document.querySelectorAll('div.gograd-view')[i],
    // Every node's texts, by its first text (its label), and its class.
    boxes(i) {
      const boxes = {};
      for (const g of gg.view(i).querySelectorAll('.gograd-picture svg g.node')) {
        const texts = [...g.querySelectorAll('text')].map((t) => t.textContent);
        if (texts.length >= 2) boxes[texts[0]] = { texts: texts.slice(1), cls: g.getAttribute('class') };
      }
      return boxes;
    },
    readouts: (i) => [...gg.view(i).querySelectorAll('.gograd-readouts span')].map((s) => s.textContent),
    controls(i) {
      const v = gg.view(i);
      return {
        ready: v.hasAttribute('data-gograd-ready') && !!v.querySelector('.gograd-ui'),
        still: !!v.querySelector('.gograd-still img'),
        value: v.querySelector('input[type=range]')?.value,
        label: v.querySelector('.gograd-controls span')?.textContent,
        caption: v.querySelector('.gograd-caption')?.textContent,
        prevDisabled: [...v.querySelectorAll('button')].find((b) => b.textContent.includes('Prev'))?.disabled,
        nextDisabled: [...v.querySelectorAll('button')].find((b) => b.textContent.includes('Next'))?.disabled,
      };
    },
    // Moves the slider as a drag does (value set, then an input event).
    async move(i, value) {
      const slider = gg.view(i).querySelector('input[type=range]');
      const t0 = performance.now();
      slider.value = value;
      slider.dispatchEvent(new Event('input', { bubbles: true }));
      const t1 = performance.now();
      await frame();
      return { handler: t1 - t0, frame: performance.now() - t0 };
    },
    async next(i) {
      const button = [...gg.view(i).querySelectorAll('button')].find((b) => b.textContent.includes('Next'));
      const t0 = performance.now();
      button.click();
      const t1 = performance.now();
      await frame();
      return { handler: t1 - t0, frame: performance.now() - t0 };
    },
    // Records, for real input events on view i's slider and buttons, the time from the event's
    // creation to the frame after the view's own handler ran.
    listen(i) {
      window.ggLatency = [];
      const v = gg.view(i);
      // Added after the view's own listeners, so it runs after them.
      const record = (e) => {
        const start = e.timeStamp;
        const handler = performance.now() - start;
        requestAnimationFrame(() => setTimeout(() => ggLatency.push({ handler, frame: performance.now() - start }), 0));
      };
      v.querySelector('input[type=range]').addEventListener('input', record);
      v.querySelectorAll('button').forEach((b) => b.addEventListener('click', record));
    },
    // Whether view i's caption (if any) and picture lie inside the visible part of the page.
    visible(i) {
      const v = gg.view(i);
      const scroller = document.getElementById('site'); // the classic Notebook's scrolling area
      const area = scroller ? scroller.getBoundingClientRect() : { top: 0, bottom: innerHeight, left: 0, right: innerWidth };
      const inside = (el) => { const r = el.getBoundingClientRect(); return r.top >= area.top - 1 && r.bottom <= area.bottom + 1 && r.height > 0; };
      const caption = v.querySelector('.gograd-caption');
      const svg = v.querySelector('.gograd-picture svg');
      const r = svg.getBoundingClientRect();
      return { caption: caption ? inside(caption) : null, picture: inside(svg), pictureHeight: Math.round(r.height), area: Math.round(area.bottom - area.top) };
    },
  };
};

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const latencies = [];
// Each result is { handler, frame }: ms from the input event to the view's handler having
// changed the drawn numbers, and to the next frame after it (when they are painted). The
// handler part must stay within 100 ms every time; the frame part, which also waits for whatever
// else the page and a loaded machine do, within 100 ms at the median. Both are printed.
function timing(label, results) {
  const stats = (key) => {
    const xs = results.map((r) => r[key]);
    return { median: median(xs), max: Math.max(...xs), text: `median ${median(xs).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms` };
  };
  const handler = stats('handler');
  const frame = stats('frame');
  const line = `${label}, over ${results.length}: numbers changed ${handler.text}; next frame ${frame.text}`;
  latencies.push(line);
  check(`${label} within 100 ms`, handler.max <= 100 && frame.median <= 100, line);
}

// The checks of the demo notebook's views, in the order of its cells.
async function checkViews(page, stage) {
  const n = await page.evaluate(() => gg.count());
  same(`${stage}: views on the page`, n, 9);
  for (let i = 0; i < n; i++) {
    const c = await page.evaluate((i) => gg.controls(i), i);
    check(`${stage}: view ${i} has its controls, the still picture replaced`, c.ready && !c.still, JSON.stringify(c));
  }
  const boxes = (i) => page.evaluate((i) => gg.boxes(i), i);
  const readouts = (i) => page.evaluate((i) => gg.readouts(i), i);
  const controls = (i) => page.evaluate((i) => gg.controls(i), i);
  const move = (i, v) => page.evaluate(([i, v]) => gg.move(i, v), [i, v]);
  const next = (i) => page.evaluate((i) => gg.next(i), i);

  // View 0: lesson 01's engine, b = a + a, slider 0..6 by 0.5 from 3.
  same(`${stage}: buggy a+a readouts at a = 3`, await readouts(0),
    ['b = 6.0000', 'a.grad = 1.0000', '(b(a+h) − b(a))/h = 2.0000  (h = 1e-06)', '✗ differ']);
  await move(0, 9);
  same(`${stage}: buggy a+a readouts at a = 4.5`, await readouts(0),
    ['b = 9.0000', 'a.grad = 1.0000', '(b(a+h) − b(a))/h = 2.0000  (h = 1e-06)', '✗ differ']);
  same(`${stage}: buggy a+a slider label`, (await controls(0)).label, '4.5');
  const b0 = await boxes(0);
  same(`${stage}: buggy a+a boxes at a = 4.5`, [b0.a?.texts, b0.b?.texts], [['data 4.5000', 'grad 1.0000'], ['data 9.0000', 'grad 1.0000']]);
  check(`${stage}: the input a is highlighted`, b0.a?.cls === 'node gograd-current', b0.a?.cls);

  // Views 1 and 2: the neuron, tanh as one op and from exp; slider 0..4 by 0.25 from 2.
  for (const i of [1, 2]) {
    const at = neuron(1.5);
    await move(i, 6);
    const b = await boxes(i);
    same(`${stage}: neuron ${i} x1 at 1.5`, b.x1?.texts, ['data 1.5000', 'grad ' + f4(at.dx1)]);
    same(`${stage}: neuron ${i} o at 1.5`, b.o?.texts, ['data ' + f4(at.o), 'grad 1.0000']);
    same(`${stage}: neuron ${i} n at 1.5`, b.n?.texts, ['data ' + f4(-4.5 + B), 'grad ' + f4(at.dn)]);
    same(`${stage}: neuron ${i} readouts at 1.5`, await readouts(i),
      ['o = ' + f4(at.o), 'x1.grad = ' + f4(at.dx1), '(o(x1+h) − o(x1))/h = ' + f4(at.dx1) + '  (h = 1e-06)', '✓ agree']);
  }

  // View 3: the neuron's backward pass, 10 steps.
  let c = await controls(3);
  check(`${stage}: steps start at step 1`, c.value === '0' && c.label === 'step 1 of 10' && c.prevDisabled && !c.nextDisabled &&
    c.caption.startsWith('o.grad = 1: the derivative of o with respect to itself.'), JSON.stringify(c));
  let b3 = await boxes(3);
  same(`${stage}: step 1 grads`, [b3.o.texts[1], b3.n.texts[1], b3.x1.texts[1]], ['grad 1.0000', 'grad 0.5000', 'grad 0.0000']);
  same(`${stage}: step 1 marks`, [b3.o.cls, b3.n.cls, b3.b.cls], ['node gograd-current', 'node gograd-receiving', 'node']);
  await next(3);
  c = await controls(3);
  b3 = await boxes(3);
  check(`${stage}: Next shows step 2`, c.label === 'step 2 of 10' && !c.prevDisabled &&
    c.caption.startsWith('n = x1*w1 + x2*w2 + b: ') && c.caption.includes('b.grad += 1.0000 × 0.5000 = 0.5000'), JSON.stringify(c));
  same(`${stage}: step 2 grads and marks`, [b3['x1*w1 + x2*w2'].texts[1], b3.b.texts[1], b3.n.cls, b3.o.cls, b3.b.cls],
    ['grad 0.5000', 'grad 0.5000', 'node gograd-current', 'node', 'node gograd-receiving']);
  await move(3, 9);
  c = await controls(3);
  b3 = await boxes(3);
  same(`${stage}: last step grads`, [b3.x1.texts[1], b3.w1.texts[1], b3.x2.texts[1], b3.w2.texts[1]],
    ['grad -1.5000', 'grad 1.0000', 'grad 0.5000', 'grad 0.0000']);
  check(`${stage}: last step`, c.label === 'step 10 of 10' && c.nextDisabled && c.caption.endsWith('is complete.'), JSON.stringify(c));

  // View 4: the buggy notebook Value's f = (a*b)*(a+b), replayed in the engine: right gradients.
  await move(4, 100); // past the end: the last step
  const b4 = await boxes(4);
  same(`${stage}: buggy f steps, last`, [b4.a.texts, b4.b.texts, b4.f.texts],
    [['data -2.0000', 'grad -3.0000'], ['data 3.0000', 'grad -8.0000'], ['data -6.0000', 'grad 1.0000']]);

  // Views 5 and 6: labels of markup.
  const script = '<script>alert(1)</script>';
  const img = '<img src=x onerror="alert(2)">';
  await move(5, 2);
  const b5 = await boxes(5);
  same(`${stage}: markup labels shown literally, at a = 4`, [b5[script]?.texts, b5[img]?.texts],
    [['data 4.0000', 'grad 2.0000'], ['data 8.0000', 'grad 1.0000']]);
  same(`${stage}: markup labels in the readouts`, (await readouts(5)).slice(0, 2), [img + ' = 8.0000', script + '.grad = 2.0000']);
  await next(6);
  c = await controls(6);
  check(`${stage}: markup labels in a caption`, c.caption === `${script} is a leaf: ${script}.grad = 2.0000 is complete.`, c.caption);
  same(`${stage}: no element made from a label`, await page.evaluate(() => document.querySelectorAll('img[src="x"], .gograd-view script:not([type])').length), 0);

  // Views 7 and 8: identical, independent.
  await move(7, 0);
  let twins = [(await boxes(7)).x1.texts[0], (await boxes(8)).x1.texts[0]];
  same(`${stage}: twin views, the first moved`, twins, ['data 1.0000', 'data 2.0000']);
  await move(8, 4);
  twins = [(await boxes(7)).x1.texts[0], (await boxes(8)).x1.texts[0]];
  same(`${stage}: twin views, the second moved`, twins, ['data 1.0000', 'data 3.0000']);

  // Latency: synthetic events timed in the page, then real keys and clicks timed from the event.
  const moves = [];
  for (let k = 0; k < 20; k++) moves.push(await move(2, (k * 7) % 17));
  timing(`${stage}: slider of the 20-Value neuron, set in the page`, moves);
  const clicks = [];
  for (let round = 0; round < 2; round++) {
    await move(3, 0);
    for (let k = 0; k < 9; k++) clicks.push(await next(3));
  }
  timing(`${stage}: Next of the steps, clicked in the page`, clicks);
  await page.evaluate(() => gg.listen(1));
  await page.locator('div.gograd-view').nth(1).locator('input[type=range]').focus();
  for (let k = 0; k < 10; k++) {
    await page.keyboard.press(k < 5 ? 'ArrowRight' : 'ArrowLeft');
    await page.waitForTimeout(30);
  }
  await move(3, 0);
  await page.evaluate(() => { const l = ggLatency; gg.listen(3); window.ggKeys = l; });
  for (let k = 0; k < 9; k++) {
    await page.locator('div.gograd-view').nth(3).getByRole('button', { name: /Next/ }).click();
    await page.waitForTimeout(30);
  }
  const real = await page.evaluate(() => ({ keys: window.ggKeys, clicks: window.ggLatency }));
  timing(`${stage}: arrow keys on the slider of the 10-Value neuron`, real.keys);
  timing(`${stage}: mouse clicks on Next of the steps`, real.clicks);

  // The steps' picture and caption together in a 1280x900 window.
  await move(3, 1);
  await page.locator('div.gograd-view').nth(3).evaluate((v) => v.scrollIntoView({ block: 'start' }));
  await page.waitForTimeout(200);
  const vis = await page.evaluate(() => gg.visible(3));
  check(`${stage}: steps caption and picture visible together at 1280x900`, vis.caption && vis.picture, JSON.stringify(vis));
  await page.screenshot({ path: path.join(outDir, `${stage}-steps.png`) });
  await page.locator('div.gograd-view').nth(1).evaluate((v) => v.scrollIntoView({ block: 'start' }));
  await page.waitForTimeout(200);
  await page.screenshot({ path: path.join(outDir, `${stage}-nudge.png`) });
}

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_FLAGS });
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
const dialogs = [];
const errors = [];
page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
page.on('pageerror', (e) => errors.push(e.message));
// Debian's Notebook asks for a widgets extension that it does not ship: not the views' doing.
const notOurs = /nbextensions\/widgets|Failed to load resource: the server responded with a status of 404/;
page.on('console', (m) => { if (m.type() === 'error' && !notOurs.test(m.text())) errors.push('console: ' + m.text()); });
// No network: only the page's own server (or none, for a file) may be reached.
const origin = mode === 'export' || mode === 'lab' ? null : new URL(target).origin;
const offsite = [];
await page.route('**/*', (route) => {
  const url = route.request().url();
  if (url.startsWith('file:') || url.startsWith('data:') || (origin && url.startsWith(origin))) return route.continue();
  offsite.push(url);
  return route.abort();
});

try {
  if (mode === 'export') {
    await page.goto('file://' + path.resolve(target));
    await page.evaluate(HELPERS);
    await checkViews(page, 'export');
  } else if (mode === 'lab') {
    // JupyterLab's renderHTML (trusted): host.innerHTML = source, then evalInnerHTMLScriptTags,
    // which replaces every <script> by a new one with the same attributes and text; the output's
    // host is attached to the page afterwards.
    const nb = JSON.parse(fs.readFileSync(target, 'utf8'));
    const outputs = nb.cells.flatMap((c) => c.outputs || []).map((o) => o.data?.['text/html']).filter(Boolean)
      .map((h) => (Array.isArray(h) ? h.join('') : h));
    await page.setContent('<!doctype html><meta charset="utf-8"><body></body>');
    await page.evaluate((outputs) => {
      for (const html of outputs) {
        const host = document.createElement('div');
        host.innerHTML = html;
        for (const script of Array.from(host.getElementsByTagName('script'))) {
          const clone = document.createElement('script');
          for (const { name, value } of Array.from(script.attributes)) clone.setAttribute(name, value);
          clone.textContent = script.textContent;
          script.parentNode.replaceChild(clone, script);
        }
        document.body.appendChild(host);
      }
    }, outputs);
    await page.evaluate(HELPERS);
    await checkViews(page, 'lab');
  } else if (mode === 'notebook') {
    await page.goto(target);
    await page.waitForFunction(() => window.Jupyter && Jupyter.notebook && Jupyter.notebook._fully_loaded, null, { timeout: 60000 });
    check('the notebook is trusted', await page.evaluate(() => Jupyter.notebook.trusted));
    // As saved: shut the kernel down first, so that nothing below can use it, and close the
    // Notebook's dialog about it.
    await page.waitForFunction(() => Jupyter.notebook.session && Jupyter.notebook.session.id, null, { timeout: 60000 });
    await page.evaluate(() => Jupyter.notebook.session.delete());
    const kernels = await page.evaluate(async () => {
      for (let i = 0; i < 20; i++) {
        const running = (await (await fetch('/api/kernels')).json()).length;
        if (running === 0) return 0;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      return (await (await fetch('/api/kernels')).json()).length;
    });
    same('kernels running while the saved views are used', kernels, 0);
    await page.waitForTimeout(1500);
    for (const button of await page.locator('.modal.in .modal-footer button').all()) {
      await button.click();
      break;
    }
    await page.waitForTimeout(500);
    await page.evaluate(HELPERS);
    await checkViews(page, 'saved');
    // Restart & Run All, from the menu, as a student does.
    await page.reload();
    await page.waitForFunction(() => window.Jupyter && Jupyter.notebook && Jupyter.notebook._fully_loaded && Jupyter.notebook.kernel, null, { timeout: 60000 });
    await page.evaluate(() => document.querySelectorAll('div.gograd-view').forEach((v) => v.setAttribute('data-saved', '')));
    await page.click('#kernellink');
    await page.click('#restart_run_all');
    await page.getByRole('button', { name: 'Restart and Run All Cells' }).click();
    const started = Date.now();
    // Done when every code cell has run again and all nine views are new ones, set up.
    await page.waitForFunction(() => {
      const cells = Jupyter.notebook.get_cells().filter((c) => c.cell_type === 'code');
      return cells.every((c) => typeof c.input_prompt_number === 'number') &&
        document.querySelectorAll('div.gograd-view[data-saved]').length === 0 &&
        document.querySelectorAll('div.gograd-view[data-gograd-ready]').length === 9;
    }, null, { timeout: 300000, polling: 500 });
    console.log(`Restart & Run All took ${((Date.now() - started) / 1000).toFixed(1)} s`);
    await page.evaluate(HELPERS);
    await checkViews(page, 'run');
  } else {
    await page.goto(target);
    await page.waitForFunction(() => window.Jupyter && Jupyter.notebook && Jupyter.notebook._fully_loaded, null, { timeout: 60000 });
    check('the copy is untrusted', !(await page.evaluate(() => Jupyter.notebook.trusted)));
    const still = await page.evaluate(() => [...document.querySelectorAll('.output_html')].map((o) => ({
      img: !!o.querySelector('img[src^="data:image/svg+xml;base64,"]'),
      note: (o.textContent || '').includes('need a trusted notebook'),
      ui: !!o.querySelector('.gograd-ui'),
      scripts: o.querySelectorAll('script').length,
      loaded: [...o.querySelectorAll('img')].every((i) => i.complete && i.naturalWidth > 0),
    })));
    same('untrusted: outputs', still.length, 9);
    for (const [i, s] of still.entries()) {
      check(`untrusted: output ${i} shows its still picture and the note, no controls, no script`,
        s.img && s.note && !s.ui && s.scripts === 0 && s.loaded, JSON.stringify(s));
    }
    await page.locator('.output_html').nth(3).evaluate((o) => o.scrollIntoView({ block: 'start' }));
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(outDir, 'untrusted.png') });
  }
} catch (e) {
  check('the run finished', false, e.stack);
}
same('alert dialogs', dialogs, []);
same('page errors', errors, []);
same('requests off the page', offsite, []);
await browser.close();
for (const l of latencies) console.log(l);
console.log(`views: ${passed} checks passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
