import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { SqlValue } from '@petrel/spi';
import { BIGINT, DOUBLE, float64Block, getValue, objectBlock, sqlMap } from '@petrel/spi';
import { createFunctionRegistry } from '../create-function-registry.js';
import { aggregate, assertTrinoError, context, value } from '../testing/function-assertions.js';

const close = (a: unknown, b: number, eps = 1e-9) => assert.ok(Math.abs((a as number) - b) < eps, `${String(a)} != ${b}`);

describe('statistical aggregates', () => {
  const xs = [[2], [4], [4], [4], [5], [5], [7], [9]];
  it('variance and standard deviation', () => {
    close(aggregate('var_pop', ['double'], xs)[0], 4);
    close(aggregate('stddev_pop', ['double'], xs)[0], 2);
    close(aggregate('var_samp', ['double'], xs)[0], 32 / 7);
    close(aggregate('variance', ['bigint'], xs)[0], 32 / 7);
    close(aggregate('stddev', ['double'], xs)[0], Math.sqrt(32 / 7));
    assert.deepEqual(aggregate('var_samp', ['double'], [[1]]), [null]);
    assert.deepEqual(aggregate('stddev_pop', ['double'], []), [null]);
  });
  it('skewness and kurtosis', () => {
    const data = [[1], [2], [3], [10]];
    close(aggregate('skewness', ['double'], data)[0], 1.0182337649086284, 1e-9);
    close(aggregate('kurtosis', ['double'], [[1], [2], [3], [4], [20]])[0], 4.60608, 1e-6);
    assert.deepEqual(aggregate('kurtosis', ['double'], [[1], [2], [3]]), [null]);
  });
  it('covariance, correlation and regression', () => {
    const pairs = [[1, 2], [2, 4], [3, 6], [4, 8.5]];
    close(aggregate('corr', ['double', 'double'], pairs)[0], 0.99838143945703, 1e-9);
    close(aggregate('covar_pop', ['double', 'double'], [[1, 1], [2, 2], [3, 3]])[0], 2 / 3);
    close(aggregate('covar_samp', ['double', 'double'], [[1, 1], [2, 2], [3, 3]])[0], 1);
    close(aggregate('regr_slope', ['double', 'double'], [[3, 1], [5, 2], [7, 3]])[0], 2);
    close(aggregate('regr_intercept', ['double', 'double'], [[3, 1], [5, 2], [7, 3]])[0], 1);
    assert.deepEqual(aggregate('corr', ['double', 'double'], [[1, null], [null, 2]]), [null]);
  });
  it('geometric_mean', () => {
    close(aggregate('geometric_mean', ['double'], [[1], [4], [16]])[0], 4);
  });
});

