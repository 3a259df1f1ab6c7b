import { daysFromCivil, daysInMonth, MILLIS_PER_DAY } from '../../type/date-time.js';
import { formatOffset } from '../../type/time-zone.js';
import { invalidArgument } from '../errors.js';
import { DAY_NAMES, MONTH_NAMES, dayOfYear, isoDayOfWeek, isoWeek, localFields } from './local-fields.js';

const p2 = (n: number): string => String(n).padStart(2, '0');

/** MySQL `date_format` specifiers. `fraction` is the 6-digit microsecond text. */
export function formatMysql(localMillis: number, micros: number, format: string): string {
  const f = localFields(localMillis);
  let out = '';
  for (let i = 0; i < format.length; i++) {
    const c = format[i]!;
    if (c !== '%' || i + 1 >= format.length) {
      out += c;
      continue;
    }
    const s = format[++i]!;
    const h12 = f.hour % 12 === 0 ? 12 : f.hour % 12;
    switch (s) {
      case 'a': out += DAY_NAMES[isoDayOfWeek(f.days) - 1]!.slice(0, 3); break;
      case 'b': out += MONTH_NAMES[f.month - 1]!.slice(0, 3); break;
      case 'c': out += String(f.month); break;
      case 'd': out += p2(f.day); break;
      case 'e': out += String(f.day); break;
      case 'f': out += String(micros).padStart(6, '0'); break;
      case 'H': out += p2(f.hour); break;
      case 'h': case 'I': out += p2(h12); break;
      case 'i': out += p2(f.minute); break;
      case 'j': out += String(dayOfYear(f.days)).padStart(3, '0'); break;
      case 'k': out += String(f.hour); break;
      case 'l': out += String(h12); break;
      case 'M': out += MONTH_NAMES[f.month - 1]; break;
      case 'm': out += p2(f.month); break;
      case 'p': out += f.hour < 12 ? 'AM' : 'PM'; break;
      case 'r': out += `${p2(h12)}:${p2(f.minute)}:${p2(f.second)} ${f.hour < 12 ? 'AM' : 'PM'}`; break;
      case 'S': case 's': out += p2(f.second); break;
      case 'T': out += `${p2(f.hour)}:${p2(f.minute)}:${p2(f.second)}`; break;
      case 'v': out += p2(isoWeek(f.days).week); break;
      case 'W': out += DAY_NAMES[isoDayOfWeek(f.days) - 1]; break;
      case 'x': out += String(isoWeek(f.days).weekYear); break;
      case 'Y': out += String(f.year).padStart(4, '0'); break;
      case 'y': out += p2(((f.year % 100) + 100) % 100); break;
      case '%': out += '%'; break;
      case 'D': case 'U': case 'u': case 'V': case 'w': case 'X':
        throw invalidArgument(`%${s} not supported in date format string`);
      default: out += s;
    }
  }
  return out;
}

interface ParseState {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millis: number;
  pm: boolean | undefined;
  dayOfYear: number | undefined;
  offsetMinutes: number | undefined;
  zone: string | undefined;
}

function newState(): ParseState {
  return { year: 1970, month: 1, day: 1, hour: 0, minute: 0, second: 0, millis: 0, pm: undefined, dayOfYear: undefined, offsetMinutes: undefined, zone: undefined };
}

function finish(st: ParseState, text: string): number {
  let hour = st.hour;
  if (st.pm !== undefined) {
    if (hour > 12 || hour < 1) throw invalidArgument(`Invalid format: "${text}"`);
    hour = (hour % 12) + (st.pm ? 12 : 0);
  }
  if (st.month < 1 || st.month > 12 || st.day < 1 || st.day > daysInMonth(st.year, st.month) || hour > 23 || st.minute > 59 || st.second > 59) {
    throw invalidArgument(`Invalid format: "${text}"`);
  }
  const days = st.dayOfYear !== undefined ? daysFromCivil(st.year, 1, 1) + st.dayOfYear - 1 : daysFromCivil(st.year, st.month, st.day);
  return days * MILLIS_PER_DAY + hour * 3_600_000 + st.minute * 60_000 + st.second * 1000 + st.millis;
}

const MONTH_LOOKUP = new Map<string, number>();
MONTH_NAMES.forEach((m, i) => {
  MONTH_LOOKUP.set(m.toLowerCase(), i + 1);
  MONTH_LOOKUP.set(m.slice(0, 3).toLowerCase(), i + 1);
});

