import type { OpaqueValue, SqlValue } from '@petrel/spi';
import { DOUBLE, TDIGEST, arrayType, mapType, qdigestType, rowType, sqlMap } from '@petrel/spi';
import type { SqlType } from '@petrel/spi';
import type { FunctionDefinition } from '../function-definition.js';
import { aggregateFunction, scalarFunction } from '../function-definition.js';
import { objectStateAggregate } from './object-state-aggregate.js';
import { invalidArgument } from '../errors.js';

/**
 * T-digest values keep every (value, weight) pair (an exact digest): quantiles are interpolated
 * between neighbouring values as a t-digest does with singleton centroids.
 */
interface DigestState {
  readonly values: readonly number[];
  readonly weights: readonly number[];
}

function tdigest(values: number[], weights: number[], typeName = 'tdigest'): OpaqueValue {
  const order = values.map((_, i) => i).sort((a, b) => values[a]! - values[b]!);
  return { kind: 'opaque', typeName, state: { values: order.map((i) => values[i]!), weights: order.map((i) => weights[i]!) } satisfies DigestState };
}

function stateOf(v: SqlValue): DigestState {
  return (v as OpaqueValue).state as DigestState;
}

function quantile(d: DigestState, q: number): number | null {
  if (!(q >= 0 && q <= 1)) throw invalidArgument('Quantile must be between 0 and 1');
  const n = d.values.length;
  if (n === 0) return null;
  if (n === 1) return d.values[0]!;
  const total = d.weights.reduce((a, b) => a + b, 0);
  const target = q * total;
  // centroid i covers [cum, cum + w); its center is cum + w/2
  let cum = 0;
  const centers: number[] = [];
  for (const w of d.weights) {
    centers.push(cum + w / 2);
    cum += w;
  }
  if (target <= centers[0]!) return d.values[0]!;
  if (target >= centers[n - 1]!) return d.values[n - 1]!;
  for (let i = 1; i < n; i++) {
    if (target <= centers[i]!) {
      const t = (target - centers[i - 1]!) / (centers[i]! - centers[i - 1]!);
      return d.values[i - 1]! + t * (d.values[i]! - d.values[i - 1]!);
    }
  }
  return d.values[n - 1]!;
}

interface Collect {
  values: number[];
  weights: number[];
}

function digestAggregate(weighted: boolean) {
  return () => objectStateAggregate<Collect>({
    intermediateType: TDIGEST,
    create: () => ({ values: [], weights: [] }),
    add: (s, a) => {
      const w = weighted ? Number(a[1]) : 1;
      if (weighted && !(w > 0)) throw invalidArgument('weight must be > 0');
      s.values.push(Number(a[0]));
      s.weights.push(w);
    },
    merge: (s, v) => {
      const d = stateOf(v);
      s.values.push(...d.values);
      s.weights.push(...d.weights);
    },
    intermediate: (s) => tdigest(s.values, s.weights),
    final: (s) => (s.values.length === 0 ? null : tdigest(s.values, s.weights)),
  });
}

/** numeric_histogram: Ben-Haim/Tom-Tov streaming histogram, merging the closest neighbours. */
function histogram(values: number[], weights: number[], buckets: number): SqlValue {
  const order = values.map((_, i) => i).sort((a, b) => values[a]! - values[b]!);
  const v: number[] = [];
  const w: number[] = [];
  for (const i of order) {
    if (v.length > 0 && v[v.length - 1] === values[i]) w[w.length - 1]! += weights[i]!;
    else {
      v.push(values[i]!);
      w.push(weights[i]!);
    }
  }
  while (v.length > buckets) {
    let best = 0;
    for (let i = 1; i < v.length - 1; i++) if (v[i + 1]! - v[i]! < v[best + 1]! - v[best]!) best = i;
    const weight = w[best]! + w[best + 1]!;
    v.splice(best, 2, (v[best]! * w[best]! + v[best + 1]! * w[best + 1]!) / weight);
    w.splice(best, 2, weight);
  }
  return sqlMap(v, w);
}

