import type { SqlType, SqlValue } from '@petrel/spi';
import { assertNever, StandardErrorCode, TrinoError, typeDisplayName } from '@petrel/spi';
import type { AggregateSqlRules, SqlDialect } from '@petrel/connector-jdbc';
import { applyTemplate, civilFromDays, formatDate, formatDecimal, formatTime, formatTimestamp, toHex, renderAggregate } from '@petrel/connector-jdbc';

export function quotePostgresqlIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function quotePostgresqlString(value: string): string {
  if (value.includes('\u0000')) throw new TrinoError(StandardErrorCode.NOT_SUPPORTED, 'PostgreSQL does not support NUL characters in strings');
  return `'${value.replace(/'/g, "''")}'`;
}

/** PostgreSQL spells years before 1 AD as positive BC years (year 0 is 1 BC). */
function dateLiteralText(days: number): string {
  const { year, month, day } = civilFromDays(days);
  if (year > 0) return formatDate(days);
  return `${String(1 - year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')} BC`;
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
      return `CAST('${String(value)}' AS real)`;
    case 'double':
      return `CAST('${String(value)}' AS double precision)`;
    case 'decimal':
      return formatDecimal(value as bigint, type.scale);
    case 'varchar':
    case 'char':
      return quotePostgresqlString(value as string);
    case 'varbinary':
      return `'\\x${toHex(value as Uint8Array)}'::bytea`;
    case 'json':
      return `${quotePostgresqlString(value as string)}::jsonb`;
    case 'date':
      return `DATE '${dateLiteralText(value as number)}'`;
    case 'time':
      return `TIME '${formatTime(value as bigint, Math.min(type.precision, 6))}'`;
    case 'timestamp': {
      const [millis, picos] = typeof value === 'number' ? [value, 0] : [(value as { epochMillis: number }).epochMillis, (value as { picosOfMilli: number }).picosOfMilli];
      return `TIMESTAMP '${formatTimestamp(millis, picos, Math.min(type.precision, 6))}'`;
    }
    case 'timestamp with time zone': {
      const v = value as { epochMillis: number; picosOfMilli: number };
      return `TIMESTAMP WITH TIME ZONE '${formatTimestamp(v.epochMillis, v.picosOfMilli, Math.min(type.precision, 6))}+00'`;
    }
    case 'uuid':
      return `CAST('${value as string}' AS uuid)`;
    case 'array': {
      const items = value as readonly SqlValue[];
      const element = postgresqlTypeOf(type.elementType);
      return `CAST(ARRAY[${items.map((v) => (v === null ? 'NULL' : literal(type.elementType, v))).join(', ')}] AS ${element}[])`;
    }
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
      throw new TrinoError(StandardErrorCode.NOT_SUPPORTED, `Unsupported type for PostgreSQL: ${typeDisplayName(type)}`);
    default:
      return assertNever(type, 'type');
  }
}

/** The PostgreSQL type a Petrel type is stored as (Trino's mapping); throws NOT_SUPPORTED otherwise. */
export function postgresqlTypeOf(type: SqlType): string {
  switch (type.kind) {
    case 'boolean':
      return 'boolean';
    case 'tinyint':
    case 'smallint':
      return 'smallint';
    case 'integer':
      return 'integer';
    case 'bigint':
      return 'bigint';
    case 'real':
      return 'real';
    case 'double':
      return 'double precision';
    case 'decimal':
      return `numeric(${type.precision}, ${type.scale})`;
    case 'varchar':
      return type.length === undefined ? 'varchar' : `varchar(${type.length})`;
    case 'char':
      return `char(${type.length})`;
    case 'varbinary':
      return 'bytea';
    case 'json':
      return 'jsonb';
    case 'date':
      return 'date';
    case 'time':
      return `time(${Math.min(type.precision, 6)})`;
    case 'timestamp':
      return `timestamp(${Math.min(type.precision, 6)})`;
    case 'timestamp with time zone':
      return `timestamptz(${Math.min(type.precision, 6)})`;
    case 'uuid':
      return 'uuid';
    case 'array':
      return `${postgresqlTypeOf(type.elementType)}[]`;
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
  doubleType: 'double precision',
  bigintType: 'bigint',
  decimalType: (precision, scale) => `numeric(${precision}, ${scale})`,
  orderingArgument: (argument) => applyTemplate(argument.column.sortExpression, argument.sql),
  decimalAverage: (sql, scale) => `round(avg(${sql}), ${scale})`,
};

export const postgresqlDialect: SqlDialect = {
  name: 'postgresql',
  quoteIdentifier: quotePostgresqlIdentifier,
  literal,
  orderByItem: (expression, ascending, nullsFirst) => `${expression} ${ascending ? 'ASC' : 'DESC'} NULLS ${nullsFirst ? 'FIRST' : 'LAST'}`,
  isDistinctFrom: (left, right) => `${left} IS DISTINCT FROM ${right}`,
  aggregate: (call, args) => renderAggregate(call, args, AGGREGATE_RULES),
};
