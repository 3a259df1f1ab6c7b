import type { SqlValue, TimestampWithTimeZone } from '@petrel/spi';
import type { FunctionDefinition } from '../function-definition.js';
import { scalarFunction } from '../function-definition.js';
import { invalidArgument } from '../errors.js';
import { formatJoda, parseJoda } from '../datetime/datetime-formats.js';
import { MILLIS_PER_DAY, floorDiv, timestampValue } from '../../type/date-time.js';
import { utcToLocalMillis, zoneOffsetMinutes } from '../../type/time-zone.js';

/** Teradata format elements and the Joda-Time patterns they stand for. */
const TERADATA_TOKENS: readonly [string, string][] = [
  ['yyyy', 'yyyy'], ['yy', 'yy'], ['mm', 'MM'], ['dd', 'dd'], ['hh24', 'HH'], ['hh', 'hh'], ['mi', 'mm'], ['ss', 'ss'],
];

/** Translates a Teradata date/time format (e.g. `yyyy-mm-dd hh24:mi:ss`) to a Joda-Time pattern. */
export function teradataToJoda(format: string): string {
  let out = '';
  let i = 0;
  const lower = format.toLowerCase();
  outer: while (i < lower.length) {
    for (const [token, joda] of TERADATA_TOKENS) {
      if (lower.startsWith(token, i)) {
        out += joda;
        i += token.length;
        continue outer;
      }
    }
    const c = lower[i]!;
    if ('-/,.;: '.includes(c)) {
      out += c === ' ' ? ' ' : `'${c}'`;
      i++;
      continue;
    }
    throw invalidArgument(`Failed to tokenize string [${format}] at offset [${i}]`);
  }
  return out;
}

/** UTF-16BE code units of the string, as upper-case hex. */
export function char2hexint(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += s.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0');
  return out;
}

function parseTeradata(text: string, format: string): number {
  const r = parseJoda(text, teradataToJoda(format));
  return r.localMillis;
}

export function teradataFunctions(): FunctionDefinition[] {
  return [
    scalarFunction({ name: 'char2hexint', args: ['varchar(x)'], returns: 'varchar', description: 'Returns the hexadecimal representation of the UTF-16BE encoding of the argument', impl: (s) => char2hexint(s as string) }),
    scalarFunction({
      name: 'index', args: ['varchar(x)', 'varchar(y)'], returns: 'bigint', description: 'Returns index of first occurrence of a substring (or 0 if not found)',
      impl: (s, sub) => {
        const cps = [...(s as string)];
        const needle = [...(sub as string)];
        if (needle.length === 0) return 1;
        outer: for (let i = 0; i + needle.length <= cps.length; i++) {
          for (let j = 0; j < needle.length; j++) if (cps[i + j] !== needle[j]) continue outer;
          return i + 1;
        }
        return 0;
      },
    }),
    scalarFunction({
      name: 'to_char', args: ['timestamptz(p)', 'varchar(x)'], returns: 'varchar', description: 'Formats a timestamp with a Teradata format string',
      impl: (t, f) => {
        const tz = t as TimestampWithTimeZone;
        return formatJoda(utcToLocalMillis(tz.zone, tz.epochMillis), zoneOffsetMinutes(tz.zone, tz.epochMillis), tz.zone, teradataToJoda(f as string));
      },
    }),
    scalarFunction({
      name: 'to_date', args: ['varchar(x)', 'varchar(y)'], returns: 'date', description: 'Converts a string to a DATE using a Teradata format string',
      impl: (s, f) => floorDiv(parseTeradata(s as string, f as string), MILLIS_PER_DAY) as SqlValue,
    }),
    scalarFunction({
      name: 'to_timestamp', args: ['varchar(x)', 'varchar(y)'], returns: 'timestamp(3)', description: 'Converts a string to a TIMESTAMP using a Teradata format string',
      impl: (s, f) => timestampValue(parseTeradata(s as string, f as string), 0, 3),
    }),
  ];
}
