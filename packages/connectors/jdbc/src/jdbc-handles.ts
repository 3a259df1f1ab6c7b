import type { SchemaTableName, SqlType } from '@petrel/spi';
import type { PredicatePushdown, ReadKind } from './column-mapping.js';

/**
 * Handles of the JDBC connectors: plain JSON-serializable data. A table handle is a remote relation
 * (a table, or a query built by pushdown or passed through) plus what was pushed into it.
 */
export interface JdbcColumnHandle {
  readonly kind: 'jdbc-column';
  /** The name Petrel sees (lowercase for remote columns, generated for pushed-down results). */
  readonly name: string;
  readonly type: SqlType;
  /** The column's name in the handle's relation. */
  readonly remoteName: string;
  /** The remote type as text (for DDL and EXPLAIN). */
  readonly remoteType: string;
  readonly read: ReadKind;
  readonly predicatePushdown: PredicatePushdown;
  readonly sortable: boolean;
  readonly groupable: boolean;
  readonly readExpression?: string;
  readonly sortExpression?: string;
  /** See `ColumnMapping.likeExpression`. */
  readonly likeExpression?: string;
  readonly nullable: boolean;
  readonly comment?: string;
}

export type JdbcRelation =
  | { readonly kind: 'named'; readonly remoteSchema: string; readonly remoteTable: string }
  /** A query over the remote database whose output columns are the handle's `remoteName`s. */
  | { readonly kind: 'query'; readonly sql: string };

export interface JdbcSortItem {
  readonly column: JdbcColumnHandle;
  readonly ascending: boolean;
  readonly nullsFirst: boolean;
}

export interface JdbcTableHandle {
  readonly kind: 'jdbc-table';
  /** The table's name in Petrel when the relation is a named table. */
  readonly schemaTableName: SchemaTableName | undefined;
  readonly relation: JdbcRelation;
  /** The columns the handle produces, in order (all columns until a projection is pushed). */
  readonly columns: readonly JdbcColumnHandle[];
  /** Conjuncts over the relation's columns, rendered in the remote dialect. */
  readonly conditions: readonly string[];
  readonly sortOrder: readonly JdbcSortItem[] | undefined;
  readonly limit: number | undefined;
  /** Human-readable summary of what was pushed, for EXPLAIN. */
  readonly pushed: readonly string[];
  /** The hidden row id of a named table, for row-level DELETE / UPDATE (`applyRowChanges`). */
  readonly rowId?: JdbcRowId;
}

/** Name of the hidden row id column the engine selects for DELETE and UPDATE. */
export const JDBC_ROW_ID_COLUMN_NAME = '$row_id';

/**
 * How a table's rows are identified: the row id column reads as varchar text (PostgreSQL `ctid`
 * text, or a JSON array of the primary key values as text); `keyColumns` empty means `ctid`.
 */
export interface JdbcRowId {
  readonly column: JdbcColumnHandle;
  readonly keyColumns: readonly { readonly remoteName: string; readonly type: SqlType }[];
}

export interface JdbcSplit {
  readonly kind: 'jdbc-split';
  /** Extra conjuncts this split reads (a key range for parallel reads). */
  readonly conditions: readonly string[];
}

export interface JdbcInsertHandle {
  readonly kind: 'jdbc-insert';
  readonly remoteSchema: string;
  readonly remoteTable: string;
  /** Where page sinks write: a temporary table moved into the target by `finishInsert`, or the target. */
  readonly writeTable: string;
  readonly columns: readonly { readonly remoteName: string; readonly type: SqlType }[];
}

export function isJdbcTableHandle(value: unknown): value is JdbcTableHandle {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'jdbc-table';
}
