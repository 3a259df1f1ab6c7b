import { big } from '../../type/decimal.js';
import type { DecimalType, Int64, SqlType, SqlValue, TimeWithTimeZone, TimestampWithTimeZone } from '@petrel/spi';
import { decimalType, timeWithTimeZone, timestampWithTimeZone, INTERVAL_DAY_TO_SECOND } from '@petrel/spi';
import type { FunctionDefinition, ScalarSpec } from '../function-definition.js';
import { scalarFunction } from '../function-definition.js';
import { divisionByZero, invalidArgument, outOfRange } from '../errors.js';
import { addInt64, divideInt64, modulusInt64, multiplyInt64, negateInt64, subtractInt64 } from '../../type/int64.js';
import { checkDecimal, divideRoundHalfUp, pow10, rescale } from '../../type/decimal.js';
import { addMonthsToDays, addMonthsToLocalMillis } from '../datetime/date-arithmetic.js';
import { timestampParts, timestampValue, PICOS_PER_DAY } from '../../type/date-time.js';
import { localToUtcMillis, utcToLocalMillis } from '../../type/time-zone.js';

type Binary = (a: SqlValue, b: SqlValue) => SqlValue;

const INT_RANGES: Record<string, readonly [number, number]> = {
  tinyint: [-128, 127],
  smallint: [-32768, 32767],
  integer: [-2147483648, 2147483647],
};

function op(name: string, args: string[], returns: string | ScalarSpec['returns'], impl: Binary): FunctionDefinition {
  return scalarFunction({ name: `$operator$${name}`, args, returns, impl: impl as (...a: SqlValue[]) => SqlValue });
}

function smallIntegerOperators(type: 'tinyint' | 'smallint' | 'integer'): FunctionDefinition[] {
  const [min, max] = INT_RANGES[type]!;
  const check = (r: number, what: string, a: number, b: number, sym: string): number => {
    if (r < min || r > max) throw outOfRange(`${type} ${what} overflow: ${a} ${sym} ${b}`);
    return r;
  };
  return [
    op('add', [type, type], type, (a, b) => check((a as number) + (b as number), 'addition', a as number, b as number, '+')),
    op('subtract', [type, type], type, (a, b) => check((a as number) - (b as number), 'subtraction', a as number, b as number, '-')),
    op('multiply', [type, type], type, (a, b) => check((a as number) * (b as number) + 0, 'multiplication', a as number, b as number, '*')),
    op('divide', [type, type], type, (a, b) => {
      if (b === 0) throw divisionByZero();
      return check(Math.trunc((a as number) / (b as number)) + 0, 'division', a as number, b as number, '/');
    }),
    op('modulus', [type, type], type, (a, b) => {
      if (b === 0) throw divisionByZero();
      return ((a as number) % (b as number)) + 0;
    }),
    op('negate', [type], type, (a) => {
      const r = -(a as number) + 0;
      if (r > max) throw outOfRange(`${type} negation overflow: ${a}`);
      return r;
    }),
  ];
}

function floatingOperators(type: 'real' | 'double'): FunctionDefinition[] {
  const f = type === 'real' ? Math.fround : (x: number): number => x;
  return [
    op('add', [type, type], type, (a, b) => f((a as number) + (b as number))),
    op('subtract', [type, type], type, (a, b) => f((a as number) - (b as number))),
    op('multiply', [type, type], type, (a, b) => f((a as number) * (b as number))),
    op('divide', [type, type], type, (a, b) => f((a as number) / (b as number))),
    op('modulus', [type, type], type, (a, b) => f((a as number) % (b as number))),
    op('negate', [type], type, (a) => -(a as number)),
  ];
}

function bigintOperators(): FunctionDefinition[] {
  return [
    op('add', ['bigint', 'bigint'], 'bigint', (a, b) => addInt64(a as Int64, b as Int64)),
    op('subtract', ['bigint', 'bigint'], 'bigint', (a, b) => subtractInt64(a as Int64, b as Int64)),
    op('multiply', ['bigint', 'bigint'], 'bigint', (a, b) => multiplyInt64(a as Int64, b as Int64)),
    op('divide', ['bigint', 'bigint'], 'bigint', (a, b) => divideInt64(a as Int64, b as Int64)),
    op('modulus', ['bigint', 'bigint'], 'bigint', (a, b) => modulusInt64(a as Int64, b as Int64)),
    op('negate', ['bigint'], 'bigint', (a) => negateInt64(a as Int64)),
  ];
}

