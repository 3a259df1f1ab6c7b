import { big } from '../../type/decimal.js';
import type { DecimalType, Int64, SqlMap, SqlType, SqlValue } from '@petrel/spi';
import { decimalType, normalizeInt64, INT64_MAX, INT64_MIN } from '@petrel/spi';
import type { FunctionDefinition } from '../function-definition.js';
import { scalarFunction } from '../function-definition.js';
import { divisionByZero, invalidArgument, outOfRange } from '../errors.js';
import { divideRoundHalfUp, pow10, rescale } from '../../type/decimal.js';
import { compareValues } from '../../type/value-compare.js';
import { modulusInt64 } from '../../type/int64.js';
import { inverseRegularizedBeta, inverseStandardNormal, normalCdf, regularizedBeta } from './statistics-support.js';

const INTEGRAL = ['tinyint', 'smallint', 'integer', 'bigint'] as const;
const MIN_VALUE: Record<string, number | bigint> = { tinyint: -128, smallint: -32768, integer: -2147483648, bigint: -(2n ** 63n) };
const num = (v: SqlValue): number => Number(v);

function roundHalfAway(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

/** round(double, d) as Trino: half away from zero at the given decimal place. */
function roundDouble(x: number, d: number): number {
  if (!Number.isFinite(x)) return x;
  if (d > 300) return x;
  const factor = 10 ** d;
  const scaled = x * factor;
  if (!Number.isFinite(scaled)) return x;
  const r = roundHalfAway(scaled) / factor;
  return Number.isFinite(r) ? r : x;
}

function truncateDouble(x: number, d: number): number {
  if (!Number.isFinite(x)) return x;
  const factor = 10 ** d;
  return Math.trunc(x * factor) / factor;
}

function roundIntegral(type: string, v: Int64, d: number): Int64 {
  if (d >= 0) return v;
  if (d <= -19) return 0;
  const factor = 10n ** BigInt(-d);
  const r = divideRoundHalfUp(BigInt(v), factor) * factor;
  if (r > INT64_MAX || r < INT64_MIN) throw outOfRange(`Value out of range for ${type}`);
  return normalizeInt64(r);
}

function checkRange(type: string, v: Int64): Int64 {
  const ranges: Record<string, [number, number]> = { tinyint: [-128, 127], smallint: [-32768, 32767], integer: [-2147483648, 2147483647] };
  const r = ranges[type];
  if (r !== undefined && (Number(v) < r[0] || Number(v) > r[1])) throw outOfRange(`Out of range for ${type}: ${v}`);
  return v;
}

function greatestLeast(sign: 1 | -1, name: string) {
  return scalarFunction({
    name, args: ['E'], variadic: 'same', minArguments: 1, returns: 'E', orderable: ['E'],
    description: sign > 0 ? 'Get the largest of the given values' : 'Get the smallest of the given values',
    specialize: (b) => {
      const type = b.returnType;
      const floating = type.kind === 'double' || type.kind === 'real';
      return (...args) => {
        let best: SqlValue = args[0]!;
        for (const a of args) {
          if (floating && Number.isNaN(a)) throw invalidArgument(`Invalid argument to ${name}(): NaN`);
        }
        for (let i = 1; i < args.length; i++) if (compareValues(type, args[i]!, best) * sign > 0) best = args[i]!;
        return best;
      };
    },
  });
}

function fromBase(s: string, radix: number): Int64 {
  if (radix < 2 || radix > 36) throw invalidArgument('Radix must be between 2 and 36');
  const t = s;
  const negative = t.startsWith('-');
  const body = negative || t.startsWith('+') ? t.slice(1) : t;
  if (body.length === 0) throw invalidArgument(`Not a valid base-${radix} number: ${s}`);
  let v = 0n;
  const r = BigInt(radix);
  for (const c of body.toLowerCase()) {
    const d = parseInt(c, 36);
    if (Number.isNaN(d) || d >= radix) throw invalidArgument(`Not a valid base-${radix} number: ${s}`);
    v = v * r + BigInt(d);
  }
  if (negative) v = -v;
  if (v > INT64_MAX || v < INT64_MIN) throw invalidArgument(`Not a valid base-${radix} number: ${s}`);
  return normalizeInt64(v);
}

function cosineSimilarityMaps(a: SqlMap, b: SqlMap): number | null {
  const bIndex = new Map<SqlValue, number>();
  b.keys.forEach((k, i) => bIndex.set(k, i));
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.keys.length; i++) {
    const x = a.values[i];
    if (x === null) return null;
    na += (x as number) ** 2;
    const j = bIndex.get(a.keys[i]!);
    if (j !== undefined) {
      const y = b.values[j];
      if (y === null) return null;
      dot += (x as number) * (y as number);
    }
  }
  for (const y of b.values) {
    if (y === null) return null;
    nb += (y as number) ** 2;
  }
  return dot / (Math.sqrt(na) * Math.sqrt(nb));
}

