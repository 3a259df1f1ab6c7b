import type { Block, SqlType, SqlValue } from '@petrel/spi';
import { boolBlock, float64Block, getValue, objectBlock, blockPositionCount, copyPositions } from '@petrel/spi';
import { columnLayoutOf } from './column-layout.js';

/**
 * Accumulates values of one SQL type and builds the most compact block for them. Grows by
 * doubling; `append` is the generic path, `appendNumber` the fast one for number layouts.
 */
export class BlockBuilder {
  readonly type: SqlType;
  private readonly layout: 'number' | 'boolean' | 'object';
  private numbers: Float64Array | undefined;
  private bools: Uint8Array | undefined;
  private nulls: Uint8Array | undefined;
  private objects: SqlValue[] | undefined;
  private count = 0;
  private hasNull = false;

  constructor(type: SqlType, expectedPositions = 1024) {
    this.type = type;
    this.layout = columnLayoutOf(type);
    const capacity = Math.max(8, expectedPositions);
    if (this.layout === 'number') {
      this.numbers = new Float64Array(capacity);
      this.nulls = new Uint8Array(capacity);
    } else if (this.layout === 'boolean') {
      this.bools = new Uint8Array(capacity);
      this.nulls = new Uint8Array(capacity);
    } else {
      this.objects = [];
    }
  }

  get positionCount(): number {
    return this.count;
  }

  private grow(): void {
    const capacity = Math.max(16, this.count * 2);
    if (this.numbers !== undefined) {
      const n = new Float64Array(capacity);
      n.set(this.numbers);
      this.numbers = n;
    }
    if (this.bools !== undefined) {
      const b = new Uint8Array(capacity);
      b.set(this.bools);
      this.bools = b;
    }
    if (this.nulls !== undefined) {
      const m = new Uint8Array(capacity);
      m.set(this.nulls);
      this.nulls = m;
    }
  }

  /** Switches a number layout to objects (a BIGINT outside the safe range arrived). */
  private toObjects(): void {
    const objects: SqlValue[] = new Array(this.count);
    for (let i = 0; i < this.count; i++) objects[i] = this.nulls![i] === 1 ? null : this.numbers![i]!;
    this.objects = objects;
    this.numbers = undefined;
    this.nulls = undefined;
  }

  append(value: SqlValue): void {
    if (this.objects !== undefined) {
      this.objects.push(value);
      this.count++;
      return;
    }
    if (this.numbers !== undefined) {
      if (value !== null && typeof value !== 'number') {
        this.toObjects();
        this.objects!.push(value);
        this.count++;
        return;
      }
      if (this.count === this.numbers.length) this.grow();
      if (value === null) {
        this.nulls![this.count] = 1;
        this.hasNull = true;
      } else {
        this.numbers[this.count] = value;
      }
      this.count++;
      return;
    }
    if (this.count === this.bools!.length) this.grow();
    if (value === null) {
      this.nulls![this.count] = 1;
      this.hasNull = true;
    } else {
      this.bools![this.count] = value === true ? 1 : 0;
    }
    this.count++;
  }

  appendNull(): void {
    this.append(null);
  }

  /** Appends position `position` of `block` (generic path). */
  appendFrom(block: Block, position: number): void {
    this.append(getValue(block, position));
  }

  build(): Block {
    const n = this.count;
    if (this.objects !== undefined) return objectBlock(this.objects.length === n ? this.objects : this.objects.slice(0, n));
    const nulls = this.hasNull ? this.nulls!.slice(0, n) : undefined;
    if (this.numbers !== undefined) return float64Block(this.numbers.length === n ? this.numbers : this.numbers.slice(0, n), nulls);
    return boolBlock(this.bools!.length === n ? this.bools! : this.bools!.slice(0, n), nulls);
  }

