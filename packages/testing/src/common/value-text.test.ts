import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BIGINT, BOOLEAN, DATE, DOUBLE, VARCHAR, arrayType, decimalType, longTimestamp, mapType, sqlMap, timestampType } from '@petrel/spi';
import { dateText, decimalText, javaDoubleText, trinoValueText } from './value-text.js';
import { failureCause } from './failure-cause.js';
import { globToRegExp } from './paths.js';
import { parseArguments } from './arguments.js';
import { describeFailure } from './engine-query-runner.js';

test('formats values as a Trino client shows them', () => {
  assert.equal(decimalText(-5n, 2), '-0.05');
  assert.equal(decimalText(12345n, 0), '12345');
  assert.equal(dateText(0), '1970-01-01');
  assert.equal(dateText(-1), '1969-12-31');
  assert.equal(javaDoubleText(1), '1.0');
  assert.equal(javaDoubleText(0.05), '0.05');
  assert.equal(javaDoubleText(1e7), '1.0E7');
  assert.equal(javaDoubleText(1.5e-5), '1.5E-5');
  assert.equal(trinoValueText(null, BIGINT), 'null');
  assert.equal(trinoValueText(true, BOOLEAN), 'true');
  assert.equal(trinoValueText(12345n, decimalType(10, 3)), '12.345');
  assert.equal(trinoValueText(9424, DATE), '1995-10-21');
  assert.equal(trinoValueText(Date.UTC(2015, 0, 1, 3, 15, 16, 7), timestampType(3)), '2015-01-01 03:15:16.007');
  assert.equal(trinoValueText(longTimestamp(Date.UTC(2015, 0, 1), 500_000_000), timestampType(6)), '2015-01-01 00:00:00.000500');
  assert.equal(trinoValueText([1, null], arrayType(BIGINT)), '[1, null]');
  assert.equal(trinoValueText(sqlMap(['a'], [1.5]), mapType(VARCHAR, DOUBLE)), '{a=1.5}');
});

test('groups failures by a normalized cause', () => {
  assert.equal(failureCause('TYPE_MISMATCH', "line 1:8: Cannot apply operator: varchar = integer for 'abc' and 12"), "TYPE_MISMATCH: Cannot apply operator: varchar = integer for '…' and N");
  assert.equal(failureCause(undefined, undefined), 'wrong result');
  assert.deepEqual(describeFailure(Object.assign(new Error('boom'), { errorName: 'DIVISION_BY_ZERO' }), 1), { kind: 'error', errorName: 'DIVISION_BY_ZERO', message: 'boom', elapsedMillis: 1 });
  assert.equal(describeFailure(new TypeError('x is undefined'), 1).kind === 'error' && (describeFailure(new TypeError('x'), 1) as { errorName: string }).errorName, 'INTERNAL');
});

test('globs and arguments', () => {
  assert.ok(globToRegExp('test/select1.test').test('test/select1.test'));
  assert.ok(globToRegExp('select*.test').test('test/select4.test'));
  assert.ok(globToRegExp('test/random/**').test('test/random/expr/slt_good_0.test'));
  assert.ok(!globToRegExp('test/random/*').test('test/random/expr/slt_good_0.test'));
  const args = parseArguments(['--files', 'a', 'b', '--limit', '5', '--json', '--dirs=x,y'], ['files', 'limit', 'dirs']);
  assert.deepEqual(args.values.get('files'), ['a', 'b']);
  assert.deepEqual(args.values.get('limit'), ['5']);
  assert.deepEqual(args.values.get('dirs'), ['x,y']);
  assert.ok(args.flags.has('json'));
});
