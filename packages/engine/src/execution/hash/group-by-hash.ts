import type { Block, SqlType, SqlValue } from '@petrel/spi';
import { getValue, float64Block, boolBlock, objectBlock, blockPositionCount } from '@petrel/spi';
import { columnLayoutOf } from '../block/column-layout.js';
import { hashNumber, hashValue, valuesEqual } from '../ordering/value-ordering.js';

const NULL_HASH = 0x1b873593;
/** Hash bits above this select the partition of the single-number-key table (16 partitions). */
const PARTITION_SHIFT = 28;

/** One key column's values per group: numbers in a Float64Array, anything else as runtime values. */
interface KeyColumn {
  numeric: boolean;
  numbers: Float64Array;
  nulls: Uint8Array;
  objects: SqlValue[];
  readonly type: SqlType;
  readonly isBoolean: boolean;
}

/** The values of one input key column for a page, normalized for hashing. */
interface KeyInput {
  /** Numbers (numeric columns); undefined when `objects` is used. */
  numbers: Float64Array | Int32Array | Uint8Array | undefined;
  nulls: Uint8Array | undefined;
  objects: readonly SqlValue[] | undefined;
}

/**
 * Assigns dense group ids (0, 1, 2 ...) to distinct key tuples: open addressing over an Int32Array
 * of group ids, with the keys kept column-wise in typed arrays. NULLs are ordinary key values here
 * (GROUP BY semantics); callers that need "null never matches" (joins) check for nulls themselves.
 */
export class GroupByHash {
  private table: Int32Array;
  private mask: number;
  private groupHashes: Int32Array;
  private readonly columns: KeyColumn[];
  private count = 0;
  private hashes = new Int32Array(1024);
  /** Single numeric key fast path: per partition, group + 1 per slot (0 = empty). */
  private fastSlots: Int32Array[] | undefined;
  private fastMasks = new Int32Array(0);
  private partitionCounts = new Int32Array(0);
  private nullGroup = -1;

  constructor(readonly types: readonly SqlType[], expectedGroups = 1024) {
    const capacity = tableCapacity(expectedGroups);
    this.table = new Int32Array(capacity).fill(-1);
    this.mask = capacity - 1;
    const groupCapacity = Math.max(16, expectedGroups);
    this.groupHashes = new Int32Array(groupCapacity);
    this.columns = types.map((type) => {
      const layout = columnLayoutOf(type);
      const numeric = layout === 'number' || layout === 'boolean';
      return {
        numeric,
        numbers: new Float64Array(numeric ? groupCapacity : 0),
        nulls: new Uint8Array(numeric ? groupCapacity : 0),
        objects: [],
        type,
        isBoolean: layout === 'boolean',
      };
    });
  }

  get groupCount(): number {
    return this.count;
  }

  sizeInBytes(): number {
    let bytes = this.table.byteLength + this.groupHashes.byteLength;
    if (this.fastSlots !== undefined) for (const p of this.fastSlots) bytes += p.byteLength;
    for (const c of this.columns) bytes += c.numbers.byteLength + c.nulls.byteLength + c.objects.length * 24;
    return bytes;
  }

  /** Group ids of rows 0..count-1 of the key blocks, adding new groups. */
  getGroupIds(keys: readonly Block[], count: number, out: Int32Array): void {
    this.process(keys, count, out, true);
  }

  /** Group ids of existing groups, -1 where the key is not present. */
  lookupGroupIds(keys: readonly Block[], count: number, out: Int32Array): void {
    this.process(keys, count, out, false);
  }

  private process(keys: readonly Block[], count: number, out: Int32Array, insert: boolean): void {
    const inputs = keys.map((b, i) => this.normalize(b, i, count));
    if (this.columns.length === 1 && this.columns[0]!.numeric && inputs[0]!.numbers !== undefined) {
      const numbers = inputs[0]!.numbers;
      if (!insert && this.fastSlots !== undefined && numbers instanceof Float64Array) this.lookupSingleFloat64(numbers, inputs[0]!.nulls, count, out);
      else this.processSingleNumber(inputs[0]!, count, out, insert);
      return;
    }
    this.leaveFastPath();
    if (this.hashes.length < count) this.hashes = new Int32Array(count);
    const hashes = this.hashes;
    hashes.fill(0, 0, count);
    for (let c = 0; c < inputs.length; c++) hashColumn(inputs[c]!, this.columns[c]!.type, count, hashes);
    for (let i = 0; i < count; i++) {
      const h = hashes[i]!;
      let slot = h & this.mask;
      for (;;) {
        const g = this.table[slot]!;
        if (g === -1) {
          if (!insert) {
            out[i] = -1;
            break;
          }
          out[i] = this.addGroup(inputs, i, h, slot);
          break;
        }
        if (this.groupHashes[g] === h && this.rowEquals(g, inputs, i)) {
          out[i] = g;
          break;
        }
        slot = (slot + 1) & this.mask;
      }
    }
  }