  /** Builds and starts over. */
  buildAndReset(): Block {
    const block = this.build();
    const capacity = Math.max(8, this.count);
    this.count = 0;
    this.hasNull = false;
    if (this.layout === 'number') {
      this.numbers = new Float64Array(capacity);
      this.nulls = new Uint8Array(capacity);
      this.objects = undefined;
    } else if (this.layout === 'boolean') {
      this.bools = new Uint8Array(capacity);
      this.nulls = new Uint8Array(capacity);
    } else {
      this.objects = [];
    }
    return block;
  }
}

/** Builds a block of `type` from runtime values. */
export function blockOf(type: SqlType, values: readonly SqlValue[]): Block {
  const builder = new BlockBuilder(type, values.length);
  for (const v of values) builder.append(v);
  return builder.build();
}

/** A block of `count` NULLs. */
export function nullBlock(count: number): Block {
  return objectBlock(new Array<SqlValue>(count).fill(null));
}

/** One block holding the positions of all `blocks` in order. */
export function concatBlocks(type: SqlType, blocks: readonly Block[]): Block {
  if (blocks.length === 1) return blocks[0]!;
  let total = 0;
  let allFloat = true;
  let allBool = true;
  let anyNulls = false;
  for (const b of blocks) {
    total += blockPositionCount(b);
    if (b.kind !== 'float64') allFloat = false;
    if (b.kind !== 'bool') allBool = false;
    if ((b.kind === 'float64' || b.kind === 'bool') && b.nulls !== undefined) anyNulls = true;
  }
  if (allFloat || allBool) {
    const values = allFloat ? new Float64Array(total) : new Uint8Array(total);
    const nulls = anyNulls ? new Uint8Array(total) : undefined;
    let offset = 0;
    for (const b of blocks) {
      const fb = b as { values: Float64Array | Uint8Array; nulls: Uint8Array | undefined };
      (values as Float64Array).set(fb.values as Float64Array, offset);
      if (nulls !== undefined && fb.nulls !== undefined) nulls.set(fb.nulls, offset);
      offset += fb.values.length;
    }
    return allFloat ? float64Block(values as Float64Array, nulls) : boolBlock(values as Uint8Array, nulls);
  }
  if (blocks.every((b) => b.kind === 'object')) {
    const values = new Array<SqlValue>(total);
    let offset = 0;
    for (const b of blocks) {
      const source = (b as { values: readonly SqlValue[] }).values;
      for (let i = 0; i < source.length; i++) values[offset++] = source[i] ?? null;
    }
    return objectBlock(values);
  }
  const builder = new BlockBuilder(type, total);
  for (const b of blocks) {
    const n = blockPositionCount(b);
    for (let i = 0; i < n; i++) builder.append(getValue(b, i));
  }
  return builder.build();
}

/**
 * Copies `positions` of `block`; a position of -1 gives NULL (outer join padding).
 */
export function copyPositionsWithNulls(type: SqlType, block: Block, positions: Int32Array, count: number): Block {
  let hasMissing = false;
  for (let i = 0; i < count; i++) {
    if (positions[i]! < 0) {
      hasMissing = true;
      break;
    }
  }
  if (!hasMissing) return copyPositions(block, positions, count);
  if (block.kind === 'float64' || block.kind === 'bool') {
    const values = block.kind === 'float64' ? new Float64Array(count) : new Uint8Array(count);
    const nulls = new Uint8Array(count);
    const source = block.values;
    const sourceNulls = block.nulls;
    for (let i = 0; i < count; i++) {
      const p = positions[i]!;
      if (p < 0 || (sourceNulls !== undefined && sourceNulls[p] === 1)) nulls[i] = 1;
      else values[i] = source[p]!;
    }
    return block.kind === 'float64' ? float64Block(values as Float64Array, nulls) : boolBlock(values as Uint8Array, nulls);
  }
  const builder = new BlockBuilder(type, count);
  for (let i = 0; i < count; i++) {
    const p = positions[i]!;
    builder.append(p < 0 ? null : getValue(block, p));
  }
  return builder.build();
}

