import type { LambdaValue, SqlType, SqlValue } from '@petrel/spi';
import { arrayType, rowType, sqlMap, BIGINT, INTERVAL_DAY_TO_SECOND } from '@petrel/spi';
import type { FunctionDefinition } from '../function-definition.js';
import { scalarFunction } from '../function-definition.js';
import { invalidArgument } from '../errors.js';
import { compareValues, valuesEqual } from '../../type/value-compare.js';
import { sqlEquals } from '../operator/comparison-operators.js';
import { DistinctSet } from './distinct-set.js';
import { getCastImplementation } from '../cast/cast.js';
import { timestampParts, timestampValue, MILLIS_PER_DAY } from '../../type/date-time.js';
import { addMonthsToDays, addMonthsToLocalMillis } from '../datetime/date-arithmetic.js';
import type { FunctionContext } from '../function-implementation.js';

type Arr = readonly SqlValue[];
const arr = (v: SqlValue): Arr => v as Arr;
const fn = (v: SqlValue): LambdaValue => v as LambdaValue;
const elementType = (b: { argumentTypes: readonly SqlType[] }, i = 0): SqlType => (b.argumentTypes[i] as { elementType: SqlType }).elementType;

const MAX_SEQUENCE = 10_000;

function checkSequenceLength(n: number): void {
  if (n > MAX_SEQUENCE) throw invalidArgument(`result of sequence function must not have more than ${MAX_SEQUENCE} entries`);
}

function numericSequence(start: number | bigint, stop: number | bigint, step: number | bigint): SqlValue[] {
  const a = BigInt(start);
  const b = BigInt(stop);
  const s = BigInt(step);
  if (s === 0n) throw invalidArgument('step must not be zero');
  if ((s > 0n && a > b) || (s < 0n && a < b)) throw invalidArgument('sequence stop value should be greater than or equal to start value if step is greater than zero otherwise stop should be less than or equal to start');
  const count = (b - a) / s + 1n;
  checkSequenceLength(Number(count));
  const out: SqlValue[] = [];
  for (let v = a, i = 0n; i < count; i++, v += s) out.push(Number(v));
  return out;
}

function matchAll(values: Arr, predicate: LambdaValue, mode: 'all' | 'any' | 'none'): boolean | null {
  let sawNull = false;
  for (const v of values) {
    const r = predicate(v);
    if (r === null) sawNull = true;
    else if (mode === 'all' && r === false) return false;
    else if (mode !== 'all' && r === true) return mode === 'any';
  }
  if (sawNull) return null;
  return mode === 'all' ? true : mode === 'none';
}

function combinations(values: Arr, n: number): SqlValue[] {
  if (n < 0) throw invalidArgument(`combination size must not be negative: ${n}`);
  if (n > 5) throw invalidArgument(`combination size must not exceed 5: ${n}`);
  if (n > values.length) return [];
  const out: SqlValue[] = [];
  const idx = Array.from({ length: n }, (_, i) => i);
  for (;;) {
    out.push(idx.map((i) => values[i]!));
    let i = n - 1;
    while (i >= 0 && idx[i] === values.length - n + i) i--;
    if (i < 0) break;
    idx[i]!++;
    for (let j = i + 1; j < n; j++) idx[j] = idx[j - 1]! + 1;
  }
  return out;
}

function toVarcharFn(type: SqlType, ctx: FunctionContext): (v: SqlValue) => string {
  if (type.kind === 'varchar' || type.kind === 'char') return (v) => v as string;
  const cast = getCastImplementation(type, { kind: 'varchar', length: undefined }, ctx);
  return (v) => cast(v) as string;
}

