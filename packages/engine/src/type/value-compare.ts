import type { SqlMap, SqlType, SqlValue, TimeWithTimeZone } from '@petrel/spi';
import { assertNever } from '@petrel/spi';
import { timestampParts } from './date-time.js';

/**
 * Order, equality and hashing of runtime values in Trino's semantics. NULLs sort last here
 * (callers that know NULLS FIRST/LAST handle nulls themselves). NaN is greater than every other
 * double, and equal to itself for ordering, grouping and hashing (not for `=`).
 */

/** Compares strings by Unicode code point (not UTF-16 unit). */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x !== y) {
      if (x >= 0xd800 && y >= 0xd800) {
        x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
        y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
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
  return a.length - b.length < 0 ? -1 : a.length > b.length ? 1 : 0;
}

export function compareDoubles(a: number, b: number): number {
  if (a < b) return -1;
  if (a > b) return 1;
  if (a === b) return 0;
  const an = Number.isNaN(a);
  const bn = Number.isNaN(b);
  return an && bn ? 0 : an ? 1 : -1;
}

function timeTzUtcPicos(v: TimeWithTimeZone): bigint {
  const picosPerMinute = 60_000_000_000_000n;
  const dayPicos = 86_400_000_000_000_000n;
  return (((v.picos - BigInt(v.offsetMinutes) * picosPerMinute) % dayPicos) + dayPicos) % dayPicos;
}

export function compareValues(type: SqlType, a: SqlValue, b: SqlValue): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
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
      return a < b ? -1 : a > b ? 1 : 0;
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
    case 'timestamp with time zone': {
      if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
      const x = timestampParts(a);
      const y = timestampParts(b);
      if (x.epochMillis !== y.epochMillis) return x.epochMillis < y.epochMillis ? -1 : 1;
      return x.picosOfMilli < y.picosOfMilli ? -1 : x.picosOfMilli > y.picosOfMilli ? 1 : 0;
    }
    case 'time with time zone': {
      const x = timeTzUtcPicos(a as TimeWithTimeZone);
      const y = timeTzUtcPicos(b as TimeWithTimeZone);
      return x < y ? -1 : x > y ? 1 : 0;
    }
    case 'array': {
      const x = a as readonly SqlValue[];
      const y = b as readonly SqlValue[];
      const n = Math.min(x.length, y.length);
      for (let i = 0; i < n; i++) {
        const c = compareValues(type.elementType, x[i]!, y[i]!);
        if (c !== 0) return c;
      }
      return x.length < y.length ? -1 : x.length > y.length ? 1 : 0;
    }
    case 'row': {
      const x = a as readonly SqlValue[];
      const y = b as readonly SqlValue[];
      for (let i = 0; i < type.fields.length; i++) {
        const c = compareValues(type.fields[i]!.type, x[i]!, y[i]!);
        if (c !== 0) return c;
      }
      return 0;
    }
    case 'map': {
      // Not orderable in SQL; a stable order for internal use only.
      return compareStrings(stableKey(type, a), stableKey(type, b));
    }
    case 'unknown':
      return 0;
    case 'HyperLogLog':
    case 'qdigest':
    case 'tdigest':
    case 'SetDigest':
    case 'color':
    case 'function':
      return 0;
    default:
      return assertNever(type, 'type');
  }
}

function stableKey(type: SqlType, v: SqlValue): string {
  return String(hashValue(type, v));
}

/** IS NOT DISTINCT FROM on non-null values (NaN equals NaN; map key order is ignored). */
export function valuesEqual(type: SqlType, a: SqlValue, b: SqlValue): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  switch (type.kind) {
    case 'real':
    case 'double':
      return a === b || (Number.isNaN(a) && Number.isNaN(b));
    case 'tinyint':
    case 'smallint':
    case 'integer':
    case 'bigint':
    case 'date':
    case 'interval day to second':
    case 'interval year to month':
    case 'decimal':
    case 'time':
    case 'boolean':
    case 'varchar':
    case 'char':
    case 'json':
    case 'uuid':
      // eslint-disable-next-line eqeqeq
      return a == b;
    case 'varbinary':
    case 'ipaddress':
      return compareBytes(a as Uint8Array, b as Uint8Array) === 0;
    case 'timestamp':
    case 'timestamp with time zone':
    case 'time with time zone':
      return compareValues(type, a, b) === 0;
    case 'array': {
      const x = a as readonly SqlValue[];
      const y = b as readonly SqlValue[];
      if (x.length !== y.length) return false;
      for (let i = 0; i < x.length; i++) if (!valuesEqual(type.elementType, x[i]!, y[i]!)) return false;
      return true;
    }
    case 'row': {
      const x = a as readonly SqlValue[];
      const y = b as readonly SqlValue[];
      for (let i = 0; i < type.fields.length; i++) if (!valuesEqual(type.fields[i]!.type, x[i]!, y[i]!)) return false;
      return true;
    }
    case 'map': {
      const x = a as SqlMap;
      const y = b as SqlMap;
      if (x.keys.length !== y.keys.length) return false;
      for (let i = 0; i < x.keys.length; i++) {
        const j = findMapKey(type.keyType, y, x.keys[i]!);
        if (j < 0 || !valuesEqual(type.valueType, x.values[i]!, y.values[j]!)) return false;
      }
      return true;
    }
    case 'unknown':
      return true;
    case 'HyperLogLog':
    case 'qdigest':
    case 'tdigest':
    case 'SetDigest':
    case 'color':
    case 'function':
      return a === b;
    default:
      return assertNever(type, 'type');
  }
}

