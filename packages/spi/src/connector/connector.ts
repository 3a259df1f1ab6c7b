import type { Page } from '../block/page.js';
import type { SqlType } from '../type/sql-type.js';
import type { SqlValue } from '../type/value.js';
import type { TupleDomain } from './tuple-domain.js';

/**
 * The connector SPI: small interfaces with optional capabilities that default to "not supported".
 *
 * Handles (`ConnectorTableHandle`, `ConnectorColumnHandle`, `ConnectorSplit`) are opaque to the
 * engine: plain, JSON-serializable data that the connector defines and reads back. They must be
 * JSON-serializable because they travel to workers inside plan fragments.
 */

export interface ConnectorSession {
  readonly queryId: string;
  readonly user: string;
  /** IANA zone id or offset of the session (`X-Trino-Time-Zone`). */
  readonly timeZone: string;
  /** Session start, epoch milliseconds. */
  readonly startTime: number;
  /** This catalog's session properties, by name (`SET SESSION catalog.name = ...`). */
  readonly properties: Readonly<Record<string, string>>;
}

export interface SchemaTableName {
  readonly schema: string;
  readonly table: string;
}

export interface ColumnMetadata {
  readonly name: string;
  readonly type: SqlType;
  readonly nullable?: boolean;
  readonly comment?: string | undefined;
  /** Hidden columns are not part of `SELECT *` but can be named. */
  readonly hidden?: boolean;
  readonly extraInfo?: string | undefined;
}

export interface ConnectorTableMetadata {
  readonly name: SchemaTableName;
  readonly columns: readonly ColumnMetadata[];
  readonly comment?: string | undefined;
  readonly properties?: Readonly<Record<string, SqlValue>>;
}

export type ConnectorTableHandle = { readonly [key: string]: unknown };
export type ConnectorColumnHandle = { readonly name: string; readonly type?: SqlType; readonly [key: string]: unknown };
export type ConnectorSplit = { readonly [key: string]: unknown };

export interface ColumnStatistics {
  readonly nullsFraction?: number;
  readonly distinctValuesCount?: number;
  readonly dataSize?: number;
  /** Numeric (or date as days) bounds, for range estimates. */
  readonly min?: number;
  readonly max?: number;
}

export interface TableStatistics {
  readonly rowCount?: number;
  /** By column name. */
  readonly columns?: Readonly<Record<string, ColumnStatistics>>;
}

export interface ViewDefinition {
  readonly originalSql: string;
  readonly catalog: string | undefined;
  readonly schema: string | undefined;
  readonly columns: readonly { readonly name: string; readonly type: SqlType }[];
  readonly comment?: string | undefined;
  readonly owner: string | undefined;
  /** true for SECURITY INVOKER views. */
  readonly runAsInvoker: boolean;
}

/** The result of a successful `applyFilter`: a new handle plus what the engine must still evaluate. */
export interface FilterApplicationResult {
  readonly handle: ConnectorTableHandle;
  /** The part of the constraint the connector could not enforce exactly. */
  readonly remainingFilter: TupleDomain;
  /** true when the connector enforces the whole constraint except `remainingFilter`. */
  readonly precalculateStatistics?: boolean;
  /**
   * The offered `expressions` (the same objects) the connector does not enforce; undefined means
   * none was taken, so the engine keeps evaluating all of them.
   */
  readonly remainingExpressions?: readonly ConnectorFilterExpression[];
}

/**
 * A pushed conjunct a TupleDomain cannot carry (closed union). `like`: `column LIKE pattern
 * [ESCAPE escape]` with Trino's semantics over a varchar column and a constant pattern, as written
 * (the connector validates the escape and declines patterns Trino would reject).
 */
export type ConnectorFilterExpression = {
  readonly kind: 'like';
  /** Name of the column handle. */
  readonly column: string;
  readonly pattern: string;
  readonly escape?: string;
};

export interface LimitApplicationResult {
  readonly handle: ConnectorTableHandle;
  /** true when the connector guarantees at most `limit` rows in total (not only per split). */
  readonly limitGuaranteed: boolean;
}

export interface SortItem {
  readonly column: ConnectorColumnHandle;
  readonly ascending: boolean;
  readonly nullsFirst: boolean;
}