export function arrayFunctions(): FunctionDefinition[] {
  const defs: FunctionDefinition[] = [];
  const add = (...d: FunctionDefinition[]): void => {
    defs.push(...d);
  };
  for (const [name, mode] of [['all_match', 'all'], ['any_match', 'any'], ['none_match', 'none']] as const) {
    add(scalarFunction({
      name, args: ['array(T)', 'function(T,boolean)'], returns: 'boolean', description: `Returns whether ${mode} elements of an array match the given predicate`,
      impl: (a, f) => matchAll(arr(a), fn(f), mode),
    }));
  }
  add(
    scalarFunction({
      name: 'array_distinct', args: ['array(E)'], returns: 'array(E)', comparable: ['E'], description: 'Remove duplicate values from the given array',
      specialize: (b) => {
        const t = elementType(b);
        return (a) => {
          const set = new DistinctSet(t);
          return arr(a).filter((x) => set.add(x));
        };
      },
    }),
    scalarFunction({
      name: 'array_except', args: ['array(E)', 'array(E)'], returns: 'array(E)', comparable: ['E'], description: 'Returns an array of elements that are in the first array but not the second, without duplicates',
      specialize: (b) => {
        const t = elementType(b);
        return (x, y) => {
          const exclude = new DistinctSet(t);
          for (const v of arr(y)) exclude.add(v);
          const seen = new DistinctSet(t);
          return arr(x).filter((v) => !exclude.has(v) && seen.add(v));
        };
      },
    }),
    scalarFunction({
      name: 'array_intersect', args: ['array(E)', 'array(E)'], returns: 'array(E)', comparable: ['E'], description: 'Intersects elements of the two given arrays',
      specialize: (b) => {
        const t = elementType(b);
        return (x, y) => {
          const other = new DistinctSet(t);
          for (const v of arr(y)) other.add(v);
          const seen = new DistinctSet(t);
          return arr(x).filter((v) => other.has(v) && seen.add(v));
        };
      },
    }),
    scalarFunction({
      name: 'array_intersect', args: ['array(array(E))'], returns: 'array(E)', comparable: ['E'], description: 'Intersects elements of all arrays in the given array',
      specialize: (b) => {
        const t = (elementType(b) as { elementType: SqlType }).elementType;
        return (outer) => {
          const lists = arr(outer);
          if (lists.length === 0) return [];
          if (lists.some((l) => l === null)) return null;
          let current: SqlValue[] = [...arr(lists[0]!)];
          for (let i = 1; i < lists.length; i++) {
            const other = new DistinctSet(t);
            for (const v of arr(lists[i]!)) other.add(v);
            current = current.filter((v) => other.has(v));
          }
          const seen = new DistinctSet(t);
          return current.filter((v) => seen.add(v));
        };
      },
    }),
    scalarFunction({
      name: 'array_union', args: ['array(E)', 'array(E)'], returns: 'array(E)', comparable: ['E'], description: 'Union elements of the two given arrays',
      specialize: (b) => {
        const t = elementType(b);
        return (x, y) => {
          const seen = new DistinctSet(t);
          return [...arr(x), ...arr(y)].filter((v) => seen.add(v));
        };
      },
    }),
    scalarFunction({
      name: 'array_histogram', args: ['array(T)'], returns: 'map(T,bigint)', comparable: ['T'], description: 'Returns a map of element counts',
      specialize: (b) => {
        const t = elementType(b);
        return (a) => {
          const keys: SqlValue[] = [];
          const counts: number[] = [];
          for (const v of arr(a)) {
            if (v === null) continue;
            const i = keys.findIndex((k) => valuesEqual(t, k, v));
            if (i < 0) {
              keys.push(v);
              counts.push(1);
            } else counts[i]!++;
          }
          return sqlMap(keys, counts);
        };
      },
    }),
  );
  for (const withReplacement of [false, true]) {
    add(scalarFunction({
      name: 'array_join', args: withReplacement ? ['array(T)', 'varchar', 'varchar'] : ['array(T)', 'varchar'], returns: 'varchar',
      description: 'Concatenates the elements of the given array using a delimiter and an optional string to replace nulls',
      specialize: (b, ctx) => {
        const toText = toVarcharFn(elementType(b), ctx);
        return (a, d, r) => {
          const parts: string[] = [];
          for (const v of arr(a)) {
            if (v === null) {
              if (withReplacement) parts.push(r as string);
            } else parts.push(toText(v));
          }
          return parts.join(d as string);
        };
      },
    }));
  }
  for (const [name, sign] of [['array_max', 1], ['array_min', -1]] as const) {
    add(scalarFunction({
      name, args: ['array(T)'], returns: 'T', orderable: ['T'], description: `Get ${sign > 0 ? 'maximum' : 'minimum'} value of array`,
      specialize: (b) => {
        const t = elementType(b);
        return (a) => {
          const values = arr(a);
          if (values.length === 0) return null;
          let best: SqlValue = values[0]!;
          for (const v of values) {
            if (v === null) return null;
            if ((t.kind === 'double' || t.kind === 'real') && Number.isNaN(v)) return NaN;
            if (compareValues(t, v, best) * sign > 0) best = v;
          }
          return best;
        };
      },
    }));
  }
  add(
    scalarFunction({
      name: 'array_position', args: ['array(T)', 'T'], returns: 'bigint', comparable: ['T'], description: 'Returns the position of the first occurrence of the given value in array (or 0 if not found)',
      specialize: (b) => {
        const t = elementType(b);
        return (a, x) => {
          const values = arr(a);
          for (let i = 0; i < values.length; i++) if (values[i] !== null && sqlEquals(t, values[i]!, x) === true) return i + 1;
          return 0;
        };
      },
    }),
    scalarFunction({
      name: 'array_position', args: ['array(T)', 'T', 'bigint'], returns: 'bigint', comparable: ['T'], description: 'Returns the position of the n-th occurrence of the given value in array (or 0 if not found)',
      specialize: (b) => {
        const t = elementType(b);
        return (a, x, n) => {
          const instance = Number(n);
          if (instance === 0) throw invalidArgument('0 is an invalid instance position for array_position.');
          const values = arr(a);
          let count = 0;
          if (instance > 0) {
            for (let i = 0; i < values.length; i++) if (values[i] !== null && sqlEquals(t, values[i]!, x) === true && ++count === instance) return i + 1;
          } else {
            for (let i = values.length - 1; i >= 0; i--) if (values[i] !== null && sqlEquals(t, values[i]!, x) === true && ++count === -instance) return i + 1;
          }
          return 0;
        };
      },
    }),
    scalarFunction({
      name: 'array_remove', args: ['array(E)', 'E'], returns: 'array(E)', comparable: ['E'], description: 'Remove specified values from the given array',
      specialize: (b) => {
        const t = elementType(b);
        return (a, x) => {
          const out: SqlValue[] = [];
          for (const v of arr(a)) {
            if (v === null) {
              out.push(v);
              continue;
            }
            const eq = sqlEquals(t, v, x);
            if (eq === null) return null;
            if (!eq) out.push(v);
          }
          return out;
        };
      },
    }),
    scalarFunction({
      name: 'array_sort', args: ['array(E)'], returns: 'array(E)', orderable: ['E'], description: 'Sorts the given array in ascending order according to the natural ordering of its elements.',
      specialize: (b) => {
        const t = elementType(b);
        return (a) => [...arr(a)].sort((x, y) => (x === null ? (y === null ? 0 : 1) : y === null ? -1 : compareValues(t, x, y)));
      },
    }),
    scalarFunction({
      name: 'array_sort_desc', args: ['array(E)'], returns: 'array(E)', orderable: ['E'], description: 'Sorts the given array in descending order according to the natural ordering of its elements',
      specialize: (b) => {
        const t = elementType(b);
        return (a) => [...arr(a)].sort((x, y) => (x === null ? (y === null ? 0 : 1) : y === null ? -1 : compareValues(t, y, x)));
      },
    }),
    scalarFunction({
      name: 'array_sort', args: ['array(T)', 'function(T,T,integer)'], returns: 'array(T)', description: 'Sorts the given array with a lambda comparator.',
      impl: (a, f) => {
        const cmp = fn(f);
        return [...arr(a)].sort((x, y) => {
          const r = cmp(x, y);
          if (r === null) throw invalidArgument('Lambda comparator must return either -1, 0, or 1');
          return Number(r);
        });
      },
    }),
    scalarFunction({
      name: 'arrays_overlap', args: ['array(E)', 'array(E)'], returns: 'boolean', comparable: ['E'], description: 'Returns true if arrays have common elements',
      specialize: (b) => {
        const t = elementType(b);
        return (x, y) => {
          const set = new DistinctSet(t);
          let sawNull = false;
          for (const v of arr(x)) {
            if (v === null) sawNull = true;
            else set.add(v);
          }
          for (const v of arr(y)) {
            if (v === null) sawNull = true;
            else if (set.has(v)) return true;
          }
          return sawNull ? null : false;
        };
      },
    }),
    scalarFunction({ name: 'cardinality', args: ['array(E)'], returns: 'bigint', description: 'Returns the cardinality (length) of the array', impl: (a) => arr(a).length }),
    scalarFunction({ name: 'combinations', args: ['array(T)', 'integer'], returns: 'array(array(T))', description: 'Return n-element subsets from array', impl: (a, n) => combinations(arr(a), Number(n)) }),
    scalarFunction({
      name: 'concat', args: ['array(E)'], variadic: 'same', minArguments: 1, returns: 'array(E)', description: 'Concatenates given arrays',
      nullOnNullInput: false,
      impl: (...arrays) => {
        if (arrays.length < 2) throw invalidArgument('There must be two or more concatenation arguments');
        const out: SqlValue[] = [];
        for (const a of arrays) {
          if (a === null) return null;
          out.push(...arr(a));
        }
        return out;
      },
    }),
    scalarFunction({ name: 'concat', args: ['array(E)', 'E'], returns: 'array(E)', nullOnNullInput: false, description: 'Concatenates an array to an element', impl: (a, e) => (a === null ? null : [...arr(a), e]) }),
    scalarFunction({ name: 'concat', args: ['E', 'array(E)'], returns: 'array(E)', nullOnNullInput: false, description: 'Concatenates an element to an array', impl: (e, a) => (a === null ? null : [e, ...arr(a)]) }),
    scalarFunction({
      name: 'contains', args: ['array(T)', 'T'], returns: 'boolean', comparable: ['T'], description: 'Determines whether given value exists in the array',
      specialize: (b) => {
        const t = elementType(b);
        return (a, x) => {
          let sawNull = false;
          for (const v of arr(a)) {
            if (v === null) {
              sawNull = true;
              continue;
            }
            const eq = sqlEquals(t, v, x);
            if (eq === true) return true;
            if (eq === null) sawNull = true;
          }
          return sawNull ? null : false;
        };
      },
    }),
    scalarFunction({
      name: 'contains_sequence', args: ['array(T)', 'array(T)'], returns: 'boolean', comparable: ['T'], description: 'Determines whether an array contains a sequence, with the values in the exact order',
      specialize: (b) => {
        const t = elementType(b);
        return (a, s) => {
          const x = arr(a);
          const y = arr(s);
          for (let i = 0; i + y.length <= x.length; i++) {
            let ok = true;
            for (let j = 0; j < y.length && ok; j++) ok = valuesEqual(t, x[i + j]!, y[j]!);
            if (ok) return true;
          }
          return false;
        };
      },
    }),
    scalarFunction({
      name: 'element_at', args: ['array(E)', 'bigint'], returns: 'E', description: 'Get element of array at given index',
      impl: (a, i) => {
        const values = arr(a);
        const index = Number(i);
        if (index === 0) throw invalidArgument('SQL array indices start at 1');
        const k = index > 0 ? index - 1 : values.length + index;
        return k >= 0 && k < values.length ? values[k]! : null;
      },
    }),
    scalarFunction({ name: 'filter', args: ['array(T)', 'function(T,boolean)'], returns: 'array(T)', description: 'Return array containing elements that match the given predicate', impl: (a, f) => arr(a).filter((v) => fn(f)(v) === true) }),
    scalarFunction({
      name: 'flatten', args: ['array(array(E))'], returns: 'array(E)', description: 'Flattens the given array',
      impl: (a) => {
        const out: SqlValue[] = [];
        for (const inner of arr(a)) if (inner !== null) out.push(...arr(inner));
        return out;
      },
    }),
    scalarFunction({
      name: 'ngrams', args: ['array(T)', 'integer'], returns: 'array(array(T))', description: 'Return N-grams for the input',
      impl: (a, n) => {
        const size = Number(n);
        if (size <= 0) throw invalidArgument('N must be positive');
        const values = arr(a);
        if (values.length <= size) return [values];
        const out: SqlValue[] = [];
        for (let i = 0; i + size <= values.length; i++) out.push(values.slice(i, i + size));
        return out;
      },
    }),
    scalarFunction({
      name: 'reduce', args: ['array(T)', 'S', 'function(S,T,S)', 'function(S,R)'], returns: 'R', nullOnNullInput: false,
      description: 'Reduce elements of the array into a single value',
      impl: (a, initial, f, out) => {
        if (a === null) return null;
        let state = initial;
        const step = fn(f);
        for (const v of arr(a)) state = step(state, v);
        return fn(out)(state);
      },
    }),
    scalarFunction({
      name: 'repeat', args: ['T', 'integer'], returns: 'array(T)', nullOnNullInput: false, description: 'Repeat an element for a given number of times',
      impl: (e, n) => {
        if (n === null) return null;
        const count = Number(n);
        if (count < 0) throw invalidArgument('count argument of repeat function must be greater than or equal to 0');
        if (count > MAX_SEQUENCE) throw invalidArgument(`count argument of repeat function must be less than or equal to ${MAX_SEQUENCE}`);
        return new Array<SqlValue>(count).fill(e);
      },
    }),
    scalarFunction({ name: 'reverse', args: ['array(E)'], returns: 'array(E)', description: 'Returns an array which has the reversed order of the given array', impl: (a) => [...arr(a)].reverse() }),
    scalarFunction({ name: 'sequence', args: ['bigint', 'bigint'], returns: 'array(bigint)', description: 'Sequence function to generate synthetic arrays', impl: (a, b) => numericSequence(a as number, b as number, BigInt(a as number) <= BigInt(b as number) ? 1 : -1) }),
    scalarFunction({ name: 'sequence', args: ['bigint', 'bigint', 'bigint'], returns: 'array(bigint)', description: 'Sequence function to generate synthetic arrays', impl: (a, b, s) => numericSequence(a as number, b as number, s as number) }),
    scalarFunction({
      name: 'sequence', args: ['date', 'date'], returns: 'array(date)', description: 'Sequence of dates',
      impl: (a, b) => numericSequence(a as number, b as number, (a as number) <= (b as number) ? 1 : -1),
    }),
    scalarFunction({
      name: 'sequence', args: ['date', 'date', 'interval_ds'], returns: 'array(date)', description: 'Sequence of dates with a day-to-second step',
      impl: (a, b, s) => {
        const step = s as number;
        if (step % MILLIS_PER_DAY !== 0) throw invalidArgument('sequence step must be a day interval if start and end values are dates');
        return numericSequence(a as number, b as number, step / MILLIS_PER_DAY);
      },
    }),
    scalarFunction({
      name: 'sequence', args: ['date', 'date', 'interval_ym'], returns: 'array(date)', description: 'Sequence of dates with a month step',
      impl: (a, b, s) => monthSequence(a as number, b as number, s as number, (d, m) => addMonthsToDays(d, m)),
    }),
    scalarFunction({
      name: 'sequence', args: ['timestamp(p)', 'timestamp(p)', 'interval_ds'], returns: 'array(timestamp(p))', description: 'Sequence of timestamps',
      specialize: (b) => {
        const p = (b.argumentTypes[0] as { precision: number }).precision;
        return (a, c, s) => {
          const start = timestampParts(a).epochMillis;
          const stop = timestampParts(c).epochMillis;
          return numericSequence(start, stop, s as number).map((ms) => timestampValue(ms as number, 0, p));
        };
      },
    }),
    scalarFunction({
      name: 'sequence', args: ['timestamp(p)', 'timestamp(p)', 'interval_ym'], returns: 'array(timestamp(p))', description: 'Sequence of timestamps with a month step',
      specialize: (b) => {
        const p = (b.argumentTypes[0] as { precision: number }).precision;
        return (a, c, s) => monthSequence(timestampParts(a).epochMillis, timestampParts(c).epochMillis, s as number, addMonthsToLocalMillis).map((ms) => timestampValue(ms as number, 0, p));
      },
    }),
    scalarFunction({
      name: 'shuffle', args: ['array(E)'], returns: 'array(E)', deterministic: false, description: 'Generates a random permutation of the given array',
      impl: (a) => {
        const out = [...arr(a)];
        for (let i = out.length - 1; i > 0; i--) {
          const j = Math.floor(Math.random() * (i + 1));
          [out[i], out[j]] = [out[j]!, out[i]!];
        }
        return out;
      },
    }),
    scalarFunction({
      name: 'slice', args: ['array(E)', 'bigint', 'bigint'], returns: 'array(E)', description: 'Subsets an array given an offset (1-indexed) and length',
      impl: (a, s, l) => {
        const values = arr(a);
        const start = Number(s);
        const length = Number(l);
        if (length < 0) throw invalidArgument(`length must be greater than or equal to 0`);
        if (start === 0) throw invalidArgument('SQL array indices start at 1');
        const from = start > 0 ? start - 1 : values.length + start;
        if (from < 0 || from >= values.length) return [];
        return values.slice(from, from + length);
      },
    }),
    scalarFunction({ name: 'transform', args: ['array(T)', 'function(T,U)'], returns: 'array(U)', description: 'Apply lambda to each element of the array', impl: (a, f) => arr(a).map((v) => fn(f)(v)) }),
    scalarFunction({
      name: 'trim_array', args: ['array(E)', 'bigint'], returns: 'array(E)', description: 'Remove elements from the end of array',
      impl: (a, n) => {
        const values = arr(a);
        const k = Number(n);
        if (k < 0 || k > values.length) throw invalidArgument(`size must not be negative or greater than the cardinality of the array: ${k}`);
        return values.slice(0, values.length - k);
      },
    }),
    scalarFunction({
      name: 'zip', args: ['array(T)'], variadic: 'any', minArguments: 2, returnText: 'array(row(T...))', description: 'Merges the given arrays, element-wise, into a single array of rows.',
      returns: (b) => arrayType(rowType(b.argumentTypes.map((t, i) => ({ name: `field${i}`, type: (t as { elementType: SqlType }).elementType })))),
      impl: (...arrays) => {
        const lists = arrays.map(arr);
        const n = Math.max(...lists.map((l) => l.length));
        const out: SqlValue[] = [];
        for (let i = 0; i < n; i++) out.push(lists.map((l) => (i < l.length ? l[i]! : null)));
        return out;
      },
    }),
    scalarFunction({
      name: 'zip_with', args: ['array(T)', 'array(U)', 'function(T,U,R)'], returns: 'array(R)', description: 'Merge two arrays, element-wise, into a single array using the lambda function',
      impl: (a, b, f) => {
        const x = arr(a);
        const y = arr(b);
        const n = Math.max(x.length, y.length);
        const out: SqlValue[] = [];
        for (let i = 0; i < n; i++) out.push(fn(f)(i < x.length ? x[i]! : null, i < y.length ? y[i]! : null));
        return out;
      },
    }),
    scalarFunction({ name: 'array_first', args: ['array(E)'], returns: 'E', description: 'Returns the first element of the array', impl: (a) => (arr(a).length === 0 ? null : arr(a)[0]!) }),
    scalarFunction({ name: 'array_last', args: ['array(E)'], returns: 'E', description: 'Returns the last element of the array', impl: (a) => (arr(a).length === 0 ? null : arr(a)[arr(a).length - 1]!) }),
  );
  return defs;
}

function monthSequence(start: number, stop: number, step: number, addMonths: (v: number, months: number) => number): SqlValue[] {
  if (step === 0) throw invalidArgument('step must not be zero');
  if ((step > 0 && start > stop) || (step < 0 && start < stop)) throw invalidArgument('sequence stop value should be greater than or equal to start value if step is greater than zero otherwise stop should be less than or equal to start');
  const out: SqlValue[] = [];
  for (let i = 0; ; i++) {
    const v = addMonths(start, i * step);
    if (step > 0 ? v > stop : v < stop) break;
    out.push(v);
    checkSequenceLength(out.length);
  }
  return out;
}

export { BIGINT, INTERVAL_DAY_TO_SECOND };
