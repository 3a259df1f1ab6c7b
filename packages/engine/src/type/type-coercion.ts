import type { SqlType, SqlTypeKind, RowField } from '@petrel/spi';
import {
  BIGINT, DOUBLE, INTEGER, REAL, SMALLINT, arrayType, charType, decimalType, mapType, rowType, typeEquals,
  timeWithTimeZoneType, timestampType, timestampWithTimeZoneType, timeType, varcharType, MAX_DECIMAL_PRECISION,
} from '@petrel/spi';
/** Mirrors the `TypeCoercion` interface of the function registry (type/ sits below function/). */
export interface TypeCoercionRules {
  canCoerce(from: SqlType, to: SqlType): boolean;
  getCommonSuperType(a: SqlType, b: SqlType): SqlType | undefined;
  canCast(from: SqlType, to: SqlType): boolean;
}

/**
 * Trino's implicit coercions. `compatibility(from, to)` gives the common super type of two types
 * and whether `from` coerces to `to` (the super type equals `to`).
 */
interface Compatibility {
  readonly superType: SqlType | undefined;
  readonly coercible: boolean;
}
const INCOMPATIBLE: Compatibility = { superType: undefined, coercible: false };

/** The type `source` becomes when coerced to the family `targetKind`, if such a coercion exists. */
export function coerceTypeBase(source: SqlType, targetKind: SqlTypeKind): SqlType | undefined {
  if (source.kind === targetKind) return source;
  switch (source.kind) {
    case 'unknown':
      switch (targetKind) {
        case 'varchar': return varcharType(0);
        case 'char': return charType(0);
        case 'decimal': return decimalType(1, 0);
        case 'time': return timeType(0);
        case 'time with time zone': return timeWithTimeZoneType(0);
        case 'timestamp': return timestampType(0);
        case 'timestamp with time zone': return timestampWithTimeZoneType(0);
        case 'boolean': case 'bigint': case 'integer': case 'smallint': case 'tinyint': case 'double': case 'real':
        case 'varbinary': case 'date': case 'json': case 'interval day to second': case 'interval year to month':
        case 'HyperLogLog': case 'SetDigest': case 'color': case 'uuid': case 'ipaddress':
          return simpleType(targetKind);
        default: return undefined;
      }
    case 'tinyint':
      switch (targetKind) {
        case 'smallint': return SMALLINT;
        case 'integer': return INTEGER;
        case 'bigint': return BIGINT;
        case 'real': return REAL;
        case 'double': return DOUBLE;
        case 'decimal': return decimalType(3, 0);
        default: return undefined;
      }
    case 'smallint':
      switch (targetKind) {
        case 'integer': return INTEGER;
        case 'bigint': return BIGINT;
        case 'real': return REAL;
        case 'double': return DOUBLE;
        case 'decimal': return decimalType(5, 0);
        default: return undefined;
      }
    case 'integer':
      switch (targetKind) {
        case 'bigint': return BIGINT;
        case 'real': return REAL;
        case 'double': return DOUBLE;
        case 'decimal': return decimalType(10, 0);
        default: return undefined;
      }
    case 'bigint':
      switch (targetKind) {
        case 'real': return REAL;
        case 'double': return DOUBLE;
        case 'decimal': return decimalType(19, 0);
        default: return undefined;
      }
    case 'decimal':
      return targetKind === 'real' ? REAL : targetKind === 'double' ? DOUBLE : undefined;
    case 'real':
      return targetKind === 'double' ? DOUBLE : undefined;
    case 'date':
      if (targetKind === 'timestamp') return timestampType(0);
      if (targetKind === 'timestamp with time zone') return timestampWithTimeZoneType(0);
      return undefined;
    case 'time':
      return targetKind === 'time with time zone' ? timeWithTimeZoneType(source.precision) : undefined;
    case 'timestamp':
      return targetKind === 'timestamp with time zone' ? timestampWithTimeZoneType(source.precision) : undefined;
    case 'char':
      return targetKind === 'varchar' ? varcharType(source.length) : undefined;
    case 'boolean': case 'double': case 'varchar': case 'varbinary': case 'json': case 'time with time zone':
    case 'timestamp with time zone': case 'interval day to second': case 'interval year to month': case 'array':
    case 'map': case 'row': case 'uuid': case 'ipaddress': case 'HyperLogLog': case 'qdigest': case 'tdigest':
    case 'SetDigest': case 'color': case 'function':
      return undefined;
  }
}

function simpleType(kind: SqlTypeKind): SqlType {
  return Object.freeze({ kind }) as SqlType;
}

