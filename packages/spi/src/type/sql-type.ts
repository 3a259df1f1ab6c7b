/**
 * SQL types, as a closed union tagged by `kind`.
 *
 * Every type has one runtime value representation (see `value.ts`); NULL is always `null`.
 * Types are plain readonly data built by the factory functions below; compare them with
 * `typeEquals`, print them with `typeDisplayName` (Trino's spelling, e.g. `varchar(10)`,
 * `timestamp(3) with time zone`, `row(a integer, b varchar)`).
 */
export type SqlType =
  | BooleanType
  | TinyintType
  | SmallintType
  | IntegerType
  | BigintType
  | RealType
  | DoubleType
  | DecimalType
  | VarcharType
  | CharType
  | VarbinaryType
  | JsonType
  | DateType
  | TimeType
  | TimeWithTimeZoneType
  | TimestampType
  | TimestampWithTimeZoneType
  | IntervalDayToSecondType
  | IntervalYearToMonthType
  | ArrayType
  | MapType
  | RowType
  | UuidType
  | IpAddressType
  | HyperLogLogType
  | QDigestType
  | TDigestType
  | SetDigestType
  | ColorType
  | FunctionType
  | UnknownType;

export type SqlTypeKind = SqlType['kind'];

export interface BooleanType { readonly kind: 'boolean' }
export interface TinyintType { readonly kind: 'tinyint' }
export interface SmallintType { readonly kind: 'smallint' }
export interface IntegerType { readonly kind: 'integer' }
export interface BigintType { readonly kind: 'bigint' }
export interface RealType { readonly kind: 'real' }
export interface DoubleType { readonly kind: 'double' }
export interface DecimalType { readonly kind: 'decimal'; readonly precision: number; readonly scale: number }
/** `length` is undefined for unbounded `varchar`. */
export interface VarcharType { readonly kind: 'varchar'; readonly length: number | undefined }
export interface CharType { readonly kind: 'char'; readonly length: number }
export interface VarbinaryType { readonly kind: 'varbinary' }
export interface JsonType { readonly kind: 'json' }
export interface DateType { readonly kind: 'date' }
export interface TimeType { readonly kind: 'time'; readonly precision: number }
export interface TimeWithTimeZoneType { readonly kind: 'time with time zone'; readonly precision: number }
export interface TimestampType { readonly kind: 'timestamp'; readonly precision: number }
export interface TimestampWithTimeZoneType { readonly kind: 'timestamp with time zone'; readonly precision: number }
export interface IntervalDayToSecondType { readonly kind: 'interval day to second' }
export interface IntervalYearToMonthType { readonly kind: 'interval year to month' }
export interface ArrayType { readonly kind: 'array'; readonly elementType: SqlType }
export interface MapType { readonly kind: 'map'; readonly keyType: SqlType; readonly valueType: SqlType }
export interface RowField { readonly name: string | undefined; readonly type: SqlType }
export interface RowType { readonly kind: 'row'; readonly fields: readonly RowField[] }
export interface UuidType { readonly kind: 'uuid' }
export interface IpAddressType { readonly kind: 'ipaddress' }
export interface HyperLogLogType { readonly kind: 'HyperLogLog' }
export interface QDigestType { readonly kind: 'qdigest'; readonly valueType: SqlType }
export interface TDigestType { readonly kind: 'tdigest' }
export interface SetDigestType { readonly kind: 'SetDigest' }
export interface ColorType { readonly kind: 'color' }
/** The type of a lambda expression: never a column type, only a function argument. */
export interface FunctionType { readonly kind: 'function'; readonly argumentTypes: readonly SqlType[]; readonly returnType: SqlType }
/** The type of the NULL literal; coerces to every type. */
export interface UnknownType { readonly kind: 'unknown' }

export const MAX_DECIMAL_PRECISION = 38;
export const MAX_SHORT_DECIMAL_PRECISION = 18;
export const MAX_TIMESTAMP_PRECISION = 12;
export const DEFAULT_TIMESTAMP_PRECISION = 3;
export const MAX_VARCHAR_LENGTH = 2147483646;

