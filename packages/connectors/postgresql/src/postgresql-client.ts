import type { ColumnStatistics, SqlType, TableStatistics } from '@petrel/spi';
import {
  BIGINT,
  BOOLEAN,
  DATE,
  DOUBLE,
  INTEGER,
  JSON_TYPE,
  REAL,
  SMALLINT,
  UUID,
  VARBINARY,
  VARCHAR,
  StandardErrorCode,
  TrinoError,
  arrayType,
  charType,
  decimalType,
  timeType,
  timestampType,
  timestampWithTimeZoneType,
  varcharType,
} from '@petrel/spi';
import type {
  ColumnMapping,
  JdbcClient,
  JdbcColumnHandle,
  JdbcConfig,
  JdbcRowId,
  JdbcSessionOptions,
  RemoteColumn,
  RemoteColumnDefinition,
  RemoteConnection,
} from '@petrel/connector-jdbc';
import { JDBC_ROW_ID_COLUMN_NAME, QueryLog, columnMapping, isConnectionFailure, parseEnum } from '@petrel/connector-jdbc';
import { postgresqlDialect, postgresqlTypeOf, quotePostgresqlIdentifier as q, quotePostgresqlString as s } from './postgresql-dialect.js';
import { PostgresqlPool } from './postgresql-pool.js';

export type ArrayMapping = 'DISABLED' | 'AS_ARRAY' | 'AS_JSON';

const SYSTEM_SCHEMAS = `('information_schema', 'pg_catalog', 'pg_toast')`;

/** Columns of relations, with what type mapping needs: type text, enum/array facts, element type. */
const COLUMNS_SQL = `SELECT a.attname, format_type(a.atttypid, a.atttypmod), NOT a.attnotnull, col_description(a.attrelid, a.attnum), t.typtype, t.typcategory, CASE WHEN t.typcategory = 'A' THEN format_type(t.typelem, a.atttypmod) END, et.typtype
FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid LEFT JOIN pg_type et ON et.oid = t.typelem AND t.typcategory = 'A'
WHERE a.attnum > 0 AND NOT a.attisdropped AND a.attrelid = `;

function rowsToColumns(rows: readonly (readonly unknown[])[]): RemoteColumn[] {
  return rows.map((r) => ({
    name: String(r[0]),
    typeText: String(r[1]),
    nullable: r[2] === true || r[2] === 't',
    comment: r[3] === null ? undefined : String(r[3]),
    attributes: {
      typtype: String(r[4] ?? ''),
      typcategory: String(r[5] ?? ''),
      ...(r[6] === null || r[6] === undefined ? {} : { elementType: String(r[6]), elementTyptype: String(r[7] ?? '') }),
    },
  }));
}

function regclass(schema: string, table: string): string {
  return `${s(`${q(schema)}.${q(table)}`)}::regclass`;
}

/** The PostgreSQL side of the JDBC connector framework. */
export class PostgresqlClient implements JdbcClient {
  readonly dialect = postgresqlDialect;
  readonly queryLog = new QueryLog();
  readonly pool: PostgresqlPool;
  private readonly arrayMapping: ArrayMapping;

  constructor(readonly config: JdbcConfig) {
    this.pool = new PostgresqlPool(config, this.queryLog);
    this.arrayMapping = parseEnum(config.catalog, 'postgresql.array-mapping', config.properties['postgresql.array-mapping'], ['DISABLED', 'AS_ARRAY', 'AS_JSON'], 'DISABLED');
  }

  isConnectionError(error: unknown): boolean {
    if (isConnectionFailure(error)) return true;
    const code = (error as { code?: unknown } | null)?.code;
    return typeof code === 'string' && (code.startsWith('08') || code.startsWith('57P'));
  }

  async listSchemas(c: RemoteConnection): Promise<readonly string[]> {
    const r = await c.query(`SELECT nspname FROM pg_namespace WHERE nspname NOT IN ${SYSTEM_SCHEMAS} AND nspname NOT LIKE 'pg\\_%' ORDER BY 1`);
    return r.rows.map((row) => String(row[0]));
  }

  async listTables(c: RemoteConnection, schema: string | undefined): Promise<readonly { readonly schema: string; readonly table: string }[]> {
    const r = await c.query(
      `SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'v', 'm', 'f', 'p') AND n.nspname NOT IN ${SYSTEM_SCHEMAS} AND n.nspname NOT LIKE 'pg\\_%'${
        schema === undefined ? '' : ` AND n.nspname = ${s(schema)}`
      } ORDER BY 1, 2`,
    );
    return r.rows.map((row) => ({ schema: String(row[0]), table: String(row[1]) }));
  }

