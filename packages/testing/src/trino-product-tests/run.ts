#!/usr/bin/env node
import { resolve } from 'node:path';
import { installRejectionLogger, lastValue, parseArguments } from '../common/arguments.js';
import { createEngineQueryRunner } from '../common/engine-query-runner.js';
import { countBy } from '../common/failure-cause.js';
import { abbreviate, percent } from '../common/statistics.js';
import { PRODUCT_TEST_CATALOGS } from './fixtures.js';
import { loadProductTests } from './product-test-case.js';
import type { ProductTestCase } from './product-test-case.js';
import { EXCLUDED_BY_DEFAULT, ProductTestRunner, TESTCASES_ROOT, summarizeByDirectory } from './product-test-runner.js';
import type { ProductTestResult } from './product-test-runner.js';

const USAGE = `usage: node packages/testing/dist/trino-product-tests/run.js [--dirs a,b] [--json] [--verbose] [--timeout MS]
  --dirs     testcases directories (group-by,union,functions/conditional-expressions); default: all but
             ${Object.keys(EXCLUDED_BY_DEFAULT).map((d) => d || '(root)').join(', ')}
  --cases    only these case names (file names without .sql), e.g. q06,q14
  --verbose  print every failure's detail
  --progress print each case's outcome to stderr as it finishes`;

export function selectProductTests(all: readonly ProductTestCase[], dirs: readonly string[] | undefined): ProductTestCase[] {
  if (dirs === undefined) return all.filter((t) => !(t.directory in EXCLUDED_BY_DEFAULT));
  return all.filter((t) => dirs.some((d) => t.directory === d || t.directory.startsWith(`${d}/`)));
}

export function formatProductTestReport(results: readonly ProductTestResult[], verbose: boolean): string {
  const lines: string[] = [];
  for (const d of summarizeByDirectory(results)) {
    const ran = d.passed + d.failed;
    lines.push(`${(d.directory || '(root)').padEnd(36)} ${String(d.passed).padStart(4)}/${String(ran).padEnd(4)} ${percent(d.passed, ran).padStart(6)}${d.notApplicable > 0 ? `  (${d.notApplicable} not applicable)` : ''}`);
  }
  const passed = results.filter((r) => r.status === 'passed').length;
  const failed = results.filter((r) => r.status === 'failed');
  const na = results.filter((r) => r.status === 'not-applicable').length;
  lines.push('', `Trino product tests: ${passed}/${passed + failed.length} passed (${percent(passed, passed + failed.length)}), ${na} not applicable`);
  if (failed.length > 0) {
    lines.push('failure causes:');
    for (const group of countBy(failed, (r) => r.cause ?? 'unknown')) {
      lines.push(`  ${String(group.count).padStart(4)}  ${group.key}`);
      lines.push(`        e.g. ${group.first.directory}/${group.first.name}: ${abbreviate(group.first.detail ?? group.first.sql, 260)}`);
    }
  }
  if (verbose) {
    lines.push('', 'failures:');
    for (const r of failed) lines.push(`  ${r.directory}/${r.name}: ${r.cause}\n      ${abbreviate(r.detail ?? '', 400)}\n      SQL: ${abbreviate(r.sql, 300)}`);
  }
  return lines.join('\n');
}

async function main(): Promise<number> {
  const args = parseArguments(process.argv.slice(2), ['dirs', 'cases', 'timeout']);
  if (args.flags.has('help')) {
    console.log(USAGE);
    return 0;
  }
  const dirs = lastValue(args, 'dirs')?.split(',').map((d) => d.trim().replace(/\/$/, ''));
  const names = lastValue(args, 'cases')?.split(',').map((n) => n.trim());
  const tests = selectProductTests(loadProductTests(TESTCASES_ROOT), dirs).filter((t) => names === undefined || names.includes(t.name) || names.includes(t.name.split('#')[0]!));
  if (tests.length === 0) throw new Error(`no product tests in ${dirs?.join(',')}`);
  const runner = await createEngineQueryRunner({ catalogs: PRODUCT_TEST_CATALOGS, timeoutMillis: Number(lastValue(args, 'timeout') ?? 120_000) });
  try {
    const productTests = new ProductTestRunner(runner);
    const results: ProductTestResult[] = [];
    for (const test of tests) {
      const result = await productTests.run(test);
      results.push(result);
      if (args.flags.has('progress')) console.error(`${result.directory}/${result.name}: ${result.status} ${(result.millis / 1000).toFixed(1)}s${result.cause === undefined ? '' : ` (${result.cause})`}`);
    }
    if (args.flags.has('json')) console.log(JSON.stringify({ results, directories: summarizeByDirectory(results) }, null, 2));
    else console.log(formatProductTestReport(results, args.flags.has('verbose')));
    return args.flags.has('strict') && results.some((r) => r.status === 'failed') ? 1 : 0;
  } finally {
    await runner.close();
  }
}

if (process.argv[1] !== undefined && import.meta.url === new URL(`file://${resolve(process.argv[1])}`).href) {
  installRejectionLogger();
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      console.error(USAGE);
      process.exit(2);
    },
  );
}
