import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { SqlType, SqlValue } from '@petrel/spi';
import { typeDisplayName, sqlMap } from '@petrel/spi';
import type { ArgumentInfo } from '../function-registry.js';
import { value as v, call, assertTrinoError, registry, context, t } from '../testing/function-assertions.js';

const AI = 'array(integer)';

/** Resolves with lambda arguments (body type given as a function of the inferred parameter types) and invokes. */
function withLambdas(name: string, args: readonly (string | { body: (types: readonly SqlType[]) => string })[], ...values: SqlValue[]): { value: SqlValue; type: string; parameterTypes: string[][] } {
  const parameterTypes: string[][] = [];
  const infos: ArgumentInfo[] = args.map((a, i) =>
    typeof a === 'string'
      ? { kind: 'value', type: t(a) }
      : {
          kind: 'lambda',
          arity: (values[i] as (...x: SqlValue[]) => SqlValue).length,
          analyzeBody: (types) => {
            parameterTypes.push(types.map(typeDisplayName));
            return t(a.body(types));
          },
        },
  );
  const fn = registry.resolveFunction(name, infos);
  const impl = registry.getScalarImplementation(fn, context);
  return { value: impl(...values), type: typeDisplayName(fn.returnType), parameterTypes };
}

describe('array functions', () => {
  it('match functions with three-valued logic', () => {
    const r = withLambdas('all_match', [AI, { body: () => 'boolean' }], [1, 2], (x: SqlValue) => (x as number) > 0);
    assert.equal(r.value, true);
    assert.deepEqual(r.parameterTypes[0], ['integer']);
    assert.equal(withLambdas('any_match', [AI, { body: () => 'boolean' }], [1, null], (x: SqlValue) => (x === null ? null : (x as number) > 5)).value, null);
    assert.equal(withLambdas('none_match', [AI, { body: () => 'boolean' }], [1, 2], (x: SqlValue) => (x as number) > 5).value, true);
  });
  it('set operations', () => {
    assert.deepEqual(v('array_distinct', [AI], [1, 2, 1, null, null]), [1, 2, null]);
    assert.deepEqual(v('array_except', [AI, AI], [1, 2, 3, 2], [2]), [1, 3]);
    assert.deepEqual(v('array_intersect', [AI, AI], [1, 2, 3, 2], [2, 3, 4]), [2, 3]);
    assert.deepEqual(v('array_union', [AI, 'array(bigint)'], [1, 2], [2, 3]), [1, 2, 3]);
    assert.equal(call('array_union', [AI, 'array(bigint)'], [1], [2]).type, 'array(bigint)');
    assert.equal(v('arrays_overlap', [AI, AI], [1, 2], [2, 3]), true);
    assert.equal(v('arrays_overlap', [AI, AI], [1, null], [3]), null);
    assert.deepEqual(v('array_distinct', ['array(array(integer))'], [[1], [1], [2]]), [[1], [2]]);
  });
  it('array_join, array_max, array_min, positions', () => {
    assert.equal(v('array_join', [AI, 'varchar'], [1, null, 3], ','), '1,3');
    assert.equal(v('array_join', [AI, 'varchar', 'varchar'], [1, null, 3], ',', 'x'), '1,x,3');
    assert.equal(v('array_join', ['array(double)', 'varchar'], [1.5, 2], ' '), '1.5 2.0');
    assert.equal(v('array_max', [AI], [1, 5, 3]), 5);
    assert.equal(v('array_min', [AI], [1, null]), null);
    assert.equal(v('array_position', [AI, 'integer'], [5, 6, 5], 5), 1);
    assert.equal(v('array_position', [AI, 'integer', 'bigint'], [5, 6, 5], 5, 2), 3);
    assert.equal(v('array_position', [AI, 'integer', 'bigint'], [5, 6, 5], 5, -1), 3);
    assert.deepEqual(v('array_remove', [AI, 'integer'], [1, 2, 1], 1), [2]);
  });
  it('sorting', () => {
    assert.deepEqual(v('array_sort', [AI], [3, null, 1, 2]), [1, 2, 3, null]);
    assert.deepEqual(v('array_sort', ['array(varchar)'], ['b', 'a']), ['a', 'b']);
    const r = withLambdas('array_sort', [AI, { body: () => 'integer' }], [3, 1, 2], (x: SqlValue, y: SqlValue) => ((x as number) < (y as number) ? 1 : (x as number) > (y as number) ? -1 : 0));
    assert.deepEqual(r.value, [3, 2, 1]);
    assert.deepEqual(r.parameterTypes[0], ['integer', 'integer']);
  });
  it('element access and shapes', () => {
    assert.equal(v('cardinality', [AI], [1, 2]), 2);
    assert.equal(v('element_at', [AI, 'bigint'], [1, 2, 3], -1), 3);
    assert.equal(v('element_at', [AI, 'bigint'], [1, 2, 3], 5), null);
    assertTrinoError(() => v('element_at', [AI, 'bigint'], [1], 0), 'INVALID_FUNCTION_ARGUMENT', 'SQL array indices start at 1');
    assert.deepEqual(v('flatten', ['array(array(integer))'], [[1, 2], [3]]), [1, 2, 3]);
    assert.deepEqual(v('slice', [AI, 'bigint', 'bigint'], [1, 2, 3, 4], 2, 2), [2, 3]);
    assert.deepEqual(v('slice', [AI, 'bigint', 'bigint'], [1, 2, 3, 4], -2, 5), [3, 4]);
    assert.deepEqual(v('reverse', [AI], [1, 2]), [2, 1]);
    assert.deepEqual(v('trim_array', [AI, 'bigint'], [1, 2, 3], 2), [1]);
    assert.deepEqual(v('repeat', ['varchar', 'integer'], 'a', 3), ['a', 'a', 'a']);
    assert.deepEqual(v('combinations', [AI, 'integer'], [1, 2, 3], 2), [[1, 2], [1, 3], [2, 3]]);
    assert.deepEqual(v('ngrams', ['array(varchar)', 'integer'], ['a', 'b', 'c'], 2), [['a', 'b'], ['b', 'c']]);
    assert.equal(v('contains', [AI, 'integer'], [1, 2], 2), true);
    assert.equal(v('contains', [AI, 'integer'], [1, null], 3), null);
    assert.equal(v('contains_sequence', [AI, AI], [1, 2, 3], [2, 3]), true);
    assert.deepEqual(v('concat', [AI, AI], [1], [2, 3]), [1, 2, 3]);
    assert.deepEqual(v('concat', [AI, 'integer'], [1], 2), [1, 2]);
  });
  it('sequence', () => {
    assert.deepEqual(v('sequence', ['bigint', 'bigint'], 1, 5), [1, 2, 3, 4, 5]);
    assert.deepEqual(v('sequence', ['bigint', 'bigint'], 3, 1), [3, 2, 1]);
    assert.deepEqual(v('sequence', ['bigint', 'bigint', 'bigint'], 1, 10, 4), [1, 5, 9]);
    assertTrinoError(() => v('sequence', ['bigint', 'bigint'], 1, 20000), 'INVALID_FUNCTION_ARGUMENT', 'result of sequence function must not have more than 10000 entries');
    assert.deepEqual(v('sequence', ['date', 'date', 'interval year to month'], 0, 59, 1), [0, 31, 59]);
  });
  it('lambdas: transform, filter, reduce, zip_with', () => {
    const tr = withLambdas('transform', [AI, { body: () => 'varchar' }], [1, 2], (x: SqlValue) => String(x));
    assert.deepEqual(tr.value, ['1', '2']);
    assert.equal(tr.type, 'array(varchar)');
    assert.deepEqual(withLambdas('filter', [AI, { body: () => 'boolean' }], [1, 2, 3], (x: SqlValue) => (x as number) % 2 === 1).value, [1, 3]);
    const red = withLambdas('reduce', [AI, 'integer', { body: (ts) => typeDisplayName(ts[0]!) }, { body: (ts) => typeDisplayName(ts[0]!) }],
      [5, 20, 50], 0, (s: SqlValue, x: SqlValue) => (s as number) + (x as number), (s: SqlValue) => s);
    assert.equal(red.value, 75);
    assert.equal(red.type, 'integer');
    const zw = withLambdas('zip_with', [AI, 'array(varchar)', { body: () => 'varchar' }], [1, 2], ['a'], (x: SqlValue, y: SqlValue) => `${x}${y}`);
    assert.deepEqual(zw.value, ['1a', '2null']);
  });
  it('zip', () => {
    const r = call('zip', [AI, 'array(varchar)'], [1, 2], ['a']);
    assert.deepEqual(r.value, [[1, 'a'], [2, null]]);
    assert.equal(r.type, 'array(row(field0 integer, field1 varchar))');
  });
});

