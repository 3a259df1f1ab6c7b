import type { SqlValue } from '../type/value.js';
import { normalizeInt64 } from '../type/value.js';
import { assertNever } from '../type/sql-type.js';

/**
 * A column of values for one page: a closed union of physical layouts.
 *
 * The SQL type of a block is carried beside it (by the page's schema), not inside it. Which layouts
 * a type may use:
 * - `float64`: double, real, and every integral or integral-like type whose values are safe integers
 *   (tinyint, smallint, integer, bigint, date, interval day to second, interval year to month,
 *   timestamp(p <= 3)).
 * - `int32`: tinyint, smallint, integer, date, interval year to month.
 * - `int64`: bigint, and short decimals (unscaled values).
 * - `bool`: boolean (0 or 1).
 * - `object`: any type; each entry is the value in its runtime representation (see `value.ts`).
 * - `dictionary`: ids into a dictionary block of any layout.
 * - `rle`: one value repeated.
 *
 * `nulls`, where present, has a 1 at each null position; the value slot there is meaningless.
 * `object` blocks hold `null` directly and carry no mask.
 */
export type Block = Float64Block | Int32Block | Int64Block | BoolBlock | ObjectBlock | DictionaryBlock | RunLengthBlock;

export interface Float64Block {
  readonly kind: 'float64';
  readonly values: Float64Array;
  readonly nulls: Uint8Array | undefined;
}
export interface Int32Block {
  readonly kind: 'int32';
  readonly values: Int32Array;
  readonly nulls: Uint8Array | undefined;
}
export interface Int64Block {
  readonly kind: 'int64';
  readonly values: BigInt64Array;
  readonly nulls: Uint8Array | undefined;
}
export interface BoolBlock {
  readonly kind: 'bool';
  readonly values: Uint8Array;
  readonly nulls: Uint8Array | undefined;
}
export interface ObjectBlock {
  readonly kind: 'object';
  readonly values: readonly SqlValue[];
}
export interface DictionaryBlock {
  readonly kind: 'dictionary';
  readonly dictionary: Block;
  readonly ids: Int32Array;
}
export interface RunLengthBlock {
  readonly kind: 'rle';
  /** A block with exactly one position. */
  readonly value: Block;
  readonly positionCount: number;
}

export function float64Block(values: Float64Array, nulls?: Uint8Array): Float64Block {
  return { kind: 'float64', values, nulls };
}
export function int32Block(values: Int32Array, nulls?: Uint8Array): Int32Block {
  return { kind: 'int32', values, nulls };
}
export function int64Block(values: BigInt64Array, nulls?: Uint8Array): Int64Block {
  return { kind: 'int64', values, nulls };
}
export function boolBlock(values: Uint8Array, nulls?: Uint8Array): BoolBlock {
  return { kind: 'bool', values, nulls };
}
export function objectBlock(values: readonly SqlValue[]): ObjectBlock {
  return { kind: 'object', values };
}
export function dictionaryBlock(dictionary: Block, ids: Int32Array): DictionaryBlock {
  return { kind: 'dictionary', dictionary, ids };
}
export function runLengthBlock(value: Block, positionCount: number): RunLengthBlock {
  return { kind: 'rle', value, positionCount };
}

export function blockPositionCount(block: Block): number {
  switch (block.kind) {
    case 'float64':
    case 'int32':
    case 'int64':
    case 'bool':
    case 'object':
      return block.values.length;
    case 'dictionary':
      return block.ids.length;
    case 'rle':
      return block.positionCount;
    default:
      return assertNever(block, 'block');
  }
}

export function isNullAt(block: Block, position: number): boolean {
  switch (block.kind) {
    case 'float64':
    case 'int32':
    case 'int64':
    case 'bool':
      return block.nulls !== undefined && block.nulls[position] === 1;
    case 'object':
      return block.values[position] === null;
    case 'dictionary':
      return isNullAt(block.dictionary, block.ids[position]!);
    case 'rle':
      return isNullAt(block.value, 0);
    default:
      return assertNever(block, 'block');
  }
}

/**
 * Reads one value in its runtime representation. Slow path: operators on hot loops read the typed
 * arrays directly.
 */
export function getValue(block: Block, position: number): SqlValue {
  switch (block.kind) {
    case 'float64':
      return block.nulls !== undefined && block.nulls[position] === 1 ? null : block.values[position]!;
    case 'int32':
      return block.nulls !== undefined && block.nulls[position] === 1 ? null : block.values[position]!;
    case 'int64':
      return block.nulls !== undefined && block.nulls[position] === 1 ? null : normalizeInt64(block.values[position]!);
    case 'bool':
      return block.nulls !== undefined && block.nulls[position] === 1 ? null : block.values[position] === 1;
    case 'object':
      return block.values[position] ?? null;
    case 'dictionary':
      return getValue(block.dictionary, block.ids[position]!);
    case 'rle':
      return getValue(block.value, 0);
    default:
      return assertNever(block, 'block');
  }
}