function decimalArgs(bound: { argumentTypes: readonly SqlType[] }): [DecimalType, DecimalType] {
  return [bound.argumentTypes[0] as DecimalType, bound.argumentTypes[1] as DecimalType];
}

export function decimalAddType(a: DecimalType, b: DecimalType): DecimalType {
  const scale = Math.max(a.scale, b.scale);
  return decimalType(Math.min(38, 1 + scale + Math.max(a.precision - a.scale, b.precision - b.scale)), scale);
}

function decimalOperators(): FunctionDefinition[] {
  const D2 = ['decimal(p1,s1)', 'decimal(p2,s2)'];
  const addLike = (name: string, sign: 1n | -1n): FunctionDefinition =>
    scalarFunction({
      name: `$operator$${name}`,
      args: D2,
      returns: (b) => decimalAddType(...decimalArgs(b)),
      specialize: (bound) => {
        const [x, y] = decimalArgs(bound);
        const r = bound.returnType as DecimalType;
        const sx = r.scale - x.scale;
        const sy = r.scale - y.scale;
        const fx = pow10(sx);
        const fy = pow10(sy);
        return (a, b) => checkDecimal(big(a) * fx + sign * big(b) * fy, r.precision);
      },
    });
  return [
    addLike('add', 1n),
    addLike('subtract', -1n),
    scalarFunction({
      name: '$operator$multiply',
      args: D2,
      returns: (b) => {
        const [x, y] = decimalArgs(b);
        const scale = x.scale + y.scale;
        if (scale > 38) throw outOfRange(`DECIMAL scale must be in range [0, 38]: ${scale}`);
        return decimalType(Math.min(38, x.precision + y.precision), scale);
      },
      specialize: (bound) => {
        const r = bound.returnType as DecimalType;
        return (a, b) => checkDecimal(big(a) * big(b), r.precision);
      },
    }),
    scalarFunction({
      name: '$operator$divide',
      args: D2,
      returns: (b) => {
        const [x, y] = decimalArgs(b);
        return decimalType(Math.min(38, x.precision + y.scale + Math.max(0, y.scale - x.scale)), Math.max(x.scale, y.scale));
      },
      specialize: (bound) => {
        const [x, y] = decimalArgs(bound);
        const r = bound.returnType as DecimalType;
        // a/10^sx / (b/10^sy) * 10^sr = a * 10^(sr - sx + sy) / b
        const shift = r.scale - x.scale + y.scale;
        const factor = pow10(shift);
        return (a, b) => {
          if (b === 0n) throw divisionByZero();
          return checkDecimal(divideRoundHalfUp(big(a) * factor, big(b)), r.precision);
        };
      },
    }),
    scalarFunction({
      name: '$operator$modulus',
      args: D2,
      returns: (b) => {
        const [x, y] = decimalArgs(b);
        const scale = Math.max(x.scale, y.scale);
        return decimalType(Math.min(38, Math.min(y.precision - y.scale, x.precision - x.scale) + scale), scale);
      },
      specialize: (bound) => {
        const [x, y] = decimalArgs(bound);
        const r = bound.returnType as DecimalType;
        return (a, b) => {
          if (b === 0n) throw divisionByZero();
          return rescale(big(a), x.scale, r.scale) % rescale(big(b), y.scale, r.scale);
        };
      },
    }),
    scalarFunction({ name: '$operator$negate', args: ['decimal(p,s)'], returns: 'decimal(p,s)', impl: (a) => -big(a) }),
  ];
}

const MS_PER_DAY = 86_400_000;

