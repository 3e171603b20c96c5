// Drives every kind of view from the keyboard alone, with real key presses (Playwright's
// page.keyboard, which Chromium delivers as a person's keys): a click on the view's own text, then
// Tab until a control of the view has the focus, then the keys that WCAG's "keyboard operable" asks
// a slider and a button to answer. Checks that the view answers (its label changes), that the focus
// stays in the view (JupyterLab's and Notebook 7's command mode take the arrow keys otherwise: an
// arrow selects the next cell), and that the focused control shows a ring (an outline of at least
// 2 px). Used by notebook_ui.mjs (JupyterLab and Notebook 7, as saved) and site.mjs (the website).
//   nudge (views.Nudge)          Tab to the slider; → twice moves it two places, ← once back one
//   steps (views.StepByStep)     Tab to Next; Space goes to step 2; Tab to the slider; End to the
//                                last step, Home to the first, → to step 2
//   training (training.Recorder) Tab to Play; Space plays and Space pauses; Tab to the slider;
//                                ← goes back a step

// In the page: the state of view i of a kind, and where the focus is.
function viewState([selector, i]) {
  const view = document.querySelectorAll(selector)[i];
  const a = document.activeElement;
  const ring = a ? getComputedStyle(a) : null;
  return {
    exists: !!view,
    inView: !!(view && a && view.contains(a)),
    focused: a ? (a.tagName === 'INPUT' ? `slider` : a.tagName === 'BUTTON' ? `button ${a.textContent.trim()}` : a.tagName.toLowerCase()) : 'none',
    ring: ring ? (ring.outlineStyle !== 'none' ? parseFloat(ring.outlineWidth) : 0) : 0,
    value: view?.querySelector('input[type=range]')?.value,
    label: [...(view?.querySelectorAll('.gograd-controls span, .gt-controls span') || [])].map((s) => s.textContent).join(' | '),
    play: [...(view?.querySelectorAll('button') || [])].map((b) => b.textContent).join(' | '),
  };
}

// Clicks view i's text, away from its controls, then presses Tab until the focus is on a control
// of the view whose text or kind matches want (at most 12 presses).
async function tabTo(page, selector, i, want) {
  const text = page.locator(selector).nth(i).locator('.gograd-readouts, .gograd-caption, h4, .gograd-controls span, .gt-controls span').first();
  await text.scrollIntoViewIfNeeded();
  await text.click();
  for (let k = 0; k < 12; k++) {
    await page.keyboard.press('Tab');
    const s = await page.evaluate(viewState, [selector, i]);
    if (s.inView && s.focused.includes(want)) return { ...s, tabs: k + 1 };
  }
  return { ...(await page.evaluate(viewState, [selector, i])), tabs: null };
}