  /**
   * Single numeric key: the table is split by the hash's top bits into 16 partitions, each an
   * Int32Array of group id + 1 per slot (keys compared straight from the key column). Growing
   * rebuilds one partition at a time, which bounds the pause of any one insert and keeps each
   * partition's table small.
   */
  private processSingleNumber(input: KeyInput, count: number, out: Int32Array, insert: boolean): void {
    const values = input.numbers!;
    const nulls = input.nulls;
    const column = this.columns[0]!;
    if (this.fastSlots === undefined) this.buildFastSlots();
    const partitions = this.fastSlots!;
    const masks = this.fastMasks;
    let keys = column.numbers;
    for (let i = 0; i < count; i++) {
      if (nulls !== undefined && nulls[i] === 1) {
        if (this.nullGroup < 0 && insert) {
          const group = this.appendGroup(NULL_HASH);
          column.numbers[group] = 0;
          column.nulls[group] = 1;
          this.nullGroup = group;
          keys = column.numbers;
        }
        out[i] = this.nullGroup;
        continue;
      }
      const v = values[i]!;
      const h = hashNumber(v);
      const part = h >>> PARTITION_SHIFT;
      const slots = partitions[part]!;
      const mask = masks[part]!;
      let slot = h & mask;
      for (;;) {
        const stored = slots[slot]!;
        if (stored === 0) {
          if (!insert) {
            out[i] = -1;
            break;
          }
          const group = this.appendGroup(h);
          keys = column.numbers;
          keys[group] = v;
          column.nulls[group] = 0;
          slots[slot] = group + 1;
          out[i] = group;
          if (++this.partitionCounts[part]! * 2 > mask) this.rebuildPartition(part, (mask + 1) * 4);
          break;
        }
        const k = keys[stored - 1]!;
        if (k === v || (k !== k && v !== v)) {
          out[i] = stored - 1;
          break;
        }
        slot = (slot + 1) & mask;
      }
    }
  }

  /** Lookup only, single key in a Float64Array: the probe loop of joins and dynamic filters, kept monomorphic. */
  private lookupSingleFloat64(values: Float64Array, nulls: Uint8Array | undefined, count: number, out: Int32Array): void {
    const partitions = this.fastSlots!;
    const masks = this.fastMasks;
    const keys = this.columns[0]!.numbers;
    const nullGroup = this.nullGroup;
    for (let i = 0; i < count; i++) {
      if (nulls !== undefined && nulls[i] === 1) {
        out[i] = nullGroup;
        continue;
      }
      const v = values[i]!;
      const h = hashNumber(v);
      const part = h >>> PARTITION_SHIFT;
      const slots = partitions[part]!;
      const mask = masks[part]!;
      let slot = h & mask;
      let found = -1;
      for (;;) {
        const stored = slots[slot]!;
        if (stored === 0) break;
        const k = keys[stored - 1]!;
        if (k === v || (k !== k && v !== v)) {
          found = stored - 1;
          break;
        }
        slot = (slot + 1) & mask;
      }
      out[i] = found;
    }
  }

  /** Builds every partition from the existing groups. */
  private buildFastSlots(): void {
    const partitionCount = 1 << (32 - PARTITION_SHIFT);
    this.fastSlots = [];
    this.fastMasks = new Int32Array(partitionCount);
    this.partitionCounts = new Int32Array(partitionCount);
    const column = this.columns[0]!;
    for (let g = 0; g < this.count; g++) if (column.nulls[g] !== 1) this.partitionCounts[this.groupHashes[g]! >>> PARTITION_SHIFT]!++;
    for (let p = 0; p < partitionCount; p++) {
      let capacity = 64;
      while (capacity < this.partitionCounts[p]! * 4) capacity *= 2;
      this.fastSlots.push(new Int32Array(capacity));
      this.fastMasks[p] = capacity - 1;
    }
    for (let g = 0; g < this.count; g++) {
      if (column.nulls[g] === 1) continue;
      const h = this.groupHashes[g]!;
      const p = h >>> PARTITION_SHIFT;
      const slots = this.fastSlots[p]!;
      const mask = this.fastMasks[p]!;
      let slot = h & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = g + 1;
    }
  }

