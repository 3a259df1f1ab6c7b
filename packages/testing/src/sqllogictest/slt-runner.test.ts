import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BIGINT, VARCHAR } from '@petrel/spi';
import { queryFailure, queryRows } from '../common/query-runner.js';
import type { QueryOutcome, QueryRunner } from '../common/query-runner.js';
import { md5Hex } from '../common/md5.js';
import { parseSltFile } from './slt-parser.js';
import { runSltRecords } from './slt-runner.js';

/** A runner that answers from a function and records what it was asked. */
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

const ok = queryRows([], []);

test('counts passes, failures, directive skips and known differences', async () => {
  const script = `statement ok
CREATE TABLE t(a INTEGER, b TEXT)

statement ok
CREATE INDEX i ON t(a)

query I rowsort
SELECT a FROM t
----
1
2

query I nosort
SELECT a FROM t WHERE a > 1
----
5

onlyif mysql
query I
SELECT a DIV 2 FROM t
----
0

query I
SELECT a / 0 FROM t
----
NULL
NULL

query T
SELECT b FROM t
----
2 values hashing to ${md5Hex('x\n(empty)\n')}
`;
  const runner = new ScriptedRunner((sql) => {
    if (sql.startsWith('CREATE TABLE')) return ok;
    if (sql === 'SELECT a FROM t') return queryRows([{ name: 'a', type: BIGINT }], [[2], [1]]);
    if (sql === 'SELECT a FROM t WHERE a > 1') return queryRows([{ name: 'a', type: BIGINT }], [[2]]);
    if (sql === 'SELECT a / 0 FROM t') return queryFailure('DIVISION_BY_ZERO', 'Division by zero');
    if (sql === 'SELECT b FROM t') return queryRows([{ name: 'b', type: VARCHAR }], [['x'], ['']]);
    return queryFailure('SYNTAX_ERROR', `unexpected ${sql}`);
  });
  const result = await runSltRecords('t.test', parseSltFile(script), runner);
  assert.deepEqual(result.queries, { passed: 2, failed: 1, skipped: 1, knownDifference: 1, noop: 0 });
  assert.deepEqual(result.statements, { passed: 1, failed: 0, skipped: 0, knownDifference: 0, noop: 1 });
  assert.deepEqual(result.knownDifferences, { 'division-by-zero': 1 });
  assert.equal(result.failures.length, 1);
  assert.equal(result.failures[0]!.line, 13);
  assert.equal(result.failures[0]!.cause, 'wrong result');
  assert.equal(runner.executed[0], 'CREATE TABLE t(a BIGINT, b VARCHAR)');
  assert.ok(!runner.executed.some((sql) => sql.includes('DIV')));
});

test('merges single-row inserts and falls back to one by one when the batch fails', async () => {
  const script = `statement ok
INSERT INTO t VALUES(1, 'a')

statement ok
INSERT INTO t VALUES(2, 'b')

statement ok
INSERT INTO u VALUES(3)

query I
SELECT 1
----
1
`;
  const merged = new ScriptedRunner((sql) => (sql === 'SELECT 1' ? queryRows([{ name: '_col0', type: BIGINT }], [[1]]) : ok));
  const result = await runSltRecords('t.test', parseSltFile(script), merged);
  assert.deepEqual(merged.executed, ["INSERT INTO t VALUES (1, 'a'), (2, 'b')", 'INSERT INTO u VALUES(3)', 'SELECT 1']);
  assert.equal(result.statements.passed, 3);
  assert.equal(result.queries.passed, 1);

  const failingBatch = new ScriptedRunner((sql) => (sql.includes('), (') ? queryFailure('TYPE_MISMATCH', 'no common type') : ok));
  const fallback = await runSltRecords('t.test', parseSltFile(script), failingBatch, { queryLimit: 0 });
  assert.deepEqual(failingBatch.executed, ["INSERT INTO t VALUES (1, 'a'), (2, 'b')", "INSERT INTO t VALUES(1, 'a')", "INSERT INTO t VALUES(2, 'b')", 'INSERT INTO u VALUES(3)']);
  assert.equal(fallback.statements.passed, 3);
  assert.equal(fallback.stoppedAt, 'query limit 0');
});

test('queries sharing a label must agree; halt stops the file; statement error expects an error', async () => {
  const script = `query I nosort label-1
SELECT 1
----
1

query I nosort label-1
SELECT 2
----
1

statement error
SELECT broken

statement error
SELECT fine

halt

query I
SELECT 3
----
3
`;
  const runner = new ScriptedRunner((sql) => {
    if (sql === 'SELECT 1') return queryRows([{ name: 'x', type: BIGINT }], [[1]]);
    if (sql === 'SELECT 2') return queryRows([{ name: 'x', type: BIGINT }], [[2]]);
    if (sql === 'SELECT broken') return queryFailure('SYNTAX_ERROR', 'broken');
    return ok;
  });
  const result = await runSltRecords('t.test', parseSltFile(script), runner);
  assert.equal(result.queries.passed, 1);
  assert.equal(result.queries.failed, 1);
  assert.deepEqual(result.statements, { passed: 1, failed: 1, skipped: 0, knownDifference: 0, noop: 0 });
  assert.equal(result.stoppedAt, 'halt at line 17');
  assert.ok(!runner.executed.includes('SELECT 3'));
});
