import type { AggregateFunctionCall } from '@petrel/spi';
import type { JdbcColumnHandle } from './jdbc-handles.js';

/** An aggregate's argument: its rendered remote SQL and the column it reads. */
export interface AggregateArgument {
  readonly sql: string;
  readonly column: JdbcColumnHandle;
}

/** What differs between remote databases when rendering a pushed-down aggregate. */
export interface AggregateSqlRules {
  /** The type to CAST an integral sum to so it comes back as a 64-bit integer (`bigint`, `SIGNED`). */
  readonly bigintType: string;
  /** The remote spelling of decimal(precision, scale). */
  decimalType(precision: number, scale: number): string;
  /** The expression min/max compare, so that remote ordering equals Trino's. */
  orderingArgument(argument: AggregateArgument): string;
  /** The remote spelling of a 64-bit float, for avg over integers (`double precision`, `DOUBLE`). */
  readonly doubleType: string;
  /** avg over a decimal, before the CAST to the result type (e.g. with explicit rounding). */
  decimalAverage(argumentSql: string, scale: number): string;
}

const INTEGRAL = new Set(['tinyint', 'smallint', 'integer', 'bigint']);

/**
 * The remote SQL of count, min, max, sum and avg where the remote result is exactly Trino's, or
 * undefined when the aggregate must run in Petrel.
 */
export function renderAggregate(call: AggregateFunctionCall, args: readonly AggregateArgument[], rules: AggregateSqlRules): string | undefined {
  const arg = args[0];
  switch (call.name) {
    case 'count':
      if (args.length === 0) return call.distinct ? undefined : 'count(*)';
      if (args.length !== 1 || (call.distinct && !arg!.column.groupable)) return undefined;
      return call.distinct ? `count(DISTINCT ${arg!.sql})` : `count(${arg!.sql})`;
    case 'min':
    case 'max':
      if (arg === undefined || args.length !== 1 || !arg.column.sortable || call.distinct) return undefined;
      return `${call.name}(${rules.orderingArgument(arg)})`;
    case 'sum':
      if (arg === undefined || call.distinct) return undefined;
      if (INTEGRAL.has(arg.column.type.kind) && call.outputType.kind === 'bigint') return `CAST(sum(${arg.sql}) AS ${rules.bigintType})`;
      if (arg.column.type.kind === 'decimal' && call.outputType.kind === 'decimal') {
        return `CAST(sum(${arg.sql}) AS ${rules.decimalType(call.outputType.precision, call.outputType.scale)})`;
      }
      return undefined;
    case 'avg':
      if (arg === undefined || call.distinct) return undefined;
      // Trino's avg over integers is the exact integer sum divided by the count as a double; a remote
      // float64 sum of integers is exact below 2^53, so the result is the same
      if (INTEGRAL.has(arg.column.type.kind) && call.outputType.kind === 'double') return `avg(CAST(${arg.sql} AS ${rules.doubleType}))`;
      if (arg.column.type.kind === 'decimal' && call.outputType.kind === 'decimal') {
        return `CAST(${rules.decimalAverage(arg.sql, call.outputType.scale)} AS ${rules.decimalType(call.outputType.precision, call.outputType.scale)})`;
      }
      return undefined;
    default:
      return undefined;
  }
}
