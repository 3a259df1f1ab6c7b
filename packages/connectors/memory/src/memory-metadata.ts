import type {
  ColumnMetadata,
  ConnectorColumnHandle,
  ConnectorInsertHandle,
  ConnectorMetadata,
  ConnectorSession,
  ConnectorTableHandle,
  ConnectorTableMetadata,
  LimitApplicationResult,
  RowChanges,
  SchemaTableName,
  SqlType,
  SqlValue,
  TableStatistics,
  ViewDefinition,
} from '@petrel/spi';
import { BIGINT, blockFromValues, getValue, StandardErrorCode, TrinoError, typeDisplayName } from '@petrel/spi';
import type { MemoryColumnHandle, MemoryInsertHandle, MemoryTableHandle } from './memory-handles.js';
import { asMemoryColumnHandle, asMemoryTableHandle, ROW_ID_COLUMN_HANDLE, ROW_ID_COLUMN_NAME, ROW_ID_PAGE_FACTOR } from './memory-handles.js';
import { computeTableStatistics } from './memory-statistics.js';
import type { MemorySchema, MemoryStorage } from './memory-storage.js';
import type { MemoryColumn, StoredPage } from './memory-table.js';
import { MemoryTable } from './memory-table.js';

/** Schemas, tables, views and writes of the memory connector. */
export class MemoryMetadata implements ConnectorMetadata {
  private readonly statisticsCache = new Map<number, { readonly version: number; readonly statistics: TableStatistics }>();
  private nextColumnId = 1;

  constructor(private readonly storage: MemoryStorage) {}

  async listSchemaNames(_session: ConnectorSession): Promise<readonly string[]> {
    return [...this.storage.schemas.keys()].sort();
  }

  async listTables(_session: ConnectorSession, schema: string | undefined): Promise<readonly SchemaTableName[]> {
    const result: SchemaTableName[] = [];
    for (const s of this.schemasFor(schema)) for (const name of s.tables.keys()) result.push({ schema: s.name, table: name });
    return result.sort(compareNames);
  }

  async getTableHandle(_session: ConnectorSession, name: SchemaTableName): Promise<ConnectorTableHandle | undefined> {
    const table = this.storage.schemas.get(name.schema)?.tables.get(name.table);
    if (table === undefined) return undefined;
    const handle: MemoryTableHandle = { schema: table.schema, table: table.name, tableId: table.tableId, limit: undefined };
    return handle;
  }

  async getTableMetadata(_session: ConnectorSession, handle: ConnectorTableHandle): Promise<ConnectorTableMetadata> {
    const table = this.table(handle);
    return {
      name: { schema: table.schema, table: table.name },
      columns: [...table.columnMetadata(), { name: ROW_ID_COLUMN_NAME, type: BIGINT, nullable: false, hidden: true }],
      comment: table.comment,
      properties: table.properties,
    };
  }

  async getColumnHandles(_session: ConnectorSession, handle: ConnectorTableHandle): Promise<ReadonlyMap<string, ConnectorColumnHandle>> {
    const table = this.table(handle);
    const result = new Map<string, ConnectorColumnHandle>();
    for (const column of table.columns) result.set(column.name, columnHandle(column));
    result.set(ROW_ID_COLUMN_NAME, ROW_ID_COLUMN_HANDLE);
    return result;
  }

  async getTableStatistics(_session: ConnectorSession, handle: ConnectorTableHandle): Promise<TableStatistics> {
    const table = this.table(handle);
    const cached = this.statisticsCache.get(table.tableId);
    if (cached !== undefined && cached.version === table.version) return cached.statistics;
    const statistics = computeTableStatistics(table);
    this.statisticsCache.set(table.tableId, { version: table.version, statistics });
    return statistics;
  }

  async applyLimit(_session: ConnectorSession, handle: ConnectorTableHandle, limit: number): Promise<LimitApplicationResult | undefined> {
    const h = asMemoryTableHandle(handle);
    if (h.limit !== undefined && h.limit <= limit) return undefined;
    return { handle: { ...h, limit }, limitGuaranteed: true };
  }

  describeTableHandle(handle: ConnectorTableHandle): string {
    const h = asMemoryTableHandle(handle);
    return `memory:${h.schema}.${h.table}${h.limit === undefined ? '' : ` limit=${h.limit}`}`;
  }

  // ---- schemas ----

