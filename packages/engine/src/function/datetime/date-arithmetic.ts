import { civilFromDays, daysFromCivil, daysInMonth, MILLIS_PER_DAY } from '../../type/date-time.js';

/** Adds months to a date (days since epoch), clamping the day to the month's length. */
export function addMonthsToDays(days: number, months: number): number {
  const c = civilFromDays(days);
  const total = c.year * 12 + (c.month - 1) + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12 + 1;
  return daysFromCivil(year, month, Math.min(c.day, daysInMonth(year, month)));
}

/** Adds months to a wall-clock millis value (read as UTC). */
export function addMonthsToLocalMillis(millis: number, months: number): number {
  const days = Math.floor(millis / MILLIS_PER_DAY);
  const rest = millis - days * MILLIS_PER_DAY;
  return addMonthsToDays(days, months) * MILLIS_PER_DAY + rest;
}
