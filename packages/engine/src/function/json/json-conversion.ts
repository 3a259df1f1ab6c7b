import type { Int64, SqlMap, SqlType, SqlValue } from '@petrel/spi';
import { INT64_MAX, INT64_MIN, normalizeInt64, sqlMap, typeDisplayName } from '@petrel/spi';
import type { JsonObject, JsonValue } from './json-value.js';
import { isJsonNumber, isJsonObject, jsonNumber, jsonObject } from './json-value.js';
import { formatDouble, formatReal } from '../../type/double-format.js';
import { doubleToDecimal, formatDecimal, parseDecimalText, rescale, fitsPrecision } from '../../type/decimal.js';
import { formatValue } from '../../type/format-value.js';
import { compareValues } from '../../type/value-compare.js';
import { invalidCast } from '../errors.js';

/** CAST(x AS json): SQL values to JSON (map keys sorted, as Trino prints them). */
export function sqlValueToJson(type: SqlType, v: SqlValue): JsonValue {
  if (v === null) return null;
  switch (type.kind) {
    case 'boolean':
      return v as boolean;
    case 'tinyint':
    case 'smallint':
    case 'integer':
    case 'bigint':
      return jsonNumber(String(v));
    case 'double':
      return Number.isFinite(v) ? jsonNumber(formatDouble(v as number)) : formatDouble(v as number);
    case 'real':
      return Number.isFinite(v) ? jsonNumber(formatReal(v as number)) : formatReal(v as number);
    case 'decimal':
      return jsonNumber(formatDecimal(v as bigint, type.scale));
    case 'varchar':
    case 'char':
      return v as string;
    case 'json': {
      // embedded JSON text
      return { kind: 'number', text: v as string };
    }
    case 'array':
      return (v as readonly SqlValue[]).map((e) => sqlValueToJson(type.elementType, e));
    case 'map': {
      const m = v as SqlMap;
      const idx = m.keys.map((_, i) => i);
      idx.sort((a, b) => compareValues(type.keyType, m.keys[a]!, m.keys[b]!));
      return jsonObject(idx.map((i) => [formatValue(type.keyType, m.keys[i]!), sqlValueToJson(type.valueType, m.values[i]!)] as const));
    }
    case 'row': {
      const r = v as readonly SqlValue[];
      if (type.fields.every((f) => f.name === undefined)) return type.fields.map((f, i) => sqlValueToJson(f.type, r[i]!));
      return jsonObject(type.fields.map((f, i) => [f.name ?? '', sqlValueToJson(f.type, r[i]!)] as const));
    }
    case 'varbinary': case 'date': case 'time': case 'time with time zone': case 'timestamp':
    case 'timestamp with time zone': case 'interval day to second': case 'interval year to month': case 'uuid':
    case 'ipaddress': case 'HyperLogLog': case 'qdigest': case 'tdigest': case 'SetDigest': case 'color':
    case 'function': case 'unknown':
      return formatValue(type, v);
  }
}

function fail(type: SqlType, text: string): never {
  throw invalidCast(`Cannot cast to ${typeDisplayName(type)}. Cannot cast '${text}' to ${typeDisplayName(type)}`);
}

function jsonScalarNumber(j: JsonValue): number | undefined {
  if (isJsonNumber(j)) return Number(j.text);
  if (typeof j === 'boolean') return j ? 1 : 0;
  if (typeof j === 'string') {
    const t = j.trim();
    if (/^[+-]?(?:NaN|Infinity|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)$/.test(t)) return Number(t);
  }
  return undefined;
}

const INT_RANGES: Record<string, readonly [number, number]> = {
  tinyint: [-128, 127], smallint: [-32768, 32767], integer: [-2147483648, 2147483647],
};

