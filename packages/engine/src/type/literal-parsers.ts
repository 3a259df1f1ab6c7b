import type { DecimalType, SqlType, SqlValue } from '@petrel/spi';
import {
  BIGINT, INTEGER, INTERVAL_DAY_TO_SECOND, INTERVAL_YEAR_TO_MONTH, StandardErrorCode, TrinoError, decimalType,
  timeWithTimeZone, timestampWithTimeZone, MAX_DECIMAL_PRECISION, INT64_MAX, INT64_MIN, normalizeInt64,
} from '@petrel/spi';
import { parseDateText, parseDateTimeText, parseTimeOfDay, roundTimestampParts, timestampValue, PICOS_PER_DAY } from './date-time.js';
import { parseDecimalText } from './decimal.js';
import { localToUtcMillis, normalizeZone, parseOffset, tryNormalizeZone } from './time-zone.js';

/** Parsers of typed literals (`DATE '...'`, `TIMESTAMP '...'`, `INTERVAL '...' DAY`, decimals). */

function invalidLiteral(kind: string, text: string): TrinoError {
  return new TrinoError(StandardErrorCode.INVALID_LITERAL, `'${text}' is not a valid ${kind} literal`);
}

/** Days since the epoch of `DATE 'text'`; throws INVALID_LITERAL. */
export function parseDateLiteral(text: string): number {
  const days = parseDateText(text);
  if (days === undefined) throw invalidLiteral('DATE', text);
  return days;
}

export interface ParsedTimestampLiteral {
  readonly value: SqlValue;
  readonly precision: number;
  readonly hasTimeZone: boolean;
}

/**
 * `TIMESTAMP 'text'`: the value is a timestamp(p) value, or a TimestampWithTimeZone when the text
 * names a zone. `p` is the number of fractional digits written. `sessionZone` is unused unless
 * the caller wants a zone-less literal read in it (never for Trino's TIMESTAMP literal).
 */
export function parseTimestampLiteral(text: string): ParsedTimestampLiteral {
  const parsed = parseDateTimeText(text);
  if (parsed === undefined) throw invalidLiteral('TIMESTAMP', text);
  const precision = parsed.fractionDigits;
  if (parsed.zone === undefined) {
    const r = roundTimestampParts(parsed.localMillis, parsed.picosOfMilli, precision);
    return { value: timestampValue(r.epochMillis, r.picosOfMilli, precision), precision, hasTimeZone: false };
  }
  const zone = tryNormalizeZone(parsed.zone === 'Z' ? 'UTC' : parsed.zone);
  if (zone === undefined) throw invalidLiteral('TIMESTAMP', text);
  const utc = localToUtcMillis(zone, parsed.localMillis);
  return { value: timestampWithTimeZone(utc, parsed.picosOfMilli, zone), precision, hasTimeZone: true };
}

export interface ParsedTimeLiteral {
  readonly value: SqlValue;
  readonly precision: number;
  readonly hasTimeZone: boolean;
}

/** `TIME 'HH:MM[:SS[.f]][+HH:MM]'`. */
export function parseTimeLiteral(text: string): ParsedTimeLiteral {
  const trimmed = text.trim();
  const m = /^(\d{1,2}:\d{1,2}(?::\d{1,2}(?:\.\d{1,12})?)?)\s*([+-]\d{1,2}(?::?\d{2})?)?$/.exec(trimmed);
  if (m === null) throw invalidLiteral('TIME', text);
  const t = parseTimeOfDay(m[1]!);
  if (t === undefined) throw invalidLiteral('TIME', text);
  if (m[2] !== undefined) {
    const offset = parseOffset(m[2]);
    if (offset === undefined) throw invalidLiteral('TIME', text);
    return { value: timeWithTimeZone(t.picos % PICOS_PER_DAY, offset), precision: t.fractionDigits, hasTimeZone: true };
  }
  return { value: t.picos, precision: t.fractionDigits, hasTimeZone: false };
}

export type IntervalField = 'YEAR' | 'MONTH' | 'DAY' | 'HOUR' | 'MINUTE' | 'SECOND';

const FIELD_ORDER: readonly IntervalField[] = ['YEAR', 'MONTH', 'DAY', 'HOUR', 'MINUTE', 'SECOND'];
const DAY_TIME_MILLIS: Record<string, number> = { DAY: 86_400_000, HOUR: 3_600_000, MINUTE: 60_000, SECOND: 1000 };

/**
 * `INTERVAL [sign] 'value' start [TO end]`: months for year-month intervals, milliseconds for
 * day-time intervals. Throws INVALID_LITERAL on malformed text.
 */
