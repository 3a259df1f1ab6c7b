import type { QueryOutcome, QueryRunner } from '../common/query-runner.js';
import { failureCause } from '../common/failure-cause.js';
import { PETREL_DIRECTIVE_POLICY, skipReason } from './slt-directives.js';
import type { DirectivePolicy } from './slt-directives.js';
import { rewriteStatement } from './slt-dialect.js';
import { KNOWN_DIFFERENCES, matchKnownDifference } from './known-differences.js';
import type { KnownDifference } from './known-differences.js';
import { compareSltResult, describeExpected, hashSltValues, renderSltRows, sortSltValues } from './slt-result.js';
import type { SltQuery, SltRecord, SltStatement } from './slt-record.js';

export interface SltCounts {
  passed: number;
  failed: number;
  /** Skipped by a skipif/onlyif directive. */
  skipped: number;
  /** Failed in the way a documented Trino-vs-SQLite difference predicts. */
  knownDifference: number;
  /** Statements the dialect layer turns into no-ops (CREATE INDEX ...). */
  noop: number;
}

export function emptyCounts(): SltCounts {
  return { passed: 0, failed: 0, skipped: 0, knownDifference: 0, noop: 0 };
}

export function addCounts(into: SltCounts, from: SltCounts): void {
  into.passed += from.passed;
  into.failed += from.failed;
  into.skipped += from.skipped;
  into.knownDifference += from.knownDifference;
  into.noop += from.noop;
}

export interface SltFailure {
  readonly file: string;
  readonly line: number;
  readonly kind: 'query' | 'statement';
  readonly sql: string;
  readonly expected: string;
  readonly actual: string;
  readonly errorName: string | undefined;
  readonly message: string | undefined;
  /** Grouping key (see failureCause). */
  readonly cause: string;
}

export interface SltFileResult {
  readonly file: string;
  readonly queries: SltCounts;
  readonly statements: SltCounts;
  readonly failures: SltFailure[];
  /** Known differences by entry id. */
  readonly knownDifferences: Record<string, number>;
  readonly durationMillis: number;
  /** Why the file stopped early (halt, limit), if it did. */
  readonly stoppedAt: string | undefined;
}

export interface SltRunOptions {
  readonly policy?: DirectivePolicy;
  /** Run at most this many queries (not counting skipped ones) of the file. */
  readonly queryLimit?: number;
  readonly knownDifferences?: readonly KnownDifference[];
  /** Merge runs of single-row `INSERT ... VALUES` into one statement (falls back on failure). */
  readonly batchInserts?: boolean;
  /** Keep at most this many failure details per file. */
  readonly maxFailureDetails?: number;
}

const INSERT_VALUES = /^\s*INSERT\s+INTO\s+([A-Za-z_][\w.]*)\s*(\([^)]*\))?\s*VALUES\s*(\(.*\))\s*$/is;

interface PendingInsert {
  readonly key: string;
  readonly head: string;
  readonly rows: string[];
  readonly records: SltStatement[];
}

/**
 * Runs one parsed sqllogictest file on a runner whose session already points at a scratch schema.
 */
