/**
 * SQL-level function cases that fail because of the analyzer, planner or execution (not the
 * function library). They are kept out of `npm test` until fixed; run them with
 * `node bench/function-engine-failures.mjs` to see which still fail.
 */
export interface EngineFailureCase {
  readonly sql: string;
  /** The expected first row (plain JS values), or the expected error name. */
  readonly expected: readonly unknown[] | { readonly error: string };
  readonly owner: 'analyzer' | 'execution';
  readonly problem: string;
}

export const ENGINE_FAILURES: readonly EngineFailureCase[] = [
  {
    sql: 'SELECT id, reduce_agg(value, 0, (a, b) -> a + b, (a, b) -> a + b) FROM (VALUES (1, 3), (1, 4), (2, 20), (2, 30)) t(id, value) GROUP BY id ORDER BY id',
    expected: [1, 7],
    owner: 'analyzer',
    problem: 'NOT_SUPPORTED: Lambda arguments of aggregate functions are not supported yet (reduce_agg is registered with function(S,T,S) / function(S,S,S) parameters)',
  },
];
