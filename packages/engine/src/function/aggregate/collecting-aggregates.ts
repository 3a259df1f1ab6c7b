import type { DecimalType, Int64, OpaqueValue, SqlMap, SqlType, SqlValue } from '@petrel/spi';
import { BIGINT, VARBINARY, VARCHAR, arrayType, mapType, normalizeInt64, rowType, sqlMap, DOUBLE, TDIGEST, StandardErrorCode, TrinoError } from '@petrel/spi';
import type { FunctionDefinition } from '../function-definition.js';
import { aggregateFunction } from '../function-definition.js';
import { objectStateAggregate } from './object-state-aggregate.js';
import { compareValues, findMapKey } from '../../type/value-compare.js';
import { DistinctSet } from '../scalar/distinct-set.js';
import { invalidArgument } from '../errors.js';
import { xxhash64Value } from '../scalar/hash/xxhash64.js';
import { TDigest } from '../sketch/t-digest.js';

const elementOf = (t: SqlType): SqlType => (t as { elementType: SqlType }).elementType;

/** Values grouped by key, with NOT DISTINCT semantics, keeping first-seen order. */
class KeyedValues<V> {
  readonly keys: SqlValue[] = [];
  readonly values: V[] = [];
  private readonly index: DistinctSet;
  constructor(private readonly keyType: SqlType) {
    this.index = new DistinctSet(keyType);
  }
  find(key: SqlValue): number {
    if (this.index.has(key)) return findMapKey(this.keyType, sqlMap(this.keys, []), key);
    return -1;
  }
  put(key: SqlValue, value: V): number {
    this.index.add(key);
    this.keys.push(key);
    this.values.push(value);
    return this.keys.length - 1;
  }
}

function spaceSavingKey(v: SqlValue): unknown {
  if (v === null || typeof v !== 'object') return v;
  return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? `${x}n` : x instanceof Uint8Array ? Array.from(x) : x));
}

/**
 * The space-saving stream summary (Metwally et al.) behind approx_most_frequent: at most
 * `capacity` counters; a new value evicts the smallest counter and inherits its count.
 */
class SpaceSaving {
  buckets = 0;
  capacity = 0;
  private readonly counters = new Map<unknown, { value: SqlValue; count: number }>();

  add(value: SqlValue, count: number): void {
    const key = spaceSavingKey(value);
    const existing = this.counters.get(key);
    if (existing !== undefined) {
      existing.count += count;
      return;
    }
    if (this.capacity > 0 && this.counters.size >= this.capacity) {
      let minKey: unknown;
      let min = Infinity;
      for (const [k, e] of this.counters) if (e.count < min) {
        min = e.count;
        minKey = k;
      }
      this.counters.delete(minKey);
      this.counters.set(key, { value, count: min + count });
      return;
    }
    this.counters.set(key, { value, count });
  }

  entries(): { value: SqlValue; count: number }[] {
    return [...this.counters.values()];
  }
}

function checkPercentile(p: number): number {
  if (!(p >= 0 && p <= 1)) throw invalidArgument('Percentile must be between 0 and 1');
  return p;
}

interface PercentileState {
  digest: TDigest | undefined;
  percentiles: number[] | null;
}

/** approx_percentile over a t-digest (compression 100, as Trino's). */
function percentileAggregate(valueType: SqlType, weighted: boolean, arrayResult: boolean) {
  const round = valueType.kind === 'bigint' ? Math.round : valueType.kind === 'real' ? Math.fround : (x: number) => x;
  return objectStateAggregate<PercentileState>({
    intermediateType: rowType([{ name: undefined, type: TDIGEST }, { name: undefined, type: arrayType(DOUBLE) }]),
    skipNullArguments: weighted ? [0, 1] : [0],
    create: () => ({ digest: undefined, percentiles: null }),
    add: (s, args) => {
      const p = args[weighted ? 2 : 1]!;
      if (p === null) throw invalidArgument('Percentile cannot be null');
      if (s.percentiles === null) {
        s.percentiles = arrayResult
          ? (p as readonly SqlValue[]).map((x) => {
            if (x === null) throw invalidArgument('All percentiles should be non-null');
            return checkPercentile(Number(x));
          })
          : [checkPercentile(Number(p))];
      }
      const w = weighted ? Number(args[1]) : 1;
      if (weighted && !(w > 0)) throw invalidArgument(`Weight must be > 0, was ${w}`);
      s.digest ??= new TDigest();
      s.digest.add(Number(args[0]), w);
    },
    merge: (s, v) => {
      const r = v as readonly SqlValue[];
      const d = (r[0] as OpaqueValue).state as TDigest;
      if (s.digest === undefined) s.digest = d.clone();
      else s.digest.merge(d);
      s.percentiles ??= r[1] as number[] | null;
    },
    intermediate: (s) => (s.digest === undefined ? null : [{ kind: 'opaque', typeName: 'tdigest', state: s.digest } satisfies OpaqueValue, s.percentiles]),
    final: (s) => {
      if (s.digest === undefined || s.percentiles === null) return null;
      const d = s.digest;
      const results = s.percentiles.map((p) => round(d.valueAt(p)));
      return arrayResult ? results : results[0]!;
    },
  });
}