function dateTimeOperators(): FunctionDefinition[] {
  const dateMinusMillis = (d: number, ms: number): number => {
    if (ms % MS_PER_DAY !== 0) throw invalidArgument('Cannot add hour, minutes or seconds to a date');
    return d + ms / MS_PER_DAY;
  };
  const tsAddMillis = (p: number) => (t: SqlValue, ms: number): SqlValue => {
    const x = timestampParts(t);
    return timestampValue(x.epochMillis + ms, x.picosOfMilli, p);
  };
  const tsAddMonths = (p: number) => (t: SqlValue, months: number): SqlValue => {
    const x = timestampParts(t);
    return timestampValue(addMonthsToLocalMillis(x.epochMillis, months), x.picosOfMilli, p);
  };
  const tzAddMonths = (t: TimestampWithTimeZone, months: number): SqlValue => {
    const local = utcToLocalMillis(t.zone, t.epochMillis);
    return timestampWithTimeZone(localToUtcMillis(t.zone, addMonthsToLocalMillis(local, months)), t.picosOfMilli, t.zone);
  };
  const timeAdd = (t: bigint, ms: number): bigint => {
    const r = (t + BigInt(ms) * 1_000_000_000n) % PICOS_PER_DAY;
    return r < 0n ? r + PICOS_PER_DAY : r;
  };
  const ts = (f: (p: number) => (t: SqlValue, n: number) => SqlValue, swap: boolean, negate: boolean) =>
    (bound: { argumentTypes: readonly SqlType[]; returnType: SqlType }) => {
      const p = (bound.returnType as { precision: number }).precision;
      const g = f(p);
      return swap
        ? (a: SqlValue, b: SqlValue) => g(b, a as number)
        : (a: SqlValue, b: SqlValue) => g(a, negate ? -(b as number) : (b as number));
    };
  const defs: FunctionDefinition[] = [
    // date
    op('add', ['date', 'interval_ds'], 'date', (a, b) => dateMinusMillis(a as number, b as number)),
    op('add', ['interval_ds', 'date'], 'date', (a, b) => dateMinusMillis(b as number, a as number)),
    op('subtract', ['date', 'interval_ds'], 'date', (a, b) => dateMinusMillis(a as number, -(b as number))),
    op('add', ['date', 'interval_ym'], 'date', (a, b) => addMonthsToDays(a as number, b as number)),
    op('add', ['interval_ym', 'date'], 'date', (a, b) => addMonthsToDays(b as number, a as number)),
    op('subtract', ['date', 'interval_ym'], 'date', (a, b) => addMonthsToDays(a as number, -(b as number))),
    // timestamp
    scalarFunction({ name: '$operator$add', args: ['timestamp(p)', 'interval_ds'], returns: 'timestamp(p)', specialize: ts(tsAddMillis, false, false) }),
    scalarFunction({ name: '$operator$add', args: ['interval_ds', 'timestamp(p)'], returns: 'timestamp(p)', specialize: ts(tsAddMillis, true, false) }),
    scalarFunction({ name: '$operator$subtract', args: ['timestamp(p)', 'interval_ds'], returns: 'timestamp(p)', specialize: ts(tsAddMillis, false, true) }),
    scalarFunction({ name: '$operator$add', args: ['timestamp(p)', 'interval_ym'], returns: 'timestamp(p)', specialize: ts(tsAddMonths, false, false) }),
    scalarFunction({ name: '$operator$add', args: ['interval_ym', 'timestamp(p)'], returns: 'timestamp(p)', specialize: ts(tsAddMonths, true, false) }),
    scalarFunction({ name: '$operator$subtract', args: ['timestamp(p)', 'interval_ym'], returns: 'timestamp(p)', specialize: ts(tsAddMonths, false, true) }),
    scalarFunction({
      name: '$operator$subtract', args: ['timestamp(p)', 'timestamp(p)'], returns: 'interval_ds',
      impl: (a, b) => timestampParts(a).epochMillis - timestampParts(b).epochMillis,
    }),
    // timestamp with time zone
    op('add', ['timestamptz(p)', 'interval_ds'], 'timestamptz(p)', (a, b) => addTz(a as TimestampWithTimeZone, b as number)),
    op('add', ['interval_ds', 'timestamptz(p)'], 'timestamptz(p)', (a, b) => addTz(b as TimestampWithTimeZone, a as number)),
    op('subtract', ['timestamptz(p)', 'interval_ds'], 'timestamptz(p)', (a, b) => addTz(a as TimestampWithTimeZone, -(b as number))),
    op('add', ['timestamptz(p)', 'interval_ym'], 'timestamptz(p)', (a, b) => tzAddMonths(a as TimestampWithTimeZone, b as number)),
    op('add', ['interval_ym', 'timestamptz(p)'], 'timestamptz(p)', (a, b) => tzAddMonths(b as TimestampWithTimeZone, a as number)),
    op('subtract', ['timestamptz(p)', 'interval_ym'], 'timestamptz(p)', (a, b) => tzAddMonths(a as TimestampWithTimeZone, -(b as number))),
    op('subtract', ['timestamptz(p)', 'timestamptz(p)'], 'interval_ds',
      (a, b) => (a as TimestampWithTimeZone).epochMillis - (b as TimestampWithTimeZone).epochMillis),
    // time
    op('add', ['time(p)', 'interval_ds'], 'time(p)', (a, b) => timeAdd(big(a), b as number)),
    op('add', ['interval_ds', 'time(p)'], 'time(p)', (a, b) => timeAdd(big(b), a as number)),
    op('subtract', ['time(p)', 'interval_ds'], 'time(p)', (a, b) => timeAdd(big(a), -(b as number))),
    op('subtract', ['time(p)', 'time(p)'], 'interval_ds', (a, b) => Number((big(a) - big(b)) / 1_000_000_000n)),
    op('add', ['timetz(p)', 'interval_ds'], 'timetz(p)', (a, b) => {
      const t = a as TimeWithTimeZone;
      return timeWithTimeZone(timeAdd(t.picos, b as number), t.offsetMinutes);
    }),
    op('subtract', ['timetz(p)', 'interval_ds'], 'timetz(p)', (a, b) => {
      const t = a as TimeWithTimeZone;
      return timeWithTimeZone(timeAdd(t.picos, -(b as number)), t.offsetMinutes);
    }),
    // intervals
    op('add', ['interval_ds', 'interval_ds'], 'interval_ds', (a, b) => checkInterval((a as number) + (b as number))),
    op('subtract', ['interval_ds', 'interval_ds'], 'interval_ds', (a, b) => checkInterval((a as number) - (b as number))),
    op('add', ['interval_ym', 'interval_ym'], 'interval_ym', (a, b) => checkMonths((a as number) + (b as number))),
    op('subtract', ['interval_ym', 'interval_ym'], 'interval_ym', (a, b) => checkMonths((a as number) - (b as number))),
    op('negate', ['interval_ds'], 'interval_ds', (a) => -(a as number) + 0),
    op('negate', ['interval_ym'], 'interval_ym', (a) => -(a as number) + 0),
  ];
  for (const [interval, check] of [['interval_ds', checkInterval], ['interval_ym', checkMonths]] as const) {
    for (const n of ['bigint', 'double']) {
      const mul = n === 'bigint'
        ? (i: SqlValue, k: SqlValue): SqlValue => check((i as number) * Number(k))
        : (i: SqlValue, k: SqlValue): SqlValue => check(Math.round((i as number) * (k as number)));
      defs.push(op('multiply', [interval, n], interval, mul));
      defs.push(op('multiply', [n, interval], interval, (k, i) => mul(i, k)));
      defs.push(op('divide', [interval, n], interval, (i, k) => {
        const d = Number(k);
        if (d === 0 && n === 'bigint') throw divisionByZero();
        if (d === 0) throw invalidArgument('Cannot divide by zero');
        return check(n === 'bigint' ? Math.trunc((i as number) / d) : Math.round((i as number) / d));
      }));
    }
  }
  return defs;
}

function addTz(t: TimestampWithTimeZone, ms: number): SqlValue {
  return timestampWithTimeZone(t.epochMillis + ms, t.picosOfMilli, t.zone);
}

function checkInterval(v: number): number {
  if (!Number.isSafeInteger(v)) throw outOfRange('interval day to second overflow');
  return v + 0;
}
function checkMonths(v: number): number {
  if (!Number.isInteger(v) || v > 2147483647 || v < -2147483648) throw outOfRange('interval year to month overflow');
  return v + 0;
}

export function arithmeticOperators(): FunctionDefinition[] {
  return [
    ...smallIntegerOperators('tinyint'),
    ...smallIntegerOperators('smallint'),
    ...smallIntegerOperators('integer'),
    ...bigintOperators(),
    ...floatingOperators('real'),
    ...floatingOperators('double'),
    ...decimalOperators(),
    ...dateTimeOperators(),
  ];
}

export { INTERVAL_DAY_TO_SECOND };
