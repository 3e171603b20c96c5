// Tests of view.js, the views' script, without a browser: the texts it
// shows in each state, from the views' data that fixture_test.go writes
// (views.json, in the folder $GOGRAD_JS_FIXTURES). make jstest writes the
// fixture, then runs these.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';

const setUp = vm.runInThisContext(readFileSync(new URL('view.js', import.meta.url), 'utf8'));
const fixtures = process.env.GOGRAD_JS_FIXTURES;
if (!fixtures) throw new Error('GOGRAD_JS_FIXTURES is not set: run make jstest, which writes the fixtures with Go first');
const views = JSON.parse(readFileSync(join(fixtures, 'views.json'), 'utf8'));

// textsOf returns node → [its texts that change, from the last] in state s.
function textsOf(view, s) {
  const texts = {};
  for (const f of setUp.fieldTexts(view)) (texts[f.node] ||= [])[f.fromEnd - 1] = f.texts[s];
  return texts;
}

// b = a·a at a = 2, 2.5, 3, 3.5, 4: b = 4, 6.25, 9, 12.25, 16; a.grad = 2a; b.grad = 1 throughout.
test('a Nudge view shows each position\'s data and grad', () => {
  const v = views.nudge;
  assert.equal(v.states, 5);
  assert.equal(v.start, 2); // a = 3, the Slider's At
  const at = [2, 2.5, 3, 3.5, 4];
  at.forEach((a, s) => {
    const texts = textsOf(v, s);
    assert.deepEqual(texts.v0, [`grad ${(2 * a).toFixed(4)}`, `data ${a.toFixed(4)}`], `a at ${a}`);
    assert.equal(texts.v1[1], `data ${(a * a).toFixed(4)}`, `b at ${a}`);
    assert.equal(texts.v1[0], undefined, 'b.grad is 1 throughout: it is in the picture, not a field');
  });
  assert.deepEqual(v.extra.agree, [true, true, true, true, true]);
});

// d = e + c, e = a·b, with a = 2, b = 3, c = 4: the Values are numbered a v0, b v1, e v2, c v3, d v4,
// and backward takes d, c, e, b, a. Step 1 (d): d.grad = 1, e.grad and c.grad += 1 × 1. Step 2 (c):
// a leaf. Step 3 (e): a.grad += b × 1 = 3, b.grad += a × 1 = 2. Steps 4 and 5: leaves.
test('a StepByStep view shows the gradients found so far at each step', () => {
  const v = views.steps;
  assert.equal(v.states, 5);
  assert.deepEqual([0, 1, 2, 3, 4].map((s) => textsOf(v, s).v0[0]), ['grad 0.0000', 'grad 0.0000', 'grad 3.0000', 'grad 3.0000', 'grad 3.0000']);
  assert.deepEqual([0, 1, 2, 3, 4].map((s) => textsOf(v, s).v1[0]), ['grad 0.0000', 'grad 0.0000', 'grad 2.0000', 'grad 2.0000', 'grad 2.0000']);
  assert.equal(textsOf(v, 0).v2, undefined, 'e.grad is 1 from the first step on: in the picture');
  assert.deepEqual(v.marks[2], { v2: 'gograd-current', op2: 'gograd-current', v0: 'gograd-receiving', v1: 'gograd-receiving' });
});