export async function runSltRecords(file: string, records: readonly SltRecord[], runner: QueryRunner, options: SltRunOptions = {}): Promise<SltFileResult> {
  const start = performance.now();
  const policy = options.policy ?? PETREL_DIRECTIVE_POLICY;
  const knownDifferences = options.knownDifferences ?? KNOWN_DIFFERENCES;
  const maxDetails = options.maxFailureDetails ?? 200;
  const queries = emptyCounts();
  const statements = emptyCounts();
  const failures: SltFailure[] = [];
  const knownCounts: Record<string, number> = {};
  const labels = new Map<string, { hash: string; line: number }>();
  let executedQueries = 0;
  let stoppedAt: string | undefined;
  let pending: PendingInsert | undefined;

  const recordFailure = (failure: SltFailure): void => {
    if (failures.length < maxDetails) failures.push(failure);
  };

  const statementOutcome = (record: SltStatement, outcome: QueryOutcome): void => {
    const failed = outcome.kind === 'error';
    if (failed === record.expectError) {
      statements.passed++;
      return;
    }
    const known =
      outcome.kind === 'error' ? matchKnownDifference({ kind: 'statement', file, sql: record.sql, errorName: outcome.errorName, message: outcome.message }, knownDifferences) : undefined;
    if (known !== undefined) {
      statements.knownDifference++;
      knownCounts[known.id] = (knownCounts[known.id] ?? 0) + 1;
      return;
    }
    statements.failed++;
    recordFailure({
      file,
      line: record.line,
      kind: 'statement',
      sql: record.sql,
      expected: record.expectError ? 'error' : 'ok',
      actual: outcome.kind === 'error' ? `${outcome.errorName}: ${outcome.message}` : 'ok',
      errorName: outcome.kind === 'error' ? outcome.errorName : undefined,
      message: outcome.kind === 'error' ? outcome.message : undefined,
      cause: outcome.kind === 'error' ? `statement: ${failureCause(outcome.errorName, outcome.message)}` : 'statement: succeeded where an error was expected',
    });
  };

  const flush = async (): Promise<void> => {
    if (pending === undefined) return;
    const batch = pending;
    pending = undefined;
    if (batch.records.length === 1) {
      statementOutcome(batch.records[0]!, await runner.run(batch.records[0]!.sql));
      return;
    }
    const outcome = await runner.run(`${batch.head} VALUES ${batch.rows.join(', ')}`);
    if (outcome.kind === 'rows') {
      statements.passed += batch.records.length;
      return;
    }
    for (const record of batch.records) statementOutcome(record, await runner.run(record.sql));
  };

  for (const record of records) {
    if (record.kind === 'hash-threshold') continue;
    if (record.kind === 'halt') {
      if (skipReason(record.conditions, policy) !== undefined) continue;
      stoppedAt = `halt at line ${record.line}`;
      break;
    }
    if (skipReason(record.conditions, policy) !== undefined) {
      if (record.kind === 'query') queries.skipped++;
      else statements.skipped++;
      continue;
    }
    if (record.kind === 'statement') {
      const action = rewriteStatement(record.sql);
      if (action.kind === 'noop') {
        statements.noop++;
        continue;
      }
      const match = options.batchInserts !== false && !record.expectError ? INSERT_VALUES.exec(action.sql) : null;
      if (match !== null) {
        const head = `INSERT INTO ${match[1]}${match[2] === undefined ? '' : ` ${match[2]}`}`;
        const key = head.toLowerCase().replace(/\s+/g, '');
        if (pending !== undefined && pending.key !== key) await flush();
        if (pending === undefined) pending = { key, head, rows: [], records: [] };
        pending.rows.push(match[3]!);
        pending.records.push({ ...record, sql: action.sql });
        continue;
      }
      await flush();
      statementOutcome(record, await runner.run(action.sql));
      continue;
    }
    await flush();
    if (options.queryLimit !== undefined && executedQueries >= options.queryLimit) {
      stoppedAt = `query limit ${options.queryLimit}`;
      break;
    }
    executedQueries++;
    await runQuery(record);
  }
  await flush();

  async function runQuery(record: SltQuery): Promise<void> {
    const outcome = await runner.run(record.sql);
    let problem: string | undefined;
    let actual = '';
    let errorName: string | undefined;
    let message: string | undefined;
    let hash: string | undefined;
    if (outcome.kind === 'error') {
      errorName = outcome.errorName;
      message = outcome.message;
      problem = 'error';
      actual = `${outcome.errorName}: ${outcome.message}`;
    } else if (outcome.columns.length !== record.types.length) {
      problem = `expected ${record.types.length} columns, got ${outcome.columns.length}`;
      actual = `${outcome.columns.length} columns`;
    } else {
      const rendered = renderSltRows(outcome.rows, record.types, outcome.columns.map((c) => c.type));
      const values = sortSltValues(rendered, record.sortMode);
      problem = compareSltResult(values, record.expected);
      hash = hashSltValues(values);
      actual = values.length > 12 ? `${values.length} values hashing to ${hash}: ${values.slice(0, 12).join(' ')} ...` : values.join(' ');
      if (problem === undefined && record.label !== undefined) {
        const previous = labels.get(record.label);
        if (previous === undefined) labels.set(record.label, { hash, line: record.line });
        else if (previous.hash !== hash) problem = `result differs from label ${record.label} at line ${previous.line}`;
      }
    }
    if (problem === undefined) {
      queries.passed++;
      return;
    }
    const known = matchKnownDifference({ kind: 'query', file, sql: record.sql, errorName, message }, knownDifferences);
    if (known !== undefined) {
      queries.knownDifference++;
      knownCounts[known.id] = (knownCounts[known.id] ?? 0) + 1;
      return;
    }
    queries.failed++;
    recordFailure({
      file,
      line: record.line,
      kind: 'query',
      sql: record.sql,
      expected: describeExpected(record.expected),
      actual,
      errorName,
      message,
      cause:
        (errorName !== undefined ? failureCause(errorName, message) : problem.startsWith('expected') && problem.includes('columns') ? 'wrong column count' : 'wrong result') +
        (statements.failed > 0 ? ' (after a failed statement)' : statements.knownDifference > 0 ? ' (after a SQLite-only statement, counted as a known difference, failed)' : ''),
    });
  }

  return { file, queries, statements, failures, knownDifferences: knownCounts, durationMillis: performance.now() - start, stoppedAt };
}
