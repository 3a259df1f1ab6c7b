import type { SqlType } from '@petrel/spi';
import {
  BIGINT,
  BOOLEAN,
  COLOR,
  DATE,
  DOUBLE,
  HYPER_LOG_LOG,
  INTEGER,
  INTERVAL_DAY_TO_SECOND,
  INTERVAL_YEAR_TO_MONTH,
  IPADDRESS,
  JSON_TYPE,
  REAL,
  SET_DIGEST,
  SMALLINT,
  TDIGEST,
  TINYINT,
  UNKNOWN,
  UUID,
  VARBINARY,
} from '@petrel/spi';

/**
 * Every type the engine knows, once per kind: a concrete type (no parameters) or the name of a
 * parametric one. Keyed by kind, so a new kind in the type system fails to compile until listed.
 */
const TYPES_BY_KIND: Readonly<Record<SqlType['kind'], SqlType | { readonly parametric: string }>> = {
  boolean: BOOLEAN,
  tinyint: TINYINT,
  smallint: SMALLINT,
  integer: INTEGER,
  bigint: BIGINT,
  real: REAL,
  double: DOUBLE,
  decimal: { parametric: 'decimal' },
  varchar: { parametric: 'varchar' },
  char: { parametric: 'char' },
  varbinary: VARBINARY,
  json: JSON_TYPE,
  date: DATE,
  time: { parametric: 'time' },
  'time with time zone': { parametric: 'time with time zone' },
  timestamp: { parametric: 'timestamp' },
  'timestamp with time zone': { parametric: 'timestamp with time zone' },
  'interval day to second': INTERVAL_DAY_TO_SECOND,
  'interval year to month': INTERVAL_YEAR_TO_MONTH,
  array: { parametric: 'array' },
  map: { parametric: 'map' },
  row: { parametric: 'row' },
  uuid: UUID,
  ipaddress: IPADDRESS,
  HyperLogLog: HYPER_LOG_LOG,
  qdigest: { parametric: 'qdigest' },
  tdigest: TDIGEST,
  SetDigest: SET_DIGEST,
  color: COLOR,
  function: { parametric: 'function' },
  unknown: UNKNOWN,
};

/** Types without parameters (`bigint`, `date` ...). */
export function concreteTypes(): SqlType[] {
  return Object.values(TYPES_BY_KIND).filter((t): t is SqlType => !('parametric' in t));
}

/** Names of parametric types (`array`, `decimal`, `varchar` ...). */
export function parametricTypeNames(): string[] {
  return Object.values(TYPES_BY_KIND).flatMap((t) => ('parametric' in t ? [t.parametric] : []));
}
