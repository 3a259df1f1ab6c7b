import type { SqlType, SqlValue, TimeWithTimeZone, TimestampWithTimeZone } from '@petrel/spi';
import { timeWithTimeZone, timestampWithTimeZone } from '@petrel/spi';
import type { FunctionDefinition } from '../function-definition.js';
import { scalarFunction } from '../function-definition.js';
import type { FunctionContext } from '../function-implementation.js';
import { invalidArgument } from '../errors.js';
import {
  MILLIS_PER_DAY, PICOS_PER_DAY, civilFromDays, daysFromCivil, daysInMonth, formatDate, formatLocalTimestamp, parseDateText,
  roundTimestampParts, timestampParts, timestampValue,
} from '../../type/date-time.js';
import { formatOffset, localToUtcMillis, normalizeZone, tryNormalizeZone, utcToLocalMillis, zoneOffsetMinutes, offsetToZoneKey } from '../../type/time-zone.js';
import { addMonthsToDays, addMonthsToLocalMillis } from './date-arithmetic.js';
import { dayOfYear, isoDayOfWeek, isoWeek, localFields, quarter } from './local-fields.js';
import { formatJoda, formatMysql, parseJoda, parseMysql } from './datetime-formats.js';

type Unit = 'millisecond' | 'second' | 'minute' | 'hour' | 'day' | 'week' | 'month' | 'quarter' | 'year';
const UNIT_MILLIS: Record<string, number> = { millisecond: 1, second: 1000, minute: 60_000, hour: 3_600_000, day: MILLIS_PER_DAY, week: 7 * MILLIS_PER_DAY };
const UNIT_MONTHS: Record<string, number> = { month: 1, quarter: 3, year: 12 };

const unitCache = new WeakMap<readonly Unit[], Map<string, Unit>>();

/** The unit named by `text` (case-insensitive), cached per allowed list: units are usually constants. */
function unitOf(text: SqlValue, allowed: readonly Unit[], typeName: string): Unit {
  let cache = unitCache.get(allowed);
  if (cache === undefined) {
    cache = new Map();
    unitCache.set(allowed, cache);
  }
  const cached = cache.get(text as string);
  if (cached !== undefined) return cached;
  const u = (text as string).toLowerCase() as Unit;
  if (!allowed.includes(u)) throw invalidArgument(`'${text as string}' is not a valid ${typeName} field`);
  if (cache.size < 64) cache.set(text as string, u);
  return u;
}

/** date_trunc over days since the epoch, without building wall-clock fields. */
function truncateDays(days: number, unit: Unit): number {
  switch (unit) {
    case 'day': return days;
    case 'week': return days - isoDayOfWeek(days) + 1;
    case 'month': case 'quarter': case 'year': {
      const c = civilFromDays(days);
      const month = unit === 'month' ? c.month : unit === 'quarter' ? (quarter(c.month) - 1) * 3 + 1 : 1;
      return daysFromCivil(c.year, month, 1);
    }
    case 'millisecond': case 'second': case 'minute': case 'hour':
      return days;
  }
}

const ALL_UNITS: readonly Unit[] = ['millisecond', 'second', 'minute', 'hour', 'day', 'week', 'month', 'quarter', 'year'];
const DATE_UNITS: readonly Unit[] = ['day', 'week', 'month', 'quarter', 'year'];
const TIME_UNITS: readonly Unit[] = ['millisecond', 'second', 'minute', 'hour'];

function sessionZone(ctx: FunctionContext): string {
  return tryNormalizeZone(ctx.timeZone) ?? 'UTC';
}

/** Adds `amount` units to wall-clock millis. */
function addToLocal(localMillis: number, unit: Unit, amount: number): number {
  const months = UNIT_MONTHS[unit];
  if (months !== undefined) return addMonthsToLocalMillis(localMillis, amount * months);
  return localMillis + amount * UNIT_MILLIS[unit]!;
}

