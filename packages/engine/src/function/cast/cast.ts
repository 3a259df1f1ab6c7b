import { big } from '../../type/decimal.js';
import type { DecimalType, Int64, SqlMap, SqlType, SqlValue, TimeWithTimeZone, TimestampWithTimeZone } from '@petrel/spi';
import {
  StandardErrorCode, TrinoError, normalizeInt64, INT64_MAX, INT64_MIN, sqlMap, timestampWithTimeZone, timeWithTimeZone, typeDisplayName,
  typeEquals,
} from '@petrel/spi';
import type { FunctionContext, ScalarImplementation } from '../function-implementation.js';
import { canCast } from '../../type/type-coercion.js';
import { formatValue, formatIntervalDayToSecond, formatIntervalYearToMonth } from '../../type/format-value.js';
import { formatDouble, formatReal } from '../../type/double-format.js';
import { decimalToNumber, doubleToDecimal, fitsPrecision, formatDecimal, parseDecimalText, pow10, rescale, divideRoundHalfUp } from '../../type/decimal.js';
import {
  MILLIS_PER_DAY, PICOS_PER_DAY, formatDate, parseDateText, parseDateTimeText, parseTimeOfDay, roundTimestampParts,
  timestampParts, timestampValue, formatTimeOfDayPicos,
} from '../../type/date-time.js';
import { localToUtcMillis, tryNormalizeZone, utcToLocalMillis, zoneOffsetMinutes, parseOffset } from '../../type/time-zone.js';
import { invalidCast, outOfRange } from '../errors.js';
import { jsonToSqlValue, sqlValueToJson } from '../json/json-conversion.js';
import { parseJsonText, serializeJson, isJsonNumber, isJsonObject } from '../json/json-value.js';
import { findMapKey } from '../../type/value-compare.js';
import { formatUuid, parseIpAddress, parseUuid, uuidToBytes, bytesToUuid } from './special-types.js';
import { sketchToVarbinary, varbinaryToSketch } from './sketch-casts.js';

type Cast = (v: SqlValue) => SqlValue;

const INTEGRAL_RANGE: Record<string, readonly [number, number, string]> = {
  tinyint: [-128, 127, 'TINYINT'],
  smallint: [-32768, 32767, 'SMALLINT'],
  integer: [-2147483648, 2147483647, 'INT'],
};

const utf8 = new TextEncoder();

/** Round half away from zero (Trino's round for doubles). */
function roundHalfAway(v: number): number {
  return v < 0 ? -Math.round(-v) : Math.round(v);
}

export function codePointLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

export function truncateCodePoints(s: string, length: number): string {
  if (s.length <= length) return s;
  let n = 0;
  let i = 0;
  while (i < s.length && n < length) {
    const c = s.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < s.length ? 2 : 1;
    n++;
  }
  return s.slice(0, i);
}

export function padChar(s: string, length: number): string {
  const t = truncateCodePoints(s, length);
  const n = codePointLength(t);
  return n < length ? t + ' '.repeat(length - n) : t;
}

function typeName(t: SqlType): string {
  return typeDisplayName(t).toUpperCase();
}

function integralFromNumberish(to: 'tinyint' | 'smallint' | 'integer' | 'bigint', v: number | bigint, display: string): Int64 {
  if (to === 'bigint') {
    const b = typeof v === 'bigint' ? v : v;
    if (typeof b === 'number') {
      if (!Number.isFinite(b) || b > 9223372036854775807 || b < -9223372036854775808) throw outOfRange(`Out of range for bigint: ${display}`);
      if (Number.isSafeInteger(b)) return b;
      const big = BigInt(b);
      if (big > INT64_MAX || big < INT64_MIN) throw outOfRange(`Out of range for bigint: ${display}`);
      return normalizeInt64(big);
    }
    if (b > INT64_MAX || b < INT64_MIN) throw outOfRange(`Out of range for bigint: ${display}`);
    return normalizeInt64(b);
  }
  const [min, max] = INTEGRAL_RANGE[to]!;
  const n = typeof v === 'bigint' ? (v > BigInt(max) || v < BigInt(min) ? Infinity : Number(v)) : v;
  if (!(n >= min && n <= max)) throw outOfRange(`Out of range for ${to}: ${display}`);
  return n + 0;
}