export function collectingAggregates(): FunctionDefinition[] {
  const defs: FunctionDefinition[] = [];
  for (const t of ['bigint', 'double', 'real']) {
    defs.push(
      aggregateFunction({ name: 'approx_percentile', args: [t, 'double'], returns: t, implement: (b) => percentileAggregate(b.argumentTypes[0]!, false, false) }),
      aggregateFunction({ name: 'approx_percentile', args: [t, 'double', 'double'], returns: t, implement: (b) => percentileAggregate(b.argumentTypes[0]!, true, false) }),
      aggregateFunction({ name: 'approx_percentile', args: [t, 'array(double)'], returns: `array(${t})`, implement: (b) => percentileAggregate(b.argumentTypes[0]!, false, true) }),
      aggregateFunction({ name: 'approx_percentile', args: [t, 'double', 'array(double)'], returns: `array(${t})`, implement: (b) => percentileAggregate(b.argumentTypes[0]!, true, true) }),
    );
  }
  defs.push(aggregateFunction({
    name: 'histogram', args: ['K'], returns: 'map(K,bigint)', comparable: ['K'], description: 'Count the number of times each value occurs',
    implement: (b) => {
      const t = b.argumentTypes[0]!;
      return objectStateAggregate<KeyedValues<number>>({
        intermediateType: mapType(t, BIGINT),
        create: () => new KeyedValues<number>(t),
        add: (s, a) => {
          const i = s.find(a[0]!);
          if (i < 0) s.put(a[0]!, 1);
          else s.values[i]!++;
        },
        merge: (s, v) => {
          const m = v as SqlMap;
          m.keys.forEach((k, j) => {
            const i = s.find(k);
            if (i < 0) s.put(k, Number(m.values[j]));
            else s.values[i]! += Number(m.values[j]);
          });
        },
        intermediate: (s) => sqlMap(s.keys, s.values),
        final: (s) => (s.keys.length === 0 ? null : sqlMap(s.keys, s.values)),
      });
    },
  }));
  defs.push(aggregateFunction({
    name: 'map_agg', args: ['K', 'V'], returns: 'map(K,V)', comparable: ['K'], description: 'Aggregates all the rows (key/value pairs) into a single map',
    implement: (b) => {
      const t = b.argumentTypes[0]!;
      return objectStateAggregate<KeyedValues<SqlValue>>({
        intermediateType: mapType(t, b.argumentTypes[1]!),
        skipNullArguments: [0],
        orderSensitive: true,
        create: () => new KeyedValues<SqlValue>(t),
        add: (s, a) => {
          if (s.find(a[0]!) < 0) s.put(a[0]!, a[1]!);
        },
        merge: (s, v) => {
          const m = v as SqlMap;
          m.keys.forEach((k, j) => {
            if (s.find(k) < 0) s.put(k, m.values[j]!);
          });
        },
        intermediate: (s) => sqlMap(s.keys, s.values),
        final: (s) => (s.keys.length === 0 ? null : sqlMap(s.keys, s.values)),
      });
    },
  }));
  defs.push(aggregateFunction({
    name: 'map_union', args: ['map(K,V)'], returns: 'map(K,V)', description: 'Returns the union of all the input maps',
    implement: (b) => {
      const mt = b.argumentTypes[0] as { keyType: SqlType };
      return objectStateAggregate<KeyedValues<SqlValue>>({
        intermediateType: b.argumentTypes[0]!,
        create: () => new KeyedValues<SqlValue>(mt.keyType),
        add: (s, a) => {
          const m = a[0] as SqlMap;
          m.keys.forEach((k, j) => {
            if (s.find(k) < 0) s.put(k, m.values[j]!);
          });
        },
        merge: (s, v) => {
          const m = v as SqlMap;
          m.keys.forEach((k, j) => {
            if (s.find(k) < 0) s.put(k, m.values[j]!);
          });
        },
        intermediate: (s) => sqlMap(s.keys, s.values),
        final: (s) => (s.keys.length === 0 ? null : sqlMap(s.keys, s.values)),
      });
    },
  }));
  defs.push(aggregateFunction({
    name: 'multimap_agg', args: ['K', 'V'], returns: 'map(K,array(V))', comparable: ['K'], description: 'Aggregates all the rows (key/value pairs) into a single multimap',
    implement: (b) => {
      const t = b.argumentTypes[0]!;
      return objectStateAggregate<KeyedValues<SqlValue[]>>({
        intermediateType: mapType(t, arrayType(b.argumentTypes[1]!)),
        skipNullArguments: [0],
        orderSensitive: true,
        create: () => new KeyedValues<SqlValue[]>(t),
        add: (s, a) => {
          const i = s.find(a[0]!);
          if (i < 0) s.put(a[0]!, [a[1]!]);
          else s.values[i]!.push(a[1]!);
        },
        merge: (s, v) => {
          const m = v as SqlMap;
          m.keys.forEach((k, j) => {
            const i = s.find(k);
            if (i < 0) s.put(k, [...(m.values[j] as SqlValue[])]);
            else s.values[i]!.push(...(m.values[j] as SqlValue[]));
          });
        },
        intermediate: (s) => sqlMap(s.keys, s.values),
        final: (s) => (s.keys.length === 0 ? null : sqlMap(s.keys, s.values)),
      });
    },
  }));
  // max_by / min_by
  for (const [name, sign] of [['max_by', 1], ['min_by', -1]] as const) {
    defs.push(aggregateFunction({
      name, args: ['V', 'K'], returns: 'V', orderable: ['K'], description: `Returns the value of the first argument, associated with the ${sign > 0 ? 'maximum' : 'minimum'} value of the second argument`,
      implement: (b) => {
        const kt = b.argumentTypes[1]!;
        return objectStateAggregate<{ key: SqlValue; value: SqlValue; seen: boolean }>({
          intermediateType: rowType([{ name: undefined, type: kt }, { name: undefined, type: b.argumentTypes[0]! }]),
          skipNullArguments: [1],
          create: () => ({ key: null, value: null, seen: false }),
          add: (s, a) => {
            if (!s.seen || compareValues(kt, a[1]!, s.key) * sign > 0) {
              s.key = a[1]!;
              s.value = a[0]!;
              s.seen = true;
            }
          },
          merge: (s, v) => {
            const r = v as readonly SqlValue[];
            if (r[0] === null) return;
            if (!s.seen || compareValues(kt, r[0]!, s.key) * sign > 0) {
              s.key = r[0]!;
              s.value = r[1]!;
              s.seen = true;
            }
          },
          intermediate: (s) => (s.seen ? [s.key, s.value] : null),
          final: (s) => (s.seen ? s.value : null),
        });
      },
    }));
    defs.push(aggregateFunction({
      name, args: ['V', 'K', 'bigint'], returns: 'array(V)', orderable: ['K'], description: `Returns the values of the first argument associated with the ${sign > 0 ? 'largest' : 'smallest'} n values of the second argument`,
      implement: (b) => {
        const kt = b.argumentTypes[1]!;
        const entryType = rowType([{ name: undefined, type: kt }, { name: undefined, type: b.argumentTypes[0]! }]);
        return objectStateAggregate<{ entries: [SqlValue, SqlValue][]; n: number }>({
          intermediateType: rowType([{ name: undefined, type: arrayType(entryType) }, { name: undefined, type: BIGINT }]),
          skipNullArguments: [1],
          create: () => ({ entries: [], n: 0 }),
          add: (s, a) => {
            const n = Number(a[2]);
            if (!(n > 0)) throw invalidArgument(`third argument of ${name} must be a positive integer`);
            if (n > 10000) throw invalidArgument(`third argument of ${name} must be less than or equal to 10000`);
            s.n = n;
            s.entries.push([a[1]!, a[0]!]);
          },
          merge: (s, v) => {
            const r = v as readonly SqlValue[];
            s.entries.push(...(r[0] as [SqlValue, SqlValue][]));
            s.n = Math.max(s.n, Number(r[1]));
          },
          intermediate: (s) => [s.entries, s.n],
          final: (s) => {
            if (s.entries.length === 0) return null;
            const sorted = [...s.entries].sort((x, y) => compareValues(kt, y[0], x[0]) * sign);
            return sorted.slice(0, s.n).map((e) => e[1]);
          },
        });
      },
    }));
  }
  for (const [name, sign] of [['max', 1], ['min', -1]] as const) {
    defs.push(aggregateFunction({
      name, args: ['E', 'bigint'], returns: 'array(E)', orderable: ['E'], description: `Returns the ${sign > 0 ? 'maximum' : 'minimum'} n values of all input values`,
      implement: (b) => {
        const t = b.argumentTypes[0]!;
        return objectStateAggregate<{ values: SqlValue[]; n: number }>({
          intermediateType: rowType([{ name: undefined, type: arrayType(t) }, { name: undefined, type: BIGINT }]),
          skipNullArguments: [0],
          create: () => ({ values: [], n: 0 }),
          add: (s, a) => {
            const n = Number(a[1]);
            if (!(n > 0)) throw invalidArgument(`second argument of ${name} must be a positive integer`);
            if (n > 10000) throw invalidArgument(`second argument of ${name} must be less than or equal to 10000`);
            s.n = n;
            s.values.push(a[0]!);
          },
          merge: (s, v) => {
            const r = v as readonly SqlValue[];
            s.values.push(...(r[0] as SqlValue[]));
            s.n = Math.max(s.n, Number(r[1]));
          },
          intermediate: (s) => [s.values, s.n],
          final: (s) => (s.values.length === 0 ? null : [...s.values].sort((x, y) => compareValues(t, y, x) * sign).slice(0, s.n)),
        });
      },
    }));
  }
  // bitwise aggregates
  for (const [name, op] of [['bitwise_and_agg', (a: bigint, b: bigint) => a & b], ['bitwise_or_agg', (a: bigint, b: bigint) => a | b], ['bitwise_xor_agg', (a: bigint, b: bigint) => a ^ b]] as const) {
    defs.push(aggregateFunction({
      name, args: ['bigint'], returns: 'bigint', description: `Returns the bitwise ${name.split('_')[1]!.toUpperCase()} of all input values`,
      implement: () => objectStateAggregate<{ v: bigint | null }>({
        intermediateType: BIGINT,
        create: () => ({ v: null }),
        add: (s, a) => {
          const x = BigInt(a[0] as Int64);
          s.v = s.v === null ? x : op(s.v, x);
        },
        merge: (s, v) => {
          const x = BigInt(v as Int64);
          s.v = s.v === null ? x : op(s.v, x);
        },
        intermediate: (s) => (s.v === null ? null : normalizeInt64(BigInt.asIntN(64, s.v))),
        final: (s) => (s.v === null ? null : normalizeInt64(BigInt.asIntN(64, s.v))),
      }),
    }));
  }
  // listagg(value, separator): order comes from WITHIN GROUP, applied by the operator
  for (const full of [false, true]) defs.push(aggregateFunction({
    name: 'listagg', args: full ? ['varchar(x)', 'varchar(y)', 'boolean', 'varchar(z)', 'boolean'] : ['varchar(x)', 'varchar(y)'], returns: 'varchar',
    description: 'Concatenates the input values with the separator',
    hidden: full,
    implement: () => objectStateAggregate<{ parts: string[]; separator: string | null; overflowError: boolean; filler: string; showCount: boolean }>({
      intermediateType: rowType([{ name: undefined, type: arrayType(VARCHAR) }, { name: undefined, type: VARCHAR }]),
      orderSensitive: true,
      skipNullArguments: [0],
      create: () => ({ parts: [], separator: null, overflowError: true, filler: '...', showCount: false }),
      add: (s, a) => {
        s.parts.push(a[0] as string);
        s.separator ??= (a[1] as string | null) ?? '';
        if (full) {
          s.overflowError = a[2] !== false;
          s.filler = (a[3] as string | null) ?? '...';
          s.showCount = a[4] === true;
        }
      },
      merge: (s, v) => {
        const r = v as readonly SqlValue[];
        s.parts.push(...(r[0] as string[]));
        s.separator ??= r[1] as string | null;
      },
      intermediate: (s) => [s.parts, s.separator],
      final: (s) => {
        if (s.parts.length === 0) return null;
        const separator = s.separator ?? '';
        const out = s.parts.join(separator);
        const limit = 1_048_576;
        if (Buffer.byteLength(out) <= limit) return out;
        if (s.overflowError) throw new TrinoError(StandardErrorCode.EXCEEDED_FUNCTION_MEMORY_LIMIT, `Concatenated string has the length in bytes larger than the maximum output length ${limit}`);
        // ON OVERFLOW TRUNCATE: whole values that fit, then the separator, the filler and optionally the omitted count
        let kept = '';
        let count = 0;
        for (const p of s.parts) {
          const next = count === 0 ? p : kept + separator + p;
          if (Buffer.byteLength(next) > limit) break;
          kept = next;
          count++;
        }
        return `${kept}${separator}${s.filler}${s.showCount ? `(${s.parts.length - count})` : ''}`;
      },
    }),
  }));
  defs.push(aggregateFunction({
    name: 'checksum', args: ['T'], returns: 'varbinary', comparable: ['T'], description: 'Checksum of the given values',
    implement: (b) => {
      const t = b.argumentTypes[0]!;
      const PRIME = 0x9e3779b185ebca87n;
      return objectStateAggregate<{ sum: bigint; seen: boolean }>({
        intermediateType: VARBINARY,
        skipNullArguments: [],
        create: () => ({ sum: 0n, seen: false }),
        add: (s, a) => {
          const h = a[0] === null ? PRIME : xxhash64Value(t, a[0]!);
          s.sum = BigInt.asUintN(64, s.sum + BigInt.asUintN(64, h * PRIME));
          s.seen = true;
        },
        merge: (s, v) => {
          s.sum = BigInt.asUintN(64, s.sum + new DataView((v as Uint8Array).buffer, (v as Uint8Array).byteOffset, 8).getBigUint64(0, true));
          s.seen = true;
        },
        intermediate: (s) => toBytes(s.sum),
        final: (s) => (s.seen ? toBytes(s.sum) : null),
      });
    },
  }));
  defs.push(aggregateFunction({
    name: 'approx_most_frequent', args: ['bigint', 'T', 'bigint'], returns: 'map(T,bigint)', comparable: ['T'], description: 'Computes the top frequent values up to buckets elements approximately',
    implement: (b) => {
      const t = b.argumentTypes[1]!;
      return objectStateAggregate<SpaceSaving>({
        intermediateType: rowType([{ name: undefined, type: BIGINT }, { name: undefined, type: BIGINT }, { name: undefined, type: mapType(t, BIGINT) }]),
        skipNullArguments: [1],
        create: () => new SpaceSaving(),
        add: (s, a) => {
          const buckets = Number(a[0]);
          if (buckets < 2) throw invalidArgument('There must be more than one bucket');
          const capacity = Number(a[2]);
          if (capacity < buckets) throw invalidArgument('capacity must be greater than or equal to buckets');
          s.buckets = buckets;
          s.capacity = capacity;
          s.add(a[1]!, 1);
        },
        merge: (s, v) => {
          const r = v as readonly SqlValue[];
          s.buckets = Math.max(s.buckets, Number(r[0]));
          s.capacity = Math.max(s.capacity, Number(r[1]));
          const m = r[2] as SqlMap;
          m.keys.forEach((k, j) => s.add(k, Number(m.values[j])));
        },
        intermediate: (s) => [s.buckets, s.capacity, sqlMap(s.entries().map((e) => e.value), s.entries().map((e) => e.count))],
        final: (s) => {
          const entries = s.entries();
          if (entries.length === 0) return null;
          const top = entries.sort((x, y) => y.count - x.count).slice(0, s.buckets);
          return sqlMap(top.map((e) => e.value), top.map((e) => e.count));
        },
      });
    },
  }));
  return defs;
}

function toBytes(v: bigint): Uint8Array {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigUint64(0, v, true);
  return b;
}

export type { DecimalType };
export { elementOf };
