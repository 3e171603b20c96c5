// The training view (training.Recorder) in a page, as a student uses it: moves the step slider and
// checks that what the page draws (the loss and accuracy, the points marked as on the wrong side,
// the colour of every cell of the boundary) is what Go sent: the view's data, unpacked here with
// the page's own decoder (internal/page/packed.js) and read with training.js's own stepShown and
// pointSays, which make jstest checks without a browser. Then it checks that Play advances the
// steps and Pause stops them, that pointing at a point and at a weight says their numbers, and
// times slider moves (until the numbers changed, and until the next frame).
//
//   CHROMIUM=/usr/bin/chromium node training.mjs PAGE [options]
//
// PAGE is an HTML file (nbconvert's export) or the URL of a notebook in JupyterLab or Notebook 7
// (with ?token=...). Options:
//   --shot FILE   a screenshot of the view at 1280x900
//   --dark        the dark theme: JupyterLab's (through its Settings menu) or the export's own
//   --run         first Run All (JupyterLab): checks that the view is live while its cell runs,
//                 then checks the view the run left
//   --untrusted   the page is an untrusted notebook: checks that the still picture of the last step
//                 shows, with its note, and that no script ran
// Prints the checks, the timings and "training view: ok" or the problems; exits 1 on a problem.
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';

