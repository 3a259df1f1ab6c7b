import type { CharType, SqlValue, VarcharType } from '@petrel/spi';
import { charType, normalizeInt64, sqlMap, varcharType } from '@petrel/spi';

/** Trino's longest CHAR. */
const MAX_CHAR_LENGTH = 65536;
/** A computed VARCHAR length at or above this is unbounded VARCHAR. */
const UNBOUNDED_VARCHAR_LENGTH = 2147483647;
import type { FunctionDefinition } from '../function-definition.js';
import { scalarFunction } from '../function-definition.js';
import { invalidArgument } from '../errors.js';
import {
  codePointCount, codePointIndexOf, codePointSlice, codePoints, hasSurrogates, isJavaWhitespace, trimWith, utf8Decode, utf8Encode,
} from './string-support.js';
import { formatWithJavaSyntax } from './java-format.js';
import { wordStem } from './word-stem.js';

const s = (v: SqlValue): string => v as string;
const n = (v: SqlValue): number => Number(v);

function substr(str: string, start: number, length?: number): string {
  if (start === 0 || (length !== undefined && length <= 0) || str.length === 0) return '';
  const count = codePointCount(str);
  let from: number;
  if (start > 0) {
    from = start - 1;
    if (from >= count) return '';
  } else {
    from = count + start;
    if (from < 0) return '';
  }
  const to = length === undefined ? count : Math.min(count, from + length);
  return codePointSlice(str, from, to);
}

function strpos(str: string, sub: string, instance = 1): number {
  if (instance <= 0) throw invalidArgument("'instance' must be a positive number.");
  if (sub.length === 0) return 1;
  let from = 0;
  let found = -1;
  for (let i = 0; i < instance; i++) {
    found = str.indexOf(sub, from);
    if (found < 0) return 0;
    from = found + 1;
  }
  return codePointIndexOf(str, found) + 1;
}

function strrpos(str: string, sub: string, instance = 1): number {
  if (instance <= 0) throw invalidArgument("'instance' must be a positive number.");
  if (sub.length === 0) return 1;
  let from = str.length;
  let found = -1;
  for (let i = 0; i < instance; i++) {
    found = str.lastIndexOf(sub, from);
    if (found < 0) return 0;
    from = found - 1;
    if (from < 0 && i + 1 < instance) return 0;
  }
  return codePointIndexOf(str, found) + 1;
}

function pad(str: string, size: number, padding: string, left: boolean): string {
  if (size < 0 || size > 2147483647) throw invalidArgument('Target length must be in the range [0..2147483647]');
  if (padding.length === 0) throw invalidArgument('Padding string must not be empty');
  const count = codePointCount(str);
  if (count >= size) return codePointSlice(str, 0, size);
  const padCps = codePoints(padding);
  const needed = size - count;
  let fill = '';
  for (let i = 0; i < needed; i++) fill += padCps[i % padCps.length];
  return left ? fill + str : str + fill;
}

function split(str: string, delimiter: string, limit?: number): string[] {
  if (delimiter.length === 0) throw invalidArgument('The delimiter may not be the empty string');
  if (limit !== undefined) {
    if (limit <= 0) throw invalidArgument('Limit must be positive');
    if (limit > 2147483647) throw invalidArgument('Limit is too large');
  }
  const parts: string[] = [];
  let from = 0;
  for (;;) {
    if (limit !== undefined && parts.length === limit - 1) break;
    const i = str.indexOf(delimiter, from);
    if (i < 0) break;
    parts.push(str.slice(from, i));
    from = i + delimiter.length;
  }
  parts.push(str.slice(from));
  return parts;
}

function levenshtein(a: string, b: string): number {
  const x = codePoints(a);
  const y = codePoints(b);
  if (x.length === 0) return y.length;
  if (y.length === 0) return x.length;
  if (x.length * y.length > 1_000_000) throw invalidArgument('The combined inputs for Levenshtein distance are too large');
  let prev = Array.from({ length: y.length + 1 }, (_, i) => i);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[y.length]!;
}

const SOUNDEX_CODES: Record<string, string> = {
  B: '1', F: '1', P: '1', V: '1', C: '2', G: '2', J: '2', K: '2', Q: '2', S: '2', X: '2', Z: '2', D: '3', T: '3', L: '4',
  M: '5', N: '5', R: '6',
};

