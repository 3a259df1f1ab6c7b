import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BIGINT, DATE, DOUBLE, VARCHAR, charType, decimalType } from '@petrel/spi';
import { parseTpchAnswer } from './tpch-answer.js';
import { compareTpchResult, tpchValueMatches } from './tpch-compare.js';
import { tpchQueryNames } from './tpch-runner.js';

test('parses answer files', () => {
  const answer = parseTpchAnswer('a|b\n1|x\n2|y\n');
  assert.deepEqual(answer.columns, ['a', 'b']);
  assert.deepEqual(answer.rows, [['1', 'x'], ['2', 'y']]);
  // a single NULL value is an empty line
  assert.deepEqual(parseTpchAnswer('avg_yearly\n\n').rows, [['']]);
  assert.deepEqual(parseTpchAnswer('a\n').rows, []);
});

test('numbers match with relative tolerance, money with 0.01', () => {
  assert.ok(tpchValueMatches(25.575154611454693, DOUBLE, '25.575154611454693'));
  assert.ok(tpchValueMatches(25.5751546, DOUBLE, '25.575154611454693'));
  assert.ok(!tpchValueMatches(25.58, DOUBLE, '25.575154611454693'));
  assert.ok(tpchValueMatches(532348211.6500001, DOUBLE, '532348211.65'));
  assert.ok(tpchValueMatches(439687.225, DOUBLE, '439687.23'));
  assert.ok(!tpchValueMatches(1.2, DOUBLE, '1.23'));
  assert.ok(!tpchValueMatches(439690.2, DOUBLE, '439687.23'));
  assert.ok(tpchValueMatches(30500n, decimalType(12, 2), '305.00'));
  assert.ok(tpchValueMatches(14876, BIGINT, '14876'));
  assert.ok(!tpchValueMatches(14877, BIGINT, '14876'));
});

test('dates, strings and chars compare as text', () => {
  assert.ok(tpchValueMatches(9424, DATE, '1995-10-21'));
  assert.ok(!tpchValueMatches(9425, DATE, '1995-10-21'));
  assert.ok(tpchValueMatches('Customer#000000667', VARCHAR, 'Customer#000000667'));
  assert.ok(tpchValueMatches('BRAZIL   ', charType(9), 'BRAZIL'));
  assert.ok(!tpchValueMatches('brazil', VARCHAR, 'BRAZIL'));
});

test('compares rows in order and reports the first difference', () => {
  const answer = parseTpchAnswer('n|v\na|1.00\nb|2.00\n');
  assert.equal(compareTpchResult([VARCHAR, DOUBLE], [['a', 1], ['b', 2]], answer), undefined);
  assert.match(compareTpchResult([VARCHAR, DOUBLE], [['b', 2], ['a', 1]], answer) ?? '', /row 1 column n/);
  assert.match(compareTpchResult([VARCHAR, DOUBLE], [['a', 1]], answer) ?? '', /expected 2 rows, got 1/);
  assert.match(compareTpchResult([VARCHAR], [['a'], ['b']], answer) ?? '', /expected 2 columns/);
  assert.equal(tpchQueryNames().length, 22);
});
