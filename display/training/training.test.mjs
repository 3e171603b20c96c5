// Tests of training.js, the training view's script, without a browser: what
// it shows of each step and says of each point, from the view's data that
// fixture_test.go writes with the recorder (training.json, in the folder
// $GOGRAD_JS_FIXTURES), unpacked with packed.js. make jstest writes the
// fixture, then runs these.
//
// The fixture's network scores a point (x0, x1) as x0 + b, with b = 0 at
// step 0 and 0.5 at step 1, for five points:
//
//   point  x0     label  score at 0  at 1      hinge cost at 0  at 1
//   0      1e-5   +1     1e-5        0.50001   0.99999          0.49999
//   1      -0.3   +1     -0.3        0.2       1.3              0.8
//   2      0      +1     0           0.5       1                0.5
//   3      2      -1     2           2.5       3                3.5
//   4      -1.5   -1     -1.5        -1        0                0
//
// A point is on the wrong side unless its score is above 0 exactly when its
// label is (a score of 0 predicts -1): points 1, 2, 3 at step 0, point 3 at
// step 1; the accuracy is 40% then 80%.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';

const here = new URL('.', import.meta.url);
const load = (file) => vm.runInThisContext(readFileSync(new URL(file, here), 'utf8'));
const packed = load('../../internal/page/packed.js');
const setUp = load('training.js')(packed);
const fixtures = process.env.GOGRAD_JS_FIXTURES;
if (!fixtures) throw new Error('GOGRAD_JS_FIXTURES is not set: run make jstest, which writes the fixtures with Go first');
const d = JSON.parse(readFileSync(join(fixtures, 'training.json'), 'utf8'));

test('the points on the wrong side are the ones Go found, not ones derived from rounded scores', async () => {
  const n = await packed.unpack(d.packed);
  assert.deepEqual(setUp.stepShown(d, n, 0).wrong, [1, 2, 3]);
  assert.deepEqual(setUp.stepShown(d, n, 1).wrong, [3]);
  // Point 0's score travels as 0 (a level is 2.5/8191): from it the page would have ringed the point.
  assert.equal(n.scores[0 * d.steps + 0], 0);
});

test('the status line gives the recorded loss and accuracy', async () => {
  const n = await packed.unpack(d.packed);
  // The mean hinge cost: (0.99999 + 1.3 + 1 + 3 + 0) / 5 = 1.259998 at step 0, (0.49999 + 0.8 + 0.5 + 3.5) / 5 at 1.
  assert.equal(setUp.stepShown(d, n, 0).status, 'loss 1.260   accuracy 40%');
  assert.equal(setUp.stepShown(d, n, 1).status, 'loss 1.060   accuracy 80%');
});

test('a point says its score, its side and the cost that Go recorded', async () => {
  const n = await packed.unpack(d.packed);
  assert.equal(setUp.pointSays(d, n, 1, 0), 'point 1 (-0.3, 0.5), label +1: score -0.3000, on the wrong side, cost 1.300');
  // The largest score and cost travel exactly (they are their parts' scales); others within half a level.
  assert.equal(setUp.pointSays(d, n, 3, 1), 'point 3 (2, 1), label -1: score 2.500, on the wrong side, cost 3.500');
});

test('the plane shows one of the legend\'s levels in every cell', async () => {
  const n = await packed.unpack(d.packed);
  const levels = setUp.stepShown(d, n, 0).levels;
  assert.equal(levels.length, d.plane.cols * d.plane.rows);
  assert.ok([...levels].every((l) => l < d.legend.length - 1), 'a level without a label in the legend');
});
