import { BIGINT, INTEGER, MAX_DECIMAL_PRECISION, decimalType, normalizeInt64 } from '@petrel/spi';
import type { SqlType, SqlValue } from '@petrel/spi';
import type { IntervalField, NodeLocation } from '@petrel/sql';
import { semanticError } from './semantic-error.js';

/**
 * Minimal literal parsers for the analyzer (integers, decimals, dates, intervals). Literals of
 * other types are planned as CASTs of their text and folded by the optimizer.
 */

export function parseIntegerLiteral(text: string, location: NodeLocation): { value: SqlValue; type: SqlType } {
  const clean = text.replace(/_/g, '');
  let value: bigint;
  try {
    value = BigInt(clean.toLowerCase().startsWith('0o') ? `0o${clean.slice(2)}` : clean);
  } catch {
    throw semanticError('INVALID_LITERAL', `Invalid numeric literal: ${text}`, location);
  }
  if (value >= -(2n ** 31n) && value < 2n ** 31n) return { value: Number(value), type: INTEGER };
  if (value >= -(2n ** 63n) && value < 2n ** 63n) return { value: normalizeInt64(value), type: BIGINT };
  throw semanticError('INVALID_LITERAL', `Invalid numeric literal: ${text}`, location);
}

export function parseDecimalLiteral(text: string, location: NodeLocation): { value: bigint; type: SqlType } {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text.trim().replace(/_/g, ''));
  if (m === null || (m[2] === '' && (m[3] ?? '') === '')) throw semanticError('INVALID_LITERAL', `Invalid decimal literal: ${text}`, location);
  const intPart = m[2]!.replace(/^0+/, '');
  const fraction = m[3] ?? '';
  const digits = `${intPart}${fraction}`;
  const precision = Math.max(intPart.length + fraction.length, 1);
  if (precision > MAX_DECIMAL_PRECISION) throw semanticError('INVALID_LITERAL', `Decimal overflow: ${text}`, location);
  let unscaled = digits === '' ? 0n : BigInt(digits);
  if (m[1] === '-') unscaled = -unscaled;
  return { value: unscaled, type: decimalType(precision, fraction.length) };
}

const DAYS_BEFORE_MONTH = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Days since 1970-01-01 of a proleptic Gregorian date. */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function parseDateLiteral(text: string, location: NodeLocation): number {
  const m = /^\s*([+-]?\d{1,6})-(\d{1,2})-(\d{1,2})\s*$/.exec(text);
  if (m !== null) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    const d = Number(m[3]);
    const dim = mo === 2 ? (isLeap(y) ? 29 : 28) : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
    if (mo >= 1 && mo <= 12 && dim !== undefined && d >= 1 && d <= dim) {
      void DAYS_BEFORE_MONTH;
      return daysFromCivil(y, mo, d);
    }
  }
  throw semanticError('INVALID_LITERAL', `'${text}' is not a valid DATE literal`, location);
}

const MILLIS: Record<'DAY' | 'HOUR' | 'MINUTE' | 'SECOND', number> = { DAY: 86_400_000, HOUR: 3_600_000, MINUTE: 60_000, SECOND: 1000 };

/** Milliseconds (day to second) or months (year to month) of an interval literal. */
export function parseIntervalLiteral(text: string, sign: 'POSITIVE' | 'NEGATIVE', start: IntervalField, end: IntervalField | undefined, location: NodeLocation): number {
  const invalid = (): never => {
    throw semanticError('INVALID_LITERAL', `'${text}' is not a valid INTERVAL literal`, location);
  };
  const s = text.trim();
  let negative = sign === 'NEGATIVE';
  let body = s;
  if (body.startsWith('-')) {
    negative = !negative;
    body = body.slice(1);
  } else if (body.startsWith('+')) body = body.slice(1);
  let result: number;
  if (start === 'YEAR' || start === 'MONTH') {
    if (end === undefined || end === start) {
      if (!/^\d+$/.test(body)) invalid();
      result = start === 'YEAR' ? Number(body) * 12 : Number(body);
    } else {
      const m = /^(\d+)-(\d+)$/.exec(body);
      if (m === null) return invalid();
      result = Number(m[1]) * 12 + Number(m[2]);
    }
  } else {
    const fields: ('DAY' | 'HOUR' | 'MINUTE' | 'SECOND')[] = ['DAY', 'HOUR', 'MINUTE', 'SECOND'];
    const from = fields.indexOf(start as 'DAY');
    const to = end === undefined ? from : fields.indexOf(end as 'DAY');
    if (from < 0 || to < from) return invalid();
    const parts = body.split(/[ :]/);
    if (parts.length !== to - from + 1) return invalid();
    result = 0;
    for (let i = 0; i < parts.length; i++) {
      const field = fields[from + i]!;
      const p = parts[i]!;
      if (field === 'SECOND') {
        if (!/^\d+(\.\d{0,3})?$/.test(p)) invalid();
        result += Math.round(Number(p) * 1000);
      } else {
        if (!/^\d+$/.test(p)) invalid();
        result += Number(p) * MILLIS[field];
      }
    }
  }
  return negative ? -result : result;
}
