#!/usr/bin/env node
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { installRejectionLogger, lastValue, parseArguments } from '../common/arguments.js';
import { createEngineQueryRunner } from '../common/engine-query-runner.js';
import { REPOSITORY_ROOT } from '../common/paths.js';
import { describeCounts } from '../sqllogictest/slt-report.js';
import { selectSltFiles } from '../sqllogictest/run.js';
import { runSltFiles } from '../sqllogictest/slt-suite.js';
import type { SltSuiteResult } from '../sqllogictest/slt-suite.js';
import { PRODUCT_TEST_CATALOGS } from '../trino-product-tests/fixtures.js';
import { loadProductTests } from '../trino-product-tests/product-test-case.js';
import { ProductTestRunner, TESTCASES_ROOT } from '../trino-product-tests/product-test-runner.js';
import type { ProductTestResult } from '../trino-product-tests/product-test-runner.js';
import { selectProductTests } from '../trino-product-tests/run.js';
import { TPCH_STANDARD_CATALOG, runTpchQueries } from '../tpch/tpch-runner.js';
import { formatConformanceMarkdown } from './conformance-report.js';
import type { ConformanceRun } from './conformance-report.js';

const USAGE = `usage: node packages/testing/dist/report/conformance.js [--slt-limit N] [--slt-files glob ...] [--slt-results file.json] [--output docs/conformance.md] [--no-write]
Runs the sqllogictest corpus (first N queries of every file, default 100; 0 = all), the Trino
product tests (default directories) and TPC-H on tpch.tiny, then writes docs/conformance.md.
--slt-results takes the sqllogictest figures from the JSON of an earlier
'node packages/testing/dist/sqllogictest/run.js --json' run instead of running the corpus.`;

function commit(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPOSITORY_ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], { cwd: REPOSITORY_ROOT, encoding: 'utf8' }).trim() !== '';
    return dirty ? `${head} (with uncommitted changes)` : head;
  } catch {
    return 'unknown';
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function runSqllogictest(patterns: readonly string[], limit: number | undefined, timeoutMillis: number): Promise<ConformanceRun['slt']> {
  try {
    const runner = await createEngineQueryRunner({ timeoutMillis });
    try {
      return await runSltFiles(selectSltFiles(patterns), runner, limit === undefined ? {} : { queryLimit: limit }, (f) =>
        console.error(`slt ${f.file}: ${describeCounts(f.queries)} (${(f.durationMillis / 1000).toFixed(1)}s)`),
      );
    } finally {
      await runner.close();
    }
  } catch (error) {
    return { error: errorText(error) };
  }
}

async function main(): Promise<number> {
  const args = parseArguments(process.argv.slice(2), ['slt-limit', 'slt-files', 'slt-results', 'output', 'timeout']);
  if (args.flags.has('help')) {
    console.log(USAGE);
    return 0;
  }
  const limitArgument = Number(lastValue(args, 'slt-limit') ?? 100);
  const sltResults = lastValue(args, 'slt-results');
  const sltLimit = limitArgument > 0 && sltResults === undefined ? limitArgument : undefined;
  const timeoutMillis = Number(lastValue(args, 'timeout') ?? 30_000);
  const command = `node packages/testing/dist/report/conformance.js ${process.argv.slice(2).join(' ')}`.trim();

  const slt: ConformanceRun['slt'] =
    sltResults !== undefined
      ? (JSON.parse(readFileSync(sltResults, 'utf8')) as SltSuiteResult)
      : await runSqllogictest(args.values.get('slt-files') ?? [], sltLimit, timeoutMillis);

  let productTests: ConformanceRun['productTests'];
  try {
    const runner = await createEngineQueryRunner({ catalogs: PRODUCT_TEST_CATALOGS, timeoutMillis: Math.max(timeoutMillis, 60_000) });
    try {
      const productRunner = new ProductTestRunner(runner);
      const results: ProductTestResult[] = [];
      for (const test of selectProductTests(loadProductTests(TESTCASES_ROOT), undefined)) {
        const result = await productRunner.run(test);
        results.push(result);
        console.error(`product test ${result.directory}/${result.name}: ${result.status}${result.cause === undefined ? '' : ` (${result.cause})`}`);
      }
      productTests = results;
    } finally {
      await runner.close();
    }
  } catch (error) {
    productTests = { error: errorText(error) };
  }

  let tpch: ConformanceRun['tpch'];
  try {
    const runner = await createEngineQueryRunner({ catalogs: [TPCH_STANDARD_CATALOG], timeoutMillis: Math.max(timeoutMillis, 120_000) });
    try {
      tpch = { scale: 'tiny', results: await runTpchQueries(runner, 'tiny', undefined, (r) => console.error(`tpch ${r.query}: ${r.passed ? 'pass' : 'FAIL'} ${(r.millis / 1000).toFixed(2)}s`)) };
    } finally {
      await runner.close();
    }
  } catch (error) {
    tpch = { error: errorText(error) };
  }

  const markdown = formatConformanceMarkdown({ date: new Date().toISOString(), commit: commit(), command, sltQueryLimit: sltLimit, slt, productTests, tpch });
  if (args.flags.has('no-write')) console.log(markdown);
  else {
    const output = resolve(REPOSITORY_ROOT, lastValue(args, 'output') ?? join('docs', 'conformance.md'));
    mkdirSync(dirname(output), { recursive: true });
    writeFileSync(output, markdown);
    console.log(markdown.split('\n## sqllogictest')[0]);
    console.log(`wrote ${output}`);
  }
  return 0;
}

if (process.argv[1] !== undefined && import.meta.url === new URL(`file://${resolve(process.argv[1])}`).href) {
  installRejectionLogger();
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(errorText(error));
      console.error(USAGE);
      process.exit(2);
    },
  );
}
