import { assertNever } from '@petrel/spi';
import type { SqlType, SqlValue } from '@petrel/spi';

/**
 * Renders one result value the way SQLite's sqllogictest harness prints it, given the column's
 * type letter: `I` prints an integer (non-integers are truncated toward zero, text is read as its
 * leading number), `R` prints `%.3f`, `T` prints text with control and non-ASCII bytes as `@` and
 * the empty string as `(empty)`. NULL is `NULL` whatever the letter.
 *
 * Trino values are first read as SQLite would hold them: integers (booleans are 1/0, as SQLite has
 * no boolean), reals (double, real, decimal with a scale), or text.
 */
export function renderSltValue(value: SqlValue, typeLetter: string, columnType: SqlType): string {
  if (value === null) return 'NULL';
  const held = asSqliteValue(value, columnType);
  switch (typeLetter) {
    case 'I':
      return renderInteger(held);
    case 'R':
      return formatFixed3(toReal(held));
    case 'T':
      return renderText(held);
  }
  throw new Error(`unknown sqllogictest type letter ${typeLetter}`);
}

/** A value as SQLite would store it: INTEGER, REAL or TEXT. */
export type SqliteValue =
  | { readonly kind: 'integer'; readonly value: bigint }
  | { readonly kind: 'real'; readonly value: number }
  | { readonly kind: 'text'; readonly value: string };

export function asSqliteValue(value: Exclude<SqlValue, null>, columnType: SqlType): SqliteValue {
  if (typeof value === 'boolean') return { kind: 'integer', value: value ? 1n : 0n };
  if (columnType.kind === 'decimal') {
    const unscaled = typeof value === 'bigint' ? value : BigInt(value as number);
    if (columnType.scale === 0) return { kind: 'integer', value: unscaled };
    return { kind: 'real', value: Number(formatDecimal(unscaled, columnType.scale)) };
  }
  if (typeof value === 'bigint') return { kind: 'integer', value };
  if (typeof value === 'number') {
    if (columnType.kind === 'real' || columnType.kind === 'double') return { kind: 'real', value };
    if (Number.isInteger(value)) return { kind: 'integer', value: BigInt(value) };
    return { kind: 'real', value };
  }
  if (typeof value === 'string') return { kind: 'text', value };
  return { kind: 'text', value: String(value) };
}

/** `unscaled / 10^scale` as plain decimal text. */
export function formatDecimal(unscaled: bigint, scale: number): string {
  if (scale <= 0) return unscaled.toString();
  const negative = unscaled < 0n;
  const digits = (negative ? -unscaled : unscaled).toString().padStart(scale + 1, '0');
  const text = `${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`;
  return negative ? `-${text}` : text;
}

const INT64_MAX = 2n ** 63n - 1n;
const INT64_MIN = -(2n ** 63n);
const LEADING_NUMBER = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/;

function renderInteger(held: SqliteValue): string {
  switch (held.kind) {
    case 'integer':
      return held.value.toString();
    case 'real':
      return realToInteger(held.value).toString();
    case 'text': {
      const match = LEADING_NUMBER.exec(held.value);
      return match === null ? '0' : realToInteger(Number(match[0])).toString();
    }
  }
  return assertNever(held, 'value');
}

/** SQLite's REAL -> INTEGER: truncation toward zero, clamped to the 64-bit range, NaN as 0. */
export function realToInteger(value: number): bigint {
  if (Number.isNaN(value)) return 0n;
  if (value >= 9.223372036854775807e18) return INT64_MAX;
  if (value <= -9.223372036854775808e18) return INT64_MIN;
  return BigInt(Math.trunc(value));
}

function toReal(held: SqliteValue): number {
  switch (held.kind) {
    case 'integer':
      return Number(held.value);
    case 'real':
      return held.value;
    case 'text': {
      const match = LEADING_NUMBER.exec(held.value);
      return match === null ? 0 : Number(match[0]);
    }
  }
  return assertNever(held, 'value');
}

function renderText(held: SqliteValue): string {
  switch (held.kind) {
    case 'integer':
      return held.value.toString();
    case 'real':
      return sqliteRealText(held.value);
    case 'text':
      return sanitizeText(held.value);
  }
  return assertNever(held, 'value');
}

/** Empty string -> `(empty)`; every byte outside printable ASCII (in UTF-8) -> `@`. */
export function sanitizeText(text: string): string {
  if (text === '') return '(empty)';
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) out += byte < 0x20 || byte > 0x7e ? '@' : String.fromCharCode(byte);
  return out;
}

/**
 * `printf("%.3f", x)` with glibc's exact rounding: the exact binary value is rounded to three
 * decimals, ties to even (JavaScript's `toFixed` rounds ties away from zero instead).
 */
export function formatFixed3(x: number): string {
  if (Number.isNaN(x)) return x < 0 ? '-nan' : 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  const negative = x < 0 || Object.is(x, -0);
  const { mantissa, exponent } = decomposeDouble(Math.abs(x));
  // |x| = mantissa * 2^exponent; we want round(|x| * 1000)
  let numerator = mantissa * 1000n;
  let denominator = 1n;
  if (exponent >= 0) numerator <<= BigInt(exponent);
  else denominator <<= BigInt(-exponent);
  let quotient = numerator / denominator;
  const twiceRemainder = (numerator % denominator) * 2n;
  if (twiceRemainder > denominator || (twiceRemainder === denominator && quotient % 2n === 1n)) quotient += 1n;
  const digits = quotient.toString().padStart(4, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -3)}.${digits.slice(-3)}`;
}

/** A finite non-negative double as an integer mantissa and a power-of-two exponent. */
function decomposeDouble(x: number): { mantissa: bigint; exponent: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const high = view.getUint32(0);
  const low = view.getUint32(4);
  const biased = (high >>> 20) & 0x7ff;
  const fraction = (BigInt(high & 0xfffff) << 32n) | BigInt(low);
  if (biased === 0) return { mantissa: fraction, exponent: -1074 };
  return { mantissa: fraction | (1n << 52n), exponent: biased - 1075 };
}

/** SQLite's text for a REAL (`%!.15g`): 15 significant digits, always with a decimal point. */
export function sqliteRealText(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Inf' : '-Inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const exponential = x.toExponential(14);
  const [mantissaText, exponentText] = exponential.split('e') as [string, string];
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 15) {
    const mantissa = withDecimalPoint(stripZeros(mantissaText));
    const sign = exponent < 0 ? '-' : '+';
    return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  return withDecimalPoint(stripZeros(x.toFixed(14 - exponent)));
}

function stripZeros(text: string): string {
  if (!text.includes('.')) return text;
  return text.replace(/0+$/, '').replace(/\.$/, '');
}

function withDecimalPoint(text: string): string {
  return text.includes('.') ? text : `${text}.0`;
}
