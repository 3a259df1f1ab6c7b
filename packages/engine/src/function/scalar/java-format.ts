import type { SqlType, SqlValue } from '@petrel/spi';
import { formatValue } from '../../type/format-value.js';
import { formatDouble } from '../../type/double-format.js';
import { exactDecimalString, formatDecimal, parseDecimalText, rescale } from '../../type/decimal.js';
import { invalidArgument } from '../errors.js';
import { MILLIS_PER_DAY, timestampParts } from '../../type/date-time.js';
import { utcToLocalMillis } from '../../type/time-zone.js';
import { DAY_NAMES, MONTH_NAMES, dayOfYear, isoDayOfWeek, localFields } from '../datetime/local-fields.js';
import type { TimestampWithTimeZone } from '@petrel/spi';

/**
 * `format(fmt, args...)` with java.util.Formatter syntax:
 * `%[index$][flags][width][.precision]conversion` for conversions b s c d o x X e E f g % n.
 */
export function formatWithJavaSyntax(format: string, args: readonly SqlValue[], types: readonly SqlType[]): string {
  const re = /%(\d+\$|<)?([-#+ 0,(]*)(\d+)?(?:\.(\d+))?([tT][a-zA-Z]|[a-zA-Z%])/g;
  let out = '';
  let last = 0;
  let ordinary = 0;
  let previous = -1;
  for (let m = re.exec(format); m !== null; m = re.exec(format)) {
    out += format.slice(last, m.index);
    last = re.lastIndex;
    const [, indexSpec, flags = '', widthText, precisionText, conversion] = m;
    if (conversion === '%') {
      out += pad('%', flags, widthText);
      continue;
    }
    if (conversion === 'n') {
      out += '\n';
      continue;
    }
    let index: number;
    if (indexSpec === '<') index = previous;
    else if (indexSpec !== undefined) index = Number(indexSpec.slice(0, -1)) - 1;
    else index = ordinary++;
    previous = index;
    if (index < 0 || index >= args.length) throw invalidArgument(`Format specifier '${m[0]}' has no matching argument`);
    const value = args[index]!;
    const type = types[index]!;
    const precision = precisionText === undefined ? undefined : Number(precisionText);
    out += pad(convert(conversion!, value, type, flags, precision), flags, widthText);
  }
  out += format.slice(last);
  if (/%(?![\d$<\-#+ 0,(.a-zA-Z%])/.test(format.slice(last))) throw invalidArgument(`Invalid format string: ${format}`);
  return out;
}

function pad(text: string, flags: string, widthText: string | undefined): string {
  if (widthText === undefined) return text;
  const width = Number(widthText);
  if (text.length >= width) return text;
  if (flags.includes('-')) return text.padEnd(width, ' ');
  if (flags.includes('0') && /^[+-]?\d/.test(text)) {
    const sign = /^[+-]/.test(text) ? text[0]! : '';
    return sign + text.slice(sign.length).padStart(width - sign.length, '0');
  }
  return text.padStart(width, ' ');
}

function group(intPart: string): string {
  return intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function signed(text: string, negative: boolean, flags: string): string {
  if (negative) return flags.includes('(') ? `(${text})` : `-${text}`;
  if (flags.includes('+')) return `+${text}`;
  if (flags.includes(' ')) return ` ${text}`;
  return text;
}

function conversionError(conversion: string, type: SqlType): never {
  throw invalidArgument(`${conversion} != ${javaClassName(type)}`);
}

function javaClassName(type: SqlType): string {
  switch (type.kind) {
    case 'tinyint': case 'smallint': case 'integer': case 'bigint': return 'java.lang.Long';
    case 'double': case 'real': return 'java.lang.Double';
    case 'decimal': return 'java.math.BigDecimal';
    case 'boolean': return 'java.lang.Boolean';
    case 'varchar': case 'char': return 'java.lang.String';
    case 'varbinary': case 'json': case 'date': case 'time': case 'time with time zone': case 'timestamp':
    case 'timestamp with time zone': case 'interval day to second': case 'interval year to month': case 'array':
    case 'map': case 'row': case 'uuid': case 'ipaddress': case 'HyperLogLog': case 'qdigest': case 'tdigest':
    case 'SetDigest': case 'color': case 'function': case 'unknown':
      return 'java.lang.Object';
  }
}

function decimalText(value: SqlValue, type: SqlType): string | undefined {
  if (value === null) return undefined;
  switch (type.kind) {
    case 'tinyint': case 'smallint': case 'integer': case 'bigint': return String(value);
    case 'double': case 'real': return Number.isFinite(value) ? exactDecimalString(value as number) : undefined;
    case 'decimal': return formatDecimal(value as bigint, type.scale);
    case 'boolean': case 'varchar': case 'char': case 'varbinary': case 'json': case 'date': case 'time':
    case 'time with time zone': case 'timestamp': case 'timestamp with time zone': case 'interval day to second':
    case 'interval year to month': case 'array': case 'map': case 'row': case 'uuid': case 'ipaddress':
    case 'HyperLogLog': case 'qdigest': case 'tdigest': case 'SetDigest': case 'color': case 'function':
    case 'unknown':
      return undefined;
  }
}

function convert(conversion: string, value: SqlValue, type: SqlType, flags: string, precision: number | undefined): string {
  if (conversion.length === 2) {
    const text = value === null ? 'null' : formatTemporal(conversion[1]!, value, type);
    return conversion[0] === 'T' ? text.toUpperCase() : text;
  }
  const upper = conversion === conversion.toUpperCase() && conversion !== conversion.toLowerCase();
  const c = conversion.toLowerCase();
  let text: string;
  switch (c) {
    case 'b':
      text = value === null ? 'false' : type.kind === 'boolean' ? String(value) : 'true';
      break;
    case 's':
      text = value === null ? 'null' : toJavaString(value, type);
      break;
    case 'c': {
      if (value === null) text = 'null';
      else if (type.kind === 'varchar' || type.kind === 'char') {
        const str = value as string;
        if ([...str].length !== 1) conversionError(conversion, type);
        text = str;
      } else if (type.kind === 'integer' || type.kind === 'bigint' || type.kind === 'smallint' || type.kind === 'tinyint') text = String.fromCodePoint(Number(value));
      else conversionError(conversion, type);
      break;
    }
    case 'd': {
      if (value === null) {
        text = 'null';
        break;
      }
      if (!['tinyint', 'smallint', 'integer', 'bigint'].includes(type.kind)) conversionError(conversion, type);
      const v = BigInt(value as number | bigint);
      const digits = (v < 0n ? -v : v).toString();
      text = signed(flags.includes(',') ? group(digits) : digits, v < 0n, flags);
      break;
    }
    case 'o':
    case 'x': {
      if (value === null) {
        text = 'null';
        break;
      }
      if (!['tinyint', 'smallint', 'integer', 'bigint'].includes(type.kind)) conversionError(conversion, type);
      let v = BigInt(value as number | bigint);
      if (v < 0n) v = BigInt.asUintN(64, v);
      text = v.toString(c === 'o' ? 8 : 16);
      if (flags.includes('#')) text = (c === 'o' ? '0' : '0x') + text;
      break;
    }
    case 'f':
    case 'e':
    case 'g': {
      if (value === null) {
        text = 'null';
        break;
      }
      if (!['double', 'real', 'decimal'].includes(type.kind)) conversionError(conversion, type);
      if ((type.kind === 'double' || type.kind === 'real') && !Number.isFinite(value)) {
        text = Number.isNaN(value) ? 'NaN' : (value as number) > 0 ? (flags.includes('+') ? '+Infinity' : 'Infinity') : '-Infinity';
        break;
      }
      const dec = decimalText(value, type)!;
      const p = precision ?? 6;
      if (c === 'f') {
        const parsed = parseDecimalText(dec)!;
        const r = rescale(parsed.unscaled, parsed.scale, p);
        const negative = r < 0n || (r === 0n && dec.startsWith('-'));
        let body = formatDecimal(r < 0n ? -r : r, p);
        if (flags.includes(',')) {
          const [i, f] = body.split('.');
          body = group(i!) + (f === undefined ? '' : `.${f}`);
        }
        text = signed(body, negative && r !== 0n, flags);
      } else {
        const num = Number(dec);
        if (c === 'e') {
          const e = Math.abs(num).toExponential(p);
          const [mant, exp] = e.split('e');
          const expNum = Number(exp);
          text = signed(`${mant}e${expNum < 0 ? '-' : '+'}${String(Math.abs(expNum)).padStart(2, '0')}`, num < 0, flags);
        } else {
          text = signed(Math.abs(num).toPrecision(p === 0 ? 1 : p), num < 0, flags);
        }
      }
      break;
    }
    default:
      throw invalidArgument(`Unknown format conversion: '${conversion}'`);
  }
  return upper ? text.toUpperCase() : text;
}

function toJavaString(value: SqlValue, type: SqlType): string {
  switch (type.kind) {
    case 'double':
    case 'real':
      return formatDouble(value as number);
    case 'timestamp':
      return formatValue(type, value).replace(' ', 'T');
    case 'boolean': case 'tinyint': case 'smallint': case 'integer': case 'bigint': case 'decimal': case 'varchar':
    case 'char': case 'varbinary': case 'json': case 'date': case 'time': case 'time with time zone':
    case 'timestamp with time zone': case 'interval day to second': case 'interval year to month': case 'array':
    case 'map': case 'row': case 'uuid': case 'ipaddress': case 'HyperLogLog': case 'qdigest': case 'tdigest':
    case 'SetDigest': case 'color': case 'function': case 'unknown':
      return formatValue(type, value);
  }
}

/** java.util.Formatter date/time conversions (`%tY`, `%tB` ...) for date, time and timestamp values. */
function formatTemporal(c: string, value: SqlValue, type: SqlType): string {
  let local: number;
  switch (type.kind) {
    case 'date': local = (value as number) * MILLIS_PER_DAY; break;
    case 'timestamp': local = timestampParts(value).epochMillis; break;
    case 'timestamp with time zone': {
      const t = value as TimestampWithTimeZone;
      local = utcToLocalMillis(t.zone, t.epochMillis);
      break;
    }
    case 'time': local = Number((value as bigint) / 1_000_000_000n); break;
    case 'bigint': case 'integer': local = Number(value); break;
    case 'boolean': case 'tinyint': case 'smallint': case 'real': case 'double': case 'decimal': case 'varchar':
    case 'char': case 'varbinary': case 'json': case 'time with time zone': case 'interval day to second':
    case 'interval year to month': case 'array': case 'map': case 'row': case 'uuid': case 'ipaddress':
    case 'HyperLogLog': case 'qdigest': case 'tdigest': case 'SetDigest': case 'color': case 'function':
    case 'unknown':
      throw invalidArgument(`${c} != ${javaClassName(type)}`);
  }
  const f = localFields(local);
  const p2 = (n: number): string => String(n).padStart(2, '0');
  const h12 = f.hour % 12 === 0 ? 12 : f.hour % 12;
  switch (c) {
    case 'A': return DAY_NAMES[isoDayOfWeek(f.days) - 1]!;
    case 'a': return DAY_NAMES[isoDayOfWeek(f.days) - 1]!.slice(0, 3);
    case 'B': return MONTH_NAMES[f.month - 1]!;
    case 'b': case 'h': return MONTH_NAMES[f.month - 1]!.slice(0, 3);
    case 'C': return p2(Math.floor(f.year / 100));
    case 'Y': return String(f.year).padStart(4, '0');
    case 'y': return p2(f.year % 100);
    case 'j': return String(dayOfYear(f.days)).padStart(3, '0');
    case 'm': return p2(f.month);
    case 'd': return p2(f.day);
    case 'e': return String(f.day);
    case 'H': return p2(f.hour);
    case 'I': return p2(h12);
    case 'k': return String(f.hour);
    case 'l': return String(h12);
    case 'M': return p2(f.minute);
    case 'S': return p2(f.second);
    case 'L': return String(f.millisecond).padStart(3, '0');
    case 'p': return f.hour < 12 ? 'am' : 'pm';
    case 'R': return `${p2(f.hour)}:${p2(f.minute)}`;
    case 'T': return `${p2(f.hour)}:${p2(f.minute)}:${p2(f.second)}`;
    case 'r': return `${p2(h12)}:${p2(f.minute)}:${p2(f.second)} ${f.hour < 12 ? 'AM' : 'PM'}`;
    case 'D': return `${p2(f.month)}/${p2(f.day)}/${p2(f.year % 100)}`;
    case 'F': return `${String(f.year).padStart(4, '0')}-${p2(f.month)}-${p2(f.day)}`;
    default: throw invalidArgument(`Unknown format conversion: 't${c}'`);
  }
}
