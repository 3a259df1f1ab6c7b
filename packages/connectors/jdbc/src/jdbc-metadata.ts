import type {
  AggregateFunctionCall,
  AggregationApplicationResult,
  ColumnMetadata,
  ConnectorColumnHandle,
  ConnectorFilterExpression,
  ConnectorInsertHandle,
  ConnectorMetadata,
  ConnectorSession,
  ConnectorTableHandle,
  ConnectorTableMetadata,
  FilterApplicationResult,
  RowChanges,
  JoinApplicationResult,
  JoinCondition,
  JoinKind,
  JoinStatistics,
  LimitApplicationResult,
  ProjectionApplicationResult,
  SchemaTableName,
  SortItem,
  SqlValue,
  TableStatistics,
  TopNApplicationResult,
  TupleDomain,
} from '@petrel/spi';
import { StandardErrorCode, TrinoError, typeDisplayName, VARCHAR } from '@petrel/spi';
import type { ColumnMapping, RemoteColumn } from './column-mapping.js';
import type { JdbcClient, RemoteColumnDefinition } from './jdbc-client.js';
import type { JdbcSessionOptions } from './jdbc-config.js';
import { sessionOptions } from './jdbc-config.js';
import { translateJdbcError } from './jdbc-error.js';
import type { JdbcColumnHandle, JdbcInsertHandle, JdbcSortItem, JdbcTableHandle } from './jdbc-handles.js';
import { JDBC_ROW_ID_COLUMN_NAME } from './jdbc-handles.js';
import { shouldPushJoin } from './join-pushdown-decision.js';
import { likeConditionSql } from './like-pattern.js';
import { MetadataCache } from './metadata-cache.js';
import { applyTemplate, renderQuery, tupleDomainToSql, wrapHandle } from './remote-query.js';
import type { RemoteConnection } from './remote-database.js';
import { inTransaction, withConnection } from './remote-database.js';

export function columnHandleFromMapping(name: string, remoteName: string, remote: RemoteColumn | undefined, remoteType: string, mapping: ColumnMapping, nullable = true): JdbcColumnHandle {
  return {
    kind: 'jdbc-column',
    name,
    type: mapping.type,
    remoteName,
    remoteType,
    read: mapping.read,
    predicatePushdown: mapping.predicatePushdown,
    sortable: mapping.sortable,
    groupable: mapping.groupable,
    ...(mapping.readExpression === undefined ? {} : { readExpression: mapping.readExpression }),
    ...(mapping.sortExpression === undefined ? {} : { sortExpression: mapping.sortExpression }),
    ...(mapping.likeExpression === undefined ? {} : { likeExpression: mapping.likeExpression }),
    nullable: remote?.nullable ?? nullable,
    ...(remote?.comment === undefined ? {} : { comment: remote.comment }),
  };
}

export function asTableHandle(handle: ConnectorTableHandle): JdbcTableHandle {
  if ((handle as { kind?: unknown }).kind !== 'jdbc-table') throw new TrinoError(StandardErrorCode.GENERIC_INTERNAL_ERROR, 'not a JDBC table handle');
  return handle as unknown as JdbcTableHandle;
}

export function asColumnHandle(handle: ConnectorColumnHandle): JdbcColumnHandle {
  if ((handle as { kind?: unknown }).kind !== 'jdbc-column') throw new TrinoError(StandardErrorCode.GENERIC_INTERNAL_ERROR, 'not a JDBC column handle');
  return handle as unknown as JdbcColumnHandle;
}

function sameNames(a: readonly { readonly name: string }[], b: readonly { readonly name: string }[]): boolean {
  return a.length === b.length && a.every((x, i) => x.name === b[i]!.name);
}

/** Maps the remote columns of a table or query to column handles under the session's type handling. */
export function mapRemoteColumns(client: JdbcClient, remote: readonly RemoteColumn[], options: JdbcSessionOptions): JdbcColumnHandle[] {
  const out: JdbcColumnHandle[] = [];
  for (const column of remote) {
    let mapping = client.mapColumn(column, options);
    if (mapping === undefined) {
      if (options.unsupportedTypeHandling === 'IGNORE') continue;
      mapping = client.convertToVarcharMapping(column);
    }
    out.push(columnHandleFromMapping(column.name.toLowerCase(), column.name, column, column.typeText, mapping));
  }
  return out;
}

/**
 * The metadata of a JDBC-style catalog: names, columns and statistics from the remote catalog, pushdown
 * of filters, projections, limits, TopN, aggregations and joins into the remote query, and DDL and writes
 * as remote statements.
 */
export class JdbcMetadata implements ConnectorMetadata {
  private readonly cache: MetadataCache;
  private generatedNames = 0;

  constructor(readonly client: JdbcClient) {
    this.cache = new MetadataCache(client.config.metadataCacheTtlMillis);
  }

