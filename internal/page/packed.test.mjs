// Tests of packed.js, the browser's decoder of packed numbers, over the
// fixture that packed_test.go writes with packed.go (packed.json, in the
// folder $GOGRAD_JS_FIXTURES): make jstest writes it, then runs these.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';

const here = new URL('.', import.meta.url);
const packed = vm.runInThisContext(readFileSync(new URL('packed.js', here), 'utf8'));
const fixtures = process.env.GOGRAD_JS_FIXTURES;
if (!fixtures) throw new Error('GOGRAD_JS_FIXTURES is not set: run make jstest, which writes the fixtures with Go first');
const fixture = JSON.parse(readFileSync(join(fixtures, 'packed.json'), 'utf8'));

test('every packed value decodes within half a level of what was packed', async () => {
  const parts = await packed.unpack(fixture.packed);
  for (const [name, values] of Object.entries(fixture.values)) {
    assert.equal(parts[name].length, values.length, name);
    values.map(Number).forEach((want, j) => {
      const got = parts[name][j];
      if (!Number.isFinite(want)) {
        assert.ok(Number.isNaN(got), `${name}[${j}]: ${got} for ${want}, want NaN`);
      } else {
        assert.ok(Math.abs(got - want) <= fixture.within[name] * (1 + 1e-12), `${name}[${j}]: ${got}, want ${want}`);
      }
    });
  }
  for (const [name, bytes] of Object.entries(fixture.bytes)) {
    assert.deepEqual([...parts[name]], bytes, name);
  }
});

// Hand-derived: "wraps" holds -1, 1, -1, 1 at the full scale, codes -32767 and 32767, whose changes
// (±65534) only fit 16 bits modulo 2¹⁶; "perStep" divides each step by its own scale.
test('changes wrap around 2^16 and scales may be per step', async () => {
  const parts = await packed.unpack(fixture.packed);
  assert.deepEqual([...parts.wraps.slice(0, 4)], [-1, 1, -1, 1]);
  assert.deepEqual([...parts.perStep.slice(0, 2)], [3, -6]);
  assert.ok(Number.isNaN(parts.perStep[4]) && Number.isNaN(parts.perStep[5]));
});

test('a buffer longer than its parts is refused', async () => {
  const short = { ...fixture.packed, parts: fixture.packed.parts.slice(0, -1) };
  await assert.rejects(packed.unpack(short), /their parts/);
});
