import { readFileSync } from 'node:fs';
import type { QueryRunner } from '../common/query-runner.js';
import { parseSltFile } from './slt-parser.js';
import { addCounts, emptyCounts, runSltRecords } from './slt-runner.js';
import type { SltCounts, SltFileResult, SltRunOptions } from './slt-runner.js';

export interface SltSuiteResult {
  readonly files: SltFileResult[];
  readonly queries: SltCounts;
  readonly statements: SltCounts;
  readonly durationMillis: number;
}

let schemaCounter = 0;

/** A schema name unique to this process and file. */
export function scratchSchemaName(): string {
  schemaCounter++;
  return `slt_${process.pid}_${Date.now().toString(36)}_${schemaCounter}`;
}

/**
 * Runs one file in a fresh schema of the memory catalog: CREATE SCHEMA, USE, run, then drop what
 * the file left behind and the schema itself.
 */
export async function runSltFile(path: string, displayName: string, runner: QueryRunner, options: SltRunOptions = {}): Promise<SltFileResult> {
  const start = performance.now();
  let records;
  try {
    records = parseSltFile(readFileSync(path, 'utf8'), displayName);
  } catch (error) {
    return failedFile(displayName, `parse error: ${(error as Error).message}`, start);
  }
  const schema = scratchSchemaName();
  const created = await runner.run(`CREATE SCHEMA memory.${schema}`);
  if (created.kind === 'error') return failedFile(displayName, `cannot create scratch schema: ${created.errorName}: ${created.message}`, start);
  const used = await runner.run(`USE memory.${schema}`);
  if (used.kind === 'error') runner.setDefaultSchema('memory', schema);
  try {
    return await runSltRecords(displayName, records, runner, options);
  } catch (error) {
    return failedFile(displayName, `runner error: ${error instanceof Error ? error.message : String(error)}`, start);
  } finally {
    await dropScratchSchema(runner, schema);
  }
}

async function dropScratchSchema(runner: QueryRunner, schema: string): Promise<void> {
  const cascade = await runner.run(`DROP SCHEMA memory.${schema} CASCADE`);
  if (cascade.kind === 'rows') return;
  const objects = await runner.run(`SELECT table_name, table_type FROM memory.information_schema.tables WHERE table_schema = '${schema}'`);
  if (objects.kind === 'rows') {
    // views first: they may reference tables
    const sorted = [...objects.rows].sort((a, b) => (a[1] === 'VIEW' ? 0 : 1) - (b[1] === 'VIEW' ? 0 : 1));
    for (const [name, type] of sorted) {
      await runner.run(`DROP ${type === 'VIEW' ? 'VIEW' : 'TABLE'} IF EXISTS memory.${schema}."${String(name)}"`);
    }
  }
  await runner.run(`DROP SCHEMA IF EXISTS memory.${schema}`);
}

function failedFile(file: string, reason: string, start: number): SltFileResult {
  const statements = emptyCounts();
  statements.failed = 1;
  return {
    file,
    queries: emptyCounts(),
    statements,
    failures: [{ file, line: 0, kind: 'statement', sql: '', expected: 'file runs', actual: reason, errorName: 'SETUP', message: reason, cause: `setup: ${reason.slice(0, 120)}` }],
    knownDifferences: {},
    durationMillis: performance.now() - start,
    stoppedAt: reason,
  };
}

export async function runSltFiles(
  files: readonly { readonly path: string; readonly name: string }[],
  runner: QueryRunner,
  options: SltRunOptions = {},
  onFile?: (result: SltFileResult) => void,
): Promise<SltSuiteResult> {
  const start = performance.now();
  const results: SltFileResult[] = [];
  const queries = emptyCounts();
  const statements = emptyCounts();
  for (const file of files) {
    const result = await runSltFile(file.path, file.name, runner, options);
    results.push(result);
    addCounts(queries, result.queries);
    addCounts(statements, result.statements);
    onFile?.(result);
  }
  return { files: results, queries, statements, durationMillis: performance.now() - start };
}