  private get catalog(): string {
    return this.client.config.catalog;
  }

  /** Runs metadata work on a pooled connection, translating driver errors. */
  async run<T>(what: string, work: (connection: RemoteConnection) => Promise<T>): Promise<T> {
    try {
      return await withConnection(this.client.pool, work, (e) => this.client.isConnectionError(e));
    } catch (error) {
      throw translateJdbcError(this.catalog, error, what);
    }
  }

  private async execute(what: string, statements: readonly string[]): Promise<void> {
    await this.run(what, async (connection) => {
      for (const sql of statements) await connection.query(sql);
    });
    this.cache.invalidateAll();
  }

  private nextGeneratedName(): string {
    return `_pfgnrtd_${this.generatedNames++}`;
  }

  // ---- names

  async listSchemaNames(session: ConnectorSession): Promise<readonly string[]> {
    const remote = await this.cache.get('schemas', () => this.run('listing schemas', (c) => this.client.listSchemas(c)));
    return [...new Set(remote.map((s) => s.toLowerCase()))].sort();
  }

  /** The remote spelling of a schema (case-insensitive-name-matching) or the name itself. */
  private async remoteSchema(session: ConnectorSession, schema: string): Promise<string> {
    const options = sessionOptions(this.client.config, session);
    if (!options.caseInsensitiveNameMatching) return schema;
    const remote = await this.cache.get('schemas', () => this.run('listing schemas', (c) => this.client.listSchemas(c)));
    const matches = remote.filter((s) => s.toLowerCase() === schema.toLowerCase());
    if (matches.length > 1) throw new TrinoError(StandardErrorCode.NOT_SUPPORTED, `Failed to find remote schema name: Ambiguous name: ${schema}`);
    return matches[0] ?? schema;
  }

  private async remoteTableName(session: ConnectorSession, name: SchemaTableName): Promise<{ schema: string; table: string }> {
    const schema = await this.remoteSchema(session, name.schema);
    const options = sessionOptions(this.client.config, session);
    if (!options.caseInsensitiveNameMatching) return { schema, table: name.table };
    const tables = await this.cache.get(`tables:${schema}`, () => this.run('listing tables', (c) => this.client.listTables(c, schema)));
    const matches = tables.filter((t) => t.table.toLowerCase() === name.table.toLowerCase());
    if (matches.length > 1) throw new TrinoError(StandardErrorCode.NOT_SUPPORTED, `Failed to find remote table name: Ambiguous name: ${name.table}`);
    return { schema, table: matches[0]?.table ?? name.table };
  }

  async listTables(session: ConnectorSession, schema: string | undefined): Promise<readonly SchemaTableName[]> {
    const remoteSchema = schema === undefined ? undefined : await this.remoteSchema(session, schema);
    const tables = await this.cache.get(`tables:${remoteSchema ?? ''}`, () => this.run('listing tables', (c) => this.client.listTables(c, remoteSchema)));
    return tables.map((t) => ({ schema: t.schema.toLowerCase(), table: t.table.toLowerCase() }));
  }

  async getTableHandle(session: ConnectorSession, name: SchemaTableName): Promise<ConnectorTableHandle | undefined> {
    const remote = await this.remoteTableName(session, name);
    const remoteColumns = await this.cache.get(`columns:${remote.schema}.${remote.table}`, () =>
      this.run(`reading columns of ${name.schema}.${name.table}`, (c) => this.client.getColumns(c, remote.schema, remote.table)),
    );
    if (remoteColumns.length === 0) return undefined;
    const options = sessionOptions(this.client.config, session);
    const columns = mapRemoteColumns(this.client, remoteColumns, options);
    const rowId = this.client.rowId?.(remoteColumns, columns);
    const handle: JdbcTableHandle = {
      kind: 'jdbc-table',
      schemaTableName: { schema: name.schema, table: name.table },
      relation: { kind: 'named', remoteSchema: remote.schema, remoteTable: remote.table },
      columns,
      conditions: [],
      sortOrder: undefined,
      limit: undefined,
      pushed: [],
      ...(rowId === undefined ? {} : { rowId }),
    };
    return handle as unknown as ConnectorTableHandle;
  }

  async getTableMetadata(session: ConnectorSession, table: ConnectorTableHandle): Promise<ConnectorTableMetadata> {
    const handle = asTableHandle(table);
    let comment: string | undefined;
    if (handle.relation.kind === 'named') {
      const { remoteSchema, remoteTable } = handle.relation;
      comment = await this.run('reading table comment', (c) => this.client.getTableComment(c, remoteSchema, remoteTable));
    }
    const columns: ColumnMetadata[] = handle.columns.map((c) => ({ name: c.name, type: c.type, nullable: c.nullable, comment: c.comment }));
    if (handle.rowId !== undefined) columns.push({ name: JDBC_ROW_ID_COLUMN_NAME, type: VARCHAR, nullable: false, hidden: true });
    return {
      name: handle.schemaTableName ?? { schema: 'system', table: 'query' },
      columns,
      ...(comment === undefined ? {} : { comment }),
    };
  }

