/**
 * Text forms of date/time values as Trino's protocol and CAST to varchar print them
 * (`2001-08-22`, `03:04:05.321`, `2001-08-22 03:04:05.321 America/New_York`, `1 02:03:04.000`).
 */
const MILLIS_PER_DAY = 86_400_000;
const PICOS_PER_MILLI = 1_000_000_000n;

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** Proleptic Gregorian date of a day number (days since 1970-01-01). */
export function civilFromDays(days: number): { readonly year: number; readonly month: number; readonly day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}

function formatYear(year: number): string {
  if (year < 0) return `-${pad(-year, 4)}`;
  if (year > 9999) return `+${year}`;
  return pad(year, 4);
}

export function formatDate(days: number): string {
  const { year, month, day } = civilFromDays(days);
  return `${formatYear(year)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** Fraction digits of a picosecond count within one second, rounded half up to `precision` digits; returns [carrySeconds, text]. */
function fraction(picosOfSecond: bigint, precision: number): [number, string] {
  if (precision === 0) {
    const carry = picosOfSecond * 2n >= 1_000_000_000_000n ? 1 : 0;
    return [carry, ''];
  }
  const scale = 10n ** BigInt(12 - precision);
  let scaled = (picosOfSecond + scale / 2n) / scale;
  const limit = 10n ** BigInt(precision);
  let carry = 0;
  if (scaled >= limit) {
    scaled -= limit;
    carry = 1;
  }
  return [carry, '.' + scaled.toString().padStart(precision, '0')];
}

function formatTimeOfDay(picosOfDay: bigint, precision: number): string {
  const picosPerSecond = 1_000_000_000_000n;
  let seconds = Number(picosOfDay / picosPerSecond);
  const [carry, text] = fraction(picosOfDay % picosPerSecond, precision);
  seconds = (seconds + carry) % 86400;
  return `${pad(Math.floor(seconds / 3600), 2)}:${pad(Math.floor(seconds / 60) % 60, 2)}:${pad(seconds % 60, 2)}${text}`;
}

export function formatTime(picosOfDay: bigint, precision: number): string {
  return formatTimeOfDay(picosOfDay, precision);
}

export function formatOffset(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const magnitude = Math.abs(offsetMinutes);
  return `${sign}${pad(Math.floor(magnitude / 60), 2)}:${pad(magnitude % 60, 2)}`;
}

export function formatTimeWithTimeZone(picosOfDay: bigint, offsetMinutes: number, precision: number): string {
  return formatTimeOfDay(picosOfDay, precision) + formatOffset(offsetMinutes);
}

/** A local wall-clock timestamp: milliseconds since the epoch plus picoseconds of the millisecond. */
export function formatLocalTimestamp(epochMillis: number, picosOfMilli: number, precision: number): string {
  const days = Math.floor(epochMillis / MILLIS_PER_DAY);
  const millisOfDay = epochMillis - days * MILLIS_PER_DAY;
  const picosOfDay = BigInt(millisOfDay) * PICOS_PER_MILLI + BigInt(picosOfMilli);
  const picosPerSecond = 1_000_000_000_000n;
  const secondOfDay = Number(picosOfDay / picosPerSecond);
  const [carry, text] = fraction(picosOfDay % picosPerSecond, precision);
  let totalSeconds = days * 86400 + secondOfDay + carry;
  const dayNumber = Math.floor(totalSeconds / 86400);
  totalSeconds -= dayNumber * 86400;
  const clock = `${pad(Math.floor(totalSeconds / 3600), 2)}:${pad(Math.floor(totalSeconds / 60) % 60, 2)}:${pad(totalSeconds % 60, 2)}`;
  return `${formatDate(dayNumber)} ${clock}${text}`;
}

const zoneFormatters = new Map<string, Intl.DateTimeFormat>();

/** Offset of `zone` from UTC at `epochMillis`, in milliseconds. Fixed offsets (`+05:30`, `UTC`, `Z`) and IANA ids. */
export function zoneOffsetMillis(zone: string, epochMillis: number): number {
  const fixed = /^([+-])(\d{1,2}):?(\d{2})?$/.exec(zone);
  if (fixed !== null) {
    const minutes = Number(fixed[2]) * 60 + Number(fixed[3] ?? '0');
    return (fixed[1] === '-' ? -minutes : minutes) * 60_000;
  }
  if (zone === 'UTC' || zone === 'Z' || zone === 'GMT' || zone === 'UT') return 0;
  let formatter = zoneFormatters.get(zone);
  if (formatter === undefined) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
        era: 'short',
      });
    } catch {
      return 0;
    }
    zoneFormatters.set(zone, formatter);
  }
  const wholeSecond = Math.floor(epochMillis / 1000) * 1000;
  const parts: Record<string, string> = {};
  for (const part of formatter.formatToParts(new Date(wholeSecond))) parts[part.type] = part.value;
  let year = Number(parts['year']);
  if (parts['era'] === 'BC' || parts['era'] === 'B') year = 1 - year;
  const local = new Date(0);
  local.setUTCFullYear(year, Number(parts['month']) - 1, Number(parts['day']));
  local.setUTCHours(Number(parts['hour']), Number(parts['minute']), Number(parts['second']), 0);
  return local.getTime() - wholeSecond;
}

export function formatTimestampWithTimeZone(epochMillis: number, picosOfMilli: number, zone: string, precision: number): string {
  const local = epochMillis + zoneOffsetMillis(zone, epochMillis);
  return `${formatLocalTimestamp(local, picosOfMilli, precision)} ${zone}`;
}

/** Trino's `SqlIntervalDayTime` text: `1 02:03:04.000`, negative values with a leading `-`. */
export function formatIntervalDayToSecond(millis: number): string {
  const sign = millis < 0 ? '-' : '';
  let rest = Math.abs(millis);
  const days = Math.floor(rest / MILLIS_PER_DAY);
  rest -= days * MILLIS_PER_DAY;
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  const ms = rest - seconds * 1000;
  return `${sign}${days} ${pad(hours, 2)}:${pad(minutes, 2)}:${pad(seconds, 2)}.${pad(ms, 3)}`;
}

/** Trino's `SqlIntervalYearMonth` text: `1-2`, `-1-2`. */
export function formatIntervalYearToMonth(months: number): string {
  const sign = months < 0 ? '-' : '';
  const magnitude = Math.abs(months);
  return `${sign}${Math.floor(magnitude / 12)}-${magnitude % 12}`;
}
