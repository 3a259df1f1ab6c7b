import { civilFromDays, daysFromCivil, MILLIS_PER_DAY } from '../../type/date-time.js';

/** Wall-clock fields of a local millis value (read as UTC). */
export interface LocalFields {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly millisecond: number;
  readonly days: number;
}

export function localFields(localMillis: number): LocalFields {
  const days = Math.floor(localMillis / MILLIS_PER_DAY);
  let ms = localMillis - days * MILLIS_PER_DAY;
  const c = civilFromDays(days);
  const hour = Math.floor(ms / 3_600_000);
  ms -= hour * 3_600_000;
  const minute = Math.floor(ms / 60_000);
  ms -= minute * 60_000;
  const second = Math.floor(ms / 1000);
  return { year: c.year, month: c.month, day: c.day, hour, minute, second, millisecond: ms - second * 1000, days };
}

/** ISO day of week, 1 = Monday .. 7 = Sunday. */
export function isoDayOfWeek(days: number): number {
  return ((((days + 3) % 7) + 7) % 7) + 1;
}

export function dayOfYear(days: number): number {
  const c = civilFromDays(days);
  return days - daysFromCivil(c.year, 1, 1) + 1;
}

/** ISO week-based year and week number. */
export function isoWeek(days: number): { weekYear: number; week: number } {
  const dow = isoDayOfWeek(days);
  const thursday = days + (4 - dow);
  const year = civilFromDays(thursday).year;
  const firstDay = daysFromCivil(year, 1, 1);
  return { weekYear: year, week: Math.floor((thursday - firstDay) / 7) + 1 };
}

export function quarter(month: number): number {
  return Math.floor((month - 1) / 3) + 1;
}

export const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
export const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
