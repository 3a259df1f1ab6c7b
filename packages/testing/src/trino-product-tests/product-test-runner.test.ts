import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIGINT, VARCHAR } from '@petrel/spi';
import { queryFailure, queryRows } from '../common/query-runner.js';
import type { QueryOutcome, QueryRunner } from '../common/query-runner.js';
import { expectedResult } from './product-test-case.js';
import type { ProductTestCase } from './product-test-case.js';
import { datasetValues, hiveFieldLiteral } from './fixtures.js';
import { ProductTestRunner } from './product-test-runner.js';

class ScriptedRunner implements QueryRunner {
  readonly executed: string[] = [];
  constructor(private readonly answer: (sql: string) => QueryOutcome) {}
  async run(sql: string): Promise<QueryOutcome> {
    this.executed.push(sql);
    return this.answer(sql);
  }
  setDefaultSchema(): void {}
  async close(): Promise<void> {}
}

function datasets(): string {
  const dir = mkdtempSync(join(tmpdir(), 'petrel-datasets-'));
  writeFileSync(join(dir, 'empty.data'), '');
  writeFileSync(join(dir, 'workers.data'), '\\N|\\N|\\N|\\N|\\N|1|Marketing|4000\n2|Ann|Turner|2000-05-28|2|2|R&D|5000\n');
  return dir;
}

function testCase(overrides: Partial<ProductTestCase>): ProductTestCase {
  return { directory: 'd', name: 'n', path: '/x.sql', properties: {}, statements: ['SELECT 1'], expected: expectedResult({}, ['1|']), ...overrides };
}

test('Hive text fields become typed SQL literals', () => {
  assert.equal(hiveFieldLiteral('\\N', 'integer'), 'CAST(NULL AS integer)');
  assert.equal(hiveFieldLiteral("O'Brien", 'varchar'), "'O''Brien'");
  assert.equal(hiveFieldLiteral('12.25', 'double'), "CAST('12.25' AS double)");
  assert.deepEqual(datasetValues(datasets(), 'workers')[1], "(CAST('2' AS integer), 'Ann', 'Turner', '2000-05-28', CAST('2' AS integer), CAST('2' AS integer), 'R&D', CAST('5000' AS integer))");
});

test('creates tempto tables on demand and compares the last statement', async () => {
  const runner = new ScriptedRunner((sql) => (sql.startsWith('SELECT n_regionkey') ? queryRows([{ name: 'n_regionkey', type: BIGINT }], [[0], [1]]) : queryRows([], [])));
  const productTests = new ProductTestRunner(runner, datasets());
  const result = await productTests.run(testCase({ properties: { tables: 'nation' }, statements: ['SELECT n_regionkey FROM nation'], expected: expectedResult({ ignoreOrder: 'true' }, ['1|', '0|']) }));
  assert.equal(result.status, 'passed', result.detail);
  assert.ok(runner.executed.some((sql) => sql.startsWith('CREATE VIEW memory.product_tests.nation AS SELECT CAST(n_nationkey AS bigint) AS n_nationkey')));
  // the second use does not create it again
  await productTests.run(testCase({ properties: { tables: 'nation' }, statements: ['SELECT n_regionkey FROM nation'], expected: expectedResult({ ignoreOrder: 'true' }, ['1|', '0|']) }));
  assert.equal(runner.executed.filter((sql) => sql.includes('CREATE VIEW memory.product_tests.nation')).length, 1);
});

test('mutable tables are created, substituted and dropped; errors and environment cases are reported', async () => {
  const runner = new ScriptedRunner((sql) => {
    if (sql.startsWith('select')) return queryRows([{ name: 'c1', type: BIGINT }, { name: 'c2', type: VARCHAR }], [[1, 'a']]);
    if (sql.startsWith('boom')) return queryFailure('SYNTAX_ERROR', "line 1:1: mismatched input 'boom'");
    return queryRows([], []);
  });
  const productTests = new ProductTestRunner(runner, datasets());
  const result = await productTests.run(
    testCase({
      properties: { mutable_tables: 'empty|created' },
      statements: ["insert into ${mutableTables.hive.empty} values (1, 'a')", 'select * from ${mutableTables.hive.empty}'],
      expected: expectedResult({}, ['1|a|']),
    }),
  );
  assert.equal(result.status, 'passed', result.detail);
  const created = runner.executed.find((sql) => sql.startsWith('CREATE TABLE memory.product_tests.empty_mutable_'));
  assert.ok(created !== undefined);
  const name = /CREATE TABLE (\S+) /.exec(created)![1]!;
  assert.ok(runner.executed.includes(`insert into ${name} values (1, 'a')`));
  assert.ok(runner.executed.includes(`DROP TABLE IF EXISTS ${name}`));

  const failed = await productTests.run(testCase({ statements: ['boom'] }));
  assert.equal(failed.status, 'failed');
  assert.equal(failed.cause, "SYNTAX_ERROR: mismatched input '…'");
  const external = await productTests.run(testCase({ properties: { tables: 'postgres.public.workers_psql' } }));
  assert.equal(external.status, 'not-applicable');
  const tpcds = await productTests.run(testCase({ properties: { database: 'trino_tpcds' } }));
  assert.equal(tpcds.status, 'not-applicable');
});