describe('collecting aggregates', () => {
  it('approx_distinct and approx_percentile', () => {
    assert.deepEqual(aggregate('approx_distinct', ['varchar'], [['a'], ['b'], ['a'], [null]]), [2]);
    assert.deepEqual(aggregate('approx_distinct', ['bigint'], []), [0]);
    assert.deepEqual(aggregate('approx_percentile', ['bigint', 'double'], [[1, 0.5], [2, 0.5], [3, 0.5], [4, 0.5], [5, 0.5]]), [3]);
    assert.deepEqual(aggregate('approx_percentile', ['double', 'array(double)'], [[1, [0, 1]], [9, [0, 1]], [5, [0, 1]]]), [[1, 9]]);
    assertTrinoError(() => aggregate('approx_percentile', ['double', 'double'], [[1, 2]]), 'INVALID_FUNCTION_ARGUMENT', 'Percentile must be between 0 and 1');
  });
  it('histogram, map_agg, multimap_agg, map_union', () => {
    assert.deepEqual(aggregate('histogram', ['varchar'], [['a'], ['b'], ['a']]), [sqlMap(['a', 'b'], [2, 1])]);
    assert.deepEqual(aggregate('map_agg', ['varchar', 'integer'], [['a', 1], ['b', 2], [null, 3]]), [sqlMap(['a', 'b'], [1, 2])]);
    assert.deepEqual(aggregate('multimap_agg', ['varchar', 'integer'], [['a', 1], ['b', 2], ['a', 3]]), [sqlMap(['a', 'b'], [[1, 3], [2]])]);
    assert.deepEqual(aggregate('map_union', ['map(varchar, integer)'], [[sqlMap(['a'], [1])], [sqlMap(['b'], [2])]]), [sqlMap(['a', 'b'], [1, 2])]);
    assert.deepEqual(aggregate('histogram', ['varchar'], []), [null]);
  });
  it('max_by, min_by and top-n', () => {
    assert.deepEqual(aggregate('max_by', ['varchar', 'integer'], [['a', 1], ['b', 3], ['c', 2], ['d', null]]), ['b']);
    assert.deepEqual(aggregate('min_by', ['varchar', 'integer'], [['a', 1], ['b', 3], ['c', 2]]), ['a']);
    assert.deepEqual(aggregate('max_by', ['varchar', 'integer', 'bigint'], [['a', 1, 2], ['b', 3, 2], ['c', 2, 2]]), [['b', 'c']]);
    assert.deepEqual(aggregate('max', ['integer', 'bigint'], [[5, 2], [1, 2], [9, 2], [null, 2]]), [[9, 5]]);
    assert.deepEqual(aggregate('min', ['integer', 'bigint'], [[5, 2], [1, 2], [9, 2]]), [[1, 5]]);
    assert.deepEqual(aggregate('max_by', ['varchar', 'integer'], [['a', 1], ['b', 3]], [0, 1]), ['a', 'b']);
  });
  it('bitwise aggregates, listagg, checksum, approx_most_frequent', () => {
    assert.deepEqual(aggregate('bitwise_and_agg', ['bigint'], [[7], [3]]), [3]);
    assert.deepEqual(aggregate('bitwise_or_agg', ['bigint'], [[4], [1]]), [5]);
    assert.deepEqual(aggregate('bitwise_xor_agg', ['bigint'], [[5], [1]]), [4]);
    assert.deepEqual(aggregate('listagg', ['varchar', 'varchar'], [['a', ','], ['b', ','], [null, ','], ['c', ',']]), ['a,b,c']);
    const c1 = aggregate('checksum', ['integer'], [[1], [2], [null]])[0];
    const c2 = aggregate('checksum', ['integer'], [[null], [2], [1]])[0];
    assert.deepEqual(c1, c2);
    assert.deepEqual(aggregate('checksum', ['integer'], []), [null]);
    assert.deepEqual(aggregate('approx_most_frequent', ['bigint', 'varchar', 'bigint'], [[2, 'a', 10], [2, 'b', 10], [2, 'a', 10], [2, 'c', 10], [2, 'a', 10], [2, 'c', 10]]), [sqlMap(['a', 'c'], [3, 2])]);
  });
  it('HyperLogLog sketches', () => {
    const sketch = aggregate('approx_set', ['varchar'], [['a'], ['b'], ['a'], [null]])[0]!;
    assert.equal(value('cardinality', ['HyperLogLog'], sketch), 2);
    const merged = aggregate('merge', ['HyperLogLog'], [[sketch], [aggregate('approx_set', ['varchar'], [['c']])[0]!]])[0]!;
    assert.equal(value('cardinality', ['HyperLogLog'], merged), 3);
    assert.equal(value('cardinality', ['HyperLogLog'], value('empty_approx_set', [])), 0);
  });
  it('t-digests and numeric histograms', () => {
    const d = aggregate('tdigest_agg', ['double'], [[1], [2], [3], [4], [5]])[0]!;
    assert.equal(value('value_at_quantile', ['tdigest', 'double'], d, 0.5), 3);
    assert.deepEqual(value('values_at_quantiles', ['tdigest', 'array(double)'], d, [0, 1]), [1, 5]);
    const q = aggregate('qdigest_agg', ['bigint'], [[1], [2], [3], [4], [5], [null]])[0]!;
    assert.equal(value('value_at_quantile', ['qdigest(bigint)', 'double'], q, 0.5), 3);
    assert.deepEqual(value('values_at_quantiles', ['qdigest(bigint)', 'array(double)'], q, [0.2, 1]), [1, 5]);
    assert.equal(value('quantile_at_value', ['qdigest(bigint)', 'bigint'], q, 2), 0.4);
    const h = aggregate('numeric_histogram', ['bigint', 'double'], [[2, 1], [2, 2], [2, 10], [2, 11]])[0];
    assert.deepEqual(h, sqlMap([1.5, 10.5], [2, 2]));
  });
});