  async getColumns(c: RemoteConnection, schema: string, table: string): Promise<readonly RemoteColumn[]> {
    const r = await c.query(
      `${COLUMNS_SQL}(SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ${s(schema)} AND c.relname = ${s(table)} AND c.relkind IN ('r', 'v', 'm', 'f', 'p')) ORDER BY a.attnum`,
    );
    return rowsToColumns(r.rows);
  }

  async getTableComment(c: RemoteConnection, schema: string, table: string): Promise<string | undefined> {
    const r = await c.query(`SELECT obj_description(${regclass(schema, table)}, 'pg_class')`);
    const v = r.rows[0]?.[0];
    return v === null || v === undefined ? undefined : String(v);
  }

  private arrayMappingFor(options: JdbcSessionOptions): ArrayMapping {
    return parseEnum(this.config.catalog, 'array_mapping', options.extra['array_mapping'], ['DISABLED', 'AS_ARRAY', 'AS_JSON'], this.arrayMapping);
  }

  canWriteType(type: SqlType, options: JdbcSessionOptions): boolean {
    return type.kind !== 'array' || this.arrayMappingFor(options) === 'AS_ARRAY';
  }

  mapColumn(column: RemoteColumn, options: JdbcSessionOptions): ColumnMapping | undefined {
    if (column.attributes['typcategory'] === 'A') {
      const mapping = this.arrayMappingFor(options);
      if (mapping === 'DISABLED') return undefined;
      if (mapping === 'AS_JSON') return columnMapping(JSON_TYPE, { predicatePushdown: 'none', readExpression: 'array_to_json({})' });
      const elementText = column.attributes['elementType'];
      if (elementText === undefined) return undefined;
      const element = this.mapType(elementText, column.attributes['elementTyptype'] ?? '', options);
      if (element === undefined || element.type.kind === 'array') return undefined;
      return columnMapping(arrayType(element.type), { read: 'postgresql-array', predicatePushdown: 'none', sortable: false, groupable: false });
    }
    return this.mapType(column.typeText, column.attributes['typtype'] ?? '', options);
  }

  private mapType(typeText: string, typtype: string, options: JdbcSessionOptions): ColumnMapping | undefined {
    if (typtype === 'e') return columnMapping(VARCHAR, { predicatePushdown: 'none', sortable: false, groupable: false });
    const t = typeText.toLowerCase();
    let m: RegExpExecArray | null;
    switch (t) {
      case 'boolean':
        return columnMapping(BOOLEAN);
      case 'smallint':
        return columnMapping(SMALLINT);
      case 'integer':
        return columnMapping(INTEGER);
      case 'bigint':
        return columnMapping(BIGINT);
      case 'real':
        return columnMapping(REAL);
      case 'double precision':
        return columnMapping(DOUBLE);
      case 'text':
      case 'character varying':
        return this.varcharMapping(VARCHAR);
      case 'bytea':
        return columnMapping(VARBINARY, { read: 'binary', predicatePushdown: 'none', sortable: false, groupable: false });
      case 'date':
        return columnMapping(DATE);
      case 'json':
      case 'jsonb':
        return columnMapping(JSON_TYPE, { predicatePushdown: 'none', sortable: false, groupable: false });
      case 'uuid':
        return columnMapping(UUID, { predicatePushdown: 'equality', sortable: false });
      case 'bit':
      case 'bit(1)':
        return columnMapping(BOOLEAN, { read: 'bit-boolean', predicatePushdown: 'none', sortable: false, groupable: false });
      case 'numeric':
        if (options.decimalMapping === 'STRICT') return undefined;
        return columnMapping(decimalType(38, options.decimalDefaultScale), { predicatePushdown: 'none', sortable: false, groupable: false, readExpression: `round({}, ${options.decimalDefaultScale})` });
    }
    if ((m = /^numeric\((\d+),(\d+)\)$/.exec(t)) !== null) {
      const precision = Number(m[1]);
      const scale = Number(m[2]);
      if (precision <= 38) return columnMapping(decimalType(precision, scale));
      if (options.decimalMapping === 'STRICT') return undefined;
      return columnMapping(decimalType(38, Math.min(scale, 38)), { predicatePushdown: 'none', sortable: false, groupable: false });
    }
    if ((m = /^character varying\((\d+)\)$/.exec(t)) !== null) return this.varcharMapping(varcharType(Number(m[1])));
    if ((m = /^character\((\d+)\)$/.exec(t)) !== null) {
      return columnMapping(charType(Number(m[1])), { predicatePushdown: 'equality', sortable: true, sortExpression: '{} COLLATE "C"' });
    }
    if ((m = /^time(?:\((\d+)\))? without time zone$/.exec(t)) !== null) return columnMapping(timeType(m[1] === undefined ? 6 : Number(m[1])));
    if ((m = /^timestamp(?:\((\d+)\))? without time zone$/.exec(t)) !== null) return columnMapping(timestampType(m[1] === undefined ? 6 : Number(m[1])));
    if ((m = /^timestamp(?:\((\d+)\))? with time zone$/.exec(t)) !== null) return columnMapping(timestampWithTimeZoneType(m[1] === undefined ? 6 : Number(m[1])));
    return undefined;
  }

