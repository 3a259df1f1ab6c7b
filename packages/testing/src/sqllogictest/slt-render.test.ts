import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BIGINT, BOOLEAN, DOUBLE, INTEGER, VARCHAR, decimalType } from '@petrel/spi';
import { formatFixed3, renderSltValue, sanitizeText, sqliteRealText } from './slt-render.js';

test('I truncates toward zero and reads text as its leading number', () => {
  assert.equal(renderSltValue(42, 'I', BIGINT), '42');
  assert.equal(renderSltValue(-7, 'I', INTEGER), '-7');
  assert.equal(renderSltValue(2n ** 62n, 'I', BIGINT), '4611686018427387904');
  assert.equal(renderSltValue(2.9, 'I', DOUBLE), '2');
  assert.equal(renderSltValue(-2.9, 'I', DOUBLE), '-2');
  assert.equal(renderSltValue(125n, 'I', decimalType(5, 2)), '1');
  assert.equal(renderSltValue(-125n, 'I', decimalType(5, 2)), '-1');
  assert.equal(renderSltValue(true, 'I', BOOLEAN), '1');
  assert.equal(renderSltValue(false, 'I', BOOLEAN), '0');
  assert.equal(renderSltValue('12abc', 'I', VARCHAR), '12');
  assert.equal(renderSltValue('abc', 'I', VARCHAR), '0');
  assert.equal(renderSltValue(null, 'I', BIGINT), 'NULL');
});

test('R prints %.3f with ties to even on the exact binary value', () => {
  assert.equal(renderSltValue(1, 'R', BIGINT), '1.000');
  assert.equal(renderSltValue(2.5, 'R', DOUBLE), '2.500');
  assert.equal(renderSltValue(-0.3333333, 'R', DOUBLE), '-0.333');
  assert.equal(renderSltValue(1225n, 'R', decimalType(6, 3)), '1.225');
  assert.equal(formatFixed3(0.0625), '0.062'); // exact tie: even
  assert.equal(formatFixed3(0.1875), '0.188'); // exact tie: even
  assert.equal(formatFixed3(1.0005), '1.000'); // 1.0005 is below the tie in binary
  assert.equal(formatFixed3(2.675), '2.675');
  assert.equal(formatFixed3(-0.0001), '-0.000');
  assert.equal(formatFixed3(1e22), '10000000000000000000000.000');
  assert.equal(formatFixed3(123456789.98765), '123456789.988');
  assert.equal(renderSltValue(null, 'R', DOUBLE), 'NULL');
});

test('T marks empty strings and non-printable bytes', () => {
  assert.equal(renderSltValue('', 'T', VARCHAR), '(empty)');
  assert.equal(renderSltValue('a b', 'T', VARCHAR), 'a b');
  assert.equal(sanitizeText('tab\there'), 'tab@here');
  assert.equal(sanitizeText('é'), '@@'); // two UTF-8 bytes
  assert.equal(renderSltValue(17, 'T', BIGINT), '17');
  assert.equal(renderSltValue(null, 'T', VARCHAR), 'NULL');
});

test('T prints reals as SQLite does (%!.15g)', () => {
  assert.equal(sqliteRealText(1), '1.0');
  assert.equal(sqliteRealText(0.1), '0.1');
  assert.equal(sqliteRealText(-2.5), '-2.5');
  assert.equal(sqliteRealText(1e20), '1.0e+20');
  assert.equal(sqliteRealText(1.5e-7), '1.5e-07');
  assert.equal(sqliteRealText(0.0001), '0.0001');
  assert.equal(sqliteRealText(1 / 3), '0.333333333333333');
  assert.equal(renderSltValue(2.25, 'T', DOUBLE), '2.25');
});