function parseIntegral(to: 'tinyint' | 'smallint' | 'integer' | 'bigint', s: string): Int64 {
  const t = s.trim();
  const name = to === 'bigint' ? 'BIGINT' : INTEGRAL_RANGE[to]![2];
  if (!/^[+-]?\d+$/.test(t)) throw invalidCast(`Cannot cast '${s}' to ${name}`);
  const v = BigInt(t);
  if (to === 'bigint') {
    if (v > INT64_MAX || v < INT64_MIN) throw invalidCast(`Cannot cast '${s}' to ${name}`);
    return normalizeInt64(v);
  }
  const [min, max] = INTEGRAL_RANGE[to]!;
  if (v > BigInt(max) || v < BigInt(min)) throw invalidCast(`Cannot cast '${s}' to ${name}`);
  return Number(v);
}

const DOUBLE_RE = /^[+-]?(?:NaN|Infinity|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)[fFdD]?$/;

function parseDouble(s: string, name: 'DOUBLE' | 'REAL'): number {
  const t = s.trim();
  if (!DOUBLE_RE.test(t)) throw invalidCast(`Cannot cast '${s}' to ${name}`);
  const v = Number(t.replace(/[fFdD]$/, '').replace(/^\+/, ''));
  return name === 'REAL' ? Math.fround(v) : v;
}

function parseBoolean(s: string): boolean {
  const u = s.toUpperCase();
  if (u === 'T' || u === '1' || u === 'TRUE') return true;
  if (u === 'F' || u === '0' || u === 'FALSE') return false;
  throw invalidCast(`Cannot cast '${s}' to BOOLEAN`);
}

function sessionToday(ctx: FunctionContext): number {
  const zone = tryNormalizeZone(ctx.timeZone) ?? 'UTC';
  return Math.floor(utcToLocalMillis(zone, ctx.startTime) / MILLIS_PER_DAY);
}

function sessionZone(ctx: FunctionContext): string {
  return tryNormalizeZone(ctx.timeZone) ?? 'UTC';
}

function parseTimestampWithZone(s: string, precision: number, ctx: FunctionContext): TimestampWithTimeZone {
  const p = parseDateTimeText(s);
  if (p === undefined) throw invalidCast(`Value cannot be cast to timestamp with time zone: ${s}`);
  const zone = p.zone === undefined ? sessionZone(ctx) : tryNormalizeZone(p.zone === 'Z' ? 'UTC' : p.zone);
  if (zone === undefined) throw invalidCast(`Value cannot be cast to timestamp with time zone: ${s}`);
  const r = roundTimestampParts(p.localMillis, p.picosOfMilli, precision);
  return timestampWithTimeZone(localToUtcMillis(zone, r.epochMillis), r.picosOfMilli, zone);
}

function roundPicos(picos: bigint, precision: number): bigint {
  if (precision >= 12) return picos;
  const unit = 10n ** BigInt(12 - precision);
  return ((picos + unit / 2n) / unit) * unit;
}

function timestampLocalParts(v: SqlValue): { localMillis: number; picos: number } {
  const p = timestampParts(v);
  return { localMillis: p.epochMillis, picos: p.picosOfMilli };
}

function picosOfDayFromLocal(localMillis: number, picosOfMilli: number): bigint {
  const ms = ((localMillis % MILLIS_PER_DAY) + MILLIS_PER_DAY) % MILLIS_PER_DAY;
  return BigInt(ms) * 1_000_000_000n + BigInt(picosOfMilli);
}

/** The implementation of CAST(x AS to) for values of `from`. NULL maps to NULL. */
export function getCastImplementation(from: SqlType, to: SqlType, ctx: FunctionContext): ScalarImplementation {
  const cast = buildCast(from, to, ctx);
  return (v) => (v === null ? null : cast(v));
}