  /** varchar: equality pushes down; ranges would follow the database collation, so they stay in Petrel. Sorting uses the C collation, which is Trino's order. */
  private varcharMapping(type: SqlType): ColumnMapping {
    // LIKE is case- and accent-sensitive under deterministic collations: it agrees with Trino (char(n) pads, so not there).
    const like = type.kind === 'varchar' ? { likeExpression: '{} LIKE {pattern} ESCAPE {escape}' } : {};
    return columnMapping(type, { predicatePushdown: 'equality', sortable: true, groupable: true, sortExpression: '{} COLLATE "C"', ...like });
  }

  convertToVarcharMapping(column: RemoteColumn): ColumnMapping {
    return columnMapping(VARCHAR, { read: 'as-text', predicatePushdown: 'none', sortable: false, groupable: false, readExpression: 'CAST({} AS text)' });
  }

  mappingForType(type: SqlType): ColumnMapping {
    if (type.kind === 'varchar' || type.kind === 'char') return this.varcharMapping(type);
    return columnMapping(type);
  }

  toRemoteType(type: SqlType): string {
    return postgresqlTypeOf(type);
  }

  async getTableStatistics(c: RemoteConnection, schema: string, table: string, columns: readonly JdbcColumnHandle[]): Promise<TableStatistics> {
    const r = await c.query(
      `SELECT c.reltuples FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ${s(schema)} AND c.relname = ${s(table)}`,
    );
    const reltuples = Number(r.rows[0]?.[0] ?? -1);
    if (!(reltuples >= 0)) return {};
    const rowCount = Math.round(reltuples);
    const stats = await c.query(`SELECT attname, null_frac, n_distinct, avg_width FROM pg_stats WHERE schemaname = ${s(schema)} AND tablename = ${s(table)}`);
    const byRemote = new Map(stats.rows.map((row) => [String(row[0]), row]));
    const out: Record<string, ColumnStatistics> = {};
    for (const column of columns) {
      const row = byRemote.get(column.remoteName);
      if (row === undefined) continue;
      const nullsFraction = Number(row[1]);
      const nDistinct = Number(row[2]);
      const distinctValuesCount = nDistinct >= 0 ? nDistinct : Math.round(-nDistinct * rowCount);
      const isVariable = column.type.kind === 'varchar' || column.type.kind === 'char' || column.type.kind === 'varbinary' || column.type.kind === 'json';
      out[column.name] = {
        nullsFraction,
        distinctValuesCount,
        ...(isVariable ? { dataSize: Math.round(Number(row[3]) * rowCount * (1 - nullsFraction)) } : {}),
      };
    }
    return { rowCount, columns: out };
  }

  async describeQuery(c: RemoteConnection, sql: string): Promise<readonly RemoteColumn[]> {
    const view = `petrel_query_${Math.random().toString(16).slice(2, 12)}`;
    await c.query(`CREATE TEMPORARY VIEW ${q(view)} AS ${sql}`);
    try {
      const r = await c.query(`${COLUMNS_SQL}(SELECT c.oid FROM pg_class c WHERE c.relname = ${s(view)} AND c.relnamespace = pg_my_temp_schema()) ORDER BY a.attnum`);
      return rowsToColumns(r.rows);
    } finally {
      await c.query(`DROP VIEW IF EXISTS ${q(view)}`);
    }
  }

