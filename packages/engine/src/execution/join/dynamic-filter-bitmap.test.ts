import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BIGINT, DOUBLE, float64Block, objectBlock } from '@petrel/spi';
import type { Block, SqlType } from '@petrel/spi';
import { GroupByHash } from '../hash/group-by-hash.js';
import { dynamicFilterBitmap, MAX_BITMAP_RANGE } from './dynamic-filter-bitmap.js';

function keys(type: SqlType, block: Block, count: number): GroupByHash {
  const hash = new GroupByHash([type]);
  hash.getGroupIds([block], count, new Int32Array(count));
  return hash;
}

describe('dynamic filter bitmap', () => {
  it('answers membership of integer build keys and ignores NULL keys', () => {
    const bitmap = dynamicFilterBitmap({ type: BIGINT, hash: keys(BIGINT, objectBlock([-3, 40, null, 7, 40]), 5) });
    assert.ok(bitmap);
    assert.deepEqual([-4, -3, 0, 7, 8, 40, 41, 7.5].map((v) => bitmap.contains(v)), [false, true, false, true, false, true, false, false]);
  });

  it('selects and narrows rows the same way a hash lookup does', () => {
    const build = Float64Array.from({ length: 3000 }, (_, i) => i * 7);
    const hash = keys(BIGINT, float64Block(build), build.length);
    const bitmap = dynamicFilterBitmap({ type: BIGINT, hash });
    assert.ok(bitmap);
    const n = 5000;
    const probe = Float64Array.from({ length: n }, (_, i) => (i * 13) % 25_000);
    const nulls = Uint8Array.from({ length: n }, (_, i) => (i % 11 === 0 ? 1 : 0));
    const ids = new Int32Array(n);
    hash.lookupGroupIds([float64Block(probe)], n, ids);
    const expected: number[] = [];
    for (let i = 0; i < n; i++) if (ids[i]! >= 0 && nulls[i] === 0) expected.push(i);
    const selection = new Int32Array(n);
    const kept = bitmap.selectAll(probe, nulls, n, selection);
    assert.deepEqual([...selection.subarray(0, kept)], expected);
    assert.ok(kept > 0 && kept < n);
    // narrowing by the same filter keeps the selection as it is
    assert.equal(bitmap.narrow(probe, nulls, kept, selection), kept);
    assert.deepEqual([...selection.subarray(0, kept)], expected);
  });

  it('is not built for non-integer types, fractional keys or too wide a range', () => {
    assert.equal(dynamicFilterBitmap({ type: DOUBLE, hash: keys(DOUBLE, float64Block(Float64Array.of(1, 2)), 2) }), undefined);
    assert.equal(dynamicFilterBitmap({ type: BIGINT, hash: keys(BIGINT, objectBlock([1, 2n ** 60n]), 2) }), undefined);
    assert.equal(dynamicFilterBitmap({ type: BIGINT, hash: keys(BIGINT, float64Block(Float64Array.of(0, MAX_BITMAP_RANGE)), 2) }), undefined);
    assert.ok(dynamicFilterBitmap({ type: BIGINT, hash: keys(BIGINT, float64Block(Float64Array.of(0, MAX_BITMAP_RANGE - 1)), 2) }));
  });
});
