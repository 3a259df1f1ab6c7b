import type { SqlType, SqlValue, SqlMap, LongTimestamp, TimestampWithTimeZone, TimeWithTimeZone } from '@petrel/spi';
import { assertNever } from '@petrel/spi';

/**
 * Generic (slow path) ordering, equality and hashing of non-null runtime values by SQL type, with
 * Trino's semantics: varchar by code point, NaN equal to itself and greater than every other
 * double when sorting, -0 equal to 0. Used for grouping, joining and sorting keys that have no
 * typed-array fast path.
 */
export function compareValues(type: SqlType, a: SqlValue, b: SqlValue): number {
  switch (type.kind) {
    case 'tinyint':
    case 'smallint':
    case 'integer':
    case 'bigint':
    case 'date':
    case 'interval day to second':
    case 'interval year to month':
    case 'decimal':
    case 'time':
      return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
    case 'real':
    case 'double':
      return compareDoubles(a as number, b as number);
    case 'boolean':
      return a === b ? 0 : a === false ? -1 : 1;
    case 'varchar':
    case 'char':
    case 'json':
    case 'uuid':
      return compareStrings(a as string, b as string);
    case 'varbinary':
    case 'ipaddress':
      return compareBytes(a as Uint8Array, b as Uint8Array);
    case 'timestamp':
      if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
      return compareLongTimestamps(asLongTimestamp(a), asLongTimestamp(b));
    case 'timestamp with time zone': {
      const x = a as TimestampWithTimeZone;
      const y = b as TimestampWithTimeZone;
      if (x.epochMillis !== y.epochMillis) return x.epochMillis < y.epochMillis ? -1 : 1;
      return x.picosOfMilli < y.picosOfMilli ? -1 : x.picosOfMilli > y.picosOfMilli ? 1 : 0;
    }
    case 'time with time zone': {
      const x = a as TimeWithTimeZone;
      const y = b as TimeWithTimeZone;
      const nx = x.picos - BigInt(x.offsetMinutes) * 60_000_000_000_000n;
      const ny = y.picos - BigInt(y.offsetMinutes) * 60_000_000_000_000n;
      return nx < ny ? -1 : nx > ny ? 1 : 0;
    }
    case 'array': {
      const x = a as readonly SqlValue[];
      const y = b as readonly SqlValue[];
      const n = Math.min(x.length, y.length);
      for (let i = 0; i < n; i++) {
        const c = compareNullable(type.elementType, x[i] ?? null, y[i] ?? null);
        if (c !== 0) return c;
      }
      return x.length - y.length < 0 ? -1 : x.length === y.length ? 0 : 1;
    }
    case 'row': {
      const x = a as readonly SqlValue[];
      const y = b as readonly SqlValue[];
      for (let i = 0; i < type.fields.length; i++) {
        const c = compareNullable(type.fields[i]!.type, x[i] ?? null, y[i] ?? null);
        if (c !== 0) return c;
      }
      return 0;
    }
    case 'map':
      return valuesEqual(type, a, b) ? 0 : compareStrings(canonicalKey(type, a), canonicalKey(type, b));
    case 'HyperLogLog':
    case 'qdigest':
    case 'tdigest':
    case 'SetDigest':
    case 'color':
    case 'function':
    case 'unknown':
      return compareStrings(canonicalKey(type, a), canonicalKey(type, b));
    default:
      return assertNever(type, 'type');
  }
}

/** Nulls last, for nested values. */
function compareNullable(type: SqlType, a: SqlValue, b: SqlValue): number {
  if (a === null) return b === null ? 0 : 1;
  if (b === null) return -1;
  return compareValues(type, a, b);
}

export function compareDoubles(a: number, b: number): number {
  if (a < b) return -1;
  if (a > b) return 1;
  if (a === b) return 0;
  // at least one NaN: NaN sorts after everything and equals itself
  const an = a !== a;
  const bn = b !== b;
  return an === bn ? 0 : an ? 1 : -1;
}

/** Compares strings by Unicode code point (not UTF-16 code unit, not locale). */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      // surrogates (code points above U+FFFF) sort after U+E000..U+FFFF
      if (x >= 0xd800 && y >= 0xd800) {
        const xs = x <= 0xdfff ? x + 0x2000 : x - 0x800;
        const ys = y <= 0xdfff ? y + 0x2000 : y - 0x800;
        return xs < ys ? -1 : 1;
      }
      return x < y ? -1 : 1;
    }
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}

export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}

function asLongTimestamp(v: SqlValue): LongTimestamp {
  if (typeof v === 'number') return { kind: 'long-timestamp', epochMillis: v, picosOfMilli: 0 };
  return v as LongTimestamp;
}

function compareLongTimestamps(x: LongTimestamp, y: LongTimestamp): number {
  if (x.epochMillis !== y.epochMillis) return x.epochMillis < y.epochMillis ? -1 : 1;
  return x.picosOfMilli < y.picosOfMilli ? -1 : x.picosOfMilli > y.picosOfMilli ? 1 : 0;
}