  async getColumnHandles(session: ConnectorSession, table: ConnectorTableHandle): Promise<ReadonlyMap<string, ConnectorColumnHandle>> {
    const handle = asTableHandle(table);
    const result = new Map(handle.columns.map((c) => [c.name, c as unknown as ConnectorColumnHandle]));
    if (handle.rowId !== undefined) result.set(JDBC_ROW_ID_COLUMN_NAME, handle.rowId.column as unknown as ConnectorColumnHandle);
    return result;
  }

  async getTableStatistics(session: ConnectorSession, table: ConnectorTableHandle): Promise<TableStatistics> {
    const handle = asTableHandle(table);
    if (handle.relation.kind !== 'named') return {};
    const { remoteSchema, remoteTable } = handle.relation;
    const stats = await this.cache.get(`stats:${remoteSchema}.${remoteTable}`, () =>
      this.run('reading statistics', (c) => this.client.getTableStatistics(c, remoteSchema, remoteTable, handle.columns)),
    );
    if (handle.conditions.length === 0 && handle.limit === undefined) return stats;
    // Pushed filters and limits shrink the row count; keep column statistics as estimates.
    const rowCount = stats.rowCount === undefined ? undefined : handle.limit === undefined ? stats.rowCount : Math.min(stats.rowCount, handle.limit);
    return { ...stats, ...(rowCount === undefined ? {} : { rowCount }) };
  }

  // ---- pushdown

  async applyFilter(
    session: ConnectorSession,
    table: ConnectorTableHandle,
    constraint: TupleDomain,
    expressions: readonly ConnectorFilterExpression[] = [],
  ): Promise<FilterApplicationResult | undefined> {
    let handle = asTableHandle(table);
    const options = sessionOptions(this.client.config, session);
    const columns = new Map(handle.columns.map((c) => [c.name, c]));
    const rendered = tupleDomainToSql(this.client.dialect, columns, constraint, options.domainCompactionThreshold);
    const likes: { readonly sql: string; readonly expression: ConnectorFilterExpression }[] = [];
    const remainingExpressions: ConnectorFilterExpression[] = [];
    for (const expression of expressions) {
      const sql = likeConditionSql(this.client.dialect, columns.get(expression.column), expression);
      if (sql === undefined) remainingExpressions.push(expression);
      else likes.push({ sql, expression });
    }
    if (rendered.conditions.length === 0 && likes.length === 0) return undefined;
    if (handle.limit !== undefined || handle.sortOrder !== undefined) handle = wrapHandle(this.client.dialect, handle);
    const newConditions = [...rendered.conditions, ...likes.map((l) => l.sql)].filter((c) => !handle.conditions.includes(c));
    if (newConditions.length === 0 && likes.length === 0) return undefined;
    const summary = [
      ...(rendered.pushedColumns.length === 0 ? [] : [`filter(${rendered.pushedColumns.join(', ')})`]),
      ...likes.map((l) => `like(${l.expression.column}, ${JSON.stringify(l.expression.pattern)}${l.expression.escape === undefined ? '' : ` escape ${JSON.stringify(l.expression.escape)}`})`),
    ];
    const next: JdbcTableHandle = {
      ...handle,
      conditions: [...handle.conditions, ...newConditions],
      pushed: [...handle.pushed, ...summary],
    };
    return { handle: next as unknown as ConnectorTableHandle, remainingFilter: rendered.remaining, remainingExpressions };
  }

  async applyProjection(
    session: ConnectorSession,
    table: ConnectorTableHandle,
    columns: readonly ConnectorColumnHandle[],
  ): Promise<ProjectionApplicationResult | undefined> {
    const handle = asTableHandle(table);
    const byName = new Map(handle.columns.map((c) => [c.name, c]));
    const projected: JdbcColumnHandle[] = [];
    for (const column of columns) {
      const found = byName.get(column.name) ?? (column.name === JDBC_ROW_ID_COLUMN_NAME ? handle.rowId?.column : undefined);
      if (found === undefined) return undefined;
      projected.push(found);
    }
    if (sameNames(projected, handle.columns)) return undefined;
    const next: JdbcTableHandle = { ...handle, columns: projected };
    return { handle: next as unknown as ConnectorTableHandle, columns: projected as unknown as ConnectorColumnHandle[] };
  }