export function parseIntervalLiteral(
  value: string,
  sign: 1 | -1 | '+' | '-' | undefined,
  startField: IntervalField,
  endField?: IntervalField,
): { readonly value: number; readonly type: SqlType } {
  const s = sign === -1 || sign === '-' ? -1 : 1;
  const start = startField.toUpperCase() as IntervalField;
  const end = (endField ?? start).toUpperCase() as IntervalField;
  const startIndex = FIELD_ORDER.indexOf(start);
  const endIndex = FIELD_ORDER.indexOf(end);
  const bad = (): TrinoError =>
    new TrinoError(StandardErrorCode.INVALID_LITERAL, `Invalid INTERVAL ${start}${endField !== undefined && end !== start ? ` TO ${end}` : ''} value: ${value}`);
  if (startIndex < 0 || endIndex < startIndex) throw bad();
  let text = value.trim();
  let valueSign = 1;
  if (text.startsWith('-')) {
    valueSign = -1;
    text = text.slice(1);
  } else if (text.startsWith('+')) text = text.slice(1);
  if (start === 'YEAR' || start === 'MONTH') {
    if (end !== 'YEAR' && end !== 'MONTH') throw bad();
    let months: number;
    if (start === 'YEAR' && end === 'MONTH') {
      const m = /^(\d+)-(\d+)$/.exec(text);
      if (m === null) throw bad();
      const mm = Number(m[2]);
      if (mm > 11) throw bad();
      months = Number(m[1]) * 12 + mm;
    } else {
      if (!/^\d+$/.test(text)) throw bad();
      months = start === 'YEAR' ? Number(text) * 12 : Number(text);
    }
    if (!Number.isSafeInteger(months) || months > 2147483647) throw bad();
    return { value: s * valueSign * months, type: INTERVAL_YEAR_TO_MONTH };
  }
  // day-time: fields separated by space (after DAY), ':' (between time fields), '.' (seconds fraction)
  const fields = FIELD_ORDER.slice(startIndex, endIndex + 1);
  let pattern = '';
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i]!;
    const sep = i === 0 ? '' : fields[i - 1] === 'DAY' ? ' ' : ':';
    pattern += sep + (f === 'SECOND' ? '(\\d+)(?:\\.(\\d{1,9}))?' : '(\\d+)');
  }
  const m = new RegExp(`^${pattern}$`).exec(text);
  if (m === null) throw bad();
  let millis = 0;
  let group = 1;
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i]!;
    const n = Number(m[group++]);
    if (i > 0 && ((f === 'HOUR' && n > 23) || ((f === 'MINUTE' || f === 'SECOND') && n > 59))) throw bad();
    millis += n * DAY_TIME_MILLIS[f]!;
    if (f === 'SECOND') {
      const frac = m[group++];
      if (frac !== undefined) millis += Math.round(Number(`0.${frac}`) * 1000);
    }
  }
  if (!Number.isSafeInteger(millis)) throw bad();
  return { value: s * valueSign * millis, type: INTERVAL_DAY_TO_SECOND };
}

/** `1.50` -> unscaled 150n of decimal(3, 2). Throws INVALID_LITERAL. */
export function parseDecimalLiteral(text: string): { readonly value: bigint; readonly type: DecimalType } {
  const parsed = parseDecimalText(text);
  if (parsed === undefined) throw new TrinoError(StandardErrorCode.INVALID_LITERAL, `'${text}' is not a valid DECIMAL literal`);
  if (parsed.precision > MAX_DECIMAL_PRECISION) {
    throw new TrinoError(StandardErrorCode.INVALID_LITERAL, `Decimal literal ${text.trim()} is too long; maximum precision is ${MAX_DECIMAL_PRECISION}`);
  }
  return { value: parsed.unscaled, type: decimalType(parsed.precision, parsed.scale) };
}

/**
 * The type and value of an integer literal: integer when it fits in 32 bits, else bigint.
 * Throws INVALID_LITERAL (`Invalid numeric literal: X`) outside the bigint range.
 */
export function parseIntegerLiteral(text: string): { readonly value: SqlValue; readonly type: SqlType } {
  const cleaned = text.trim().replace(/_/g, '');
  let v: bigint;
  try {
    if (/^[+-]?0[xX][0-9a-fA-F]+$/.test(cleaned) || /^[+-]?0[bB][01]+$/.test(cleaned) || /^[+-]?0[oO][0-7]+$/.test(cleaned)) {
      const negative = cleaned.startsWith('-');
      const body = cleaned.replace(/^[+-]/, '');
      v = BigInt(body.toLowerCase().replace(/^0o/, '0o'));
      if (negative) v = -v;
    } else if (/^[+-]?\d+$/.test(cleaned)) v = BigInt(cleaned);
    else throw new Error('bad');
  } catch {
    throw new TrinoError(StandardErrorCode.INVALID_LITERAL, `Invalid numeric literal: ${text}`);
  }
  if (v < INT64_MIN || v > INT64_MAX) throw new TrinoError(StandardErrorCode.INVALID_LITERAL, `Invalid numeric literal: ${text}`);
  return { value: normalizeInt64(v), type: integerLiteralType(v) };
}

export function integerLiteralType(value: bigint | number): SqlType {
  const v = typeof value === 'bigint' ? value : BigInt(value);
  return v >= -2147483648n && v <= 2147483647n ? INTEGER : BIGINT;
}

export { normalizeZone };