  async createSchema(_session: ConnectorSession, schema: string, _properties: Readonly<Record<string, SqlValue>>): Promise<void> {
    if (this.storage.schemas.has(schema)) throw new TrinoError(StandardErrorCode.SCHEMA_ALREADY_EXISTS, `Schema '${schema}' already exists`);
    this.storage.addSchema(schema);
  }

  async dropSchema(_session: ConnectorSession, schema: string, cascade: boolean): Promise<void> {
    const s = this.storage.requireSchema(schema);
    if (!cascade && (s.tables.size > 0 || s.views.size > 0)) {
      throw new TrinoError(StandardErrorCode.SCHEMA_NOT_EMPTY, `Cannot drop non-empty schema '${schema}'`);
    }
    for (const table of [...s.tables.values()]) this.storage.unregisterTable(table);
    this.storage.schemas.delete(schema);
  }

  async renameSchema(_session: ConnectorSession, source: string, target: string): Promise<void> {
    const s = this.storage.requireSchema(source);
    if (this.storage.schemas.has(target)) throw new TrinoError(StandardErrorCode.SCHEMA_ALREADY_EXISTS, `Schema '${target}' already exists`);
    this.storage.schemas.delete(source);
    const renamed: MemorySchema = { name: target, tables: s.tables, views: s.views };
    this.storage.schemas.set(target, renamed);
    for (const table of s.tables.values()) table.schema = target;
  }

  // ---- tables ----

  async createTable(_session: ConnectorSession, metadata: ConnectorTableMetadata, ignoreExisting: boolean): Promise<void> {
    const schema = this.storage.requireSchema(metadata.name.schema);
    if (schema.tables.has(metadata.name.table) || schema.views.has(metadata.name.table)) {
      if (ignoreExisting) return;
      throw new TrinoError(StandardErrorCode.TABLE_ALREADY_EXISTS, `Table '${metadata.name.schema}.${metadata.name.table}' already exists`);
    }
    const seen = new Set<string>();
    const columns: MemoryColumn[] = [];
    for (const c of metadata.columns) {
      if (seen.has(c.name)) throw new TrinoError(StandardErrorCode.DUPLICATE_COLUMN_NAME, `Column name '${c.name}' specified more than once`);
      seen.add(c.name);
      columns.push(this.newColumn(c));
    }
    const table = new MemoryTable(
      this.storage.newTableId(),
      metadata.name.schema,
      metadata.name.table,
      columns,
      metadata.comment,
      metadata.properties ?? {},
    );
    this.storage.registerTable(table);
  }

  async dropTable(_session: ConnectorSession, handle: ConnectorTableHandle): Promise<void> {
    const table = this.table(handle);
    this.storage.unregisterTable(table);
    this.statisticsCache.delete(table.tableId);
  }

  async renameTable(_session: ConnectorSession, handle: ConnectorTableHandle, newName: SchemaTableName): Promise<void> {
    const table = this.table(handle);
    const target = this.storage.requireSchema(newName.schema);
    if (target.tables.has(newName.table) || target.views.has(newName.table)) {
      throw new TrinoError(StandardErrorCode.TABLE_ALREADY_EXISTS, `Table '${newName.schema}.${newName.table}' already exists`);
    }
    this.storage.unregisterTable(table);
    table.schema = newName.schema;
    table.name = newName.table;
    this.storage.registerTable(table);
  }

  async addColumn(_session: ConnectorSession, handle: ConnectorTableHandle, column: ColumnMetadata): Promise<void> {
    const table = this.table(handle);
    if (table.findColumn(column.name) !== undefined || column.name === ROW_ID_COLUMN_NAME) {
      throw new TrinoError(StandardErrorCode.COLUMN_ALREADY_EXISTS, `Column '${column.name}' already exists`);
    }
    table.columns.push(this.newColumn(column));
    table.version++;
  }

  async dropColumn(_session: ConnectorSession, handle: ConnectorTableHandle, column: ConnectorColumnHandle): Promise<void> {
    const table = this.table(handle);
    const id = asMemoryColumnHandle(column).columnId;
    if (table.columns.length === 1) throw new TrinoError(StandardErrorCode.NOT_SUPPORTED, 'Cannot drop the only column in a table');
    table.columns = table.columns.filter((c) => c.columnId !== id);
    table.version++;
  }