/** A new block holding the given positions of `block`, in order. */
export function copyPositions(block: Block, positions: Int32Array | readonly number[], count = positions.length): Block {
  switch (block.kind) {
    case 'float64': {
      const values = new Float64Array(count);
      const nulls = block.nulls === undefined ? undefined : new Uint8Array(count);
      for (let i = 0; i < count; i++) {
        const p = positions[i]!;
        values[i] = block.values[p]!;
        if (nulls !== undefined) nulls[i] = block.nulls![p]!;
      }
      return float64Block(values, nulls);
    }
    case 'int32': {
      const values = new Int32Array(count);
      const nulls = block.nulls === undefined ? undefined : new Uint8Array(count);
      for (let i = 0; i < count; i++) {
        const p = positions[i]!;
        values[i] = block.values[p]!;
        if (nulls !== undefined) nulls[i] = block.nulls![p]!;
      }
      return int32Block(values, nulls);
    }
    case 'int64': {
      const values = new BigInt64Array(count);
      const nulls = block.nulls === undefined ? undefined : new Uint8Array(count);
      for (let i = 0; i < count; i++) {
        const p = positions[i]!;
        values[i] = block.values[p]!;
        if (nulls !== undefined) nulls[i] = block.nulls![p]!;
      }
      return int64Block(values, nulls);
    }
    case 'bool': {
      const values = new Uint8Array(count);
      const nulls = block.nulls === undefined ? undefined : new Uint8Array(count);
      for (let i = 0; i < count; i++) {
        const p = positions[i]!;
        values[i] = block.values[p]!;
        if (nulls !== undefined) nulls[i] = block.nulls![p]!;
      }
      return boolBlock(values, nulls);
    }
    case 'object': {
      const values = new Array<SqlValue>(count);
      for (let i = 0; i < count; i++) values[i] = block.values[positions[i]!] ?? null;
      return objectBlock(values);
    }
    case 'dictionary': {
      const ids = new Int32Array(count);
      for (let i = 0; i < count; i++) ids[i] = block.ids[positions[i]!]!;
      return dictionaryBlock(block.dictionary, ids);
    }
    case 'rle':
      return runLengthBlock(block.value, count);
    default:
      return assertNever(block, 'block');
  }
}

/** A view of positions [offset, offset + length) sharing the underlying buffers where possible. */
export function sliceBlock(block: Block, offset: number, length: number): Block {
  const end = offset + length;
  switch (block.kind) {
    case 'float64':
      return float64Block(block.values.subarray(offset, end), block.nulls?.subarray(offset, end));
    case 'int32':
      return int32Block(block.values.subarray(offset, end), block.nulls?.subarray(offset, end));
    case 'int64':
      return int64Block(block.values.subarray(offset, end), block.nulls?.subarray(offset, end));
    case 'bool':
      return boolBlock(block.values.subarray(offset, end), block.nulls?.subarray(offset, end));
    case 'object':
      return objectBlock(block.values.slice(offset, end));
    case 'dictionary':
      return dictionaryBlock(block.dictionary, block.ids.subarray(offset, end));
    case 'rle':
      return runLengthBlock(block.value, length);
    default:
      return assertNever(block, 'block');
  }
}

/** Rough retained size in bytes, for memory accounting. */
export function blockSizeInBytes(block: Block): number {
  switch (block.kind) {
    case 'float64':
    case 'int32':
    case 'int64':
    case 'bool':
      return block.values.byteLength + (block.nulls?.byteLength ?? 0);
    case 'object':
      return block.values.length * 16 + estimateObjectValuesBytes(block.values);
    case 'dictionary':
      return block.ids.byteLength + blockSizeInBytes(block.dictionary);
    case 'rle':
      return blockSizeInBytes(block.value);
    default:
      return assertNever(block, 'block');
  }
}

function estimateObjectValuesBytes(values: readonly SqlValue[]): number {
  // Sample to keep accounting cheap on large blocks.
  const n = values.length;
  if (n === 0) return 0;
  const step = Math.max(1, Math.floor(n / 64));
  let sampled = 0;
  let bytes = 0;
  for (let i = 0; i < n; i += step) {
    const v = values[i];
    sampled++;
    if (typeof v === 'string') bytes += 2 * v.length;
    else if (v instanceof Uint8Array) bytes += v.byteLength;
    else if (Array.isArray(v)) bytes += 16 * v.length;
    else if (typeof v === 'object' && v !== null) bytes += 48;
  }
  return Math.round((bytes / sampled) * n);
}

/** Builds a block of the `object` layout from runtime values. */
export function blockFromValues(values: readonly SqlValue[]): ObjectBlock {
  return objectBlock(values);
}
