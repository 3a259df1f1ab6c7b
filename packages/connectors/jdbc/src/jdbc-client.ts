import type { SqlType, TableStatistics } from '@petrel/spi';
import type { ColumnMapping, RemoteColumn } from './column-mapping.js';
import type { JdbcConfig, JdbcSessionOptions } from './jdbc-config.js';
import type { JdbcColumnHandle, JdbcRowId } from './jdbc-handles.js';
import type { QueryLog } from './query-log.js';
import type { ConnectionPool, RemoteConnection } from './remote-database.js';
import type { SqlDialect } from './sql-dialect.js';

/** A column to create remotely. */
export interface RemoteColumnDefinition {
  readonly name: string;
  readonly remoteType: string;
  readonly nullable: boolean;
  readonly comment: string | undefined;
}

/**
 * What one remote database (PostgreSQL, MySQL ...) provides to the shared JDBC metadata: catalog
 * queries, type mapping both ways, statistics and the DDL it speaks. Names passed in and out are
 * remote names (as the database spells them).
 */
export interface JdbcClient {
  readonly config: JdbcConfig;
  readonly dialect: SqlDialect;
  readonly pool: ConnectionPool;
  readonly queryLog: QueryLog;
  /** True when an error means the connection is unusable (destroy it rather than pool it). */
  isConnectionError(error: unknown): boolean;

  listSchemas(connection: RemoteConnection): Promise<readonly string[]>;
  listTables(connection: RemoteConnection, schema: string | undefined): Promise<readonly { readonly schema: string; readonly table: string }[]>;
  /** Columns in ordinal order; empty when the table does not exist. */
  getColumns(connection: RemoteConnection, schema: string, table: string): Promise<readonly RemoteColumn[]>;
  getTableComment(connection: RemoteConnection, schema: string, table: string): Promise<string | undefined>;
  /** The mapping of a remote column, or undefined when Petrel cannot read the type. */
  mapColumn(column: RemoteColumn, options: JdbcSessionOptions): ColumnMapping | undefined;
  /** The mapping for an unsupported column under unsupported-type-handling=CONVERT_TO_VARCHAR. */
  convertToVarcharMapping(column: RemoteColumn): ColumnMapping;
  /** The mapping a computed column of `type` gets (aggregation results). */
  mappingForType(type: SqlType): ColumnMapping;
  /** The remote type a Petrel type is stored as; throws NOT_SUPPORTED when there is none. */
  toRemoteType(type: SqlType): string;
  /** false when a column of this type could be created but not read back under the session's mapping (PostgreSQL arrays unless AS_ARRAY). */
  canWriteType?(type: SqlType, options: JdbcSessionOptions): boolean;
  getTableStatistics(connection: RemoteConnection, schema: string, table: string, columns: readonly JdbcColumnHandle[]): Promise<TableStatistics>;
  /** The columns a query returns, for `system.query`. */
  describeQuery(connection: RemoteConnection, sql: string): Promise<readonly RemoteColumn[]>;
  /** The single integer primary key column of a table, for parallel reads. */
  integerPrimaryKey(connection: RemoteConnection, schema: string, table: string): Promise<string | undefined>;

  createSchemaSql(schema: string): string;
  dropSchemaSql(schema: string, cascade: boolean): string;
  renameSchemaSql(source: string, target: string): string | undefined;
  createTableSql(schema: string, table: string, columns: readonly RemoteColumnDefinition[], comment: string | undefined): readonly string[];
  renameTableSql(schema: string, table: string, newSchema: string, newTable: string): string;
  addColumnSql(schema: string, table: string, column: RemoteColumnDefinition): readonly string[];
  dropColumnSql(schema: string, table: string, column: string): string;
  renameColumnSql(schema: string, table: string, column: string, target: string): string;
  setTableCommentSql(schema: string, table: string, comment: string | undefined): string;
  setColumnCommentSql(schema: string, table: string, column: JdbcColumnHandle, comment: string | undefined): string;
  /** An empty table with the given columns of `table`, for transactional inserts. */
  createEmptyCopySql(schema: string, table: string, copy: string, columns: readonly string[]): string;
  /** The row id of a table with these remote columns (mapped as `columns`), or undefined when rows cannot be addressed. */
  rowId?(remote: readonly RemoteColumn[], columns: readonly JdbcColumnHandle[]): JdbcRowId | undefined;
  /** A predicate over the table selecting the rows whose ids (as read through the row id column) are `ids`. */
  rowIdPredicate?(rowId: JdbcRowId, ids: readonly string[]): string;
  /** Closes the pool. */
  close(): Promise<void>;
}
