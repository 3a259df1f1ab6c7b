import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Block, OpaqueValue, Page, SqlValue } from '@petrel/spi';
import {
  boolBlock,
  dictionaryBlock,
  float64Block,
  getValue,
  int32Block,
  int64Block,
  longTimestamp,
  objectBlock,
  page,
  pageRows,
  runLengthBlock,
  sqlMap,
  timestampWithTimeZone,
  timeWithTimeZone,
} from '@petrel/spi';
import { deserializePage, isZstdAvailable, PAGE_CODEC_NONE, PAGE_CODEC_ZSTD, serializePage } from './page-serde.js';

function roundTrip(p: Page): Page {
  return deserializePage(serializePage(p));
}

describe('page wire format', () => {
  test('every block kind round-trips with its layout, nulls and raw typed arrays', () => {
    const blocks: Block[] = [
      float64Block(Float64Array.from([1.5, NaN, -0, Infinity])),
      float64Block(Float64Array.from([1, 0, 3, 4]), Uint8Array.from([0, 1, 0, 0])),
      int32Block(Int32Array.from([1, -2, 2147483647, -2147483648]), Uint8Array.from([0, 0, 1, 0])),
      int64Block(BigInt64Array.from([1n, -(2n ** 63n), 2n ** 63n - 1n, 0n])),
      boolBlock(Uint8Array.from([1, 0, 1, 0]), Uint8Array.from([0, 0, 0, 1])),
      objectBlock(['a', null, 'ünïcødé ✓', '']),
      objectBlock([[1, 2], null, sqlMap(['k'], [1]), 7n]),
      dictionaryBlock(objectBlock(['x', 'y']), Int32Array.from([1, 0, 0, 1])),
      runLengthBlock(int32Block(Int32Array.from([42])), 4),
      runLengthBlock(objectBlock([null]), 4),
    ];
    const original = page(blocks, 4);
    const copy = roundTrip(original);
    assert.equal(copy.positionCount, 4);
    assert.deepEqual(copy.blocks, original.blocks);
    assert.ok(Object.is((copy.blocks[0] as { values: Float64Array }).values[2], -0), 'negative zero survives');
    assert.deepEqual(pageRows(copy), pageRows(original));
  });

  test('empty pages and zero-position blocks', () => {
    assert.deepEqual(roundTrip(page([], 0)), page([], 0));
    assert.deepEqual(roundTrip(page([], 7)).positionCount, 7);
    const empty = page([float64Block(new Float64Array(0)), objectBlock([]), int64Block(new BigInt64Array(0))], 0);
    assert.deepEqual(roundTrip(empty), empty);
  });

  test('values of every SQL type round-trip exactly', () => {
    const values: SqlValue[] = [
      true, // boolean
      127, // tinyint / smallint / integer
      9007199254740993n, // bigint outside the safe range
      Math.fround(1.1), // real
      0.1, // double
      12345678901234567890123456789012345678n, // decimal(38) unscaled
      -125n, // short decimal
      'varchar', // varchar / char / json / uuid
      Uint8Array.from([0, 255, 7]), // varbinary / ipaddress
      19000, // date
      86_399_999_999_999_999n, // time(12): picoseconds of the day
      timeWithTimeZone(3_600_000_000_000_000n, -330), // time with time zone
      1_700_000_000_123, // timestamp(3)
      longTimestamp(1_700_000_000_123, 456_789_000), // timestamp(9)
      timestampWithTimeZone(1_700_000_000_123, 999_999_999, 'America/New_York'), // timestamp with time zone
      timestampWithTimeZone(0, 0, '+05:30'),
      -86_400_000, // interval day to second
      14, // interval year to month
      [1, null, [2, 3]], // array(array(integer))
      sqlMap(['a', 'b'], [[1], null]), // map(varchar, array(integer))
      ['x', 1, sqlMap([1], [true])], // row(varchar, integer, map)
      null, // unknown
    ];
    const original = page([objectBlock(values)], values.length);
    const copy = roundTrip(original);
    assert.deepEqual(copy, original);
    // each value alone (a column of one type)
    for (const value of values) assert.deepEqual(roundTrip(page([objectBlock([value, null])], 2)), page([objectBlock([value, null])], 2));
  });

  test('a large page is compact: typed columns cost their raw size', () => {
    const n = 100_000;
    const p = page([float64Block(new Float64Array(n).map((_, i) => i)), int32Block(new Int32Array(n).map((_, i) => i))], n);
    const bytes = serializePage(p);
    assert.ok(bytes.length < n * 12 + 64, `${bytes.length} bytes`);
    assert.deepEqual(roundTrip(p), p);
  });

  test('corrupt input fails with a clear error', () => {
    assert.throws(() => deserializePage(Uint8Array.from([1, 2, 3, 4, 0, 0, 0, 0, 0])), /bad magic number/);
    const bytes = serializePage(page([float64Block(Float64Array.from([1, 2]))], 2));
    assert.throws(() => deserializePage(bytes.subarray(0, bytes.length - 3)), /truncated page/);
  });
});