/** CAST(json AS type). `text` is the original JSON text (for messages). */
export function jsonToSqlValue(type: SqlType, j: JsonValue, text: string): SqlValue {
  if (j === null) return null;
  switch (type.kind) {
    case 'json':
      return serialize(j);
    case 'boolean':
      if (typeof j === 'boolean') return j;
      if (isJsonNumber(j)) return Number(j.text) !== 0;
      if (typeof j === 'string') {
        if (j === 'true') return true;
        if (j === 'false') return false;
      }
      return fail(type, text);
    case 'tinyint':
    case 'smallint':
    case 'integer':
    case 'bigint': {
      let v: bigint | undefined;
      if (isJsonNumber(j) && /^-?\d+$/.test(j.text)) v = BigInt(j.text);
      else {
        const n = jsonScalarNumber(j);
        if (n === undefined || !Number.isFinite(n)) return fail(type, text);
        v = BigInt(n < 0 ? -Math.round(-n) : Math.round(n));
      }
      if (type.kind === 'bigint') {
        if (v < INT64_MIN || v > INT64_MAX) return fail(type, text);
        return normalizeInt64(v) as Int64;
      }
      const [min, max] = INT_RANGES[type.kind]!;
      if (v < BigInt(min) || v > BigInt(max)) return fail(type, text);
      return Number(v);
    }
    case 'double':
    case 'real': {
      const n = jsonScalarNumber(j);
      if (n === undefined) return fail(type, text);
      return type.kind === 'real' ? Math.fround(n) : n;
    }
    case 'decimal': {
      if (isJsonNumber(j)) {
        const p = parseDecimalText(j.text);
        if (p !== undefined) {
          const r = rescale(p.unscaled, p.scale, type.scale);
          if (fitsPrecision(r, type.precision)) return r;
          return fail(type, text);
        }
      }
      const n = jsonScalarNumber(j);
      const d = n === undefined ? undefined : doubleToDecimal(n, type);
      if (d === undefined) return fail(type, text);
      return d;
    }
    case 'varchar':
    case 'char':
      if (typeof j === 'string') return j;
      if (typeof j === 'boolean') return j ? 'true' : 'false';
      if (isJsonNumber(j)) return /[.eE]/.test(j.text) ? formatDouble(Number(j.text)) : j.text;
      return fail(type, text);
    case 'array':
      if (!Array.isArray(j)) return fail(type, text);
      return (j as readonly JsonValue[]).map((e) => jsonToSqlValue(type.elementType, e, text));
    case 'map': {
      if (!isJsonObject(j)) return fail(type, text);
      const keys: SqlValue[] = [];
      const values: SqlValue[] = [];
      for (const [k, x] of j.entries) {
        keys.push(jsonToSqlValue(type.keyType, k, text));
        values.push(jsonToSqlValue(type.valueType, x, text));
      }
      return sqlMap(keys, values);
    }
    case 'row': {
      if (Array.isArray(j)) {
        const arr = j as readonly JsonValue[];
        if (arr.length !== type.fields.length) return fail(type, text);
        return type.fields.map((f, i) => jsonToSqlValue(f.type, arr[i]!, text));
      }
      if (isJsonObject(j)) {
        return type.fields.map((f) => {
          const name = (f.name ?? '').toLowerCase();
          const entry = j.entries.find(([k]) => k.toLowerCase() === name);
          return entry === undefined ? null : jsonToSqlValue(f.type, entry[1], text);
        });
      }
      return fail(type, text);
    }
    case 'varbinary': case 'date': case 'time': case 'time with time zone': case 'timestamp':
    case 'timestamp with time zone': case 'interval day to second': case 'interval year to month': case 'uuid':
    case 'ipaddress': case 'HyperLogLog': case 'qdigest': case 'tdigest': case 'SetDigest': case 'color':
    case 'function': case 'unknown':
      return fail(type, text);
  }
}

function serialize(j: JsonValue): string {
  if (j === null) return 'null';
  if (typeof j === 'boolean') return String(j);
  if (typeof j === 'string') return JSON.stringify(j);
  if (Array.isArray(j)) return `[${(j as readonly JsonValue[]).map(serialize).join(',')}]`;
  if (isJsonNumber(j)) return j.text;
  return `{${(j as JsonObject).entries.map(([k, x]) => `${JSON.stringify(k)}:${serialize(x)}`).join(',')}}`;
}