/** IS NOT DISTINCT FROM for non-null values (NaN equals NaN). */
export function valuesEqual(type: SqlType, a: SqlValue, b: SqlValue): boolean {
  if (a === b) return true;
  switch (type.kind) {
    case 'real':
    case 'double':
      return a !== a && b !== b;
    case 'tinyint':
    case 'smallint':
    case 'integer':
    case 'bigint':
    case 'date':
    case 'interval day to second':
    case 'interval year to month':
    case 'decimal':
    case 'time':
      // eslint-disable-next-line eqeqeq
      return a == b;
    case 'boolean':
    case 'varchar':
    case 'char':
    case 'json':
    case 'uuid':
      return false;
    case 'map': {
      const x = a as SqlMap;
      const y = b as SqlMap;
      if (x.keys.length !== y.keys.length) return false;
      for (let i = 0; i < x.keys.length; i++) {
        let found = false;
        for (let j = 0; j < y.keys.length; j++) {
          if (valuesEqual(type.keyType, x.keys[i]!, y.keys[j]!)) {
            const xv = x.values[i] ?? null;
            const yv = y.values[j] ?? null;
            found = xv === null ? yv === null : yv !== null && valuesEqual(type.valueType, xv, yv);
            break;
          }
        }
        if (!found) return false;
      }
      return true;
    }
    case 'array': {
      const x = a as readonly SqlValue[];
      const y = b as readonly SqlValue[];
      if (x.length !== y.length) return false;
      for (let i = 0; i < x.length; i++) {
        const xv = x[i] ?? null;
        const yv = y[i] ?? null;
        if (xv === null || yv === null) {
          if (xv !== yv) return false;
        } else if (!valuesEqual(type.elementType, xv, yv)) return false;
      }
      return true;
    }
    case 'row': {
      const x = a as readonly SqlValue[];
      const y = b as readonly SqlValue[];
      for (let i = 0; i < type.fields.length; i++) {
        const xv = x[i] ?? null;
        const yv = y[i] ?? null;
        if (xv === null || yv === null) {
          if (xv !== yv) return false;
        } else if (!valuesEqual(type.fields[i]!.type, xv, yv)) return false;
      }
      return true;
    }
    case 'varbinary':
    case 'ipaddress':
    case 'timestamp':
    case 'timestamp with time zone':
    case 'time with time zone':
      return compareValues(type, a, b) === 0;
    case 'HyperLogLog':
    case 'qdigest':
    case 'tdigest':
    case 'SetDigest':
    case 'color':
    case 'function':
    case 'unknown':
      return canonicalKey(type, a) === canonicalKey(type, b);
    default:
      return assertNever(type, 'type');
  }
}

const hashBuffer = new Float64Array(1);
const hashWords = new Int32Array(hashBuffer.buffer);

/** A 32-bit hash of a number, equal for equal SQL values (0 and -0, all NaNs). */
export function hashNumber(v: number): number {
  if ((v | 0) === v) return mix32(v);
  if (v !== v) return 0x7ff80000;
  hashBuffer[0] = v;
  return mix32(hashWords[0]! ^ Math.imul(hashWords[1]!, 0x27d4eb2d));
}

export function mix32(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

export function hashString(s: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return mix32(h);
}

/** A 32-bit hash of a non-null value consistent with `valuesEqual`. */
export function hashValue(type: SqlType, v: SqlValue): number {
  if (typeof v === 'number') return hashNumber(v === 0 ? 0 : v);
  if (typeof v === 'string') return hashString(v);
  if (typeof v === 'boolean') return v ? 1231 : 1237;
  if (typeof v === 'bigint') {
    // equal to a number's hash when the value is a safe integer
    const n = Number(v);
    if (BigInt(n) === v) return hashNumber(n);
    return hashString(v.toString());
  }
  return hashString(canonicalKey(type, v));
}

/** A string that is equal for equal values (maps compare order-insensitively). */
export function canonicalKey(type: SqlType, v: SqlValue): string {
  if (v === null) return '\u0000N';
  switch (typeof v) {
    case 'number':
      return v !== v ? 'NaN' : v === 0 ? '0' : String(v);
    case 'bigint':
      return v.toString();
    case 'string':
      return JSON.stringify(v);
    case 'boolean':
      return v ? 'T' : 'F';
    case 'function':
      return 'fn';
    default:
      break;
  }
  if (v instanceof Uint8Array) return 'B' + Array.from(v).join(',');
  if (Array.isArray(v)) {
    const elements = v as readonly SqlValue[];
    if (type.kind === 'row') return '(' + elements.map((e, i) => canonicalKey(type.fields[i]?.type ?? type, e ?? null)).join(',') + ')';
    const et = type.kind === 'array' ? type.elementType : type;
    return '[' + elements.map((e) => canonicalKey(et, e ?? null)).join(',') + ']';
  }
  const o = v as { kind?: string };
  if (o.kind === 'map') {
    const m = v as SqlMap;
    const kt = type.kind === 'map' ? type.keyType : type;
    const vt = type.kind === 'map' ? type.valueType : type;
    const entries = m.keys.map((k, i) => canonicalKey(kt, k) + ':' + canonicalKey(vt, m.values[i] ?? null));
    entries.sort();
    return '{' + entries.join(',') + '}';
  }
  if (o.kind === 'timestamp-tz') {
    const t = v as TimestampWithTimeZone;
    return `tz${t.epochMillis}.${t.picosOfMilli}`;
  }
  if (o.kind === 'time-tz') {
    const t = v as TimeWithTimeZone;
    return `ttz${t.picos - BigInt(t.offsetMinutes) * 60_000_000_000_000n}`;
  }
  if (o.kind === 'long-timestamp') {
    const t = v as LongTimestamp;
    return `ts${t.epochMillis}.${t.picosOfMilli}`;
  }
  return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x));
}
