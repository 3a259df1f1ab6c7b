import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BIGINT, BOOLEAN, DATE, DOUBLE, INTEGER, VARCHAR, arrayType, decimalType, timestampType } from '@petrel/spi';
import { expectedResult } from './product-test-case.js';
import { compareProductTestResult, splitExpectedLine } from './result-compare.js';

test('splits lines like tempto: literal delimiter, trailing delimiter dropped, optional trim', () => {
  const plain = { delimiter: '|', trimValues: false };
  assert.deepEqual(splitExpectedLine('1|ALGERIA|', plain), ['1', 'ALGERIA']);
  assert.deepEqual(splitExpectedLine('1|ALGERIA', plain), ['1', 'ALGERIA']);
  assert.deepEqual(splitExpectedLine(' 0 | ALGERIA        | 0', { delimiter: '|', trimValues: true }), ['0', 'ALGERIA', '0']);
  assert.deepEqual(splitExpectedLine('a||', plain), ['a', '']);
});

test('ignoreOrder checks that every expected row is present and the row count', () => {
  const expected = expectedResult({ ignoreOrder: 'true' }, ['1|a|', '2|null|']);
  assert.equal(compareProductTestResult([BIGINT, VARCHAR], [[2, null], [1, 'a']], expected), undefined);
  assert.equal(compareProductTestResult([BIGINT, VARCHAR], [[2, null], [1, 'b']], expected)?.category, 'missing rows');
  assert.equal(compareProductTestResult([BIGINT, VARCHAR], [[2, null], [1, 'a'], [3, 'c']], expected)?.category, 'row count');
  const excess = expectedResult({ ignoreOrder: 'true', ignoreExcessRows: 'true' }, ['1|a|']);
  assert.equal(compareProductTestResult([BIGINT, VARCHAR], [[2, null], [1, 'a'], [3, 'c']], excess), undefined);
});

test('ordered comparison and declared types', () => {
  const expected = expectedResult({ ignoreOrder: 'false', types: 'BIGINT|VARCHAR' }, ['1|a|', '2|b|']);
  assert.equal(compareProductTestResult([BIGINT, VARCHAR], [[1, 'a'], [2, 'b']], expected), undefined);
  assert.equal(compareProductTestResult([BIGINT, VARCHAR], [[2, 'b'], [1, 'a']], expected)?.category, 'rows differ');
  assert.equal(compareProductTestResult([INTEGER, VARCHAR], [[1, 'a'], [2, 'b']], expected)?.category, 'column types');
});

test('values are read with the actual column types', () => {
  const check = (types: Parameters<typeof compareProductTestResult>[0], row: Parameters<typeof compareProductTestResult>[1][number], line: string) =>
    compareProductTestResult(types, [row], expectedResult({}, [line]));
  assert.equal(check([DOUBLE], [0.1 + 0.2], '0.3|'), undefined);
  assert.equal(check([DOUBLE], [0.31], '0.3|')?.category, 'rows differ');
  assert.equal(check([decimalType(38, 16)], [33094000000000000000n], '3309.4000000000000000|'), undefined);
  assert.equal(check([decimalType(5, 2)], [12300n], '123.0|'), undefined);
  assert.equal(check([BOOLEAN], [true], 'TRUE|'), undefined);
  assert.equal(check([DATE], [10477], '1998-09-08|'), undefined);
  assert.equal(check([timestampType(3)], [Date.UTC(2015, 0, 1, 3, 15, 16)], '2015-01-01 03:15:16|'), undefined);
  assert.equal(check([BIGINT], [5], 'x|')?.category, 'expected values do not fit the result columns');
  assert.equal(check([arrayType(BIGINT)], [[1]], '[1]|')?.category, 'expected values do not fit the result columns');
  assert.equal(check([arrayType(BIGINT)], [null], 'null|'), undefined);
  assert.equal(check([BIGINT, BIGINT], [1, 2], '1|')?.category, 'expected values do not fit the result columns');
});
