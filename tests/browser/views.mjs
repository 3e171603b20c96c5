// The lessons' interactive views (views.Nudge, views.StepByStep) in a page: moves their sliders
// and clicks Next as a student does, checks that the drawn numbers become the values derived by
// hand below, and times each action up to the next frame. Used by notebook_ui.mjs, in JupyterLab
// and Notebook 7 (as saved, with no kernel running, and after Restart & Run All) and in nbconvert's
// HTML export of the lessons.

const f4 = (x) => x.toFixed(4);
const B = 6.8813735870195432; // the neuron's bias
// The neuron o = tanh(x1*w1 + x2*w2 + b), w1 = -3, x2 = 0: do/dn = 1 - o², do/dx1 = -3 (1 - o²).
const neuron = (x) => { const o = Math.tanh(-3 * x + B); return { o, dn: 1 - o * o, dx1: -3 * (1 - o * o) }; };
const estimate = (name, input, value) => `(${name}(${input}+h) − ${name}(${input}))/h = ${value}  (h = 1e-06)`;

// In the page: reading and driving the views, and timing an action up to the next frame.
export function pageHelpers() {
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  const view = (i) => document.querySelectorAll('div.gograd-view')[i];
  const button = (i, name) => [...view(i).querySelectorAll('button')].find((b) => b.textContent.includes(name));
  const timed = async (act) => {
    const t0 = performance.now();
    act();
    const handler = performance.now() - t0;
    await frame();
    return { handler, frame: performance.now() - t0 };
  };
  window.gograd = {
    count: () => document.querySelectorAll('div.gograd-view[data-gograd-ready]').length,
    // Every box's texts after its label, and its class, by its label (without the operation
    // that a compact box writes after it: "n (+)" is n).
    boxes(i) {
      const boxes = {};
      for (const g of view(i).querySelectorAll('.gograd-picture svg g.node')) {
        const texts = [...g.querySelectorAll('text')].map((t) => t.textContent);
        if (texts.length >= 2) boxes[texts[0].replace(/ \(.*\)$/, '')] = { texts: texts.slice(1), cls: g.getAttribute('class') };
      }
      return boxes;
    },
    readouts: (i) => [...view(i).querySelectorAll('.gograd-readouts span')].map((s) => s.textContent),
    controls: (i) => ({
      label: view(i).querySelector('.gograd-controls span')?.textContent,
      caption: view(i).querySelector('.gograd-caption')?.textContent,
    }),
    move: (i, value) => timed(() => {
      const slider = view(i).querySelector('input[type=range]');
      slider.value = value;
      slider.dispatchEvent(new Event('input', { bubbles: true }));
    }),
    next: (i) => timed(() => button(i, 'Next').click()),
    prev: (i) => timed(() => button(i, 'Prev').click()),
    // Whether view i's caption and picture are both inside the window: the caption, the
    // picture's box (a picture taller than the room the window leaves scrolls in it) and the
    // current Value, shown in that box.
    together(i) {
      const inside = (el, box) => {
        const r = el.getBoundingClientRect();
        const b = box ? box.getBoundingClientRect() : { top: 0, bottom: innerHeight, left: 0, right: innerWidth };
        return r.height > 0 && r.top >= Math.max(0, b.top) - 0.5 && r.bottom <= Math.min(innerHeight, b.bottom) + 0.5 &&
          r.left >= b.left - 0.5 && r.right <= b.right + 0.5;
      };
      const box = view(i).querySelector('.gograd-picture');
      const current = box.querySelector('g.gograd-current');
      return inside(view(i).querySelector('.gograd-caption')) && inside(box) && Boolean(current) && inside(current, box);
    },
    scrollTo: (i) => view(i).scrollIntoView({ block: 'start' }),
  };
}