export const BOOLEAN: BooleanType = Object.freeze({ kind: 'boolean' });
export const TINYINT: TinyintType = Object.freeze({ kind: 'tinyint' });
export const SMALLINT: SmallintType = Object.freeze({ kind: 'smallint' });
export const INTEGER: IntegerType = Object.freeze({ kind: 'integer' });
export const BIGINT: BigintType = Object.freeze({ kind: 'bigint' });
export const REAL: RealType = Object.freeze({ kind: 'real' });
export const DOUBLE: DoubleType = Object.freeze({ kind: 'double' });
export const VARBINARY: VarbinaryType = Object.freeze({ kind: 'varbinary' });
export const JSON_TYPE: JsonType = Object.freeze({ kind: 'json' });
export const DATE: DateType = Object.freeze({ kind: 'date' });
export const INTERVAL_DAY_TO_SECOND: IntervalDayToSecondType = Object.freeze({ kind: 'interval day to second' });
export const INTERVAL_YEAR_TO_MONTH: IntervalYearToMonthType = Object.freeze({ kind: 'interval year to month' });
export const UUID: UuidType = Object.freeze({ kind: 'uuid' });
export const IPADDRESS: IpAddressType = Object.freeze({ kind: 'ipaddress' });
export const HYPER_LOG_LOG: HyperLogLogType = Object.freeze({ kind: 'HyperLogLog' });
export const TDIGEST: TDigestType = Object.freeze({ kind: 'tdigest' });
export const SET_DIGEST: SetDigestType = Object.freeze({ kind: 'SetDigest' });
export const COLOR: ColorType = Object.freeze({ kind: 'color' });
export const UNKNOWN: UnknownType = Object.freeze({ kind: 'unknown' });
export const VARCHAR: VarcharType = Object.freeze({ kind: 'varchar', length: undefined });

export function varcharType(length?: number): VarcharType {
  return length === undefined ? VARCHAR : Object.freeze({ kind: 'varchar', length });
}
export function charType(length = 1): CharType {
  return Object.freeze({ kind: 'char', length });
}
export function decimalType(precision = MAX_DECIMAL_PRECISION, scale = 0): DecimalType {
  return Object.freeze({ kind: 'decimal', precision, scale });
}
export function timeType(precision = DEFAULT_TIMESTAMP_PRECISION): TimeType {
  return Object.freeze({ kind: 'time', precision });
}
export function timeWithTimeZoneType(precision = DEFAULT_TIMESTAMP_PRECISION): TimeWithTimeZoneType {
  return Object.freeze({ kind: 'time with time zone', precision });
}
export function timestampType(precision = DEFAULT_TIMESTAMP_PRECISION): TimestampType {
  return Object.freeze({ kind: 'timestamp', precision });
}
export function timestampWithTimeZoneType(precision = DEFAULT_TIMESTAMP_PRECISION): TimestampWithTimeZoneType {
  return Object.freeze({ kind: 'timestamp with time zone', precision });
}
export function arrayType(elementType: SqlType): ArrayType {
  return Object.freeze({ kind: 'array', elementType });
}
export function mapType(keyType: SqlType, valueType: SqlType): MapType {
  return Object.freeze({ kind: 'map', keyType, valueType });
}
export function rowType(fields: readonly RowField[]): RowType {
  return Object.freeze({ kind: 'row', fields: Object.freeze(fields.map((f) => Object.freeze({ name: f.name, type: f.type }))) });
}
export function functionType(argumentTypes: readonly SqlType[], returnType: SqlType): FunctionType {
  return Object.freeze({ kind: 'function', argumentTypes: Object.freeze([...argumentTypes]), returnType });
}
export function qdigestType(valueType: SqlType): QDigestType {
  return Object.freeze({ kind: 'qdigest', valueType });
}

export function assertNever(value: never, what = 'value'): never {
  throw new Error(`unexpected ${what}: ${JSON.stringify(value)}`);
}

/** Trino's display name of a type, as `typeof()` and `DESCRIBE` print it. */
export function typeDisplayName(type: SqlType): string {
  switch (type.kind) {
    case 'boolean':
    case 'tinyint':
    case 'smallint':
    case 'integer':
    case 'bigint':
    case 'real':
    case 'double':
    case 'varbinary':
    case 'json':
    case 'date':
    case 'interval day to second':
    case 'interval year to month':
    case 'uuid':
    case 'ipaddress':
    case 'HyperLogLog':
    case 'tdigest':
    case 'SetDigest':
    case 'color':
    case 'unknown':
      return type.kind;
    case 'decimal':
      return `decimal(${type.precision},${type.scale})`;
    case 'varchar':
      return type.length === undefined ? 'varchar' : `varchar(${type.length})`;
    case 'char':
      return `char(${type.length})`;
    case 'time':
      return `time(${type.precision})`;
    case 'time with time zone':
      return `time(${type.precision}) with time zone`;
    case 'timestamp':
      return `timestamp(${type.precision})`;
    case 'timestamp with time zone':
      return `timestamp(${type.precision}) with time zone`;
    case 'array':
      return `array(${typeDisplayName(type.elementType)})`;
    case 'map':
      return `map(${typeDisplayName(type.keyType)}, ${typeDisplayName(type.valueType)})`;
    case 'row':
      return `row(${type.fields.map((f) => (f.name === undefined ? typeDisplayName(f.type) : `${quoteFieldName(f.name)} ${typeDisplayName(f.type)}`)).join(', ')})`;
    case 'qdigest':
      return `qdigest(${typeDisplayName(type.valueType)})`;
    case 'function':
      return `function(${[...type.argumentTypes, type.returnType].map(typeDisplayName).join(', ')})`;
    default:
      return assertNever(type, 'type');
  }
}

