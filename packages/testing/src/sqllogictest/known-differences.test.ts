import { test } from 'node:test';
import assert from 'node:assert/strict';
import { groupByClause, matchKnownDifference } from './known-differences.js';

const id = (facts: Parameters<typeof matchKnownDifference>[0]): string | undefined => matchKnownDifference(facts)?.id;

test('each entry needs its exact failure, not just a pattern in the SQL', () => {
  assert.equal(id({ kind: 'query', file: 'f', sql: 'SELECT 1 / 0', errorName: 'DIVISION_BY_ZERO', message: 'Division by zero' }), 'division-by-zero');
  assert.equal(id({ kind: 'query', file: 'f', sql: 'SELECT 1 / 0', errorName: undefined, message: undefined }), undefined);
  assert.equal(id({ kind: 'query', file: 'f', sql: 'SELECT 1 / 0', errorName: 'GENERIC_INTERNAL_ERROR', message: 'x' }), undefined);
  assert.equal(id({ kind: 'query', file: 'f', sql: "SELECT * FROM t WHERE b = 1", errorName: 'TYPE_MISMATCH', message: 'line 1:25: Cannot apply operator: varchar = integer' }), 'string-number-affinity');
  assert.equal(id({ kind: 'query', file: 'f', sql: 'SELECT * FROM t WHERE a = 1.5', errorName: 'TYPE_MISMATCH', message: 'line 1:25: Cannot apply operator: bigint = date' }), undefined);
  assert.equal(id({ kind: 'query', file: 'f', sql: 'SELECT 1 FROM t1 WHERE 1 IN ()', errorName: 'SYNTAX_ERROR', message: "mismatched input ')'" }), 'empty-in-list');
  assert.equal(id({ kind: 'query', file: 'f', sql: 'SELECT 1 FROM t1 WHERE 1 IN (2)', errorName: 'SYNTAX_ERROR', message: "mismatched input ')'" }), undefined);
});

test('ungrouped columns count only when the column is really not grouped', () => {
  const sql = 'SELECT DISTINCT - COALESCE ( - 79, - tab1.col1 ) col0 FROM tab1 GROUP BY tab1.col2';
  assert.equal(groupByClause(sql), 'tab1.col2');
  assert.equal(id({ kind: 'query', file: 'f', sql, errorName: 'EXPRESSION_NOT_AGGREGATE', message: "line 1:38: 'tab1.col1' must be an aggregate expression or appear in GROUP BY clause" }), 'ungrouped-column');
  const otherAlias = 'SELECT ALL COALESCE ( 78, - cor1.col2 * - 62 - + 55 ) col2 FROM tab1 AS cor0 CROSS JOIN tab1 AS cor1 GROUP BY cor0.col2';
  assert.equal(id({ kind: 'query', file: 'f', sql: otherAlias, errorName: 'EXPRESSION_NOT_AGGREGATE', message: "line 1:29: 'cor1.col2' must be an aggregate expression or appear in GROUP BY clause" }), 'ungrouped-column');
  const qualifiedGrouped = 'SELECT cor0.col2 + 1 FROM tab1 AS cor0 GROUP BY cor0.col2';
  assert.equal(id({ kind: 'query', file: 'f', sql: qualifiedGrouped, errorName: 'EXPRESSION_NOT_AGGREGATE', message: "line 1:8: 'cor0.col2' must be an aggregate expression or appear in GROUP BY clause" }), undefined);
  const grouped = 'SELECT col1 + 1 FROM tab1 GROUP BY col1 HAVING col1 > 2';
  assert.equal(id({ kind: 'query', file: 'f', sql: grouped, errorName: 'EXPRESSION_NOT_AGGREGATE', message: "line 1:8: 'col1' must be an aggregate expression or appear in GROUP BY clause" }), undefined);
});

test('statement entries apply to statements only', () => {
  const facts = { file: 'f', sql: 'CREATE TRIGGER t1r1 UPDATE ON t1 BEGIN SELECT 1; END;', errorName: 'SYNTAX_ERROR', message: "mismatched input 'TRIGGER'" };
  assert.equal(id({ ...facts, kind: 'statement' }), 'sqlite-only-statement');
  assert.equal(id({ ...facts, kind: 'query' }), undefined);
});