  async applyLimit(session: ConnectorSession, table: ConnectorTableHandle, limit: number): Promise<LimitApplicationResult | undefined> {
    const handle = asTableHandle(table);
    if (handle.limit !== undefined && handle.limit <= limit) return undefined;
    if (!Number.isSafeInteger(limit) || limit < 0) return undefined;
    const next: JdbcTableHandle = { ...handle, limit, pushed: [...handle.pushed, `limit(${limit})`] };
    return { handle: next as unknown as ConnectorTableHandle, limitGuaranteed: true };
  }

  async applyTopN(session: ConnectorSession, table: ConnectorTableHandle, count: number, sortItems: readonly SortItem[]): Promise<TopNApplicationResult | undefined> {
    let handle = asTableHandle(table);
    if (!sessionOptions(this.client.config, session).topNPushdownEnabled) return undefined;
    if (!Number.isSafeInteger(count) || count < 0) return undefined;
    const byName = new Map(handle.columns.map((c) => [c.name, c]));
    const order: JdbcSortItem[] = [];
    for (const item of sortItems) {
      const column = byName.get(item.column.name);
      if (column === undefined || !column.sortable) return undefined;
      order.push({ column, ascending: item.ascending, nullsFirst: item.nullsFirst });
    }
    if (handle.sortOrder !== undefined && JSON.stringify(handle.sortOrder.map(sortKey)) === JSON.stringify(order.map(sortKey)) && handle.limit !== undefined && handle.limit <= count) {
      return undefined;
    }
    if (handle.limit !== undefined || handle.sortOrder !== undefined) {
      handle = wrapHandle(this.client.dialect, handle);
      const wrapped = new Map(handle.columns.map((c) => [c.name, c]));
      order.splice(0, order.length, ...order.map((o) => ({ ...o, column: wrapped.get(o.column.name)! })));
    }
    const description = order.map((o) => `${o.column.name} ${o.ascending ? 'ASC' : 'DESC'} NULLS ${o.nullsFirst ? 'FIRST' : 'LAST'}`).join(', ');
    const next: JdbcTableHandle = { ...handle, sortOrder: order, limit: count, pushed: [...handle.pushed, `topN(${count}, ${description})`] };
    return { handle: next as unknown as ConnectorTableHandle, topNGuaranteed: true };
  }

  async applyAggregation(
    session: ConnectorSession,
    table: ConnectorTableHandle,
    aggregates: readonly AggregateFunctionCall[],
    groupingColumns: readonly ConnectorColumnHandle[],
  ): Promise<AggregationApplicationResult | undefined> {
    if (!sessionOptions(this.client.config, session).aggregationPushdownEnabled) return undefined;
    const dialect = this.client.dialect;
    let base = asTableHandle(table);
    if (base.limit !== undefined || base.sortOrder !== undefined) base = wrapHandle(dialect, base);
    const byName = new Map(base.columns.map((c) => [c.name, c]));
    const selectItems: string[] = [];
    const outputs: JdbcColumnHandle[] = [];
    for (const call of aggregates) {
      const args: { sql: string; column: JdbcColumnHandle }[] = [];
      for (const arg of call.arguments) {
        const column = byName.get(arg.name);
        if (column === undefined) return undefined;
        args.push({ sql: dialect.quoteIdentifier(column.remoteName), column });
      }
      const sql = dialect.aggregate(call, args);
      if (sql === undefined) return undefined;
      const name = this.nextGeneratedName();
      selectItems.push(`${sql} AS ${dialect.quoteIdentifier(name)}`);
      const argument = args[0]?.column;
      const isMinMax = (call.name === 'min' || call.name === 'max') && argument !== undefined;
      const mapping = isMinMax ? { ...argument, name, remoteName: name } : columnHandleFromMapping(name, name, undefined, typeDisplayName(call.outputType), this.client.mappingForType(call.outputType));
      outputs.push(mapping);
    }
    const groupRefs: string[] = [];
    for (const g of groupingColumns) {
      const column = byName.get(g.name);
      if (column === undefined || !column.groupable) return undefined;
      const name = this.nextGeneratedName();
      const ref = dialect.quoteIdentifier(column.remoteName);
      groupRefs.push(ref);
      selectItems.push(`${ref} AS ${dialect.quoteIdentifier(name)}`);
      outputs.push({ ...column, name, remoteName: name });
    }
    if (selectItems.length === 0) return undefined;
    let sql = `SELECT ${selectItems.join(', ')} FROM ${fromClause(dialect, base)}`;
    if (base.conditions.length > 0) sql += ` WHERE ${base.conditions.map((c) => (base.conditions.length > 1 ? `(${c})` : c)).join(' AND ')}`;
    if (groupRefs.length > 0) sql += ` GROUP BY ${groupRefs.join(', ')}`;
    const next: JdbcTableHandle = {
      kind: 'jdbc-table',
      schemaTableName: base.schemaTableName,
      relation: { kind: 'query', sql },
      columns: outputs,
      conditions: [],
      sortOrder: undefined,
      limit: undefined,
      pushed: [...base.pushed, `aggregation(${aggregates.map((a) => a.name).join(', ')}${groupingColumns.length > 0 ? `; group by ${groupingColumns.map((g) => g.name).join(', ')}` : ''})`],
    };
    return { handle: next as unknown as ConnectorTableHandle, outputColumns: outputs as unknown as ConnectorColumnHandle[] };
  }