const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const page_ = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--shot');
if (!page_ || !process.env.CHROMIUM) {
  console.error('usage: CHROMIUM=/path/to/chromium node training.mjs PAGE.html|URL [--shot FILE] [--dark] [--run] [--untrusted]');
  process.exit(2);
}
const url = /^https?:/.test(page_) ? page_ : 'file://' + path.resolve(page_);
const problems = [];
const check = (what, ok, detail = '') => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}${ok ? '' : ': ' + detail}`);
  if (!ok) problems.push(what);
};

// The page's own scripts, run here: the decoder of the packed numbers and the training view's
// model of a step.
const load = (file) => vm.runInThisContext(readFileSync(new URL(file, import.meta.url), 'utf8'));
const packed = load('../../internal/page/packed.js');
const view = load('../../display/training/training.js')(packed);

// In the page: reading and driving the view.
function helpers() {
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  const box = () => document.querySelector('div.gograd-training[data-gograd-ready] .gograd-training-ui');
  window.gt = {
    ready: () => !!box(),
    data: () => document.querySelector('div.gograd-training[data-gograd-ready] script[type="application/json"]').textContent,
    async move(k) {
      const slider = box().querySelector('input[type=range]');
      const t0 = performance.now();
      slider.value = k;
      slider.dispatchEvent(new Event('input', { bubbles: true }));
      const handler = performance.now() - t0;
      await frame();
      return { handler, frame: performance.now() - t0 };
    },
    drawn() {
      const ui = box();
      const canvas = ui.querySelector('.gt-plane canvas');
      const pixels = canvas ? [...canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data] : null;
      return {
        where: ui.querySelector('.gt-controls .gt-mono').textContent,
        status: ui.querySelector('.gt-status').textContent,
        wrong: [...ui.querySelectorAll('.gt-plane circle')].map((c, i) => (c.getAttribute('class') === 'gt-wrong' ? i : -1)).filter((i) => i >= 0),
        pixels,
        width: canvas && canvas.width,
        samples: ui.querySelector('.gt-samples')?.textContent,
      };
    },
    play: () => [...box().querySelectorAll('button')][0].click(),
    button: () => [...box().querySelectorAll('button')][0].textContent,
    pointAt(i) {
      box().querySelectorAll('.gt-plane circle')[i].dispatchEvent(new MouseEvent('mouseenter'));
      return box().querySelector('.gt-plane').parentElement.querySelector('.gt-read').textContent;
    },
    pointAtWeight(layer, row, col) {
      const canvas = box().querySelectorAll('.gt-heat canvas')[2 * layer];
      const r = canvas.getBoundingClientRect();
      canvas.dispatchEvent(new MouseEvent('mousemove', {
        clientX: r.left + ((col + 0.5) / canvas.width) * r.width, clientY: r.top + ((row + 0.5) / canvas.height) * r.height,
      }));
      return box().querySelector('.gt-heat + .gt-read').textContent;
    },
    scrollTo: () => box().scrollIntoView({ block: 'start' }),
  };
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM, args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
try {
  // Errors of the front end's own bundles (Notebook 7 logs some on start) are noted, not counted.
  page.on('pageerror', (e) => {
    if (/\/static\//.test(e.stack || '')) console.log('note: the front end reported', e.message);
    else problems.push('page error: ' + e.message);
  });
  await page.goto(url);
  const lab = /\/lab\b|\/notebooks\//.test(url);
  if (lab) await theme(page, flag('--dark'));
  if (flag('--run')) await runAll(page);
  await (flag('--untrusted') ? untrusted(page) : checkView(page));
} catch (e) {
  problems.push(String(e));
  console.log('FAIL', e.message);
  if (option('--shot')) await page.screenshot({ path: option('--shot').replace(/\.png$/, '-failed.png') }).catch(() => {});
} finally {
  await browser.close();
}
console.log(problems.length ? `training view: ${problems.length} problems: ${problems.join('; ')}` : 'training view: ok');
process.exit(problems.length ? 1 : 0);

// checkView checks the view at a few steps, pointing, Play and Pause, and times the slider.
async function checkView(page) {
  await page.waitForFunction(() => !!document.querySelector('div.gograd-training[data-gograd-ready] .gograd-training-ui'), null, { timeout: 120000 })
    .catch(() => { throw new Error('the training view did not start (no trusted view on the page?)'); });
  await page.evaluate(helpers);
  const d = JSON.parse(await page.evaluate(() => gt.data()));
  const n = await packed.unpack(d.packed);
  console.log(`view: ${d.title}, ${d.steps} steps, ${d.points.length} points, layers ${d.layers.map((l) => `${l.rows}x${l.cols}`).join(' ')}`);
  const S = d.steps;
  for (const k of [...new Set([0, 1, Math.floor(S / 10), Math.floor(S / 2), S - 1])]) {
    await page.evaluate((k) => gt.move(k), k);
    const drawn = await page.evaluate(() => gt.drawn());
    const want = view.stepShown(d, n, k);
    check(`step ${k}: slider label`, drawn.where === `step ${k} of ${S}`, drawn.where);
    check(`step ${k}: status "${want.status}"`, drawn.status === want.status, drawn.status);
    if (!d.plane) {
      const said = d.points.slice(0, 20).map((_, i) => view.pointSays(d, n, i, k)).join('\n');
      check(`step ${k}: the points listed with their scores`, drawn.samples.startsWith(said), drawn.samples);
    }
    if (d.plane) {
      check(`step ${k}: ${want.wrong.length} points ringed as on the wrong side, as Go sent`,
        JSON.stringify(drawn.wrong) === JSON.stringify(want.wrong), `drawn ${JSON.stringify(drawn.wrong)}, sent ${JSON.stringify(want.wrong)}`);
      const palette = d.colors.grid.map((h) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16)).join(','));
      const p = d.plane;
      let same = 0;
      const bad = [];
      for (let r = 0; r < p.rows; r++) {
        for (let c = 0; c < p.cols; c++) {
          const at = ((p.rows - 1 - r) * p.cols + c) * 4; // the canvas's top row is the plane's top
          const shown = palette.indexOf(drawn.pixels.slice(at, at + 3).join(','));
          if (shown === want.levels[r * p.cols + c]) same++;
          else if (bad.length < 5) bad.push(`cell (${c},${r}) drawn level ${shown}, sent ${want.levels[r * p.cols + c]}`);
        }
      }
      check(`step ${k}: boundary, every cell drawn in the level Go sent`, same === p.rows * p.cols, `${same} of ${p.rows * p.cols}: ${bad.join('; ')}`);
    }
  }
  // Pointing.
  const k = Math.floor(S / 2);
  await page.evaluate((k) => gt.move(k), k);
  if (d.plane) {
    const said = await page.evaluate(() => gt.pointAt(3));
    check(`pointing at point 3 says "${view.pointSays(d, n, 3, k)}"`, said === view.pointSays(d, n, 3, k), said);
  }
  const li = d.layers.length > 1 ? 1 : 0, l = d.layers[li];
  const said = await page.evaluate(([li, r, c]) => gt.pointAtWeight(li, r, c), [li, 2 % l.rows, 5 % l.cols]);
  const idx = (2 % l.rows) * l.cols + (5 % l.cols);
  const w = n[`w${li}`][idx * S + k], g = n[`g${li}`][idx * S + k];
  const [, label, value, grad] = said.match(/^(\S+) = (\S+), grad (\S+)/) || [];
  check(`pointing at weight ${l.labels[idx]} says its value ${w.toPrecision(5)} and gradient ${g.toPrecision(4)}`,
    label === l.labels[idx] && value === w.toPrecision(5) && grad === g.toPrecision(4), said);
  // Play and Pause.
  await page.evaluate(() => gt.move(0));
  await page.evaluate(() => gt.play());
  await page.waitForTimeout(600);
  const playing = Number((await page.evaluate(() => gt.drawn())).where.split(' ')[1]);
  const button = await page.evaluate(() => gt.button());
  await page.evaluate(() => gt.play());
  const paused = Number((await page.evaluate(() => gt.drawn())).where.split(' ')[1]);
  await page.waitForTimeout(300);
  const after = Number((await page.evaluate(() => gt.drawn())).where.split(' ')[1]);
  check(`Play advances (step ${playing} after 0.6 s, button "${button}")`, playing >= 2 && /Pause/.test(button), `${playing}`);
  check(`Pause stops (step ${paused}, then ${after})`, after === paused, `${paused} -> ${after}`);
  // Timing.
  const times = [];
  for (let i = 0; i < 40; i++) times.push(await page.evaluate((k) => gt.move(k), (i * 37) % S));
  const h = times.map((t) => t.handler), f = times.map((t) => t.frame);
  console.log(`slider moves: ${times.length}, until the numbers changed median ${median(h).toFixed(1)} ms, max ${Math.max(...h).toFixed(1)} ms; ` +
    `until the next frame median ${median(f).toFixed(1)} ms, max ${Math.max(...f).toFixed(1)} ms`);
  check('slider answers within 100 ms (median, until the next frame)', median(f) <= 100, `${median(f)} ms`);
  if (option('--shot')) {
    await page.evaluate(() => gt.move(Math.floor(JSON.parse(gt.data()).steps / 4)));
    await page.evaluate(() => gt.scrollTo());
    await page.waitForTimeout(300);
    await page.screenshot({ path: option('--shot') });
    console.log('screenshot:', option('--shot'));
  }
}

// untrusted checks the view of an untrusted notebook: its still picture and note, no controls.
async function untrusted(page) {
  await page.waitForSelector('div.gograd-training .gograd-still img', { timeout: 120000 });
  await page.waitForTimeout(1000); // time for a script to run, if one could
  const still = await page.evaluate(() => {
    const box = document.querySelector('div.gograd-training');
    const img = box.querySelector('.gograd-still img');
    box.scrollIntoView({ block: 'start' });
    return { note: box.querySelector('.gograd-still p').textContent, width: img.naturalWidth, alt: img.alt,
      controls: !!box.querySelector('.gograd-training-ui'), ready: box.hasAttribute('data-gograd-ready') };
  });
  check(`untrusted: the still picture shows (${still.width} px wide: "${still.alt}")`, still.width > 0 && /step 99 of 100/.test(still.alt), JSON.stringify(still));
  check('untrusted: the note says why there are no controls', /trusted notebook/.test(still.note), still.note);
  check('untrusted: no script ran', !still.controls && !still.ready, JSON.stringify(still));
  if (option('--shot')) await page.screenshot({ path: option('--shot') });
}

// menu opens a menu of the menu bar and clicks its item, through submenus.
async function menu(page, name, ...items) {
  await page.locator('.lm-MenuBar-itemLabel', { hasText: new RegExp(`^${name}$`) }).click({ timeout: 60000 });
  for (const [i, item] of items.entries()) {
    const entry = page.locator('.lm-Menu-itemLabel', { hasText: new RegExp(`^${item}$`) }).last();
    await (i < items.length - 1 ? entry.hover() : entry.click());
  }
}

// theme switches JupyterLab or Notebook 7 to its dark or light theme through the Settings menu,
// unless it has it already (the server keeps the last one chosen).
async function theme(page, dark) {
  await page.waitForFunction(() => document.body.dataset.jpThemeLight !== undefined, null, { timeout: 60000 });
  if ((await page.evaluate(() => document.body.dataset.jpThemeLight)) === String(!dark)) return;
  await menu(page, 'Settings', 'Theme', dark ? 'JupyterLab Dark' : 'JupyterLab Light');
  await page.waitForFunction((light) => document.body.dataset.jpThemeLight === light, String(!dark), { timeout: 30000 });
}

// runAll runs every cell (Run ▸ Run All Cells), checks that the training view's cell shows its
// live picture while it runs, and waits for the kernel to finish.
async function runAll(page) {
  // The menu item waits for the notebook's widget: a click before it is there finds no enabled item.
  await page.waitForSelector('.jp-NotebookPanel .jp-Cell', { timeout: 120000 });
  await page.click('.lm-MenuBar-item:has-text("Run")', { timeout: 60000 });
  await page.click('.lm-Menu-item[data-command="runmenu:run-all"]:not(.lm-mod-disabled)', { timeout: 60000 });
  const live = await page.waitForSelector('.gograd-training-live', { timeout: 300000 }).then(() => true, () => false);
  check('while the cell runs, the live picture shows', live);
  if (live && option('--shot')) {
    await page.evaluate(() => document.querySelector('.gograd-training-live')?.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: option('--shot').replace(/\.png$/, '-live.png') });
  }
  await page.waitForFunction(() => {
    const status = document.querySelector('.jp-Notebook-ExecutionIndicator, .jp-Toolbar-kernelStatus');
    const busy = [...document.querySelectorAll('.jp-InputArea-prompt')].some((p) => p.textContent.includes('*'));
    return !busy && !document.querySelector('.gograd-training-live') && status !== undefined;
  }, null, { timeout: 600000, polling: 500 });
}
