import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BIGINT, BOOLEAN, DOUBLE, VARCHAR, float64Block, objectBlock, getValue, boolBlock } from '@petrel/spi';
import { GroupByHash } from './group-by-hash.js';

function ids(hash: GroupByHash, blocks: Parameters<GroupByHash['getGroupIds']>[0], count: number, insert = true): number[] {
  const out = new Int32Array(count);
  if (insert) hash.getGroupIds(blocks, count, out);
  else hash.lookupGroupIds(blocks, count, out);
  return Array.from(out);
}

describe('GroupByHash', () => {
  it('groups numbers, NULL and NaN, and keeps working when a BIGINT beyond 2^53 arrives', () => {
    const hash = new GroupByHash([BIGINT]);
    assert.deepEqual(ids(hash, [float64Block(new Float64Array([1, 2, 3, 2]))], 4), [0, 1, 2, 1]);
    assert.deepEqual(ids(hash, [objectBlock([2, 9007199254740993n, null, 1, null])], 5), [1, 3, 4, 0, 4]);
    assert.deepEqual(ids(hash, [float64Block(new Float64Array([3, 7]), new Uint8Array([0, 1]))], 2), [2, 4]);
    assert.deepEqual(ids(hash, [objectBlock([9007199254740993n, 5])], 2, false), [3, -1]);
    const keys = hash.getKeyBlocks()[0]!;
    assert.deepEqual([0, 1, 2, 3, 4].map((g) => getValue(keys, g)), [1, 2, 3, 9007199254740993n, null]);
    const doubles = new GroupByHash([DOUBLE]);
    assert.deepEqual(ids(doubles, [float64Block(new Float64Array([NaN, 0, -0, NaN, 1.5]))], 5), [0, 1, 1, 0, 2]);
  });

  it('groups several columns of mixed layouts', () => {
    const hash = new GroupByHash([VARCHAR, BOOLEAN, BIGINT]);
    const a = objectBlock(['x', 'x', 'y', null, 'x']);
    const b = boolBlock(new Uint8Array([1, 1, 0, 0, 0]), new Uint8Array([0, 0, 0, 1, 0]));
    const c = float64Block(new Float64Array([1, 1, 1, 1, 1]));
    assert.deepEqual(ids(hash, [a, b, c], 5), [0, 0, 1, 2, 3]);
    assert.deepEqual(ids(hash, [objectBlock(['y', null]), objectBlock([false, null]), objectBlock([1, 1])], 2, false), [1, 2]);
    const blocks = hash.getKeyBlocks();
    assert.deepEqual([0, 1, 2, 3].map((g) => blocks.map((k) => getValue(k, g))), [['x', true, 1], ['y', false, 1], [null, null, 1], ['x', false, 1]]);
  });

  it('grows past many rehashes', () => {
    const hash = new GroupByHash([BIGINT]);
    const n = 100000;
    const keys = new Float64Array(n);
    for (let i = 0; i < n; i++) keys[i] = i * 7919;
    ids(hash, [float64Block(keys)], n);
    const again = ids(hash, [float64Block(keys)], n, false);
    assert.equal(hash.groupCount, n);
    assert.ok(again.every((g, i) => g === i));
  });
});

describe('ColumnAccumulator', () => {
  it('appends typed and object blocks, switching layout when needed', async () => {
    const { ColumnAccumulator } = await import('../block/block-builder.js');
    const { int32Block } = await import('@petrel/spi');
    const numbers = new ColumnAccumulator(BIGINT);
    numbers.appendBlock(float64Block(new Float64Array([1, 2])));
    numbers.appendBlock(int32Block(new Int32Array([3, 4]), new Uint8Array([0, 1])));
    const built = numbers.build();
    assert.equal(built.kind, 'float64');
    assert.deepEqual([0, 1, 2, 3].map((i) => getValue(built, i)), [1, 2, 3, null]);
    numbers.appendBlock(objectBlock([9007199254740993n]));
    const mixed = numbers.build();
    assert.deepEqual([0, 1, 2, 3, 4].map((i) => getValue(mixed, i)), [1, 2, 3, null, 9007199254740993n]);
    const strings = new ColumnAccumulator(VARCHAR);
    for (let i = 0; i < 3000; i++) strings.appendBlock(objectBlock([`s${i}`]));
    assert.equal(strings.positionCount, 3000);
    assert.equal(getValue(strings.build(), 2999), 's2999');
  });
});