/**
 * Appends whole blocks of one type into one growing column (typed arrays double in place, object
 * columns push), so materializing a large input is spread over the pages that bring it.
 */
export class ColumnAccumulator {
  private numbers: Float64Array | undefined;
  private bools: Uint8Array | undefined;
  private nulls: Uint8Array | undefined;
  private objects: SqlValue[] | undefined;
  private count = 0;
  private hasNull = false;

  constructor(readonly type: SqlType) {}

  appendBlock(block: Block): void {
    const n = blockPositionCount(block);
    if (this.objects === undefined && this.count === 0 && this.numbers === undefined && this.bools === undefined) {
      if (block.kind === 'float64' || block.kind === 'int32') this.numbers = new Float64Array(Math.max(1024, n));
      else if (block.kind === 'bool') this.bools = new Uint8Array(Math.max(1024, n));
      else this.objects = [];
      if (this.objects === undefined) this.nulls = new Uint8Array(Math.max(1024, n));
    }
    if (this.numbers !== undefined && block.kind === 'float64') {
      this.ensure(n);
      this.numbers.set(block.values, this.count);
      this.copyNulls(block.nulls, n);
      this.count += n;
      return;
    }
    if (this.numbers !== undefined && block.kind === 'int32') {
      this.ensure(n);
      const numbers = this.numbers;
      const values = block.values;
      for (let i = 0; i < n; i++) numbers[this.count + i] = values[i]!;
      this.copyNulls(block.nulls, n);
      this.count += n;
      return;
    }
    if (this.bools !== undefined && block.kind === 'bool') {
      this.ensure(n);
      this.bools.set(block.values, this.count);
      this.copyNulls(block.nulls, n);
      this.count += n;
      return;
    }
    if (this.objects === undefined) this.toObjects();
    const objects = this.objects!;
    if (block.kind === 'object') {
      const values = block.values;
      for (let i = 0; i < n; i++) objects.push(values[i] ?? null);
    } else {
      for (let i = 0; i < n; i++) objects.push(getValue(block, i));
    }
    this.count += n;
  }

  private ensure(n: number): void {
    const capacity = (this.numbers ?? this.bools)!.length;
    if (this.count + n <= capacity) return;
    const grown = Math.max(this.count + n, capacity * 2);
    if (this.numbers !== undefined) {
      const next = new Float64Array(grown);
      next.set(this.numbers.subarray(0, this.count));
      this.numbers = next;
    } else {
      const next = new Uint8Array(grown);
      next.set(this.bools!.subarray(0, this.count));
      this.bools = next;
    }
    const nulls = new Uint8Array(grown);
    nulls.set(this.nulls!.subarray(0, this.count));
    this.nulls = nulls;
  }

  private copyNulls(source: Uint8Array | undefined, n: number): void {
    if (source === undefined) return;
    this.nulls!.set(source, this.count);
    this.hasNull = true;
  }

  private toObjects(): void {
    const objects = new Array<SqlValue>(this.count);
    for (let i = 0; i < this.count; i++) {
      const isNull = this.nulls !== undefined && this.nulls[i] === 1;
      objects[i] = isNull ? null : this.numbers !== undefined ? this.numbers[i]! : this.bools![i] === 1;
    }
    this.objects = objects;
    this.numbers = undefined;
    this.bools = undefined;
    this.nulls = undefined;
  }

  get positionCount(): number {
    return this.count;
  }

  /** The accumulated column (typed arrays are views, not copies). */
  build(): Block {
    if (this.objects !== undefined) return objectBlock(this.objects);
    const nulls = this.hasNull ? this.nulls!.subarray(0, this.count) : undefined;
    if (this.numbers !== undefined) return float64Block(this.numbers.subarray(0, this.count), nulls);
    if (this.bools !== undefined) return boolBlock(this.bools.subarray(0, this.count), nulls);
    return objectBlock([]);
  }
}
