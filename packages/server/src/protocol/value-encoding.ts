import type { SqlType, SqlValue, LongTimestamp, TimestampWithTimeZone, TimeWithTimeZone, SqlMap, OpaqueValue } from '@petrel/spi';
import { assertNever } from '@petrel/spi';
import type { ClientCapabilities } from './client-type-signature.js';
import { ALL_CAPABILITIES } from './client-type-signature.js';
import type { JsonValue } from './json-value.js';
import { formatJavaDouble, formatJavaFloat } from './java-number-format.js';
import {
  formatDate,
  formatIntervalDayToSecond,
  formatIntervalYearToMonth,
  formatLocalTimestamp,
  formatTime,
  formatTimestampWithTimeZone,
  formatTimeWithTimeZone,
} from './temporal-format.js';

/**
 * Trino's JSON encoding of one value of `type` in a `data` row (the direct protocol): decimals,
 * dates, times and intervals as strings, varbinary as base64, maps as objects with stringified
 * keys, rows as arrays, NaN/Infinity as strings, bigint exact.
 */
export function encodeValue(type: SqlType, value: SqlValue, capabilities: ClientCapabilities = ALL_CAPABILITIES): JsonValue {
  if (value === null || value === undefined) return null;
  switch (type.kind) {
    case 'boolean':
      return value as boolean;
    case 'tinyint':
    case 'smallint':
    case 'integer':
      return value as number;
    case 'bigint':
      return value as number | bigint;
    case 'real':
    case 'double': {
      const n = value as number;
      return Number.isFinite(n) ? n : String(n);
    }
    case 'decimal':
      return formatDecimal(value as bigint, type.scale);
    case 'varchar':
    case 'char':
    case 'json':
    case 'uuid':
      return value as string;
    case 'varbinary':
      return Buffer.from(value as Uint8Array).toString('base64');
    case 'date':
      return formatDate(value as number);
    case 'time':
      return formatTime(value as bigint, datetimePrecision(type.precision, capabilities));
    case 'time with time zone': {
      const t = value as TimeWithTimeZone;
      return formatTimeWithTimeZone(t.picos, t.offsetMinutes, datetimePrecision(type.precision, capabilities));
    }
    case 'timestamp': {
      const precision = datetimePrecision(type.precision, capabilities);
      if (typeof value === 'number') return formatLocalTimestamp(value, 0, precision);
      const t = value as LongTimestamp;
      return formatLocalTimestamp(t.epochMillis, t.picosOfMilli, precision);
    }
    case 'timestamp with time zone': {
      const t = value as TimestampWithTimeZone;
      return formatTimestampWithTimeZone(t.epochMillis, t.picosOfMilli, t.zone, datetimePrecision(type.precision, capabilities));
    }
    case 'interval day to second':
      return formatIntervalDayToSecond(value as number);
    case 'interval year to month':
      return formatIntervalYearToMonth(value as number);
    case 'ipaddress':
      return formatIpAddress(value as Uint8Array);
    case 'array': {
      const elements = value as readonly SqlValue[];
      const result = new Array<JsonValue>(elements.length);
      for (let i = 0; i < elements.length; i++) result[i] = encodeValue(type.elementType, elements[i]!, capabilities);
      return result;
    }
    case 'map': {
      const map = value as SqlMap;
      const result: Record<string, JsonValue> = {};
      for (let i = 0; i < map.keys.length; i++) {
        result[mapKeyText(type.keyType, map.keys[i]!, capabilities)] = encodeValue(type.valueType, map.values[i]!, capabilities);
      }
      return result;
    }
    case 'row': {
      const fields = value as readonly SqlValue[];
      return type.fields.map((field, i) => encodeValue(field.type, fields[i] ?? null, capabilities));
    }
    case 'HyperLogLog':
    case 'qdigest':
    case 'tdigest':
    case 'SetDigest':
    case 'color':
      return encodeOpaque(value);
    case 'function':
    case 'unknown':
      return null;
    default:
      return assertNever(type, 'type');
  }
}

function datetimePrecision(precision: number, capabilities: ClientCapabilities): number {
  return capabilities.parametricDatetime ? precision : 3;
}

