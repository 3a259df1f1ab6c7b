import { StandardErrorCode, TrinoError } from '@petrel/spi';

/**
 * Time zones: Trino zone keys are `UTC`, fixed offsets spelled `+05:30`, or IANA region ids.
 * Offsets of IANA zones come from `Intl.DateTimeFormat`, cached per zone and hour.
 */

const UTC_ALIASES = new Set([
  'utc', 'z', 'ut', 'gmt', 'etc/utc', 'etc/gmt', 'etc/ut', 'etc/universal', 'etc/zulu', 'universal', 'zulu', 'gmt0',
  'etc/gmt0', 'etc/gmt+0', 'etc/gmt-0', 'gmt+0', 'gmt-0', 'greenwich', 'etc/greenwich', 'uct', 'etc/uct',
]);

const normalizedCache = new Map<string, string | null>();

function formatOffsetMinutes(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** `+05:30` for an offset in minutes; `UTC` handled by callers that want a zone key. */
export function offsetToZoneKey(minutes: number): string {
  return minutes === 0 ? 'UTC' : formatOffsetMinutes(minutes);
}

export function formatOffset(minutes: number): string {
  return formatOffsetMinutes(minutes);
}

/** Parses `+05:30`, `+0530`, `+05`, `-8` (hours) into minutes; undefined when not an offset. */
export function parseOffset(text: string): number | undefined {
  const m = /^([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(text);
  if (m === null) return undefined;
  const hours = Number(m[2]);
  const minutes = m[3] === undefined ? 0 : Number(m[3]);
  if (hours > 14 || minutes > 59) return undefined;
  const total = hours * 60 + minutes;
  return m[1] === '-' ? -total : total;
}

/** The canonical zone key for `zone`, or undefined when it is not a known zone. */
export function tryNormalizeZone(zone: string): string | undefined {
  const cached = normalizedCache.get(zone);
  if (cached !== undefined) return cached ?? undefined;
  const result = computeNormalizedZone(zone.trim());
  normalizedCache.set(zone, result ?? null);
  return result;
}

function computeNormalizedZone(zone: string): string | undefined {
  const lower = zone.toLowerCase();
  if (UTC_ALIASES.has(lower)) return 'UTC';
  let offsetText = zone;
  const prefixed = /^(?:utc|gmt|ut)([+-].*)$/i.exec(zone);
  if (prefixed !== null) offsetText = prefixed[1]!;
  const offset = parseOffset(offsetText);
  if (offset !== undefined) return offsetToZoneKey(offset);
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(zone)) return undefined;
  try {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
    if (UTC_ALIASES.has(resolved.toLowerCase())) return 'UTC';
    return resolved;
  } catch {
    return undefined;
  }
}

/** The canonical zone key; throws INVALID_FUNCTION_ARGUMENT `Time zone not supported: X`. */
export function normalizeZone(zone: string): string {
  const result = tryNormalizeZone(zone);
  if (result === undefined) throw new TrinoError(StandardErrorCode.INVALID_FUNCTION_ARGUMENT, `Time zone not supported: ${zone}`);
  return result;
}

export function isFixedOffsetZone(zone: string): boolean {
  return zone === 'UTC' || zone.startsWith('+') || zone.startsWith('-');
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsetCache = new Map<string, Map<number, number>>();
const HOUR = 3_600_000;

function formatterFor(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
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
    formatters.set(zone, f);
  }
  return f;
}

function computeIanaOffset(zone: string, epochMillis: number): number {
  const parts = formatterFor(zone).formatToParts(new Date(epochMillis));
  let year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  let bc = false;
  for (const p of parts) {
    switch (p.type) {
      case 'year': year = Number(p.value); break;
      case 'month': month = Number(p.value); break;
      case 'day': day = Number(p.value); break;
      case 'hour': hour = Number(p.value); break;
      case 'minute': minute = Number(p.value); break;
      case 'second': second = Number(p.value); break;
      case 'era': bc = p.value.startsWith('B'); break;
      default: break;
    }
  }
  if (bc) year = 1 - year;
  const asUtc = Date.UTC(2000, month - 1, day, hour, minute, second) + (year - 2000 === 0 ? 0 : 0);
  const d = new Date(asUtc);
  d.setUTCFullYear(year);
  const wall = d.getTime();
  const truncated = Math.floor(epochMillis / 1000) * 1000;
  return Math.round((wall - truncated) / 60000);
}

/** Offset of `zone` from UTC in minutes at the instant `epochMillis`. */
export function zoneOffsetMinutes(zone: string, epochMillis: number): number {
  if (zone === 'UTC') return 0;
  const c = zone.charCodeAt(0);
  if (c === 43 /* + */ || c === 45 /* - */) return parseOffset(zone) ?? 0;
  const hourKey = Math.floor(epochMillis / HOUR);
  let perZone = offsetCache.get(zone);
  if (perZone === undefined) {
    perZone = new Map();
    offsetCache.set(zone, perZone);
  }
  let offset = perZone.get(hourKey);
  if (offset === undefined) {
    // Transitions happen on whole quarter hours in practice; check both ends of the hour.
    const start = computeIanaOffset(zone, hourKey * HOUR);
    const end = computeIanaOffset(zone, hourKey * HOUR + HOUR - 1);
    if (start !== end) return computeIanaOffset(zone, epochMillis);
    offset = start;
    if (perZone.size > 100_000) perZone.clear();
    perZone.set(hourKey, offset);
  }
  return offset;
}

/**
 * The UTC instant of a wall-clock time in `zone` (`localMillis` is the wall clock read as UTC).
 * In an overlap the earlier offset wins; a time in a gap moves forward by the gap (as java.time).
 */
export function localToUtcMillis(zone: string, localMillis: number): number {
  if (zone === 'UTC') return localMillis;
  const c = zone.charCodeAt(0);
  if (c === 43 || c === 45) return localMillis - (parseOffset(zone) ?? 0) * 60000;
  const before = zoneOffsetMinutes(zone, localMillis - 86_400_000) * 60000;
  const after = zoneOffsetMinutes(zone, localMillis + 86_400_000) * 60000;
  if (before === after) {
    const u = localMillis - before;
    if (zoneOffsetMinutes(zone, u) * 60000 === before) return u;
  }
  const u1 = localMillis - before;
  if (zoneOffsetMinutes(zone, u1) * 60000 === before) return u1;
  const u2 = localMillis - after;
  if (zoneOffsetMinutes(zone, u2) * 60000 === after) return u2;
  return u1;
}

/** Wall-clock millis (read as UTC) of an instant in `zone`. */
export function utcToLocalMillis(zone: string, epochMillis: number): number {
  return epochMillis + zoneOffsetMinutes(zone, epochMillis) * 60000;
}
