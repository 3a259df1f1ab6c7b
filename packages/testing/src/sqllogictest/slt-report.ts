import { abbreviate, percent } from '../common/statistics.js';
import { countBy } from '../common/failure-cause.js';
import type { SltCounts, SltFailure, SltFileResult } from './slt-runner.js';
import type { SltSuiteResult } from './slt-suite.js';

/** Queries that ran (passed, failed or known difference). */
export function executed(counts: SltCounts): number {
  return counts.passed + counts.failed + counts.knownDifference;
}

export function describeCounts(counts: SltCounts): string {
  return `${counts.passed}/${executed(counts)} passed (${percent(counts.passed, executed(counts))}), ${counts.failed} failed, ${counts.knownDifference} known differences, ${counts.skipped} skipped by directive`;
}

export function formatSltFileLine(result: SltFileResult): string {
  const q = result.queries;
  const s = result.statements;
  const stop = result.stoppedAt === undefined ? '' : ` [${result.stoppedAt}]`;
  return `${result.file.padEnd(44)} queries ${String(q.passed).padStart(6)}/${String(executed(q)).padEnd(6)} ${percent(q.passed, executed(q)).padStart(6)}  failed ${String(q.failed).padStart(5)}  known ${String(q.knownDifference).padStart(4)}  skipped ${String(q.skipped).padStart(5)}  statements ${s.passed}/${s.passed + s.failed}  ${(result.durationMillis / 1000).toFixed(1)}s${stop}`;
}

export interface FailureGroup {
  readonly cause: string;
  readonly count: number;
  readonly example: SltFailure;
}

export function groupSltFailures(files: readonly SltFileResult[]): FailureGroup[] {
  const all = files.flatMap((f) => f.failures);
  return countBy(all, (f) => f.cause).map((g) => ({ cause: g.key, count: g.count, example: g.first }));
}

export function formatSltSummary(result: SltSuiteResult, topCauses = 15): string {
  const lines: string[] = [];
  lines.push(`sqllogictest: ${result.files.length} files in ${(result.durationMillis / 1000).toFixed(1)}s`);
  lines.push(`  queries:    ${describeCounts(result.queries)}`);
  lines.push(`  statements: ${result.statements.passed}/${result.statements.passed + result.statements.failed} passed, ${result.statements.noop} no-op (index DDL), ${result.statements.skipped} skipped by directive`);
  const known: Record<string, number> = {};
  for (const f of result.files) for (const [id, n] of Object.entries(f.knownDifferences)) known[id] = (known[id] ?? 0) + n;
  if (Object.keys(known).length > 0) lines.push(`  known differences: ${Object.entries(known).map(([id, n]) => `${id} ${n}`).join(', ')}`);
  const groups = groupSltFailures(result.files);
  if (groups.length > 0) {
    lines.push(`  top failure causes (details kept for up to 200 failures per file):`);
    for (const group of groups.slice(0, topCauses)) {
      lines.push(`    ${String(group.count).padStart(6)}  ${group.cause}`);
      lines.push(`            e.g. ${group.example.file}:${group.example.line}: ${abbreviate(group.example.sql, 200)}`);
      lines.push(`                 expected: ${abbreviate(group.example.expected, 120)}  actual: ${abbreviate(group.example.actual, 160)}`);
    }
  }
  return lines.join('\n');
}
