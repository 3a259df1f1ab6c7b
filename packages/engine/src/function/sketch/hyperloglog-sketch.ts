import { invalidArgument } from '../errors.js';

/** Trino's bounds for `approx_distinct(x, e)` and `approx_set(x, e)`. */
export const LOWEST_MAX_STANDARD_ERROR = 0.0040625;
export const HIGHEST_MAX_STANDARD_ERROR = 0.26;
export const DEFAULT_STANDARD_ERROR = 0.023;

/** The smallest power-of-two bucket count whose standard error 1.04/sqrt(m) is at most `e`. */
export function bucketsForStandardError(e: number): number {
  if (!(e >= LOWEST_MAX_STANDARD_ERROR && e <= HIGHEST_MAX_STANDARD_ERROR)) {
    throw invalidArgument(`Max standard error must be in [${LOWEST_MAX_STANDARD_ERROR}, ${HIGHEST_MAX_STANDARD_ERROR}]: ${e}`);
  }
  const exact = Math.ceil((1.04 / e) ** 2);
  let m = 16;
  while (m < exact) m *= 2;
  return m;
}

const TWO_32 = 4294967296;

/**
 * A HyperLogLog sketch over 64-bit hashes (given as hi/lo 32-bit halves). Small sets stay sparse
 * (the distinct hashes themselves, counted exactly) until they would use more memory than the
 * dense registers; then the sketch switches to `m` 8-bit registers and the classic estimator with
 * linear counting for small cardinalities. Memory is bounded by `m` bytes plus a small header.
 */
export class HyperLogLogSketch {
  private sparse: Set<number> | undefined = new Set();
  private registers: Uint8Array | undefined;
  private readonly indexBits: number;

  constructor(readonly buckets: number) {
    this.indexBits = Math.log2(buckets);
  }

  /** Adds a 64-bit hash given as its high and low unsigned 32-bit words. */
  addHash(hi: number, lo: number): void {
    if (this.sparse !== undefined) {
      // the top 52 bits, exactly representable as a double
      this.sparse.add(hi * 1048576 + (lo >>> 12));
      if (this.sparse.size > this.buckets / 4) this.densify();
      return;
    }
    this.addDense(hi, lo);
  }

  addBigint(h: bigint): void {
    const u = BigInt.asUintN(64, h);
    this.addHash(Number(u >> 32n), Number(u & 0xffffffffn));
  }

  private addDense(hi: number, lo: number): void {
    const p = this.indexBits;
    const index = hi >>> (32 - p);
    // the remaining 64 - p bits, left-aligned
    const restHi = ((hi << p) | (lo >>> (32 - p))) >>> 0;
    const restLo = (lo << p) >>> 0;
    let rank: number;
    if (restHi !== 0) rank = Math.clz32(restHi) + 1;
    else if (restLo !== 0) rank = 32 + Math.clz32(restLo) + 1;
    else rank = 64 - p + 1;
    if (rank > 64 - p + 1) rank = 64 - p + 1;
    const r = this.registers!;
    if (rank > r[index]!) r[index] = rank;
  }

  private densify(): void {
    const values = this.sparse!;
    this.sparse = undefined;
    this.registers = new Uint8Array(this.buckets);
    for (const v of values) {
      const hi = Math.floor(v / 1048576);
      const lo = ((v % 1048576) * 4096) >>> 0;
      this.addDense(hi, lo);
    }
  }

  merge(other: HyperLogLogSketch): void {
    if (other.buckets !== this.buckets) throw invalidArgument('Cannot merge HLLs with different number of buckets');
    if (other.sparse !== undefined) {
      for (const v of other.sparse) {
        if (this.sparse !== undefined) {
          this.sparse.add(v);
          if (this.sparse.size > this.buckets / 4) this.densify();
        } else this.addDense(Math.floor(v / 1048576), ((v % 1048576) * 4096) >>> 0);
      }
      return;
    }
    if (this.sparse !== undefined) this.densify();
    const r = this.registers!;
    const o = other.registers!;
    for (let i = 0; i < r.length; i++) if (o[i]! > r[i]!) r[i] = o[i]!;
  }

  cardinality(): number {
    if (this.sparse !== undefined) return this.sparse.size;
    const r = this.registers!;
    const m = this.buckets;
    let sum = 0;
    let zeros = 0;
    for (let i = 0; i < m; i++) {
      const v = r[i]!;
      if (v === 0) zeros++;
      sum += 2 ** -v;
    }
    const alpha = m === 16 ? 0.673 : m === 32 ? 0.697 : m === 64 ? 0.709 : 0.7213 / (1 + 1.079 / m);
    const estimate = (alpha * m * m) / sum;
    if (estimate <= 2.5 * m && zeros > 0) return Math.round(m * Math.log(m / zeros));
    return Math.round(estimate);
  }

  clone(): HyperLogLogSketch {
    const c = new HyperLogLogSketch(this.buckets);
    if (this.sparse === undefined) {
      c.sparse = undefined;
      c.registers = new Uint8Array(this.registers!);
    } else c.sparse = new Set(this.sparse);
    return c;
  }

  isSparse(): boolean {
    return this.sparse !== undefined;
  }

  sizeInBytes(): number {
    return this.sparse !== undefined ? 64 + this.sparse.size * 16 : 64 + this.buckets;
  }
}

export { TWO_32 };
