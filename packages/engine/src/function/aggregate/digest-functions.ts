import type { OpaqueValue, SqlValue } from '@petrel/spi';
import { DOUBLE, TDIGEST, arrayType, mapType, qdigestType, rowType, sqlMap } from '@petrel/spi';
import type { SqlType } from '@petrel/spi';
import type { FunctionDefinition } from '../function-definition.js';
import { aggregateFunction, scalarFunction } from '../function-definition.js';
import { objectStateAggregate } from './object-state-aggregate.js';
import { invalidArgument } from '../errors.js';
import { TDigest } from '../sketch/t-digest.js';

/** tdigest and qdigest values carry a `TDigest` (bounded memory; not Trino's binary format). */
function digestValue(d: TDigest, typeName = 'tdigest'): OpaqueValue {
  return { kind: 'opaque', typeName, state: d };
}

function stateOf(v: SqlValue): TDigest {
  return (v as OpaqueValue).state as TDigest;
}

function quantile(d: TDigest, q: number): number | null {
  if (!(q >= 0 && q <= 1)) throw invalidArgument('Quantile must be between 0 and 1');
  if (d.size === 0) return null;
  return d.valueAt(q);
}

function mergeAggregate(type: SqlType, typeName: string) {
  return objectStateAggregate<Collect>({
    intermediateType: type,
    create: () => ({ digest: undefined }),
    add: (s, a) => mergeInto(s, a[0]!),
    merge: mergeInto,
    intermediate: (s) => (s.digest === undefined ? null : digestValue(s.digest, typeName)),
    final: (s) => (s.digest === undefined ? null : digestValue(s.digest.clone(), typeName)),
  });
}

interface Collect {
  digest: TDigest | undefined;
}

function mergeInto(s: Collect, v: SqlValue): void {
  const d = stateOf(v);
  if (s.digest === undefined) s.digest = d.clone();
  else s.digest.merge(d);
}

function digestAggregate(weighted: boolean) {
  return () => objectStateAggregate<Collect>({
    intermediateType: TDIGEST,
    create: () => ({ digest: undefined }),
    add: (s, a) => {
      const w = weighted ? Number(a[1]) : 1;
      if (weighted && !(w > 0)) throw invalidArgument(`Weight must be > 0, was ${w}`);
      s.digest ??= new TDigest();
      s.digest.add(Number(a[0]), w);
    },
    merge: mergeInto,
    intermediate: (s) => (s.digest === undefined ? null : digestValue(s.digest)),
    final: (s) => (s.digest === undefined ? null : digestValue(s.digest.clone())),
  });
}

interface HistogramState {
  values: number[];
  weights: number[];
  buckets: number;
}

/**
 * numeric_histogram: Ben-Haim/Tom-Tov streaming histogram. Points are buffered and compacted to
 * `buckets` entries by repeatedly merging the two closest neighbours, so memory stays O(buckets).
 */
function compact(s: HistogramState, buckets: number): void {
  const order = s.values.map((_, i) => i).sort((a, b) => s.values[a]! - s.values[b]!);
  const v: number[] = [];
  const w: number[] = [];
  for (const i of order) {
    if (v.length > 0 && v[v.length - 1] === s.values[i]) w[w.length - 1]! += s.weights[i]!;
    else {
      v.push(s.values[i]!);
      w.push(s.weights[i]!);
    }
  }
  while (v.length > buckets) {
    let best = 0;
    for (let i = 1; i < v.length - 1; i++) if (v[i + 1]! - v[i]! < v[best + 1]! - v[best]!) best = i;
    const weight = w[best]! + w[best + 1]!;
    v.splice(best, 2, (v[best]! * w[best]! + v[best + 1]! * w[best + 1]!) / weight);
    w.splice(best, 2, weight);
  }
  s.values = v;
  s.weights = w;
}

/** qdigest quantiles are values of the input (nearest rank over the digest's centroids). */
function rankQuantile(d: TDigest, q: number): number | null {
  if (!(q >= 0 && q <= 1)) throw invalidArgument('Quantile must be between 0 and 1');
  if (d.size === 0) return null;
  if (q === 0) return d.min;
  if (q === 1) return d.max;
  const { means, weights } = d.centroids();
  const target = q * d.size;
  let cum = 0;
  for (let i = 0; i < means.length; i++) {
    cum += weights[i]!;
    if (cum >= target && cum > 0) return means[i]!;
  }
  return d.max;
}

