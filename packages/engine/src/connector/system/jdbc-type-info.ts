import type { SqlType } from '@petrel/spi';
import { assertNever } from '@petrel/spi';

/** `java.sql.Types` codes that `system.jdbc` reports (what Trino's JDBC driver reads back). */
export const JdbcTypeCode = {
  BOOLEAN: 16,
  TINYINT: -6,
  SMALLINT: 5,
  INTEGER: 4,
  BIGINT: -5,
  REAL: 7,
  DOUBLE: 8,
  DECIMAL: 3,
  CHAR: 1,
  VARCHAR: 12,
  VARBINARY: -3,
  DATE: 91,
  TIME: 92,
  TIMESTAMP: 93,
  TIME_WITH_TIMEZONE: 2013,
  TIMESTAMP_WITH_TIMEZONE: 2014,
  ARRAY: 2003,
  JAVA_OBJECT: 2000,
} as const;

/** `DatabaseMetaData` constants used by the jdbc tables. */
export const JdbcMetadataCode = {
  columnNullableUnknown: 2,
  typeNullable: 1,
  typePredNone: 0,
  typeSearchable: 3,
} as const;

/** Length Trino reports for an unbounded varchar (Java's Integer.MAX_VALUE). */
const UNBOUNDED_LENGTH = 2147483647;

/**
 * The longest time zone id the engine accepts: Java's zone list (which Trino measures) includes
 * the legacy `America/Argentina/ComodRivadavia`, longer than any id in the ICU list.
 */
const MAX_TIME_ZONE_LENGTH = Math.max('America/Argentina/ComodRivadavia'.length, ...Intl.supportedValuesOf('timeZone').map((z) => z.length));

export function jdbcDataType(type: SqlType): number {
  switch (type.kind) {
    case 'boolean':
      return JdbcTypeCode.BOOLEAN;
    case 'tinyint':
      return JdbcTypeCode.TINYINT;
    case 'smallint':
      return JdbcTypeCode.SMALLINT;
    case 'integer':
      return JdbcTypeCode.INTEGER;
    case 'bigint':
      return JdbcTypeCode.BIGINT;
    case 'real':
      return JdbcTypeCode.REAL;
    case 'double':
      return JdbcTypeCode.DOUBLE;
    case 'decimal':
      return JdbcTypeCode.DECIMAL;
    case 'varchar':
      return JdbcTypeCode.VARCHAR;
    case 'char':
      return JdbcTypeCode.CHAR;
    case 'varbinary':
      return JdbcTypeCode.VARBINARY;
    case 'date':
      return JdbcTypeCode.DATE;
    case 'time':
      return JdbcTypeCode.TIME;
    case 'time with time zone':
      return JdbcTypeCode.TIME_WITH_TIMEZONE;
    case 'timestamp':
      return JdbcTypeCode.TIMESTAMP;
    case 'timestamp with time zone':
      return JdbcTypeCode.TIMESTAMP_WITH_TIMEZONE;
    case 'array':
      return JdbcTypeCode.ARRAY;
    case 'json':
    case 'interval day to second':
    case 'interval year to month':
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
      return JdbcTypeCode.JAVA_OBJECT;
    default:
      return assertNever(type, 'type');
  }
}

/** COLUMN_SIZE: digits for numbers, characters for strings and date-times; null when not applicable. */
export function columnSize(type: SqlType): number | null {
  const fixed = FIXED_COLUMN_SIZES[type.kind];
  if (fixed !== undefined) return fixed;
  if (type.kind === 'decimal') return type.precision;
  if (type.kind === 'varchar') return type.length ?? UNBOUNDED_LENGTH;
  if (type.kind === 'char') return type.length;
  // HH:MM:SS, then the period and the fractional digits when there are any
  if (type.kind === 'time') return 8 + Math.min(type.precision, 1) + type.precision;
  if (type.kind === 'time with time zone') return 8 + Math.min(type.precision, 1) + type.precision + 6;
  // sign, year digits, -MM-DD HH:MM:SS, then the fraction (and the zone)
  if (type.kind === 'timestamp') return 1 + 5 + 15 + Math.min(type.precision, 1) + type.precision;
  if (type.kind === 'timestamp with time zone') return 1 + 6 + 15 + Math.min(type.precision, 1) + type.precision + 1 + MAX_TIME_ZONE_LENGTH;
  return null;
}

const FIXED_COLUMN_SIZES: Partial<Record<SqlType['kind'], number>> = {
  bigint: 19,
  integer: 10,
  smallint: 5,
  tinyint: 3,
  real: 24,
  double: 53,
  varbinary: UNBOUNDED_LENGTH,
  date: 14,
};

/** DECIMAL_DIGITS: the fractional digits of decimals and date-times. */
export function decimalDigits(type: SqlType): number | null {
  if (type.kind === 'decimal') return type.scale;
  if (type.kind === 'time' || type.kind === 'time with time zone' || type.kind === 'timestamp' || type.kind === 'timestamp with time zone') return type.precision;
  return null;
}

/** CHAR_OCTET_LENGTH as Trino reports it (the declared length of strings). */
export function charOctetLength(type: SqlType): number | null {
  if (type.kind === 'varchar') return type.length ?? UNBOUNDED_LENGTH;
  if (type.kind === 'char') return type.length;
  if (type.kind === 'varbinary') return UNBOUNDED_LENGTH;
  return null;
}

/** NUM_PREC_RADIX: 10 for exact numbers, 2 for floating point. */
export function numPrecRadix(type: SqlType): number | null {
  if (type.kind === 'bigint' || type.kind === 'integer' || type.kind === 'smallint' || type.kind === 'tinyint' || type.kind === 'decimal') return 10;
  if (type.kind === 'real' || type.kind === 'double') return 2;
  return null;
}