export interface TopNApplicationResult {
  readonly handle: ConnectorTableHandle;
  readonly topNGuaranteed: boolean;
}

export interface ProjectionApplicationResult {
  readonly handle: ConnectorTableHandle;
  readonly columns: readonly ConnectorColumnHandle[];
}

export interface AggregateFunctionCall {
  readonly name: string;
  readonly arguments: readonly ConnectorColumnHandle[];
  readonly outputType: SqlType;
  readonly distinct: boolean;
}

export interface AggregationApplicationResult {
  readonly handle: ConnectorTableHandle;
  /** One handle per aggregate, then one per grouping column, in that order. */
  readonly outputColumns: readonly ConnectorColumnHandle[];
}

export type JoinKind = 'INNER' | 'LEFT' | 'RIGHT' | 'FULL';

export interface JoinCondition {
  readonly left: ConnectorColumnHandle;
  readonly operator: '=' | '<>' | '<' | '<=' | '>' | '>=' | 'IS DISTINCT FROM';
  readonly right: ConnectorColumnHandle;
}

/**
 * Estimates the engine passes to `applyJoin` (Trino's JoinStatistics) so that a connector can
 * decide by cost (`join-pushdown.strategy=AUTOMATIC`); a field is undefined when unknown.
 */
export interface JoinStatistics {
  readonly leftRows: number | undefined;
  readonly rightRows: number | undefined;
  readonly joinRows: number | undefined;
  /** Estimated output bytes of each side and of the join. */
  readonly leftDataSize: number | undefined;
  readonly rightDataSize: number | undefined;
  readonly joinDataSize: number | undefined;
}

export interface JoinApplicationResult {
  readonly handle: ConnectorTableHandle;
  readonly leftColumns: ReadonlyMap<string, ConnectorColumnHandle>;
  readonly rightColumns: ReadonlyMap<string, ConnectorColumnHandle>;
}

export interface ConnectorMetadata {
  listSchemaNames(session: ConnectorSession): Promise<readonly string[]>;
  listTables(session: ConnectorSession, schema: string | undefined): Promise<readonly SchemaTableName[]>;
  getTableHandle(session: ConnectorSession, name: SchemaTableName): Promise<ConnectorTableHandle | undefined>;
  getTableMetadata(session: ConnectorSession, table: ConnectorTableHandle): Promise<ConnectorTableMetadata>;
  /** Handles for every column, including hidden ones, keyed by column name. */
  getColumnHandles(session: ConnectorSession, table: ConnectorTableHandle): Promise<ReadonlyMap<string, ConnectorColumnHandle>>;
  getTableStatistics?(session: ConnectorSession, table: ConnectorTableHandle): Promise<TableStatistics>;

  // Pushdown: each returns undefined when nothing could be pushed.
  applyFilter?(
    session: ConnectorSession,
    table: ConnectorTableHandle,
    constraint: TupleDomain,
    expressions?: readonly ConnectorFilterExpression[],
  ): Promise<FilterApplicationResult | undefined>;
  applyProjection?(
    session: ConnectorSession,
    table: ConnectorTableHandle,
    columns: readonly ConnectorColumnHandle[],
  ): Promise<ProjectionApplicationResult | undefined>;
  applyLimit?(session: ConnectorSession, table: ConnectorTableHandle, limit: number): Promise<LimitApplicationResult | undefined>;
  applyTopN?(
    session: ConnectorSession,
    table: ConnectorTableHandle,
    count: number,
    sortItems: readonly SortItem[],
  ): Promise<TopNApplicationResult | undefined>;
  applyAggregation?(
    session: ConnectorSession,
    table: ConnectorTableHandle,
    aggregates: readonly AggregateFunctionCall[],
    groupingColumns: readonly ConnectorColumnHandle[],
  ): Promise<AggregationApplicationResult | undefined>;
  applyJoin?(
    session: ConnectorSession,
    kind: JoinKind,
    left: ConnectorTableHandle,
    right: ConnectorTableHandle,
    conditions: readonly JoinCondition[],
    statistics?: JoinStatistics,
  ): Promise<JoinApplicationResult | undefined>;
  /** A line for EXPLAIN describing the handle (pushed filters, limits, remote query ...). */
  describeTableHandle?(table: ConnectorTableHandle): string;