// The checks, by lesson. Each gets the page and a `same(what, got, want)`; views are numbered in
// page order. Each returns the timings of its actions.
const lessons = {
  // L = (a·b + c)·f at b = -3, c = 10, f = -2: L = 6a - 20, dL/da = b·f = 6 (slider -2..6 by 0.5).
  '00_derivatives': (page, same) => nudge(page, same, { input: 'a', output: 'L', f: (a) => 6 * a - 20, grad: '6.0000',
    slope: '6.0000', verdict: '✓ agree', at: [[12, 4], [0, -2], [16, 6]] }),
  // The nudge of b = a + a (slider 0..6 by 0.5), before the fix: grad 1 where the slope is 2; after it: 2.
  async '02_backward_order_and_accumulation'(page, same) {
    return [...await nudge(page, same, { ...aPlusA, grad: '1.0000', verdict: '✗ differ' }),
      ...await nudge(page, same, { ...aPlusA, grad: '2.0000', verdict: '✓ agree', view: 1 })];
  },
  // The neuron, tanh as one operation and built from exp, compact boxes (data, grad): the same
  // numbers at every x1.
  async '07_tanh_from_exp'(page, same) {
    const times = [];
    for (const i of [0, 1]) {
      for (const [position, x] of [[10, 1.5], [30, 2.5]]) { // slider 1..3 by 0.05
        times.push(await act(page, 'move', i, position));
        const at = neuron(x);
        const b = await page.evaluate((i) => gograd.boxes(i), i);
        same(`view ${i + 1} at x1 = ${x}: x1, n and o`, [b.x1?.texts, b.n?.texts, b.o?.texts],
          [[f4(x), f4(at.dx1)], [f4(-3 * x + B), f4(at.dn)], [f4(at.o), '1.0000']]);
        same(`view ${i + 1} at x1 = ${x}: readouts`, await page.evaluate((i) => gograd.readouts(i), i),
          ['o = ' + f4(at.o), 'x1.grad = ' + f4(at.dx1), estimate('o', 'x1', f4(at.dx1)), '✓ agree']);
      }
    }
    return times;
  },
  // Backward step by step on the neuron, in lesson 08's engine.
  async '08_the_autograd_engine'(page, same) {
    const boxes = () => page.evaluate(() => gograd.boxes(0));
    const controls = () => page.evaluate(() => gograd.controls(0));
    const times = [await act(page, 'move', 0, 0)];
    let c = await controls();
    let b = await boxes();
    same('step 1: label and caption', [c.label, c.caption?.split('\n')[0]],
      ['step 1 of 10', 'o.grad = 1: the derivative of o with respect to itself.']);
    same('step 1: gradients and marks', [b.o?.texts[1], b.n?.texts[1], b.o?.cls, b.n?.cls],
      ['grad 1.0000', 'grad 0.5000', 'node gograd-current', 'node gograd-receiving']);
    times.push(await act(page, 'next', 0));
    c = await controls();
    b = await boxes();
    same('Next, step 2: label', c.label, 'step 2 of 10');
    same('step 2: what it adds', c.caption?.includes('b.grad += 1.0000 × 0.5000 = 0.5000 → b.grad = 0.5000') &&
      c.caption.includes('(x1*w1 + x2*w2).grad += 1.0000 × 0.5000'), true);
    same('step 2: gradients and marks', [b['x1*w1 + x2*w2']?.texts[1], b.b?.texts[1], b.n?.cls, b.b?.cls],
      ['grad 0.5000', 'grad 0.5000', 'node gograd-current', 'node gograd-receiving']);
    same('step 2: caption and picture together in the window',
      await page.evaluate(() => { gograd.scrollTo(0); return gograd.together(0); }), true);
    for (let k = 0; k < 8; k++) times.push(await act(page, 'next', 0));
    b = await boxes();
    same('step 10: the leaves', [b.x1?.texts[1], b.w1?.texts[1], b.x2?.texts[1], b.w2?.texts[1]],
      ['grad -1.5000', 'grad 1.0000', 'grad 0.5000', 'grad 0.0000']);
    times.push(await act(page, 'prev', 0));
    same('Prev, step 9: label', (await controls()).label, 'step 9 of 10');
    return times;
  },
};

// The fixture hostile_labels.ipynb: labels made of markup show literally and run nothing.
const SCRIPT = '<script>alert(1)</script>';
const IMG = '<img src=x onerror="alert(2)">';
lessons.hostile_labels = async (page, same) => {
  const times = [await act(page, 'move', 0, 2)]; // a = 2
  const b = await page.evaluate(() => gograd.boxes(0));
  same('markup labels in the boxes', [b[SCRIPT]?.texts, b[IMG]?.texts], [['data 2.0000', 'grad 2.0000'], ['data 4.0000', 'grad 1.0000']]);
  same('markup labels in the readouts', (await page.evaluate(() => gograd.readouts(0))).slice(0, 2), [`${IMG} = 4.0000`, `${SCRIPT}.grad = 2.0000`]);
  times.push(await act(page, 'next', 1));
  same('markup labels in a caption', (await page.evaluate(() => gograd.controls(1))).caption,
    `${SCRIPT} is a leaf: (${SCRIPT}).grad = 2.0000 is complete.`);
  same('elements made from labels', await page.evaluate(() => document.querySelectorAll('img[src="x"], .gograd-view script:not([type])').length), 0);
  return times;
};

const aPlusA = { input: 'a', output: 'b', f: (a) => 2 * a, slope: '2.0000', at: [[6, 3], [9, 4.5], [0, 0]] };

// A view of views.Nudge, the page's view number `view` (default the first): at each [slider
// position, input value], the input's and the output's boxes and the readouts (output, input's
// grad, the nudged estimate of the slope, the verdict).
async function nudge(page, same, { input, output, f, grad, slope, verdict, at, view = 0 }) {
  const times = [];
  const name = view ? `view ${view + 1}, ` : '';
  for (const [position, x] of at) {
    times.push(await act(page, 'move', view, position));
    const b = await page.evaluate((i) => gograd.boxes(i), view);
    same(`${name}${input} = ${x}: boxes ${input} and ${output}`, [b[input]?.texts, b[output]?.texts],
      [['data ' + f4(x), 'grad ' + grad], ['data ' + f4(f(x)), 'grad 1.0000']]);
    same(`${name}${input} = ${x}: readouts`, await page.evaluate((i) => gograd.readouts(i), view),
      [`${output} = ${f4(f(x))}`, `${input}.grad = ${grad}`, estimate(output, input, slope), verdict]);
  }
  return times;
}

const act = (page, what, i, value) => page.evaluate(([what, i, value]) => gograd[what](i, value), [what, i, value]);

// The number of views each lesson shows.
export const viewCounts = { '00_derivatives': 1, '02_backward_order_and_accumulation': 2, '07_tanh_from_exp': 2, '08_the_autograd_engine': 1, hostile_labels: 2 };

// Checks lesson stem's views in page (helpers installed); returns problems and timings: each
// action's time until the numbers changed (handler) and until the next frame (frame), in ms.
export async function checkViews(page, stem) {
  const problems = [];
  const same = (what, got, want) => {
    if (JSON.stringify(got) !== JSON.stringify(want)) problems.push(`${what}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
  };
  const want = viewCounts[stem] || 0;
  same('views with their controls', await page.evaluate(() => gograd.count()), want);
  if (!want || problems.length) return { problems, times: [] };
  const times = await lessons[stem](page, same);
  return { problems, times };
}
