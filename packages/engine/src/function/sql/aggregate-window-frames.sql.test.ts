import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Engine } from '../../engine.js';
import { rows, useEngine, sharedEngine } from './sql-test-support.js';
import { createFunctionRegistry } from '../create-function-registry.js';

useEngine(Engine.create());

after(async () => (await sharedEngine()).shutdown());

/**
 * Every aggregate as a window function over a frame must give what the same aggregate gives when
 * grouped over exactly the frame's rows. Each entry is an expression with `$` where the window
 * (or nothing, when grouped) goes, by family; NULLs are in the data on purpose.
 */
const FAMILIES: Readonly<Record<string, readonly string[]>> = {
  basic: [
    'count(*)$', 'count(x)$', 'sum(x)$', 'sum(n)$', 'avg(x)$', 'min(x)$', 'max(s)$', 'count_if(b)$', 'bool_and(b)$', 'bool_or(b)$', 'every(b)$',
    'array_sort(array_agg(x)$)', 'arbitrary(s)$ IS NOT NULL', 'any_value(s)$ IS NOT NULL',
  ],
  statistical: [
    'stddev(x)$', 'stddev_pop(x)$', 'stddev_samp(x)$', 'variance(x)$', 'var_pop(x)$', 'var_samp(x)$', 'kurtosis(n)$', 'skewness(n)$',
    'corr(x, y)$', 'covar_pop(x, y)$', 'covar_samp(x, y)$', 'regr_slope(y, x)$', 'regr_intercept(y, x)$', 'geometric_mean(n)$',
  ],
  collecting: [
    'max_by(s, x)$', 'min_by(s, x)$', 'max(n, 2)$', 'min(n, 2)$', 'max_by(s, n, 2)$', 'histogram(b)$', 'map_agg(s, x)$', 'multimap_agg(b, n)$',
    'map_union(m)$', 'numeric_histogram(2, x)$', 'approx_most_frequent(2, b, 10)$', 'approx_percentile(n, 0.5)$', 'checksum(s)$',
    'reduce_agg(n, 0, (a, c) -> a + c, (a, c) -> a + c)$',
  ],
  bitwise: ['bitwise_and_agg(n)$', 'bitwise_or_agg(n)$', 'bitwise_xor_agg(n)$'],
  sketches: [
    'approx_distinct(n)$', 'cardinality(approx_set(n)$)', 'cardinality(merge(h)$)', 'value_at_quantile(tdigest_agg(x)$, 0.5)',
    'value_at_quantile(qdigest_agg(n)$, 0.5)', 'cardinality(make_set_digest(n)$)', 'cardinality(merge_set_digest(d)$)',
  ],
};

/** listagg's WITHIN GROUP form takes no OVER clause (the parser rejects one). */
const NOT_WINDOWABLE = new Set(['listagg']);

const DATA = `(SELECT k, x, y, b, s, n, map(ARRAY[s], ARRAY[x]) m, approx_set(n) h, make_set_digest(n) d
  FROM (VALUES (1, 1.5E0, 2.0E0, true, 'a', BIGINT '3'), (2, 2.5E0, 1.0E0, false, 'b', BIGINT '5'), (3, NULL, 4.0E0, true, 'c', BIGINT '6'),
               (4, 4.0E0, 3.5E0, true, 'd', BIGINT '12'), (5, 8.0E0, 9.0E0, NULL, 'e', BIGINT '7'), (6, 0.5E0, NULL, false, 'f', NULL)) t(k, x, y, b, s, n)
  GROUP BY k, x, y, b, s, n)`;

const FRAMES = [
  { window: 'ORDER BY k ROWS BETWEEN 1 PRECEDING AND CURRENT ROW', members: 'm.k BETWEEN f.k - 1 AND f.k' },
  { window: 'ORDER BY k ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING', members: 'm.k >= f.k' },
  { window: 'ORDER BY k RANGE BETWEEN 2 PRECEDING AND 1 FOLLOWING', members: 'm.k BETWEEN f.k - 2 AND f.k + 1' },
];

function close(actual: unknown, expected: unknown, where: string): void {
  if (typeof actual === 'number' && typeof expected === 'number') {
    assert.ok(actual === expected || Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected)), `${where}: ${actual} != ${expected}`);
  } else if (Array.isArray(actual) && Array.isArray(expected)) {
    assert.equal(actual.length, expected.length, where);
    actual.forEach((a, i) => close(a, expected[i], where));
  } else assert.deepEqual(actual, expected, where);
}

describe('aggregates as window functions over frames', () => {
  for (const [family, expressions] of Object.entries(FAMILIES)) {
    it(`${family} aggregates agree with the grouped aggregate over each frame`, async () => {
      for (const frame of FRAMES) {
        const windowed = expressions.map((e) => e.replace('$', ` OVER (${frame.window})`));
        const grouped = expressions.map((e) => e.replace('$', ''));
        const actual = await rows(`SELECT k, ${windowed.join(', ')} FROM ${DATA} ORDER BY k`);
        const expected = await rows(`SELECT f.k, ${grouped.join(', ')} FROM (SELECT k FROM ${DATA}) f JOIN ${DATA} m ON ${frame.members} GROUP BY f.k ORDER BY f.k`);
        assert.equal(actual.length, 6);
        expressions.forEach((e, i) => close(actual.map((r) => r[i + 1]), expected.map((r) => r[i + 1]), `${e} OVER (${frame.window})`));
      }
    });
  }
  it('covers every aggregate in the registry', () => {
    const names = [...new Set(createFunctionRegistry().listFunctions().filter((f) => f.kind === 'aggregate').map((f) => f.name))];
    const tested = Object.values(FAMILIES).flat().join(' ');
    const untested = names.filter((n) => !NOT_WINDOWABLE.has(n) && !new RegExp(`\\b${n}\\(`).test(tested));
    assert.ok(names.length > 40, `aggregates listed: ${names.length}`);
    assert.deepEqual(untested, []);
  });
});