const KINDS = {
  async nudge(page, i, same) {
    const sel = 'div.gograd-view';
    // Start at the left end (the checks before may have moved the slider).
    const max = await page.evaluate(([sel, i]) => { const r = document.querySelectorAll(sel)[i].querySelector('input[type=range]'); r.value = 0; r.dispatchEvent(new Event('input')); return Number(r.max); }, [sel, i]);
    const at = await tabTo(page, sel, i, 'slider');
    same('Tab reaches the slider', [at.inView, at.focused], [true, 'slider']);
    same('the focused slider shows a ring >= 2 px', at.ring >= 2, true);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    let s = await page.evaluate(viewState, [sel, i]);
    const two = Math.min(2, max);
    same('→ → moves the slider two places (or to its end), the focus stays', [Number(s.value), s.inView], [two, true]);
    same('the readout follows', s.label !== at.label, true);
    await page.keyboard.press('ArrowLeft');
    s = await page.evaluate(viewState, [sel, i]);
    same('← moves it back one', Number(s.value), two - 1);
    return at.tabs;
  },
  async steps(page, i, same) {
    const sel = 'div.gograd-view';
    // Start at step 1 (the view may have been stepped by the checks before).
    await page.evaluate(([sel, i]) => { const r = document.querySelectorAll(sel)[i].querySelector('input[type=range]'); r.value = 0; r.dispatchEvent(new Event('input')); }, [sel, i]);
    const at = await tabTo(page, sel, i, 'Next');
    same('Tab reaches Next', [at.inView, at.focused.startsWith('button Next')], [true, true]);
    same('the focused button shows a ring >= 2 px', at.ring >= 2, true);
    await page.keyboard.press('Space');
    let s = await page.evaluate(viewState, [sel, i]);
    same('Space on Next: step 2, the focus stays', [/step 2 of/.test(s.label), s.inView], [true, true]);
    await page.keyboard.press('Tab');
    s = await page.evaluate(viewState, [sel, i]);
    same('Tab from Next reaches the slider', s.focused, 'slider');
    await page.keyboard.press('End');
    s = await page.evaluate(viewState, [sel, i]);
    const last = s.label.match(/step (\d+) of (\d+)/);
    same('End on the slider: the last step, the focus stays', [!!last && last[1] === last[2], s.inView], [true, true]);
    await page.keyboard.press('Home');
    s = await page.evaluate(viewState, [sel, i]);
    same('Home: step 1', /step 1 of/.test(s.label), true);
    await page.keyboard.press('ArrowRight');
    s = await page.evaluate(viewState, [sel, i]);
    same('→: step 2, the focus stays', [/step 2 of/.test(s.label), s.inView], [true, true]);
    return at.tabs;
  },
  async training(page, i, same) {
    const sel = 'div.gograd-training';
    const at = await tabTo(page, sel, i, 'Play');
    same('Tab reaches Play', [at.inView, at.focused.includes('Play')], [true, true]);
    same('the focused button shows a ring >= 2 px', at.ring >= 2, true);
    await page.keyboard.press('Space');
    await page.waitForTimeout(300);
    let s = await page.evaluate(viewState, [sel, i]);
    same('Space on Play: it plays (Pause shows), the focus stays', [s.play.includes('Pause'), s.inView], [true, true]);
    await page.keyboard.press('Space');
    s = await page.evaluate(viewState, [sel, i]);
    same('Space again: it pauses', s.play.includes('Play'), true);
    await page.keyboard.press('Tab');
    const before = await page.evaluate(viewState, [sel, i]);
    same('Tab from Play reaches the slider', before.focused, 'slider');
    await page.keyboard.press(Number(before.value) > 0 ? 'ArrowLeft' : 'ArrowRight');
    s = await page.evaluate(viewState, [sel, i]);
    same('an arrow moves the slider a step, the focus stays', [Math.abs(Number(s.value) - Number(before.value)), s.inView], [1, true]);
    return at.tabs;
  },
};

// The kind of each view on the page, in page order within a kind: nudge, steps or training.
function viewKinds() {
  const kinds = [...document.querySelectorAll('div.gograd-view[data-gograd-ready]')].map((v, i) =>
    ({ sel: 'view', i, kind: [...v.querySelectorAll('button')].some((b) => /Next/.test(b.textContent)) ? 'steps' : 'nudge' }));
  const training = [...document.querySelectorAll('div.gograd-training[data-gograd-ready]')].map((v, i) => ({ sel: 'training', i, kind: 'training' }));
  return kinds.concat(training);
}

// Drives each view of the page from the keyboard; returns problems and one line per view.
export async function checkKeyboard(page) {
  const problems = [];
  const lines = [];
  for (const v of await page.evaluate(viewKinds)) {
    const own = [];
    const same = (what, got, want) => {
      if (JSON.stringify(got) !== JSON.stringify(want)) own.push(`${v.kind} view ${v.i + 1}, keyboard: ${what}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
    };
    const tabs = await KINDS[v.kind](page, v.i, same);
    lines.push(`${v.kind} view ${v.i + 1}: ${own.length ? 'FAIL' : 'ok'} (${tabs ?? '-'} Tab presses to reach it)`);
    problems.push(...own);
  }
  return { problems, lines };
}