  async renameColumn(_session: ConnectorSession, handle: ConnectorTableHandle, column: ConnectorColumnHandle, target: string): Promise<void> {
    const table = this.table(handle);
    if (table.findColumn(target) !== undefined) throw new TrinoError(StandardErrorCode.COLUMN_ALREADY_EXISTS, `Column '${target}' already exists`);
    const id = asMemoryColumnHandle(column).columnId;
    table.columns = table.columns.map((c) => (c.columnId === id ? { ...c, name: target } : c));
    table.version++;
  }

  async setColumnType(_session: ConnectorSession, handle: ConnectorTableHandle, column: ConnectorColumnHandle, type: SqlType): Promise<void> {
    const table = this.table(handle);
    const id = asMemoryColumnHandle(column).columnId;
    const existing = table.columns.find((c) => c.columnId === id);
    if (existing === undefined) throw new TrinoError(StandardErrorCode.COLUMN_NOT_FOUND, `Column '${column.name}' does not exist`);
    if (!isValuePreservingChange(existing.type, type)) {
      throw new TrinoError(
        StandardErrorCode.NOT_SUPPORTED,
        `Cannot change type from ${typeDisplayName(existing.type)} to ${typeDisplayName(type)}`,
      );
    }
    // Re-store the column's values in the object layout, valid for every type.
    table.pages = table.pages.map((page) => {
      const block = page.blocks.get(id);
      if (block === undefined) return page;
      const values = new Array<SqlValue>(page.positionCount);
      for (let i = 0; i < page.positionCount; i++) values[i] = convertValue(getValue(block, i), type);
      const blocks = new Map(page.blocks);
      blocks.set(id, blockFromValues(values));
      return { ...page, blocks };
    });
    table.columns = table.columns.map((c) => (c.columnId === id ? { ...c, type } : c));
    table.version++;
  }

  async setTableComment(_session: ConnectorSession, handle: ConnectorTableHandle, comment: string | undefined): Promise<void> {
    this.table(handle).comment = comment;
  }

  async setColumnComment(
    _session: ConnectorSession,
    handle: ConnectorTableHandle,
    column: ConnectorColumnHandle,
    comment: string | undefined,
  ): Promise<void> {
    const table = this.table(handle);
    const id = asMemoryColumnHandle(column).columnId;
    table.columns = table.columns.map((c) => (c.columnId === id ? { ...c, comment } : c));
  }

  // ---- views ----

  async listViews(_session: ConnectorSession, schema: string | undefined): Promise<readonly SchemaTableName[]> {
    const result: SchemaTableName[] = [];
    for (const s of this.schemasFor(schema)) for (const name of s.views.keys()) result.push({ schema: s.name, table: name });
    return result.sort(compareNames);
  }

  async getView(_session: ConnectorSession, name: SchemaTableName): Promise<ViewDefinition | undefined> {
    return this.storage.schemas.get(name.schema)?.views.get(name.table);
  }

  async createView(_session: ConnectorSession, name: SchemaTableName, definition: ViewDefinition, replace: boolean): Promise<void> {
    const schema = this.storage.requireSchema(name.schema);
    if (schema.tables.has(name.table)) {
      throw new TrinoError(StandardErrorCode.TABLE_ALREADY_EXISTS, `Table already exists: '${name.schema}.${name.table}'`);
    }
    if (!replace && schema.views.has(name.table)) {
      throw new TrinoError(StandardErrorCode.TABLE_ALREADY_EXISTS, `View already exists: '${name.schema}.${name.table}'`);
    }
    schema.views.set(name.table, definition);
  }

  async dropView(_session: ConnectorSession, name: SchemaTableName): Promise<void> {
    const schema = this.storage.requireSchema(name.schema);
    if (!schema.views.delete(name.table)) {
      throw new TrinoError(StandardErrorCode.TABLE_NOT_FOUND, `View not found: '${name.schema}.${name.table}'`);
    }
  }

  // ---- writes ----

  async beginInsert(
    _session: ConnectorSession,
    handle: ConnectorTableHandle,
    columns: readonly ConnectorColumnHandle[],
  ): Promise<ConnectorInsertHandle> {
    const table = this.table(handle);
    const columnIds = columns.map((c) => asMemoryColumnHandle(c).columnId);
    const insertId = this.storage.beginInsert(table.tableId, columnIds);
    const insert: MemoryInsertHandle = { insertId, tableId: table.tableId, columnIds };
    return insert;
  }

  async finishInsert(_session: ConnectorSession, insert: ConnectorInsertHandle, fragments: readonly unknown[]): Promise<void> {
    const h = insert as MemoryInsertHandle;
    const sinkIds = fragments.map((f) => (f as { readonly sinkId: number }).sinkId);
    this.storage.finishInsert(h.insertId, sinkIds);
  }