function cosineSimilarityArrays(a: readonly SqlValue[], b: readonly SqlValue[]): number | null {
  if (a.length !== b.length) throw invalidArgument('The arguments to cosine_similarity must have the same length');
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === null || b[i] === null) throw invalidArgument('Vector elements must not be null');
    const x = a[i] as number;
    const y = b[i] as number;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return dot / (Math.sqrt(na) * Math.sqrt(nb));
}

function wilson(successes: number, trials: number, z: number, upper: boolean): number {
  if (successes < 0) throw invalidArgument('number of successes must not be negative');
  if (trials <= 0) throw invalidArgument('number of trials must be positive');
  if (successes > trials) throw invalidArgument('number of successes must not be larger than number of trials');
  if (z < 0) throw invalidArgument('z-score must not be negative');
  const p = successes / trials;
  const z2 = z * z;
  const center = p + z2 / (2 * trials);
  const margin = z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  return (upper ? center + margin : center - margin) / (1 + z2 / trials);
}

function widthBucket(x: number, b1: number, b2: number, n: number): number {
  if (n <= 0) throw invalidArgument('bucketCount must be greater than 0');
  if (Number.isNaN(x)) throw invalidArgument('operand must not be NaN');
  if (!Number.isFinite(b1)) throw invalidArgument('first bound must be finite');
  if (!Number.isFinite(b2)) throw invalidArgument('second bound must be finite');
  if (b1 === b2) throw invalidArgument('bounds cannot equal each other');
  const lower = Math.min(b1, b2);
  const upper = Math.max(b1, b2);
  let result: number;
  if (x < lower) result = 0;
  else if (x >= upper) result = n + 1;
  else result = Math.floor(((x - lower) / (upper - lower)) * n) + 1;
  if (b1 > b2) result = n - result + 1;
  return result;
}

function randomInt(lo: number, hi: number): number {
  return lo + Math.floor(Math.random() * (hi - lo));
}