function buildCast(from: SqlType, to: SqlType, ctx: FunctionContext): Cast {
  if (from.kind === 'unknown') return () => null;
  if (typeEquals(from, to)) return (v) => v;
  if (!canCast(from, to)) {
    throw new TrinoError(StandardErrorCode.TYPE_MISMATCH, `Cannot cast ${typeDisplayName(from)} to ${typeDisplayName(to)}`);
  }
  if (to.kind === 'json') return toJsonCast(from);
  if (from.kind === 'json') return fromJsonCast(to, ctx);
  switch (to.kind) {
    case 'varchar': {
      const f = toVarchar(from);
      const len = to.length;
      if (len === undefined) return f;
      if (from.kind === 'varchar' || from.kind === 'char') return (v) => truncateCodePoints(f(v) as string, len);
      return (v) => {
        const s = f(v) as string;
        if (codePointLength(s) > len) throw invalidCast(`Value ${s} cannot be represented as varchar(${len})`);
        return s;
      };
    }
    case 'char': {
      const f = toVarchar(from);
      const len = to.length;
      return (v) => padChar(f(v) as string, len);
    }
    case 'boolean':
      switch (from.kind) {
        case 'varchar': case 'char': return (v) => parseBoolean(v as string);
        case 'decimal': return (v) => v !== 0n;
        case 'boolean': case 'tinyint': case 'smallint': case 'integer': case 'bigint': case 'real': case 'double':
        case 'varbinary': case 'date': case 'time': case 'time with time zone': case 'timestamp':
        case 'timestamp with time zone': case 'interval day to second': case 'interval year to month': case 'array':
        case 'map': case 'row': case 'uuid': case 'ipaddress': case 'HyperLogLog': case 'qdigest': case 'tdigest':
        case 'SetDigest': case 'color': case 'function':
          return (v) => v !== 0 && v !== 0n;
      }
    case 'tinyint':
    case 'smallint':
    case 'integer':
    case 'bigint': {
      const k = to.kind;
      switch (from.kind) {
        case 'boolean': return (v) => (v ? 1 : 0);
        case 'tinyint': case 'smallint': case 'integer': case 'bigint':
          return (v) => integralFromNumberish(k, v as Int64, String(v));
        case 'real':
          return (v) => {
            if (Number.isNaN(v)) throw invalidCast(`Cannot cast real NaN to ${k}`);
            return integralFromNumberish(k, roundHalfAway(v as number), formatReal(v as number));
          };
        case 'double':
          return (v) => {
            if (Number.isNaN(v)) throw invalidCast(`Cannot cast double NaN to ${k}`);
            return integralFromNumberish(k, roundHalfAway(v as number), formatDouble(v as number));
          };
        case 'decimal': {
          const scale = from.scale;
          return (v) => {
            const rounded = divideRoundHalfUp(big(v), pow10(scale));
            const [min, max] = k === 'bigint' ? [INT64_MIN, INT64_MAX] : INTEGRAL_RANGE[k]!.slice(0, 2).map(BigInt) as [bigint, bigint];
            if (rounded < min || rounded > max) throw invalidCast(`Cannot cast '${rounded}' to ${k.toUpperCase()}`);
            return normalizeInt64(rounded);
          };
        }
        case 'varchar': case 'char':
          return (v) => parseIntegral(k, v as string);
        case 'varbinary': case 'date': case 'time': case 'time with time zone': case 'timestamp':
        case 'timestamp with time zone': case 'interval day to second': case 'interval year to month': case 'array':
        case 'map': case 'row': case 'uuid': case 'ipaddress': case 'HyperLogLog': case 'qdigest': case 'tdigest':
        case 'SetDigest': case 'color': case 'function':
          break;
      }
      break;
    }
    case 'double':
    case 'real': {
      const round = to.kind === 'real' ? Math.fround : (x: number): number => x;
      switch (from.kind) {
        case 'boolean': return (v) => (v ? 1 : 0);
        case 'tinyint': case 'smallint': case 'integer': case 'bigint': case 'real': case 'double':
          return (v) => round(Number(v));
        case 'decimal': {
          const scale = from.scale;
          return (v) => round(decimalToNumber(big(v), scale));
        }
        case 'varchar': case 'char': {
          const name = to.kind === 'real' ? 'REAL' : 'DOUBLE';
          return (v) => parseDouble(v as string, name);
        }
        case 'varbinary': case 'date': case 'time': case 'time with time zone': case 'timestamp':
        case 'timestamp with time zone': case 'interval day to second': case 'interval year to month': case 'array':
        case 'map': case 'row': case 'uuid': case 'ipaddress': case 'HyperLogLog': case 'qdigest': case 'tdigest':
        case 'SetDigest': case 'color': case 'function':
          break;
      }
      break;
    }
    case 'decimal':
      return toDecimal(from, to);
    case 'varbinary':
      if (from.kind === 'varchar' || from.kind === 'char') return (v) => utf8.encode(v as string);
      if (from.kind === 'uuid') return (v) => uuidToBytes(v as string);
      if (from.kind === 'ipaddress') return (v) => v;
      {
        const sketch = sketchToVarbinary(from);
        if (sketch !== undefined) return sketch;
      }
      throw new TrinoError(StandardErrorCode.NOT_SUPPORTED, `Cannot cast ${typeDisplayName(from)} to varbinary`);
    case 'uuid':
      if (from.kind === 'varbinary') return (v) => bytesToUuid(v as Uint8Array);
      return (v) => {
        const u = parseUuid(v as string);
        if (u === undefined) throw invalidCast(`Invalid UUID string length: ${codePointLength(v as string)}`);
        return formatUuid(u);
      };
    case 'ipaddress':
      if (from.kind === 'varbinary') {
        return (v) => {
          const b = v as Uint8Array;
          if (b.length === 16) return b;
          if (b.length === 4) {
            const out = new Uint8Array(16);
            out[10] = 0xff;
            out[11] = 0xff;
            out.set(b, 12);
            return out;
          }
          throw invalidCast(`Invalid IP address binary length: ${b.length}`);
        };
      }
      return (v) => {
        const ip = parseIpAddress((v as string).trim());
        if (ip === undefined) throw invalidCast(`Cannot cast value to IPADDRESS: ${v as string}`);
        return ip;
      };
    case 'date':
      switch (from.kind) {
        case 'varchar': case 'char':
          return (v) => {
            const d = parseDateText(v as string);
            if (d === undefined) {
              const dt = parseDateTimeText(v as string);
              if (dt !== undefined && !dt.hasTime && dt.zone === undefined) return Math.floor(dt.localMillis / MILLIS_PER_DAY);
              throw invalidCast(`Value cannot be cast to date: ${v as string}`);
            }
            return d;
          };
        case 'timestamp':
          return (v) => Math.floor(timestampParts(v).epochMillis / MILLIS_PER_DAY);
        case 'timestamp with time zone':
          return (v) => {
            const t = v as TimestampWithTimeZone;
            return Math.floor(utcToLocalMillis(t.zone, t.epochMillis) / MILLIS_PER_DAY);
          };
        case 'boolean': case 'tinyint': case 'smallint': case 'integer': case 'bigint': case 'real': case 'double':
        case 'decimal': case 'varbinary': case 'date': case 'time': case 'time with time zone':
        case 'interval day to second': case 'interval year to month': case 'array': case 'map': case 'row':
        case 'uuid': case 'ipaddress': case 'HyperLogLog': case 'qdigest': case 'tdigest': case 'SetDigest':
        case 'color': case 'function':
          break;
      }
      break;
    case 'timestamp': {
      const p = to.precision;
      switch (from.kind) {
        case 'varchar': case 'char':
          return (v) => {
            const dt = parseDateTimeText(v as string);
            if (dt === undefined || dt.zone !== undefined) throw invalidCast(`Value cannot be cast to timestamp: ${v as string}`);
            const r = roundTimestampParts(dt.localMillis, dt.picosOfMilli, p);
            return timestampValue(r.epochMillis, r.picosOfMilli, p);
          };
        case 'date':
          return (v) => timestampValue((v as number) * MILLIS_PER_DAY, 0, p);
        case 'timestamp':
          return (v) => {
            const x = timestampParts(v);
            const r = roundTimestampParts(x.epochMillis, x.picosOfMilli, p);
            return timestampValue(r.epochMillis, r.picosOfMilli, p);
          };
        case 'timestamp with time zone':
          return (v) => {
            const t = v as TimestampWithTimeZone;
            const r = roundTimestampParts(utcToLocalMillis(t.zone, t.epochMillis), t.picosOfMilli, p);
            return timestampValue(r.epochMillis, r.picosOfMilli, p);
          };
        case 'time': {
          return (v) => {
            const picos = roundPicos(big(v), p);
            const ms = Number(picos / 1_000_000_000n);
            return timestampValue(sessionToday(ctx) * MILLIS_PER_DAY + ms, Number(picos % 1_000_000_000n), p);
          };
        }
        case 'time with time zone':
          return (v) => {
            const t = v as TimeWithTimeZone;
            const utc = sessionToday(ctx) * MILLIS_PER_DAY + Number(t.picos / 1_000_000_000n) - t.offsetMinutes * 60000;
            const local = utcToLocalMillis(sessionZone(ctx), utc);
            return timestampValue(local, Number(t.picos % 1_000_000_000n), p);
          };
        case 'boolean': case 'tinyint': case 'smallint': case 'integer': case 'bigint': case 'real': case 'double':
        case 'decimal': case 'varbinary': case 'interval day to second': case 'interval year to month': case 'array':
        case 'map': case 'row': case 'uuid': case 'ipaddress': case 'HyperLogLog': case 'qdigest': case 'tdigest':
        case 'SetDigest': case 'color': case 'function':
          break;
      }
      break;
    }
    case 'timestamp with time zone': {
      const p = to.precision;
      switch (from.kind) {
        case 'varchar': case 'char':
          return (v) => parseTimestampWithZone(v as string, p, ctx);
        case 'date':
          return (v) => {
            const zone = sessionZone(ctx);
            return timestampWithTimeZone(localToUtcMillis(zone, (v as number) * MILLIS_PER_DAY), 0, zone);
          };
        case 'timestamp':
          return (v) => {
            const zone = sessionZone(ctx);
            const x = timestampParts(v);
            const r = roundTimestampParts(x.epochMillis, x.picosOfMilli, p);
            return timestampWithTimeZone(localToUtcMillis(zone, r.epochMillis), r.picosOfMilli, zone);
          };
        case 'timestamp with time zone':
          return (v) => {
            const t = v as TimestampWithTimeZone;
            const r = roundTimestampParts(t.epochMillis, t.picosOfMilli, p);
            return timestampWithTimeZone(r.epochMillis, r.picosOfMilli, t.zone);
          };
        case 'time':
          return (v) => {
            const zone = sessionZone(ctx);
            const picos = roundPicos(big(v), p);
            const local = sessionToday(ctx) * MILLIS_PER_DAY + Number(picos / 1_000_000_000n);
            return timestampWithTimeZone(localToUtcMillis(zone, local), Number(picos % 1_000_000_000n), zone);
          };
        case 'time with time zone':
          return (v) => {
            const t = v as TimeWithTimeZone;
            const utc = sessionToday(ctx) * MILLIS_PER_DAY + Number(t.picos / 1_000_000_000n) - t.offsetMinutes * 60000;
            const zone = t.offsetMinutes === 0 ? 'UTC' : formatOffsetZone(t.offsetMinutes);
            return timestampWithTimeZone(utc, Number(t.picos % 1_000_000_000n), zone);
          };
        case 'boolean': case 'tinyint': case 'smallint': case 'integer': case 'bigint': case 'real': case 'double':
        case 'decimal': case 'varbinary': case 'interval day to second': case 'interval year to month': case 'array':
        case 'map': case 'row': case 'uuid': case 'ipaddress': case 'HyperLogLog': case 'qdigest': case 'tdigest':
        case 'SetDigest': case 'color': case 'function':
          break;
      }
      break;
    }
    case 'time': {
      const p = to.precision;
      switch (from.kind) {
        case 'varchar': case 'char':
          return (v) => {
            const t = parseTimeOfDay((v as string).trim());
            if (t === undefined) throw invalidCast(`Value cannot be cast to time: ${v as string}`);
            return roundPicos(t.picos, p) % PICOS_PER_DAY;
          };
        case 'time':
          return (v) => roundPicos(big(v), p) % PICOS_PER_DAY;
        case 'time with time zone':
          return (v) => roundPicos((v as TimeWithTimeZone).picos, p) % PICOS_PER_DAY;
        case 'timestamp':
          return (v) => {
            const x = timestampLocalParts(v);
            return roundPicos(picosOfDayFromLocal(x.localMillis, x.picos), p) % PICOS_PER_DAY;
          };
        case 'timestamp with time zone':
          return (v) => {
            const t = v as TimestampWithTimeZone;
            return roundPicos(picosOfDayFromLocal(utcToLocalMillis(t.zone, t.epochMillis), t.picosOfMilli), p) % PICOS_PER_DAY;
          };
        case 'boolean': case 'tinyint': case 'smallint': case 'integer': case 'bigint': case 'real': case 'double':
        case 'decimal': case 'varbinary': case 'date': case 'interval day to second': case 'interval year to month':
        case 'array': case 'map': case 'row': case 'uuid': case 'ipaddress': case 'HyperLogLog': case 'qdigest':
        case 'tdigest': case 'SetDigest': case 'color': case 'function':
          break;
      }
      break;
    }
    case 'time with time zone': {
      const p = to.precision;
      switch (from.kind) {
        case 'varchar': case 'char':
          return (v) => {
            const m = /^\s*(\d{1,2}:\d{1,2}(?::\d{1,2}(?:\.\d{1,12})?)?)\s*([+-]\d{1,2}(?::?\d{2})?)?\s*$/.exec(v as string);
            const t = m === null ? undefined : parseTimeOfDay(m[1]!);
            if (m === null || t === undefined) throw invalidCast(`Value cannot be cast to time with time zone: ${v as string}`);
            const offset = m[2] === undefined ? zoneOffsetMinutes(sessionZone(ctx), ctx.startTime) : parseOffset(m[2]);
            if (offset === undefined) throw invalidCast(`Value cannot be cast to time with time zone: ${v as string}`);
            return timeWithTimeZone(roundPicos(t.picos, p) % PICOS_PER_DAY, offset);
          };
        case 'time':
          return (v) => timeWithTimeZone(roundPicos(big(v), p) % PICOS_PER_DAY, zoneOffsetMinutes(sessionZone(ctx), ctx.startTime));
        case 'time with time zone':
          return (v) => {
            const t = v as TimeWithTimeZone;
            return timeWithTimeZone(roundPicos(t.picos, p) % PICOS_PER_DAY, t.offsetMinutes);
          };
        case 'timestamp':
          return (v) => {
            const x = timestampLocalParts(v);
            const zone = sessionZone(ctx);
            const offset = zoneOffsetMinutes(zone, localToUtcMillis(zone, x.localMillis));
            return timeWithTimeZone(roundPicos(picosOfDayFromLocal(x.localMillis, x.picos), p) % PICOS_PER_DAY, offset);
          };
        case 'timestamp with time zone':
          return (v) => {
            const t = v as TimestampWithTimeZone;
            const offset = zoneOffsetMinutes(t.zone, t.epochMillis);
            return timeWithTimeZone(roundPicos(picosOfDayFromLocal(t.epochMillis + offset * 60000, t.picosOfMilli), p) % PICOS_PER_DAY, offset);
          };
        case 'boolean': case 'tinyint': case 'smallint': case 'integer': case 'bigint': case 'real': case 'double':
        case 'decimal': case 'varbinary': case 'date': case 'interval day to second': case 'interval year to month':
        case 'array': case 'map': case 'row': case 'uuid': case 'ipaddress': case 'HyperLogLog': case 'qdigest':
        case 'tdigest': case 'SetDigest': case 'color': case 'function':
          break;
      }
      break;
    }
    case 'array': {
      if (from.kind !== 'array') break;
      const e = buildCast(from.elementType, to.elementType, ctx);
      return (v) => (v as readonly SqlValue[]).map((x) => (x === null ? null : e(x)));
    }
    case 'map': {
      if (from.kind !== 'map') break;
      const k = buildCast(from.keyType, to.keyType, ctx);
      const val = buildCast(from.valueType, to.valueType, ctx);
      const keyType = to.keyType;
      return (v) => {
        const m = v as SqlMap;
        const keys: SqlValue[] = [];
        const values: SqlValue[] = [];
        for (let i = 0; i < m.keys.length; i++) {
          const nk = k(m.keys[i]!);
          if (nk === null) throw invalidCast('map key is null');
          if (findMapKey(keyType, sqlMap(keys, values), nk) >= 0) throw invalidCast(`Duplicate map keys are not allowed`);
          keys.push(nk);
          const x = m.values[i]!;
          values.push(x === null ? null : val(x));
        }
        return sqlMap(keys, values);
      };
    }
    case 'row': {
      if (from.kind !== 'row') break;
      const fs = from.fields.map((f, i) => buildCast(f.type, to.fields[i]!.type, ctx));
      return (v) => (v as readonly SqlValue[]).map((x, i) => (x === null ? null : fs[i]!(x)));
    }
    case 'HyperLogLog': case 'qdigest': case 'tdigest': case 'SetDigest': {
      const sketch = from.kind === 'varbinary' ? varbinaryToSketch(to, typeDisplayName(to)) : undefined;
      if (sketch !== undefined) return sketch;
      break;
    }
    case 'interval day to second': case 'interval year to month': case 'color': case 'function': case 'unknown':
      break;
  }
  throw new TrinoError(StandardErrorCode.TYPE_MISMATCH, `Cannot cast ${typeDisplayName(from)} to ${typeDisplayName(to)}`);
}