/** Parses text with MySQL specifiers into wall-clock millis. */
export function parseMysql(text: string, format: string): number {
  const st = newState();
  let pos = 0;
  const fail = (): never => {
    throw invalidArgument(`Invalid format: "${text}" is malformed at "${text.slice(pos)}"`);
  };
  const num = (min: number, max: number): number => {
    const m = new RegExp(`^[+-]?\\d{${min},${max}}`).exec(text.slice(pos));
    if (m === null) return fail();
    pos += m[0].length;
    return Number(m[0]);
  };
  const word = (): string => {
    const m = /^[A-Za-z]+/.exec(text.slice(pos));
    if (m === null) return fail();
    pos += m[0].length;
    return m[0].toLowerCase();
  };
  for (let i = 0; i < format.length; i++) {
    const c = format[i]!;
    if (c !== '%' || i + 1 >= format.length) {
      if (text[pos] !== c) fail();
      pos++;
      continue;
    }
    const s = format[++i]!;
    switch (s) {
      case 'Y': st.year = num(1, 4); break;
      case 'y': {
        const y = num(1, 2);
        st.year = y < 70 ? 2000 + y : 1900 + y;
        break;
      }
      case 'm': case 'c': st.month = num(1, 2); break;
      case 'd': case 'e': st.day = num(1, 2); break;
      case 'H': case 'k': case 'h': case 'I': case 'l': st.hour = num(1, 2); break;
      case 'i': st.minute = num(1, 2); break;
      case 'S': case 's': st.second = num(1, 2); break;
      case 'f': {
        const m = /^\d{1,9}/.exec(text.slice(pos));
        if (m === null) fail();
        pos += m![0].length;
        st.millis = Math.floor(Number(m![0].padEnd(9, '0')) / 1_000_000);
        break;
      }
      case 'j': st.dayOfYear = num(1, 3); break;
      case 'p': {
        const w = word();
        if (w !== 'am' && w !== 'pm') fail();
        st.pm = w === 'pm';
        break;
      }
      case 'b': case 'M': {
        const m = MONTH_LOOKUP.get(word());
        if (m === undefined) fail();
        st.month = m!;
        break;
      }
      case 'a': case 'W': word(); break;
      case 'T': {
        st.hour = num(1, 2);
        if (text[pos++] !== ':') fail();
        st.minute = num(1, 2);
        if (text[pos++] !== ':') fail();
        st.second = num(1, 2);
        break;
      }
      case 'r': {
        st.hour = num(1, 2);
        if (text[pos++] !== ':') fail();
        st.minute = num(1, 2);
        if (text[pos++] !== ':') fail();
        st.second = num(1, 2);
        while (text[pos] === ' ') pos++;
        const w = word();
        st.pm = w === 'pm';
        break;
      }
      case '%': if (text[pos++] !== '%') fail(); break;
      default:
        throw invalidArgument(`%${s} not supported in date format string`);
    }
  }
  if (pos !== text.length) fail();
  return finish(st, text);
}

/** Joda-Time pattern tokens: runs of the same letter, quoted literals, other characters. */
function tokenizeJoda(pattern: string): { letter: string; count: number; literal?: string }[] {
  const tokens: { letter: string; count: number; literal?: string }[] = [];
  for (let i = 0; i < pattern.length; ) {
    const c = pattern[i]!;
    if (c === "'") {
      let j = i + 1;
      let lit = '';
      if (pattern[j] === "'") {
        tokens.push({ letter: '', count: 0, literal: "'" });
        i += 2;
        continue;
      }
      while (j < pattern.length) {
        if (pattern[j] === "'") {
          if (pattern[j + 1] === "'") {
            lit += "'";
            j += 2;
            continue;
          }
          break;
        }
        lit += pattern[j];
        j++;
      }
      tokens.push({ letter: '', count: 0, literal: lit });
      i = j + 1;
      continue;
    }
    if (/[A-Za-z]/.test(c)) {
      let j = i;
      while (pattern[j] === c) j++;
      tokens.push({ letter: c, count: j - i });
      i = j;
    } else {
      tokens.push({ letter: '', count: 0, literal: c });
      i++;
    }
  }
  return tokens;
}

/** format_datetime with Joda-Time patterns. */
export function formatJoda(localMillis: number, offsetMinutes: number, zone: string, pattern: string): string {
  const f = localFields(localMillis);
  let out = '';
  for (const t of tokenizeJoda(pattern)) {
    if (t.literal !== undefined) {
      out += t.literal;
      continue;
    }
    const n = t.count;
    const pad = (v: number): string => (v < 0 ? '-' + String(-v).padStart(n, '0') : String(v).padStart(n, '0'));
    switch (t.letter) {
      case 'G': out += f.year > 0 ? 'AD' : 'BC'; break;
      case 'C': out += pad(Math.floor(f.year / 100)); break;
      case 'Y': case 'y': case 'u': out += n === 2 ? p2(((f.year % 100) + 100) % 100) : pad(f.year); break;
      case 'x': out += n === 2 ? p2(isoWeek(f.days).weekYear % 100) : pad(isoWeek(f.days).weekYear); break;
      case 'w': out += pad(isoWeek(f.days).week); break;
      case 'e': out += pad(isoDayOfWeek(f.days)); break;
      case 'E': out += n >= 4 ? DAY_NAMES[isoDayOfWeek(f.days) - 1] : DAY_NAMES[isoDayOfWeek(f.days) - 1]!.slice(0, 3); break;
      case 'D': out += pad(dayOfYear(f.days)); break;
      case 'M': out += n >= 4 ? MONTH_NAMES[f.month - 1] : n === 3 ? MONTH_NAMES[f.month - 1]!.slice(0, 3) : pad(f.month); break;
      case 'd': out += pad(f.day); break;
      case 'a': out += f.hour < 12 ? 'AM' : 'PM'; break;
      case 'K': out += pad(f.hour % 12); break;
      case 'h': out += pad(f.hour % 12 === 0 ? 12 : f.hour % 12); break;
      case 'H': out += pad(f.hour); break;
      case 'k': out += pad(f.hour === 0 ? 24 : f.hour); break;
      case 'm': out += pad(f.minute); break;
      case 's': out += pad(f.second); break;
      case 'S': out += String(f.millisecond).padStart(3, '0').padEnd(n, '0').slice(0, n); break;
      case 'z': out += zone === 'UTC' ? 'UTC' : zone; break;
      case 'Z': {
        if (n >= 3) out += zone;
        else {
          const o = formatOffset(offsetMinutes);
          out += offsetMinutes === 0 && n === 1 ? '+0000' : n === 1 ? o.replace(':', '') : o;
        }
        break;
      }
      default:
        throw invalidArgument(`Illegal pattern component: ${t.letter.repeat(n)}`);
    }
  }
  return out;
}