  async applyJoin(
    session: ConnectorSession,
    kind: JoinKind,
    left: ConnectorTableHandle,
    right: ConnectorTableHandle,
    conditions: readonly JoinCondition[],
    statistics?: JoinStatistics,
  ): Promise<JoinApplicationResult | undefined> {
    const options = sessionOptions(this.client.config, session);
    if (!options.joinPushdownEnabled || !shouldPushJoin(options, statistics)) return undefined;
    if ((left as { kind?: unknown }).kind !== 'jdbc-table' || (right as { kind?: unknown }).kind !== 'jdbc-table') return undefined;
    if (conditions.length === 0) return undefined;
    const dialect = this.client.dialect;
    const joinKeyword = this.client.dialect.name === 'mysql' && kind === 'FULL' ? undefined : `${kind === 'INNER' ? 'INNER' : kind === 'LEFT' ? 'LEFT' : kind === 'RIGHT' ? 'RIGHT' : 'FULL'} JOIN`;
    if (joinKeyword === undefined) return undefined;
    const l = asTableHandle(left);
    const r = asTableHandle(right);
    const leftByName = new Map(l.columns.map((c) => [c.name, c]));
    const rightByName = new Map(r.columns.map((c) => [c.name, c]));
    const on: string[] = [];
    for (const condition of conditions) {
      const a = leftByName.get(condition.left.name);
      const b = rightByName.get(condition.right.name);
      if (a === undefined || b === undefined) return undefined;
      if (JSON.stringify(a.type) !== JSON.stringify(b.type)) return undefined;
      const ordering = condition.operator !== '=' && condition.operator !== '<>' && condition.operator !== 'IS DISTINCT FROM';
      if (ordering ? !(a.sortable && b.sortable) : !(a.groupable && b.groupable)) return undefined;
      // Ordering comparisons use the columns' sort expressions (e.g. PostgreSQL's C collation for varchar).
      const x = ordering ? applyTemplate(a.sortExpression, `l.${dialect.quoteIdentifier(a.name)}`) : `l.${dialect.quoteIdentifier(a.name)}`;
      const y = ordering ? applyTemplate(b.sortExpression, `r.${dialect.quoteIdentifier(b.name)}`) : `r.${dialect.quoteIdentifier(b.name)}`;
      on.push(condition.operator === 'IS DISTINCT FROM' ? dialect.isDistinctFrom(x, y) : `${x} ${condition.operator} ${y}`);
    }
    const selectItems: string[] = [];
    const leftColumns = new Map<string, ConnectorColumnHandle>();
    const rightColumns = new Map<string, ConnectorColumnHandle>();
    const outputs: JdbcColumnHandle[] = [];
    for (const [alias, side, target] of [
      ['l', l, leftColumns],
      ['r', r, rightColumns],
    ] as const) {
      for (const column of side.columns) {
        const name = this.nextGeneratedName();
        selectItems.push(`${alias}.${dialect.quoteIdentifier(column.name)} AS ${dialect.quoteIdentifier(name)}`);
        const output: JdbcColumnHandle = { ...column, name, remoteName: name, nullable: true };
        outputs.push(output);
        target.set(column.name, output as unknown as ConnectorColumnHandle);
      }
    }
    const sql = `SELECT ${selectItems.join(', ')} FROM (${renderQuery(dialect, l, { forOutput: false })}) l ${joinKeyword} (${renderQuery(dialect, r, { forOutput: false })}) r ON ${on.join(' AND ')}`;
    const next: JdbcTableHandle = {
      kind: 'jdbc-table',
      schemaTableName: undefined,
      relation: { kind: 'query', sql },
      columns: outputs,
      conditions: [],
      sortOrder: undefined,
      limit: undefined,
      pushed: [`join(${kind})`],
    };
    return { handle: next as unknown as ConnectorTableHandle, leftColumns, rightColumns };
  }

  describeTableHandle(table: ConnectorTableHandle): string {
    const handle = asTableHandle(table);
    return `${this.catalog}:Query[${renderQuery(this.client.dialect, handle, { forOutput: true })}]`;
  }

  // ---- schemas and tables

