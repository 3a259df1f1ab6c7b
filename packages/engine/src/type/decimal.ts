import type { DecimalType } from '@petrel/spi';
import { StandardErrorCode, TrinoError } from '@petrel/spi';

/** Decimal helpers over unscaled `bigint` values. */

const POW10: bigint[] = [];
for (let i = 0, p = 1n; i <= 80; i++, p *= 10n) POW10.push(p);

export function pow10(n: number): bigint {
  return POW10[n] ?? 10n ** BigInt(n);
}

export function maxUnscaled(precision: number): bigint {
  return pow10(precision) - 1n;
}

export function fitsPrecision(value: bigint, precision: number): boolean {
  const max = pow10(precision);
  return value < max && value > -max;
}

/** Division of bigints rounding HALF_UP (away from zero on ties). */
export function divideRoundHalfUp(dividend: bigint, divisor: bigint): bigint {
  const q = dividend / divisor;
  const r = dividend % divisor;
  if (r === 0n) return q;
  const twiceR = (r < 0n ? -r : r) * 2n;
  const absDivisor = divisor < 0n ? -divisor : divisor;
  if (twiceR >= absDivisor) {
    return (dividend < 0n) !== (divisor < 0n) ? q - 1n : q + 1n;
  }
  return q;
}

/** Changes the scale of an unscaled value, rounding HALF_UP when reducing it. */
export function rescale(value: bigint, fromScale: number, toScale: number): bigint {
  if (toScale === fromScale) return value;
  if (toScale > fromScale) return value * pow10(toScale - fromScale);
  return divideRoundHalfUp(value, pow10(fromScale - toScale));
}

export function decimalOverflow(): TrinoError {
  return new TrinoError(StandardErrorCode.NUMERIC_VALUE_OUT_OF_RANGE, 'Decimal overflow');
}

export function checkDecimal(value: bigint, precision: number): bigint {
  if (!fitsPrecision(value, precision)) throw decimalOverflow();
  return value;
}

export function formatDecimal(unscaled: bigint, scale: number): string {
  const negative = unscaled < 0n;
  let digits = (negative ? -unscaled : unscaled).toString();
  if (scale > 0) {
    if (digits.length <= scale) digits = digits.padStart(scale + 1, '0');
    digits = `${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`;
  }
  return negative ? `-${digits}` : digits;
}

export function decimalToNumber(unscaled: bigint, scale: number): number {
  if (scale === 0) return Number(unscaled);
  // Through text so that the double is the correctly rounded value.
  return Number(formatDecimal(unscaled, scale));
}

/** Parses decimal text (`-12.50`, `1e3` not allowed) into unscaled value, precision and scale. */
export function parseDecimalText(text: string): { unscaled: bigint; precision: number; scale: number } | undefined {
  const m = /^\s*([+-])?(\d*)(?:\.(\d*))?\s*$/.exec(text);
  if (m === null) return undefined;
  const intPart = m[2] ?? '';
  const fracPart = m[3] ?? '';
  if (intPart === '' && fracPart === '') return undefined;
  const stripped = intPart.replace(/^0+/, '');
  const scale = fracPart.length;
  const precision = Math.max(1, stripped.length + scale);
  let unscaled = BigInt((stripped === '' ? '0' : stripped) + fracPart);
  if (m[1] === '-') unscaled = -unscaled;
  return { unscaled, precision, scale };
}

/** Decimal value of a double, rounded HALF_UP to `type`; undefined when it does not fit or is not finite. */
export function doubleToDecimal(value: number, type: DecimalType): bigint | undefined {
  if (!Number.isFinite(value)) return undefined;
  const text = exactDecimalString(value);
  const parsed = parseDecimalText(text);
  if (parsed === undefined) return undefined;
  const v = rescale(parsed.unscaled, parsed.scale, type.scale);
  return fitsPrecision(v, type.precision) ? v : undefined;
}

/** Plain (non-exponent) decimal text of a double, using the shortest repr digits. */
export function exactDecimalString(value: number): string {
  const s = String(value);
  if (!/e/i.test(s)) return s;
  const m = /^(-)?(\d)(?:\.(\d+))?e([+-]\d+)$/i.exec(s)!;
  const digits = m[2]! + (m[3] ?? '');
  const exp = Number(m[4]);
  const pointPos = 1 + exp;
  let out: string;
  if (pointPos <= 0) out = '0.' + '0'.repeat(-pointPos) + digits;
  else if (pointPos >= digits.length) out = digits + '0'.repeat(pointPos - digits.length);
  else out = digits.slice(0, pointPos) + '.' + digits.slice(pointPos);
  return (m[1] ?? '') + out;
}

export function bigintAbs(v: bigint): bigint {
  return v < 0n ? -v : v;
}

/**
 * A decimal (or other bigint-represented) value as a bigint. Values are `bigint` by contract;
 * this tolerates a `number` from readers that normalize 64-bit blocks.
 */
export function big(v: unknown): bigint {
  return typeof v === 'bigint' ? v : BigInt(v as number);
}
