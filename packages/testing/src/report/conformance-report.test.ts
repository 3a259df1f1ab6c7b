import { test } from 'node:test';
import assert from 'node:assert/strict';
import { emptyCounts } from '../sqllogictest/slt-runner.js';
import { formatConformanceMarkdown } from './conformance-report.js';

test('writes summary, per-file, per-directory and per-query tables', () => {
  const queries = { ...emptyCounts(), passed: 8, failed: 1, knownDifference: 1, skipped: 3 };
  const markdown = formatConformanceMarkdown({
    date: '2026-11-24T00:00:00.000Z',
    commit: 'abc1234',
    command: 'node packages/testing/dist/report/conformance.js',
    sltQueryLimit: 100,
    slt: {
      files: [
        {
          file: 'test/select1.test',
          queries,
          statements: { ...emptyCounts(), passed: 5 },
          failures: [{ file: 'test/select1.test', line: 7, kind: 'query', sql: 'SELECT a|b FROM t', expected: '1', actual: '2', errorName: undefined, message: undefined, cause: 'wrong result' }],
          knownDifferences: { 'division-by-zero': 1 },
          durationMillis: 10,
          stoppedAt: undefined,
        },
      ],
      queries,
      statements: { ...emptyCounts(), passed: 5 },
      durationMillis: 10,
    },
    productTests: [
      { directory: 'group-by', name: 'a', status: 'passed', cause: undefined, detail: undefined, sql: 'x', millis: 1 },
      { directory: 'group-by', name: 'b', status: 'failed', cause: 'row count', detail: 'expected 2 rows, got 1', sql: 'x', millis: 1 },
      { directory: 'catalog', name: 'c', status: 'not-applicable', cause: 'jmx', detail: undefined, sql: 'x', millis: 1 },
    ],
    tpch: { error: 'engine missing' },
  });
  assert.match(markdown, /- Commit: `abc1234`/);
  assert.match(markdown, /\| sqllogictest queries \| 8 \| 10 \| 80\.0% \| 1 files, first 100 queries per file; 1 known SQLite differences, 3 skipped by directive \|/);
  assert.match(markdown, /\| Trino product tests \| 1 \| 2 \| 50\.0% \| 1 not applicable/);
  assert.match(markdown, /\| TPC-H \| \| \| \| did not run: engine missing \|/);
  assert.match(markdown, /\| test\/select1\.test \| 8 \| 10 \| 80\.0% \| 1 \| 1 \| 3 \| 5\/5 \|/);
  assert.match(markdown, /SELECT a\\\|b FROM t/); // pipes escaped inside tables
  assert.match(markdown, /\| group-by \| 1 \| 2 \| 50\.0% \| 0 \|/);
  assert.match(markdown, /\| 1 \| row count \| group-by\/b: expected 2 rows, got 1 \|/);
});
