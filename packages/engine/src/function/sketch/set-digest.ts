import { HyperLogLogSketch } from './hyperloglog-sketch.js';

/** Trino's set digest parameters: 8192 minhash values beside a 2048-bucket HyperLogLog. */
export const SET_DIGEST_MAX_HASHES = 8192;
export const SET_DIGEST_BUCKETS = 2048;

/**
 * A set digest (Trino's `SetDigest`): a HyperLogLog for cardinality plus a MinHash structure that
 * keeps the `maxHashes` smallest 64-bit hashes with their occurrence counts, from which Jaccard
 * similarity and intersection cardinality are estimated. Memory is bounded by `maxHashes`.
 */
export class SetDigest {
  hll = new HyperLogLogSketch(SET_DIGEST_BUCKETS);
  /** signed 64-bit hash -> count */
  readonly minhash = new Map<bigint, number>();
  private largest: bigint | undefined;

  constructor(readonly maxHashes = SET_DIGEST_MAX_HASHES) {}

  add(hash: bigint): void {
    this.hll.addBigint(hash);
    this.addHash(BigInt.asIntN(64, hash), 1);
  }

  private addHash(h: bigint, count: number): void {
    const existing = this.minhash.get(h);
    if (existing !== undefined) {
      this.minhash.set(h, Math.min(32767, existing + count));
      return;
    }
    if (this.minhash.size >= this.maxHashes) {
      const largest = this.largestHash();
      if (h >= largest) return;
      this.minhash.delete(largest);
      this.largest = undefined;
    }
    this.minhash.set(h, Math.min(32767, count));
    if (this.largest !== undefined && h > this.largest) this.largest = h;
  }

  private largestHash(): bigint {
    if (this.largest === undefined) {
      let max: bigint | undefined;
      for (const k of this.minhash.keys()) if (max === undefined || k > max) max = k;
      this.largest = max!;
    }
    return this.largest;
  }

  merge(other: SetDigest): void {
    this.hll.merge(other.hll);
    for (const [h, c] of other.minhash) this.addHash(h, c);
  }

  /** Exact while the digest has seen fewer distinct values than it keeps hashes. */
  isExact(): boolean {
    return this.minhash.size < this.maxHashes;
  }

  cardinality(): number {
    return this.isExact() ? this.minhash.size : this.hll.cardinality();
  }

  /** A digest with exactly this state, as read back from its varbinary form. */
  static fromParts(maxHashes: number, hll: HyperLogLogSketch, hashes: readonly (readonly [bigint, number])[]): SetDigest {
    const d = new SetDigest(maxHashes);
    d.hll = hll;
    for (const [h, c] of hashes) d.minhash.set(h, c);
    return d;
  }

  clone(): SetDigest {
    const c = new SetDigest(this.maxHashes);
    c.merge(this);
    return c;
  }

  sortedHashes(): bigint[] {
    return [...this.minhash.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  sizeInBytes(): number {
    return this.hll.sizeInBytes() + this.minhash.size * 48;
  }
}

/** Jaccard similarity estimated from the k smallest hashes of the union (k = the smaller digest's size). */
export function jaccardIndex(a: SetDigest, b: SetDigest): number {
  const sizeOfSmaller = Math.min(a.minhash.size, b.minhash.size);
  if (sizeOfSmaller === 0) return a.minhash.size === b.minhash.size ? 1 : 0;
  const union = [...new Set([...a.minhash.keys(), ...b.minhash.keys()])].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)).slice(0, sizeOfSmaller);
  let both = 0;
  for (const h of union) if (a.minhash.has(h) && b.minhash.has(h)) both++;
  return both / sizeOfSmaller;
}

export function intersectionCardinality(a: SetDigest, b: SetDigest): number {
  if (a.isExact() && b.isExact()) {
    let n = 0;
    for (const h of a.minhash.keys()) if (b.minhash.has(h)) n++;
    return n;
  }
  const union = a.hll.clone();
  union.merge(b.hll);
  const estimate = Math.round(jaccardIndex(a, b) * union.cardinality());
  return Math.min(estimate, a.cardinality(), b.cardinality());
}
