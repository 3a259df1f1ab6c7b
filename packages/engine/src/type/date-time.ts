import type { LongTimestamp, SqlValue, TimestampWithTimeZone } from '@petrel/spi';
import { longTimestamp, timestampWithTimeZone } from '@petrel/spi';
import { utcToLocalMillis, zoneOffsetMinutes, formatOffset } from './time-zone.js';

/** Calendar arithmetic (proleptic Gregorian), and the text forms of date/time values. */

export const MILLIS_PER_DAY = 86_400_000;
export const PICOS_PER_MILLI = 1_000_000_000;
export const PICOS_PER_SECOND = 1_000_000_000_000n;
export const PICOS_PER_DAY = 86_400n * PICOS_PER_SECOND;

export interface CivilDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

export function civilFromDays(days: number): CivilDate {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const y = yoe + era * 400;
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { year: m <= 2 ? y + 1 : y, month: m, day: d };
}

export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = month > 2 ? month - 3 : month + 9;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  switch (month) {
    case 2:
      return isLeapYear(year) ? 29 : 28;
    case 4:
    case 6:
    case 9:
    case 11:
      return 30;
    default:
      return 31;
  }
}

export function floorDiv(a: number, b: number): number {
  return Math.floor(a / b);
}
export function floorMod(a: number, b: number): number {
  return ((a % b) + b) % b;
}

function pad(n: number, width: number): string {
  const s = String(Math.abs(n)).padStart(width, '0');
  return n < 0 ? `-${s}` : s;
}

export function formatYear(year: number): string {
  if (year > 9999) return `+${year}`;
  return pad(year, 4);
}

export function formatDate(days: number): string {
  const c = civilFromDays(days);
  return `${formatYear(c.year)}-${pad(c.month, 2)}-${pad(c.day, 2)}`;
}

/** `HH:MM:SS[.fff]` of a time of day given in picoseconds. */
export function formatTimeOfDayPicos(picos: bigint, precision: number): string {
  const totalSeconds = Number(picos / PICOS_PER_SECOND);
  const fraction = picos % PICOS_PER_SECOND;
  const h = Math.floor(totalSeconds / 3600);
  const m = Math.floor((totalSeconds % 3600) / 60);
  const s = totalSeconds % 60;
  let text = `${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}`;
  if (precision > 0) text += '.' + fraction.toString().padStart(12, '0').slice(0, precision);
  return text;
}

/** Timestamp values as (epochMillis, picosOfMilli). */
export interface TimestampParts {
  readonly epochMillis: number;
  readonly picosOfMilli: number;
}

export function timestampParts(value: SqlValue): TimestampParts {
  if (typeof value === 'number') return { epochMillis: value, picosOfMilli: 0 };
  const v = value as LongTimestamp | TimestampWithTimeZone;
  return { epochMillis: v.epochMillis, picosOfMilli: v.picosOfMilli };
}

/** The runtime value of timestamp(p) from parts. */
export function timestampValue(epochMillis: number, picosOfMilli: number, precision: number): SqlValue {
  if (precision <= 3) return epochMillis;
  return longTimestamp(epochMillis, picosOfMilli);
}

/** Rounds (HALF_UP) parts to `precision` fractional digits. */
export function roundTimestampParts(epochMillis: number, picosOfMilli: number, precision: number): TimestampParts {
  if (precision >= 12) return { epochMillis, picosOfMilli };
  if (precision >= 3) {
    const unit = 10 ** (12 - precision);
    let p = Math.floor((picosOfMilli + unit / 2) / unit) * unit;
    let ms = epochMillis;
    if (p >= PICOS_PER_MILLI) {
      p -= PICOS_PER_MILLI;
      ms += 1;
    }
    return { epochMillis: ms, picosOfMilli: p };
  }
  const unit = 10 ** (3 - precision);
  const half = picosOfMilli >= PICOS_PER_MILLI / 2 ? 1 : 0;
  const ms = epochMillis + half;
  return { epochMillis: Math.floor((ms + unit / 2) / unit) * unit, picosOfMilli: 0 };
}

export function roundMillis(epochMillis: number, precision: number): number {
  if (precision >= 3) return epochMillis;
  const unit = 10 ** (3 - precision);
  return Math.floor((epochMillis + unit / 2) / unit) * unit;
}

/** `YYYY-MM-DD HH:MM:SS[.f]` of wall-clock millis (and extra picos). */
export function formatLocalTimestamp(localMillis: number, picosOfMilli: number, precision: number): string {
  const days = Math.floor(localMillis / MILLIS_PER_DAY);
  const millisOfDay = localMillis - days * MILLIS_PER_DAY;
  const picos = BigInt(millisOfDay) * 1_000_000_000n + BigInt(picosOfMilli);
  return `${formatDate(days)} ${formatTimeOfDayPicos(picos, precision)}`;
}

