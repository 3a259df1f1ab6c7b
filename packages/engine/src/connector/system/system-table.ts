import type { ColumnMetadata, ConnectorSession, SchemaTableName, SqlValue, TupleDomain } from '@petrel/spi';

/**
 * A read-only table whose rows are computed when scanned (system tables, information_schema).
 * `constraint` is the filter pushed by the engine (when any): tables may use it to list less, but
 * the engine still applies the filter.
 */
export interface SystemTable {
  readonly name: SchemaTableName;
  readonly columns: readonly ColumnMetadata[];
  rows(session: ConnectorSession, constraint: TupleDomain): Promise<readonly (readonly SqlValue[])[]>;
}
