import { BIGINT, DATE, DOUBLE, INTEGER, StandardErrorCode, TrinoError, VARCHAR, varcharType } from '@petrel/spi';
import type {
  AggregateFunctionCall,
  ColumnMetadata,
  Connector,
  ConnectorColumnHandle,
  ConnectorMetadata,
  ConnectorSession,
  ConnectorTableHandle,
  SqlType,
  TableStatistics,
  TupleDomain,
  ViewDefinition,
} from '@petrel/spi';
import type { Metadata, QualifiedObjectName, ResolvedTable, TableHandle } from '../../metadata/metadata.js';
import type { Session } from '../../session/session.js';

/** A fixed table for planner tests. */
export interface TestTable {
  readonly schema: string;
  readonly name: string;
  readonly columns: readonly { readonly name: string; readonly type: SqlType; readonly hidden?: boolean }[];
  readonly rowCount?: number;
}

const c = (name: string, type: SqlType) => ({ name, type });

/** The TPC-H tables with the standard column names, with sf1 row counts. */
export const TPCH_TABLES: readonly TestTable[] = [
  { schema: 'sf1', name: 'nation', rowCount: 25, columns: [c('n_nationkey', BIGINT), c('n_name', varcharType(25)), c('n_regionkey', BIGINT), c('n_comment', varcharType(152))] },
  { schema: 'sf1', name: 'region', rowCount: 5, columns: [c('r_regionkey', BIGINT), c('r_name', varcharType(25)), c('r_comment', varcharType(152))] },
  {
    schema: 'sf1',
    name: 'part',
    rowCount: 200_000,
    columns: [c('p_partkey', BIGINT), c('p_name', varcharType(55)), c('p_mfgr', varcharType(25)), c('p_brand', varcharType(10)), c('p_type', varcharType(25)), c('p_size', INTEGER), c('p_container', varcharType(10)), c('p_retailprice', DOUBLE), c('p_comment', varcharType(23))],
  },
  {
    schema: 'sf1',
    name: 'supplier',
    rowCount: 10_000,
    columns: [c('s_suppkey', BIGINT), c('s_name', varcharType(25)), c('s_address', varcharType(40)), c('s_nationkey', BIGINT), c('s_phone', varcharType(15)), c('s_acctbal', DOUBLE), c('s_comment', varcharType(101))],
  },
  { schema: 'sf1', name: 'partsupp', rowCount: 800_000, columns: [c('ps_partkey', BIGINT), c('ps_suppkey', BIGINT), c('ps_availqty', INTEGER), c('ps_supplycost', DOUBLE), c('ps_comment', varcharType(199))] },
  {
    schema: 'sf1',
    name: 'customer',
    rowCount: 150_000,
    columns: [c('c_custkey', BIGINT), c('c_name', varcharType(25)), c('c_address', varcharType(40)), c('c_nationkey', BIGINT), c('c_phone', varcharType(15)), c('c_acctbal', DOUBLE), c('c_mktsegment', varcharType(10)), c('c_comment', varcharType(117))],
  },
  {
    schema: 'sf1',
    name: 'orders',
    rowCount: 1_500_000,
    columns: [c('o_orderkey', BIGINT), c('o_custkey', BIGINT), c('o_orderstatus', varcharType(1)), c('o_totalprice', DOUBLE), c('o_orderdate', DATE), c('o_orderpriority', varcharType(15)), c('o_clerk', varcharType(15)), c('o_shippriority', INTEGER), c('o_comment', varcharType(79))],
  },
  {
    schema: 'sf1',
    name: 'lineitem',
    rowCount: 6_000_000,
    columns: [
      c('l_orderkey', BIGINT), c('l_partkey', BIGINT), c('l_suppkey', BIGINT), c('l_linenumber', INTEGER), c('l_quantity', DOUBLE), c('l_extendedprice', DOUBLE), c('l_discount', DOUBLE), c('l_tax', DOUBLE),
      c('l_returnflag', varcharType(1)), c('l_linestatus', varcharType(1)), c('l_shipdate', DATE), c('l_commitdate', DATE), c('l_receiptdate', DATE), c('l_shipinstruct', varcharType(25)), c('l_shipmode', varcharType(10)), c('l_comment', varcharType(44)),
    ],
  },
];