  async createSchema(session: ConnectorSession, schema: string, properties: Readonly<Record<string, SqlValue>>): Promise<void> {
    if (Object.keys(properties).length > 0) throw new TrinoError(StandardErrorCode.INVALID_SCHEMA_PROPERTY, `Catalog '${this.catalog}' does not support schema properties`);
    const existing = await this.listSchemaNames(session);
    if (existing.includes(schema.toLowerCase())) throw new TrinoError(StandardErrorCode.SCHEMA_ALREADY_EXISTS, `Schema '${this.catalog}.${schema}' already exists`);
    await this.execute('creating schema', [this.client.createSchemaSql(schema)]);
  }

  async dropSchema(session: ConnectorSession, schema: string, cascade: boolean): Promise<void> {
    const remote = await this.remoteSchema(session, schema);
    if (!cascade) {
      const tables = await this.run('listing tables', (c) => this.client.listTables(c, remote));
      if (tables.length > 0) throw new TrinoError(StandardErrorCode.SCHEMA_NOT_EMPTY, `Cannot drop non-empty schema '${schema}'`);
    }
    await this.execute('dropping schema', [this.client.dropSchemaSql(remote, cascade)]);
  }

  async renameSchema(session: ConnectorSession, source: string, target: string): Promise<void> {
    const sql = this.client.renameSchemaSql(await this.remoteSchema(session, source), target);
    if (sql === undefined) throw new TrinoError(StandardErrorCode.NOT_SUPPORTED, 'This connector does not support renaming schemas');
    await this.execute('renaming schema', [sql]);
  }

  private remoteColumnDefinition(column: ColumnMetadata): RemoteColumnDefinition {
    return { name: column.name, remoteType: this.client.toRemoteType(column.type), nullable: column.nullable ?? true, comment: column.comment };
  }

  async createTable(session: ConnectorSession, table: ConnectorTableMetadata, ignoreExisting: boolean): Promise<void> {
    const existing = await this.getTableHandle(session, table.name);
    if (existing !== undefined) {
      if (ignoreExisting) return;
      throw new TrinoError(StandardErrorCode.TABLE_ALREADY_EXISTS, `Table '${this.catalog}.${table.name.schema}.${table.name.table}' already exists`);
    }
    const schema = await this.remoteSchema(session, table.name.schema);
    const options = sessionOptions(this.client.config, session);
    for (const c of table.columns) {
      if (this.client.canWriteType?.(c.type, options) === false) throw new TrinoError(StandardErrorCode.NOT_SUPPORTED, `Unsupported column type: ${typeDisplayName(c.type)}`);
    }
    const columns = table.columns.filter((c) => c.hidden !== true).map((c) => this.remoteColumnDefinition(c));
    await this.execute('creating table', this.client.createTableSql(schema, table.name.table, columns, table.comment));
  }

  private named(handle: ConnectorTableHandle): { schema: string; table: string } {
    const h = asTableHandle(handle);
    if (h.relation.kind !== 'named') throw new TrinoError(StandardErrorCode.NOT_SUPPORTED, 'This operation requires a table, not a query');
    return { schema: h.relation.remoteSchema, table: h.relation.remoteTable };
  }

  async dropTable(session: ConnectorSession, table: ConnectorTableHandle): Promise<void> {
    const { schema, table: name } = this.named(table);
    const q = this.client.dialect.quoteIdentifier;
    await this.execute('dropping table', [`DROP TABLE ${q(schema)}.${q(name)}`]);
  }

  async renameTable(session: ConnectorSession, table: ConnectorTableHandle, newName: SchemaTableName): Promise<void> {
    const { schema, table: name } = this.named(table);
    const newSchema = await this.remoteSchema(session, newName.schema);
    await this.execute('renaming table', [this.client.renameTableSql(schema, name, newSchema, newName.table)]);
  }

  async addColumn(session: ConnectorSession, table: ConnectorTableHandle, column: ColumnMetadata): Promise<void> {
    const { schema, table: name } = this.named(table);
    if (asTableHandle(table).columns.some((c) => c.name === column.name.toLowerCase())) {
      throw new TrinoError(StandardErrorCode.COLUMN_ALREADY_EXISTS, `Column '${column.name}' already exists`);
    }
    await this.execute('adding column', this.client.addColumnSql(schema, name, this.remoteColumnDefinition(column)));
  }

  async dropColumn(session: ConnectorSession, table: ConnectorTableHandle, column: ConnectorColumnHandle): Promise<void> {
    const { schema, table: name } = this.named(table);
    await this.execute('dropping column', [this.client.dropColumnSql(schema, name, asColumnHandle(column).remoteName)]);
  }

  async renameColumn(session: ConnectorSession, table: ConnectorTableHandle, column: ConnectorColumnHandle, target: string): Promise<void> {
    const { schema, table: name } = this.named(table);
    await this.execute('renaming column', [this.client.renameColumnSql(schema, name, asColumnHandle(column).remoteName, target)]);
  }