function formatOffsetZone(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const a = Math.abs(minutes);
  return `${sign}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

function toVarchar(from: SqlType): Cast {
  switch (from.kind) {
    case 'varchar':
    case 'char':
      return (v) => v;
    case 'interval day to second':
      return (v) => formatIntervalDayToSecond(v as number);
    case 'interval year to month':
      return (v) => formatIntervalYearToMonth(v as number);
    case 'time':
      return (v) => formatTimeOfDayPicos(big(v), from.precision);
    case 'date':
      return (v) => formatDate(v as number);
    case 'boolean': case 'tinyint': case 'smallint': case 'integer': case 'bigint': case 'real': case 'double':
    case 'decimal': case 'varbinary': case 'json': case 'time with time zone': case 'timestamp':
    case 'timestamp with time zone': case 'array': case 'map': case 'row': case 'uuid': case 'ipaddress':
    case 'HyperLogLog': case 'qdigest': case 'tdigest': case 'SetDigest': case 'color': case 'function':
    case 'unknown':
      return (v) => formatValue(from, v);
  }
}

function toDecimal(from: SqlType, to: DecimalType): Cast {
  const { precision, scale } = to;
  const target = `DECIMAL(${precision}, ${scale})`;
  switch (from.kind) {
    case 'boolean':
      return (v) => (v ? pow10(scale) : 0n);
    case 'tinyint':
    case 'smallint':
    case 'integer':
    case 'bigint':
      return (v) => {
        const r = BigInt(v as Int64) * pow10(scale);
        if (!fitsPrecision(r, precision)) throw invalidCast(`Cannot cast ${typeName(from)} '${v}' to ${target}`);
        return r;
      };
    case 'real':
    case 'double':
      return (v) => {
        const r = doubleToDecimal(v as number, to);
        if (r === undefined) {
          const text = from.kind === 'real' ? formatReal(v as number) : formatDouble(v as number);
          throw invalidCast(`Cannot cast ${typeName(from)} '${text}' to ${target}`);
        }
        return r;
      };
    case 'decimal':
      return (v) => {
        const r = rescale(big(v), from.scale, scale);
        if (!fitsPrecision(r, precision)) {
          throw invalidCast(`Cannot cast DECIMAL(${from.precision}, ${from.scale}) '${formatDecimal(big(v), from.scale)}' to ${target}`);
        }
        return r;
      };
    case 'varchar':
    case 'char':
      return (v) => {
        const s = v as string;
        let parsed = parseDecimalText(s);
        if (parsed === undefined) {
          const t = s.trim();
          if (/^[+-]?(?:\d+\.?\d*|\.\d+)[eE][+-]?\d+$/.test(t)) {
            const d = doubleToDecimal(Number(t), to);
            if (d !== undefined) return d;
          }
          throw invalidCast(`Cannot cast VARCHAR '${s}' to ${target}. Value is not a number.`);
        }
        const r = rescale(parsed.unscaled, parsed.scale, scale);
        parsed = undefined;
        if (!fitsPrecision(r, precision)) throw invalidCast(`Cannot cast VARCHAR '${s}' to ${target}. Value too large.`);
        return r;
      };
    case 'varbinary': case 'json': case 'date': case 'time': case 'time with time zone': case 'timestamp':
    case 'timestamp with time zone': case 'interval day to second': case 'interval year to month': case 'array':
    case 'map': case 'row': case 'uuid': case 'ipaddress': case 'HyperLogLog': case 'qdigest': case 'tdigest':
    case 'SetDigest': case 'color': case 'function': case 'unknown':
      throw new TrinoError(StandardErrorCode.TYPE_MISMATCH, `Cannot cast ${typeDisplayName(from)} to ${typeDisplayName(to)}`);
  }
}

function toJsonCast(from: SqlType): Cast {
  if (from.kind === 'varchar' || from.kind === 'char') return (v) => JSON.stringify(v as string);
  return (v) => serializeJson(sqlValueToJson(from, v));
}

function fromJsonCast(to: SqlType, ctx: FunctionContext): Cast {
  void ctx;
  return (v) => {
    let parsed;
    try {
      parsed = parseJsonText(v as string);
    } catch {
      throw invalidCast(`Cannot cast to ${typeDisplayName(to)}. ${v as string}`);
    }
    if (to.kind === 'varchar' && (Array.isArray(parsed) || isJsonObject(parsed))) {
      throw invalidCast(`Cannot cast '${v as string}' to ${typeDisplayName(to)}`);
    }
    void isJsonNumber;
    return jsonToSqlValue(to, parsed, v as string);
  };
}
