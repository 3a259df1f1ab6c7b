import type { Int64 } from '@petrel/spi';
import { INT64_MAX, INT64_MIN, StandardErrorCode, TrinoError, normalizeInt64 } from '@petrel/spi';

/** Checked BIGINT arithmetic over the `number | bigint` representation. */

function overflow(op: string, a: Int64, b: Int64, symbol: string): TrinoError {
  return new TrinoError(StandardErrorCode.NUMERIC_VALUE_OUT_OF_RANGE, `bigint ${op} overflow: ${a} ${symbol} ${b}`);
}

function checked(v: bigint, op: string, a: Int64, b: Int64, symbol: string): Int64 {
  if (v < INT64_MIN || v > INT64_MAX) throw overflow(op, a, b, symbol);
  return normalizeInt64(v);
}

export function addInt64(a: Int64, b: Int64): Int64 {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a + b;
    if (Number.isSafeInteger(r)) return r;
  }
  return checked(BigInt(a) + BigInt(b), 'addition', a, b, '+');
}

export function subtractInt64(a: Int64, b: Int64): Int64 {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a - b;
    if (Number.isSafeInteger(r)) return r;
  }
  return checked(BigInt(a) - BigInt(b), 'subtraction', a, b, '-');
}

export function multiplyInt64(a: Int64, b: Int64): Int64 {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a * b;
    if (Number.isSafeInteger(r)) return r === 0 ? 0 : r;
  }
  return checked(BigInt(a) * BigInt(b), 'multiplication', a, b, '*');
}

export function divideInt64(a: Int64, b: Int64): Int64 {
  if (b === 0 || b === 0n) throw new TrinoError(StandardErrorCode.DIVISION_BY_ZERO, 'Division by zero');
  if (typeof a === 'number' && typeof b === 'number') {
    const r = Math.trunc(a / b);
    // exact for safe integers: |a/b| <= |a| and truncation of the correctly rounded quotient is exact here
    if (Number.isSafeInteger(r) && Math.abs(a) < 2 ** 52) return r === 0 ? 0 : r;
  }
  const x = BigInt(a);
  const y = BigInt(b);
  if (x === INT64_MIN && y === -1n) throw overflow('division', a, b, '/');
  return normalizeInt64(x / y);
}

export function modulusInt64(a: Int64, b: Int64): Int64 {
  if (b === 0 || b === 0n) throw new TrinoError(StandardErrorCode.DIVISION_BY_ZERO, 'Division by zero');
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a % b;
    return r === 0 ? 0 : r;
  }
  return normalizeInt64(BigInt(a) % BigInt(b));
}

export function negateInt64(a: Int64): Int64 {
  if (typeof a === 'number') return a === 0 ? 0 : -a;
  if (a === INT64_MIN) throw new TrinoError(StandardErrorCode.NUMERIC_VALUE_OUT_OF_RANGE, `bigint negation overflow: ${a}`);
  return normalizeInt64(-a);
}

export function int64FromBigInt(v: bigint): Int64 | undefined {
  if (v < INT64_MIN || v > INT64_MAX) return undefined;
  return normalizeInt64(v);
}

export function toBigInt(a: Int64): bigint {
  return typeof a === 'bigint' ? a : BigInt(a);
}