  async setTableComment(session: ConnectorSession, table: ConnectorTableHandle, comment: string | undefined): Promise<void> {
    const { schema, table: name } = this.named(table);
    await this.execute('setting table comment', [this.client.setTableCommentSql(schema, name, comment)]);
  }

  async setColumnComment(session: ConnectorSession, table: ConnectorTableHandle, column: ConnectorColumnHandle, comment: string | undefined): Promise<void> {
    const { schema, table: name } = this.named(table);
    await this.execute('setting column comment', [this.client.setColumnCommentSql(schema, name, asColumnHandle(column), comment)]);
  }

  // ---- writes

  async beginInsert(session: ConnectorSession, table: ConnectorTableHandle, columns: readonly ConnectorColumnHandle[]): Promise<ConnectorInsertHandle> {
    const { schema, table: name } = this.named(table);
    const handle = asTableHandle(table);
    const byName = new Map(handle.columns.map((c) => [c.name, c]));
    const targetColumns = columns.map((c) => {
      const found = byName.get(c.name);
      if (found === undefined) throw new TrinoError(StandardErrorCode.COLUMN_NOT_FOUND, `Column '${c.name}' cannot be resolved`);
      // CREATE TABLE AS writes the query's types, which the remote type may read back as another (BOOLEAN as TINYINT(1))
      return { remoteName: found.remoteName, type: c.type ?? found.type };
    });
    let writeTable = name;
    if (!sessionOptions(this.client.config, session).nonTransactionalInsert) {
      writeTable = `tmp_petrel_${Math.random().toString(16).slice(2, 12)}`;
      await this.run('creating temporary table', async (c) => {
        await c.query(this.client.createEmptyCopySql(schema, name, writeTable, targetColumns.map((t) => t.remoteName)));
      });
    }
    const insert: JdbcInsertHandle = { kind: 'jdbc-insert', remoteSchema: schema, remoteTable: name, writeTable, columns: targetColumns };
    return insert as unknown as ConnectorInsertHandle;
  }

  async finishInsert(session: ConnectorSession, insertHandle: ConnectorInsertHandle, fragments: readonly unknown[]): Promise<void> {
    const insert = insertHandle as unknown as JdbcInsertHandle;
    if (insert.writeTable === insert.remoteTable) return;
    const q = this.client.dialect.quoteIdentifier;
    const columns = insert.columns.map((c) => q(c.remoteName)).join(', ');
    const target = `${q(insert.remoteSchema)}.${q(insert.remoteTable)}`;
    const temporary = `${q(insert.remoteSchema)}.${q(insert.writeTable)}`;
    try {
      await inTransaction(
        this.client.pool,
        async (c) => {
          await c.query(`INSERT INTO ${target} (${columns}) SELECT ${columns} FROM ${temporary}`);
        },
        (e) => this.client.isConnectionError(e),
      );
    } catch (error) {
      await this.dropQuietly(temporary);
      throw translateJdbcError(this.catalog, error, 'inserting');
    }
    await this.dropQuietly(temporary);
  }

  async abortInsert(session: ConnectorSession, insertHandle: ConnectorInsertHandle): Promise<void> {
    const insert = insertHandle as unknown as JdbcInsertHandle;
    if (insert.writeTable === insert.remoteTable) return;
    const q = this.client.dialect.quoteIdentifier;
    await this.dropQuietly(`${q(insert.remoteSchema)}.${q(insert.writeTable)}`);
  }

  private async dropQuietly(table: string): Promise<void> {
    try {
      await this.run('dropping temporary table', (c) => c.query(`DROP TABLE IF EXISTS ${table}`));
    } catch {
      // best effort: a leftover tmp_petrel_ table holds no committed rows
    }
  }

  async executeDelete(session: ConnectorSession, table: ConnectorTableHandle): Promise<number | undefined> {
    const handle = asTableHandle(table);
    if (handle.relation.kind !== 'named' || handle.limit !== undefined || handle.sortOrder !== undefined) return undefined;
    const q = this.client.dialect.quoteIdentifier;
    let sql = `DELETE FROM ${q(handle.relation.remoteSchema)}.${q(handle.relation.remoteTable)}`;
    if (handle.conditions.length > 0) sql += ` WHERE ${handle.conditions.map((c) => (handle.conditions.length > 1 ? `(${c})` : c)).join(' AND ')}`;
    return this.run('deleting', async (c) => (await c.query(sql)).affectedRows);
  }