function truncateLocal(localMillis: number, unit: Unit): number {
  const f = localFields(localMillis);
  switch (unit) {
    case 'millisecond': return localMillis;
    case 'second': return localMillis - f.millisecond;
    case 'minute': return localMillis - f.millisecond - f.second * 1000;
    case 'hour': return localMillis - f.millisecond - f.second * 1000 - f.minute * 60_000;
    case 'day': return f.days * MILLIS_PER_DAY;
    case 'week': return (f.days - isoDayOfWeek(f.days) + 1) * MILLIS_PER_DAY;
    case 'month': return daysFromCivil(f.year, f.month, 1) * MILLIS_PER_DAY;
    case 'quarter': return daysFromCivil(f.year, (quarter(f.month) - 1) * 3 + 1, 1) * MILLIS_PER_DAY;
    case 'year': return daysFromCivil(f.year, 1, 1) * MILLIS_PER_DAY;
  }
}

/** Whole units between two wall-clock values (Joda semantics: truncated toward zero). */
function diffLocal(unit: Unit, a: number, b: number): number {
  const months = UNIT_MONTHS[unit];
  if (months === undefined) return Math.trunc((b - a) / UNIT_MILLIS[unit]!);
  const fa = localFields(a);
  const fb = localFields(b);
  let m = (fb.year * 12 + fb.month) - (fa.year * 12 + fa.month);
  const restA = a - daysFromCivil(fa.year, fa.month, 1) * MILLIS_PER_DAY;
  const restB = b - daysFromCivil(fb.year, fb.month, 1) * MILLIS_PER_DAY;
  if (m > 0 && restB < restA) m--;
  else if (m < 0 && restB > restA) m++;
  return Math.trunc(m / months);
}

function tzLocal(v: SqlValue): number {
  const t = v as TimestampWithTimeZone;
  return utcToLocalMillis(t.zone, t.epochMillis);
}

function fromLocalTz(t: TimestampWithTimeZone, local: number): TimestampWithTimeZone {
  return timestampWithTimeZone(localToUtcMillis(t.zone, local), t.picosOfMilli, t.zone);
}

function timeMillis(v: SqlValue): number {
  return Number((v as bigint) / 1_000_000_000n);
}

function wrapTime(picos: bigint): bigint {
  const r = picos % PICOS_PER_DAY;
  return r < 0n ? r + PICOS_PER_DAY : r;
}

function toIso8601Timestamp(localMillis: number, picos: number, precision: number): string {
  return formatLocalTimestamp(localMillis, picos, precision).replace(' ', 'T');
}

function parseIso8601(text: string, ctx: FunctionContext, precision: number): TimestampWithTimeZone {
  const t = text.trim();
  const m = /^([+-]?\d{4,})(?:-(\d{2})(?:-(\d{2}))?)?(?:T(\d{2})(?::?(\d{2})(?::?(\d{2})(?:[.,](\d{1,12}))?)?)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/.exec(t);
  if (m === null) throw invalidArgument(`Invalid format: "${text}"`);
  const year = Number(m[1]);
  const month = m[2] === undefined ? 1 : Number(m[2]);
  const day = m[3] === undefined ? 1 : Number(m[3]);
  const hour = m[4] === undefined ? 0 : Number(m[4]);
  const minute = m[5] === undefined ? 0 : Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 24 || minute > 59 || second > 59) {
    throw invalidArgument(`Invalid format: "${text}"`);
  }
  const frac = (m[7] ?? '').padEnd(12, '0');
  const local = daysFromCivil(year, month, day) * MILLIS_PER_DAY + hour * 3_600_000 + minute * 60_000 + second * 1000 + Number(frac.slice(0, 3));
  const picos = Number(frac.slice(3));
  let zone: string;
  if (m[8] === undefined) zone = sessionZone(ctx);
  else if (m[8] === 'Z') zone = 'UTC';
  else zone = normalizeZone(m[8]);
  const r = roundTimestampParts(local, picos, precision);
  return timestampWithTimeZone(localToUtcMillis(zone, r.epochMillis), r.picosOfMilli, zone);
}

function humanReadableSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) throw invalidArgument('Invalid argument found: ' + seconds);
  let rest = Math.round(Math.abs(seconds));
  const parts: [number, string][] = [];
  for (const [size, name] of [[604800, 'week'], [86400, 'day'], [3600, 'hour'], [60, 'minute'], [1, 'second']] as const) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0) parts.push([n, name]);
  }
  if (parts.length === 0) return '0 seconds';
  return parts.map(([n, name]) => `${n} ${name}${n === 1 ? '' : 's'}`).join(', ');
}