  /** Grows one partition: re-inserts the groups found in its current table. */
  private rebuildPartition(part: number, capacity: number): void {
    const old = this.fastSlots![part]!;
    const slots = new Int32Array(capacity);
    const mask = capacity - 1;
    for (let s = 0; s < old.length; s++) {
      const stored = old[s]!;
      if (stored === 0) continue;
      let slot = this.groupHashes[stored - 1]! & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = stored;
    }
    this.fastSlots![part] = slots;
    this.fastMasks[part] = mask;
  }

  /** Adds a group (fast single-number path): its hash only; the caller stores the key. */
  private appendGroup(h: number): number {
    const group = this.count++;
    if (group >= this.groupHashes.length) this.growGroups();
    this.groupHashes[group] = h;
    return group;
  }

  /** Leaves the single-number fast path: rebuilds the general table from the group hashes. */
  private leaveFastPath(): void {
    if (this.fastSlots === undefined) return;
    this.fastSlots = undefined;
    let capacity = 64;
    while (capacity < this.count * 2 + 2) capacity *= 2;
    const table = new Int32Array(capacity).fill(-1);
    const mask = capacity - 1;
    for (let g = 0; g < this.count; g++) {
      let slot = this.groupHashes[g]! & mask;
      while (table[slot] !== -1) slot = (slot + 1) & mask;
      table[slot] = g;
    }
    this.table = table;
    this.mask = mask;
  }

  private normalize(block: Block, column: number, count: number): KeyInput {
    const key = this.columns[column]!;
    if (key.numeric) {
      if (block.kind === 'float64' || block.kind === 'int32' || block.kind === 'bool') return { numbers: block.values, nulls: block.nulls, objects: undefined };
    }
    let objects: readonly SqlValue[];
    if (block.kind === 'object') objects = block.values;
    else {
      const values = new Array<SqlValue>(count);
      for (let i = 0; i < count; i++) values[i] = getValue(block, i);
      objects = values;
    }
    if (key.numeric) {
      // numbers arriving as runtime values (dictionary, rle, int64): convert unless a bigint appears
      const numbers = new Float64Array(count);
      let nulls: Uint8Array | undefined;
      let ok = true;
      for (let i = 0; i < count; i++) {
        const v = objects[i];
        if (v === null || v === undefined) {
          if (nulls === undefined) nulls = new Uint8Array(count);
          nulls[i] = 1;
        } else if (typeof v === 'number') numbers[i] = v;
        else if (typeof v === 'boolean') numbers[i] = v ? 1 : 0;
        else {
          ok = false;
          break;
        }
      }
      if (ok) return { numbers, nulls, objects: undefined };
      this.convertToObjects(column);
    }
    return { numbers: undefined, nulls: undefined, objects };
  }

  private convertToObjects(column: number): void {
    const key = this.columns[column]!;
    if (!key.numeric) return;
    const objects = new Array<SqlValue>(this.count);
    for (let g = 0; g < this.count; g++) objects[g] = key.nulls[g] === 1 ? null : key.isBoolean ? key.numbers[g] === 1 : key.numbers[g]!;
    key.objects = objects;
    key.numeric = false;
    key.numbers = new Float64Array(0);
    key.nulls = new Uint8Array(0);
  }

  private rowEquals(g: number, inputs: readonly KeyInput[], i: number): boolean {
    for (let c = 0; c < inputs.length; c++) {
      const input = inputs[c]!;
      const key = this.columns[c]!;
      if (input.numbers !== undefined) {
        const isNull = input.nulls !== undefined && input.nulls[i] === 1;
        if (key.numeric) {
          if (key.nulls[g] !== (isNull ? 1 : 0)) return false;
          if (!isNull) {
            const a = key.numbers[g]!;
            const b = input.numbers[i]!;
            if (a !== b && !(a !== a && b !== b)) return false;
          }
        } else {
          const k = key.objects[g] ?? null;
          if (isNull) {
            if (k !== null) return false;
          } else {
            const v = key.isBoolean ? input.numbers[i] === 1 : input.numbers[i]!;
            if (k === null || !valuesEqual(key.type, k, v)) return false;
          }
        }
      } else {
        const v = input.objects![i] ?? null;
        const k = key.numeric ? (key.nulls[g] === 1 ? null : key.numbers[g]!) : (key.objects[g] ?? null);
        if (v === null || k === null) {
          if (v !== k) return false;
        } else if (!valuesEqual(key.type, k, v)) return false;
      }
    }
    return true;
  }