/** A map key as Trino writes it: the Java `toString` of the decoded key. */
function mapKeyText(type: SqlType, key: SqlValue, capabilities: ClientCapabilities): string {
  const encoded = encodeValue(type, key, capabilities);
  if (typeof encoded === 'string') return encoded;
  if (typeof encoded === 'number') {
    if (type.kind === 'double') return formatJavaDouble(encoded);
    if (type.kind === 'real') return formatJavaFloat(encoded);
    return String(encoded);
  }
  if (typeof encoded === 'bigint' || typeof encoded === 'boolean') return String(encoded);
  return JSON.stringify(encoded, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
}

function encodeOpaque(value: SqlValue): JsonValue {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  const opaque = value as OpaqueValue;
  if (typeof opaque === 'object' && opaque !== null && 'state' in opaque) {
    const state = opaque.state;
    if (state instanceof Uint8Array) return Buffer.from(state).toString('base64');
    if (typeof state === 'string' || typeof state === 'number') return String(state);
  }
  return null;
}

/** Unscaled value and scale to decimal text with every digit of the scale (`125n`, 2 -> `1.25`). */
export function formatDecimal(unscaled: bigint | number, scale: number): string {
  const big = typeof unscaled === 'bigint' ? unscaled : BigInt(unscaled);
  const negative = big < 0n;
  const digits = (negative ? -big : big).toString();
  if (scale === 0) return (negative ? '-' : '') + digits;
  const padded = digits.padStart(scale + 1, '0');
  return `${negative ? '-' : ''}${padded.slice(0, padded.length - scale)}.${padded.slice(padded.length - scale)}`;
}

/** IPv4-mapped addresses print as dotted quads, others in RFC 5952 form. */
export function formatIpAddress(bytes: Uint8Array): string {
  if (bytes.length === 4) return Array.from(bytes).join('.');
  const mapped = bytes.length === 16 && bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
  if (mapped) return Array.from(bytes.slice(12)).join('.');
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0));
  let bestStart = -1;
  let bestLength = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength && j - i > 1) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

/**
 * JSON text of an encoded value of `type`, writing doubles as Java does (`1.0`, `1.0E10`) the way
 * Trino's server does.
 */
export function writeTypedJson(type: SqlType, value: JsonValue): string {
  if (value === null) return 'null';
  const kind = type.kind;
  if (kind === 'double') return typeof value === 'number' ? formatJavaDouble(value) : JSON.stringify(value);
  if (kind === 'real') return typeof value === 'number' ? formatJavaFloat(value) : JSON.stringify(value);
  if (type.kind === 'array') {
    const items = value as readonly JsonValue[];
    let text = '[';
    for (let i = 0; i < items.length; i++) text += (i > 0 ? ',' : '') + writeTypedJson(type.elementType, items[i]!);
    return text + ']';
  }
  if (type.kind === 'map') {
    let text = '{';
    let first = true;
    for (const [key, item] of Object.entries(value as Record<string, JsonValue>)) {
      text += (first ? '' : ',') + JSON.stringify(key) + ':' + writeTypedJson(type.valueType, item);
      first = false;
    }
    return text + '}';
  }
  if (type.kind === 'row') {
    const items = value as readonly JsonValue[];
    let text = '[';
    for (let i = 0; i < items.length; i++) text += (i > 0 ? ',' : '') + writeTypedJson(type.fields[i]!.type, items[i]!);
    return text + ']';
  }
  if (typeof value === 'bigint' || typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return JSON.stringify(value);
}

/** A compiled writer from runtime values of one column to JSON text (fast paths for common types). */
export function createJsonValueWriter(type: SqlType, capabilities: ClientCapabilities = ALL_CAPABILITIES): (value: SqlValue) => string {
  const kind = type.kind;
  if (kind === 'tinyint' || kind === 'smallint' || kind === 'integer' || kind === 'bigint') return (value) => (value === null ? 'null' : String(value));
  if (kind === 'boolean') return (value) => (value === null ? 'null' : value ? 'true' : 'false');
  if (kind === 'double') return (value) => (value === null ? 'null' : Number.isFinite(value) ? formatJavaDouble(value as number) : `"${String(value)}"`);
  if (kind === 'varchar' || kind === 'char') return (value) => (value === null ? 'null' : JSON.stringify(value));
  if (kind === 'date') return (value) => (value === null ? 'null' : `"${formatDate(value as number)}"`);
  if (type.kind === 'decimal') {
    const scale = type.scale;
    return (value) => (value === null ? 'null' : `"${formatDecimal(value as bigint, scale)}"`);
  }
  return (value) => writeTypedJson(type, encodeValue(type, value, capabilities));
}
