import type { SqlMap, SqlType, SqlValue, TimeWithTimeZone, TimestampWithTimeZone } from '@petrel/spi';
import { assertNever } from '@petrel/spi';
import { formatDate, formatTimeOfDayPicos, formatTimestamp, formatTimestampWithTimeZone, formatTimeWithTimeZone } from './date-time.js';
import { formatDecimal } from './decimal.js';
import { formatDouble, formatReal } from './double-format.js';

export function formatIntervalDayToSecond(millis: number): string {
  const negative = millis < 0;
  let abs = Math.abs(millis);
  const days = Math.floor(abs / 86_400_000);
  abs -= days * 86_400_000;
  const h = Math.floor(abs / 3_600_000);
  abs -= h * 3_600_000;
  const m = Math.floor(abs / 60_000);
  abs -= m * 60_000;
  const s = Math.floor(abs / 1000);
  const ms = abs - s * 1000;
  const p2 = (n: number): string => String(n).padStart(2, '0');
  return `${negative ? '-' : ''}${days} ${p2(h)}:${p2(m)}:${p2(s)}.${String(ms).padStart(3, '0')}`;
}

export function formatIntervalYearToMonth(months: number): string {
  const negative = months < 0;
  const abs = Math.abs(months);
  return `${negative ? '-' : ''}${Math.floor(abs / 12)}-${abs % 12}`;
}

export function formatIpAddress(bytes: Uint8Array): string {
  let v4 = bytes.length === 16;
  for (let i = 0; i < 10 && v4; i++) if (bytes[i] !== 0) v4 = false;
  if (v4 && bytes[10] === 0xff && bytes[11] === 0xff) return `${bytes[12]}.${bytes[13]}.${bytes[14]}.${bytes[15]}`;
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((bytes[i]! << 8) | bytes[i + 1]!);
  // longest run of zero groups (length >= 2) becomes ::
  let bestStart = -1, bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] === 0) {
      let j = i;
      while (j < 8 && groups[j] === 0) j++;
      if (j - i > bestLen && j - i >= 2) { bestStart = i; bestLen = j - i; }
      i = j;
    } else i++;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

export function formatVarbinary(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (const b of bytes) parts.push(b.toString(16).padStart(2, '0'));
  return parts.join(' ');
}

/**
 * The text of a value as CAST(v AS varchar) prints it; for types without such a cast (arrays,
 * maps, rows, varbinary) the form Trino's CLI shows.
 */
export function formatValue(type: SqlType, v: SqlValue): string {
  if (v === null) return 'NULL';
  switch (type.kind) {
    case 'boolean':
      return v ? 'true' : 'false';
    case 'tinyint':
    case 'smallint':
    case 'integer':
    case 'bigint':
      return String(v);
    case 'double':
      return formatDouble(v as number);
    case 'real':
      return formatReal(v as number);
    case 'decimal':
      return formatDecimal(v as bigint, type.scale);
    case 'varchar':
    case 'char':
    case 'json':
    case 'uuid':
      return v as string;
    case 'varbinary':
      return formatVarbinary(v as Uint8Array);
    case 'ipaddress':
      return formatIpAddress(v as Uint8Array);
    case 'date':
      return formatDate(v as number);
    case 'time':
      return formatTimeOfDayPicos(v as bigint, type.precision);
    case 'time with time zone': {
      const t = v as TimeWithTimeZone;
      return formatTimeWithTimeZone(t.picos, t.offsetMinutes, type.precision);
    }
    case 'timestamp':
      return formatTimestamp(v, type.precision);
    case 'timestamp with time zone':
      return formatTimestampWithTimeZone(v as TimestampWithTimeZone, type.precision);
    case 'interval day to second':
      return formatIntervalDayToSecond(v as number);
    case 'interval year to month':
      return formatIntervalYearToMonth(v as number);
    case 'array':
      return `[${(v as readonly SqlValue[]).map((e) => formatValue(type.elementType, e)).join(', ')}]`;
    case 'map': {
      const m = v as SqlMap;
      return `{${m.keys.map((k, i) => `${formatValue(type.keyType, k)}=${formatValue(type.valueType, m.values[i]!)}`).join(', ')}}`;
    }
    case 'row': {
      const r = v as readonly SqlValue[];
      return `{${type.fields.map((f, i) => `${f.name ?? `field${i}`}=${formatValue(f.type, r[i]!)}`).join(', ')}}`;
    }
    case 'unknown':
      return 'NULL';
    case 'HyperLogLog':
    case 'qdigest':
    case 'tdigest':
    case 'SetDigest':
    case 'color':
    case 'function':
      return `<${type.kind}>`;
    default:
      return assertNever(type, 'type');
  }
}
