import type { SqlType, SqlValue } from '@petrel/spi';
import { assertNever, longTimestamp, normalizeInt64, timestampWithTimeZone } from '@petrel/spi';
import type { ReadKind } from './column-mapping.js';
import { parseDate, parseTime, parseTimestamp } from './temporal.js';

function asText(raw: unknown): string {
  if (typeof raw === 'string') return raw;
  if (raw instanceof Uint8Array) return Buffer.from(raw).toString('utf8');
  if (raw instanceof Date) return raw.toISOString();
  if (typeof raw === 'object' && raw !== null) return JSON.stringify(raw);
  return String(raw);
}

/** `-12.3456` at scale 2 to the unscaled bigint, rounding half up beyond the scale. */
export function parseDecimal(text: string, scale: number): bigint {
  const t = text.trim();
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(t);
  if (m === null) throw new Error(`invalid decimal '${text}'`);
  let digits = (m[2] ?? '') + (m[3] ?? '');
  const pointPosition = (m[2] ?? '').length + Number(m[4] ?? 0);
  if (digits === '') digits = '0';
  // value = digits * 10^(pointPosition - digits.length); want digits * 10^(scale + pointPosition - len)
  const shift = scale + pointPosition - digits.length;
  let unscaled: bigint;
  if (shift >= 0) unscaled = BigInt(digits) * 10n ** BigInt(shift);
  else {
    const divisor = 10n ** BigInt(-shift);
    const whole = BigInt(digits);
    unscaled = whole / divisor;
    if ((whole % divisor) * 2n >= divisor) unscaled += 1n;
  }
  return m[1] === '-' ? -unscaled : unscaled;
}

/** Removes insignificant whitespace from JSON text without reparsing numbers. */
export function compactJson(text: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      out += c;
      if (c === '\\') out += text[++i] ?? '';
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
      out += c;
    } else if (c !== ' ' && c !== '\n' && c !== '\r' && c !== '\t') out += c;
  }
  return out;
}

function decodeBinary(raw: unknown): Uint8Array {
  if (raw instanceof Uint8Array) return new Uint8Array(raw);
  const text = asText(raw);
  if (text.startsWith('\\x')) return new Uint8Array(Buffer.from(text.slice(2), 'hex'));
  return new Uint8Array(Buffer.from(text, 'utf8'));
}

/** Parses a PostgreSQL array literal into element texts (null for NULL), nested for multiple dimensions. */
export function parsePostgresqlArray(text: string): unknown[] {
  let i = 0;
  const s = text.startsWith('[') ? text.slice(text.indexOf('=') + 1) : text;
  function parseArray(): unknown[] {
    if (s[i] !== '{') throw new Error(`invalid array literal '${text}'`);
    i++;
    const out: unknown[] = [];
    if (s[i] === '}') {
      i++;
      return out;
    }
    for (;;) {
      if (s[i] === '{') out.push(parseArray());
      else if (s[i] === '"') {
        i++;
        let v = '';
        while (i < s.length && s[i] !== '"') {
          if (s[i] === '\\') i++;
          v += s[i];
          i++;
        }
        i++;
        out.push(v);
      } else {
        let v = '';
        while (i < s.length && s[i] !== ',' && s[i] !== '}') v += s[i++];
        out.push(v === 'NULL' ? null : v.trim());
      }
      if (s[i] === ',') {
        i++;
        continue;
      }
      if (s[i] === '}') {
        i++;
        return out;
      }
      throw new Error(`invalid array literal '${text}'`);
    }
  }
  return parseArray();
}

/**
 * Decodes one value a driver returned (text, number, bigint, Buffer) into Petrel's runtime
 * representation of `type`. `null` and `undefined` decode to NULL.
 */
export function decodeValue(read: ReadKind, type: SqlType, raw: unknown): SqlValue {
  if (raw === null || raw === undefined) return null;
  switch (read) {
    case 'standard':
      return decodeStandard(type, raw);
    case 'binary':
      return decodeBinary(raw);
    case 'bit-boolean': {
      if (raw instanceof Uint8Array) return raw.length > 0 && raw[raw.length - 1] !== 0;
      const t = asText(raw);
      return t === '1' || t === 't' || t === 'true';
    }
    case 'postgresql-array': {
      if (type.kind !== 'array') throw new Error('postgresql-array read of a non-array type');
      const elementType = type.elementType;
      const elementRead: ReadKind = elementType.kind === 'varbinary' ? 'binary' : 'standard';
      const decodeElements = (items: unknown[]): SqlValue[] => items.map((item) => (Array.isArray(item) ? decodeElements(item) : decodeValue(elementRead, elementType, item)));
      return decodeElements(parsePostgresqlArray(asText(raw)));
    }
    case 'as-text':
      return raw instanceof Uint8Array ? Buffer.from(raw).toString('hex') : asText(raw);
    default:
      return assertNever(read, 'read kind');
  }
}

function decodeStandard(type: SqlType, raw: unknown): SqlValue {
  switch (type.kind) {
    case 'boolean':
      if (typeof raw === 'boolean') return raw;
      if (typeof raw === 'number') return raw !== 0;
      return ['t', 'true', '1'].includes(asText(raw).toLowerCase());
    case 'tinyint':
    case 'smallint':
    case 'integer':
      return typeof raw === 'number' ? raw : Number(asText(raw));
    case 'bigint':
      if (typeof raw === 'bigint') return normalizeInt64(raw);
      if (typeof raw === 'number' && Number.isSafeInteger(raw)) return raw;
      return normalizeInt64(BigInt(asText(raw)));
    case 'real':
      return Math.fround(typeof raw === 'number' ? raw : parseFloat(asText(raw)));
    case 'double':
      return typeof raw === 'number' ? raw : parseFloat(asText(raw));
    case 'decimal':
      return parseDecimal(asText(raw), type.scale);
    case 'varchar':
      return asText(raw);
    case 'char': {
      const t = asText(raw);
      const length = [...t].length;
      return length >= type.length ? t : t + ' '.repeat(type.length - length);
    }
    case 'varbinary':
      return decodeBinary(raw);
    case 'json':
      return compactJson(asText(raw));
    case 'date':
      return parseDate(asText(raw));
    case 'time':
      return roundPicos(parseTime(asText(raw)), type.precision);
    case 'timestamp': {
      const t = parseTimestamp(asText(raw));
      if (type.precision <= 3) return t.epochMillis;
      return longTimestamp(t.epochMillis, t.picosOfMilli);
    }
    case 'timestamp with time zone': {
      const t = parseTimestamp(asText(raw));
      return timestampWithTimeZone(t.epochMillis, type.precision <= 3 ? 0 : t.picosOfMilli, 'UTC');
    }
    case 'uuid':
      return asText(raw).toLowerCase();
    case 'array':
      if (Array.isArray(raw)) return raw.map((item) => decodeStandard(type.elementType, item));
      return decodeValue('postgresql-array', type, raw);
    case 'time with time zone':
    case 'interval day to second':
    case 'interval year to month':
    case 'map':
    case 'row':
    case 'ipaddress':
    case 'HyperLogLog':
    case 'qdigest':
    case 'tdigest':
    case 'SetDigest':
    case 'color':
    case 'function':
    case 'unknown':
      throw new Error(`cannot read values of type ${type.kind}`);
    default:
      return assertNever(type, 'type');
  }
}

function roundPicos(picos: bigint, precision: number): bigint {
  const unit = 10n ** BigInt(12 - Math.min(12, precision));
  return (picos / unit) * unit;
}
