import type { SqlValue } from '@petrel/spi';
import { BIGINT, DOUBLE, rowType } from '@petrel/spi';
import type { FunctionDefinition } from '../function-definition.js';
import { aggregateFunction } from '../function-definition.js';
import { objectStateAggregate } from './object-state-aggregate.js';

/** Central moments up to the 4th, merged with the parallel algorithm (Chan et al.). */
interface Moments {
  n: number;
  mean: number;
  m2: number;
  m3: number;
  m4: number;
}

function newMoments(): Moments {
  return { n: 0, mean: 0, m2: 0, m3: 0, m4: 0 };
}

function mergeMoments(a: Moments, b: Moments): void {
  if (b.n === 0) return;
  if (a.n === 0) {
    Object.assign(a, b);
    return;
  }
  const n = a.n + b.n;
  const delta = b.mean - a.mean;
  const d2 = delta * delta;
  const m2 = a.m2 + b.m2 + (d2 * a.n * b.n) / n;
  const m3 = a.m3 + b.m3 + (d2 * delta * a.n * b.n * (a.n - b.n)) / (n * n) + (3 * delta * (a.n * b.m2 - b.n * a.m2)) / n;
  const m4 = a.m4 + b.m4 + (d2 * d2 * a.n * b.n * (a.n * a.n - a.n * b.n + b.n * b.n)) / (n * n * n) +
    (6 * d2 * (a.n * a.n * b.m2 + b.n * b.n * a.m2)) / (n * n) + (4 * delta * (a.n * b.m3 - b.n * a.m3)) / n;
  a.n = n;
  a.mean += (delta * b.n) / n;
  a.m2 = m2;
  a.m3 = m3;
  a.m4 = m4;
}

function addValue(s: Moments, x: number): void {
  mergeMoments(s, { n: 1, mean: x, m2: 0, m3: 0, m4: 0 });
}

const MOMENTS_TYPE = rowType([
  { name: undefined, type: BIGINT }, { name: undefined, type: DOUBLE }, { name: undefined, type: DOUBLE }, { name: undefined, type: DOUBLE },
  { name: undefined, type: DOUBLE },
]);

function momentsAggregate(result: (s: Moments) => number | null) {
  return () => objectStateAggregate<Moments>({
    intermediateType: MOMENTS_TYPE,
    create: newMoments,
    add: (s, args) => addValue(s, Number(args[0])),
    merge: (s, v) => {
      const r = v as readonly SqlValue[];
      mergeMoments(s, { n: Number(r[0]), mean: r[1] as number, m2: r[2] as number, m3: r[3] as number, m4: r[4] as number });
    },
    intermediate: (s) => [s.n, s.mean, s.m2, s.m3, s.m4],
    final: result,
  });
}

/** Co-moments for covariance, correlation and regression. */
interface CoMoments {
  n: number;
  meanX: number;
  meanY: number;
  c2: number;
  m2X: number;
  m2Y: number;
}

function mergeCo(a: CoMoments, b: CoMoments): void {
  if (b.n === 0) return;
  if (a.n === 0) {
    Object.assign(a, b);
    return;
  }
  const n = a.n + b.n;
  const dx = b.meanX - a.meanX;
  const dy = b.meanY - a.meanY;
  a.c2 += b.c2 + (dx * dy * a.n * b.n) / n;
  a.m2X += b.m2X + (dx * dx * a.n * b.n) / n;
  a.m2Y += b.m2Y + (dy * dy * a.n * b.n) / n;
  a.meanX += (dx * b.n) / n;
  a.meanY += (dy * b.n) / n;
  a.n = n;
}

const CO_TYPE = rowType([
  { name: undefined, type: BIGINT }, { name: undefined, type: DOUBLE }, { name: undefined, type: DOUBLE }, { name: undefined, type: DOUBLE },
  { name: undefined, type: DOUBLE }, { name: undefined, type: DOUBLE },
]);

/** `f(y, x)`: the first argument is the dependent variable, as in Trino. */
function coAggregate(result: (s: CoMoments) => number | null) {
  return () => objectStateAggregate<CoMoments>({
    intermediateType: CO_TYPE,
    create: () => ({ n: 0, meanX: 0, meanY: 0, c2: 0, m2X: 0, m2Y: 0 }),
    add: (s, args) => mergeCo(s, { n: 1, meanY: Number(args[0]), meanX: Number(args[1]), c2: 0, m2X: 0, m2Y: 0 }),
    merge: (s, v) => {
      const r = v as readonly SqlValue[];
      mergeCo(s, { n: Number(r[0]), meanX: r[1] as number, meanY: r[2] as number, c2: r[3] as number, m2X: r[4] as number, m2Y: r[5] as number });
    },
    intermediate: (s) => [s.n, s.meanX, s.meanY, s.c2, s.m2X, s.m2Y],
    final: result,
  });
}

