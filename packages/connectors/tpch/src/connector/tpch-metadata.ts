import type {
  ColumnMetadata,
  ConnectorColumnHandle,
  ConnectorMetadata,
  ConnectorSession,
  ConnectorTableHandle,
  ConnectorTableMetadata,
  SchemaTableName,
  LimitApplicationResult,
  TableStatistics,
} from '@petrel/spi';
import type { TpchTableName } from '../tpch-schema.js';
import { BIGINT } from '@petrel/spi';
import { ROW_NUMBER_COLUMN, TPCH_TABLE_NAMES, isTpchTableName, tpchTableColumns } from '../tpch-schema.js';
import type { TpchConfig } from './tpch-config.js';
import type { TpchColumnHandle, TpchTableHandle } from './tpch-handles.js';
import { LISTED_SCHEMAS, asTpchTableHandle, schemaScaleFactor } from './tpch-handles.js';
import { tpchTableStatistics } from './tpch-statistics.js';

/** Schemas are scale factors; every schema has the same eight read-only tables. */
export class TpchMetadata implements ConnectorMetadata {
  constructor(private readonly config: TpchConfig) {}

  async listSchemaNames(_session: ConnectorSession): Promise<readonly string[]> {
    return LISTED_SCHEMAS;
  }

  async listTables(_session: ConnectorSession, schema: string | undefined): Promise<readonly SchemaTableName[]> {
    const schemas = schema === undefined ? LISTED_SCHEMAS : schemaScaleFactor(schema) === undefined ? [] : [schema];
    return schemas.flatMap((s) => TPCH_TABLE_NAMES.map((table) => ({ schema: s, table })));
  }

  async getTableHandle(_session: ConnectorSession, name: SchemaTableName): Promise<ConnectorTableHandle | undefined> {
    const scaleFactor = schemaScaleFactor(name.schema);
    if (scaleFactor === undefined || !isTpchTableName(name.table)) return undefined;
    const handle: TpchTableHandle = { connector: 'tpch', schema: name.schema, table: name.table, scaleFactor };
    return handle as unknown as ConnectorTableHandle;
  }

  /** Visible columns, then the hidden row_number. */
  private columns(table: TpchTableName): TpchColumnHandle[] {
    const visible = tpchTableColumns(table, this.config.columnNaming, this.config.doubleTypeMapping);
    return [...visible, { name: ROW_NUMBER_COLUMN, type: BIGINT, ordinal: visible.length }];
  }

  async getTableMetadata(_session: ConnectorSession, handle: ConnectorTableHandle): Promise<ConnectorTableMetadata> {
    const h = asTpchTableHandle(handle);
    return {
      name: { schema: h.schema, table: h.table },
      columns: this.columns(h.table).map(
        (c): ColumnMetadata => (c.name === ROW_NUMBER_COLUMN ? { name: c.name, type: c.type, hidden: true } : { name: c.name, type: c.type, nullable: false }),
      ),
    };
  }

  async getColumnHandles(_session: ConnectorSession, handle: ConnectorTableHandle): Promise<ReadonlyMap<string, ConnectorColumnHandle>> {
    const h = asTpchTableHandle(handle);
    return new Map(this.columns(h.table).map((c) => [c.name, c as unknown as ConnectorColumnHandle]));
  }

  async getTableStatistics(_session: ConnectorSession, handle: ConnectorTableHandle): Promise<TableStatistics> {
    const h = asTpchTableHandle(handle);
    return tpchTableStatistics(h.table, h.scaleFactor, this.config.columnNaming);
  }

  async applyLimit(_session: ConnectorSession, handle: ConnectorTableHandle, limit: number): Promise<LimitApplicationResult | undefined> {
    const h = asTpchTableHandle(handle);
    if (h.limit !== undefined && h.limit <= limit) return undefined;
    const limited: TpchTableHandle = { ...h, limit };
    return { handle: limited as unknown as ConnectorTableHandle, limitGuaranteed: true };
  }

  describeTableHandle(handle: ConnectorTableHandle): string {
    const h = asTpchTableHandle(handle);
    return `tpch:${h.table}:sf${h.scaleFactor}${h.limit === undefined ? '' : `, limit=${h.limit}`}`;
  }
}
