import type { SqlType } from '@petrel/spi';
import { assertNever } from '@petrel/spi';

/**
 * How execution stores values of a SQL type in blocks it builds:
 * - `number`: a `float64` block (integral types whose values are safe integers, real, double,
 *   date, intervals, short timestamps). BIGINT values outside ±2^53 force an `object` block.
 * - `boolean`: a `bool` block.
 * - `object`: an `object` block of runtime values.
 */
export type ColumnLayout = 'number' | 'boolean' | 'object';

export function columnLayoutOf(type: SqlType): ColumnLayout {
  switch (type.kind) {
    case 'tinyint':
    case 'smallint':
    case 'integer':
    case 'bigint':
    case 'real':
    case 'double':
    case 'date':
    case 'interval day to second':
    case 'interval year to month':
      return 'number';
    case 'timestamp':
      return type.precision <= 3 ? 'number' : 'object';
    case 'boolean':
      return 'boolean';
    case 'decimal':
    case 'varchar':
    case 'char':
    case 'varbinary':
    case 'json':
    case 'time':
    case 'time with time zone':
    case 'timestamp with time zone':
    case 'array':
    case 'map':
    case 'row':
    case 'uuid':
    case 'ipaddress':
    case 'HyperLogLog':
    case 'qdigest':
    case 'tdigest':
    case 'SetDigest':
    case 'color':
    case 'function':
    case 'unknown':
      return 'object';
    default:
      return assertNever(type, 'type');
  }
}