/** qdigest quantiles are values of the input (nearest rank), as a quantile digest returns. */
function rankQuantile(d: DigestState, q: number): number | null {
  if (!(q >= 0 && q <= 1)) throw invalidArgument('Quantile must be between 0 and 1');
  if (d.values.length === 0) return null;
  const total = d.weights.reduce((a, b) => a + b, 0);
  const target = q * total;
  let cum = 0;
  for (let i = 0; i < d.values.length; i++) {
    cum += d.weights[i]!;
    if (cum >= target && cum > 0) return d.values[i]!;
  }
  return d.values[d.values.length - 1]!;
}

function qdigestFunctions(valueType: 'bigint' | 'double' | 'real'): FunctionDefinition[] {
  const type: SqlType = qdigestType(valueType === 'bigint' ? { kind: 'bigint' } : valueType === 'double' ? DOUBLE : { kind: 'real' });
  const pattern = `qdigest(${valueType})`;
  const round = valueType === 'real' ? Math.fround : (x: number): number => x;
  const make = (weighted: boolean) => () => objectStateAggregate<Collect>({
    intermediateType: type,
    skipNullArguments: [0],
    create: () => ({ values: [], weights: [] }),
    add: (s, a) => {
      const w = weighted ? Number(a[1]) : 1;
      if (weighted && !(w > 0)) throw invalidArgument('weight must be > 0');
      if (a.length > 2) {
        const accuracy = Number(a[2]);
        if (!(accuracy > 0 && accuracy < 1)) throw invalidArgument('Percentile accuracy must be exclusively between 0 and 1, was ' + accuracy);
      }
      s.values.push(Number(a[0]));
      s.weights.push(w);
    },
    merge: (s, v) => {
      const d = stateOf(v);
      s.values.push(...d.values);
      s.weights.push(...d.weights);
    },
    intermediate: (s) => tdigest(s.values, s.weights, 'qdigest'),
    final: (s) => (s.values.length === 0 ? null : tdigest(s.values, s.weights, 'qdigest')),
  });
  return [
    aggregateFunction({ name: 'qdigest_agg', args: [valueType], returns: pattern, description: 'Returns a quantile digest of the input values', implement: make(false) }),
    aggregateFunction({ name: 'qdigest_agg', args: [valueType, 'bigint'], returns: pattern, description: 'Returns a quantile digest of the weighted input values', implement: make(true) }),
    aggregateFunction({ name: 'qdigest_agg', args: [valueType, 'bigint', 'double'], returns: pattern, description: 'Returns a quantile digest of the weighted input values with the given accuracy', implement: make(true) }),
    aggregateFunction({
      name: 'merge', args: [pattern], returns: pattern, description: 'Merges quantile digests',
      implement: () => objectStateAggregate<Collect>({
        intermediateType: type,
        create: () => ({ values: [], weights: [] }),
        add: (s, a) => {
          const d = stateOf(a[0]!);
          s.values.push(...d.values);
          s.weights.push(...d.weights);
        },
        merge: (s, v) => {
          const d = stateOf(v);
          s.values.push(...d.values);
          s.weights.push(...d.weights);
        },
        intermediate: (s) => tdigest(s.values, s.weights, 'qdigest'),
        final: (s) => (s.values.length === 0 ? null : tdigest(s.values, s.weights, 'qdigest')),
      }),
    }),
    scalarFunction({
      name: 'value_at_quantile', args: [pattern, 'double'], returns: valueType, description: 'Returns the approximate value at the given quantile',
      impl: (d, q) => {
        const r = rankQuantile(stateOf(d), q as number);
        return r === null ? null : round(r);
      },
    }),
    scalarFunction({
      name: 'values_at_quantiles', args: [pattern, 'array(double)'], returns: `array(${valueType})`, description: 'Returns the approximate values at the given quantiles',
      impl: (d, qs) => (qs as readonly SqlValue[]).map((q) => {
        if (q === null) throw invalidArgument('All quantiles should be non-null.');
        const r = rankQuantile(stateOf(d), q as number);
        return r === null ? null : round(r);
      }),
    }),
    scalarFunction({
      name: 'quantile_at_value', args: [pattern, valueType], returns: 'double', description: 'Returns the approximate quantile of the given value',
      impl: (d, v) => {
        const st = stateOf(d);
        const total = st.weights.reduce((a, b) => a + b, 0);
        if (total === 0) return null;
        let below = 0;
        for (let i = 0; i < st.values.length; i++) if (st.values[i]! <= Number(v)) below += st.weights[i]!;
        return below / total;
      },
    }),
  ];
}