  private addGroup(inputs: readonly KeyInput[], i: number, h: number, slot: number): number {
    const group = this.newGroup(h, slot);
    for (let c = 0; c < inputs.length; c++) {
      const input = inputs[c]!;
      const key = this.columns[c]!;
      if (input.numbers !== undefined) {
        const isNull = input.nulls !== undefined && input.nulls[i] === 1;
        if (key.numeric) {
          key.numbers[group] = isNull ? 0 : input.numbers[i]!;
          key.nulls[group] = isNull ? 1 : 0;
        } else {
          key.objects[group] = isNull ? null : key.isBoolean ? input.numbers[i] === 1 : input.numbers[i]!;
        }
      } else {
        key.objects[group] = input.objects![i] ?? null;
      }
    }
    return group;
  }

  private newGroup(h: number, slot: number): number {
    const group = this.count++;
    if (group >= this.groupHashes.length) this.growGroups();
    this.groupHashes[group] = h;
    this.table[slot] = group;
    if (this.count * 2 > this.table.length) this.rehash();
    return group;
  }

  private growGroups(): void {
    const capacity = this.groupHashes.length * 2;
    const hashes = new Int32Array(capacity);
    hashes.set(this.groupHashes);
    this.groupHashes = hashes;
    for (const c of this.columns) {
      if (!c.numeric) continue;
      const n = new Float64Array(capacity);
      n.set(c.numbers);
      c.numbers = n;
      const m = new Uint8Array(capacity);
      m.set(c.nulls);
      c.nulls = m;
    }
  }

  private rehash(): void {
    const capacity = this.table.length * 2;
    const table = new Int32Array(capacity).fill(-1);
    const mask = capacity - 1;
    for (let g = 0; g < this.count; g++) {
      let slot = this.groupHashes[g]! & mask;
      while (table[slot] !== -1) slot = (slot + 1) & mask;
      table[slot] = g;
    }
    this.table = table;
    this.mask = mask;
  }

  /** The key values of groups [from, to) as blocks, one per key column. */
  getKeyBlocks(from = 0, to = this.count): Block[] {
    return this.columns.map((c) => {
      if (c.numeric) {
        const n = to - from;
        let hasNull = false;
        for (let g = from; g < to; g++) if (c.nulls[g] === 1) hasNull = true;
        const nulls = hasNull ? c.nulls.slice(from, to) : undefined;
        if (c.isBoolean) {
          const values = new Uint8Array(n);
          for (let i = 0; i < n; i++) values[i] = c.numbers[from + i]!;
          return boolBlock(values, nulls);
        }
        return float64Block(c.numbers.slice(from, to), nulls);
      }
      return objectBlock(c.objects.slice(from, to));
    });
  }

  /** Key value of one group and column (slow path). */
  getKey(group: number, column: number): SqlValue {
    const c = this.columns[column]!;
    if (c.numeric) return c.nulls[group] === 1 ? null : c.isBoolean ? c.numbers[group] === 1 : c.numbers[group]!;
    return c.objects[group] ?? null;
  }
}

function tableCapacity(expected: number): number {
  let capacity = 64;
  while (capacity < expected * 2) capacity *= 2;
  return capacity;
}

function hashColumn(input: KeyInput, type: SqlType, count: number, hashes: Int32Array): void {
  if (input.numbers !== undefined) {
    const values = input.numbers;
    const nulls = input.nulls;
    for (let i = 0; i < count; i++) {
      const h = nulls !== undefined && nulls[i] === 1 ? NULL_HASH : hashNumber(values[i]!);
      hashes[i] = (Math.imul(hashes[i]!, 31) + h) | 0;
    }
    return;
  }
  const objects = input.objects!;
  for (let i = 0; i < count; i++) {
    const v = objects[i] ?? null;
    const h = v === null ? NULL_HASH : typeof v === 'boolean' ? hashNumber(v ? 1 : 0) : hashValue(type, v);
    hashes[i] = (Math.imul(hashes[i]!, 31) + h) | 0;
  }
}

/** Number of positions of the first block (0 when none). */
export function keyPositionCount(keys: readonly Block[]): number {
  return keys.length === 0 ? 0 : blockPositionCount(keys[0]!);
}
