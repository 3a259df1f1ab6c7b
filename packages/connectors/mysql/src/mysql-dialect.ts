import type { SqlType, SqlValue } from '@petrel/spi';
import { assertNever, StandardErrorCode, TrinoError, typeDisplayName } from '@petrel/spi';
import type { AggregateSqlRules, SqlDialect } from '@petrel/connector-jdbc';
import { formatDate, formatDecimal, formatDouble, formatTime, formatTimestamp, toHex, renderAggregate } from '@petrel/connector-jdbc';

export function quoteMysqlIdentifier(name: string): string {
  return `\`${name.replace(/`/g, '``')}\``;
}

/** A string literal safe whatever NO_BACKSLASH_ESCAPES says: backslashes and quotes are escaped. */
export function quoteMysqlString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "''").replace(/\u0000/g, '\\0')}'`;
}

function literal(type: SqlType, value: SqlValue): string {
  switch (type.kind) {
    case 'boolean':
      return value === true ? 'TRUE' : 'FALSE';
    case 'tinyint':
    case 'smallint':
    case 'integer':
    case 'bigint':
      return String(value);
    case 'real':
    case 'double': {
      const v = value as number;
      if (!Number.isFinite(v)) throw new TrinoError(StandardErrorCode.NOT_SUPPORTED, `MySQL does not support ${String(v)} values`);
      return formatDouble(v);
    }
    case 'decimal':
      return formatDecimal(value as bigint, type.scale);
    case 'varchar':
    case 'char':
    case 'json':
      return quoteMysqlString(value as string);
    case 'varbinary':
      return (value as Uint8Array).length === 0 ? `X''` : `X'${toHex(value as Uint8Array)}'`;
    case 'date':
      return `DATE '${formatDate(value as number)}'`;
    case 'time':
      return `TIME '${formatTime(value as bigint, Math.min(type.precision, 6))}'`;
    case 'timestamp': {
      const [millis, picos] = typeof value === 'number' ? [value, 0] : [(value as { epochMillis: number }).epochMillis, (value as { picosOfMilli: number }).picosOfMilli];
      return `TIMESTAMP '${formatTimestamp(millis, picos, Math.min(type.precision, 6))}'`;
    }
    case 'timestamp with time zone': {
      const v = value as { epochMillis: number; picosOfMilli: number };
      // Connections run with time_zone '+00:00', so the literal is read as UTC.
      return `TIMESTAMP '${formatTimestamp(v.epochMillis, v.picosOfMilli, Math.min(type.precision, 6))}'`;
    }
    case 'uuid':
    case 'array':
    case 'time with time zone':
    case 'interval day to second':
    case 'interval year to month':
    case 'map':
    case 'row':
    case 'ipaddress':
    case 'HyperLogLog':
    case 'qdigest':
    case 'tdigest':
    case 'SetDigest':
    case 'color':
    case 'function':
    case 'unknown':
      throw new TrinoError(StandardErrorCode.NOT_SUPPORTED, `Unsupported type for MySQL: ${typeDisplayName(type)}`);
    default:
      return assertNever(type, 'type');
  }
}

/** The MySQL type a Petrel type is stored as (Trino's mapping); throws NOT_SUPPORTED otherwise. */
export function mysqlTypeOf(type: SqlType): string {
  switch (type.kind) {
    case 'boolean':
      return 'boolean';
    case 'tinyint':
      return 'tinyint';
    case 'smallint':
      return 'smallint';
    case 'integer':
      return 'integer';
    case 'bigint':
      return 'bigint';
    case 'real':
      return 'float';
    case 'double':
      return 'double precision';
    case 'decimal':
      return `decimal(${type.precision}, ${type.scale})`;
    case 'char':
      if (type.length > 255) throw new TrinoError(StandardErrorCode.NOT_SUPPORTED, `Unsupported column type: ${typeDisplayName(type)}`);
      return `char(${type.length})`;
    case 'varchar':
      if (type.length === undefined || type.length > 16777215) return 'longtext';
      if (type.length <= 255) return 'tinytext';
      if (type.length <= 65535) return 'text';
      return 'mediumtext';
    case 'varbinary':
      return 'mediumblob';
    case 'json':
      return 'json';
    case 'date':
      return 'date';
    case 'time':
      return `time(${Math.min(type.precision, 6)})`;
    case 'timestamp':
      return `datetime(${Math.min(type.precision, 6)})`;
    case 'timestamp with time zone':
      return `timestamp(${Math.min(type.precision, 6)})`;
    case 'uuid':
    case 'array':
    case 'time with time zone':
    case 'interval day to second':
    case 'interval year to month':
    case 'map':
    case 'row':
    case 'ipaddress':
    case 'HyperLogLog':
    case 'qdigest':
    case 'tdigest':
    case 'SetDigest':
    case 'color':
    case 'function':
    case 'unknown':
      throw new TrinoError(StandardErrorCode.NOT_SUPPORTED, `Unsupported column type: ${typeDisplayName(type)}`);
    default:
      return assertNever(type, 'type');
  }
}

const AGGREGATE_RULES: AggregateSqlRules = {
  doubleType: 'DOUBLE',
  bigintType: 'SIGNED',
  decimalType: (precision, scale) => `DECIMAL(${precision}, ${scale})`,
  orderingArgument: (argument) => argument.sql,
  decimalAverage: (sql) => `avg(${sql})`,
};

export const mysqlDialect: SqlDialect = {
  name: 'mysql',
  quoteIdentifier: quoteMysqlIdentifier,
  literal,
  // MySQL sorts NULLs first ascending and last descending, and has no NULLS FIRST/LAST.
  orderByItem: (expression, ascending, nullsFirst) => {
    const direction = ascending ? 'ASC' : 'DESC';
    if (ascending === nullsFirst) return `${expression} ${direction}`;
    return `ISNULL(${expression}) ${nullsFirst ? 'DESC' : 'ASC'}, ${expression} ${direction}`;
  },
  isDistinctFrom: (left, right) => `NOT (${left} <=> ${right})`,
  aggregate: (call, args) => renderAggregate(call, args, AGGREGATE_RULES),
};
