import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from '@petrel/spi';
import { float64Block, objectBlock, page, pageRows, StandardErrorCode, TrinoError } from '@petrel/spi';
import { deserializePage } from '../serde/page-serde.js';
import { OutputBuffer } from './output-buffer.js';
import { decodePlanJson, encodePlanJson } from './plan-codec.js';

function numbers(...values: number[]): Page {
  return page([float64Block(Float64Array.from(values)), objectBlock(values.map((v) => `k${v % 3}`))]);
}

function rowsOf(pages: readonly Uint8Array[]): unknown[][] {
  return pages.flatMap((bytes) => pageRows(deserializePage(bytes)));
}

describe('output buffer', () => {
  test('tokens: a read at token t returns pages from t on and acknowledges what came before; the same token reads again', async () => {
    const buffer = new OutputBuffer({ kind: 'PARTITIONED', partitions: 1, hashChannels: [] }, 1 << 20);
    await buffer.enqueue(numbers(1, 2));
    await buffer.enqueue(numbers(3));
    const first = await buffer.get(0, 0, 1 << 20, 0);
    assert.deepEqual([first.token, first.nextToken, first.complete], [0, 2, false]);
    assert.deepEqual(rowsOf(first.pages), [[1, 'k1'], [2, 'k2'], [3, 'k0']]);
    const again = await buffer.get(0, 0, 1 << 20, 0);
    assert.deepEqual(rowsOf(again.pages), rowsOf(first.pages), 'a retried read returns the same pages');
    const small = await buffer.get(0, 1, 1, 0);
    assert.equal(small.pages.length, 1, 'at least one page even when larger than maxBytes');
    buffer.setNoMorePages();
    const last = await buffer.get(0, 2, 1 << 20, 0);
    assert.deepEqual([last.pages.length, last.nextToken, last.complete], [0, 2, true]);
    assert.equal(buffer.bufferedBytes(), 0, 'everything before token 2 was acknowledged');
    assert.equal(buffer.isDrained(), true);
  });

  test('a read waits up to maxWait for a page, and wakes when one arrives', async () => {
    const buffer = new OutputBuffer({ kind: 'ARBITRARY', partitions: 1, hashChannels: [] }, 1 << 20);
    const empty = await buffer.get(0, 0, 1 << 20, 10);
    assert.deepEqual([empty.pages.length, empty.complete], [0, false]);
    const pending = buffer.get(0, 0, 1 << 20, 60_000);
    await buffer.enqueue(numbers(7));
    assert.deepEqual(rowsOf((await pending).pages), [[7, 'k1']]);
  });

  test('back-pressure: enqueue waits while the buffer is over its limit, until consumers acknowledge', async () => {
    const buffer = new OutputBuffer({ kind: 'PARTITIONED', partitions: 1, hashChannels: [] }, 10);
    let done = false;
    const producing = buffer.enqueue(numbers(1, 2, 3, 4)).then(() => {
      done = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(done, false, 'the producer waits');
    const read = await buffer.get(0, 0, 1 << 20, 0);
    assert.equal(read.pages.length, 1);
    await buffer.get(0, 1, 1 << 20, 0); // acknowledges token 0
    await producing;
    assert.equal(done, true);
  });

  test('partitioned by hash: rows with equal keys meet in one partition; broadcast copies; arbitrary spreads', async () => {
    const partitioned = new OutputBuffer({ kind: 'PARTITIONED', partitions: 3, hashChannels: [1] }, 1 << 20);
    await partitioned.enqueue(numbers(0, 1, 2, 3, 4, 5, 6, 7, 8));
    partitioned.setNoMorePages();
    const parts = await Promise.all([0, 1, 2].map(async (b) => rowsOf((await partitioned.get(b, 0, 1 << 20, 0)).pages)));
    assert.equal(parts.flat().length, 9);
    const homes = new Map<unknown, number>();
    parts.forEach((rows, b) => {
      for (const row of rows) {
        assert.ok(!homes.has(row[1]) || homes.get(row[1]) === b, `key ${String(row[1])} in one partition`);
        homes.set(row[1], b);
      }
    });
    const broadcast = new OutputBuffer({ kind: 'BROADCAST', partitions: 2, hashChannels: [] }, 1 << 20);
    await broadcast.enqueue(numbers(1, 2));
    for (const b of [0, 1]) assert.deepEqual(rowsOf((await broadcast.get(b, 0, 1 << 20, 0)).pages), [[1, 'k1'], [2, 'k2']]);
    const arbitrary = new OutputBuffer({ kind: 'ARBITRARY', partitions: 2, hashChannels: [] }, 1 << 20);
    await arbitrary.enqueue(numbers(1));
    await arbitrary.enqueue(numbers(2));
    const spread = await Promise.all([0, 1].map(async (b) => rowsOf((await arbitrary.get(b, 0, 1 << 20, 0)).pages).length));
    assert.deepEqual(spread, [1, 1]);
  });

  test('a destroyed consumer buffer frees its pages; a failure reaches readers and producers', async () => {
    const buffer = new OutputBuffer({ kind: 'BROADCAST', partitions: 2, hashChannels: [] }, 1 << 20);
    await buffer.enqueue(numbers(1));
    buffer.destroy(1);
    assert.equal((await buffer.get(1, 0, 1 << 20, 0)).complete, true);
    const error = new TrinoError(StandardErrorCode.GENERIC_INTERNAL_ERROR, 'boom');
    buffer.fail(error);
    await assert.rejects(buffer.get(0, 0, 1 << 20, 0), /boom/);
    await assert.rejects(buffer.enqueue(numbers(2)), /boom/);
  });
});

describe('plan codec', () => {
  test('bigints, bytes, typed arrays, non-finite numbers and -0 survive; undefined fields are dropped', () => {
    const value = {
      kind: 'values',
      rows: [[1n, 12345678901234567890123n, new Uint8Array([1, 2, 255]), NaN, Infinity, -Infinity, -0, 'text', null]],
      handle: { ids: Int32Array.from([3, -4]), weights: Float64Array.from([0.5]) },
      orderBy: undefined,
    };
    const decoded = decodePlanJson<typeof value>(encodePlanJson(value));
    const { orderBy: _dropped, ...expected } = value;
    assert.deepEqual(decoded, expected);
    assert.ok(Object.is(decoded.rows[0]![6], -0));
    assert.equal('orderBy' in decoded, false);
    assert.throws(() => encodePlanJson({ f: () => 1 }), /function/);
  });
});
