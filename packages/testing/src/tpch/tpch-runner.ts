import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { QueryRunner } from '../common/query-runner.js';
import { SHARED_ROOT } from '../common/paths.js';
import { parseTpchAnswer } from './tpch-answer.js';
import { compareTpchResult } from './tpch-compare.js';

export const TPCH_ROOT = join(SHARED_ROOT, 'tpch');

export type TpchScale = 'tiny' | 'sf1';

export const TPCH_SCALES: Readonly<Record<TpchScale, { readonly schema: string; readonly answers: string }>> = {
  tiny: { schema: 'tiny', answers: 'sf0.01' },
  sf1: { schema: 'sf1', answers: 'sf1' },
};

/** The catalog the runner needs: the tpch connector with the standard `l_`/`o_` column names. */
export const TPCH_STANDARD_CATALOG = { name: 'tpch', connectorName: 'tpch', properties: { 'tpch.column-naming': 'STANDARD' } } as const;

export interface TpchQueryResult {
  readonly query: string;
  readonly passed: boolean;
  readonly millis: number;
  /** The difference or error when it failed. */
  readonly problem: string | undefined;
}

export function tpchQueryNames(): string[] {
  return Array.from({ length: 22 }, (_, i) => `q${String(i + 1).padStart(2, '0')}`);
}

/** Strips the trailing semicolon the query files end with. */
export function tpchQueryText(name: string, root = TPCH_ROOT): string {
  return readFileSync(join(root, 'queries', `${name}.sql`), 'utf8').trim().replace(/;\s*$/, '');
}

/** Runs the selected queries on a runner whose session points at `tpch.<schema>`. */
export async function runTpchQueries(runner: QueryRunner, scale: TpchScale, queries: readonly string[] = tpchQueryNames(), onQuery?: (result: TpchQueryResult) => void, root = TPCH_ROOT): Promise<TpchQueryResult[]> {
  runner.setDefaultSchema('tpch', TPCH_SCALES[scale].schema);
  const results: TpchQueryResult[] = [];
  for (const query of queries) {
    const answer = parseTpchAnswer(readFileSync(join(root, 'answers', TPCH_SCALES[scale].answers, `${query}.csv`), 'utf8'));
    const outcome = await runner.run(tpchQueryText(query, root));
    let problem: string | undefined;
    if (outcome.kind === 'error') problem = `${outcome.errorName}: ${outcome.message}`;
    else problem = compareTpchResult(outcome.columns.map((c) => c.type), outcome.rows, answer);
    const result = { query, passed: problem === undefined, millis: outcome.elapsedMillis, problem };
    results.push(result);
    onQuery?.(result);
  }
  return results;
}

export function formatTpchLine(result: TpchQueryResult): string {
  return `${result.query}  ${result.passed ? 'PASS' : 'FAIL'}  ${(result.millis / 1000).toFixed(2).padStart(8)}s${result.problem === undefined ? '' : `  ${result.problem.replace(/\s+/g, ' ').slice(0, 220)}`}`;
}
