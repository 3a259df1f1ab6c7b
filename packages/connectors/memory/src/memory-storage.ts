import type { Block, Page, ViewDefinition } from '@petrel/spi';
import { blockSizeInBytes, ConnectorErrorCode, pageSizeInBytes, StandardErrorCode, TrinoError } from '@petrel/spi';
import type { StoredPage } from './memory-table.js';
import { MemoryTable } from './memory-table.js';
import { toSharedBlock } from './shared-block.js';

export interface MemorySchema {
  readonly name: string;
  readonly tables: Map<string, MemoryTable>;
  readonly views: Map<string, ViewDefinition>;
}

interface PendingInsert {
  readonly tableId: number;
  readonly columnIds: readonly number[];
  /** Pages appended by sinks, by sink id. */
  readonly pagesBySink: Map<number, Page[]>;
}

/** All data of one memory catalog. */
export class MemoryStorage {
  readonly schemas = new Map<string, MemorySchema>();
  private readonly tablesById = new Map<number, MemoryTable>();
  private readonly pendingInserts = new Map<number, PendingInsert>();
  private nextTableId = 1;
  private nextPageId = 1;
  private nextInsertId = 1;
  private nextSinkId = 1;

  /** `memory.max-data-per-node` in bytes; undefined for no limit. */
  constructor(private readonly maxDataBytes: number | undefined = undefined) {
    this.addSchema('default');
  }

  /** Bytes held by all stored pages. */
  storedBytes(): number {
    let total = 0;
    for (const table of this.tablesById.values()) {
      for (const page of table.pages) for (const block of page.blocks.values()) total += blockSizeInBytes(block);
    }
    return total;
  }

  private checkLimit(additionalBytes: number): void {
    if (this.maxDataBytes === undefined) return;
    if (this.storedBytes() + additionalBytes > this.maxDataBytes) {
      throw new TrinoError(ConnectorErrorCode.MEMORY_LIMIT_EXCEEDED, `Memory limit [${this.maxDataBytes}] for memory connector exceeded`);
    }
  }

  addSchema(name: string): MemorySchema {
    const schema: MemorySchema = { name, tables: new Map(), views: new Map() };
    this.schemas.set(name, schema);
    return schema;
  }

  requireSchema(name: string): MemorySchema {
    const schema = this.schemas.get(name);
    if (schema === undefined) throw new TrinoError(StandardErrorCode.SCHEMA_NOT_FOUND, `Schema '${name}' does not exist`);
    return schema;
  }

  newTableId(): number {
    return this.nextTableId++;
  }

  registerTable(table: MemoryTable): void {
    this.requireSchema(table.schema).tables.set(table.name, table);
    this.tablesById.set(table.tableId, table);
  }

  unregisterTable(table: MemoryTable): void {
    this.schemas.get(table.schema)?.tables.delete(table.name);
    this.tablesById.delete(table.tableId);
  }

  tableById(tableId: number): MemoryTable {
    const table = this.tablesById.get(tableId);
    if (table === undefined) throw new TrinoError(StandardErrorCode.TABLE_NOT_FOUND, `Table with id ${tableId} no longer exists`);
    return table;
  }

  hasTableId(tableId: number): boolean {
    return this.tablesById.has(tableId);
  }

  /** Stores pages whose blocks are in `columnIds` order. */
  appendPages(table: MemoryTable, columnIds: readonly number[], pages: readonly Page[]): void {
    for (const page of pages) {
      if (page.positionCount === 0) continue;
      table.pages.push(this.storedPage(columnIds, page.blocks, page.positionCount));
    }
    table.version++;
  }

  storedPage(columnIds: readonly number[], blocks: readonly Block[], positionCount: number): StoredPage {
    const map = new Map<number, Block>();
    // Shared memory: driver threads scan the stored pages without copying them.
    columnIds.forEach((id, i) => map.set(id, toSharedBlock(blocks[i]!)));
    return { pageId: this.nextPageId++, positionCount, blocks: map };
  }

  beginInsert(tableId: number, columnIds: readonly number[]): number {
    const insertId = this.nextInsertId++;
    this.pendingInserts.set(insertId, { tableId, columnIds, pagesBySink: new Map() });
    return insertId;
  }

  newSink(insertId: number): number {
    const pending = this.requirePending(insertId);
    const sinkId = this.nextSinkId++;
    pending.pagesBySink.set(sinkId, []);
    return sinkId;
  }

  appendToSink(insertId: number, sinkId: number, page: Page): void {
    const pages = this.requirePending(insertId).pagesBySink.get(sinkId);
    if (pages === undefined) throw new TrinoError(StandardErrorCode.GENERIC_INTERNAL_ERROR, `Unknown page sink ${sinkId}`);
    if (this.maxDataBytes !== undefined) {
      let pending = pageSizeInBytes(page);
      for (const p of pages) pending += pageSizeInBytes(p);
      this.checkLimit(pending);
    }
    pages.push(page);
  }

  abortSink(insertId: number, sinkId: number): void {
    this.pendingInserts.get(insertId)?.pagesBySink.delete(sinkId);
  }

  /** Commits the pages of the sinks named by `sinkIds` atomically. */
  finishInsert(insertId: number, sinkIds: readonly number[]): void {
    const pending = this.requirePending(insertId);
    this.pendingInserts.delete(insertId);
    const table = this.tableById(pending.tableId);
    const pages: Page[] = [];
    for (const sinkId of sinkIds) pages.push(...(pending.pagesBySink.get(sinkId) ?? []));
    this.checkLimit(pages.reduce((sum, p) => sum + pageSizeInBytes(p), 0));
    this.appendPages(table, pending.columnIds, pages);
  }

  abortInsert(insertId: number): void {
    this.pendingInserts.delete(insertId);
  }

  private requirePending(insertId: number): PendingInsert {
    const pending = this.pendingInserts.get(insertId);
    if (pending === undefined) throw new TrinoError(StandardErrorCode.GENERIC_INTERNAL_ERROR, `Insert ${insertId} is not active`);
    return pending;
  }
}
