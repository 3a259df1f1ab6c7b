import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BIGINT, VARCHAR } from '@petrel/spi';
import { md5Hex } from '../common/md5.js';
import { compareSltResult, hashSltValues, renderSltRows, sortSltValues } from './slt-result.js';

test('rowsort compares rendered rows as text, so 9 sorts after 10', () => {
  const rows = [['9', 'b'], ['10', 'a'], ['10', '0']];
  assert.deepEqual(sortSltValues(rows, 'rowsort'), ['10', '0', '10', 'a', '9', 'b']);
  assert.deepEqual(sortSltValues(rows, 'nosort'), ['9', 'b', '10', 'a', '10', '0']);
  assert.deepEqual(sortSltValues(rows, 'valuesort'), ['0', '10', '10', '9', 'a', 'b']);
});

test('hash is MD5 over each value followed by a newline', () => {
  assert.equal(hashSltValues(['1', '2']), md5Hex('1\n2\n'));
  assert.equal(hashSltValues([]), 'd41d8cd98f00b204e9800998ecf8427e');
});

test('compares against listed values and against hashes', () => {
  const values = sortSltValues(renderSltRows([[1, 'x'], [null, '']], 'IT', [BIGINT, VARCHAR]), 'nosort');
  assert.deepEqual(values, ['1', 'x', 'NULL', '(empty)']);
  assert.equal(compareSltResult(values, { kind: 'values', values: ['1', 'x', 'NULL', '(empty)'] }), undefined);
  assert.match(compareSltResult(values, { kind: 'values', values: ['1', 'x'] }) ?? '', /expected 2 values, got 4/);
  assert.match(compareSltResult(values, { kind: 'values', values: ['1', 'y', 'NULL', '(empty)'] }) ?? '', /value 2/);
  assert.equal(compareSltResult(values, { kind: 'hash', count: 4, hash: md5Hex('1\nx\nNULL\n(empty)\n') }), undefined);
  assert.match(compareSltResult(values, { kind: 'hash', count: 4, hash: '0'.repeat(32) }) ?? '', /expected hash/);
  assert.match(compareSltResult(values, { kind: 'hash', count: 5, hash: '0'.repeat(32) }) ?? '', /expected 5 values/);
});
