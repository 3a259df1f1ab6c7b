import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { HyperLogLogSketch, bucketsForStandardError } from './hyperloglog-sketch.js';
import { TDigest } from './t-digest.js';
import { SetDigest, intersectionCardinality, jaccardIndex } from './set-digest.js';
import { xxhash64 } from '../scalar/hash/xxhash64.js';

/** A fixed-seed 32-bit generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hashOf(i: number): bigint {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setFloat64(0, i, true);
  return xxhash64(b);
}

describe('HyperLogLogSketch', () => {
  it('maps standard errors to Trino bucket counts and rejects out-of-range errors', () => {
    assert.equal(bucketsForStandardError(0.023), 2048);
    assert.equal(bucketsForStandardError(0.0040625), 65536);
    assert.equal(bucketsForStandardError(0.26), 16);
    assert.throws(() => bucketsForStandardError(0.004), /Max standard error must be in \[0.0040625, 0.26\]: 0.004/);
    assert.throws(() => bucketsForStandardError(0.3), /INVALID|Max standard error/);
  });
  it('estimates 100k distinct values within 3 standard errors, for several seeds and errors', () => {
    for (const [seed, error] of [[1, 0.023], [2, 0.023], [3, 0.01], [4, 0.0040625], [5, 0.1], [6, 0.26]] as const) {
      const sketch = new HyperLogLogSketch(bucketsForStandardError(error));
      const next = random(seed);
      const seen = new Set<number>();
      while (seen.size < 100_000) {
        const v = Math.floor(next() * 1e12);
        seen.add(v);
        sketch.addBigint(hashOf(v));
        if (seen.size % 3 === 0) sketch.addBigint(hashOf(v)); // duplicates do not count
      }
      const estimate = sketch.cardinality();
      assert.ok(Math.abs(estimate - 100_000) <= 3 * error * 100_000, `seed ${seed}, error ${error}: ${estimate}`);
      assert.ok(sketch.sizeInBytes() <= 64 + bucketsForStandardError(error), 'dense registers bound the memory');
    }
  });
  it('is exact while sparse and merges like a union', () => {
    const a = new HyperLogLogSketch(2048);
    const b = new HyperLogLogSketch(2048);
    for (let i = 0; i < 300; i++) a.addBigint(hashOf(i));
    for (let i = 200; i < 500; i++) b.addBigint(hashOf(i));
    assert.equal(a.cardinality(), 300);
    assert.ok(a.isSparse());
    a.merge(b);
    assert.equal(a.cardinality(), 500);
    const big = new HyperLogLogSketch(2048);
    for (let i = 0; i < 50_000; i++) big.addBigint(hashOf(i));
    assert.ok(!big.isSparse());
    const merged = big.clone();
    merged.merge(a);
    assert.equal(merged.cardinality(), big.cardinality(), 'a subset adds nothing');
    assert.throws(() => big.merge(new HyperLogLogSketch(16)), /different number of buckets/);
  });
});

describe('TDigest', () => {
  it('keeps O(compression) centroids and quantiles within 0.5% rank error', () => {
    const next = random(42);
    const values: number[] = [];
    const digest = new TDigest(100);
    for (let i = 0; i < 200_000; i++) {
      const v = next() * next() * 1000; // skewed
      values.push(v);
      digest.add(v);
    }
    values.sort((x, y) => x - y);
    assert.ok(digest.centroidCount() <= 200, `${digest.centroidCount()} centroids`);
    for (const q of [0.001, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 0.999]) {
      const estimate = digest.valueAt(q);
      // rank of the estimate among the true values
      let lo = 0;
      let hi = values.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (values[mid]! < estimate) lo = mid + 1;
        else hi = mid;
      }
      assert.ok(Math.abs(lo / values.length - q) <= 0.005, `q ${q}: rank ${lo / values.length}`);
    }
    assert.equal(digest.valueAt(0), values[0]);
    assert.equal(digest.valueAt(1), values[values.length - 1]);
  });
  it('supports weights and merging', () => {
    const a = new TDigest();
    const b = new TDigest();
    for (let i = 1; i <= 1000; i++) a.add(i, 1);
    b.add(5000, 1000); // one heavy value: half the weight
    a.merge(b);
    assert.equal(a.size, 2000);
    assert.ok(a.valueAt(0.25) > 400 && a.valueAt(0.25) < 600, `${a.valueAt(0.25)}`);
    assert.equal(a.valueAt(0.9), 5000);
    assert.throws(() => a.add(1, 0), /weight must be > 0/);
  });
});

describe('SetDigest', () => {
  it('is exact for small sets and estimates Jaccard similarity of large ones', () => {
    const a = new SetDigest();
    const b = new SetDigest();
    for (let i = 0; i < 100; i++) a.add(hashOf(i));
    for (let i = 50; i < 150; i++) b.add(hashOf(i));
    assert.equal(a.cardinality(), 100);
    assert.equal(intersectionCardinality(a, b), 50);
    const c = new SetDigest();
    const d = new SetDigest();
    for (let i = 0; i < 60_000; i++) c.add(hashOf(i));
    for (let i = 30_000; i < 90_000; i++) d.add(hashOf(i));
    assert.equal(c.minhash.size, 8192, 'bounded minhash');
    assert.ok(Math.abs(jaccardIndex(c, d) - 1 / 3) < 0.02, `${jaccardIndex(c, d)}`);
    assert.ok(Math.abs(intersectionCardinality(c, d) - 30_000) < 3_000, `${intersectionCardinality(c, d)}`);
  });
});
