import { StandardErrorCode, TrinoError } from '@petrel/spi';
import { HyperLogLogSketch, SPARSE_PREFIX_BITS } from './hyperloglog-sketch.js';
import { SetDigest } from './set-digest.js';
import { TDigest } from './t-digest.js';

/**
 * The varbinary forms of the sketch types (`CAST(sketch AS varbinary)` and back). Round trips are
 * exact: deserializing a serialized sketch gives the same state, and serializing it again the same
 * bytes. All multi-byte numbers are little-endian.
 *
 * HyperLogLog uses Trino's layout (airlift's SPARSE_V2 / DENSE_V2):
 * - sparse: u8 tag 2, u8 index bits p, i16 entry count, then per entry an i32
 *   `first 26 hash bits << 6 | zeros after them`, in ascending order of the 26 bits;
 * - dense: u8 tag 3, u8 p, u8 baseline (the smallest register), 2^p / 2 bytes of 4-bit register
 *   deltas from the baseline (even bucket in the high nibble), u16 overflow count, the overflowing
 *   buckets as u16 in ascending order, then their overflows (register - baseline - 15) as u8.
 * approx_set hashes values as Trino does (Murmur3, see hyperloglog-functions.ts), so the two engines
 * build the same registers and can read each other's bytes; they may switch from sparse to dense
 * at different sizes (Trino decides by JVM object sizes), and the cardinality estimate of a dense
 * sketch differs slightly (Petrel does not apply Trino's bias-correction tables).
 *
 * tdigest, qdigest and SetDigest use Petrel's own layouts (Trino's are not reproduced):
 * - tdigest / qdigest: u8 tag (0x54 'T' / 0x51 'Q'), f64 compression, f64 min, f64 max, u32
 *   centroid count, then per centroid f64 mean and f64 weight in ascending order of mean;
 * - SetDigest: u8 tag 0x53 'S', u32 max hashes, u32 HyperLogLog length, the HyperLogLog bytes
 *   (layout above), u32 hash count, then per hash an i64 hash and a u16 count, in ascending order.
 */

const SPARSE_V2 = 2;
const DENSE_V2 = 3;
const MAX_DELTA = 15;
const TDIGEST_TAG = 0x54;
const QDIGEST_TAG = 0x51;
const SET_DIGEST_TAG = 0x53;

function corrupt(type: string, detail: string): TrinoError {
  return new TrinoError(StandardErrorCode.INVALID_CAST_ARGUMENT, `Cannot cast varbinary to ${type}: ${detail}`);
}

class ByteWriter {
  private buffer = new Uint8Array(64);
  private view = new DataView(this.buffer.buffer);
  private length = 0;

  private ensure(n: number): void {
    if (this.length + n <= this.buffer.length) return;
    const bigger = new Uint8Array(Math.max(this.buffer.length * 2, this.length + n));
    bigger.set(this.buffer.subarray(0, this.length));
    this.buffer = bigger;
    this.view = new DataView(bigger.buffer);
  }
  u8(v: number): this {
    this.ensure(1);
    this.view.setUint8(this.length, v);
    this.length += 1;
    return this;
  }
  u16(v: number): this {
    this.ensure(2);
    this.view.setUint16(this.length, v, true);
    this.length += 2;
    return this;
  }
  u32(v: number): this {
    this.ensure(4);
    this.view.setUint32(this.length, v, true);
    this.length += 4;
    return this;
  }
  i64(v: bigint): this {
    this.ensure(8);
    this.view.setBigInt64(this.length, v, true);
    this.length += 8;
    return this;
  }
  f64(v: number): this {
    this.ensure(8);
    this.view.setFloat64(this.length, v, true);
    this.length += 8;
    return this;
  }
  bytes(b: Uint8Array): this {
    this.ensure(b.length);
    this.buffer.set(b, this.length);
    this.length += b.length;
    return this;
  }
  result(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }
}

class ByteReader {
  private readonly view: DataView;
  private offset = 0;
  constructor(private readonly data: Uint8Array, private readonly type: string) {
    this.view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  }
  private need(n: number): void {
    if (this.offset + n > this.data.length) throw corrupt(this.type, 'input is too short');
  }
  u8(): number {
    this.need(1);
    return this.view.getUint8(this.offset++);
  }
  u16(): number {
    this.need(2);
    const v = this.view.getUint16(this.offset, true);
    this.offset += 2;
    return v;
  }
  i16(): number {
    this.need(2);
    const v = this.view.getInt16(this.offset, true);
    this.offset += 2;
    return v;
  }
  u32(): number {
    this.need(4);
    const v = this.view.getUint32(this.offset, true);
    this.offset += 4;
    return v;
  }
  i64(): bigint {
    this.need(8);
    const v = this.view.getBigInt64(this.offset, true);
    this.offset += 8;
    return v;
  }
  f64(): number {
    this.need(8);
    const v = this.view.getFloat64(this.offset, true);
    this.offset += 8;
    return v;
  }
  bytes(n: number): Uint8Array {
    this.need(n);
    const b = this.data.subarray(this.offset, this.offset + n);
    this.offset += n;
    return b;
  }
  end(): void {
    if (this.offset !== this.data.length) throw corrupt(this.type, 'input is too big');
  }
}