describe('sums of doubles do not depend on row order', () => {
  // Plain left-to-right addition gives 0, 1 or 2 for these depending on order; compensated
  // summation gives the exact sum, 2, for every order, and partial states carry their
  // compensation, so splitting the rows over partial aggregations (parallel drivers, cluster
  // tasks) does not change the result either.
  const orders = [
    [1e16, 1, -1e16, 1],
    [1, 1e16, 1, -1e16],
    [1, 1, 1e16, -1e16],
    [-1e16, 1, 1e16, 1],
  ];
  const registry = createFunctionRegistry();
  function accumulate(name: string, values: readonly number[]): SqlValue {
    const fn = registry.resolveFunction(name, [{ kind: 'value', type: DOUBLE }]);
    const accumulator = registry.getAggregateImplementation(fn, context).createAccumulator();
    accumulator.addInput(new Int32Array(values.length), 1, [float64Block(Float64Array.from(values))], values.length);
    return getValue(accumulator.getFinal(1), 0);
  }
  it('sum(double)', () => {
    for (const values of orders) assert.equal(accumulate('sum', values), 2);
  });
  it('avg(double)', () => {
    for (const values of orders) assert.equal(accumulate('avg', values), 0.5);
  });
  /** Partial aggregations over `parts`, merged by a final one. */
  function accumulateInParts(name: string, parts: readonly (readonly number[])[]): SqlValue {
    const fn = registry.resolveFunction(name, [{ kind: 'value', type: DOUBLE }]);
    const implementation = registry.getAggregateImplementation(fn, context);
    const final = implementation.createAccumulator();
    for (const part of parts) {
      const partial = implementation.createAccumulator();
      partial.addInput(new Int32Array(part.length), 1, [float64Block(Float64Array.from(part))], part.length);
      final.addIntermediate(new Int32Array(1), 1, partial.getIntermediate(1), 1);
    }
    return getValue(final.getFinal(1), 0);
  }
  it('sum(double) and avg(double) split over partial aggregations', () => {
    for (const values of orders) {
      for (let cut = 0; cut <= values.length; cut++) {
        const parts = [values.slice(0, cut), values.slice(cut)];
        assert.equal(accumulateInParts('sum', parts), 2, `${values} cut at ${cut}`);
        assert.equal(accumulateInParts('avg', parts), 0.5, `${values} cut at ${cut}`);
      }
      assert.equal(accumulateInParts('sum', values.map((v) => [v])), 2);
    }
  });
});

describe('reduce_agg over partial and final steps', () => {
  const registry = createFunctionRegistry();
  const lambda = (arity: number) => ({ kind: 'lambda' as const, arity, analyzeBody: () => BIGINT });
  const fn = registry.resolveFunction('reduce_agg', [{ kind: 'value', type: BIGINT }, { kind: 'value', type: BIGINT }, lambda(2), lambda(2)]);
  const sum = (a: SqlValue, b: SqlValue): SqlValue => (a as number) + (b as number);
  const product = (a: SqlValue, b: SqlValue): SqlValue => (a as number) * (b as number);
  it('partial states are combined with the combine function', () => {
    // input function adds, combine function multiplies: two partials of one group give (1+2) * (3+4)
    const implementation = registry.getAggregateImplementation(fn, context, [sum, product]);
    const partials = [[1, 2], [3, 4]].map((values) => {
      const accumulator = implementation.createAccumulator();
      accumulator.addInput(new Int32Array(values.length), 1, [objectBlock(values), objectBlock(values.map(() => 0))], values.length);
      return accumulator.getIntermediate(1);
    });
    const final = implementation.createAccumulator();
    for (const p of partials) final.addIntermediate(new Int32Array(1), 1, p, 1);
    assert.equal(getValue(final.getFinal(1), 0), 21);
  });
  it('skips NULL inputs and gives NULL without rows', () => {
    const accumulator = registry.getAggregateImplementation(fn, context, [sum, sum]).createAccumulator();
    accumulator.addInput(new Int32Array([0, 0, 1]), 2, [objectBlock([5, null, null]), objectBlock([1, 1, 1])], 3);
    assert.deepEqual([getValue(accumulator.getFinal(2), 0), getValue(accumulator.getFinal(2), 1)], [6, null]);
  });
});
