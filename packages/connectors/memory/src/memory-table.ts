import type { Block, ColumnMetadata, SqlType, SqlValue } from '@petrel/spi';
import { blockFromValues, copyPositions, runLengthBlock } from '@petrel/spi';

export interface MemoryColumn {
  readonly columnId: number;
  readonly name: string;
  readonly type: SqlType;
  readonly comment: string | undefined;
  readonly nullable: boolean;
}

/** A stored batch of rows: blocks by column id. Columns added later read as NULL. */
export interface StoredPage {
  readonly pageId: number;
  readonly positionCount: number;
  readonly blocks: ReadonlyMap<number, Block>;
}

/** One table's metadata and data. Mutated only by the connector, under its own rules. */
export class MemoryTable {
  columns: MemoryColumn[];
  comment: string | undefined;
  pages: StoredPage[] = [];
  /** Bumped on every data change (statistics cache key). */
  version = 0;

  constructor(
    readonly tableId: number,
    public schema: string,
    public name: string,
    columns: readonly MemoryColumn[],
    comment: string | undefined,
    readonly properties: Readonly<Record<string, SqlValue>>,
  ) {
    this.columns = [...columns];
    this.comment = comment;
  }

  rowCount(): number {
    let total = 0;
    for (const p of this.pages) total += p.positionCount;
    return total;
  }

  columnMetadata(): ColumnMetadata[] {
    return this.columns.map((c) => ({ name: c.name, type: c.type, nullable: c.nullable, comment: c.comment }));
  }

  findColumn(name: string): MemoryColumn | undefined {
    return this.columns.find((c) => c.name === name);
  }

  /** The block of column `columnId` in `page`, or an all-NULL block when the column was added later. */
  static columnBlock(page: StoredPage, columnId: number): Block {
    const block = page.blocks.get(columnId);
    if (block !== undefined) return block;
    return runLengthBlock(blockFromValues([null]), page.positionCount);
  }

  /** Keeps only the positions not in `deleted` (sorted positions to drop). */
  static withoutPositions(page: StoredPage, deleted: ReadonlySet<number>): StoredPage | undefined {
    const kept: number[] = [];
    for (let i = 0; i < page.positionCount; i++) if (!deleted.has(i)) kept.push(i);
    if (kept.length === 0) return undefined;
    const blocks = new Map<number, Block>();
    for (const [id, block] of page.blocks) blocks.set(id, copyPositions(block, kept));
    return { pageId: page.pageId, positionCount: kept.length, blocks };
  }
}