describe('page compression (exchange.compression-codec)', () => {
  const big = page(
    [int64Block(BigInt64Array.from({ length: 4000 }, (_, i) => BigInt(i % 7))), objectBlock(Array.from({ length: 4000 }, (_, i) => (i % 3 === 0 ? null : `value-${i % 11}`)))],
    4000,
  );

  test('ZSTD compresses large pages when the runtime has zstd (codec byte 1) and they round-trip', () => {
    const plain = serializePage(big);
    assert.equal(plain[4], PAGE_CODEC_NONE);
    const wire = serializePage(big, { codec: 'ZSTD', minCompressBytes: 1024 });
    if (isZstdAvailable()) {
      assert.equal(wire[4], PAGE_CODEC_ZSTD);
      assert.ok(wire.length < plain.length / 4, `${wire.length} vs ${plain.length}`);
    } else {
      // fallback: runtimes without node:zlib zstd send the page uncompressed
      assert.deepEqual(wire, plain);
    }
    const copy = deserializePage(wire);
    assert.deepEqual(pageRows(copy), pageRows(big));
  });

  test('small pages and codec NONE stay uncompressed; incompressible data is not inflated', () => {
    const small = page([int32Block(Int32Array.from([1, 2, 3]))], 3);
    assert.equal(serializePage(small, { codec: 'ZSTD', minCompressBytes: 1024 })[4], PAGE_CODEC_NONE);
    assert.equal(serializePage(big, { codec: 'NONE', minCompressBytes: 0 })[4], PAGE_CODEC_NONE);
    const random = page([float64Block(Float64Array.from({ length: 2000 }, () => Math.random()))], 2000);
    const wire = serializePage(random, { codec: 'ZSTD', minCompressBytes: 0 });
    assert.ok(wire.length <= serializePage(random).length);
    assert.deepEqual(pageRows(deserializePage(wire)), pageRows(random));
  });

  test('an unknown codec byte fails clearly', () => {
    const wire = serializePage(big);
    wire[4] = 9;
    assert.throws(() => deserializePage(wire), /Unsupported page compression codec 9/);
  });
});

describe('sketch values between nodes', () => {
  test('HyperLogLog, tdigest, qdigest and SetDigest values cross in their varbinary form', async () => {
    const { Engine } = await import('../../engine.js');
    const { sketchValueToBytes } = await import('../../function/index.js');
    const engine = await Engine.create();
    try {
      const { rows } = await engine.query(
        'SELECT approx_set(x), tdigest_agg(CAST(x AS double)), qdigest_agg(x), make_set_digest(x) FROM (VALUES 1, 2, 3, 1000) t(x)',
      );
      const sketches = rows[0]! as unknown as OpaqueValue[];
      assert.equal(sketches.length, 4);
      const copy = roundTrip(page(sketches.map((s) => objectBlock([s, null])), 2));
      sketches.forEach((sketch, i) => {
        const back = getValue(copy.blocks[i]!, 0) as OpaqueValue;
        assert.equal(back.typeName, sketch.typeName);
        assert.deepEqual(sketchValueToBytes(back), sketchValueToBytes(sketch));
        assert.equal(getValue(copy.blocks[i]!, 1), null);
      });
    } finally {
      await engine.shutdown();
    }
  });
});