export function formatTimestamp(value: SqlValue, precision: number): string {
  const p = timestampParts(value);
  return formatLocalTimestamp(p.epochMillis, p.picosOfMilli, precision);
}

export function formatTimestampWithTimeZone(value: TimestampWithTimeZone, precision: number): string {
  const local = utcToLocalMillis(value.zone, value.epochMillis);
  return `${formatLocalTimestamp(local, value.picosOfMilli, precision)} ${value.zone}`;
}

export function makeTimestampWithTimeZone(epochMillis: number, picosOfMilli: number, zone: string): TimestampWithTimeZone {
  return timestampWithTimeZone(epochMillis, picosOfMilli, zone);
}

export function formatTimeWithTimeZone(picos: bigint, offsetMinutes: number, precision: number): string {
  return `${formatTimeOfDayPicos(picos, precision)}${formatOffset(offsetMinutes)}`;
}

export { zoneOffsetMinutes };

/** Parsed pieces of date/time text. */
export interface ParsedDateTime {
  /** Wall clock as UTC millis. */
  readonly localMillis: number;
  readonly picosOfMilli: number;
  /** Fractional second digits written. */
  readonly fractionDigits: number;
  /** Zone text as written (already trimmed), if any. */
  readonly zone: string | undefined;
  readonly hasTime: boolean;
}

const DATE_RE = /^([+-]?\d{4,9})-(\d{1,2})-(\d{1,2})/;

export function parseDateText(text: string): number | undefined {
  const m = /^\s*([+-]?\d{4,9})-(\d{1,2})-(\d{1,2})\s*$/.exec(text);
  if (m === null) return undefined;
  return validDays(Number(m[1]), Number(m[2]), Number(m[3]));
}

function validDays(year: number, month: number, day: number): number | undefined {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return daysFromCivil(year, month, day);
}

/** Parses a time of day `H:M[:S[.fffffffffff]]` into picos; undefined on bad text. */
export function parseTimeOfDay(text: string): { picos: bigint; fractionDigits: number } | undefined {
  const m = /^(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,12}))?)?$/.exec(text);
  if (m === null) return undefined;
  const h = Number(m[1]);
  const mi = Number(m[2]);
  const s = m[3] === undefined ? 0 : Number(m[3]);
  if (h > 23 || mi > 59 || s > 59) return undefined;
  const frac = m[4] ?? '';
  const picos = BigInt(h * 3600 + mi * 60 + s) * PICOS_PER_SECOND + (frac === '' ? 0n : BigInt(frac.padEnd(12, '0')));
  return { picos, fractionDigits: frac.length };
}

/** Parses `YYYY-MM-DD[ HH:MM[:SS[.f]]][ zone]` (Trino does not accept a `T` separator here). */
export function parseDateTimeText(text: string): ParsedDateTime | undefined {
  const trimmed = text.trim();
  const dm = DATE_RE.exec(trimmed);
  if (dm === null) return undefined;
  const days = validDays(Number(dm[1]), Number(dm[2]), Number(dm[3]));
  if (days === undefined) return undefined;
  let rest = trimmed.slice(dm[0].length);
  let picosOfDay = 0n;
  let fractionDigits = 0;
  let hasTime = false;
  const tm = /^ (\d{1,2}:\d{1,2}(?::\d{1,2}(?:\.\d{1,12})?)?)/.exec(rest);
  if (tm !== null) {
    const t = parseTimeOfDay(tm[1]!);
    if (t === undefined) return undefined;
    picosOfDay = t.picos;
    fractionDigits = t.fractionDigits;
    hasTime = true;
    rest = rest.slice(tm[0].length);
  }
  let zone: string | undefined;
  const zoneText = rest.trim();
  if (zoneText !== '') {
    if (!/^(?:[+-]\d{1,2}(?::?\d{2})?|[A-Za-z][A-Za-z0-9_+\-/]*)$/.test(zoneText)) return undefined;
    if (rest === zoneText && !/^[+-]/.test(zoneText) && zoneText !== 'Z') return undefined;
    zone = zoneText;
  }
  const millisOfDay = Number(picosOfDay / 1_000_000_000n);
  const picosOfMilli = Number(picosOfDay % 1_000_000_000n);
  return { localMillis: days * MILLIS_PER_DAY + millisOfDay, picosOfMilli, fractionDigits, zone, hasTime };
}

/** Offset in minutes of a time-with-time-zone at the given instant, for zones with DST. */
export function offsetAt(zone: string, epochMillis: number): number {
  return zoneOffsetMinutes(zone, epochMillis);
}