export const EXTRA_TABLES: readonly TestTable[] = [
  { schema: 's', name: 't', rowCount: 100, columns: [c('a', BIGINT), c('b', VARCHAR), c('c', INTEGER), c('row_id', BIGINT)].map((x) => (x.name === 'row_id' ? { ...x, hidden: true } : x)) },
  { schema: 's', name: 'u', rowCount: 1000, columns: [c('a', BIGINT), c('d', DOUBLE), c('arr', { kind: 'array', elementType: BIGINT }), c('r', { kind: 'row', fields: [{ name: 'x', type: BIGINT }, { name: 'y', type: VARCHAR }] })] },
];

/** A connector over fixed table definitions: metadata only, with filter/limit pushdown recorded in handles. */
export function testConnector(tables: readonly TestTable[], options: { pushdown?: boolean } = {}): Connector {
  const find = (schema: string, name: string) => tables.find((t) => t.schema === schema && t.name === name);
  const metadata: ConnectorMetadata = {
    async listSchemaNames() {
      return [...new Set(tables.map((t) => t.schema))];
    },
    async listTables(_s, schema) {
      return tables.filter((t) => schema === undefined || t.schema === schema).map((t) => ({ schema: t.schema, table: t.name }));
    },
    async getTableHandle(_s, name) {
      return find(name.schema, name.table) === undefined ? undefined : { schema: name.schema, table: name.table };
    },
    async getTableMetadata(_s, handle) {
      const t = find(handle['schema'] as string, handle['table'] as string)!;
      return { name: { schema: t.schema, table: t.name }, columns: t.columns.map((col) => ({ name: col.name, type: col.type, hidden: col.hidden ?? false })) };
    },
    async getColumnHandles(_s, handle) {
      const t = find(handle['schema'] as string, handle['table'] as string)!;
      return new Map(t.columns.map((col) => [col.name, { name: col.name, type: col.type }] as const));
    },
    async getTableStatistics(_s, handle) {
      const t = find(handle['schema'] as string, handle['table'] as string)!;
      return { rowCount: t.rowCount };
    },
  };
  if (options.pushdown) {
    Object.assign(metadata, {
      async applyFilter(_s: ConnectorSession, handle: ConnectorTableHandle, constraint: TupleDomain) {
        if (handle['constraint'] !== undefined) return undefined;
        return { handle: { ...handle, constraint }, remainingFilter: { kind: 'all' } };
      },
      async applyLimit(_s: ConnectorSession, handle: ConnectorTableHandle, limit: number) {
        if (handle['limit'] !== undefined && (handle['limit'] as number) <= limit) return undefined;
        return { handle: { ...handle, limit }, limitGuaranteed: true };
      },
      async applyProjection(_s: ConnectorSession, handle: ConnectorTableHandle, columns: readonly ConnectorColumnHandle[]) {
        const names = columns.map((col) => col.name).join(',');
        if (handle['projection'] === names) return undefined;
        return { handle: { ...handle, projection: names }, columns };
      },
      async applyAggregation(_s: ConnectorSession, handle: ConnectorTableHandle, aggregates: readonly AggregateFunctionCall[], grouping: readonly ConnectorColumnHandle[]) {
        if (handle['aggregated'] !== undefined || aggregates.some((a) => a.name !== 'count' && a.name !== 'sum')) return undefined;
        const description = [...aggregates.map((a) => `${a.name}(${a.arguments.map((c) => c.name).join(',')})`), ...grouping.map((g) => g.name)];
        return { handle: { ...handle, aggregated: description.join(';') }, outputColumns: description.map((name) => ({ name })) };
      },
      describeTableHandle(handle: ConnectorTableHandle) {
        return JSON.stringify(handle);
      },
    } satisfies Partial<ConnectorMetadata>);
  }
  return {
    metadata,
    splitManager: { getSplits: async () => ({ nextBatch: async () => ({ splits: [], done: true }), close() {} }) },
    pageSourceProvider: { createPageSource: () => ({ next: () => undefined, close() {} }) },
  };
}

