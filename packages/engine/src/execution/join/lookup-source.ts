import type { Block, Page, SqlType } from '@petrel/spi';
import { assertNever, isNullAt } from '@petrel/spi';
import { GroupByHash } from '../hash/group-by-hash.js';
import { ColumnAccumulator, concatBlocks } from '../block/block-builder.js';

/**
 * Builds a `LookupSource` page by page, so that hashing the build side is spread over the
 * driver's time slices instead of happening at once when the build side finishes.
 */
export class LookupSourceBuilder {
  /** The build pages' blocks per column, concatenated once when the build side is complete. */
  private readonly columns: Block[][];
  /** Chains built as pages arrive: first row of each key group, next row of each row (-1 ends). */
  private heads: Int32Array = new Int32Array(1024).fill(-1);
  private next: Int32Array = new Int32Array(1024).fill(-1);
  private readonly hash: GroupByHash | undefined;
  private rows = 0;
  private hasNullKey = false;

  constructor(
    private readonly types: readonly SqlType[],
    private readonly keyChannels: readonly number[],
  ) {
    this.hash = keyChannels.length === 0 ? undefined : new GroupByHash(keyChannels.map((c) => types[c]!));
    this.columns = types.map(() => []);
  }

  /** Hashes of single build columns kept for dynamic filters, filled page by page. */
  private readonly columnHashes = new Map<number, GroupByHash>();

  /** Also collects the distinct values of `channel` (for a dynamic filter); returns the hash. */
  trackColumn(channel: number): GroupByHash {
    if (this.keyChannels.length === 1 && this.keyChannels[0] === channel && this.hash !== undefined) return this.hash;
    let hash = this.columnHashes.get(channel);
    if (hash === undefined) {
      hash = new GroupByHash([this.types[channel]!]);
      this.columnHashes.set(channel, hash);
    }
    return hash;
  }

  addPage(page: Page): void {
    const n = page.positionCount;
    if (n === 0) return;
    for (let c = 0; c < this.columns.length; c++) this.columns[c]!.push(page.blocks[c]!);
    this.rows += n;
    if (this.columnHashes.size > 0) {
      const scratch = new Int32Array(n);
      for (const [channel, hash] of this.columnHashes) hash.getGroupIds([page.blocks[channel]!], n, scratch);
    }
    if (this.hash === undefined) return;
    const keys = this.keyChannels.map((c) => page.blocks[c]!);
    const ids = new Int32Array(n);
    this.hash.getGroupIds(keys, n, ids);
    for (const k of keys) {
      if (!mayHaveNulls(k)) continue;
      for (let i = 0; i < n; i++) {
        if (isNullAt(k, i)) {
          ids[i] = -1;
          this.hasNullKey = true;
        }
      }
    }
    const groups = this.hash.groupCount;
    if (this.heads.length < groups) this.heads = grow(this.heads, groups);
    // every slot of `next` below `rows` is written just below: no fill needed
    if (this.next.length < this.rows) this.next = grow(this.next, this.rows, false);
    const heads = this.heads;
    const next = this.next;
    const base = this.rows - n;
    for (let i = 0; i < n; i++) {
      const g = ids[i]!;
      if (g < 0) continue;
      next[base + i] = heads[g]!;
      heads[g] = base + i;
    }
  }

  sizeInBytes(): number {
    let bytes = this.hash?.sizeInBytes() ?? 0;
    bytes += this.heads.byteLength + this.next.byteLength;
    for (const hash of this.columnHashes.values()) bytes += hash.sizeInBytes();
    return bytes;
  }

  build(): LookupSource {
    const columns = this.columns.map((blocks, c) => concatenate(this.types[c]!, blocks));
    const rows = this.rows;
    let heads: Int32Array;
    let next: Int32Array;
    if (this.hash === undefined) {
      heads = new Int32Array([rows > 0 ? 0 : -1]);
      next = new Int32Array(rows).fill(-1);
      for (let i = 0; i + 1 < rows; i++) next[i] = i + 1;
    } else {
      heads = this.heads;
      next = this.next;
    }
    return new LookupSource(columns, rows, this.hash, heads, next, this.hasNullKey);
  }
}

/** One block of a column's build pages: typed arrays copied once into their final size. */
function concatenate(type: SqlType, blocks: readonly Block[]): Block {
  if (blocks.length > 0 && (blocks.every((b) => b.kind === 'float64') || blocks.every((b) => b.kind === 'bool') || blocks.every((b) => b.kind === 'object'))) {
    return concatBlocks(type, blocks);
  }
  const accumulator = new ColumnAccumulator(type);
  for (const b of blocks) accumulator.appendBlock(b);
  return accumulator.build();
}

function grow(array: Int32Array, minimum: number, fill = true): Int32Array {
  const grown = new Int32Array(Math.max(minimum, array.length * 2));
  if (fill) grown.fill(-1, array.length);
  grown.set(array);
  return grown;
}

function mayHaveNulls(block: Block): boolean {
  switch (block.kind) {
    case 'float64':
    case 'int32':
    case 'int64':
    case 'bool':
      return block.nulls !== undefined;
    case 'object':
    case 'dictionary':
    case 'rle':
      return true;
    default:
      return assertNever(block, 'block');
  }
}

/**
 * The build side of a hash join, materialized: all build rows column-wise, a hash table from key
 * tuple to the chain of rows with that key. Rows with a NULL key are kept (for outer joins) but
 * never match. Without key columns every build row matches every probe row (nested loops).
 */
export class LookupSource {
  /** Set for RIGHT and FULL joins: build rows that found a partner. */
  readonly visited: Uint8Array;

  constructor(
    readonly columns: readonly Block[],
    readonly rowCount: number,
    private readonly hash: GroupByHash | undefined,
    private readonly heads: Int32Array,
    private readonly next: Int32Array,
    readonly hasNullKey: boolean,
  ) {
    this.visited = new Uint8Array(rowCount);
  }

  sizeInBytes(): number {
    let bytes = this.next.byteLength + this.heads.byteLength + this.visited.byteLength + (this.hash?.sizeInBytes() ?? 0);
    for (const c of this.columns) bytes += estimateBlockBytes(c);
    return bytes;
  }

  /** For each probe row, the first matching build row or -1 (NULL keys never match). */
  lookup(probeKeys: readonly Block[], count: number, out: Int32Array): void {
    if (this.hash === undefined) {
      out.fill(this.heads[0]!, 0, count);
      return;
    }
    this.hash.lookupGroupIds(probeKeys, count, out);
    const heads = this.heads;
    for (let i = 0; i < count; i++) {
      const g = out[i]!;
      if (g >= 0) out[i] = heads[g]!;
    }
    for (const k of probeKeys) {
      if (!mayHaveNulls(k)) continue;
      for (let i = 0; i < count; i++) if (out[i]! >= 0 && isNullAt(k, i)) out[i] = -1;
    }
  }

  nextRow(row: number): number {
    return this.next[row]!;
  }

  /** Distinct non-null values of one key column (for dynamic filters). */
  get keyHash(): GroupByHash | undefined {
    return this.hash;
  }
}

function estimateBlockBytes(b: Block): number {
  switch (b.kind) {
    case 'float64':
    case 'int32':
    case 'int64':
    case 'bool':
      return b.values.byteLength;
    case 'object':
      return b.values.length * 32;
    case 'dictionary':
      return b.ids.byteLength;
    case 'rle':
      return 16;
  }
}
