import type { Block, SqlType, SqlValue } from '@petrel/spi';
import { getValue, blockPositionCount } from '@petrel/spi';
import { compareDoubles, compareStrings, compareValues } from './value-ordering.js';

export interface SortKey {
  readonly channel: number;
  readonly type: SqlType;
  readonly ascending: boolean;
  readonly nullsFirst: boolean;
}

/** Compares row `a` and row `b` of the same columns. */
export type RowComparator = (a: number, b: number) => number;

interface KeyAccess {
  readonly numbers: Float64Array | Int32Array | Uint8Array | undefined;
  readonly nulls: Uint8Array | undefined;
  readonly objects: readonly SqlValue[] | undefined;
}

function access(block: Block): KeyAccess {
  if (block.kind === 'float64' || block.kind === 'int32' || block.kind === 'bool') return { numbers: block.values, nulls: block.nulls, objects: undefined };
  if (block.kind === 'object') return { numbers: undefined, nulls: undefined, objects: block.values };
  const n = blockPositionCount(block);
  const values = new Array<SqlValue>(n);
  for (let i = 0; i < n; i++) values[i] = getValue(block, i);
  return { numbers: undefined, nulls: undefined, objects: values };
}

function toObjects(a: KeyAccess): SqlValue[] {
  const numbers = a.numbers!;
  const out = new Array<SqlValue>(numbers.length);
  for (let i = 0; i < numbers.length; i++) out[i] = a.nulls !== undefined && a.nulls[i] === 1 ? null : numbers[i]!;
  return out;
}

/**
 * A comparator over rows of `columns` by `keys` with Trino's ordering (NULLS FIRST/LAST as given,
 * NaN largest among doubles, varchar by code point). Typed-array columns are compared directly.
 */
export function rowComparator(columns: readonly Block[], keys: readonly SortKey[]): RowComparator {
  return crossComparator(columns, columns, keys);
}

/** Compares row `a` of `left` with row `b` of `right` (same column layout). */
export function crossComparator(left: readonly Block[], right: readonly Block[], keys: readonly SortKey[]): RowComparator {
  const parts = keys.map((k) => {
    const a = access(left[k.channel]!);
    const b = left === right ? a : access(right[k.channel]!);
    const sign = k.ascending ? 1 : -1;
    const nullOrder = k.nullsFirst ? -1 : 1;
    const isDouble = k.type.kind === 'double' || k.type.kind === 'real';
    const isString = k.type.kind === 'varchar' || k.type.kind === 'char';
    if (a.numbers !== undefined && b.numbers !== undefined) {
      const numbers = a.numbers;
      const nulls = a.nulls;
      const numbersB = b.numbers;
      const nullsB = b.nulls;
      return (x: number, y: number): number => {
        if (nulls !== undefined || nullsB !== undefined) {
          const xn = nulls !== undefined && nulls[x] === 1;
          const yn = nullsB !== undefined && nullsB[y] === 1;
          if (xn || yn) return xn === yn ? 0 : xn ? nullOrder : -nullOrder;
        }
        const u = numbers[x]!;
        const v = numbersB[y]!;
        if (u < v) return -sign;
        if (u > v) return sign;
        if (u === v || !isDouble) return 0;
        return compareDoubles(u, v) * sign;
      };
    }
    const objects = a.objects ?? toObjects(a);
    const objectsB = b === a ? objects : (b.objects ?? toObjects(b));
    const type = k.type;
    const isBool = type.kind === 'boolean';
    return (x: number, y: number): number => {
      const u = objects[x] ?? null;
      const v = objectsB[y] ?? null;
      if (isBool && u !== null && v !== null) return (u === v ? 0 : u ? 1 : -1) * sign;
      if (u === null || v === null) return u === v ? 0 : u === null ? nullOrder : -nullOrder;
      if (isString) return compareStrings(u as string, v as string) * sign;
      return compareValues(type, u, v) * sign;
    };
  });
  if (parts.length === 1) return parts[0]!;
  return (x, y) => {
    for (let i = 0; i < parts.length; i++) {
      const c = parts[i]!(x, y);
      if (c !== 0) return c;
    }
    return 0;
  };
}

/** Row indices 0..count-1 sorted by the comparator (stable). */
export function sortedPositions(count: number, comparator: RowComparator): Int32Array {
  const positions = new Int32Array(count);
  for (let i = 0; i < count; i++) positions[i] = i;
  positions.sort((a, b) => comparator(a, b) || a - b);
  return positions;
}
