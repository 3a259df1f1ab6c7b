import type { Block, SqlValue } from '@petrel/spi';
import { getValue } from '@petrel/spi';

/** Growable typed storage for grouped accumulator state. */
export class GroupedFloat64 {
  values = new Float64Array(16);
  ensure(groupCount: number): void {
    if (groupCount <= this.values.length) return;
    let n = this.values.length;
    while (n < groupCount) n *= 2;
    const next = new Float64Array(n);
    next.set(this.values);
    this.values = next;
  }
}

export class GroupedFlags {
  values = new Uint8Array(16);
  ensure(groupCount: number): void {
    if (groupCount <= this.values.length) return;
    let n = this.values.length;
    while (n < groupCount) n *= 2;
    const next = new Uint8Array(n);
    next.set(this.values);
    this.values = next;
  }
}

export class GroupedObjects<T> {
  values: T[] = [];
  constructor(private readonly initial: () => T) {}
  ensure(groupCount: number): void {
    while (this.values.length < groupCount) this.values.push(this.initial());
  }
}

/** Calls `f(group, value)` for each non-null value of the block. */
export function forEachNonNull(
  block: Block,
  groupIds: Int32Array,
  positionCount: number,
  f: (group: number, value: SqlValue) => void,
): void {
  if (block.kind === 'float64' || block.kind === 'int32') {
    const values = block.values;
    const nulls = block.nulls;
    if (nulls === undefined) for (let i = 0; i < positionCount; i++) f(groupIds[i]!, values[i]!);
    else for (let i = 0; i < positionCount; i++) if (nulls[i] !== 1) f(groupIds[i]!, values[i]!);
    return;
  }
  for (let i = 0; i < positionCount; i++) {
    const v = getValue(block, i);
    if (v !== null) f(groupIds[i]!, v);
  }
}

export function forEachValue(
  block: Block,
  groupIds: Int32Array,
  positionCount: number,
  f: (group: number, value: SqlValue) => void,
): void {
  for (let i = 0; i < positionCount; i++) f(groupIds[i]!, getValue(block, i));
}
