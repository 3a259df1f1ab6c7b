import { assertNever } from '@petrel/spi';
import type { SqlType, SqlValue } from '@petrel/spi';

/** `unscaled / 10^scale` as plain decimal text (Trino prints decimals with all scale digits). */
export function decimalText(unscaled: bigint, scale: number): string {
  if (scale <= 0) return unscaled.toString();
  const negative = unscaled < 0n;
  const digits = (negative ? -unscaled : unscaled).toString().padStart(scale + 1, '0');
  const text = `${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`;
  return negative ? `-${text}` : text;
}

/** Days since 1970-01-01 as `YYYY-MM-DD`. */
export function dateText(days: number): string {
  const date = new Date(days * 86_400_000);
  const year = date.getUTCFullYear();
  const yearText = year < 0 ? `-${String(-year).padStart(4, '0')}` : String(year).padStart(4, '0');
  return `${yearText}-${String(date.getUTCMonth() + 1).padStart(2, '0')}-${String(date.getUTCDate()).padStart(2, '0')}`;
}

function fraction(picosOfSecond: bigint, precision: number): string {
  if (precision <= 0) return '';
  return `.${picosOfSecond.toString().padStart(12, '0').slice(0, precision)}`;
}

function timestampText(epochMillis: number, picosOfMilli: number, precision: number): string {
  const millis = ((epochMillis % 1000) + 1000) % 1000;
  const seconds = Math.floor(epochMillis / 1000);
  const date = new Date(seconds * 1000);
  const day = dateText(Math.floor(seconds / 86_400));
  const time = `${String(date.getUTCHours()).padStart(2, '0')}:${String(date.getUTCMinutes()).padStart(2, '0')}:${String(date.getUTCSeconds()).padStart(2, '0')}`;
  return `${day} ${time}${fraction(BigInt(millis) * 1_000_000_000n + BigInt(picosOfMilli), precision)}`;
}

function timeText(picos: bigint, precision: number): string {
  const totalSeconds = picos / 1_000_000_000_000n;
  const hours = totalSeconds / 3600n;
  const minutes = (totalSeconds / 60n) % 60n;
  const seconds = totalSeconds % 60n;
  const pad = (n: bigint): string => n.toString().padStart(2, '0');
  return `${pad(hours)}:${pad(minutes)}:${pad(seconds)}${fraction(picos % 1_000_000_000_000n, precision)}`;
}

/** Java's Double.toString, which Trino's JDBC driver and tempto print. */
export function javaDoubleText(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const abs = Math.abs(value);
  if (abs >= 1e-3 && abs < 1e7) {
    const text = String(value);
    return text.includes('.') ? text : `${text}.0`;
  }
  const [mantissa, exponent] = value.toExponential().split('e') as [string, string];
  const m = mantissa.includes('.') ? mantissa : `${mantissa}.0`;
  return `${m}E${exponent.replace('+', '')}`;
}

/**
 * A value as text in the way a Trino client shows it (close to CAST(x AS varchar)); used for
 * reports and for comparing with expected text. Doubles use Java's `Double.toString`.
 */
export function trinoValueText(value: SqlValue, type: SqlType): string {
  if (value === null) return 'null';
  switch (type.kind) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'tinyint':
    case 'smallint':
    case 'integer':
    case 'bigint':
      return String(value);
    case 'real':
    case 'double':
      return javaDoubleText(value as number);
    case 'decimal':
      return decimalText(typeof value === 'bigint' ? value : BigInt(value as number), type.scale);
    case 'varchar':
    case 'char':
    case 'json':
    case 'uuid':
      return String(value);
    case 'varbinary':
      return Buffer.from(value as Uint8Array).toString('hex');
    case 'date':
      return dateText(value as number);
    case 'time':
      return timeText(value as bigint, type.precision);
    case 'time with time zone': {
      const v = value as { picos: bigint; offsetMinutes: number };
      const sign = v.offsetMinutes < 0 ? '-' : '+';
      const abs = Math.abs(v.offsetMinutes);
      return `${timeText(v.picos, type.precision)}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
    }
    case 'timestamp': {
      if (typeof value === 'number') return timestampText(value, 0, type.precision);
      const v = value as { epochMillis: number; picosOfMilli: number };
      return timestampText(v.epochMillis, v.picosOfMilli, type.precision);
    }
    case 'timestamp with time zone': {
      const v = value as { epochMillis: number; picosOfMilli: number; zone: string };
      return `${timestampText(v.epochMillis, v.picosOfMilli, type.precision)} ${v.zone}`;
    }
    case 'interval day to second': {
      const ms = value as number;
      const sign = ms < 0 ? '-' : '';
      const abs = Math.abs(ms);
      const days = Math.floor(abs / 86_400_000);
      const rest = abs % 86_400_000;
      const h = Math.floor(rest / 3_600_000);
      const m = Math.floor((rest % 3_600_000) / 60_000);
      const s = Math.floor((rest % 60_000) / 1000);
      const f = rest % 1000;
      return `${sign}${days} ${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}.${String(f).padStart(3, '0')}`;
    }
    case 'interval year to month': {
      const months = value as number;
      const sign = months < 0 ? '-' : '';
      const abs = Math.abs(months);
      return `${sign}${Math.floor(abs / 12)}-${abs % 12}`;
    }
    case 'array':
      return `[${(value as readonly SqlValue[]).map((v) => trinoValueText(v, type.elementType)).join(', ')}]`;
    case 'map': {
      const map = value as { keys: readonly SqlValue[]; values: readonly SqlValue[] };
      return `{${map.keys.map((k, i) => `${trinoValueText(k, type.keyType)}=${trinoValueText(map.values[i] ?? null, type.valueType)}`).join(', ')}}`;
    }
    case 'row':
      return `{${(value as readonly SqlValue[]).map((v, i) => `${type.fields[i]?.name ?? `field${i}`}=${trinoValueText(v, type.fields[i]?.type ?? type)}`).join(', ')}}`;
    case 'ipaddress':
    case 'HyperLogLog':
    case 'qdigest':
    case 'tdigest':
    case 'SetDigest':
    case 'color':
    case 'function':
    case 'unknown':
      return String(value);
  }
  return assertNever(type, 'type');
}
