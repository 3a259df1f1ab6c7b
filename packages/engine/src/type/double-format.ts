/**
 * Text of DOUBLE and REAL values as Trino prints them (Java's `Double.toString`): plain notation
 * for 1e-3 <= |v| < 1e7 with at least one fractional digit (`123.0`), otherwise computerized
 * scientific notation (`1.0E10`, `1.0E-4`); shortest round-trip digits.
 */
export function formatDouble(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  // Java prints the smallest subnormal as 4.9E-324 (two digits), JavaScript as 5e-324.
  if (Math.abs(value) === Number.MIN_VALUE) return value < 0 ? '-4.9E-324' : '4.9E-324';
  const exp = value.toExponential();
  return layout(exp);
}

/** REAL: shortest digits that round-trip through float32. */
export function formatReal(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const f = Math.fround(value);
  for (let p = 1; p <= 9; p++) {
    const e = f.toExponential(p - 1);
    if (Math.fround(Number(e)) === f) return layout(e);
  }
  return layout(f.toExponential());
}

function layout(exponential: string): string {
  const m = /^(-)?(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(exponential)!;
  const sign = m[1] ?? '';
  const digits = (m[2]! + (m[3] ?? '')).replace(/0+$/, '') || '0';
  const exp = Number(m[4]);
  if (exp >= -3 && exp < 7) {
    if (exp >= 0) {
      const intLen = exp + 1;
      const intPart = digits.length >= intLen ? digits.slice(0, intLen) : digits + '0'.repeat(intLen - digits.length);
      const frac = digits.length > intLen ? digits.slice(intLen) : '0';
      return `${sign}${intPart}.${frac}`;
    }
    return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  }
  const frac = digits.length > 1 ? digits.slice(1) : '0';
  return `${sign}${digits[0]}.${frac}E${exp}`;
}