export function statisticalAggregates(): FunctionDefinition[] {
  const varSamp = (s: Moments): number | null => (s.n < 2 ? null : s.m2 / (s.n - 1));
  const varPop = (s: Moments): number | null => (s.n === 0 ? null : s.m2 / s.n);
  const sqrt = (x: number | null): number | null => (x === null ? null : Math.sqrt(x));
  const single: [string, (s: Moments) => number | null, string][] = [
    ['stddev', (s) => sqrt(varSamp(s)), 'Returns the sample standard deviation of the argument'],
    ['stddev_samp', (s) => sqrt(varSamp(s)), 'Returns the sample standard deviation of the argument'],
    ['stddev_pop', (s) => sqrt(varPop(s)), 'Returns the population standard deviation of the argument'],
    ['variance', varSamp, 'Returns the sample variance of the argument'],
    ['var_samp', varSamp, 'Returns the sample variance of the argument'],
    ['var_pop', varPop, 'Returns the population variance of the argument'],
    ['skewness', (s) => (s.n < 3 || s.m2 === 0 ? null : (Math.sqrt(s.n) * s.m3) / Math.pow(s.m2, 1.5)), 'Returns the skewness of the argument'],
    ['kurtosis', (s) => {
      if (s.n < 4 || s.m2 === 0) return null;
      const n = s.n;
      return ((n * (n + 1) * (n - 1)) / ((n - 2) * (n - 3))) * (s.m4 / (s.m2 * s.m2)) - (3 * (n - 1) * (n - 1)) / ((n - 2) * (n - 3));
    }, 'Returns the (excess) kurtosis of the argument'],
    ['geometric_mean', () => null, ''],
  ];
  const defs: FunctionDefinition[] = [];
  for (const [name, result, description] of single) {
    if (name === 'geometric_mean') continue;
    defs.push(aggregateFunction({ name, args: ['double'], returns: 'double', description, implement: momentsAggregate(result) }));
    defs.push(aggregateFunction({ name, args: ['bigint'], returns: 'double', description, implement: momentsAggregate(result) }));
  }
  const co: [string, (s: CoMoments) => number | null, string][] = [
    ['covar_samp', (s) => (s.n < 2 ? null : s.c2 / (s.n - 1)), ''],
    ['covar_pop', (s) => (s.n === 0 ? null : s.c2 / s.n), ''],
    ['corr', (s) => (s.n < 2 ? null : s.c2 / Math.sqrt(s.m2X * s.m2Y)), ''],
    ['regr_slope', (s) => (s.n < 2 || s.m2X === 0 ? null : s.c2 / s.m2X), ''],
    ['regr_intercept', (s) => (s.n < 2 || s.m2X === 0 ? null : s.meanY - (s.c2 / s.m2X) * s.meanX), ''],
  ];
  for (const [name, result, description] of co) {
    defs.push(aggregateFunction({ name, args: ['double', 'double'], returns: 'double', description, implement: coAggregate(result) }));
    defs.push(aggregateFunction({
      name, args: ['real', 'real'], returns: 'real', description,
      implement: coAggregate((s) => {
        const r = result(s);
        return r === null ? null : Math.fround(r);
      }),
    }));
  }
  const geometricMean = (round: (x: number) => number) => () => objectStateAggregate<{ n: number; logSum: number }>({
    intermediateType: rowType([{ name: undefined, type: BIGINT }, { name: undefined, type: DOUBLE }]),
    create: () => ({ n: 0, logSum: 0 }),
    add: (s, args) => {
      s.n++;
      s.logSum += Math.log(Number(args[0]));
    },
    merge: (s, v) => {
      const r = v as readonly SqlValue[];
      s.n += Number(r[0]);
      s.logSum += r[1] as number;
    },
    intermediate: (s) => [s.n, s.logSum],
    final: (s) => (s.n === 0 ? null : round(Math.exp(s.logSum / s.n))),
  });
  defs.push(
    aggregateFunction({ name: 'geometric_mean', args: ['double'], returns: 'double', implement: geometricMean((x) => x) }),
    aggregateFunction({ name: 'geometric_mean', args: ['bigint'], returns: 'double', implement: geometricMean((x) => x) }),
    aggregateFunction({ name: 'geometric_mean', args: ['real'], returns: 'real', implement: geometricMean(Math.fround) }),
  );
  return defs;
}