  /** Rows are addressed by `ctid` (read as its text `(page,item)`), valid within one transaction. */
  rowId(_remote: readonly RemoteColumn[], _columns: readonly JdbcColumnHandle[]): JdbcRowId {
    return {
      column: {
        kind: 'jdbc-column',
        name: JDBC_ROW_ID_COLUMN_NAME,
        type: VARCHAR,
        remoteName: 'ctid',
        remoteType: 'tid',
        read: 'standard',
        predicatePushdown: 'none',
        sortable: false,
        groupable: false,
        readExpression: 'CAST({} AS text)',
        nullable: false,
      },
      keyColumns: [],
    };
  }

  rowIdPredicate(_rowId: JdbcRowId, ids: readonly string[]): string {
    for (const id of ids) {
      if (!/^\(\d+,\d+\)$/.test(id)) throw new TrinoError(StandardErrorCode.GENERIC_INTERNAL_ERROR, `Invalid row id: ${id}`);
    }
    return `"ctid" IN (${ids.map((id) => `'${id}'::tid`).join(', ')})`;
  }

  async integerPrimaryKey(c: RemoteConnection, schema: string, table: string): Promise<string | undefined> {
    const r = await c.query(
      `SELECT a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) WHERE i.indrelid = ${regclass(schema, table)} AND i.indisprimary`,
    );
    if (r.rows.length !== 1) return undefined;
    return ['smallint', 'integer', 'bigint'].includes(String(r.rows[0]![1])) ? String(r.rows[0]![0]) : undefined;
  }

  createSchemaSql(schema: string): string {
    return `CREATE SCHEMA ${q(schema)}`;
  }

  dropSchemaSql(schema: string, cascade: boolean): string {
    return `DROP SCHEMA ${q(schema)}${cascade ? ' CASCADE' : ''}`;
  }

  renameSchemaSql(source: string, target: string): string {
    return `ALTER SCHEMA ${q(source)} RENAME TO ${q(target)}`;
  }

  createTableSql(schema: string, table: string, columns: readonly RemoteColumnDefinition[], comment: string | undefined): readonly string[] {
    const name = `${q(schema)}.${q(table)}`;
    const statements = [`CREATE TABLE ${name} (${columns.map((c) => `${q(c.name)} ${c.remoteType}${c.nullable ? '' : ' NOT NULL'}`).join(', ')})`];
    if (comment !== undefined) statements.push(`COMMENT ON TABLE ${name} IS ${s(comment)}`);
    for (const c of columns) if (c.comment !== undefined) statements.push(`COMMENT ON COLUMN ${name}.${q(c.name)} IS ${s(c.comment)}`);
    return statements;
  }

  renameTableSql(schema: string, table: string, newSchema: string, newTable: string): string {
    if (schema !== newSchema) return `ALTER TABLE ${q(schema)}.${q(table)} SET SCHEMA ${q(newSchema)}`;
    return `ALTER TABLE ${q(schema)}.${q(table)} RENAME TO ${q(newTable)}`;
  }

  addColumnSql(schema: string, table: string, column: RemoteColumnDefinition): readonly string[] {
    const name = `${q(schema)}.${q(table)}`;
    const statements = [`ALTER TABLE ${name} ADD COLUMN ${q(column.name)} ${column.remoteType}${column.nullable ? '' : ' NOT NULL'}`];
    if (column.comment !== undefined) statements.push(`COMMENT ON COLUMN ${name}.${q(column.name)} IS ${s(column.comment)}`);
    return statements;
  }

  dropColumnSql(schema: string, table: string, column: string): string {
    return `ALTER TABLE ${q(schema)}.${q(table)} DROP COLUMN ${q(column)}`;
  }

  renameColumnSql(schema: string, table: string, column: string, target: string): string {
    return `ALTER TABLE ${q(schema)}.${q(table)} RENAME COLUMN ${q(column)} TO ${q(target)}`;
  }

  setTableCommentSql(schema: string, table: string, comment: string | undefined): string {
    return `COMMENT ON TABLE ${q(schema)}.${q(table)} IS ${comment === undefined ? 'NULL' : s(comment)}`;
  }

  setColumnCommentSql(schema: string, table: string, column: JdbcColumnHandle, comment: string | undefined): string {
    return `COMMENT ON COLUMN ${q(schema)}.${q(table)}.${q(column.remoteName)} IS ${comment === undefined ? 'NULL' : s(comment)}`;
  }

  createEmptyCopySql(schema: string, table: string, copy: string, columns: readonly string[]): string {
    return `CREATE TABLE ${q(schema)}.${q(copy)} AS SELECT ${columns.map(q).join(', ')} FROM ${q(schema)}.${q(table)} WHERE FALSE`;
  }

  async close(): Promise<void> {
    await this.pool.close();
  }
}