export function digestFunctions(): FunctionDefinition[] {
  return [
    ...qdigestFunctions('bigint'),
    ...qdigestFunctions('double'),
    ...qdigestFunctions('real'),
    aggregateFunction({ name: 'tdigest_agg', args: ['double'], returns: 'tdigest', description: 'Returns a t-digest of the input values', implement: digestAggregate(false) }),
    aggregateFunction({ name: 'tdigest_agg', args: ['double', 'double'], returns: 'tdigest', description: 'Returns a t-digest of the weighted input values', implement: digestAggregate(true) }),
    aggregateFunction({
      name: 'merge', args: ['tdigest'], returns: 'tdigest', description: 'Merges t-digests',
      implement: () => objectStateAggregate<Collect>({
        intermediateType: TDIGEST,
        create: () => ({ values: [], weights: [] }),
        add: (s, a) => {
          const d = stateOf(a[0]!);
          s.values.push(...d.values);
          s.weights.push(...d.weights);
        },
        merge: (s, v) => {
          const d = stateOf(v);
          s.values.push(...d.values);
          s.weights.push(...d.weights);
        },
        intermediate: (s) => tdigest(s.values, s.weights),
        final: (s) => (s.values.length === 0 ? null : tdigest(s.values, s.weights)),
      }),
    }),
    scalarFunction({ name: 'value_at_quantile', args: ['tdigest', 'double'], returns: 'double', description: 'Returns the approximate value at the given quantile', impl: (d, q) => quantile(stateOf(d), q as number) }),
    scalarFunction({
      name: 'values_at_quantiles', args: ['tdigest', 'array(double)'], returns: 'array(double)', description: 'Returns the approximate values at the given quantiles',
      impl: (d, qs) => (qs as readonly SqlValue[]).map((q) => {
        if (q === null) throw invalidArgument('All quantiles should be non-null.');
        return quantile(stateOf(d), q as number);
      }),
    }),
    ...[false, true].map((weighted) => aggregateFunction({
      name: 'numeric_histogram', args: weighted ? ['bigint', 'double', 'double'] : ['bigint', 'double'], returns: 'map(double,double)',
      description: 'Computes an approximate histogram with up to the given number of buckets',
      implement: () => objectStateAggregate<Collect & { buckets: number }>({
        intermediateType: rowType([{ name: undefined, type: DOUBLE }, { name: undefined, type: arrayType(DOUBLE) }, { name: undefined, type: arrayType(DOUBLE) }]),
        skipNullArguments: weighted ? [0, 1, 2] : [0, 1],
        create: () => ({ values: [], weights: [], buckets: 0 }),
        add: (s, a) => {
          const b = Number(a[0]);
          if (b < 2) throw invalidArgument('numeric_histogram bucket count must be greater than one');
          s.buckets = b;
          s.values.push(a[1] as number);
          s.weights.push(weighted ? (a[2] as number) : 1);
        },
        merge: (s, v) => {
          const r = v as readonly SqlValue[];
          s.buckets = Math.max(s.buckets, Number(r[0]));
          s.values.push(...(r[1] as number[]));
          s.weights.push(...(r[2] as number[]));
        },
        intermediate: (s) => [s.buckets, s.values, s.weights],
        final: (s) => (s.values.length === 0 ? null : histogram(s.values, s.weights, s.buckets)),
      }),
    })),
  ];
}

export { mapType };