function compatibility(from: SqlType, to: SqlType): Compatibility {
  if (from === to || typeEquals(from, to)) return { superType: to, coercible: true };
  if (from.kind === 'unknown') return { superType: to, coercible: true };
  if (to.kind === 'unknown') return { superType: from, coercible: false };
  if (from.kind === to.kind) {
    let superType: SqlType | undefined;
    switch (from.kind) {
      case 'decimal': {
        const t = to as typeof from;
        const scale = Math.max(from.scale, t.scale);
        const precision = Math.min(MAX_DECIMAL_PRECISION, Math.max(from.precision - from.scale, t.precision - t.scale) + scale);
        superType = decimalType(precision, scale);
        break;
      }
      case 'varchar': {
        const t = to as typeof from;
        superType = from.length === undefined || t.length === undefined ? varcharType() : varcharType(Math.max(from.length, t.length));
        break;
      }
      case 'char':
        superType = charType(Math.max(from.length, (to as typeof from).length));
        break;
      case 'timestamp':
        superType = timestampType(Math.max(from.precision, (to as typeof from).precision));
        break;
      case 'timestamp with time zone':
        superType = timestampWithTimeZoneType(Math.max(from.precision, (to as typeof from).precision));
        break;
      case 'time':
        superType = timeType(Math.max(from.precision, (to as typeof from).precision));
        break;
      case 'time with time zone':
        superType = timeWithTimeZoneType(Math.max(from.precision, (to as typeof from).precision));
        break;
      case 'row': {
        const t = to as typeof from;
        if (from.fields.length !== t.fields.length) return INCOMPATIBLE;
        const fields: RowField[] = [];
        let coercible = true;
        for (let i = 0; i < from.fields.length; i++) {
          const c = compatibility(from.fields[i]!.type, t.fields[i]!.type);
          if (c.superType === undefined) return INCOMPATIBLE;
          coercible &&= c.coercible;
          const name = from.fields[i]!.name === t.fields[i]!.name ? from.fields[i]!.name : undefined;
          fields.push({ name, type: c.superType });
        }
        return { superType: rowType(fields), coercible };
      }
      case 'array': {
        const c = compatibility(from.elementType, (to as typeof from).elementType);
        if (c.superType === undefined) return INCOMPATIBLE;
        return { superType: arrayType(c.superType), coercible: c.coercible };
      }
      case 'map': {
        const t = to as typeof from;
        const k = compatibility(from.keyType, t.keyType);
        const v = compatibility(from.valueType, t.valueType);
        if (k.superType === undefined || v.superType === undefined) return INCOMPATIBLE;
        return { superType: mapType(k.superType, v.superType), coercible: k.coercible && v.coercible };
      }
      case 'boolean': case 'tinyint': case 'smallint': case 'integer': case 'bigint': case 'real': case 'double':
      case 'varbinary': case 'json': case 'date': case 'interval day to second': case 'interval year to month':
      case 'uuid': case 'ipaddress': case 'HyperLogLog': case 'qdigest': case 'tdigest': case 'SetDigest':
      case 'color': case 'function':
        return INCOMPATIBLE;
    }
    return { superType, coercible: typeEquals(superType, to) };
  }
  const coerced = coerceTypeBase(from, to.kind);
  if (coerced !== undefined) return compatibility(coerced, to);
  const coercedTo = coerceTypeBase(to, from.kind);
  if (coercedTo !== undefined) {
    const c = compatibility(from, coercedTo);
    if (c.superType === undefined) return INCOMPATIBLE;
    return { superType: c.superType, coercible: false };
  }
  return INCOMPATIBLE;
}

export function canCoerce(from: SqlType, to: SqlType): boolean {
  return compatibility(from, to).coercible;
}

export function getCommonSuperType(a: SqlType, b: SqlType): SqlType | undefined {
  return compatibility(a, b).superType;
}

const SCALAR_TO_VARCHAR = new Set<SqlTypeKind>([
  'boolean', 'tinyint', 'smallint', 'integer', 'bigint', 'real', 'double', 'decimal', 'varchar', 'char', 'json', 'date',
  'time', 'time with time zone', 'timestamp', 'timestamp with time zone', 'interval day to second',
  'interval year to month', 'uuid', 'ipaddress', 'unknown',
]);
const FROM_VARCHAR = new Set<SqlTypeKind>([
  'boolean', 'tinyint', 'smallint', 'integer', 'bigint', 'real', 'double', 'decimal', 'varchar', 'char', 'json', 'date',
  'time', 'time with time zone', 'timestamp', 'timestamp with time zone', 'varbinary', 'uuid', 'ipaddress', 'color',
]);
const NUMERIC = new Set<SqlTypeKind>(['boolean', 'tinyint', 'smallint', 'integer', 'bigint', 'real', 'double', 'decimal']);
const TEMPORAL: Record<string, readonly SqlTypeKind[]> = {
  date: ['timestamp', 'timestamp with time zone'],
  timestamp: ['date', 'time', 'time with time zone', 'timestamp with time zone', 'timestamp'],
  'timestamp with time zone': ['date', 'time', 'time with time zone', 'timestamp', 'timestamp with time zone'],
  time: ['time with time zone', 'time', 'timestamp', 'timestamp with time zone'],
  'time with time zone': ['time', 'time with time zone', 'timestamp', 'timestamp with time zone'],
};

