import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TrinoError } from '@petrel/spi';
import { HyperLogLogSketch } from './hyperloglog-sketch.js';
import { SetDigest } from './set-digest.js';
import { TDigest } from './t-digest.js';
import {
  deserializeHyperLogLog, deserializeSetDigest, deserializeTDigest, serializeHyperLogLog, serializeSetDigest, serializeTDigest,
} from './sketch-serialization.js';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const bytes = (h: string): Uint8Array => new Uint8Array(Buffer.from(h, 'hex'));

describe('HyperLogLog varbinary layout (Trino SPARSE_V2 / DENSE_V2)', () => {
  it('writes a sparse sketch as tag 2, index bits, entry count and sorted 26-bit prefixes with their zero counts', () => {
    const sketch = new HyperLogLogSketch(4096);
    // hash 0x000000a0_00000000: prefix 2, the 38 bits after it are 10...0 (0 zeros)
    sketch.addHash(0x000000a0, 0);
    // hash 0x00000080_00000000: prefix 2 again, with 38 zeros (all): the larger count is kept
    sketch.addHash(0x00000080, 0);
    // hash 0x00000040_00000001: prefix 1, then 0 in the 6 low bits of hi and 31 zeros in lo: 37 zeros
    sketch.addHash(0x00000040, 1);
    // i32 little-endian entries: 1 << 6 | 37 = 0x65, 2 << 6 | 38 = 0xa6
    assert.equal(hex(serializeHyperLogLog(sketch)), '020c0200' + '65000000' + 'a6000000');
    const back = deserializeHyperLogLog(serializeHyperLogLog(sketch));
    assert.deepEqual(back.sparseEntries(), sketch.sparseEntries());
    assert.equal(back.cardinality(), 2);
  });
  it('writes a dense sketch as baseline, 4-bit deltas (even bucket high) and sorted overflows', () => {
    const registers = new Uint8Array(16).fill(2);
    registers[0] = 3; // delta 1 in the high nibble of byte 0
    registers[3] = 2 + 15 + 4; // delta 15 plus overflow 4
    registers[1] = 2 + 15 + 1;
    const serialized = serializeHyperLogLog(HyperLogLogSketch.fromRegisters(registers));
    assert.equal(hex(serialized), '030402' + '1f0f' + '000000000000' + '0200' + '0100' + '0300' + '01' + '04');
    assert.deepEqual(deserializeHyperLogLog(serialized).denseRegisters(), registers);
  });
  it('round-trips sparse and dense sketches exactly', () => {
    for (const count of [0, 10, 5000]) {
      const sketch = new HyperLogLogSketch(2048);
      for (let i = 0; i < count; i++) sketch.addBigint(BigInt(i) * 0x9e3779b97f4a7c15n);
      const serialized = serializeHyperLogLog(sketch);
      const back = deserializeHyperLogLog(serialized);
      assert.equal(back.isSparse(), sketch.isSparse());
      assert.equal(back.cardinality(), sketch.cardinality());
      assert.equal(hex(serializeHyperLogLog(back)), hex(serialized));
    }
  });
  it('rejects corrupt input with INVALID_CAST_ARGUMENT', () => {
    for (const bad of ['', '07', '0202', '020c010001', '030403' + '00'.repeat(8) + '0000ff']) {
      assert.throws(() => deserializeHyperLogLog(bytes(bad)), (e: unknown) => e instanceof TrinoError && e.errorName === 'INVALID_CAST_ARGUMENT', bad);
    }
  });
});

describe('digest varbinary layouts', () => {
  it('round-trips a t-digest exactly', () => {
    const digest = new TDigest(100);
    for (let i = 1; i <= 10_000; i++) digest.add(i % 997, 1 + (i % 3));
    const serialized = serializeTDigest(digest, 'tdigest');
    const back = deserializeTDigest(serialized, 'tdigest', 'tdigest');
    for (const q of [0, 0.01, 0.5, 0.99, 1]) assert.equal(back.valueAt(q), digest.valueAt(q));
    assert.equal(hex(serializeTDigest(back, 'tdigest')), hex(serialized));
    assert.throws(() => deserializeTDigest(serialized, 'qdigest', 'qdigest(bigint)'), /invalid format tag/);
  });
  it('round-trips a set digest exactly', () => {
    const digest = new SetDigest(64);
    for (let i = 0; i < 1000; i++) digest.add(BigInt(i) * 0x9e3779b97f4a7c15n);
    const serialized = serializeSetDigest(digest);
    const back = deserializeSetDigest(serialized);
    assert.equal(back.cardinality(), digest.cardinality());
    assert.deepEqual(back.sortedHashes(), digest.sortedHashes());
    assert.equal(hex(serializeSetDigest(back)), hex(serialized));
  });
});
