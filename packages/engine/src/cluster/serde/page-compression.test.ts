import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as zlib from 'node:zlib';
import type { Block, Page } from '@petrel/spi';
import { boolBlock, dictionaryBlock, float64Block, int32Block, int64Block, longTimestamp, objectBlock, page, pageRows, runLengthBlock, sqlMap, timestampWithTimeZone } from '@petrel/spi';
import type { ExchangeCompressionCodec } from './page-compression.js';
import { isLz4Available, isZstdAvailable, PAGE_CODEC_LZ4, PAGE_CODEC_NONE, PAGE_CODEC_ZSTD } from './page-compression.js';
import { deserializePage, serializePage } from './page-serde.js';

const ROWS = 1000;

/** One column of every block kind, repetitive enough to compress. */
function everyBlockKind(): Block[] {
  const nulls = Uint8Array.from({ length: ROWS }, (_, i) => (i % 10 === 0 ? 1 : 0));
  return [
    float64Block(Float64Array.from({ length: ROWS }, (_, i) => (i % 13) * 0.5)),
    float64Block(Float64Array.from({ length: ROWS }, (_, i) => i % 5), nulls),
    int32Block(Int32Array.from({ length: ROWS }, (_, i) => i % 17), nulls),
    int64Block(BigInt64Array.from({ length: ROWS }, (_, i) => BigInt(i % 19) * 2n ** 40n)),
    boolBlock(Uint8Array.from({ length: ROWS }, (_, i) => i % 2), nulls),
    objectBlock(Array.from({ length: ROWS }, (_, i) => (i % 7 === 0 ? null : `text-${i % 23} ✓`))),
    objectBlock(Array.from({ length: ROWS }, (_, i) => (i % 3 === 0 ? [i % 4, null] : i % 3 === 1 ? sqlMap(['k'], [i % 5]) : BigInt(i % 9) * 10n ** 30n))),
    objectBlock(Array.from({ length: ROWS }, (_, i) => (i % 2 === 0 ? longTimestamp(1_700_000_000_000 + (i % 50), 1000) : timestampWithTimeZone(1_700_000_000_000, i % 999, 'Europe/Paris')))),
    dictionaryBlock(objectBlock(['x', 'y', null]), Int32Array.from({ length: ROWS }, (_, i) => i % 3)),
    runLengthBlock(int32Block(Int32Array.from([42])), ROWS),
    runLengthBlock(objectBlock([null]), ROWS),
  ];
}

const CODECS: readonly { readonly codec: ExchangeCompressionCodec; readonly marker: number; readonly available: boolean }[] = [
  { codec: 'NONE', marker: PAGE_CODEC_NONE, available: true },
  { codec: 'LZ4', marker: PAGE_CODEC_LZ4, available: isLz4Available() },
  { codec: 'ZSTD', marker: PAGE_CODEC_ZSTD, available: isZstdAvailable() },
];

describe('page compression codecs (exchange.compression-codec NONE, LZ4, ZSTD)', () => {
  test('LZ4 is available on this platform (lz4-napi binary); ZSTD wherever node:zlib has it', () => {
    assert.equal(isLz4Available(), true);
    assert.equal(isZstdAvailable(), typeof (zlib as { zstdCompressSync?: unknown }).zstdCompressSync === 'function');
  });

  for (const { codec, marker, available } of CODECS) {
    test(`${codec}: every block kind round-trips, alone and together, with the codec marker byte`, () => {
      const plain = serializePage(page(everyBlockKind(), ROWS));
      for (const block of [...everyBlockKind(), undefined]) {
        const original: Page = block === undefined ? page(everyBlockKind(), ROWS) : page([block], ROWS);
        const wire = serializePage(original, { codec, minCompressBytes: 0 });
        const uncompressed = serializePage(original);
        // compressed when the codec exists and it pays; the marker says which
        assert.ok(wire[4] === marker || wire[4] === PAGE_CODEC_NONE, `marker ${wire[4]}`);
        if (wire[4] === PAGE_CODEC_NONE) assert.deepEqual(wire, uncompressed);
        const copy = deserializePage(wire);
        assert.equal(copy.positionCount, ROWS);
        assert.deepEqual(copy.blocks, original.blocks);
        assert.deepEqual(pageRows(copy), pageRows(original));
      }
      const all = serializePage(page(everyBlockKind(), ROWS), { codec, minCompressBytes: 0 });
      if (codec !== 'NONE' && available) {
        assert.equal(all[4], marker);
        assert.ok(all.length < plain.length / 2, `${codec}: ${all.length} bytes vs ${plain.length} uncompressed`);
      } else {
        assert.deepEqual(all, plain);
      }
    });
  }

  test('a corrupt compressed payload fails with PAGE_TRANSPORT_ERROR instead of wrong rows', () => {
    for (const codec of ['LZ4', 'ZSTD'] as const) {
      const wire = serializePage(page(everyBlockKind(), ROWS), { codec, minCompressBytes: 0 });
      const damaged = wire.slice(0, wire.length - 20);
      assert.throws(() => deserializePage(damaged), (error: Error & { errorCode?: { name: string } }) => error.errorCode?.name === 'PAGE_TRANSPORT_ERROR' || /Corrupt|truncated/.test(error.message));
    }
  });
});
