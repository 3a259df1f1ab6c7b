import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LEHMER_MODULUS, RandomStream, RandomStream64, lehmerPower, mulModLehmer } from './random-stream.js';

test('mulModLehmer is exact for 31-bit operands', () => {
  const M = BigInt(LEHMER_MODULUS);
  for (const [a, b] of [[2147483646, 2147483646], [16807, 1], [123456789, 987654321], [1, 0]] as const) {
    assert.equal(BigInt(mulModLehmer(a, b)), (BigInt(a) * BigInt(b)) % M);
  }
  assert.equal(lehmerPower(0), 1);
  assert.equal(lehmerPower(1), 16807);
  assert.equal(BigInt(lehmerPower(1000)), 16807n ** 1000n % M);
});

test('skipping rows lands on the same draws as generating them', () => {
  const walked = new RandomStream(1066728069, 3);
  for (let row = 0; row < 1000; row++) {
    walked.nextInt(1, 100);
    if (row % 2 === 0) walked.nextInt(1, 100);
    walked.rowFinished();
  }
  const jumped = new RandomStream(1066728069, 3);
  jumped.advanceRows(1000);
  assert.equal(jumped.nextInt(0, 1_000_000), walked.nextInt(0, 1_000_000));
});

test('nextInt truncates toward zero before adding the low bound, as dbgen', () => {
  // dbgen's first account balance of customer 1 at any scale factor is 711.56.
  const balance = new RandomStream(298370230, 1);
  assert.equal(balance.nextInt(-99999, 999999), 71156);
  // The [0, 2^31 - 1] range wraps to negative values.
  const wide = new RandomStream(881155353, 9);
  wide.nextInt(10, 40);
  assert.ok(wide.nextInt(0, 2147483647) <= 0);
});

test('the 64-bit stream skips rows with the 32-bit jump on its seed, as the reference does', () => {
  const jumped = new RandomStream64(851767375, 1);
  jumped.advanceRows(50);
  const expected = new RandomStream64(mulModLehmer(851767375, lehmerPower(50)), 1);
  assert.equal(jumped.nextLong(1, 4_500_000_000), expected.nextLong(1, 4_500_000_000));
  const a = new RandomStream64(7, 1);
  const b = new RandomStream64(7, 1);
  assert.equal(a.nextLong(1, 10), b.nextLong(1, 10));
});
