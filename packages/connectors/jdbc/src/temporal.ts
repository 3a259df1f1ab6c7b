/**
 * Conversions between the text forms remote databases use for dates, times and timestamps and
 * Petrel's runtime values (days, picoseconds of the day, epoch milliseconds plus picoseconds).
 * Proleptic Gregorian calendar throughout, as Trino.
 */

const MILLIS_PER_DAY = 86_400_000;
const PICOS_PER_SECOND = 1_000_000_000_000n;
const PICOS_PER_MILLI = 1_000_000_000;

/** Days since 1970-01-01 of a civil date (any year, proleptic Gregorian). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: era * 400 + yoe + (month <= 2 ? 1 : 0), month, day };
}

const DATE_RE = /^(-?\d{1,6})-(\d{2})-(\d{2})( BC)?/;

/** `2020-01-31` (optionally ` BC`, as PostgreSQL prints) to days since the epoch. */
export function parseDate(text: string): number {
  const m = DATE_RE.exec(text.trim());
  if (m === null) throw new Error(`invalid date '${text}'`);
  let year = Number(m[1]);
  if (m[4] !== undefined) year = 1 - year;
  const month = Number(m[2]);
  const day = Number(m[3]);
  // MySQL's zero dates ('0000-00-00', '2024-00-10') name no day.
  if (month < 1 || month > 12 || day < 1 || day > 31) throw new Error(`invalid date '${text}'`);
  return daysFromCivil(year, month, day);
}

function pad(n: number, width: number): string {
  const s = String(Math.abs(n)).padStart(width, '0');
  return n < 0 ? `-${s}` : s;
}

export function formatDate(days: number): string {
  const { year, month, day } = civilFromDays(days);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** Fraction digits (`123` of `.123`) to picoseconds. */
function fractionToPicos(fraction: string | undefined): bigint {
  if (fraction === undefined || fraction === '') return 0n;
  return BigInt(fraction.slice(0, 12).padEnd(12, '0'));
}

const TIME_RE = /^(\d{1,3}):(\d{2}):(\d{2})(?:\.(\d+))?/;

/** `13:45:30.123456` to picoseconds of the day. */
export function parseTime(text: string): bigint {
  const m = TIME_RE.exec(text.trim());
  if (m === null) throw new Error(`invalid time '${text}'`);
  const seconds = BigInt(Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]));
  // MySQL TIME is an interval (-838:59:59 to 838:59:59): only times of day are readable.
  if (text.trim().startsWith('-') || seconds >= 86400n) throw new Error(`invalid time '${text}'`);
  return seconds * PICOS_PER_SECOND + fractionToPicos(m[4]);
}

function formatFraction(picos: bigint, precision: number): string {
  if (precision <= 0) return '';
  const digits = picos.toString().padStart(12, '0').slice(0, precision);
  return `.${digits}`;
}

/** Picoseconds of the day to `HH:MM:SS[.fff]` with `precision` fraction digits. */
export function formatTime(picos: bigint, precision: number): string {
  const seconds = Number(picos / PICOS_PER_SECOND);
  const fraction = picos % PICOS_PER_SECOND;
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}${formatFraction(fraction, precision)}`;
}

/** A parsed timestamp: epoch milliseconds plus picoseconds within the millisecond. */
export interface ParsedTimestamp {
  readonly epochMillis: number;
  readonly picosOfMilli: number;
  /** Offset in minutes when the text carried one. */
  readonly offsetMinutes: number | undefined;
}

const TIMESTAMP_RE = /^(-?\d{1,6})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?\s*(Z|[+-]\d{2}(?::?\d{2})?(?::\d{2})?)?( BC)?$/;

/** `2020-01-31 13:45:30.123456[+05:30]` to epoch milliseconds (UTC wall clock when no offset). */
export function parseTimestamp(text: string): ParsedTimestamp {
  const m = TIMESTAMP_RE.exec(text.trim());
  if (m === null) throw new Error(`invalid timestamp '${text}'`);
  let year = Number(m[1]);
  if (m[9] !== undefined) year = 1 - year;
  const days = daysFromCivil(year, Number(m[2]), Number(m[3]));
  const secondsOfDay = Number(m[4]) * 3600 + Number(m[5]) * 60 + Number(m[6]);
  const picos = fractionToPicos(m[7]);
  const millisOfSecond = Number(picos / 1_000_000_000n);
  const picosOfMilli = Number(picos % 1_000_000_000n);
  let epochMillis = days * MILLIS_PER_DAY + secondsOfDay * 1000 + millisOfSecond;
  let offsetMinutes: number | undefined;
  if (m[8] !== undefined) {
    offsetMinutes = parseOffsetMinutes(m[8]);
    epochMillis -= offsetMinutes * 60_000;
  }
  return { epochMillis, picosOfMilli, offsetMinutes };
}

function parseOffsetMinutes(text: string): number {
  if (text === 'Z') return 0;
  const sign = text.startsWith('-') ? -1 : 1;
  const digits = text.slice(1).replace(/:/g, '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length >= 4 ? Number(digits.slice(2, 4)) : 0;
  return sign * (hours * 60 + minutes);
}

/** Epoch milliseconds (+ picoseconds) to `YYYY-MM-DD HH:MM:SS[.ffffff]` in UTC. */
export function formatTimestamp(epochMillis: number, picosOfMilli: number, precision: number): string {
  const days = Math.floor(epochMillis / MILLIS_PER_DAY);
  const millisOfDay = epochMillis - days * MILLIS_PER_DAY;
  const picosOfDay = BigInt(millisOfDay) * 1_000_000_000n + BigInt(picosOfMilli);
  return `${formatDate(days)} ${formatTime(picosOfDay, precision)}`;
}

export { PICOS_PER_MILLI };