/** Types that CAST(x AS json) accepts. */
function castableToJson(t: SqlType): boolean {
  switch (t.kind) {
    case 'array': return castableToJson(t.elementType);
    case 'map': return jsonKeyType(t.keyType) && castableToJson(t.valueType);
    case 'row': return t.fields.every((f) => castableToJson(f.type));
    case 'boolean': case 'tinyint': case 'smallint': case 'integer': case 'bigint': case 'real': case 'double':
    case 'decimal': case 'varchar': case 'char': case 'varbinary': case 'json': case 'date': case 'time':
    case 'time with time zone': case 'timestamp': case 'timestamp with time zone': case 'interval day to second':
    case 'interval year to month': case 'uuid': case 'ipaddress': case 'HyperLogLog': case 'qdigest': case 'tdigest':
    case 'SetDigest': case 'color': case 'function': case 'unknown':
      return NUMERIC.has(t.kind) || t.kind === 'varchar' || t.kind === 'char' || t.kind === 'json' || t.kind === 'unknown'
      || t.kind === 'date' || t.kind === 'timestamp' || t.kind === 'timestamp with time zone' || t.kind === 'time';
  }
}
function jsonKeyType(t: SqlType): boolean {
  return NUMERIC.has(t.kind) || t.kind === 'varchar' || t.kind === 'char' || t.kind === 'date' || t.kind === 'unknown';
}
function castableFromJson(t: SqlType): boolean {
  switch (t.kind) {
    case 'array': return castableFromJson(t.elementType);
    case 'map': return jsonKeyType(t.keyType) && castableFromJson(t.valueType);
    case 'row': return t.fields.every((f) => castableFromJson(f.type));
    case 'boolean': case 'tinyint': case 'smallint': case 'integer': case 'bigint': case 'real': case 'double':
    case 'decimal': case 'varchar': case 'char': case 'varbinary': case 'json': case 'date': case 'time':
    case 'time with time zone': case 'timestamp': case 'timestamp with time zone': case 'interval day to second':
    case 'interval year to month': case 'uuid': case 'ipaddress': case 'HyperLogLog': case 'qdigest': case 'tdigest':
    case 'SetDigest': case 'color': case 'function': case 'unknown':
      return NUMERIC.has(t.kind) || t.kind === 'varchar' || t.kind === 'json';
  }
}

/** Whether CAST(from AS to) exists. */
export function canCast(from: SqlType, to: SqlType): boolean {
  if (from.kind === 'unknown') return true;
  if (typeEquals(from, to)) return true;
  if (canCoerce(from, to)) return true;
  if (to.kind === 'json') return castableToJson(from);
  if (from.kind === 'json') return castableFromJson(to);
  if (to.kind === 'varchar' || to.kind === 'char') return SCALAR_TO_VARCHAR.has(from.kind);
  if (from.kind === 'varchar' || from.kind === 'char') return FROM_VARCHAR.has(to.kind);
  if (NUMERIC.has(from.kind) && NUMERIC.has(to.kind)) return true;
  const temporal = TEMPORAL[from.kind];
  if (temporal !== undefined) return temporal.includes(to.kind);
  switch (from.kind) {
    case 'array':
      return to.kind === 'array' && canCast(from.elementType, to.elementType);
    case 'map':
      return to.kind === 'map' && canCast(from.keyType, to.keyType) && canCast(from.valueType, to.valueType);
    case 'row':
      return to.kind === 'row' && to.fields.length === from.fields.length && from.fields.every((f, i) => canCast(f.type, to.fields[i]!.type));
    case 'varbinary':
      return to.kind === 'uuid' || to.kind === 'ipaddress' || to.kind === 'HyperLogLog' || to.kind === 'SetDigest' || to.kind === 'tdigest' || to.kind === 'qdigest';
    case 'uuid':
    case 'ipaddress':
    case 'HyperLogLog':
    case 'SetDigest':
    case 'tdigest':
    case 'qdigest':
      return to.kind === 'varbinary';
    case 'boolean': case 'tinyint': case 'smallint': case 'integer': case 'bigint': case 'real': case 'double':
    case 'decimal': case 'date': case 'time': case 'time with time zone': case 'timestamp':
    case 'timestamp with time zone': case 'interval day to second': case 'interval year to month': case 'color':
    case 'function':
      return false;
  }
}

export function createTypeCoercion(): TypeCoercionRules {
  return { canCoerce, getCommonSuperType, canCast };
}
