import { assertNever } from '@petrel/spi';
import type { SqlType } from '@petrel/spi';

/** The `java.sql.JDBCType` name Trino's JDBC driver reports for a column of this type. */
export function jdbcTypeName(type: SqlType): string {
  switch (type.kind) {
    case 'boolean':
      return 'BOOLEAN';
    case 'tinyint':
      return 'TINYINT';
    case 'smallint':
      return 'SMALLINT';
    case 'integer':
      return 'INTEGER';
    case 'bigint':
      return 'BIGINT';
    case 'real':
      return 'REAL';
    case 'double':
      return 'DOUBLE';
    case 'decimal':
      return 'DECIMAL';
    case 'varchar':
      return 'VARCHAR';
    case 'char':
      return 'CHAR';
    case 'varbinary':
      return 'VARBINARY';
    case 'date':
      return 'DATE';
    case 'time':
      return 'TIME';
    case 'time with time zone':
      return 'TIME_WITH_TIMEZONE';
    case 'timestamp':
      return 'TIMESTAMP';
    case 'timestamp with time zone':
      return 'TIMESTAMP_WITH_TIMEZONE';
    case 'array':
      return 'ARRAY';
    case 'unknown':
      return 'NULL';
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
      return 'JAVA_OBJECT';
  }
  return assertNever(type, 'type');
}
