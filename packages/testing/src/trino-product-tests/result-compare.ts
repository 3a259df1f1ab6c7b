import { assertNever } from '@petrel/spi';
import type { SqlType, SqlValue } from '@petrel/spi';
import { dateText, decimalText, trinoValueText } from '../common/value-text.js';
import type { ExpectedResult } from './product-test-case.js';
import { jdbcTypeName } from './jdbc-type.js';

/**
 * Relative tolerance for REAL/DOUBLE columns (tempto compares floating point with a configured
 * relative tolerance; we use 1e-6).
 */
export const FLOAT_TOLERANCE = 1e-6;

/** An expected value after parsing it for the actual column's JDBC type (tempto's QueryRowMapper). */
type ParsedValue =
  | { readonly kind: 'null' }
  | { readonly kind: 'text'; readonly value: string }
  | { readonly kind: 'boolean'; readonly value: boolean }
  | { readonly kind: 'integer'; readonly value: bigint }
  | { readonly kind: 'float'; readonly value: number }
  | { readonly kind: 'decimal'; readonly unscaled: bigint; readonly scale: number }
  | { readonly kind: 'date'; readonly value: string }
  | { readonly kind: 'time'; readonly value: string }
  | { readonly kind: 'timestamp'; readonly value: string }
  | { readonly kind: 'binary'; readonly value: string };

export class ExpectationError extends Error {}

const INT32_MIN = -(2n ** 31n);
const INT32_MAX = 2n ** 31n - 1n;

function parseInteger(text: string, bits: 32 | 64): bigint {
  if (!/^[+-]?\d+$/.test(text)) throw new ExpectationError(`not an integer: ${JSON.stringify(text)}`);
  const value = BigInt(text);
  if (bits === 32 && (value < INT32_MIN || value > INT32_MAX)) throw new ExpectationError(`out of integer range: ${text}`);
  return value;
}

