import type { SqlType } from '@petrel/spi';
import type { DynamicFilterValues } from './dynamic-filters.js';

/** Largest key range (max - min + 1) a bitmap covers: 2^25 bits, 4 MB. */
export const MAX_BITMAP_RANGE = 1 << 25;

/** Integer-valued key types whose keys arrive as plain numbers. */
const INTEGER_TYPES: ReadonlySet<SqlType['kind']> = new Set(['tinyint', 'smallint', 'integer', 'bigint', 'date']);

/**
 * The build keys of an integer dynamic filter as a bitmap over [min, max]: a probe is one
 * subtraction, one range check and one bit test instead of a hash-table lookup.
 */
export class DynamicFilterBitmap {
  constructor(
    readonly min: number,
    /** max - min + 1 */
    readonly range: number,
    readonly bits: Uint32Array,
  ) {}

  contains(value: number): boolean {
    const d = value - this.min;
    return d >= 0 && d < this.range && (d | 0) === d && (this.bits[d >>> 5]! & (1 << (d & 31))) !== 0;
  }

  /**
   * Writes to `selection` the positions 0..count-1 of `values` whose key is present and not NULL;
   * returns how many.
   */
  selectAll(values: Float64Array | Int32Array, nulls: Uint8Array | undefined, count: number, selection: Int32Array): number {
    const min = this.min;
    const range = this.range;
    const bits = this.bits;
    let k = 0;
    for (let i = 0; i < count; i++) {
      const d = values[i]! - min;
      selection[k] = i;
      k += d >= 0 && d < range && (d | 0) === d && (bits[d >>> 5]! & (1 << (d & 31))) !== 0 && (nulls === undefined || nulls[i] === 0) ? 1 : 0;
    }
    return k;
  }

  /** Narrows `selection` (its first `count` positions) in place to keys present and not NULL; returns how many remain. */
  narrow(values: Float64Array | Int32Array, nulls: Uint8Array | undefined, count: number, selection: Int32Array): number {
    const min = this.min;
    const range = this.range;
    const bits = this.bits;
    let k = 0;
    for (let j = 0; j < count; j++) {
      const p = selection[j]!;
      const d = values[p]! - min;
      selection[k] = p;
      k += d >= 0 && d < range && (d | 0) === d && (bits[d >>> 5]! & (1 << (d & 31))) !== 0 && (nulls === undefined || nulls[p] === 0) ? 1 : 0;
    }
    return k;
  }
}

const bitmaps = new WeakMap<DynamicFilterValues, DynamicFilterBitmap | null>();

/**
 * The bitmap of a published filter (built once per filter and thread), or undefined when its keys
 * are not integers of an integer type or span more than `MAX_BITMAP_RANGE`.
 */
export function dynamicFilterBitmap(filter: DynamicFilterValues): DynamicFilterBitmap | undefined {
  const cached = bitmaps.get(filter);
  if (cached !== undefined) return cached ?? undefined;
  const bitmap = buildBitmap(filter);
  bitmaps.set(filter, bitmap ?? null);
  return bitmap;
}

function buildBitmap(filter: DynamicFilterValues): DynamicFilterBitmap | undefined {
  if (!INTEGER_TYPES.has(filter.type.kind)) return undefined;
  const { hash } = filter;
  const keys = new Float64Array(hash.groupCount);
  let count = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let g = 0; g < hash.groupCount; g++) {
    const v = hash.getKey(g, 0);
    // NULL keys never join
    if (v === null) continue;
    if (typeof v !== 'number' || !Number.isSafeInteger(v)) return undefined;
    keys[count++] = v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (count === 0) return new DynamicFilterBitmap(0, 0, new Uint32Array(0));
  const range = max - min + 1;
  if (range > MAX_BITMAP_RANGE) return undefined;
  const bits = new Uint32Array(Math.ceil(range / 32));
  for (let i = 0; i < count; i++) {
    const d = keys[i]! - min;
    bits[d >>> 5]! |= 1 << (d & 31);
  }
  return new DynamicFilterBitmap(min, range, bits);
}