export function mathFunctions(): FunctionDefinition[] {
  const defs: FunctionDefinition[] = [];
  const add = (d: FunctionDefinition): void => {
    defs.push(d);
  };
  // abs, sign, ceil, floor, round, truncate over integral types
  for (const t of INTEGRAL) {
    add(scalarFunction({
      name: 'abs', args: [t], returns: t, description: 'Absolute value',
      impl: (v) => {
        if (v === MIN_VALUE[t] || (typeof v === 'bigint' && v === MIN_VALUE[t])) throw outOfRange(`Value ${v} is out of range for abs(${t})`);
        return typeof v === 'bigint' ? normalizeInt64(v < 0n ? -v : v) : Math.abs(v as number);
      },
    }));
    add(scalarFunction({ name: 'sign', args: [t], returns: t, description: 'Signum', impl: (v) => (typeof v === 'bigint' ? (v > 0n ? 1 : -1) : Math.sign(v as number) + 0) }));
    const integralDescriptions: Record<string, string> = { ceil: 'Round up to nearest integer', ceiling: 'Round up to nearest integer', floor: 'Round down to nearest integer', round: 'Round to nearest integer' };
    for (const [name, description] of Object.entries(integralDescriptions)) add(scalarFunction({ name, args: [t], returns: t, description, impl: (v) => v }));
    add(scalarFunction({ name: 'round', args: [t, 'integer'], returns: t, description: 'Round to nearest integer', impl: (v, d) => checkRange(t, roundIntegral(t, v as Int64, num(d))) }));
    add(scalarFunction({
      name: 'mod', args: [t, t], returns: t, description: 'Remainder of given quotient',
      impl: (a, b) => modulusInt64(a as Int64, b as Int64),
    }));
    add(scalarFunction({
      name: 'random', args: [t], returns: t, deterministic: false, description: 'A pseudo-random number between 0 and value (exclusive)',
      impl: (v) => {
        if (num(v) <= 0) throw invalidArgument('bound must be positive');
        return randomInt(0, num(v));
      },
    }));
    add(scalarFunction({
      name: 'random', args: [t, t], returns: t, deterministic: false, description: 'A pseudo-random number between start and stop (exclusive)',
      impl: (a, b) => {
        if (num(a) >= num(b)) throw invalidArgument('stop value must be greater than start value');
        return randomInt(num(a), num(b));
      },
    }));
  }
  for (const t of ['double', 'real'] as const) {
    const f = t === 'real' ? Math.fround : (x: number): number => x;
    add(scalarFunction({ name: 'abs', args: [t], returns: t, description: 'Absolute value', impl: (v) => Math.abs(v as number) }));
    add(scalarFunction({ name: 'sign', args: [t], returns: t, description: 'Signum', impl: (v) => (Number.isNaN(v) ? NaN : Math.sign(v as number)) }));
    add(scalarFunction({ name: 'ceil', args: [t], returns: t, description: 'Round up to nearest integer', impl: (v) => Math.ceil(v as number) }));
    add(scalarFunction({ name: 'ceiling', args: [t], returns: t, description: 'Round up to nearest integer', impl: (v) => Math.ceil(v as number) }));
    add(scalarFunction({ name: 'floor', args: [t], returns: t, description: 'Round down to nearest integer', impl: (v) => Math.floor(v as number) }));
    add(scalarFunction({ name: 'round', args: [t], returns: t, description: 'Round to nearest integer', impl: (v) => f(roundDouble(v as number, 0)) }));
    add(scalarFunction({ name: 'round', args: [t, 'integer'], returns: t, description: 'Round to given number of decimal places', impl: (v, d) => f(roundDouble(v as number, num(d))) }));
    add(scalarFunction({ name: 'truncate', args: [t], returns: t, description: 'Round to integer by dropping digits after decimal point', impl: (v) => Math.trunc(v as number) }));
    add(scalarFunction({ name: 'mod', args: [t, t], returns: t, description: 'Remainder of given quotient', impl: (a, b) => f((a as number) % (b as number)) }));
    add(scalarFunction({ name: 'is_nan', args: [t], returns: 'boolean', description: 'Test if value is not-a-number', impl: (v) => Number.isNaN(v) }));
    add(scalarFunction({ name: 'is_finite', args: [t], returns: 'boolean', description: 'Test if value is finite', impl: (v) => Number.isFinite(v) }));
    add(scalarFunction({ name: 'is_infinite', args: [t], returns: 'boolean', description: 'Test if value is infinite', impl: (v) => v === Infinity || v === -Infinity }));
  }
  add(scalarFunction({ name: 'truncate', args: ['double', 'integer'], returns: 'double', description: 'Round to integer by dropping given number of digits after decimal point', impl: (v, d) => truncateDouble(v as number, num(d)) }));
  // decimals
  const decScale = (b: { argumentTypes: readonly SqlType[] }): DecimalType => b.argumentTypes[0] as DecimalType;
  add(scalarFunction({ name: 'abs', args: ['decimal(p,s)'], returns: 'decimal(p,s)', description: 'Absolute value', impl: (v) => (big(v) < 0n ? -big(v) : v) }));
  add(scalarFunction({ name: 'sign', args: ['decimal(p,s)'], returns: 'decimal(1,0)', description: 'Signum', impl: (v) => (big(v) > 0n ? 1n : big(v) < 0n ? -1n : 0n) }));
  const integerPartType = (b: { argumentTypes: readonly SqlType[] }): SqlType => {
    const d = decScale(b);
    return decimalType(Math.max(1, Math.min(38, d.precision - d.scale + Math.min(d.scale, 1))), 0);
  };
  const floorDiv = (v: bigint, f: bigint): bigint => {
    const q = v / f;
    return v % f !== 0n && v < 0n ? q - 1n : q;
  };
  for (const name of ['ceil', 'ceiling']) {
    add(scalarFunction({
      name, args: ['decimal(p,s)'], returns: integerPartType, returnText: 'decimal(rp,0)', description: 'Round up to nearest integer',
      specialize: (b) => {
        const f = pow10(decScale(b).scale);
        return (v) => -floorDiv(-big(v), f);
      },
    }));
  }
  add(scalarFunction({
    name: 'floor', args: ['decimal(p,s)'], returns: integerPartType, returnText: 'decimal(rp,0)', description: 'Round down to nearest integer',
    specialize: (b) => {
      const f = pow10(decScale(b).scale);
      return (v) => floorDiv(big(v), f);
    },
  }));
  add(scalarFunction({
    name: 'round', args: ['decimal(p,s)'], returns: integerPartType, returnText: 'decimal(rp,rs)', description: 'Round to nearest integer',
    specialize: (b) => {
      const s = decScale(b).scale;
      return (v) => rescale(big(v), s, 0);
    },
  }));
  add(scalarFunction({
    name: 'round', args: ['decimal(p,s)', 'integer'], returns: (b) => decimalType(Math.min(38, decScale(b).precision + 1), decScale(b).scale),
    returnText: 'decimal(rp,s)', description: 'Round to given number of decimal places',
    specialize: (b) => {
      const s = decScale(b).scale;
      return (v, d) => {
        const digits = num(d);
        if (digits >= s) return v;
        const drop = s - digits;
        if (drop > 38 + s) return 0n;
        const f = pow10(drop);
        return divideRoundHalfUp(big(v), f) * f;
      };
    },
  }));
  add(scalarFunction({
    name: 'truncate', args: ['decimal(p,s)'], returns: (b) => decimalType(Math.max(1, decScale(b).precision - decScale(b).scale), 0),
    returnText: 'decimal(rp,0)', description: 'Round to integer by dropping digits after decimal point',
    specialize: (b) => {
      const f = pow10(decScale(b).scale);
      return (v) => big(v) / f;
    },
  }));
  add(scalarFunction({
    name: 'truncate', args: ['decimal(p,s)', 'integer'], returns: 'decimal(p,s)', description: 'Round to integer by dropping given number of digits after decimal point',
    specialize: (b) => {
      const s = decScale(b).scale;
      return (v, d) => {
        const digits = num(d);
        if (digits >= s) return v;
        const f = pow10(s - digits);
        return (big(v) / f) * f;
      };
    },
  }));
  add(scalarFunction({
    name: 'mod', args: ['decimal(p1,s1)', 'decimal(p2,s2)'], returnText: 'decimal(r_precision,r_scale)',
    returns: (b) => {
      const x = b.argumentTypes[0] as DecimalType;
      const y = b.argumentTypes[1] as DecimalType;
      const scale = Math.max(x.scale, y.scale);
      return decimalType(Math.min(38, Math.min(y.precision - y.scale, x.precision - x.scale) + scale), scale);
    },
    specialize: (b) => {
      const x = b.argumentTypes[0] as DecimalType;
      const y = b.argumentTypes[1] as DecimalType;
      const r = b.returnType as DecimalType;
      return (a, c) => {
        if (c === 0n) throw divisionByZero();
        return rescale(big(a), x.scale, r.scale) % rescale(big(c), y.scale, r.scale);
      };
    },
  }));
  // double-only math
  const unary: [string, (x: number) => number, string][] = [
    ['sqrt', Math.sqrt, 'Square root'], ['cbrt', Math.cbrt, 'Cube root'], ['exp', Math.exp, 'Euler\'s number raised to the given power'],
    ['ln', Math.log, 'Natural logarithm'], ['log2', Math.log2, 'Logarithm to base 2'], ['log10', Math.log10, 'Logarithm to base 10'],
    ['sin', Math.sin, 'Sine'], ['cos', Math.cos, 'Cosine'], ['tan', Math.tan, 'Tangent'], ['asin', Math.asin, 'Arc sine'],
    ['acos', Math.acos, 'Arc cosine'], ['atan', Math.atan, 'Arc tangent'], ['sinh', Math.sinh, 'Hyperbolic sine'],
    ['cosh', Math.cosh, 'Hyperbolic cosine'], ['tanh', Math.tanh, 'Hyperbolic tangent'],
    ['degrees', (x) => (x * 180) / Math.PI, 'Converts an angle in radians to degrees'],
    ['radians', (x) => (x / 180) * Math.PI, 'Converts an angle in degrees to radians'],
  ];
  for (const [name, f, description] of unary) add(scalarFunction({ name, args: ['double'], returns: 'double', description, impl: (v) => f(v as number) }));
  add(scalarFunction({ name: 'atan2', args: ['double', 'double'], returns: 'double', description: 'Arc tangent of given fraction', impl: (a, b) => Math.atan2(a as number, b as number) }));
  for (const name of ['power', 'pow']) {
    add(scalarFunction({ name, args: ['double', 'double'], returns: 'double', description: 'Value raised to the power of exponent', impl: (a, b) => Math.pow(a as number, b as number) }));
  }
  add(scalarFunction({ name: 'log', args: ['double', 'double'], returns: 'double', description: 'Logarithm to given base', impl: (b, x) => Math.log(x as number) / Math.log(b as number) }));
  add(scalarFunction({ name: 'pi', args: [], returns: 'double', description: 'The constant Pi', impl: () => Math.PI }));
  add(scalarFunction({ name: 'e', args: [], returns: 'double', description: 'Euler\'s number', impl: () => Math.E }));
  add(scalarFunction({ name: 'infinity', args: [], returns: 'double', description: 'Infinity', impl: () => Infinity }));
  add(scalarFunction({ name: 'nan', args: [], returns: 'double', description: 'Constant representing not-a-number', impl: () => NaN }));
  for (const name of ['random', 'rand']) {
    add(scalarFunction({ name, args: [], returns: 'double', deterministic: false, description: 'A pseudo-random value', impl: () => Math.random() }));
  }
  defs.push(greatestLeast(1, 'greatest'), greatestLeast(-1, 'least'));
  add(scalarFunction({
    name: 'width_bucket', args: ['double', 'double', 'double', 'bigint'], returns: 'bigint', description: 'The bucket number of a value in a histogram with equal-width buckets',
    impl: (x, a, b, n) => widthBucket(x as number, a as number, b as number, num(n)),
  }));
  add(scalarFunction({
    name: 'width_bucket', args: ['double', 'array(double)'], returns: 'bigint', description: 'The bucket number of a value given an array of bins',
    impl: (x, bins) => {
      const arr = bins as readonly SqlValue[];
      if (arr.length === 0) throw invalidArgument('Bins cannot be an empty array');
      let lo = 0;
      let hi = arr.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        const v = arr[mid];
        if (v === null) throw invalidArgument('Bin values cannot be NULL');
        if ((x as number) < (v as number)) hi = mid;
        else lo = mid + 1;
      }
      return lo;
    },
  }));
  add(scalarFunction({
    name: 'normal_cdf', args: ['double', 'double', 'double'], returns: 'double', description: 'Normal cumulative distribution function',
    impl: (m, sd, v) => {
      if ((sd as number) <= 0) throw invalidArgument('standardDeviation must be > 0');
      return normalCdf(m as number, sd as number, v as number);
    },
  }));
  add(scalarFunction({
    name: 'inverse_normal_cdf', args: ['double', 'double', 'double'], returns: 'double', description: 'Inverse of normal cumulative distribution function',
    impl: (m, sd, p) => {
      if (!((p as number) > 0 && (p as number) < 1)) throw invalidArgument('p must be 0 > p > 1');
      if ((sd as number) <= 0) throw invalidArgument('sd must be > 0');
      return (m as number) + (sd as number) * inverseStandardNormal(p as number);
    },
  }));
  add(scalarFunction({
    name: 'beta_cdf', args: ['double', 'double', 'double'], returns: 'double', description: 'Beta cumulative distribution function',
    impl: (a, b, v) => {
      if ((a as number) <= 0) throw invalidArgument('a must be > 0');
      if ((b as number) <= 0) throw invalidArgument('b must be > 0');
      if ((v as number) < 0 || (v as number) > 1) throw invalidArgument('value must be in the interval [0, 1]');
      return regularizedBeta(v as number, a as number, b as number);
    },
  }));
  add(scalarFunction({
    name: 'inverse_beta_cdf', args: ['double', 'double', 'double'], returns: 'double', description: 'Inverse of Beta cumulative distribution function',
    impl: (a, b, p) => {
      if ((a as number) <= 0) throw invalidArgument('a must be > 0');
      if ((b as number) <= 0) throw invalidArgument('b must be > 0');
      if ((p as number) < 0 || (p as number) > 1) throw invalidArgument('p must be in the interval [0, 1]');
      return inverseRegularizedBeta(p as number, a as number, b as number);
    },
  }));
  add(scalarFunction({ name: 'wilson_interval_lower', args: ['bigint', 'bigint', 'double'], returns: 'double', description: 'Binomial confidence interval lower bound', impl: (s, n, z) => wilson(num(s), num(n), z as number, false) }));
  add(scalarFunction({ name: 'wilson_interval_upper', args: ['bigint', 'bigint', 'double'], returns: 'double', description: 'Binomial confidence interval upper bound', impl: (s, n, z) => wilson(num(s), num(n), z as number, true) }));
  add(scalarFunction({ name: 'cosine_similarity', args: ['map(varchar,double)', 'map(varchar,double)'], returns: 'double', description: 'Cosine similarity between the given sparse vectors', impl: (a, b) => cosineSimilarityMaps(a as SqlMap, b as SqlMap) }));
  add(scalarFunction({ name: 'cosine_similarity', args: ['array(double)', 'array(double)'], returns: 'double', description: 'Cosine similarity between the given vectors', impl: (a, b) => cosineSimilarityArrays(a as SqlValue[], b as SqlValue[]) }));
  add(scalarFunction({
    name: 'cosine_distance', args: ['map(varchar,double)', 'map(varchar,double)'], returns: 'double', description: 'Cosine distance between the given sparse vectors',
    impl: (a, b) => {
      const s = cosineSimilarityMaps(a as SqlMap, b as SqlMap);
      return s === null ? null : 1 - s;
    },
  }));
  add(scalarFunction({
    name: 'cosine_distance', args: ['array(double)', 'array(double)'], returns: 'double', description: 'Cosine distance between the given vectors',
    impl: (a, b) => {
      const s = cosineSimilarityArrays(a as SqlValue[], b as SqlValue[]);
      return s === null ? null : 1 - s;
    },
  }));
  add(scalarFunction({ name: 'from_base', args: ['varchar(x)', 'bigint'], returns: 'bigint', description: 'Convert a string in the given base to a number', impl: (s, r) => fromBase(s as string, num(r)) }));
  add(scalarFunction({
    name: 'to_base', args: ['bigint', 'bigint'], returns: 'varchar(64)', description: 'Convert a number to a string in the given base',
    impl: (v, r) => {
      const radix = num(r);
      if (radix < 2 || radix > 36) throw invalidArgument('Radix must be between 2 and 36');
      return BigInt(v as Int64).toString(radix);
    },
  }));
  return defs;
}
