import { invalidArgument } from '../errors.js';

/** Trino's bounds for `approx_distinct(x, e)` and `approx_set(x, e)`. */
export const LOWEST_MAX_STANDARD_ERROR = 0.0040625;
export const HIGHEST_MAX_STANDARD_ERROR = 0.26;
export const DEFAULT_STANDARD_ERROR = 0.023;
/** approx_set() and empty_approx_set(): 4096 buckets. */
export const APPROX_SET_STANDARD_ERROR = 0.01625;

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

/** Sparse entries keep the first 26 bits of a hash and the count (0..38) of zeros that follow them. */
export const SPARSE_PREFIX_BITS = 26;
const SPARSE_TOTAL_BUCKETS = 2 ** SPARSE_PREFIX_BITS;
const MAX_SPARSE_ZEROS = 64 - SPARSE_PREFIX_BITS;

/**
 * A HyperLogLog sketch over 64-bit hashes (given as hi/lo 32-bit halves), with the structure of
 * Trino's (airlift's): small sets stay sparse, as a map from the hash's first 26 bits to the number
 * of zeros after them, estimated by linear counting over 2^26 buckets (exact in practice); when
 * the map would outgrow the registers the sketch switches to `m` registers holding the rank (1 +
 * leading zeros after the bucket index) and the classic estimator with linear counting for small
 * cardinalities. Memory is bounded by `m` bytes plus a small header. `sketch-serialization.ts`
 * writes both forms in Trino's varbinary layout.
 */
export class HyperLogLogSketch {
  private sparse: Map<number, number> | undefined = new Map();
  private registers: Uint8Array | undefined;
  readonly indexBits: number;

  constructor(readonly buckets: number) {
    this.indexBits = Math.log2(buckets);
  }

  /** Adds a 64-bit hash given as its high and low unsigned 32-bit words. */
  addHash(hi: number, lo: number): void {
    if (this.sparse !== undefined) {
      const low6 = hi & 0x3f;
      const zeros = low6 !== 0 ? Math.clz32(low6) - 26 : lo !== 0 ? 6 + Math.clz32(lo) : MAX_SPARSE_ZEROS;
      this.addSparse(hi >>> 6, zeros);
      return;
    }
    this.addDense(hi, lo);
  }

  addBigint(h: bigint): void {
    const u = BigInt.asUintN(64, h);
    this.addHash(Number(u >> 32n), Number(u & 0xffffffffn));
  }

  private addSparse(prefix: number, zeros: number): void {
    const sparse = this.sparse!;
    const current = sparse.get(prefix);
    if (current === undefined || zeros > current) sparse.set(prefix, zeros);
    if (sparse.size > this.buckets / 4) this.densify();
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
    this.raise(index, rank);
  }

  private raise(index: number, rank: number): void {
    const r = this.registers!;
    if (rank > r[index]!) r[index] = rank;
  }

  /** The dense bucket and rank of a sparse entry. */
  private sparseToDense(prefix: number, zeros: number): [number, number] {
    const p = this.indexBits;
    const restBits = SPARSE_PREFIX_BITS - p;
    const rest = prefix & ((1 << restBits) - 1);
    const leading = rest !== 0 ? Math.clz32(rest) - (32 - restBits) : restBits + zeros;
    return [prefix >>> restBits, leading + 1];
  }

  private densify(): void {
    const entries = this.sparse!;
    this.sparse = undefined;
    this.registers = new Uint8Array(this.buckets);
    for (const [prefix, zeros] of entries) this.raise(...this.sparseToDense(prefix, zeros));
  }

  merge(other: HyperLogLogSketch): void {
    if (other.buckets !== this.buckets) throw invalidArgument(`Cannot merge HLLs with different number of buckets: ${this.buckets} vs ${other.buckets}`);
    if (other.sparse !== undefined) {
      for (const [prefix, zeros] of other.sparse) {
        if (this.sparse !== undefined) this.addSparse(prefix, zeros);
        else this.raise(...this.sparseToDense(prefix, zeros));
      }
      return;
    }
    if (this.sparse !== undefined) this.densify();
    const r = this.registers!;
    const o = other.registers!;
    for (let i = 0; i < r.length; i++) if (o[i]! > r[i]!) r[i] = o[i]!;
  }

  cardinality(): number {
    if (this.sparse !== undefined) {
      const n = this.sparse.size;
      return Math.round(SPARSE_TOTAL_BUCKETS * Math.log(SPARSE_TOTAL_BUCKETS / (SPARSE_TOTAL_BUCKETS - n)));
    }
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
    } else c.sparse = new Map(this.sparse);
    return c;
  }

  isSparse(): boolean {
    return this.sparse !== undefined;
  }

  /** Sparse entries as [26-bit prefix, zeros after it], in ascending prefix order. */
  sparseEntries(): [number, number][] {
    return [...this.sparse!.entries()].sort((a, b) => a[0] - b[0]);
  }

  /** The dense registers (rank per bucket); only for a dense sketch. */
  denseRegisters(): Uint8Array {
    return this.registers!;
  }

  static fromSparse(buckets: number, entries: readonly (readonly [number, number])[]): HyperLogLogSketch {
    const sketch = new HyperLogLogSketch(buckets);
    for (const [prefix, zeros] of entries) sketch.sparse!.set(prefix, zeros);
    return sketch;
  }

  static fromRegisters(registers: Uint8Array): HyperLogLogSketch {
    const sketch = new HyperLogLogSketch(registers.length);
    sketch.sparse = undefined;
    sketch.registers = registers;
    return sketch;
  }

  sizeInBytes(): number {
    return this.sparse !== undefined ? 64 + this.sparse.size * 16 : 64 + this.buckets;
  }
}

export { TWO_32 };
