import { after, describe, it } from 'node:test';
import { Engine } from '../../engine.js';
import assert from 'node:assert/strict';
import { useEngine, assertError, assertValue, rows, sharedEngine } from './sql-test-support.js';

useEngine(Engine.create());

after(async () => (await sharedEngine()).shutdown());

const T = '(VALUES (1, 10), (1, NULL), (2, 20), (2, 20), (3, NULL)) t(g, x)';

describe('aggregate functions through SQL', () => {
  it('NULLs, empty input, grouped and ungrouped', async () => {
    await assertValue(`SELECT count(*), count(x), sum(x), avg(x), min(x), max(x), typeof(sum(x)), typeof(avg(x)) FROM ${T}`, [[5, 3, 50, 50 / 3, 10, 20, 'bigint', 'double']]);
    await assertValue(`SELECT g, count(x), sum(x), array_agg(x ORDER BY x) FROM ${T} GROUP BY g ORDER BY g`, [[1, 1, 10, [10, null]], [2, 2, 40, [20, 20]], [3, 0, null, [null]]]);
    await assertValue(`SELECT count(*), count(x), sum(x), max(x), bool_and(x > 0), array_agg(x), approx_distinct(x) FROM ${T} WHERE g > 10`, [[0, 0, null, null, null, null, 0]]);
    await assertValue(`SELECT count(DISTINCT x), sum(DISTINCT x), array_agg(DISTINCT x ORDER BY x) FROM ${T}`, [[2, 30, [10, 20, null]]]);
    await assertValue(`SELECT count_if(x > 10), every(x > 5), bool_or(x > 15), max_by(g, x), min_by(g, x) FROM ${T}`, [[2, true, true, 2, 1]]);
    await assertValue(`SELECT listagg(CAST(x AS varchar), ',') WITHIN GROUP (ORDER BY x) FROM ${T}`, [['10,20,20']]);
  });
  it('statistical aggregates', async () => {
    const r = await rows('SELECT stddev_samp(x), variance(x), corr(x, y), regr_slope(y, x), geometric_mean(x), typeof(var_pop(x)) FROM (VALUES (1, 2), (2, 4), (3, 6)) t(x, y)');
    assert.deepEqual(r, [[1, 1, 1, 2, Math.exp((Math.log(1) + Math.log(2) + Math.log(3)) / 3), 'double']]);
    await assertValue('SELECT stddev(x), variance(x) FROM (VALUES 1) t(x)', [[null, null]]);
  });
  it('aggregates as window functions', async () => {
    await assertValue(
      'SELECT y, sum(x) OVER (ORDER BY y ROWS BETWEEN 1 PRECEDING AND CURRENT ROW), count(*) OVER (), avg(x) OVER (ORDER BY y) FROM (VALUES (1, 1), (2, 2), (3, 3), (4, 4)) t(x, y) ORDER BY y',
      [[1, 1, 4, 1], [2, 3, 4, 1.5], [3, 5, 4, 2], [4, 7, 4, 2.5]],
    );
    await assertValue('SELECT x, rank() OVER (ORDER BY x), lag(x) OVER (ORDER BY x), ntile(2) OVER (ORDER BY x) FROM (VALUES 5, 5, 7) t(x) ORDER BY x', [[5, 1, null, 1], [5, 1, 5, 1], [7, 3, 5, 2]]);
  });
  it('reduce_agg with lambda arguments, grouped, ungrouped and over a frame', async () => {
    await assertValue('SELECT id, reduce_agg(value, 0, (a, b) -> a + b, (a, b) -> a + b) FROM (VALUES (1, 3), (1, 4), (2, 20), (2, 30)) t(id, value) GROUP BY id ORDER BY id', [[1, 7], [2, 50]]);
    await assertValue('SELECT reduce_agg(value, 1, (a, b) -> a * b, (a, b) -> a * b), typeof(reduce_agg(value, 1, (a, b) -> a * b, (a, b) -> a * b)) FROM (VALUES 3, 4, NULL, 5) t(value)', [[60, 'integer']]);
    await assertValue("SELECT reduce_agg(x, '', (s, v) -> s || v, (a, b) -> a || b) FROM (VALUES 'a') t(x) WHERE x = 'z'", [[null]]);
    await assertValue('SELECT reduce_agg(orderkey, 0, (a, b) -> a + b, (a, b) -> a + b) = sum(orderkey) FROM tpch.tiny.orders', [[true]]);
    await assertValue('SELECT v, reduce_agg(v, 0, (a, b) -> a + b, (a, b) -> a + b) OVER (ORDER BY v ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM (VALUES 3, 4, 5) t(v) ORDER BY v', [[3, 3], [4, 7], [5, 9]]);
    await assertError('SELECT reduce_agg(x, 0, (a, b) -> a + b + y, (a, b) -> a + b) FROM (VALUES (1, 2)) t(x, y)', 'NOT_SUPPORTED');
    await assertError('SELECT reduce_agg(x, CAST(NULL AS integer), (a, b) -> a + b, (a, b) -> a + b) FROM (VALUES 1) t(x)', 'INVALID_FUNCTION_ARGUMENT');
  });
  it('overflow and invalid arguments', async () => {
    await assertError("SELECT sum(x) FROM (VALUES BIGINT '9223372036854775807', BIGINT '1') t(x)", 'NUMERIC_VALUE_OUT_OF_RANGE');
    await assertError('SELECT approx_percentile(x, 2) FROM (VALUES 1) t(x)', 'INVALID_FUNCTION_ARGUMENT');
    await assertError('SELECT approx_distinct(x, 0.001) FROM (VALUES 1) t(x)', 'INVALID_FUNCTION_ARGUMENT', 'Max standard error must be in [0.0040625, 0.26]: 0.001');
    await assertError('SELECT approx_distinct(x, 0.27) FROM (VALUES 1) t(x)', 'INVALID_FUNCTION_ARGUMENT');
    await assertError("SELECT approx_most_frequent(1, x, 10) FROM (VALUES 'a') t(x)", 'INVALID_FUNCTION_ARGUMENT');
    await assertError('SELECT numeric_histogram(1, x) FROM (VALUES 1.0) t(x)', 'INVALID_FUNCTION_ARGUMENT');
  });
});

