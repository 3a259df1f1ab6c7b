import type { OpaqueValue, SqlType, SqlValue } from '@petrel/spi';
import { HYPER_LOG_LOG } from '@petrel/spi';
import type { FunctionDefinition } from '../function-definition.js';
import { aggregateFunction, scalarFunction } from '../function-definition.js';
import { objectStateAggregate } from './object-state-aggregate.js';
import { xxhash64Value } from '../scalar/hash/xxhash64.js';
import { DEFAULT_STANDARD_ERROR, HyperLogLogSketch, bucketsForStandardError } from '../sketch/hyperloglog-sketch.js';

/** HyperLogLog values carry a `HyperLogLogSketch` (bounded memory; not Trino's binary format). */
export function hyperLogLog(sketch: HyperLogLogSketch): OpaqueValue {
  return { kind: 'opaque', typeName: 'HyperLogLog', state: sketch };
}

export function sketchOf(v: SqlValue): HyperLogLogSketch {
  return (v as OpaqueValue).state as HyperLogLogSketch;
}

const DEFAULT_BUCKETS = bucketsForStandardError(DEFAULT_STANDARD_ERROR);

/** Adds a value's 64-bit xxHash to the sketch. */
export function addValue(sketch: HyperLogLogSketch, type: SqlType, v: SqlValue): void {
  sketch.addBigint(xxhash64Value(type, v));
}

interface SketchState {
  sketch: HyperLogLogSketch | undefined;
}

/** approx_set / approx_distinct state: the sketch is created on the first row (which fixes the error). */
function sketchAggregate(type: SqlType, withError: boolean, final: (s: SketchState) => SqlValue) {
  return objectStateAggregate<SketchState>({
    intermediateType: HYPER_LOG_LOG,
    skipNullArguments: [0],
    create: () => ({ sketch: undefined }),
    add: (s, a) => {
      if (s.sketch === undefined) {
        if (withError && a[1] === null) throw new Error('unreachable');
        s.sketch = new HyperLogLogSketch(withError ? bucketsForStandardError(Number(a[1])) : DEFAULT_BUCKETS);
      }
      addValue(s.sketch, type, a[0]!);
    },
    merge: (s, v) => {
      const other = sketchOf(v);
      if (s.sketch === undefined) s.sketch = other.clone();
      else s.sketch.merge(other);
    },
    intermediate: (s) => (s.sketch === undefined ? null : hyperLogLog(s.sketch)),
    final,
  });
}

export function hyperLogLogFunctions(): FunctionDefinition[] {
  const defs: FunctionDefinition[] = [];
  for (const withError of [false, true]) {
    const args = withError ? ['T', 'double'] : ['T'];
    defs.push(
      aggregateFunction({
        name: 'approx_distinct', args, returns: 'bigint', comparable: ['T'],
        description: withError ? 'Returns the approximate number of distinct input values with the given maximum standard error' : 'Returns the approximate number of distinct input values (standard error 2.3%)',
        implement: (b) => sketchAggregate(b.argumentTypes[0]!, withError, (s) => (s.sketch === undefined ? 0 : s.sketch.cardinality())),
      }),
      aggregateFunction({
        name: 'approx_set', args, returns: 'hyperloglog', comparable: ['T'], description: 'Returns a HyperLogLog sketch of the input values',
        implement: (b) => sketchAggregate(b.argumentTypes[0]!, withError, (s) => (s.sketch === undefined ? null : hyperLogLog(s.sketch.clone()))),
      }),
    );
  }
  defs.push(
    aggregateFunction({
      name: 'merge', args: ['hyperloglog'], returns: 'hyperloglog', description: 'Merges HyperLogLog sketches',
      implement: () => objectStateAggregate<SketchState>({
        intermediateType: HYPER_LOG_LOG,
        create: () => ({ sketch: undefined }),
        add: (s, a) => {
          const other = sketchOf(a[0]!);
          if (s.sketch === undefined) s.sketch = other.clone();
          else s.sketch.merge(other);
        },
        merge: (s, v) => {
          const other = sketchOf(v);
          if (s.sketch === undefined) s.sketch = other.clone();
          else s.sketch.merge(other);
        },
        intermediate: (s) => (s.sketch === undefined ? null : hyperLogLog(s.sketch)),
        final: (s) => (s.sketch === undefined ? null : hyperLogLog(s.sketch.clone())),
      }),
    }),
    scalarFunction({ name: 'cardinality', args: ['hyperloglog'], returns: 'bigint', description: 'Compute the cardinality of a HyperLogLog instance', impl: (v) => sketchOf(v).cardinality() }),
    scalarFunction({ name: 'empty_approx_set', args: [], returns: 'hyperloglog', description: 'An empty HyperLogLog instance', impl: () => hyperLogLog(new HyperLogLogSketch(DEFAULT_BUCKETS)) }),
  );
  return defs;
}
