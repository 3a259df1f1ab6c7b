import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSltFile } from './slt-parser.js';

const SCRIPT = `# comment
hash-threshold 8

statement ok
CREATE TABLE t1(a INTEGER,
  b TEXT)

statement error
SELECT nope

skipif mysql # not compatible
onlyif postgresql
query IT rowsort label-12
SELECT a, b
  FROM t1
----
1
x
2
(empty)

query I nosort
SELECT a FROM t1
----
30 values hashing to 3c13dee48d9356ae19af2515e05e6b54

query R
SELECT 1.0
----

halt
`;

test('parses statements, queries, conditions, labels and hashes', () => {
  const records = parseSltFile(SCRIPT);
  assert.deepEqual(
    records.map((r) => r.kind),
    ['hash-threshold', 'statement', 'statement', 'query', 'query', 'query', 'halt'],
  );
  const [threshold, create, failing, labelled, hashed, empty] = records;
  assert.equal(threshold?.kind === 'hash-threshold' && threshold.threshold, 8);
  assert.ok(create?.kind === 'statement');
  assert.equal(create.sql, 'CREATE TABLE t1(a INTEGER,\n  b TEXT)');
  assert.equal(create.expectError, false);
  assert.equal(create.line, 4);
  assert.ok(failing?.kind === 'statement' && failing.expectError);
  assert.ok(labelled?.kind === 'query');
  assert.equal(labelled.types, 'IT');
  assert.equal(labelled.sortMode, 'rowsort');
  assert.equal(labelled.label, 'label-12');
  assert.equal(labelled.sql, 'SELECT a, b\n  FROM t1');
  assert.deepEqual(labelled.expected, { kind: 'values', values: ['1', 'x', '2', '(empty)'] });
  assert.deepEqual(labelled.conditions, [
    { kind: 'skipif', database: 'mysql', reason: 'not compatible' },
    { kind: 'onlyif', database: 'postgresql', reason: undefined },
  ]);
  assert.ok(hashed?.kind === 'query');
  assert.equal(hashed.sortMode, 'nosort');
  assert.deepEqual(hashed.expected, { kind: 'hash', count: 30, hash: '3c13dee48d9356ae19af2515e05e6b54' });
  assert.ok(empty?.kind === 'query');
  assert.deepEqual(empty.expected, { kind: 'values', values: [] });
  assert.equal(empty.sortMode, 'nosort');
});

test('rejects malformed records with the file and line', () => {
  assert.throws(() => parseSltFile('\nquery X\nSELECT 1\n', 'f.test'), /f\.test:2: bad query types/);
  assert.throws(() => parseSltFile('statement maybe\nSELECT 1\n', 'f.test'), /f\.test:1: bad statement line/);
  assert.throws(() => parseSltFile('frobnicate\n', 'f.test'), /unknown record/);
});

test('handles CRLF line endings', () => {
  const records = parseSltFile('statement ok\r\nSELECT 1\r\n\r\nquery I\r\nSELECT 1\r\n----\r\n1\r\n');
  assert.equal(records.length, 2);
  assert.ok(records[1]?.kind === 'query');
  assert.deepEqual(records[1].expected, { kind: 'values', values: ['1'] });
});