/** A `Metadata` over test connectors, catalog name -> connector. */
export class TestMetadata implements Metadata {
  readonly views = new Map<string, ViewDefinition>();
  constructor(private readonly catalogs: ReadonlyMap<string, Connector>) {}

  listCatalogs(): readonly string[] {
    return [...this.catalogs.keys()];
  }
  catalogExists(catalog: string): boolean {
    return this.catalogs.has(catalog);
  }
  getConnector(catalog: string): Connector {
    const c = this.catalogs.get(catalog);
    if (c === undefined) throw new TrinoError(StandardErrorCode.CATALOG_NOT_FOUND, `Catalog '${catalog}' does not exist`);
    return c;
  }
  connectorSession(session: Session, catalog: string, queryId: string): ConnectorSession {
    return { queryId, user: session.user, timeZone: session.timeZone, startTime: 0, properties: session.catalogProperties[catalog] ?? {} };
  }
  async listSchemas(session: Session, catalog: string): Promise<readonly string[]> {
    return this.getConnector(catalog).metadata.listSchemaNames(this.connectorSession(session, catalog, 'q'));
  }
  async schemaExists(session: Session, catalog: string, schema: string): Promise<boolean> {
    return (await this.listSchemas(session, catalog)).includes(schema);
  }
  async listTables(session: Session, catalog: string, schema: string | undefined): Promise<readonly QualifiedObjectName[]> {
    const list = await this.getConnector(catalog).metadata.listTables(this.connectorSession(session, catalog, 'q'), schema);
    return list.map((t) => ({ catalog, schema: t.schema, name: t.table }));
  }
  async listViews(): Promise<readonly QualifiedObjectName[]> {
    return [...this.views.keys()].map((k) => {
      const [catalog, schema, name] = k.split('.') as [string, string, string];
      return { catalog, schema, name };
    });
  }
  async getTable(session: Session, name: QualifiedObjectName): Promise<ResolvedTable | undefined> {
    const connector = this.catalogs.get(name.catalog);
    if (connector === undefined) return undefined;
    const cs = this.connectorSession(session, name.catalog, 'q');
    const handle = await connector.metadata.getTableHandle(cs, { schema: name.schema, table: name.name });
    if (handle === undefined) return undefined;
    const meta = await connector.metadata.getTableMetadata(cs, handle);
    const handles = await connector.metadata.getColumnHandles(cs, handle);
    return {
      handle: { catalog: name.catalog, schema: name.schema, table: name.name, connectorHandle: handle },
      columns: meta.columns.map((col) => ({ name: col.name, type: col.type, hidden: col.hidden ?? false, comment: undefined, handle: handles.get(col.name)! })),
      comment: undefined,
    };
  }
  async getView(_session: Session, name: QualifiedObjectName): Promise<ViewDefinition | undefined> {
    return this.views.get(`${name.catalog}.${name.schema}.${name.name}`);
  }
  async getTableStatistics(session: Session, table: TableHandle): Promise<TableStatistics> {
    const connector = this.getConnector(table.catalog);
    return (await connector.metadata.getTableStatistics?.(this.connectorSession(session, table.catalog, 'q'), table.connectorHandle)) ?? {};
  }
  async getColumnMetadata(session: Session, table: TableHandle): Promise<readonly ColumnMetadata[]> {
    const connector = this.getConnector(table.catalog);
    return (await connector.metadata.getTableMetadata(this.connectorSession(session, table.catalog, 'q'), table.connectorHandle)).columns;
  }
}

export function tpchTestMetadata(options: { pushdown?: boolean } = {}): TestMetadata {
  return new TestMetadata(new Map([['tpch', testConnector([...TPCH_TABLES, ...EXTRA_TABLES], options)]]));
}
