#!/usr/bin/env node
/**
 * Parses (and round-trips through the formatter) the shared SQL corpora and prints pass counts.
 * Usage: node packages/sql/dist/corpus/corpus-check.js [--all] [--verbose]
 * Without --all, the sqllogictest corpus is sampled (40,000 records), as in `npm test`.
 */
import { isTrinoError } from '@petrel/spi';
import { parseStatement, parseStatements } from '../parser/parser.js';
import { formatStatement } from '../formatter/format.js';
import { astEquals } from '../tree/ast-equality.js';
import { isSqliteOnly, productTestQueries, sample, sqlLogicTestRecords, tpchQueries } from './corpus.js';
import type { CorpusEntry } from './corpus.js';
import type { Statement } from '../tree/statement.js';

export interface CorpusResult {
  readonly total: number;
  readonly parsed: number;
  readonly roundTripped: number;
  readonly failures: ReadonlyArray<{ source: string; message: string }>;
}

export function checkCorpus(entries: readonly CorpusEntry[]): CorpusResult {
  let parsed = 0;
  let roundTripped = 0;
  const failures: Array<{ source: string; message: string }> = [];
  for (const entry of entries) {
    let statements: Statement[];
    try {
      statements = entry.script ? parseStatements(entry.sql) : [parseStatement(entry.sql)];
    } catch (error) {
      failures.push({ source: entry.source, message: `parse: ${isTrinoError(error) ? error.message : String(error)}` });
      continue;
    }
    parsed++;
    let ok = true;
    for (const statement of statements) {
      const text = formatStatement(statement);
      try {
        const again = parseStatement(text);
        if (!astEquals(statement, again)) {
          failures.push({ source: entry.source, message: `round trip differs:\n${text}` });
          ok = false;
          break;
        }
      } catch (error) {
        failures.push({ source: entry.source, message: `reparse: ${error instanceof Error ? error.message : String(error)}\n${text}` });
        ok = false;
        break;
      }
    }
    if (ok) roundTripped++;
  }
  return { total: entries.length, parsed, roundTripped, failures };
}

function print(line: string): void {
  process.stdout.write(line + '\n');
}

function main(): void {
  const all = process.argv.includes('--all');
  const verbose = process.argv.includes('--verbose');
  const corpora: Array<[string, () => CorpusEntry[]]> = [
    ['tpch', tpchQueries],
    ['trino-product-tests (incl. tpcds)', () => productTestQueries()],
    ['sqllogictest' + (all ? ' (all)' : ' (sample 40000)'), () => (all ? sqlLogicTestRecords() : sample(sqlLogicTestRecords(), 40000))],
  ];
  let failed = 0;
  for (const [name, load] of corpora) {
    const loaded = load();
    const entries = loaded.filter((entry) => !isSqliteOnly(entry.sql));
    const sqliteOnly = loaded.length - entries.length;
    const bytes = entries.reduce((sum, entry) => sum + entry.sql.length, 0);
    const start = process.hrtime.bigint();
    const result = checkCorpus(entries);
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    failed += result.failures.length;
    print(`${name}: ${result.parsed}/${result.total} parsed, ${result.roundTripped}/${result.total} round-tripped (${(bytes / 1e6).toFixed(1)} MB in ${seconds.toFixed(1)} s)${sqliteOnly > 0 ? `; ${sqliteOnly} SQLite-only records left out as expected failures` : ''}`);
    for (const failure of result.failures.slice(0, verbose ? 1000 : 10)) print(`  ${failure.source}: ${failure.message.split('\n').slice(0, verbose ? 30 : 3).join('\n    ')}`);
  }
  process.exitCode = failed === 0 ? 0 : 1;
}

if (process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'))) main();