export function findMapKey(keyType: SqlType, map: SqlMap, key: SqlValue): number {
  const keys = map.keys;
  if (typeof key === 'string' || typeof key === 'number' || typeof key === 'boolean') {
    for (let i = 0; i < keys.length; i++) if (keys[i] === key) return i;
    if (typeof key !== 'number' || !Number.isNaN(key)) return -1;
  }
  for (let i = 0; i < keys.length; i++) if (valuesEqual(keyType, keys[i]!, key)) return i;
  return -1;
}

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export function hashNumber(v: number): number {
  if ((v | 0) === v) return mix(v);
  if (v === 0) return mix(0);
  if (Number.isNaN(v)) return 0x7ff80000;
  f64[0] = v;
  return mix(u32[0]! ^ Math.imul(u32[1]!, 0x9e3779b1));
}

export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mix(h);
}

function hashBigint(v: bigint): number {
  if (v >= -0x7fffffffn && v <= 0x7fffffffn) return mix(Number(v));
  return hashString(v.toString());
}

function hashBytes(b: Uint8Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < b.length; i++) {
    h ^= b[i]!;
    h = Math.imul(h, 0x01000193);
  }
  return mix(h);
}

/** A 32-bit hash consistent with `valuesEqual`. */
export function hashValue(type: SqlType, v: SqlValue): number {
  if (v === null) return 0;
  if (typeof v === 'number') return hashNumber(v);
  if (typeof v === 'string') return hashString(v);
  if (typeof v === 'boolean') return v ? 1231 : 1237;
  if (typeof v === 'bigint') {
    // equal to the number's hash when the value is a safe integer (Int64 values may be either)
    if (v >= -0x1fffffffffffffn && v <= 0x1fffffffffffffn) return hashNumber(Number(v));
    return hashString(v.toString());
  }
  if (v instanceof Uint8Array) return hashBytes(v);
  switch (type.kind) {
    case 'timestamp':
    case 'timestamp with time zone': {
      const p = timestampParts(v);
      return mix(hashNumber(p.epochMillis) ^ Math.imul(p.picosOfMilli | 0, 31));
    }
    case 'time with time zone':
      return hashBigint(timeTzUtcPicos(v as TimeWithTimeZone));
    case 'array': {
      let h = 7;
      for (const e of v as readonly SqlValue[]) h = (Math.imul(h, 31) + hashValue(type.elementType, e)) | 0;
      return h >>> 0;
    }
    case 'row': {
      let h = 11;
      const r = v as readonly SqlValue[];
      for (let i = 0; i < type.fields.length; i++) h = (Math.imul(h, 31) + hashValue(type.fields[i]!.type, r[i]!)) | 0;
      return h >>> 0;
    }
    case 'map': {
      const m = v as SqlMap;
      let h = 0;
      for (let i = 0; i < m.keys.length; i++) {
        h = (h + (hashValue(type.keyType, m.keys[i]!) ^ hashValue(type.valueType, m.values[i]!))) | 0;
      }
      return h >>> 0;
    }
    case 'boolean': case 'tinyint': case 'smallint': case 'integer': case 'bigint': case 'real': case 'double':
    case 'decimal': case 'varchar': case 'char': case 'varbinary': case 'json': case 'date': case 'time':
    case 'interval day to second': case 'interval year to month': case 'uuid': case 'ipaddress': case 'HyperLogLog':
    case 'qdigest': case 'tdigest': case 'SetDigest': case 'color': case 'function': case 'unknown':
      return 0;
  }
}

/**
 * A string equal for equal values (IS NOT DISTINCT FROM): NaN is one value, -0 is 0, maps compare
 * without regard to entry order, timestamps with time zone by instant. For hashing and grouping.
 */
export function canonicalKey(type: SqlType, v: SqlValue): string {
  if (v === null) return '\u0000N';
  if (typeof v === 'number') return Number.isNaN(v) ? 'NaN' : v === 0 ? '0' : String(v);
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'boolean') return v ? 'T' : 'F';
  if (typeof v === 'function') return 'fn';
  if (v instanceof Uint8Array) return `B${Array.from(v).join(',')}`;
  switch (type.kind) {
    case 'array':
      return `[${(v as readonly SqlValue[]).map((e) => canonicalKey(type.elementType, e)).join(',')}]`;
    case 'row':
      return `(${(v as readonly SqlValue[]).map((e, i) => canonicalKey(type.fields[i]?.type ?? type, e)).join(',')})`;
    case 'map': {
      const m = v as SqlMap;
      return `{${m.keys.map((k, i) => `${canonicalKey(type.keyType, k)}:${canonicalKey(type.valueType, m.values[i]!)}`).sort().join(',')}}`;
    }
    case 'timestamp':
    case 'timestamp with time zone': {
      const p = timestampParts(v);
      return `ts${p.epochMillis}.${p.picosOfMilli}`;
    }
    case 'time with time zone':
      return `ttz${timeTzUtcPicos(v as TimeWithTimeZone)}`;
    case 'boolean': case 'tinyint': case 'smallint': case 'integer': case 'bigint': case 'real': case 'double':
    case 'decimal': case 'varchar': case 'char': case 'varbinary': case 'json': case 'date': case 'time':
    case 'interval day to second': case 'interval year to month': case 'uuid': case 'ipaddress': case 'HyperLogLog':
    case 'qdigest': case 'tdigest': case 'SetDigest': case 'color': case 'function': case 'unknown':
      return `O${JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? `${x}n` : x))}`;
  }
}