const DURATION_UNITS: Record<string, number> = { ns: 1e-6, us: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

function parseDuration(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]+)\s*$/.exec(text);
  const unit = m === null ? undefined : DURATION_UNITS[m[2]!];
  if (m === null || unit === undefined) throw invalidArgument(`duration is not a valid data duration string: ${text}`);
  return Math.round(Number(m[1]) * unit);
}

/** Registers `name` over date, timestamp(p), timestamp(p) with time zone (and time types for time fields). */
function fieldFunctions(): FunctionDefinition[] {
  const defs: FunctionDefinition[] = [];
  type Extract = (f: ReturnType<typeof localFields>) => number;
  const dateFields: [string[], Extract, string][] = [
    [['year'], (f) => f.year, 'Year of the given value'],
    [['quarter'], (f) => quarter(f.month), 'Quarter of the year of the given value'],
    [['month'], (f) => f.month, 'Month of the year of the given value'],
    [['week', 'week_of_year'], (f) => isoWeek(f.days).week, 'Week of the year of the given value'],
    [['day', 'day_of_month'], (f) => f.day, 'Day of the month of the given value'],
    [['day_of_week', 'dow'], (f) => isoDayOfWeek(f.days), 'Day of the week of the given value'],
    [['day_of_year', 'doy'], (f) => dayOfYear(f.days), 'Day of the year of the given value'],
    [['year_of_week', 'yow'], (f) => isoWeek(f.days).weekYear, 'Year of the ISO week of the given value'],
  ];
  const timeFields: [string[], Extract, string][] = [
    [['hour'], (f) => f.hour, 'Hour of the day of the given value'],
    [['minute'], (f) => f.minute, 'Minute of the hour of the given value'],
    [['second'], (f) => f.second, 'Second of the minute of the given value'],
    [['millisecond'], (f) => f.millisecond, 'Millisecond of the second of the given value'],
  ];
  /** Trino names the argument in the description: "Year of the given date", "... of the given timestamp". */
  const of = (description: string, what: string): string => description.replace('the given value', `the given ${what}`);
  for (const [names, extract, description] of dateFields) {
    for (const name of names) {
      defs.push(
        scalarFunction({ name, args: ['date'], returns: 'bigint', description: of(description, 'date'), impl: (v) => extract(localFields((v as number) * MILLIS_PER_DAY)) }),
        scalarFunction({ name, args: ['timestamp(p)'], returns: 'bigint', description: of(description, 'timestamp'), impl: (v) => extract(localFields(timestampParts(v).epochMillis)) }),
        scalarFunction({ name, args: ['timestamptz(p)'], returns: 'bigint', description: of(description, 'timestamp'), impl: (v) => extract(localFields(tzLocal(v))) }),
      );
    }
  }
  for (const [names, extract, description] of timeFields) {
    for (const name of names) {
      defs.push(
        scalarFunction({ name, args: ['timestamp(p)'], returns: 'bigint', description: of(description, 'timestamp'), impl: (v) => extract(localFields(timestampParts(v).epochMillis)) }),
        scalarFunction({ name, args: ['timestamptz(p)'], returns: 'bigint', description: of(description, 'timestamp'), impl: (v) => extract(localFields(tzLocal(v))) }),
        scalarFunction({ name, args: ['time(p)'], returns: 'bigint', description: of(description, 'time'), impl: (v) => extract(localFields(timeMillis(v))) }),
        scalarFunction({ name, args: ['timetz(p)'], returns: 'bigint', description: of(description, 'time'), impl: (v) => extract(localFields(timeMillis((v as TimeWithTimeZone).picos))) }),
      );
    }
  }
  // interval fields
  const ds: [string, (ms: number) => number][] = [
    ['day', (ms) => Math.trunc(ms / MILLIS_PER_DAY)], ['hour', (ms) => Math.trunc(ms / 3_600_000) % 24],
    ['minute', (ms) => Math.trunc(ms / 60_000) % 60], ['second', (ms) => Math.trunc(ms / 1000) % 60], ['millisecond', (ms) => ms % 1000],
  ];
  const intervalDescriptions: Record<string, string> = {
    day: 'Day of the month of the given interval', hour: 'Hour of the day of the given interval', minute: 'Minute of the hour of the given interval',
    second: 'Second of the minute of the given interval', millisecond: 'Millisecond of the second of the given interval',
  };
  for (const [name, f] of ds) defs.push(scalarFunction({ name, args: ['interval_ds'], returns: 'bigint', description: intervalDescriptions[name], impl: (v) => f(v as number) + 0 }));
  defs.push(scalarFunction({ name: 'day_of_month', args: ['interval_ds'], returns: 'bigint', description: 'Day of the month of the given interval', impl: (v) => Math.trunc((v as number) / MILLIS_PER_DAY) + 0 }));
  defs.push(
    scalarFunction({ name: 'year', args: ['interval_ym'], returns: 'bigint', description: 'Year of the given interval', impl: (v) => Math.trunc((v as number) / 12) + 0 }),
    scalarFunction({ name: 'month', args: ['interval_ym'], returns: 'bigint', description: 'Month of the year of the given interval', impl: (v) => ((v as number) % 12) + 0 }),
  );
  for (const [name, f] of [['timezone_hour', (m: number) => Math.trunc(m / 60)], ['timezone_minute', (m: number) => m % 60]] as const) {
    defs.push(
      scalarFunction({
        name, args: ['timestamptz(p)'], returns: 'bigint', description: `Time zone ${name.slice(9)} of the given timestamp`,
        impl: (v) => {
          const t = v as TimestampWithTimeZone;
          return f(zoneOffsetMinutes(t.zone, t.epochMillis)) + 0;
        },
      }),
      scalarFunction({ name, args: ['timetz(p)'], returns: 'bigint', description: `Time zone ${name.slice(9)} of the given value`, impl: (v) => f((v as TimeWithTimeZone).offsetMinutes) + 0 }),
    );
  }
  return defs;
}