  async executeUpdate(
    session: ConnectorSession,
    table: ConnectorTableHandle,
    assignments: readonly { readonly column: ConnectorColumnHandle; readonly value: SqlValue }[],
  ): Promise<number | undefined> {
    const handle = asTableHandle(table);
    if (handle.relation.kind !== 'named' || handle.limit !== undefined || handle.sortOrder !== undefined || assignments.length === 0) return undefined;
    const dialect = this.client.dialect;
    const byName = new Map(handle.columns.map((c) => [c.name, c]));
    const sets: string[] = [];
    for (const { column, value } of assignments) {
      const target = byName.get(column.name);
      if (target === undefined) return undefined;
      sets.push(`${dialect.quoteIdentifier(target.remoteName)} = ${value === null ? 'NULL' : dialect.literal(target.type, value)}`);
    }
    let sql = `UPDATE ${dialect.quoteIdentifier(handle.relation.remoteSchema)}.${dialect.quoteIdentifier(handle.relation.remoteTable)} SET ${sets.join(', ')}`;
    if (handle.conditions.length > 0) sql += ` WHERE ${handle.conditions.map((c) => (handle.conditions.length > 1 ? `(${c})` : c)).join(' AND ')}`;
    return this.run('updating', async (c) => (await c.query(sql)).affectedRows);
  }

  async getRowIdColumnHandle(session: ConnectorSession, table: ConnectorTableHandle): Promise<ConnectorColumnHandle> {
    const handle = asTableHandle(table);
    if (handle.relation.kind !== 'named' || handle.rowId === undefined || this.client.rowIdPredicate === undefined) {
      throw new TrinoError(StandardErrorCode.NOT_SUPPORTED, `Catalog '${this.catalog}' can modify rows only of tables with a primary key`);
    }
    return handle.rowId.column as unknown as ConnectorColumnHandle;
  }

  /**
   * DELETE and UPDATE by row id in one remote transaction: deletes in batches of ids, then one
   * UPDATE per changed row setting every mapped column, then multi-row INSERTs for inserted rows.
   */
  async applyRowChanges(session: ConnectorSession, table: ConnectorTableHandle, changes: RowChanges): Promise<void> {
    const handle = asTableHandle(table);
    const rowId = handle.rowId;
    const predicate = this.client.rowIdPredicate?.bind(this.client);
    if (handle.relation.kind !== 'named' || rowId === undefined || predicate === undefined) {
      throw new TrinoError(StandardErrorCode.NOT_SUPPORTED, `Catalog '${this.catalog}' can modify rows only of tables with a primary key`);
    }
    const dialect = this.client.dialect;
    const q = (name: string): string => dialect.quoteIdentifier(name);
    const target = `${q(handle.relation.remoteSchema)}.${q(handle.relation.remoteTable)}`;
    const literal = (column: JdbcColumnHandle, value: SqlValue): string => (value === null ? 'NULL' : dialect.literal(column.type, value));
    const statements: string[] = [];
    const deleted = changes.deletedRowIds.map((id) => String(id));
    for (let i = 0; i < deleted.length; i += 500) statements.push(`DELETE FROM ${target} WHERE ${predicate(rowId, deleted.slice(i, i + 500))}`);
    for (const update of changes.updatedRows) {
      if (update.row.length !== handle.columns.length) throw new TrinoError(StandardErrorCode.GENERIC_INTERNAL_ERROR, 'updated row does not match the table columns');
      const sets = handle.columns.map((c, i) => `${q(c.remoteName)} = ${literal(c, update.row[i]!)}`);
      statements.push(`UPDATE ${target} SET ${sets.join(', ')} WHERE ${predicate(rowId, [String(update.rowId)])}`);
    }
    const names = handle.columns.map((c) => q(c.remoteName)).join(', ');
    for (let i = 0; i < changes.insertedRows.length; i += 500) {
      const rows = changes.insertedRows.slice(i, i + 500).map((row) => `(${handle.columns.map((c, j) => literal(c, row[j]!)).join(', ')})`);
      statements.push(`INSERT INTO ${target} (${names}) VALUES ${rows.join(', ')}`);
    }
    if (statements.length === 0) return;
    try {
      await inTransaction(
        this.client.pool,
        async (c) => {
          for (const sql of statements) await c.query(sql);
        },
        (e) => this.client.isConnectionError(e),
      );
    } catch (error) {
      throw translateJdbcError(this.catalog, error, 'modifying rows');
    }
  }

  async truncateTable(session: ConnectorSession, table: ConnectorTableHandle): Promise<void> {
    const { schema, table: name } = this.named(table);
    const q = this.client.dialect.quoteIdentifier;
    await this.execute('truncating table', [`TRUNCATE TABLE ${q(schema)}.${q(name)}`]);
  }
}

function sortKey(item: JdbcSortItem): string {
  return `${item.column.name}:${item.ascending}:${item.nullsFirst}`;
}

function fromClause(dialect: JdbcClient['dialect'], handle: JdbcTableHandle): string {
  const relation = handle.relation;
  return relation.kind === 'named' ? `${dialect.quoteIdentifier(relation.remoteSchema)}.${dialect.quoteIdentifier(relation.remoteTable)}` : `(${relation.sql}) o`;
}