  // Schemas and tables
  createSchema?(session: ConnectorSession, schema: string, properties: Readonly<Record<string, SqlValue>>): Promise<void>;
  dropSchema?(session: ConnectorSession, schema: string, cascade: boolean): Promise<void>;
  renameSchema?(session: ConnectorSession, source: string, target: string): Promise<void>;
  createTable?(session: ConnectorSession, table: ConnectorTableMetadata, ignoreExisting: boolean): Promise<void>;
  dropTable?(session: ConnectorSession, table: ConnectorTableHandle): Promise<void>;
  renameTable?(session: ConnectorSession, table: ConnectorTableHandle, newName: SchemaTableName): Promise<void>;
  addColumn?(session: ConnectorSession, table: ConnectorTableHandle, column: ColumnMetadata): Promise<void>;
  dropColumn?(session: ConnectorSession, table: ConnectorTableHandle, column: ConnectorColumnHandle): Promise<void>;
  renameColumn?(session: ConnectorSession, table: ConnectorTableHandle, column: ConnectorColumnHandle, target: string): Promise<void>;
  setColumnType?(session: ConnectorSession, table: ConnectorTableHandle, column: ConnectorColumnHandle, type: SqlType): Promise<void>;
  setTableComment?(session: ConnectorSession, table: ConnectorTableHandle, comment: string | undefined): Promise<void>;
  setColumnComment?(
    session: ConnectorSession,
    table: ConnectorTableHandle,
    column: ConnectorColumnHandle,
    comment: string | undefined,
  ): Promise<void>;

  // Views
  listViews?(session: ConnectorSession, schema: string | undefined): Promise<readonly SchemaTableName[]>;
  getView?(session: ConnectorSession, name: SchemaTableName): Promise<ViewDefinition | undefined>;
  createView?(session: ConnectorSession, name: SchemaTableName, definition: ViewDefinition, replace: boolean): Promise<void>;
  dropView?(session: ConnectorSession, name: SchemaTableName): Promise<void>;

  // Writes
  /** Starts an INSERT (also used by CREATE TABLE AS after createTable). */
  beginInsert?(session: ConnectorSession, table: ConnectorTableHandle, columns: readonly ConnectorColumnHandle[]): Promise<ConnectorInsertHandle>;
  finishInsert?(session: ConnectorSession, insert: ConnectorInsertHandle, fragments: readonly unknown[]): Promise<void>;
  abortInsert?(session: ConnectorSession, insert: ConnectorInsertHandle): Promise<void>;
  /** Deletes rows matching the handle's pushed-down constraint; returns the count, or undefined when it cannot. */
  executeDelete?(session: ConnectorSession, table: ConnectorTableHandle): Promise<number | undefined>;
  /**
   * `UPDATE ... SET column = constant, ...` of the rows matching the handle's pushed-down constraint
   * (Trino's applyUpdate / executeUpdate); returns the count, or undefined when it cannot.
   */
  executeUpdate?(
    session: ConnectorSession,
    table: ConnectorTableHandle,
    assignments: readonly { readonly column: ConnectorColumnHandle; readonly value: SqlValue }[],
  ): Promise<number | undefined>;
  truncateTable?(session: ConnectorSession, table: ConnectorTableHandle): Promise<void>;
  /**
   * Row-level changes for DELETE, UPDATE and MERGE: the engine reads the table with the hidden
   * row id column and hands back the changes.
   */
  getRowIdColumnHandle?(session: ConnectorSession, table: ConnectorTableHandle): Promise<ConnectorColumnHandle>;
  applyRowChanges?(session: ConnectorSession, table: ConnectorTableHandle, changes: RowChanges): Promise<void>;
}

export type ConnectorInsertHandle = { readonly [key: string]: unknown };

/** Row-level changes gathered by DELETE, UPDATE and MERGE. */
export interface RowChanges {
  /** Row ids of deleted rows. */
  readonly deletedRowIds: readonly SqlValue[];
  /** Rows to insert (all columns, in table order). */
  readonly insertedRows: readonly (readonly SqlValue[])[];
  /** Updated rows: id plus all columns in table order. */
  readonly updatedRows: readonly { readonly rowId: SqlValue; readonly row: readonly SqlValue[] }[];
}

