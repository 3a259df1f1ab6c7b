/**
 * A HyperLogLog sketch over numbers (2^14 registers, about 1% standard error): counts the distinct
 * values of a whole numeric column in one pass over its typed array, with no per-row allocation.
 */
const REGISTER_BITS = 14;
const REGISTER_COUNT = 1 << REGISTER_BITS;

export class NumberHyperLogLog {
  private readonly registers = new Uint8Array(REGISTER_COUNT);
  private readonly scratch = new Float64Array(1);
  private readonly words = new Uint32Array(this.scratch.buffer);

  /** Adds the non-null values of a typed column (`nulls[i] === 1` marks NULL). */
  addAll(values: Float64Array | Int32Array | BigInt64Array, nulls: Uint8Array | undefined, count: number): void {
    const registers = this.registers;
    const scratch = this.scratch;
    const words = this.words;
    for (let i = 0; i < count; i++) {
      if (nulls !== undefined && nulls[i] === 1) continue;
      const v = values[i]!;
      // -0 and 0 are the same value
      scratch[0] = typeof v === 'bigint' ? Number(v) : v === 0 ? 0 : v;
      const h = mix(words[0]! ^ mix(words[1]! ^ 0x9e3779b9));
      const register = h >>> (32 - REGISTER_BITS);
      const rest = (h << REGISTER_BITS) | (1 << (REGISTER_BITS - 1));
      const rank = Math.clz32(rest) + 1;
      if (rank > registers[register]!) registers[register] = rank;
    }
  }

  /** The estimated number of distinct values added. */
  estimate(): number {
    let sum = 0;
    let zeros = 0;
    for (let r = 0; r < REGISTER_COUNT; r++) {
      const value = this.registers[r]!;
      sum += 2 ** -value;
      if (value === 0) zeros++;
    }
    const alpha = 0.7213 / (1 + 1.079 / REGISTER_COUNT);
    const raw = (alpha * REGISTER_COUNT * REGISTER_COUNT) / sum;
    // small ranges: linear counting is more accurate
    if (raw <= 2.5 * REGISTER_COUNT && zeros > 0) return REGISTER_COUNT * Math.log(REGISTER_COUNT / zeros);
    return raw;
  }
}

/** A 32-bit avalanche (murmur3's finalizer). */
function mix(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}
