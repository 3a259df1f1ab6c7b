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
  TINYINT,
  VARBINARY,
  VARCHAR,
  StandardErrorCode,
  TrinoError,
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
import { JDBC_ROW_ID_COLUMN_NAME, QueryLog, columnMapping, isConnectionFailure } from '@petrel/connector-jdbc';
import { mysqlDialect, mysqlTypeOf, quoteMysqlIdentifier as q, quoteMysqlString as s } from './mysql-dialect.js';
import { MysqlPool } from './mysql-pool.js';

const SYSTEM_SCHEMAS = `('information_schema', 'mysql', 'performance_schema', 'sys')`;

/**
 * Text columns compare by their collation, which is case-insensitive (and pads trailing spaces) in
 * most MySQL databases: no predicate, ordering or grouping on them is pushed down, as Trino.
 */
const TEXT = { predicatePushdown: 'none', sortable: false, groupable: false } as const;

/**
 * TEXT, plus LIKE pushdown for utf8mb4 columns: compared under `utf8mb4_bin` (character-wise and
 * case-sensitive, no padding for LIKE), MySQL's LIKE agrees with Trino's. Other character sets would
 * not accept that collation, so their LIKE stays in Petrel.
 */
function textOptions(column: RemoteColumn) {
  const collation = column.attributes['collation'] ?? '';
  if (!collation.startsWith('utf8mb4_')) return TEXT;
  return { ...TEXT, likeExpression: '{} LIKE {pattern} COLLATE utf8mb4_bin ESCAPE {escape}' };
}

/** The MySQL (and MariaDB) side of the JDBC connector framework. */
export class MysqlClient implements JdbcClient {
  readonly dialect = mysqlDialect;
  readonly queryLog = new QueryLog();
  readonly pool: MysqlPool;

  constructor(readonly config: JdbcConfig) {
    this.pool = new MysqlPool(config, this.queryLog);
  }

  isConnectionError(error: unknown): boolean {
    if (isConnectionFailure(error)) return true;
    const fatal = (error as { fatal?: unknown } | null)?.fatal;
    return fatal === true;
  }

  async listSchemas(c: RemoteConnection): Promise<readonly string[]> {
    const r = await c.query(`SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME NOT IN ${SYSTEM_SCHEMAS} ORDER BY 1`);
    return r.rows.map((row) => String(row[0]));
  }

  async listTables(c: RemoteConnection, schema: string | undefined): Promise<readonly { readonly schema: string; readonly table: string }[]> {
    const r = await c.query(
      `SELECT TABLE_SCHEMA, TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA NOT IN ${SYSTEM_SCHEMAS}${schema === undefined ? '' : ` AND TABLE_SCHEMA = ${s(schema)}`} ORDER BY 1, 2`,
    );
    return r.rows.map((row) => ({ schema: String(row[0]), table: String(row[1]) }));
  }

  async getColumns(c: RemoteConnection, schema: string, table: string): Promise<readonly RemoteColumn[]> {
    const r = await c.query(
      `SELECT c.COLUMN_NAME, c.COLUMN_TYPE, c.IS_NULLABLE, c.COLUMN_COMMENT, c.CHARACTER_MAXIMUM_LENGTH, c.COLLATION_NAME, c.COLUMN_KEY, ` +
        `(SELECT COUNT(*) FROM information_schema.CHECK_CONSTRAINTS k WHERE k.CONSTRAINT_SCHEMA = c.TABLE_SCHEMA AND k.TABLE_NAME = c.TABLE_NAME AND k.CHECK_CLAUSE = CONCAT('json_valid(\`', c.COLUMN_NAME, '\`)')) ` +
        `FROM information_schema.COLUMNS c WHERE c.TABLE_SCHEMA = ${s(schema)} AND c.TABLE_NAME = ${s(table)} ORDER BY c.ORDINAL_POSITION`,
    );
    return r.rows.map((row) => ({
      name: String(row[0]),
      typeText: String(row[1]),
      nullable: String(row[2]) === 'YES',
      comment: row[3] === null || row[3] === '' ? undefined : String(row[3]),
      attributes: {
        maxLength: row[4] === null ? '' : String(row[4]),
        collation: row[5] === null ? '' : String(row[5]),
        json: Number(row[7]) > 0 ? 'true' : 'false',
        primaryKey: row[6] === 'PRI' ? 'true' : 'false',
      },
    }));
  }