describe('map functions', () => {
  const m = sqlMap(['a', 'b'], [1, 2]);
  const MT = 'map(varchar, integer)';
  it('constructs maps', () => {
    assert.deepEqual(v('map', ['array(varchar)', AI], ['a', 'b'], [1, 2]), m);
    assertTrinoError(() => v('map', ['array(varchar)', AI], ['a', 'a'], [1, 2]), 'INVALID_FUNCTION_ARGUMENT', 'Duplicate map keys (a) are not allowed');
    assertTrinoError(() => v('map', ['array(varchar)', AI], ['a'], [1, 2]), 'INVALID_FUNCTION_ARGUMENT', 'Key and value arrays must be the same length');
    assert.equal(call('map', []).type, 'map(unknown, unknown)');
    assert.deepEqual(v('map_from_entries', ['array(row(varchar, integer))'], [['a', 1], ['b', 2]]), m);
    assert.deepEqual(v('multimap_from_entries', ['array(row(varchar, integer))'], [['a', 1], ['a', 2]]), sqlMap(['a'], [[1, 2]]));
  });
  it('reads maps', () => {
    assert.equal(v('cardinality', [MT], m), 2);
    assert.equal(v('element_at', [MT, 'varchar'], m, 'b'), 2);
    assert.equal(v('element_at', [MT, 'varchar'], m, 'z'), null);
    assert.deepEqual(v('map_keys', [MT], m), ['a', 'b']);
    assert.deepEqual(v('map_values', [MT], m), [1, 2]);
    assert.deepEqual(v('map_entries', [MT], m), [['a', 1], ['b', 2]]);
    assert.deepEqual(v('map_concat', [MT, MT], m, sqlMap(['b', 'c'], [20, 30])), sqlMap(['a', 'b', 'c'], [1, 20, 30]));
  });
  it('lambdas over maps', () => {
    assert.deepEqual(withLambdas('map_filter', [MT, { body: () => 'boolean' }], m, (_k: SqlValue, x: SqlValue) => (x as number) > 1).value, sqlMap(['b'], [2]));
    const tk = withLambdas('transform_keys', [MT, { body: () => 'varchar' }], m, (k: SqlValue, _x: SqlValue) => (k as string).toUpperCase());
    assert.deepEqual(tk.value, sqlMap(['A', 'B'], [1, 2]));
    assert.deepEqual(tk.parameterTypes[0], ['varchar', 'integer']);
    assertTrinoError(() => withLambdas('transform_keys', [MT, { body: () => 'varchar' }], m, (_k: SqlValue, _x: SqlValue) => 'x'), 'INVALID_FUNCTION_ARGUMENT', 'Duplicate keys (x) are not allowed');
    const tv = withLambdas('transform_values', [MT, { body: () => 'double' }], m, (_k: SqlValue, x: SqlValue) => (x as number) * 1.5);
    assert.equal(tv.type, 'map(varchar, double)');
    const zw = withLambdas('map_zip_with', [MT, MT, { body: () => 'integer' }], m, sqlMap(['b', 'c'], [10, 20]),
      (_k: SqlValue, x: SqlValue, y: SqlValue) => ((x as number | null) ?? 0) + ((y as number | null) ?? 0));
    assert.deepEqual(zw.value, sqlMap(['a', 'b', 'c'], [1, 12, 20]));
  });
});