function quoteFieldName(name: string): string {
  return /^[a-z_][a-z0-9_]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

export function typeEquals(a: SqlType, b: SqlType): boolean {
  if (a === b) return true;
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'decimal': {
      const o = b as DecimalType;
      return a.precision === o.precision && a.scale === o.scale;
    }
    case 'varchar':
      return a.length === (b as VarcharType).length;
    case 'char':
      return a.length === (b as CharType).length;
    case 'time':
    case 'time with time zone':
    case 'timestamp':
    case 'timestamp with time zone':
      return a.precision === (b as TimestampType).precision;
    case 'array':
      return typeEquals(a.elementType, (b as ArrayType).elementType);
    case 'map': {
      const o = b as MapType;
      return typeEquals(a.keyType, o.keyType) && typeEquals(a.valueType, o.valueType);
    }
    case 'row': {
      const o = b as RowType;
      return (
        a.fields.length === o.fields.length &&
        a.fields.every((f, i) => f.name === o.fields[i]!.name && typeEquals(f.type, o.fields[i]!.type))
      );
    }
    case 'qdigest':
      return typeEquals(a.valueType, (b as QDigestType).valueType);
    case 'function': {
      const o = b as FunctionType;
      return (
        a.argumentTypes.length === o.argumentTypes.length &&
        a.argumentTypes.every((t, i) => typeEquals(t, o.argumentTypes[i]!)) &&
        typeEquals(a.returnType, o.returnType)
      );
    }
    case 'boolean':
    case 'tinyint':
    case 'smallint':
    case 'integer':
    case 'bigint':
    case 'real':
    case 'double':
    case 'varbinary':
    case 'json':
    case 'date':
    case 'interval day to second':
    case 'interval year to month':
    case 'uuid':
    case 'ipaddress':
    case 'HyperLogLog':
    case 'tdigest':
    case 'SetDigest':
    case 'color':
    case 'unknown':
      return true;
    default:
      return assertNever(a, 'type');
  }
}

export function isIntegralType(type: SqlType): boolean {
  return type.kind === 'tinyint' || type.kind === 'smallint' || type.kind === 'integer' || type.kind === 'bigint';
}
export function isNumericType(type: SqlType): boolean {
  return isIntegralType(type) || type.kind === 'real' || type.kind === 'double' || type.kind === 'decimal';
}
export function isStringType(type: SqlType): boolean {
  return type.kind === 'varchar' || type.kind === 'char';
}
/** Types whose values can be ordered (ORDER BY, <, min/max). */
export function isOrderableType(type: SqlType): boolean {
  switch (type.kind) {
    case 'array':
      return isOrderableType(type.elementType);
    case 'row':
      return type.fields.every((f) => isOrderableType(f.type));
    case 'map':
    case 'json':
    case 'function':
    case 'HyperLogLog':
    case 'qdigest':
    case 'tdigest':
    case 'SetDigest':
    case 'color':
      return false;
    case 'boolean':
    case 'tinyint':
    case 'smallint':
    case 'integer':
    case 'bigint':
    case 'real':
    case 'double':
    case 'decimal':
    case 'varchar':
    case 'char':
    case 'varbinary':
    case 'date':
    case 'time':
    case 'time with time zone':
    case 'timestamp':
    case 'timestamp with time zone':
    case 'interval day to second':
    case 'interval year to month':
    case 'uuid':
    case 'ipaddress':
    case 'unknown':
      return true;
    default:
      return assertNever(type, 'type');
  }
}
/** Types whose values can be compared for equality and hashed (GROUP BY, DISTINCT, joins). */
export function isComparableType(type: SqlType): boolean {
  switch (type.kind) {
    case 'array':
      return isComparableType(type.elementType);
    case 'map':
      return isComparableType(type.keyType) && isComparableType(type.valueType);
    case 'row':
      return type.fields.every((f) => isComparableType(f.type));
    case 'function':
    case 'HyperLogLog':
    case 'qdigest':
    case 'tdigest':
    case 'SetDigest':
      return false;
    case 'boolean':
    case 'tinyint':
    case 'smallint':
    case 'integer':
    case 'bigint':
    case 'real':
    case 'double':
    case 'decimal':
    case 'varchar':
    case 'char':
    case 'varbinary':
    case 'json':
    case 'date':
    case 'time':
    case 'time with time zone':
    case 'timestamp':
    case 'timestamp with time zone':
    case 'interval day to second':
    case 'interval year to month':
    case 'uuid':
    case 'ipaddress':
    case 'color':
    case 'unknown':
      return true;
    default:
      return assertNever(type, 'type');
  }
}
