import type { AggregateFunctionCall, SqlType, SqlValue } from '@petrel/spi';
import type { JdbcColumnHandle } from './jdbc-handles.js';

/** What differs between the SQL of remote databases. */
export interface SqlDialect {
  readonly name: string;
  quoteIdentifier(name: string): string;
  /** A literal of `type` holding `value` (never null), as the remote database reads it. */
  literal(type: SqlType, value: SqlValue): string;
  /** One ORDER BY item with Trino's NULLS placement, emulated where the database has no NULLS FIRST/LAST. */
  orderByItem(expression: string, ascending: boolean, nullsFirst: boolean): string;
  isDistinctFrom(left: string, right: string): string;
  /**
   * The remote SQL of one aggregate over `args` (expressions already rendered), or undefined when
   * the remote result would not be exactly Trino's.
   */
  aggregate(call: AggregateFunctionCall, args: readonly { readonly sql: string; readonly column: JdbcColumnHandle }[]): string | undefined;
}