/** 100,000 distinct bigints: i * 1000 + j for i in 1..100, j in 1..1000 (fixed data, so fixed hashes). */
const DISTINCT_100K = 'FROM UNNEST(sequence(1, 100)) a(i) CROSS JOIN UNNEST(sequence(1, 1000)) b(j)';

describe('approximate aggregates behave like sketches', () => {
  it('approx_distinct is within 3 standard errors for 100k distinct values', async () => {
    const [[d, precise, coarse, text]] = (await rows(`SELECT approx_distinct(i * 1000 + j), approx_distinct(i * 1000 + j, 0.0040625), approx_distinct(i * 1000 + j, 0.26), approx_distinct(CAST(i * 1000 + j AS varchar)) ${DISTINCT_100K}`)) as number[][];
    for (const [estimate, error] of [[d, 0.023], [precise, 0.0040625], [coarse, 0.26], [text, 0.023]] as const) {
      assert.ok(Math.abs(estimate! - 100_000) <= 3 * error * 100_000, `estimate ${estimate} for standard error ${error}`);
    }
    // small sets are exact (sparse representation)
    await assertValue("SELECT approx_distinct(x), cardinality(approx_set(x)) FROM (VALUES 'a', 'b', 'a', NULL) t(x)", [[2, 2]]);
    await assertValue('SELECT cardinality(empty_approx_set()), typeof(empty_approx_set())', [[0, 'HyperLogLog']]);
  });
  it('approx_set sketches merge', async () => {
    const [[merged]] = (await rows(`SELECT cardinality(merge(s)) FROM (SELECT approx_set(i * 1000 + j) s ${DISTINCT_100K} GROUP BY i % 7)`)) as number[][];
    assert.ok(Math.abs(merged! - 100_000) <= 3 * 0.023 * 100_000, `merged ${merged}`);
  });
  it('sketches cast to varbinary and back exactly', async () => {
    const [[card, back, same, length]] = (await rows(
      `SELECT cardinality(approx_set(i * 1000 + j)), cardinality(CAST(CAST(approx_set(i * 1000 + j) AS varbinary) AS HyperLogLog)),
         CAST(CAST(CAST(approx_set(i * 1000 + j) AS varbinary) AS HyperLogLog) AS varbinary) = CAST(approx_set(i * 1000 + j) AS varbinary),
         length(CAST(approx_set(i * 1000 + j) AS varbinary)) ${DISTINCT_100K}`,
    )) as unknown[][];
    // approx_set keeps 4096 buckets (Trino's 1.625%): a dense sketch is 3 header bytes, 2048 bytes of deltas, 2 + 3 per overflow
    assert.deepEqual([back, same], [card, true]);
    assert.ok((length as number) >= 2053 && ((length as number) - 2053) % 3 === 0, `length ${String(length)}`);
    // Trino's sparse layout: tag 2, 12 index bits, no entries
    await assertValue('SELECT to_hex(CAST(empty_approx_set() AS varbinary))', [['020C0000']]);
    await assertValue("SELECT cardinality(merge(CAST(h AS HyperLogLog))) FROM (SELECT CAST(approx_set(x) AS varbinary) h FROM (VALUES 'a', 'b', 'c', 'a') t(x) GROUP BY x)", [[3]]);
    await assertValue(
      `SELECT value_at_quantile(CAST(CAST(tdigest_agg(x) AS varbinary) AS tdigest), 0.9) = value_at_quantile(tdigest_agg(x), 0.9),
         value_at_quantile(CAST(CAST(qdigest_agg(x) AS varbinary) AS qdigest(bigint)), 0.9) = value_at_quantile(qdigest_agg(x), 0.9),
         cardinality(CAST(CAST(make_set_digest(x) AS varbinary) AS SetDigest)) FROM UNNEST(sequence(1, 1000)) t(x)`,
      [[true, true, 1000]],
    );
    await assertError("SELECT CAST(X'0102' AS HyperLogLog)", 'INVALID_CAST_ARGUMENT');
    await assertError("SELECT CAST(X'0102' AS tdigest)", 'INVALID_CAST_ARGUMENT');
  });
  it('approx_percentile and tdigest are within the t-digest error', async () => {
    const [[median, quantiles, weighted, p10, t90, q90]] = (await rows(
      `SELECT approx_percentile(i * 1000 + j, 0.5), approx_percentile(i * 1000 + j, ARRAY[0.01, 0.99]), approx_percentile(i * 1000 + j, 2, 0.5),
         approx_percentile(CAST(i * 1000 + j AS double), 0.1), value_at_quantile(tdigest_agg(i * 1000 + j), 0.9), value_at_quantile(qdigest_agg(i * 1000 + j), 0.9) ${DISTINCT_100K}`,
    )) as unknown[][];
    // values are 1001 .. 101000; rank error within 0.5% of the range
    const near = (v: unknown, q: number): boolean => Math.abs((v as number) - (1000 + q * 100_000)) <= 500;
    assert.ok(near(median, 0.5) && Number.isInteger(median), `median ${String(median)}`);
    assert.ok(near((quantiles as number[])[0], 0.01) && near((quantiles as number[])[1], 0.99), `quantiles ${String(quantiles)}`);
    assert.ok(near(weighted, 0.5) && near(p10, 0.1) && near(t90, 0.9) && near(q90, 0.9), `${String([weighted, p10, t90, q90])}`);
    await assertValue('SELECT approx_percentile(x, 0.5), approx_percentile(x, ARRAY[0.0, 1.0]), typeof(approx_percentile(x, 0.5)) FROM (VALUES 1, 2, 3, 4, 5) t(x)', [[3, [1, 5], 'bigint']]);
    await assertValue('SELECT approx_percentile(x, 0.5) FROM (VALUES CAST(NULL AS bigint)) t(x)', [[null]]);
  });
  it('approx_most_frequent, numeric_histogram and set digests', async () => {
    await assertValue("SELECT approx_most_frequent(2, x, 10) FROM (VALUES 'a', 'b', 'a', 'c', 'a', 'b') t(x)", [[{ a: 3, b: 2 }]]);
    await assertValue('SELECT cardinality(numeric_histogram(4, x)) FROM UNNEST(sequence(1, 1000)) t(x)', [[4]]);
    await assertValue(
      'SELECT cardinality(a), jaccard_index(a, b), intersection_cardinality(a, b), cardinality(hash_counts(a)), typeof(a) FROM (SELECT make_set_digest(x) a, make_set_digest(x + 50) b FROM UNNEST(sequence(1, 100)) t(x))',
      [[100, 0.34, 50, 100, 'SetDigest']],
    ); // the exact Jaccard index is 1/3; the minhash estimate over the 100 smallest hashes of the union is 0.34
    const [[card, jaccard]] = (await rows(`SELECT cardinality(a), jaccard_index(a, b) FROM (SELECT make_set_digest(i * 1000 + j) a, make_set_digest(i * 1000 + j + 50000) b ${DISTINCT_100K})`)) as number[][];
    // |A ∩ B| = 50,000, |A ∪ B| = 150,000: J = 1/3; minhash with 8192 hashes has standard error ~ 0.005
    assert.ok(Math.abs(card! - 100_000) <= 3 * 0.023 * 100_000, `cardinality ${card}`);
    assert.ok(Math.abs(jaccard! - 1 / 3) <= 0.02, `jaccard ${jaccard}`);
  });
});
