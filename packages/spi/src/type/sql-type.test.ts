import { test } from 'node:test';
import assert from 'node:assert/strict';
import { arrayType, decimalType, INTEGER, mapType, rowType, timestampWithTimeZoneType, typeDisplayName, typeEquals, VARCHAR, varcharType } from './sql-type.js';

test('display names follow Trino', () => {
  assert.equal(typeDisplayName(decimalType(10, 2)), 'decimal(10,2)');
  assert.equal(typeDisplayName(varcharType(5)), 'varchar(5)');
  assert.equal(typeDisplayName(VARCHAR), 'varchar');
  assert.equal(typeDisplayName(timestampWithTimeZoneType(6)), 'timestamp(6) with time zone');
  assert.equal(typeDisplayName(mapType(VARCHAR, arrayType(INTEGER))), 'map(varchar, array(integer))');
  assert.equal(typeDisplayName(rowType([{ name: 'a', type: INTEGER }, { name: 'B c', type: VARCHAR }])), 'row(a integer, "B c" varchar)');
});

test('structural equality', () => {
  assert.ok(typeEquals(arrayType(decimalType(3, 1)), arrayType(decimalType(3, 1))));
  assert.ok(!typeEquals(decimalType(3, 1), decimalType(3, 2)));
  assert.ok(!typeEquals(varcharType(3), VARCHAR));
});