export function serializeHyperLogLog(sketch: HyperLogLogSketch): Uint8Array {
  const out = new ByteWriter();
  if (sketch.isSparse()) {
    const entries = sketch.sparseEntries();
    out.u8(SPARSE_V2).u8(sketch.indexBits).u16(entries.length);
    for (const [prefix, zeros] of entries) out.u32(prefix * 64 + zeros);
    return out.result();
  }
  const registers = sketch.denseRegisters();
  let baseline = 255;
  for (const r of registers) if (r < baseline) baseline = r;
  const deltas = new Uint8Array(registers.length / 2);
  const overflows: number[] = [];
  for (let bucket = 0; bucket < registers.length; bucket++) {
    const delta = registers[bucket]! - baseline;
    if (delta > MAX_DELTA) overflows.push(bucket);
    deltas[bucket >> 1]! |= Math.min(delta, MAX_DELTA) << (bucket % 2 === 0 ? 4 : 0);
  }
  out.u8(DENSE_V2).u8(sketch.indexBits).u8(baseline).bytes(deltas).u16(overflows.length);
  for (const bucket of overflows) out.u16(bucket);
  for (const bucket of overflows) out.u8(registers[bucket]! - baseline - MAX_DELTA);
  return out.result();
}

export function deserializeHyperLogLog(data: Uint8Array, type = 'HyperLogLog'): HyperLogLogSketch {
  const input = new ByteReader(data, type);
  const tag = input.u8();
  const indexBits = input.u8();
  if (indexBits < 4 || indexBits > 16) throw corrupt(type, `index bit length ${indexBits} is out of range`);
  const buckets = 2 ** indexBits;
  if (tag === SPARSE_V2) {
    const count = input.i16();
    if (count < 0) throw corrupt(type, 'negative entry count');
    const entries: [number, number][] = [];
    let previous = -1;
    for (let i = 0; i < count; i++) {
      const entry = input.u32();
      const prefix = Math.floor(entry / 64);
      if (prefix <= previous) throw corrupt(type, 'sparse entries are not sorted');
      previous = prefix;
      entries.push([prefix, entry % 64]);
    }
    input.end();
    if (entries.some(([, zeros]) => zeros > 64 - SPARSE_PREFIX_BITS)) throw corrupt(type, 'sparse entry value is out of range');
    return HyperLogLogSketch.fromSparse(buckets, entries);
  }
  if (tag !== DENSE_V2) throw corrupt(type, `invalid format tag ${tag}`);
  const baseline = input.u8();
  const deltas = input.bytes(buckets / 2);
  const registers = new Uint8Array(buckets);
  for (let bucket = 0; bucket < buckets; bucket++) registers[bucket] = baseline + ((deltas[bucket >> 1]! >> (bucket % 2 === 0 ? 4 : 0)) & MAX_DELTA);
  const overflowCount = input.u16();
  if (overflowCount > buckets) throw corrupt(type, 'too many overflow entries');
  const overflowBuckets: number[] = [];
  for (let i = 0; i < overflowCount; i++) {
    const bucket = input.u16();
    if (bucket >= buckets || registers[bucket] !== baseline + MAX_DELTA) throw corrupt(type, 'overflow bucket is out of range');
    overflowBuckets.push(bucket);
  }
  for (const bucket of overflowBuckets) {
    const overflow = input.u8();
    if (overflow === 0) throw corrupt(type, 'overflow value must be > 0');
    registers[bucket] = registers[bucket]! + overflow;
  }
  input.end();
  return HyperLogLogSketch.fromRegisters(registers);
}

export function serializeTDigest(digest: TDigest, kind: 'tdigest' | 'qdigest'): Uint8Array {
  const { means, weights } = digest.centroids();
  const out = new ByteWriter().u8(kind === 'tdigest' ? TDIGEST_TAG : QDIGEST_TAG).f64(digest.compression).f64(digest.min).f64(digest.max).u32(means.length);
  for (let i = 0; i < means.length; i++) out.f64(means[i]!).f64(weights[i]!);
  return out.result();
}

export function deserializeTDigest(data: Uint8Array, kind: 'tdigest' | 'qdigest', type: string): TDigest {
  const input = new ByteReader(data, type);
  if (input.u8() !== (kind === 'tdigest' ? TDIGEST_TAG : QDIGEST_TAG)) throw corrupt(type, 'invalid format tag');
  const compression = input.f64();
  const min = input.f64();
  const max = input.f64();
  const count = input.u32();
  if (!(compression > 0) || count > data.length / 16) throw corrupt(type, 'invalid header');
  const means = new Float64Array(count);
  const weights = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    means[i] = input.f64();
    weights[i] = input.f64();
    if (!(weights[i]! > 0) || Number.isNaN(means[i]!) || (i > 0 && means[i]! < means[i - 1]!)) throw corrupt(type, 'invalid centroid');
  }
  input.end();
  return TDigest.fromCentroids(compression, min, max, means, weights);
}

export function serializeSetDigest(digest: SetDigest): Uint8Array {
  const hll = serializeHyperLogLog(digest.hll);
  const hashes = digest.sortedHashes();
  const out = new ByteWriter().u8(SET_DIGEST_TAG).u32(digest.maxHashes).u32(hll.length).bytes(hll).u32(hashes.length);
  for (const h of hashes) out.i64(h).u16(digest.minhash.get(h)!);
  return out.result();
}

export function deserializeSetDigest(data: Uint8Array): SetDigest {
  const input = new ByteReader(data, 'SetDigest');
  if (input.u8() !== SET_DIGEST_TAG) throw corrupt('SetDigest', 'invalid format tag');
  const maxHashes = input.u32();
  const hll = deserializeHyperLogLog(input.bytes(input.u32()), 'SetDigest');
  const count = input.u32();
  if (maxHashes === 0 || count > maxHashes) throw corrupt('SetDigest', 'invalid header');
  const hashes: [bigint, number][] = [];
  for (let i = 0; i < count; i++) hashes.push([input.i64(), input.u16()]);
  input.end();
  return SetDigest.fromParts(maxHashes, hll, hashes);
}