  async abortInsert(_session: ConnectorSession, insert: ConnectorInsertHandle): Promise<void> {
    this.storage.abortInsert((insert as MemoryInsertHandle).insertId);
  }

  async truncateTable(_session: ConnectorSession, handle: ConnectorTableHandle): Promise<void> {
    const table = this.table(handle);
    table.pages = [];
    table.version++;
  }

  async getRowIdColumnHandle(_session: ConnectorSession, _handle: ConnectorTableHandle): Promise<ConnectorColumnHandle> {
    return ROW_ID_COLUMN_HANDLE;
  }

  async applyRowChanges(_session: ConnectorSession, handle: ConnectorTableHandle, changes: RowChanges): Promise<void> {
    const table = this.table(handle);
    const deletedByPage = new Map<number, Set<number>>();
    const markDeleted = (rowId: SqlValue): void => {
      const id = Number(rowId);
      const pageId = Math.floor(id / ROW_ID_PAGE_FACTOR);
      const position = id - pageId * ROW_ID_PAGE_FACTOR;
      let set = deletedByPage.get(pageId);
      if (set === undefined) deletedByPage.set(pageId, (set = new Set()));
      set.add(position);
    };
    for (const rowId of changes.deletedRowIds) markDeleted(rowId);
    for (const update of changes.updatedRows) markDeleted(update.rowId);
    const newRows: (readonly SqlValue[])[] = [...changes.insertedRows, ...changes.updatedRows.map((u) => u.row)];

    const pages: StoredPage[] = [];
    for (const page of table.pages) {
      const deleted = deletedByPage.get(page.pageId);
      if (deleted === undefined) pages.push(page);
      else {
        const kept = MemoryTable.withoutPositions(page, deleted);
        if (kept !== undefined) pages.push(kept);
      }
    }
    if (newRows.length > 0) {
      const columnIds = table.columns.map((c) => c.columnId);
      const blocks = columnIds.map((_, c) => blockFromValues(newRows.map((row) => row[c] ?? null)));
      pages.push(this.storage.storedPage(columnIds, blocks, newRows.length));
    }
    table.pages = pages;
    table.version++;
  }

  private table(handle: ConnectorTableHandle): MemoryTable {
    return this.storage.tableById(asMemoryTableHandle(handle).tableId);
  }

  private schemasFor(schema: string | undefined): MemorySchema[] {
    if (schema === undefined) return [...this.storage.schemas.values()];
    const s = this.storage.schemas.get(schema);
    return s === undefined ? [] : [s];
  }

  private newColumn(c: ColumnMetadata): MemoryColumn {
    return { columnId: this.nextColumnId++, name: c.name, type: c.type, comment: c.comment, nullable: c.nullable ?? true };
  }
}

function columnHandle(column: MemoryColumn): MemoryColumnHandle {
  return { name: column.name, type: column.type, columnId: column.columnId };
}

function compareNames(a: SchemaTableName, b: SchemaTableName): number {
  return a.schema === b.schema ? (a.table < b.table ? -1 : a.table > b.table ? 1 : 0) : a.schema < b.schema ? -1 : 1;
}

const INTEGRAL_RANK: Readonly<Record<string, number>> = { tinyint: 1, smallint: 2, integer: 3, bigint: 4 };

/** Type changes that keep every stored value representable as it is. */
function isValuePreservingChange(from: SqlType, to: SqlType): boolean {
  const fromRank = INTEGRAL_RANK[from.kind];
  const toRank = INTEGRAL_RANK[to.kind];
  if (fromRank !== undefined && toRank !== undefined) return toRank >= fromRank;
  if (fromRank !== undefined && to.kind === 'double') return true;
  if (from.kind === 'real' && to.kind === 'double') return true;
  if (from.kind === 'varchar' && to.kind === 'varchar') {
    return to.length === undefined || (from.length !== undefined && to.length >= from.length);
  }
  if (from.kind === 'decimal' && to.kind === 'decimal') return to.scale === from.scale && to.precision >= from.precision;
  if (from.kind === 'timestamp' && to.kind === 'timestamp') return from.precision === to.precision;
  return false;
}

function convertValue(value: SqlValue, to: SqlType): SqlValue {
  if (value === null) return null;
  if (to.kind === 'double' && typeof value === 'bigint') return Number(value);
  return value;
}