/** parse_datetime with Joda-Time patterns: wall-clock millis and the zone/offset if the text names one. */
export function parseJoda(text: string, pattern: string): { localMillis: number; offsetMinutes: number | undefined; zone: string | undefined } {
  const st = newState();
  let pos = 0;
  const fail = (): never => {
    throw invalidArgument(`Invalid format: "${text}" is malformed at "${text.slice(pos)}"`);
  };
  const tokens = tokenizeJoda(pattern);
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.literal !== undefined) {
      if (!text.startsWith(t.literal, pos)) fail();
      pos += t.literal.length;
      continue;
    }
    const nextIsNumeric = tokens[k + 1] !== undefined && tokens[k + 1]!.literal === undefined && 'yYxwedDMHhKkmsSC'.includes(tokens[k + 1]!.letter);
    const maxDigits = nextIsNumeric ? t.count : 9;
    const num = (): number => {
      const m = new RegExp(`^[+-]?\\d{1,${Math.max(maxDigits, 1)}}`).exec(text.slice(pos));
      if (m === null) return fail();
      pos += m[0].length;
      return Number(m[0]);
    };
    const word = (): string => {
      const m = /^[A-Za-z]+/.exec(text.slice(pos));
      if (m === null) return fail();
      pos += m[0].length;
      return m[0].toLowerCase();
    };
    switch (t.letter) {
      case 'y': case 'Y': case 'u': case 'x': {
        const y = num();
        st.year = t.count === 2 && y < 100 ? (y < 50 ? 2000 + y : 1900 + y) : y;
        break;
      }
      case 'M':
        if (t.count >= 3) {
          const m = MONTH_LOOKUP.get(word());
          if (m === undefined) fail();
          st.month = m!;
        } else st.month = num();
        break;
      case 'd': st.day = num(); break;
      case 'D': st.dayOfYear = num(); break;
      case 'H': case 'k': st.hour = num() % 24; break;
      case 'h': case 'K': st.hour = num(); st.pm ??= false; break;
      case 'm': st.minute = num(); break;
      case 's': st.second = num(); break;
      case 'S': {
        const m = /^\d+/.exec(text.slice(pos));
        if (m === null) fail();
        const digits = m![0].slice(0, nextIsNumeric ? t.count : 9);
        pos += digits.length;
        st.millis = Math.floor(Number(digits.padEnd(3, '0').slice(0, 3)));
        break;
      }
      case 'a': {
        const w = word();
        if (w !== 'am' && w !== 'pm') fail();
        st.pm = w === 'pm';
        break;
      }
      case 'E': word(); break;
      case 'e': case 'w': num(); break;
      case 'G': word(); break;
      case 'Z': case 'z': {
        const rest = text.slice(pos);
        const om = /^(?:Z|[+-]\d{2}:?\d{2})/.exec(rest);
        if (om !== null) {
          pos += om[0].length;
          if (om[0] === 'Z') st.offsetMinutes = 0;
          else {
            const sign = om[0][0] === '-' ? -1 : 1;
            const digits = om[0].slice(1).replace(':', '');
            st.offsetMinutes = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
          }
        } else {
          const zm = /^[A-Za-z][A-Za-z0-9_/+-]*/.exec(rest);
          if (zm === null) fail();
          pos += zm![0].length;
          st.zone = zm![0];
        }
        break;
      }
      default:
        throw invalidArgument(`Illegal pattern component: ${t.letter.repeat(t.count)}`);
    }
  }
  if (pos !== text.length) fail();
  if (st.pm !== undefined && st.hour === 0) st.hour = 12;
  return { localMillis: finish(st, text), offsetMinutes: st.offsetMinutes, zone: st.zone };
}