  async getTableComment(c: RemoteConnection, schema: string, table: string): Promise<string | undefined> {
    const r = await c.query(`SELECT TABLE_COMMENT FROM information_schema.TABLES WHERE TABLE_SCHEMA = ${s(schema)} AND TABLE_NAME = ${s(table)}`);
    const v = r.rows[0]?.[0];
    return v === null || v === undefined || v === '' ? undefined : String(v);
  }

  mapColumn(column: RemoteColumn, options: JdbcSessionOptions): ColumnMapping | undefined {
    const t = column.typeText.toLowerCase();
    const unsigned = /\bunsigned\b/.test(t);
    const base = t.replace(/\s+(unsigned|zerofill)/g, '');
    let m: RegExpExecArray | null;
    if ((m = /^(tinyint|smallint|mediumint|int|integer|bigint)(\(\d+\))?$/.exec(base)) !== null) {
      switch (m[1]) {
        case 'tinyint':
          return columnMapping(unsigned ? SMALLINT : TINYINT);
        case 'smallint':
          return columnMapping(unsigned ? INTEGER : SMALLINT);
        case 'mediumint':
          return columnMapping(INTEGER);
        case 'int':
        case 'integer':
          return columnMapping(unsigned ? BIGINT : INTEGER);
        default:
          return columnMapping(unsigned ? decimalType(20, 0) : BIGINT);
      }
    }
    if (/^float(\(\d+(,\d+)?\))?$/.test(base)) return columnMapping(REAL, { predicatePushdown: 'none', sortable: true, groupable: false });
    if (/^(double|double precision|real)(\(\d+,\d+\))?$/.test(base)) return columnMapping(DOUBLE);
    if ((m = /^(?:decimal|numeric)\((\d+)(?:,(\d+))?\)$/.exec(base)) !== null) {
      const precision = Number(m[1]);
      const scale = Number(m[2] ?? 0);
      if (precision <= 38) return columnMapping(decimalType(precision, scale));
      if (options.decimalMapping === 'STRICT') return undefined;
      return columnMapping(decimalType(38, Math.min(scale, 38)), { predicatePushdown: 'none', sortable: false, groupable: false });
    }
    if ((m = /^char\((\d+)\)$/.exec(base)) !== null) return columnMapping(charType(Number(m[1])), TEXT);
    if ((m = /^varchar\((\d+)\)$/.exec(base)) !== null) return columnMapping(varcharType(Number(m[1])), textOptions(column));
    switch (base) {
      case 'tinytext':
        return columnMapping(varcharType(255), textOptions(column));
      case 'text':
        return columnMapping(varcharType(65535), textOptions(column));
      case 'mediumtext':
        return columnMapping(varcharType(16777215), textOptions(column));
      case 'longtext':
        return column.attributes['json'] === 'true' ? columnMapping(JSON_TYPE, TEXT) : columnMapping(VARCHAR, textOptions(column));
      case 'json':
        return columnMapping(JSON_TYPE, TEXT);
      case 'tinyblob':
      case 'blob':
      case 'mediumblob':
      case 'longblob':
        return columnMapping(VARBINARY, { read: 'binary', ...TEXT });
      case 'date':
        return columnMapping(DATE);
      case 'bit(1)':
      case 'bit':
        return columnMapping(BOOLEAN, { read: 'bit-boolean', ...TEXT });
    }
    if (/^(binary|varbinary)\(\d+\)$/.test(base)) return columnMapping(VARBINARY, { read: 'binary', ...TEXT });
    if (/^(enum|set)\(/.test(base)) {
      const length = Number(column.attributes['maxLength'] ?? '');
      return columnMapping(Number.isInteger(length) && length > 0 ? varcharType(length) : VARCHAR, TEXT);
    }
    if ((m = /^time(?:\((\d)\))?$/.exec(base)) !== null) return columnMapping(timeType(Number(m[1] ?? 0)));
    if ((m = /^datetime(?:\((\d)\))?$/.exec(base)) !== null) return columnMapping(timestampType(Number(m[1] ?? 0)));
    if ((m = /^timestamp(?:\((\d)\))?$/.exec(base)) !== null) return columnMapping(timestampWithTimeZoneType(Number(m[1] ?? 0)));
    return undefined;
  }

  convertToVarcharMapping(column: RemoteColumn): ColumnMapping {
    return columnMapping(VARCHAR, { read: 'as-text', ...TEXT, readExpression: 'CAST({} AS CHAR)' });
  }

  mappingForType(type: SqlType): ColumnMapping {
    if (type.kind === 'varchar' || type.kind === 'char' || type.kind === 'json') return columnMapping(type, TEXT);
    return columnMapping(type);
  }

  toRemoteType(type: SqlType): string {
    return mysqlTypeOf(type);
  }

  async getTableStatistics(c: RemoteConnection, schema: string, table: string, columns: readonly JdbcColumnHandle[]): Promise<TableStatistics> {
    const r = await c.query(`SELECT TABLE_ROWS FROM information_schema.TABLES WHERE TABLE_SCHEMA = ${s(schema)} AND TABLE_NAME = ${s(table)}`);
    const raw = r.rows[0]?.[0];
    if (raw === null || raw === undefined) return {};
    const rowCount = Number(raw);
    const out: Record<string, ColumnStatistics> = {};
    // Index cardinality of single-column indexes estimates distinct counts.
    const indexes = await c.query(
      `SELECT COLUMN_NAME, MAX(CARDINALITY) FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ${s(schema)} AND TABLE_NAME = ${s(table)} AND SEQ_IN_INDEX = 1 GROUP BY COLUMN_NAME`,
    );
    for (const row of indexes.rows) {
      const column = columns.find((col) => col.remoteName === String(row[0]));
      if (column !== undefined && row[1] !== null) out[column.name] = { distinctValuesCount: Number(row[1]) };
    }
    // MariaDB's engine-independent statistics (ANALYZE TABLE ... PERSISTENT FOR ALL).
    try {
      const stats = await c.query(`SELECT column_name, nulls_ratio, avg_frequency FROM mysql.column_stats WHERE db_name = ${s(schema)} AND table_name = ${s(table)}`);
      for (const row of stats.rows) {
        const column = columns.find((col) => col.remoteName === String(row[0]));
        if (column === undefined) continue;
        const nullsFraction = row[1] === null ? undefined : Number(row[1]);
        const frequency = row[2] === null ? undefined : Number(row[2]);
        const nonNull = rowCount * (1 - (nullsFraction ?? 0));
        out[column.name] = {
          ...out[column.name],
          ...(nullsFraction === undefined ? {} : { nullsFraction }),
          ...(frequency === undefined || frequency <= 0 ? {} : { distinctValuesCount: Math.round(nonNull / frequency) }),
        };
      }
    } catch {
      // MySQL has no mysql.column_stats; index cardinality is what there is.
    }
    return { rowCount, columns: out };
  }

  async describeQuery(c: RemoteConnection, sql: string): Promise<readonly RemoteColumn[]> {
    const fields = c.describe !== undefined ? await c.describe(sql) : ((await c.query(`SELECT * FROM (${sql}) t LIMIT 0`)).fields ?? []);
    return fields.map((f) => describeField(f as MysqlField));
  }

  /** Rows are addressed by the primary key, read as a JSON array of the key values as text. */
  rowId(remote: readonly RemoteColumn[], columns: readonly JdbcColumnHandle[]): JdbcRowId | undefined {
    const keys = remote.filter((r) => r.attributes['primaryKey'] === 'true').map((r) => columns.find((c) => c.remoteName === r.name));
    if (keys.length === 0 || keys.some((k) => k === undefined)) return undefined;
    const keyColumns = keys.map((k) => ({ remoteName: k!.remoteName, type: k!.type }));
    return {
      column: {
        kind: 'jdbc-column',
        name: JDBC_ROW_ID_COLUMN_NAME,
        type: VARCHAR,
        remoteName: keyColumns[0]!.remoteName,
        remoteType: 'json',
        read: 'standard',
        predicatePushdown: 'none',
        sortable: false,
        groupable: false,
        readExpression: `JSON_ARRAY(${keyColumns.map((k) => `CAST(${q(k.remoteName)} AS CHAR)`).join(', ')})`,
        nullable: false,
      },
      keyColumns,
    };
  }

  rowIdPredicate(rowId: JdbcRowId, ids: readonly string[]): string {
    const keys = rowId.keyColumns;
    const tuples = ids.map((id) => {
      const values = JSON.parse(id) as unknown;
      if (!Array.isArray(values) || values.length !== keys.length) throw new TrinoError(StandardErrorCode.GENERIC_INTERNAL_ERROR, `Invalid row id: ${id}`);
      const rendered = values.map((v, i) => {
        const text = String(v);
        const numeric = ['tinyint', 'smallint', 'integer', 'bigint', 'decimal'].includes(keys[i]!.type.kind);
        return numeric && /^-?\d+(\.\d+)?$/.test(text) ? text : s(text);
      });
      return rendered.length === 1 ? rendered[0]! : `(${rendered.join(', ')})`;
    });
    const target = keys.length === 1 ? q(keys[0]!.remoteName) : `(${keys.map((k) => q(k.remoteName)).join(', ')})`;
    return `${target} IN (${tuples.join(', ')})`;
  }

  async integerPrimaryKey(c: RemoteConnection, schema: string, table: string): Promise<string | undefined> {
    const r = await c.query(
      `SELECT k.COLUMN_NAME, c.DATA_TYPE FROM information_schema.KEY_COLUMN_USAGE k JOIN information_schema.COLUMNS c ON c.TABLE_SCHEMA = k.TABLE_SCHEMA AND c.TABLE_NAME = k.TABLE_NAME AND c.COLUMN_NAME = k.COLUMN_NAME WHERE k.TABLE_SCHEMA = ${s(schema)} AND k.TABLE_NAME = ${s(table)} AND k.CONSTRAINT_NAME = 'PRIMARY'`,
    );
    if (r.rows.length !== 1) return undefined;
    return ['tinyint', 'smallint', 'mediumint', 'int', 'bigint'].includes(String(r.rows[0]![1])) ? String(r.rows[0]![0]) : undefined;
  }

  createSchemaSql(schema: string): string {
    return `CREATE DATABASE ${q(schema)}`;
  }

  dropSchemaSql(schema: string, _cascade: boolean): string {
    return `DROP DATABASE ${q(schema)}`;
  }

  renameSchemaSql(): undefined {
    return undefined;
  }

  private columnDefinition(c: RemoteColumnDefinition): string {
    return `${q(c.name)} ${c.remoteType}${c.nullable ? '' : ' NOT NULL'}${c.comment === undefined ? '' : ` COMMENT ${s(c.comment)}`}`;
  }

  createTableSql(schema: string, table: string, columns: readonly RemoteColumnDefinition[], comment: string | undefined): readonly string[] {
    return [`CREATE TABLE ${q(schema)}.${q(table)} (${columns.map((c) => this.columnDefinition(c)).join(', ')})${comment === undefined ? '' : ` COMMENT ${s(comment)}`}`];
  }

  renameTableSql(schema: string, table: string, newSchema: string, newTable: string): string {
    return `RENAME TABLE ${q(schema)}.${q(table)} TO ${q(newSchema)}.${q(newTable)}`;
  }

  addColumnSql(schema: string, table: string, column: RemoteColumnDefinition): readonly string[] {
    return [`ALTER TABLE ${q(schema)}.${q(table)} ADD COLUMN ${this.columnDefinition(column)}`];
  }

  dropColumnSql(schema: string, table: string, column: string): string {
    return `ALTER TABLE ${q(schema)}.${q(table)} DROP COLUMN ${q(column)}`;
  }

  renameColumnSql(schema: string, table: string, column: string, target: string): string {
    return `ALTER TABLE ${q(schema)}.${q(table)} RENAME COLUMN ${q(column)} TO ${q(target)}`;
  }

  setTableCommentSql(schema: string, table: string, comment: string | undefined): string {
    return `ALTER TABLE ${q(schema)}.${q(table)} COMMENT = ${s(comment ?? '')}`;
  }

  setColumnCommentSql(schema: string, table: string, column: JdbcColumnHandle, comment: string | undefined): string {
    const nullability = column.nullable ? '' : ' NOT NULL';
    return `ALTER TABLE ${q(schema)}.${q(table)} MODIFY COLUMN ${q(column.remoteName)} ${column.remoteType}${nullability} COMMENT ${s(comment ?? '')}`;
  }

  createEmptyCopySql(schema: string, table: string, copy: string, columns: readonly string[]): string {
    return `CREATE TABLE ${q(schema)}.${q(copy)} AS SELECT ${columns.map(q).join(', ')} FROM ${q(schema)}.${q(table)} WHERE 1 = 0`;
  }

  async close(): Promise<void> {
    await this.pool.close();
  }
}

/** Column metadata mysql2 returns with a result. */
interface MysqlField {
  readonly name: string;
  readonly columnType: number;
  readonly columnLength: number;
  readonly decimals: number;
  readonly flags: number;
  readonly characterSet: number;
}

const UNSIGNED_FLAG = 32;
const ENUM_FLAG = 256;
const SET_FLAG = 2048;
const BINARY_CHARSET = 63;

/** The MySQL type text of a result column (connections use utf8mb4: 4 bytes per character). */
function fieldTypeText(f: MysqlField): string {
  const unsigned = (f.flags & UNSIGNED_FLAG) !== 0 ? ' unsigned' : '';
  const binary = f.characterSet === BINARY_CHARSET;
  const chars = Math.max(1, Math.round(f.columnLength / 4));
  switch (f.columnType) {
    case 0:
    case 246: {
      const scale = f.decimals;
      const precision = f.columnLength - (scale > 0 ? 1 : 0) - (unsigned === '' ? 1 : 0);
      return `decimal(${precision},${scale})${unsigned}`;
    }
    case 1:
      return `tinyint${unsigned}`;
    case 2:
      return `smallint${unsigned}`;
    case 9:
      return `mediumint${unsigned}`;
    case 3:
      return `int${unsigned}`;
    case 8:
      return `bigint${unsigned}`;
    case 4:
      return 'float';
    case 5:
      return 'double';
    case 7:
      return `timestamp(${Math.min(f.decimals, 6)})`;
    case 10:
    case 14:
      return 'date';
    case 11:
      return `time(${Math.min(f.decimals, 6)})`;
    case 12:
      return `datetime(${Math.min(f.decimals, 6)})`;
    case 13:
      return 'year';
    case 16:
      return `bit(${f.columnLength})`;
    case 245:
      return 'json';
    case 15:
    case 253:
    case 254:
      if ((f.flags & (ENUM_FLAG | SET_FLAG)) !== 0) return `varchar(${chars})`;
      if (binary) return `varbinary(${f.columnLength})`;
      return f.columnType === 254 ? `char(${chars})` : `varchar(${chars})`;
    case 249:
    case 250:
    case 251:
    case 252:
      if (binary) return 'longblob';
      if (chars <= 255) return 'tinytext';
      if (chars <= 65535) return 'text';
      if (chars <= 16777215) return 'mediumtext';
      return 'longtext';
    default:
      return `unknown(${f.columnType})`;
  }
}

function describeField(f: MysqlField): RemoteColumn {
  return { name: f.name, typeText: fieldTypeText(f), nullable: true, comment: undefined, attributes: { maxLength: String(Math.round(f.columnLength / 4)) } };
}