export interface ConnectorSplitSource {
  /** Resolves with the next batch of splits; an empty batch with `done` means no more. */
  nextBatch(maxSize: number): Promise<{ readonly splits: readonly ConnectorSplit[]; readonly done: boolean }>;
  close(): void;
}

export interface DynamicFilter {
  /** The domain of keys seen so far; `all` until the build side finishes. */
  currentPredicate(): TupleDomain;
  /** Resolves when the filter is complete (or the engine gives up waiting). */
  readonly isComplete: () => boolean;
  readonly whenComplete: Promise<void>;
}

export interface ConnectorSplitManager {
  getSplits(
    session: ConnectorSession,
    table: ConnectorTableHandle,
    dynamicFilter: DynamicFilter | undefined,
  ): Promise<ConnectorSplitSource>;
}

/** Produces pages for one split. `next` returns `undefined` at the end. */
export interface ConnectorPageSource {
  next(): Promise<Page | undefined> | Page | undefined;
  /** Bytes and rows read so far, for statistics. */
  readonly completedBytes?: () => number;
  readonly completedPositions?: () => number;
  close(): Promise<void> | void;
}

export interface ConnectorPageSourceProvider {
  createPageSource(
    session: ConnectorSession,
    split: ConnectorSplit,
    table: ConnectorTableHandle,
    columns: readonly ConnectorColumnHandle[],
    dynamicFilter: DynamicFilter | undefined,
  ): Promise<ConnectorPageSource> | ConnectorPageSource;
}

export interface ConnectorPageSink {
  appendPage(page: Page): Promise<void> | void;
  /** Returns fragments handed to `finishInsert`. */
  finish(): Promise<readonly unknown[]>;
  abort(): Promise<void> | void;
}

export interface ConnectorPageSinkProvider {
  createPageSink(session: ConnectorSession, insert: ConnectorInsertHandle): Promise<ConnectorPageSink> | ConnectorPageSink;
}

export interface TableFunctionArgumentSpec {
  readonly name: string;
  readonly type: SqlType;
  readonly required: boolean;
}

/** A table function such as `system.query(query => '...')`. */
export interface ConnectorTableFunction {
  readonly schema: string;
  readonly name: string;
  readonly arguments: readonly TableFunctionArgumentSpec[];
  /** Returns a table handle the split manager and page source provider can read, plus its columns. */
  analyze(
    session: ConnectorSession,
    args: Readonly<Record<string, SqlValue>>,
  ): Promise<{ readonly handle: ConnectorTableHandle; readonly columns: readonly ColumnMetadata[]; readonly columnHandles: readonly ConnectorColumnHandle[] }>;
}

export interface SessionPropertyMetadata {
  readonly name: string;
  readonly description: string;
  readonly type: SqlType;
  readonly defaultValue: string;
  readonly hidden?: boolean;
}

export interface Connector {
  readonly metadata: ConnectorMetadata;
  readonly splitManager: ConnectorSplitManager;
  readonly pageSourceProvider: ConnectorPageSourceProvider;
  readonly pageSinkProvider?: ConnectorPageSinkProvider;
  readonly tableFunctions?: readonly ConnectorTableFunction[];
  readonly sessionProperties?: readonly SessionPropertyMetadata[];
  /** Connector-specific table properties for `WITH (...)` and `system.metadata.table_properties`. */
  readonly tableProperties?: readonly SessionPropertyMetadata[];
  shutdown?(): Promise<void>;
}

export interface ConnectorContext {
  readonly catalogName: string;
  readonly nodeId: string;
  /** A directory this catalog may keep files in, when the node has one. */
  readonly dataDirectory: string | undefined;
}

export interface ConnectorFactory {
  /** The `connector.name` value in a catalog file. */
  readonly name: string;
  /** Properties the factory understands; others fail catalog creation with a clear message. */
  readonly supportedProperties?: readonly string[];
  create(catalogName: string, properties: Readonly<Record<string, string>>, context: ConnectorContext): Connector;
}
