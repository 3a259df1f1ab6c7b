import type { OpaqueValue, SqlType, SqlValue } from '@petrel/spi';
import { HYPER_LOG_LOG } from '@petrel/spi';
import type { FunctionDefinition } from '../function-definition.js';
import { aggregateFunction, scalarFunction } from '../function-definition.js';
import { objectStateAggregate } from './object-state-aggregate.js';
import { xxhash64Value } from '../scalar/hash/xxhash64.js';
import { murmur3x64128 } from '../scalar/hash/murmur3.js';
import { APPROX_SET_STANDARD_ERROR, DEFAULT_STANDARD_ERROR, HyperLogLogSketch, bucketsForStandardError } from '../sketch/hyperloglog-sketch.js';

/** HyperLogLog values carry a `HyperLogLogSketch`; CAST to varbinary writes Trino's layout (`sketch-serialization.ts`). */
export function hyperLogLog(sketch: HyperLogLogSketch): OpaqueValue {
  return { kind: 'opaque', typeName: 'HyperLogLog', state: sketch };
}

export function sketchOf(v: SqlValue): HyperLogLogSketch {
  return (v as OpaqueValue).state as HyperLogLogSketch;
}

/** approx_distinct's default error is 2.3% (2048 buckets); approx_set and empty_approx_set use 1.625% (4096), as Trino. */
const DEFAULT_BUCKETS = bucketsForStandardError(DEFAULT_STANDARD_ERROR);
const APPROX_SET_BUCKETS = bucketsForStandardError(APPROX_SET_STANDARD_ERROR);

/** Adds a value's 64-bit xxHash to the sketch (approx_distinct, set digests). */
export function addValue(sketch: HyperLogLogSketch, type: SqlType, v: SqlValue): void {
  sketch.addBigint(xxhash64Value(type, v));
}

const utf8 = new TextEncoder();

/**
 * approx_set hashes as Trino's does (airlift's HyperLogLog.add): the first 64 bits of Murmur3
 * x64-128 over the value's bytes: a bigint's or a double's 8 little-endian bytes, a varchar's
 * UTF-8. So Petrel's approx_set sketches hold the same hashes as Trino's.
 */
function murmur3ValueHash(type: SqlType): (v: SqlValue) => bigint {
  const first64 = (bytes: Uint8Array): bigint => {
    const h = murmur3x64128(bytes);
    return new DataView(h.buffer, h.byteOffset, 8).getBigInt64(0, true);
  };
  const eight = new Uint8Array(8);
  const view = new DataView(eight.buffer);
  if (type.kind === 'bigint') {
    return (v) => {
      view.setBigInt64(0, BigInt(v as number | bigint), true);
      return first64(eight);
    };
  }
  if (type.kind === 'double') {
    return (v) => {
      view.setFloat64(0, v as number, true);
      return first64(eight);
    };
  }
  return (v) => first64(utf8.encode(v as string));
}

interface SketchState {
  sketch: HyperLogLogSketch | undefined;
}

/** approx_set / approx_distinct state: the sketch is created on the first row (which fixes the error). */
function sketchAggregate(type: SqlType, withError: boolean, defaultBuckets: number, final: (s: SketchState) => SqlValue, hash: (v: SqlValue) => bigint = (v) => xxhash64Value(type, v)) {
  return objectStateAggregate<SketchState>({
    intermediateType: HYPER_LOG_LOG,
    skipNullArguments: [0],
    create: () => ({ sketch: undefined }),
    add: (s, a) => {
      if (s.sketch === undefined) {
        if (withError && a[1] === null) throw new Error('unreachable');
        s.sketch = new HyperLogLogSketch(withError ? bucketsForStandardError(Number(a[1])) : defaultBuckets);
      }
      s.sketch.addBigint(hash(a[0]!));
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
    const error = withError ? ['double'] : [];
    defs.push(aggregateFunction({
      name: 'approx_distinct', args: ['T', ...error], returns: 'bigint', comparable: ['T'],
      implement: (b) => sketchAggregate(b.argumentTypes[0]!, withError, DEFAULT_BUCKETS, (s) => (s.sketch === undefined ? 0 : s.sketch.cardinality())),
    }));
    // Trino has approx_set for bigint, double and varchar(x) only (other types coerce or fail)
    for (const t of ['bigint', 'double', 'varchar(x)']) {
      defs.push(aggregateFunction({
        name: 'approx_set', args: [t, ...error], returns: 'hyperloglog',
        implement: (b) => sketchAggregate(
          b.argumentTypes[0]!, withError, APPROX_SET_BUCKETS, (s) => (s.sketch === undefined ? null : hyperLogLog(s.sketch.clone())), murmur3ValueHash(b.argumentTypes[0]!),
        ),
      }));
    }
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
    scalarFunction({ name: 'empty_approx_set', args: [], returns: 'hyperloglog', description: 'An empty HyperLogLog instance', impl: () => hyperLogLog(new HyperLogLogSketch(APPROX_SET_BUCKETS)) }),
  );
  return defs;
}
