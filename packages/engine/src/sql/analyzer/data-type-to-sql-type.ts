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
  MAX_DECIMAL_PRECISION,
  MAX_TIMESTAMP_PRECISION,
  MAX_VARCHAR_LENGTH,
  REAL,
  SET_DIGEST,
  SMALLINT,
  TDIGEST,
  TINYINT,
  UUID,
  VARBINARY,
  arrayType,
  assertNever,
  charType,
  decimalType,
  mapType,
  qdigestType,
  rowType,
  timeType,
  timeWithTimeZoneType,
  timestampType,
  timestampWithTimeZoneType,
  varcharType,
} from '@petrel/spi';
import type { SqlType } from '@petrel/spi';
import type { DataTypeNode, DataTypeParameter, IntervalField } from '@petrel/sql';
import { semanticError } from './semantic-error.js';

/** The SQL type named by an AST type, with Trino's errors (`Unknown type: foo`, TYPE_NOT_FOUND). */
export function dataTypeToSqlType(node: DataTypeNode): SqlType {
  switch (node.kind) {
    case 'GenericDataType':
      return genericType(node.name.value.toLowerCase(), node.arguments, node);
    case 'RowDataType':
      return rowType(
        node.fields.map((f) => ({ name: f.name === undefined ? undefined : f.name.quoted ? f.name.value : f.name.value.toLowerCase(), type: dataTypeToSqlType(f.type) })),
      );
    case 'DateTimeDataType': {
      const precision = node.precision === undefined ? undefined : numeric(node.precision, node);
      if (precision !== undefined && (precision < 0 || precision > MAX_TIMESTAMP_PRECISION)) {
        throw semanticError('INVALID_LITERAL', `${node.type === 'TIME' ? 'TIME' : 'TIMESTAMP'} precision must be in range [0, ${MAX_TIMESTAMP_PRECISION}]: ${precision}`, node.location);
      }
      if (node.type === 'TIME') {
        const p = precision ?? 3;
        return node.withTimeZone ? timeWithTimeZoneType(p) : timeType(p);
      }
      const p = precision ?? 3;
      return node.withTimeZone ? timestampWithTimeZoneType(p) : timestampType(p);
    }
    case 'IntervalDataType':
      return intervalType(node.from, node.to, node);
    default:
      return assertNever(node, 'data type');
  }
}

function intervalType(from: IntervalField, to: IntervalField | undefined, node: DataTypeNode): SqlType {
  const yearMonth = (f: IntervalField): boolean => f === 'YEAR' || f === 'MONTH';
  if (yearMonth(from) && (to === undefined || yearMonth(to))) return INTERVAL_YEAR_TO_MONTH;
  if (!yearMonth(from) && (to === undefined || !yearMonth(to))) return INTERVAL_DAY_TO_SECOND;
  throw semanticError('TYPE_NOT_FOUND', `Unknown type: interval ${from.toLowerCase()} to ${to!.toLowerCase()}`, node.location);
}

function numeric(p: DataTypeParameter, node: DataTypeNode): number {
  if (p.kind !== 'NumericParameter') throw semanticError('TYPE_MISMATCH', 'Expected a numeric type parameter', p.location ?? node.location);
  return Number(p.value);
}

function typeArg(p: DataTypeParameter | undefined, node: DataTypeNode): SqlType {
  if (p === undefined || p.kind !== 'TypeParameter') throw semanticError('TYPE_MISMATCH', 'Expected a type parameter', node.location);
  return dataTypeToSqlType(p.type);
}

function display(name: string, args: readonly DataTypeParameter[]): string {
  if (args.length === 0) return name;
  return `${name}(${args.map((a) => (a.kind === 'NumericParameter' ? a.value : '?')).join(', ')})`;
}

function genericType(name: string, args: readonly DataTypeParameter[], node: DataTypeNode): SqlType {
  const noArgs = (t: SqlType): SqlType => {
    if (args.length > 0) throw semanticError('TYPE_NOT_FOUND', `Unknown type: ${display(name, args)}`, node.location);
    return t;
  };
  switch (name) {
    case 'boolean':
      return noArgs(BOOLEAN);
    case 'tinyint':
      return noArgs(TINYINT);
    case 'smallint':
      return noArgs(SMALLINT);
    case 'integer':
    case 'int':
      return noArgs(INTEGER);
    case 'bigint':
      return noArgs(BIGINT);
    case 'real':
    case 'float':
      return noArgs(REAL);
    case 'double':
    case 'double precision':
      return noArgs(DOUBLE);
    case 'decimal':
    case 'numeric':
    case 'dec': {
      const precision = args[0] === undefined ? MAX_DECIMAL_PRECISION : numeric(args[0], node);
      const scale = args[1] === undefined ? 0 : numeric(args[1], node);
      if (precision < 1 || precision > MAX_DECIMAL_PRECISION) {
        throw semanticError('INVALID_LITERAL', `DECIMAL precision must be in range [1, ${MAX_DECIMAL_PRECISION}]: ${precision}`, node.location);
      }
      if (scale < 0 || scale > precision) {
        throw semanticError('INVALID_LITERAL', `DECIMAL scale must be in range [0, precision (${precision})]: ${scale}`, node.location);
      }
      return decimalType(precision, scale);
    }
    case 'varchar':
    case 'character varying':
    case 'string': {
      if (args.length === 0) return varcharType();
      const n = numeric(args[0]!, node);
      if (n < 0 || n > MAX_VARCHAR_LENGTH) throw semanticError('INVALID_LITERAL', `VARCHAR length must be in range [0, ${MAX_VARCHAR_LENGTH}]`, node.location);
      return varcharType(n);
    }
    case 'char':
    case 'character': {
      const n = args.length === 0 ? 1 : numeric(args[0]!, node);
      if (n < 1 || n > 65536) throw semanticError('INVALID_LITERAL', `CHAR length must be in range [1, 65536]: ${n}`, node.location);
      return charType(n);
    }
    case 'varbinary':
      return noArgs(VARBINARY);
    case 'json':
      return noArgs(JSON_TYPE);
    case 'date':
      return noArgs(DATE);
    case 'uuid':
      return noArgs(UUID);
    case 'ipaddress':
      return noArgs(IPADDRESS);
    case 'hyperloglog':
      return noArgs(HYPER_LOG_LOG);
    case 'tdigest':
      return noArgs(TDIGEST);
    case 'setdigest':
      return noArgs(SET_DIGEST);
    case 'color':
      return noArgs(COLOR);
    case 'qdigest':
      return qdigestType(typeArg(args[0], node));
    case 'array':
      if (args.length !== 1) throw semanticError('TYPE_NOT_FOUND', `Unknown type: ${display(name, args)}`, node.location);
      return arrayType(typeArg(args[0], node));
    case 'map':
      if (args.length !== 2) throw semanticError('TYPE_NOT_FOUND', `Unknown type: ${display(name, args)}`, node.location);
      return mapType(typeArg(args[0], node), typeArg(args[1], node));
    case 'time':
      return args.length === 0 ? timeType(3) : timeType(numeric(args[0]!, node));
    case 'timestamp':
      return args.length === 0 ? timestampType(3) : timestampType(numeric(args[0]!, node));
    default:
      throw semanticError('TYPE_NOT_FOUND', `Unknown type: ${display(name, args)}`, node.location);
  }
}
