/**
 * Numbers printed the way Java's `Double.toString` / `Float.toString` print them, which is what
 * Trino writes in protocol JSON and what its CLI shows: `1.0`, `0.001`, `1.0E7`, `1.5E-4`.
 */
export function formatJavaDouble(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e-3 && magnitude < 1e7) {
    // JavaScript prints this range in plain decimal notation with the same shortest digits.
    const text = String(value);
    return Number.isInteger(value) ? `${text}.0` : text;
  }
  return formatShortest(value, value.toExponential());
}

export function formatJavaFloat(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const single = Math.fround(value);
  let exponential = single.toExponential();
  for (let digits = 0; digits < 9; digits++) {
    const candidate = single.toExponential(digits);
    if (Math.fround(Number(candidate)) === single) {
      exponential = candidate;
      break;
    }
  }
  return formatShortest(Number(exponential), exponential);
}

/** `exponential` is JavaScript's `d.ddde±n` form of the shortest digits of `value`. */
function formatShortest(value: number, exponential: string): string {
  const negative = exponential.startsWith('-');
  const body = negative ? exponential.slice(1) : exponential;
  const [mantissa, exponentText] = body.split('e') as [string, string];
  const exponent = Number(exponentText);
  const digits = mantissa.replace('.', '');
  const sign = negative ? '-' : '';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e-3 && magnitude < 1e7) {
    let text: string;
    if (exponent >= 0) {
      const integerDigits = exponent + 1;
      const integerPart = digits.length >= integerDigits ? digits.slice(0, integerDigits) : digits + '0'.repeat(integerDigits - digits.length);
      const fraction = digits.length > integerDigits ? digits.slice(integerDigits) : '0';
      text = `${integerPart}.${fraction}`;
    } else {
      text = `0.${'0'.repeat(-exponent - 1)}${digits}`;
    }
    return sign + text;
  }
  const fraction = digits.length > 1 ? digits.slice(1) : '0';
  return `${sign}${digits[0]}.${fraction}E${exponent}`;
}
