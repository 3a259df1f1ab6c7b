import type {
  ColumnMetadata,
  Connector,
  ConnectorColumnHandle,
  ConnectorMetadata,
  ConnectorPageSource,
  ConnectorPageSourceProvider,
  ConnectorSession,
  ConnectorSplit,
  ConnectorSplitManager,
  ConnectorSplitSource,
  ConnectorTableHandle,
  ConnectorTableMetadata,
  FilterApplicationResult,
  Page,
  SchemaTableName,
  TableStatistics,
  TupleDomain,
} from '@petrel/spi';
import { blockFromValues, page, TUPLE_DOMAIN_ALL } from '@petrel/spi';
import type { SystemTable } from './system-table.js';

/** The handle of a system table: its name plus the constraint pushed into it. */
export interface SystemTableHandle extends ConnectorTableHandle {
  readonly systemSchema: string;
  readonly systemTable: string;
  readonly constraint: TupleDomain;
}

export function isSystemTableHandle(handle: ConnectorTableHandle): handle is SystemTableHandle {
  return typeof handle['systemTable'] === 'string' && typeof handle['systemSchema'] === 'string';
}

/** A connector serving a fixed set of computed, read-only tables. */
export class SystemTablesConnector implements Connector {
  readonly metadata: ConnectorMetadata;
  readonly splitManager: ConnectorSplitManager;
  readonly pageSourceProvider: ConnectorPageSourceProvider;

  constructor(
    private readonly tables: readonly SystemTable[],
    private readonly extraSchemas: readonly string[] = [],
  ) {
    this.metadata = new SystemTablesMetadata(this);
    this.splitManager = {
      async getSplits(): Promise<ConnectorSplitSource> {
        let done = false;
        return {
          async nextBatch() {
            const splits: ConnectorSplit[] = done ? [] : [{ system: true }];
            done = true;
            return { splits, done: true };
          },
          close() {
            done = true;
          },
        };
      },
    };
    this.pageSourceProvider = {
      createPageSource: async (session, _split, handle, columns) => {
        const h = handle as SystemTableHandle;
        const table = this.find({ schema: h.systemSchema, table: h.systemTable });
        if (table === undefined) return emptySource();
        const rows = await table.rows(session, h.constraint);
        const indexes = columns.map((c) => table.columns.findIndex((tc) => tc.name === c.name));
        const result: Page = page(
          indexes.map((i) => blockFromValues(rows.map((r) => r[i] ?? null))),
          rows.length,
        );
        let consumed = false;
        const source: ConnectorPageSource = {
          next: () => {
            if (consumed || rows.length === 0) return undefined;
            consumed = true;
            return result;
          },
          completedPositions: () => (consumed ? rows.length : 0),
          close() {
            consumed = true;
          },
        };
        return source;
      },
    };
  }

  find(name: SchemaTableName): SystemTable | undefined {
    return this.tables.find((t) => t.name.schema === name.schema && t.name.table === name.table);
  }

  schemaNames(): string[] {
    return [...new Set([...this.tables.map((t) => t.name.schema), ...this.extraSchemas])].sort();
  }

  tableNames(schema: string | undefined): SchemaTableName[] {
    return this.tables.filter((t) => schema === undefined || t.name.schema === schema).map((t) => t.name);
  }
}

function emptySource(): ConnectorPageSource {
  return { next: () => undefined, close() {} };
}

class SystemTablesMetadata implements ConnectorMetadata {
  constructor(private readonly connector: SystemTablesConnector) {}

  async listSchemaNames(): Promise<readonly string[]> {
    return this.connector.schemaNames();
  }

  async listTables(_session: ConnectorSession, schema: string | undefined): Promise<readonly SchemaTableName[]> {
    return this.connector.tableNames(schema);
  }

  async getTableHandle(_session: ConnectorSession, name: SchemaTableName): Promise<ConnectorTableHandle | undefined> {
    if (this.connector.find(name) === undefined) return undefined;
    const handle: SystemTableHandle = { systemSchema: name.schema, systemTable: name.table, constraint: TUPLE_DOMAIN_ALL };
    return handle;
  }

  async getTableMetadata(_session: ConnectorSession, handle: ConnectorTableHandle): Promise<ConnectorTableMetadata> {
    const table = this.table(handle);
    return { name: table.name, columns: table.columns };
  }

  async getColumnHandles(_session: ConnectorSession, handle: ConnectorTableHandle): Promise<ReadonlyMap<string, ConnectorColumnHandle>> {
    const table = this.table(handle);
    return new Map(table.columns.map((c: ColumnMetadata) => [c.name, { name: c.name, type: c.type }]));
  }

  async getTableStatistics(): Promise<TableStatistics> {
    return {};
  }

  async applyFilter(_session: ConnectorSession, handle: ConnectorTableHandle, constraint: TupleDomain): Promise<FilterApplicationResult | undefined> {
    const h = handle as SystemTableHandle;
    if (h.constraint.kind !== 'all' || constraint.kind === 'all') return undefined;
    const next: SystemTableHandle = { ...h, constraint };
    // The table may use the constraint to list less; the engine still evaluates all of it.
    return { handle: next, remainingFilter: constraint };
  }

  describeTableHandle(handle: ConnectorTableHandle): string {
    const h = handle as SystemTableHandle;
    return `${h.systemSchema}.${h.systemTable}`;
  }

  private table(handle: ConnectorTableHandle): SystemTable {
    const h = handle as SystemTableHandle;
    const table = this.connector.find({ schema: h.systemSchema, table: h.systemTable });
    if (table === undefined) throw new Error(`unknown system table ${h.systemSchema}.${h.systemTable}`);
    return table;
  }
}