function parseDecimal(text: string): { unscaled: bigint; scale: number } {
  const match = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (match === null || (match[2] === '' && (match[3] ?? '') === '')) throw new ExpectationError(`not a decimal: ${JSON.stringify(text)}`);
  const fractionDigits = match[3] ?? '';
  let unscaled = BigInt(`${match[2]}${fractionDigits}` || '0');
  let scale = fractionDigits.length - Number(match[4] ?? 0);
  if (scale < 0) {
    unscaled *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return { unscaled: match[1] === '-' ? -unscaled : unscaled, scale };
}

/** Java's Date.valueOf / Timestamp.valueOf accept one- or two-digit month and day. */
function normalizeDate(text: string): string {
  const match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (match === null) throw new ExpectationError(`not a date: ${JSON.stringify(text)}`);
  return `${match[1]}-${match[2]!.padStart(2, '0')}-${match[3]!.padStart(2, '0')}`;
}

function normalizeTimestamp(text: string): string {
  const match = /^(\d{4}-\d{1,2}-\d{1,2}) (\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?$/.exec(text);
  if (match === null) throw new ExpectationError(`not a timestamp: ${JSON.stringify(text)}`);
  const nanos = (match[5] ?? '').padEnd(9, '0');
  return `${normalizeDate(match[1]!)} ${match[2]!.padStart(2, '0')}:${match[3]}:${match[4]}.${nanos}`;
}

export function parseExpectedValue(text: string, jdbcType: string): ParsedValue {
  if (text === 'null') return { kind: 'null' };
  switch (jdbcType) {
    case 'CHAR':
    case 'VARCHAR':
      return { kind: 'text', value: text };
    case 'BOOLEAN': {
      const lower = text.toLowerCase();
      if (lower !== 'true' && lower !== 'false') throw new ExpectationError(`not a boolean: ${JSON.stringify(text)}`);
      return { kind: 'boolean', value: lower === 'true' };
    }
    case 'TINYINT':
    case 'SMALLINT':
    case 'INTEGER':
      return { kind: 'integer', value: parseInteger(text, 32) };
    case 'BIGINT':
      return { kind: 'integer', value: parseInteger(text, 64) };
    case 'REAL':
    case 'DOUBLE': {
      const trimmed = text.trim();
      const value = trimmed === 'NaN' ? NaN : trimmed === 'Infinity' ? Infinity : trimmed === '-Infinity' ? -Infinity : Number(trimmed.replace(/[dDfF]$/, ''));
      if (trimmed === '' || (Number.isNaN(value) && trimmed !== 'NaN')) throw new ExpectationError(`not a double: ${JSON.stringify(text)}`);
      return { kind: 'float', value };
    }
    case 'DECIMAL':
      return { kind: 'decimal', ...parseDecimal(text) };
    case 'DATE':
      return { kind: 'date', value: normalizeDate(text) };
    case 'TIME':
    case 'TIME_WITH_TIMEZONE': {
      if (!/^\d{1,2}:\d{2}:\d{2}$/.test(text)) throw new ExpectationError(`not a time: ${JSON.stringify(text)}`);
      return { kind: 'time', value: text.padStart(8, '0') };
    }
    case 'TIMESTAMP':
    case 'TIMESTAMP_WITH_TIMEZONE':
      return { kind: 'timestamp', value: normalizeTimestamp(text) };
    case 'BINARY':
    case 'VARBINARY':
      if (!/^([0-9a-fA-F]{2})*$/.test(text)) throw new ExpectationError(`not hex: ${JSON.stringify(text)}`);
      return { kind: 'binary', value: text.toLowerCase() };
    default:
      throw new ExpectationError(`cannot read an expected value of JDBC type ${jdbcType}: ${JSON.stringify(text)}`);
  }
}

function compareDecimals(a: { unscaled: bigint; scale: number }, b: { unscaled: bigint; scale: number }): boolean {
  const scale = Math.max(a.scale, b.scale);
  return a.unscaled * 10n ** BigInt(scale - a.scale) === b.unscaled * 10n ** BigInt(scale - b.scale);
}

/** Whether the actual value equals the parsed expectation (tempto's per-type comparator). */
export function valueMatches(actual: SqlValue, type: SqlType, expected: ParsedValue): boolean {
  if (actual === null || expected.kind === 'null') return actual === null && expected.kind === 'null';
  switch (expected.kind) {
    case 'text':
      return actual === expected.value;
    case 'boolean':
      return actual === expected.value;
    case 'integer':
      return typeof actual === 'number' || typeof actual === 'bigint' ? BigInt(actual) === expected.value : false;
    case 'float': {
      if (typeof actual !== 'number') return false;
      if (Number.isNaN(expected.value) || Number.isNaN(actual)) return Number.isNaN(expected.value) && Number.isNaN(actual);
      if (actual === expected.value) return true;
      return Math.abs(actual - expected.value) <= Math.abs(FLOAT_TOLERANCE * expected.value);
    }
    case 'decimal':
      if (type.kind !== 'decimal' || typeof actual !== 'bigint') return typeof actual === 'number' && Number(decimalText(expected.unscaled, expected.scale)) === actual;
      return compareDecimals({ unscaled: actual, scale: type.scale }, expected);
    case 'date':
      return typeof actual === 'number' && dateText(actual) === expected.value;
    case 'time':
      return trinoValueText(actual, type).slice(0, 8) === expected.value;
    case 'timestamp': {
      const text = trinoValueText(actual, type.kind === 'timestamp' || type.kind === 'timestamp with time zone' ? { ...type, precision: 9 } : type);
      return text.slice(0, 29) === expected.value;
    }
    case 'binary':
      return actual instanceof Uint8Array && Buffer.from(actual).toString('hex') === expected.value;
  }
  return assertNever(expected, 'expected value');
}

/** Splits one expected line as tempto does: literal delimiter, optional trim, trailing delimiter dropped. */
export function splitExpectedLine(line: string, expected: Pick<ExpectedResult, 'delimiter' | 'trimValues'>): string[] {
  let values = line.split(expected.delimiter);
  if (expected.trimValues) values = values.map((v) => v.trim());
  if (line.trim().endsWith(expected.delimiter)) values = values.slice(0, -1);
  return values;
}

export interface ResultMismatch {
  /** Short grouping key: `column types`, `row count`, `missing rows`, `rows differ`, `expected file`. */
  readonly category: string;
  readonly detail: string;
}

function describeRow(row: readonly SqlValue[], types: readonly SqlType[]): string {
  return row.map((v, i) => trinoValueText(v, types[i]!)).join('|');
}

/** Compares a result with the expectation exactly as tempto's `QueryAssert.matches` does. */
export function compareProductTestResult(types: readonly SqlType[], rows: readonly (readonly SqlValue[])[], expected: ExpectedResult): ResultMismatch | undefined {
  const jdbcTypes = types.map(jdbcTypeName);
  if (expected.types !== undefined) {
    if (expected.types.length !== jdbcTypes.length || expected.types.some((t, i) => t !== jdbcTypes[i])) {
      return { category: 'column types', detail: `expected ${expected.types.join('|')}, got ${jdbcTypes.join('|')}` };
    }
  }
  let parsedRows: ParsedValue[][];
  try {
    parsedRows = expected.lines.map((line) => {
      const values = splitExpectedLine(line, expected);
      if (values.length !== jdbcTypes.length) throw new ExpectationError(`expected line has ${values.length} values for ${jdbcTypes.length} columns: ${JSON.stringify(line)}`);
      return values.map((v, i) => parseExpectedValue(v, jdbcTypes[i]!));
    });
  } catch (error) {
    if (error instanceof ExpectationError) return { category: 'expected values do not fit the result columns', detail: `${error.message} (columns ${jdbcTypes.join('|')})` };
    throw error;
  }
  const rowMatches = (actual: readonly SqlValue[], wanted: readonly ParsedValue[]): boolean => wanted.every((w, i) => valueMatches(actual[i] ?? null, types[i]!, w));
  if (expected.ignoreOrder) {
    const missing = parsedRows.map((wanted, index) => ({ wanted, index })).filter(({ wanted }) => !rows.some((row) => rowMatches(row, wanted)));
    if (missing.length > 0) {
      return {
        category: 'missing rows',
        detail: `${missing.length} of ${parsedRows.length} expected rows not found: ${missing
          .slice(0, 12)
          .map(({ index }) => JSON.stringify(splitExpectedLine(expected.lines[index]!, { ...expected, trimValues: true }).join('|')))
          .join(', ')}${missing.length > 12 ? ', ...' : ''}; actual (${rows.length} rows) starts ${rows
          .slice(0, 3)
          .map((r) => JSON.stringify(describeRow(r, types)))
          .join(', ')}`,
      };
    }
    if (!expected.ignoreExcessRows && rows.length !== parsedRows.length) return { category: 'row count', detail: `expected ${parsedRows.length} rows, got ${rows.length}` };
    return undefined;
  }
  if (rows.length !== parsedRows.length) return { category: 'row count', detail: `expected ${parsedRows.length} rows, got ${rows.length}` };
  for (let i = 0; i < rows.length; i++) {
    if (!rowMatches(rows[i]!, parsedRows[i]!)) {
      return { category: 'rows differ', detail: `row ${i + 1}: expected ${JSON.stringify(expected.lines[i])}, got ${JSON.stringify(describeRow(rows[i]!, types))}` };
    }
  }
  return undefined;
}