function soundex(str: string): string {
  const letters = str.toUpperCase().replace(/[^A-Z]/g, '');
  if (letters.length === 0) return '';
  let out = letters[0]!;
  let last = SOUNDEX_CODES[out] ?? '';
  for (let i = 1; i < letters.length && out.length < 4; i++) {
    const c = letters[i]!;
    const code = SOUNDEX_CODES[c] ?? '';
    if (code !== '' && code !== last) out += code;
    if (c !== 'H' && c !== 'W') last = code;
  }
  return out.padEnd(4, '0');
}

function luhnCheck(str: string): boolean {
  if (str.length === 0 || !/^\d+$/.test(str)) {
    if (/[^\d]/.test(str)) throw invalidArgument(`Input contains non-numeric characters: ${str}`);
    return false;
  }
  let sum = 0;
  let double = false;
  for (let i = str.length - 1; i >= 0; i--) {
    let d = str.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

function translate(source: string, from: string, to: string): string {
  const f = codePoints(from);
  const t = codePoints(to);
  const map = new Map<string, string | null>();
  for (let i = 0; i < f.length; i++) if (!map.has(f[i]!)) map.set(f[i]!, i < t.length ? t[i]! : null);
  let out = '';
  for (const c of source) {
    const r = map.get(c);
    if (r === undefined) out += c;
    else if (r !== null) out += r;
  }
  return out;
}

function splitToMap(str: string, entryDelimiter: string, keyValueDelimiter: string, multi: boolean): SqlValue {
  if (entryDelimiter.length === 0) throw invalidArgument('entryDelimiter is empty');
  if (keyValueDelimiter.length === 0) throw invalidArgument('keyValueDelimiter is empty');
  if (entryDelimiter === keyValueDelimiter) throw invalidArgument('entryDelimiter and keyValueDelimiter must not be the same');
  const keys: string[] = [];
  const values: SqlValue[] = [];
  const index = new Map<string, number>();
  if (str.length === 0) return sqlMap(keys, values);
  let entries = str.split(entryDelimiter);
  if (entries[entries.length - 1] === '') entries = entries.slice(0, -1);
  for (const entry of entries) {
    const i = entry.indexOf(keyValueDelimiter);
    if (i < 0) throw invalidArgument(`Key-value delimiter must appear exactly once in each entry. Bad input: '${entry}'`);
    const key = entry.slice(0, i);
    const value = entry.slice(i + keyValueDelimiter.length);
    if (!multi && value.includes(keyValueDelimiter)) {
      throw invalidArgument(`Key-value delimiter must appear exactly once in each entry. Bad input: '${entry}'`);
    }
    const existing = index.get(key);
    if (multi) {
      if (existing === undefined) {
        index.set(key, keys.length);
        keys.push(key);
        values.push([value]);
      } else (values[existing] as string[]).push(value);
    } else {
      if (existing !== undefined) throw invalidArgument(`Duplicate keys (${key}) are not allowed`);
      index.set(key, keys.length);
      keys.push(key);
      values.push(value);
    }
  }
  return sqlMap(keys, values);
}

function normalizeForm(form: string): 'NFC' | 'NFD' | 'NFKC' | 'NFKD' {
  const f = form.toUpperCase();
  if (f === 'NFC' || f === 'NFD' || f === 'NFKC' || f === 'NFKD') return f;
  throw invalidArgument(`Normalization form must be one of [NFD, NFC, NFKD, NFKC]`);
}

function fromUtf8(bytes: Uint8Array, replacement?: string): string {
  const text = utf8Decode(bytes);
  if (replacement === undefined || replacement === '\ufffd') return text;
  return text.replace(/\ufffd/g, replacement);
}

const ASCII = /^[\x00-\x7f]*$/;

/** Case mapping per code point, as java.lang.Character does (no length-changing mappings like ß -> SS). */
function mapCase(str: string, upper: boolean): string {
  if (ASCII.test(str)) return upper ? str.toUpperCase() : str.toLowerCase();
  let out = '';
  for (const c of str) {
    const m = upper ? c.toUpperCase() : c.toLowerCase();
    out += m.length === c.length || [...m].length === 1 ? m : c;
  }
  return out;
}

function titleCase(str: string): string {
  let out = '';
  let start = true;
  for (const c of str) {
    out += start ? c.toUpperCase() : c.toLowerCase();
    start = isJavaWhitespace(c.codePointAt(0)!);
  }
  return out;
}

export function stringFunctions(): FunctionDefinition[] {
  const trimDefs = (['trim', 'ltrim', 'rtrim'] as const).flatMap((name) => {
    const left = name !== 'rtrim';
    const right = name !== 'ltrim';
    return [
      scalarFunction({
        name, args: ['varchar(x)'], returns: 'varchar(x)', description: `Removes whitespace from the ${left && right ? 'beginning and end' : left ? 'beginning' : 'end'} of a string`,
        impl: (v) => trimWith(s(v), left, right, isJavaWhitespace),
      }),
      scalarFunction({
        name, args: ['varchar(x)', 'varchar(y)'], returns: 'varchar(x)', description: 'Removes the given characters from string',
        impl: (v, chars) => {
          const set = new Set(codePoints(s(chars)).map((c) => c.codePointAt(0)!));
          return trimWith(s(v), left, right, (cp) => set.has(cp));
        },
      }),
    ];
  });
  return [
    scalarFunction({ name: 'length', args: ['varchar(x)'], returns: 'bigint', description: 'Count of code points of the given string', impl: (v) => codePointCount(s(v)) }),
    scalarFunction({ name: 'length', args: ['varbinary'], returns: 'bigint', description: 'Length of the given binary', impl: (v) => (v as Uint8Array).length }),
    scalarFunction({ name: 'lower', args: ['varchar(x)'], returns: 'varchar(x)', description: 'Converts the string to lower case', impl: (v) => mapCase(s(v), false) }),
    scalarFunction({ name: 'upper', args: ['varchar(x)'], returns: 'varchar(x)', description: 'Converts the string to upper case', impl: (v) => mapCase(s(v), true) }),
    ...['substr', 'substring'].flatMap((name) => [
      scalarFunction({ name, args: ['varchar(x)', 'bigint'], returns: 'varchar(x)', description: 'Suffix starting at given index', impl: (v, a) => substr(s(v), n(a)) }),
      scalarFunction({ name, args: ['varchar(x)', 'bigint', 'bigint'], returns: 'varchar(x)', description: 'Substring of given length starting at an index', impl: (v, a, b) => substr(s(v), n(a), n(b)) }),
      scalarFunction({ name, args: ['varbinary', 'bigint'], returns: 'varbinary', description: 'Suffix starting at given index', impl: (v, a) => binarySubstr(v as Uint8Array, n(a)) }),
      scalarFunction({ name, args: ['varbinary', 'bigint', 'bigint'], returns: 'varbinary', description: 'Substring of given length starting at an index', impl: (v, a, b) => binarySubstr(v as Uint8Array, n(a), n(b)) }),
    ]),
    scalarFunction({ name: 'strpos', args: ['varchar(x)', 'varchar(y)'], returns: 'bigint', description: 'Returns index of first occurrence of a substring (or 0 if not found)', impl: (a, b) => strpos(s(a), s(b)) }),
    scalarFunction({ name: 'strpos', args: ['varchar(x)', 'varchar(y)', 'bigint'], returns: 'bigint', description: 'Returns index of n-th occurrence of a substring (or 0 if not found)', impl: (a, b, c) => strpos(s(a), s(b), n(c)) }),
    scalarFunction({ name: 'strrpos', args: ['varchar(x)', 'varchar(y)'], returns: 'bigint', hidden: true, impl: (a, b) => strrpos(s(a), s(b)) }),
    scalarFunction({ name: 'strrpos', args: ['varchar(x)', 'varchar(y)', 'bigint'], returns: 'bigint', hidden: true, impl: (a, b, c) => strrpos(s(a), s(b), n(c)) }),
    scalarFunction({ name: 'position', args: ['varchar(x)', 'varchar(y)'], returns: 'bigint', description: 'Returns index of first occurrence of a substring (or 0 if not found)', impl: (sub, str) => strpos(s(str), s(sub)) }),
    scalarFunction({ name: 'replace', args: ['varchar(x)', 'varchar(y)'], returns: 'varchar(x)', description: 'Greedily removes occurrences of a pattern in a string', impl: (a, b) => s(a).split(s(b)).join('') }),
    scalarFunction({
      name: 'replace', args: ['varchar(x)', 'varchar(y)', 'varchar(z)'], returnText: 'varchar(u)',
      // u = x + z * (x + 1): every gap between code points (and both ends) may take a replacement
      returns: (b) => {
        const [x, , z] = b.argumentTypes.map((t) => (t as VarcharType).length);
        const u = x === undefined || z === undefined ? UNBOUNDED_VARCHAR_LENGTH : x + z * (x + 1);
        return u >= UNBOUNDED_VARCHAR_LENGTH ? varcharType() : varcharType(u);
      }, description: 'Greedily replaces occurrences of a pattern with a string',
      impl: (a, b, c) => {
        const str = s(a);
        const search = s(b);
        if (search.length === 0) {
          const cps = codePoints(str);
          return s(c) + cps.map((x) => x + s(c)).join('');
        }
        return str.split(search).join(s(c));
      },
    }),
    ...trimDefs,
    scalarFunction({ name: 'lpad', args: ['varchar(x)', 'bigint', 'varchar(y)'], returns: 'varchar', description: 'Pads a string on the left', impl: (a, b, c) => pad(s(a), n(b), s(c), true) }),
    scalarFunction({ name: 'rpad', args: ['varchar(x)', 'bigint', 'varchar(y)'], returns: 'varchar', description: 'Pads a string on the right', impl: (a, b, c) => pad(s(a), n(b), s(c), false) }),
    scalarFunction({ name: 'lpad', args: ['varbinary', 'bigint', 'varbinary'], returns: 'varbinary', description: 'Pads a varbinary on the left', impl: (a, b, c) => binaryPad(a as Uint8Array, n(b), c as Uint8Array, true) }),
    scalarFunction({ name: 'rpad', args: ['varbinary', 'bigint', 'varbinary'], returns: 'varbinary', description: 'Pads a varbinary on the right', impl: (a, b, c) => binaryPad(a as Uint8Array, n(b), c as Uint8Array, false) }),
    scalarFunction({
      name: 'concat', args: ['varchar'], variadic: 'same', minArguments: 1, returns: 'varchar', description: 'Concatenates given strings',
      specialize: (b) => {
        if (b.argumentTypes.length < 2) throw invalidArgument('There must be two or more concatenation arguments');
        return (...args) => args.join('');
      },
    }),
    // concat(char(x), char(y)) is char(x + y), padding kept; varchar concatenation is unbounded varchar, as in Trino
    scalarFunction({
      name: 'concat', args: ['char(x)', 'char(y)'], description: 'Concatenates given character strings', returnText: 'char(u)',
      returns: (b) => {
        const length = b.argumentTypes.reduce((sum, t) => sum + (t as CharType).length, 0);
        if (length > MAX_CHAR_LENGTH) throw invalidArgument(`CHAR length scale must be in range [0, ${MAX_CHAR_LENGTH}]`);
        return charType(length);
      },
      impl: (a, b) => s(a) + s(b),
    }),
    scalarFunction({
      name: 'concat', args: ['varbinary'], variadic: 'same', minArguments: 1, returns: 'varbinary', description: 'Concatenates given varbinary values',
      specialize: (b) => {
        if (b.argumentTypes.length < 2) throw invalidArgument('There must be two or more concatenation arguments');
        return (...args) => {
          const parts = args as Uint8Array[];
          const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
          let o = 0;
          for (const p of parts) {
            out.set(p, o);
            o += p.length;
          }
          return out;
        };
      },
    }),
    scalarFunction({
      name: 'concat_ws', args: ['varchar', 'varchar'], variadic: 'same', minArguments: 2, returns: 'varchar', nullOnNullInput: false,
      description: 'Concatenates elements using separator',
      impl: (sep, ...args) => (sep === null ? null : args.filter((a) => a !== null).join(s(sep))),
    }),
    scalarFunction({
      name: 'concat_ws', args: ['varchar', 'array(varchar)'], returns: 'varchar', nullOnNullInput: false, description: 'Concatenates elements using separator',
      impl: (sep, arr) => (sep === null || arr === null ? null : (arr as SqlValue[]).filter((a) => a !== null).join(s(sep))),
    }),
    scalarFunction({ name: 'split', args: ['varchar(x)', 'varchar(y)'], returns: 'array(varchar(x))', impl: (a, b) => split(s(a), s(b)) }),
    scalarFunction({ name: 'split', args: ['varchar(x)', 'varchar(y)', 'bigint'], returns: 'array(varchar(x))', impl: (a, b, c) => split(s(a), s(b), n(c)) }),
    scalarFunction({
      name: 'split_part', args: ['varchar(x)', 'varchar(y)', 'bigint'], returns: 'varchar(x)', description: 'Splits a string by a delimiter and returns the specified field (counting from one)',
      impl: (a, b, c) => {
        const index = n(c);
        if (index <= 0) throw invalidArgument('Index must be greater than zero');
        const delimiter = s(b);
        if (delimiter.length === 0) return index === 1 ? a : null;
        const parts = s(a).split(delimiter);
        return index <= parts.length ? parts[index - 1]! : null;
      },
    }),
    scalarFunction({ name: 'split_to_map', args: ['varchar', 'varchar', 'varchar'], returns: 'map(varchar,varchar)', description: 'Creates a map using entryDelimiter and keyValueDelimiter', impl: (a, b, c) => splitToMap(s(a), s(b), s(c), false) }),
    scalarFunction({ name: 'split_to_multimap', args: ['varchar', 'varchar', 'varchar'], returns: 'map(varchar,array(varchar))', description: 'Creates a multimap by splitting a string into key/value pairs', impl: (a, b, c) => splitToMap(s(a), s(b), s(c), true) }),
    scalarFunction({ name: 'reverse', args: ['varchar(x)'], returns: 'varchar(x)', description: 'Reverse all code points in a given string', impl: (v) => (hasSurrogates(s(v)) ? codePoints(s(v)).reverse().join('') : s(v).split('').reverse().join('')) }),
    scalarFunction({ name: 'reverse', args: ['varbinary'], returns: 'varbinary', description: 'Reverse a given varbinary', impl: (v) => Uint8Array.from(v as Uint8Array).reverse() }),
    scalarFunction({ name: 'starts_with', args: ['varchar(x)', 'varchar(y)'], returns: 'boolean', description: 'Determine whether source starts with prefix or not', impl: (a, b) => s(a).startsWith(s(b)) }),
    scalarFunction({ name: 'ends_with', args: ['varchar(x)', 'varchar(y)'], returns: 'boolean', description: 'Determine whether source ends with suffix or not', impl: (a, b) => s(a).endsWith(s(b)) }),
    scalarFunction({
      name: 'chr', args: ['bigint'], returns: 'varchar(1)', description: 'Convert Unicode code point to a string',
      impl: (v) => {
        const cp = n(v);
        if (!(cp >= 0 && cp <= 0x10ffff) || (cp >= 0xd800 && cp <= 0xdfff)) throw invalidArgument(`Not a valid Unicode code point: ${cp}`);
        return String.fromCodePoint(cp);
      },
    }),
    scalarFunction({
      name: 'codepoint', args: ['varchar(1)'], returns: 'integer', description: 'Returns Unicode code point of a single character string',
      impl: (v) => {
        const cps = codePoints(s(v));
        if (cps.length !== 1) throw invalidArgument('Input string must be a single character string');
        return cps[0]!.codePointAt(0)!;
      },
    }),
    scalarFunction({ name: 'levenshtein_distance', args: ['varchar(x)', 'varchar(y)'], returns: 'bigint', description: 'Computes Levenshtein distance between two strings', impl: (a, b) => levenshtein(s(a), s(b)) }),
    scalarFunction({
      name: 'hamming_distance', args: ['varchar(x)', 'varchar(y)'], returns: 'bigint', description: 'Computes Hamming distance between two strings',
      impl: (a, b) => {
        const x = codePoints(s(a));
        const y = codePoints(s(b));
        if (x.length !== y.length) throw invalidArgument('The input strings to hamming_distance function must have the same length');
        let d = 0;
        for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) d++;
        return d;
      },
    }),
    scalarFunction({ name: 'soundex', args: ['varchar(x)'], returns: 'varchar(4)', description: 'Encodes a string into a Soundex value', impl: (v) => soundex(s(v)) }),
    scalarFunction({ name: 'translate', args: ['varchar(x)', 'varchar(y)', 'varchar(z)'], returns: 'varchar', description: 'Translate characters from the source string based on original and translations strings', impl: (a, b, c) => translate(s(a), s(b), s(c)) }),
    scalarFunction({ name: 'normalize', args: ['varchar(x)'], returns: 'varchar', description: 'Transforms the string to normalized form NFC', impl: (v) => s(v).normalize('NFC') }),
    scalarFunction({ name: 'normalize', args: ['varchar(x)', 'varchar(y)'], returns: 'varchar', description: 'Transforms the string to the given normalized form', impl: (v, f) => s(v).normalize(normalizeForm(s(f))) }),
    scalarFunction({ name: 'to_utf8', args: ['varchar(x)'], returns: 'varbinary', description: 'Encodes the string to UTF-8', impl: (v) => utf8Encode(s(v)) }),
    scalarFunction({ name: 'from_utf8', args: ['varbinary'], returns: 'varchar', description: 'Decodes the UTF-8 encoded string', impl: (v) => fromUtf8(v as Uint8Array) }),
    scalarFunction({
      name: 'from_utf8', args: ['varbinary', 'varchar(x)'], returns: 'varchar', description: 'Decodes the UTF-8 encoded string, replacing invalid sequences',
      impl: (v, r) => {
        if (codePointCount(s(r)) > 1) throw invalidArgument('Replacement character string must empty or a single character');
        return fromUtf8(v as Uint8Array, s(r));
      },
    }),
    scalarFunction({
      name: 'from_utf8', args: ['varbinary', 'bigint'], returns: 'varchar', description: 'Decodes the UTF-8 encoded string, replacing invalid sequences with the code point',
      impl: (v, r) => {
        const cp = n(r);
        if (!(cp >= 0 && cp <= 0x10ffff)) throw invalidArgument('Invalid replacement character');
        return fromUtf8(v as Uint8Array, String.fromCodePoint(cp));
      },
    }),
    scalarFunction({ name: 'luhn_check', args: ['varchar'], returns: 'boolean', description: 'Checks that a string of digits is valid according to the Luhn algorithm', impl: (v) => luhnCheck(s(v)) }),
    scalarFunction({ name: 'word_stem', args: ['varchar(x)'], returns: 'varchar(x)', description: 'Returns the stem of a word in the English language', impl: (v) => wordStem(s(v)) }),
    scalarFunction({
      name: 'word_stem', args: ['varchar(x)', 'varchar(2)'], returns: 'varchar(x)', description: 'Returns the stem of a word in the given language',
      impl: (v, lang) => {
        if (s(lang).toLowerCase() !== 'en') throw invalidArgument(`Unknown stemmer language: ${s(lang)}`);
        return wordStem(s(v));
      },
    }),
    scalarFunction({ name: 'title_case', args: ['varchar(x)'], returns: 'varchar(x)', description: 'Converts the first character of each word to upper case', impl: (v) => titleCase(s(v)) }),
    scalarFunction({
      name: 'format', args: ['varchar(x)', 'T'], variadic: 'any', minArguments: 1, returns: 'varchar', description: 'Formats the arguments using a Java format string',
      nullOnNullInput: false,
      specialize: (b) => {
        const types = b.argumentTypes.slice(1);
        return (fmt, ...args) => (fmt === null ? null : formatWithJavaSyntax(s(fmt), args, types));
      },
    }),
  ];
}

function binarySubstr(b: Uint8Array, start: number, length?: number): Uint8Array {
  if (start === 0 || (length !== undefined && length <= 0) || b.length === 0) return new Uint8Array(0);
  let from: number;
  if (start > 0) {
    from = start - 1;
    if (from >= b.length) return new Uint8Array(0);
  } else {
    from = b.length + start;
    if (from < 0) return new Uint8Array(0);
  }
  const to = length === undefined ? b.length : Math.min(b.length, from + length);
  return b.slice(from, to);
}

function binaryPad(b: Uint8Array, size: number, padding: Uint8Array, left: boolean): Uint8Array {
  if (size < 0 || size > 2147483647) throw invalidArgument('Target length must be in the range [0..2147483647]');
  if (padding.length === 0) throw invalidArgument('Padding bytes must not be empty');
  if (b.length >= size) return b.slice(0, size);
  const out = new Uint8Array(size);
  const fill = size - b.length;
  if (left) {
    for (let i = 0; i < fill; i++) out[i] = padding[i % padding.length]!;
    out.set(b, fill);
  } else {
    out.set(b, 0);
    for (let i = 0; i < fill; i++) out[b.length + i] = padding[i % padding.length]!;
  }
  return out;
}

export { normalizeInt64 };