function qdigestFunctions(valueType: 'bigint' | 'double' | 'real'): FunctionDefinition[] {
  const type: SqlType = qdigestType(valueType === 'bigint' ? { kind: 'bigint' } : valueType === 'double' ? DOUBLE : { kind: 'real' });
  const pattern = `qdigest(${valueType})`;
  const round = valueType === 'real' ? Math.fround : valueType === 'bigint' ? Math.round : (x: number): number => x;
  const make = (weighted: boolean) => () => objectStateAggregate<Collect>({
    intermediateType: type,
    skipNullArguments: [0],
    create: () => ({ digest: undefined }),
    add: (s, a) => {
      const w = weighted ? Number(a[1]) : 1;
      if (weighted && !(w > 0)) throw invalidArgument(`Weight must be > 0, was ${w}`);
      let accuracy = 0.01;
      if (a.length > 2) {
        accuracy = Number(a[2]);
        if (!(accuracy > 0 && accuracy < 1)) throw invalidArgument('Percentile accuracy must be exclusively between 0 and 1, was ' + accuracy);
      }
      s.digest ??= new TDigest(Math.max(20, Math.min(10_000, Math.round(1 / accuracy))));
      s.digest.add(Number(a[0]), w);
    },
    merge: mergeInto,
    intermediate: (s) => (s.digest === undefined ? null : digestValue(s.digest, 'qdigest')),
    final: (s) => (s.digest === undefined ? null : digestValue(s.digest.clone(), 'qdigest')),
  });
  return [
    aggregateFunction({ name: 'qdigest_agg', args: [valueType], returns: pattern, description: 'Returns a quantile digest of the input values', implement: make(false) }),
    aggregateFunction({ name: 'qdigest_agg', args: [valueType, 'bigint'], returns: pattern, description: 'Returns a quantile digest of the weighted input values', implement: make(true) }),
    aggregateFunction({ name: 'qdigest_agg', args: [valueType, 'bigint', 'double'], returns: pattern, description: 'Returns a quantile digest of the weighted input values with the given accuracy', implement: make(true) }),
    aggregateFunction({
      name: 'merge', args: [pattern], returns: pattern, description: 'Merges quantile digests',
      implement: () => mergeAggregate(type, 'qdigest'),
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
        if (st.size === 0) return null;
        const { means, weights } = st.centroids();
        let below = 0;
        for (let i = 0; i < means.length; i++) if (means[i]! <= Number(v)) below += weights[i]!;
        return below / st.size;
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
      implement: () => mergeAggregate(TDIGEST, 'tdigest'),
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
      implement: () => objectStateAggregate<HistogramState>({
        intermediateType: rowType([{ name: undefined, type: DOUBLE }, { name: undefined, type: arrayType(DOUBLE) }, { name: undefined, type: arrayType(DOUBLE) }]),
        skipNullArguments: weighted ? [0, 1, 2] : [0, 1],
        create: () => ({ values: [], weights: [], buckets: 0 }),
        add: (s, a) => {
          const b = Number(a[0]);
          if (b < 2) throw invalidArgument('numeric_histogram bucket count must be greater than one');
          s.buckets = b;
          s.values.push(a[1] as number);
          s.weights.push(weighted ? (a[2] as number) : 1);
          if (s.values.length > Math.max(100, s.buckets * 10)) compact(s, s.buckets);
        },
        merge: (s, v) => {
          const r = v as readonly SqlValue[];
          s.buckets = Math.max(s.buckets, Number(r[0]));
          s.values.push(...(r[1] as number[]));
          s.weights.push(...(r[2] as number[]));
          if (s.values.length > Math.max(100, s.buckets * 10)) compact(s, s.buckets);
        },
        intermediate: (s) => [s.buckets, s.values, s.weights],
        final: (s) => {
          if (s.values.length === 0) return null;
          compact(s, s.buckets);
          return sqlMap(s.values, s.weights);
        },
      }),
    })),
  ];
}

export { mapType };