export function dateTimeFunctions(): FunctionDefinition[] {
  const precisionOf = (t: SqlType): number => (t as { precision: number }).precision;
  return [
    ...fieldFunctions(),
    scalarFunction({ name: 'date', args: ['varchar(x)'], returns: 'date', description: 'Converts a string to a date', impl: (v) => {
      const d = parseDateText(v as string);
      if (d === undefined) throw invalidArgument(`Value cannot be cast to date: ${v as string}`);
      return d;
    } }),
    scalarFunction({ name: 'date', args: ['timestamp(p)'], returns: 'date', description: 'Date part of a timestamp', impl: (v) => Math.floor(timestampParts(v).epochMillis / MILLIS_PER_DAY) }),
    scalarFunction({ name: 'date', args: ['timestamptz(p)'], returns: 'date', description: 'Date part of a timestamp', impl: (v) => Math.floor(tzLocal(v) / MILLIS_PER_DAY) }),
    // date_add
    scalarFunction({
      name: 'date_add', args: ['varchar(x)', 'bigint', 'date'], returns: 'date', description: 'Add the specified amount of date to the given date',
      impl: (u, n, d) => {
        const unit = unitOf(u, DATE_UNITS, 'DATE');
        return Math.floor(addToLocal((d as number) * MILLIS_PER_DAY, unit, Number(n)) / MILLIS_PER_DAY);
      },
    }),
    scalarFunction({
      name: 'date_add', args: ['varchar(x)', 'bigint', 'timestamp(p)'], returns: 'timestamp(p)', description: 'Add the specified amount of time to the given timestamp',
      specialize: (b) => {
        const p = precisionOf(b.returnType);
        return (u, n, t) => {
          const unit = unitOf(u, ALL_UNITS, 'TIMESTAMP');
          const x = timestampParts(t);
          return timestampValue(addToLocal(x.epochMillis, unit, Number(n)), x.picosOfMilli, p);
        };
      },
    }),
    scalarFunction({
      name: 'date_add', args: ['varchar(x)', 'bigint', 'timestamptz(p)'], returns: 'timestamptz(p)', description: 'Add the specified amount of time to the given timestamp',
      impl: (u, n, t) => {
        const unit = unitOf(u, ALL_UNITS, 'TIMESTAMP WITH TIME ZONE');
        const tz = t as TimestampWithTimeZone;
        if (UNIT_MONTHS[unit] !== undefined || unit === 'day' || unit === 'week') return fromLocalTz(tz, addToLocal(tzLocal(tz), unit, Number(n)));
        return timestampWithTimeZone(tz.epochMillis + Number(n) * UNIT_MILLIS[unit]!, tz.picosOfMilli, tz.zone);
      },
    }),
    scalarFunction({
      name: 'date_add', args: ['varchar(x)', 'bigint', 'time(p)'], returns: 'time(p)', description: 'Add the specified amount of time to the given time',
      impl: (u, n, t) => wrapTime((t as bigint) + BigInt(Number(n) * UNIT_MILLIS[unitOf(u, TIME_UNITS, 'TIME')]!) * 1_000_000_000n),
    }),
    scalarFunction({
      name: 'date_add', args: ['varchar(x)', 'bigint', 'timetz(p)'], returns: 'timetz(p)', description: 'Add the specified amount of time to the given time',
      impl: (u, n, t) => {
        const x = t as TimeWithTimeZone;
        return timeWithTimeZone(wrapTime(x.picos + BigInt(Number(n) * UNIT_MILLIS[unitOf(u, TIME_UNITS, 'TIME WITH TIME ZONE')]!) * 1_000_000_000n), x.offsetMinutes);
      },
    }),
    // date_diff
    scalarFunction({
      name: 'date_diff', args: ['varchar(x)', 'date', 'date'], returns: 'bigint', description: 'Difference of the given dates in the given unit',
      impl: (u, a, b) => diffLocal(unitOf(u, DATE_UNITS, 'DATE'), (a as number) * MILLIS_PER_DAY, (b as number) * MILLIS_PER_DAY),
    }),
    scalarFunction({
      name: 'date_diff', args: ['varchar(x)', 'timestamp(p)', 'timestamp(p)'], returns: 'bigint', description: 'Difference of the given times in the given unit',
      impl: (u, a, b) => diffLocal(unitOf(u, ALL_UNITS, 'TIMESTAMP'), timestampParts(a).epochMillis, timestampParts(b).epochMillis),
    }),
    scalarFunction({
      name: 'date_diff', args: ['varchar(x)', 'timestamptz(p)', 'timestamptz(p)'], returns: 'bigint', description: 'Difference of the given times in the given unit',
      impl: (u, a, b) => {
        const unit = unitOf(u, ALL_UNITS, 'TIMESTAMP WITH TIME ZONE');
        const x = a as TimestampWithTimeZone;
        const y = b as TimestampWithTimeZone;
        if (UNIT_MONTHS[unit] === undefined && unit !== 'day' && unit !== 'week') return Math.trunc((y.epochMillis - x.epochMillis) / UNIT_MILLIS[unit]!);
        return diffLocal(unit, utcToLocalMillis(x.zone, x.epochMillis), utcToLocalMillis(x.zone, y.epochMillis));
      },
    }),
    scalarFunction({
      name: 'date_diff', args: ['varchar(x)', 'time(p)', 'time(p)'], returns: 'bigint', description: 'Difference of the given times in the given unit',
      impl: (u, a, b) => diffLocal(unitOf(u, TIME_UNITS, 'TIME'), timeMillis(a), timeMillis(b)),
    }),
    scalarFunction({
      name: 'date_diff', args: ['varchar(x)', 'timetz(p)', 'timetz(p)'], returns: 'bigint', description: 'Difference of the given times in the given unit',
      // compared as instants: each time's UTC time of day
      impl: (u, a, b) => {
        const utc = (t: TimeWithTimeZone): number => timeMillis(t.picos) - t.offsetMinutes * 60_000;
        return diffLocal(unitOf(u, TIME_UNITS, 'TIME WITH TIME ZONE'), utc(a as TimeWithTimeZone), utc(b as TimeWithTimeZone));
      },
    }),
    // date_trunc
    scalarFunction({
      name: 'date_trunc', args: ['varchar(x)', 'date'], returns: 'date', description: 'Truncate to the specified precision in the session timezone',
      impl: (u, d) => truncateDays(d as number, unitOf(u, DATE_UNITS, 'DATE')),
    }),
    scalarFunction({
      name: 'date_trunc', args: ['varchar(x)', 'timestamp(p)'], returns: 'timestamp(p)', description: 'Truncate to the specified precision in the session timezone',
      specialize: (b) => {
        const p = precisionOf(b.returnType);
        return (u, t) => {
          const unit = unitOf(u, ALL_UNITS, 'TIMESTAMP');
          const x = timestampParts(t);
          return timestampValue(truncateLocal(x.epochMillis, unit), unit === 'millisecond' ? 0 : 0, p);
        };
      },
    }),
    scalarFunction({
      name: 'date_trunc', args: ['varchar(x)', 'timestamptz(p)'], returns: 'timestamptz(p)', description: 'Truncate to the specified precision',
      impl: (u, t) => {
        const unit = unitOf(u, ALL_UNITS, 'TIMESTAMP WITH TIME ZONE');
        const tz = t as TimestampWithTimeZone;
        return timestampWithTimeZone(localToUtcMillis(tz.zone, truncateLocal(tzLocal(tz), unit)), 0, tz.zone);
      },
    }),
    scalarFunction({
      name: 'date_trunc', args: ['varchar(x)', 'time(p)'], returns: 'time(p)', description: 'Truncate to the specified precision',
      impl: (u, t) => BigInt(truncateLocal(timeMillis(t), unitOf(u, TIME_UNITS, 'TIME'))) * 1_000_000_000n,
    }),
    scalarFunction({
      name: 'date_trunc', args: ['varchar(x)', 'timetz(p)'], returns: 'timetz(p)', description: 'Truncate to the specified precision',
      impl: (u, t) => {
        const x = t as TimeWithTimeZone;
        return timeWithTimeZone(BigInt(truncateLocal(timeMillis(x.picos), unitOf(u, TIME_UNITS, 'TIME WITH TIME ZONE'))) * 1_000_000_000n, x.offsetMinutes);
      },
    }),
    // formatting and parsing
    scalarFunction({
      name: 'date_format', args: ['timestamp(p)', 'varchar(x)'], returns: 'varchar', description: 'Formats the given timestamp by the given format',
      impl: (t, f) => {
        const x = timestampParts(t);
        return formatMysql(x.epochMillis, (((x.epochMillis % 1000) + 1000) % 1000) * 1000 + Math.floor(x.picosOfMilli / 1_000_000), f as string);
      },
    }),
    scalarFunction({
      name: 'date_format', args: ['timestamptz(p)', 'varchar(x)'], returns: 'varchar', description: 'Formats the given timestamp by the given format',
      impl: (t, f) => {
        const local = tzLocal(t);
        return formatMysql(local, (((local % 1000) + 1000) % 1000) * 1000 + Math.floor((t as TimestampWithTimeZone).picosOfMilli / 1_000_000), f as string);
      },
    }),
    scalarFunction({ name: 'date_parse', args: ['varchar(x)', 'varchar(y)'], returns: 'timestamp(3)', description: '', impl: (s, f) => parseMysql(s as string, f as string) }),
    scalarFunction({
      name: 'format_datetime', args: ['timestamp(p)', 'varchar(x)'], returns: 'varchar', description: 'Formats the given time by the given format',
      specialize: (_b, ctx) => (t, f) => {
        const local = timestampParts(t).epochMillis;
        const zone = sessionZone(ctx);
        return formatJoda(local, zoneOffsetMinutes(zone, localToUtcMillis(zone, local)), zone, f as string);
      },
    }),
    scalarFunction({
      name: 'format_datetime', args: ['timestamptz(p)', 'varchar(x)'], returns: 'varchar', description: 'Formats the given time by the given format',
      impl: (t, f) => {
        const tz = t as TimestampWithTimeZone;
        return formatJoda(tzLocal(tz), zoneOffsetMinutes(tz.zone, tz.epochMillis), tz.zone, f as string);
      },
    }),
    scalarFunction({
      name: 'parse_datetime', args: ['varchar(x)', 'varchar(y)'], returns: 'timestamptz(3)', description: 'Parses the specified date/time by the given format',
      specialize: (_b, ctx) => (s, f) => {
        const r = parseJoda(s as string, f as string);
        if (r.offsetMinutes !== undefined) {
          return timestampWithTimeZone(r.localMillis - r.offsetMinutes * 60000, 0, offsetToZoneKey(r.offsetMinutes));
        }
        const zone = r.zone !== undefined ? normalizeZone(r.zone) : sessionZone(ctx);
        return timestampWithTimeZone(localToUtcMillis(zone, r.localMillis), 0, zone);
      },
    }),
    // unix time
    scalarFunction({
      name: 'from_unixtime', args: ['double'], returns: 'timestamptz(3)', description: '',
      specialize: (_b, ctx) => (v) => timestampWithTimeZone(Math.round((v as number) * 1000), 0, sessionZone(ctx)),
    }),
    scalarFunction({
      name: 'from_unixtime', args: ['double', 'varchar(x)'], returns: 'timestamptz(3)', description: 'Converts a UNIX time (seconds) to a timestamp in the given zone',
      impl: (v, z) => timestampWithTimeZone(Math.round((v as number) * 1000), 0, normalizeZone(z as string)),
    }),
    scalarFunction({
      name: 'from_unixtime', args: ['double', 'bigint', 'bigint'], returns: 'timestamptz(3)', description: '',
      impl: (v, h, m) => timestampWithTimeZone(Math.round((v as number) * 1000), 0, offsetToZoneKey(Number(h) * 60 + Number(m))),
    }),
    scalarFunction({
      name: 'from_unixtime_nanos', args: ['bigint'], returns: 'timestamptz(9)', description: 'Converts a UNIX time in nanoseconds to a timestamp',
      specialize: (_b, ctx) => (v) => {
        const n = BigInt(v as number | bigint);
        const ms = n >= 0n ? n / 1_000_000n : -((-n + 999_999n) / 1_000_000n);
        const rest = n - ms * 1_000_000n;
        return timestampWithTimeZone(Number(ms), Number(rest) * 1000, sessionZone(ctx));
      },
    }),
    scalarFunction({
      name: 'to_unixtime', args: ['timestamptz(p)'], returns: 'double', description: '',
      impl: (t) => (t as TimestampWithTimeZone).epochMillis / 1000 + (t as TimestampWithTimeZone).picosOfMilli / 1e15,
    }),
    scalarFunction({ name: 'from_iso8601_timestamp', args: ['varchar(x)'], returns: 'timestamptz(3)', description: '', specialize: (_b, ctx) => (s) => parseIso8601(s as string, ctx, 3) }),
    scalarFunction({ name: 'from_iso8601_timestamp_nanos', args: ['varchar(x)'], returns: 'timestamptz(9)', description: 'Parses an ISO 8601 timestamp with nanoseconds', specialize: (_b, ctx) => (s) => parseIso8601(s as string, ctx, 9) }),
    scalarFunction({
      name: 'from_iso8601_date', args: ['varchar(x)'], returns: 'date', description: '',
      impl: (s) => {
        const text = (s as string).trim();
        const m = /^([+-]?\d{4,})(?:-(\d{2})(?:-(\d{2}))?|-W(\d{2})(?:-(\d))?|-(\d{3}))?$/.exec(text);
        if (m === null) throw invalidArgument(`Invalid format: "${s as string}"`);
        const year = Number(m[1]);
        if (m[4] !== undefined) {
          const jan4 = daysFromCivil(year, 1, 4);
          const week1 = jan4 - isoDayOfWeek(jan4) + 1;
          return week1 + (Number(m[4]) - 1) * 7 + (m[5] === undefined ? 0 : Number(m[5]) - 1);
        }
        if (m[6] !== undefined) return daysFromCivil(year, 1, 1) + Number(m[6]) - 1;
        const month = m[2] === undefined ? 1 : Number(m[2]);
        const day = m[3] === undefined ? 1 : Number(m[3]);
        if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) throw invalidArgument(`Invalid format: "${s as string}"`);
        return daysFromCivil(year, month, day);
      },
    }),
    scalarFunction({ name: 'to_iso8601', args: ['date'], returns: 'varchar(16)', description: 'Formats a date as ISO 8601', impl: (d) => formatDate(d as number) }),
    scalarFunction({
      name: 'to_iso8601', args: ['timestamp(p)'], returns: 'varchar', description: 'Formats a timestamp as ISO 8601',
      specialize: (b) => {
        const p = precisionOf(b.argumentTypes[0]!);
        return (t) => {
          const x = timestampParts(t);
          return toIso8601Timestamp(x.epochMillis, x.picosOfMilli, p);
        };
      },
    }),
    scalarFunction({
      name: 'to_iso8601', args: ['timestamptz(p)'], returns: 'varchar', description: 'Formats a timestamp with time zone as ISO 8601',
      specialize: (b) => {
        const p = precisionOf(b.argumentTypes[0]!);
        return (t) => {
          const tz = t as TimestampWithTimeZone;
          const offset = zoneOffsetMinutes(tz.zone, tz.epochMillis);
          return toIso8601Timestamp(tzLocal(tz), tz.picosOfMilli, p) + (offset === 0 ? 'Z' : formatOffset(offset));
        };
      },
    }),
    scalarFunction({
      name: 'at_timezone', args: ['timestamptz(p)', 'varchar(x)'], returns: 'timestamptz(p)', description: 'Changes the time zone of a timestamp, keeping the instant',
      impl: (t, z) => {
        const tz = t as TimestampWithTimeZone;
        return timestampWithTimeZone(tz.epochMillis, tz.picosOfMilli, normalizeZone(z as string));
      },
    }),
    scalarFunction({
      name: 'at_timezone', args: ['timetz(p)', 'varchar(x)'], returns: 'timetz(p)', hidden: true,
      specialize: (_b, ctx) => (t, z) => {
        const x = t as TimeWithTimeZone;
        const zone = normalizeZone(z as string);
        const newOffset = zoneOffsetMinutes(zone, ctx.startTime);
        return timeWithTimeZone(wrapTime(x.picos + BigInt((newOffset - x.offsetMinutes) * 60000) * 1_000_000_000n), newOffset);
      },
    }),
    scalarFunction({
      name: 'with_timezone', args: ['timestamp(p)', 'varchar(x)'], returns: 'timestamptz(p)', description: 'Interprets a timestamp in the given time zone',
      impl: (t, z) => {
        const zone = normalizeZone(z as string);
        const x = timestampParts(t);
        return timestampWithTimeZone(localToUtcMillis(zone, x.epochMillis), x.picosOfMilli, zone);
      },
    }),
    scalarFunction({
      name: 'timezone', args: ['timestamptz(p)'], returns: 'varchar', description: 'Time zone of the given timestamp',
      impl: (t) => (t as TimestampWithTimeZone).zone,
    }),
    scalarFunction({ name: 'last_day_of_month', args: ['date'], returns: 'date', description: 'Last day of the month of the given date', impl: (d) => lastDay(d as number) }),
    scalarFunction({ name: 'last_day_of_month', args: ['timestamp(p)'], returns: 'date', description: 'Last day of the month of the given timestamp', impl: (t) => lastDay(Math.floor(timestampParts(t).epochMillis / MILLIS_PER_DAY)) }),
    scalarFunction({ name: 'last_day_of_month', args: ['timestamptz(p)'], returns: 'date', description: 'Last day of the month of the given timestamp', impl: (t) => lastDay(Math.floor(tzLocal(t) / MILLIS_PER_DAY)) }),
    scalarFunction({ name: 'human_readable_seconds', args: ['double'], returns: 'varchar', description: 'Formats seconds as a human-readable duration', impl: (v) => humanReadableSeconds(v as number) }),
    scalarFunction({ name: 'parse_duration', args: ['varchar(x)'], returns: 'interval_ds', description: 'Parses a duration string such as 3.5m', impl: (v) => parseDuration(v as string) }),
    scalarFunction({ name: 'to_milliseconds', args: ['interval_ds'], returns: 'bigint', description: 'Milliseconds of the interval', impl: (v) => v }),
  ];
}

function lastDay(days: number): number {
  const c = civilFromDays(days);
  return daysFromCivil(c.year, c.month, daysInMonth(c.year, c.month));
}

export { addMonthsToDays };
