import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rewriteStatement } from './slt-dialect.js';
import { PETREL_DIRECTIVE_POLICY, STRICT_DIRECTIVE_POLICY, skipReason } from './slt-directives.js';

test('maps SQLite column types and drops key constraints', () => {
  assert.deepEqual(rewriteStatement('CREATE TABLE tab0(pk INTEGER PRIMARY KEY, col0 INTEGER, col1 FLOAT, col2 TEXT, col3 REAL)'), {
    kind: 'execute',
    sql: 'CREATE TABLE tab0(pk BIGINT, col0 BIGINT, col1 DOUBLE, col2 VARCHAR, col3 DOUBLE)',
  });
  assert.deepEqual(rewriteStatement('CREATE TABLE t1(\n  a1 INTEGER PRIMARY KEY,\n  x1 VARCHAR(40)\n)'), {
    kind: 'execute',
    sql: 'CREATE TABLE t1(\n  a1 BIGINT,\n  x1 VARCHAR(40)\n)',
  });
  assert.deepEqual(rewriteStatement('CREATE TABLE t7(a TEXT, UNIQUE (a(1)))'), { kind: 'execute', sql: 'CREATE TABLE t7(a VARCHAR)' });
  assert.deepEqual(rewriteStatement('CREATE TABLE t8(a INTEGER UNIQUE)'), { kind: 'execute', sql: 'CREATE TABLE t8(a BIGINT)' });
});

test('leaves names that look like types, queries and CTAS alone', () => {
  assert.deepEqual(rewriteStatement('CREATE TABLE text(integer INTEGER)'), { kind: 'execute', sql: 'CREATE TABLE text(integer BIGINT)' });
  assert.deepEqual(rewriteStatement('CREATE TABLE t AS SELECT CAST(1 AS INTEGER) x'), { kind: 'execute', sql: 'CREATE TABLE t AS SELECT CAST(1 AS INTEGER) x' });
  assert.deepEqual(rewriteStatement("INSERT INTO t VALUES('TEXT', 1)"), { kind: 'execute', sql: "INSERT INTO t VALUES('TEXT', 1)" });
});

test('index maintenance is a no-op', () => {
  assert.equal(rewriteStatement('CREATE INDEX idx ON t(a)').kind, 'noop');
  assert.equal(rewriteStatement('CREATE UNIQUE INDEX idx_tab0_0 ON tab0 (col0 DESC)').kind, 'noop');
  assert.equal(rewriteStatement('DROP INDEX t1i1').kind, 'noop');
  assert.equal(rewriteStatement('REINDEX t1i1').kind, 'noop');
});

test('directives: onlyif other databases skips, skipif postgresql honoured except for AS aliases', () => {
  const asAlias = { kind: 'skipif', database: 'postgresql', reason: 'PostgreSQL requires AS when renaming output columns' } as const;
  const groupBy = { kind: 'skipif', database: 'postgresql', reason: 'PostgreSQL has strict column usage for GROUP BY clauses' } as const;
  assert.equal(skipReason([{ kind: 'onlyif', database: 'mysql', reason: undefined }], PETREL_DIRECTIVE_POLICY), 'onlyif mysql');
  assert.equal(skipReason([{ kind: 'skipif', database: 'mysql', reason: undefined }], PETREL_DIRECTIVE_POLICY), undefined);
  assert.equal(skipReason([asAlias], PETREL_DIRECTIVE_POLICY), undefined);
  assert.equal(skipReason([asAlias], STRICT_DIRECTIVE_POLICY), 'skipif postgresql');
  assert.equal(skipReason([groupBy], PETREL_DIRECTIVE_POLICY), 'skipif postgresql');
  assert.equal(skipReason([], PETREL_DIRECTIVE_POLICY), undefined);
});
