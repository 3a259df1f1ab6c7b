import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  arrayType,
  BIGINT,
  BOOLEAN,
  charType,
  DATE,
  decimalType,
  DOUBLE,
  INTEGER,
  INTERVAL_DAY_TO_SECOND,
  INTERVAL_YEAR_TO_MONTH,
  IPADDRESS,
  longTimestamp,
  mapType,
  REAL,
  rowType,
  sqlMap,
  timestampType,
  timestampWithTimeZone,
  timestampWithTimeZoneType,
  timeType,
  timeWithTimeZone,
  timeWithTimeZoneType,
  VARBINARY,
  VARCHAR,
  varcharType,
} from '@petrel/spi';
import { encodeValue, formatDecimal, writeTypedJson } from './value-encoding.js';
import { clientTypeName, toClientTypeSignature } from './client-type-signature.js';
import { formatJavaDouble, formatJavaFloat } from './java-number-format.js';
import { parseJson, stringifyJson } from './json-value.js';

const legacy = { parametricDatetime: false };

test('scalars encode as Trino writes them', () => {
  assert.equal(encodeValue(BOOLEAN, true), true);
  assert.equal(encodeValue(INTEGER, 42), 42);
  assert.equal(encodeValue(BIGINT, 9223372036854775807n), 9223372036854775807n);
  assert.equal(writeTypedJson(BIGINT, encodeValue(BIGINT, 9223372036854775807n)), '9223372036854775807');
  assert.equal(writeTypedJson(DOUBLE, encodeValue(DOUBLE, 1)), '1.0');
  assert.equal(writeTypedJson(DOUBLE, encodeValue(DOUBLE, 1e10)), '1.0E10');
  assert.equal(writeTypedJson(DOUBLE, encodeValue(DOUBLE, NaN)), '"NaN"');
  assert.equal(writeTypedJson(DOUBLE, encodeValue(DOUBLE, -Infinity)), '"-Infinity"');
  assert.equal(writeTypedJson(REAL, encodeValue(REAL, Math.fround(0.1))), '0.1');
  assert.equal(encodeValue(decimalType(10, 2), 1030n), '10.30');
  assert.equal(encodeValue(decimalType(10, 2), -5n), '-0.05');
  assert.equal(encodeValue(VARBINARY, new Uint8Array([0x61, 0x62, 0x63])), 'YWJj');
  assert.equal(encodeValue(charType(5), 'ab   '), 'ab   ');
  assert.equal(encodeValue(VARCHAR, null), null);
  assert.equal(encodeValue(IPADDRESS, new Uint8Array([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 10, 0, 0, 1])), '10.0.0.1');
  assert.equal(encodeValue(IPADDRESS, new Uint8Array([0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1])), '2001:db8::1');
});

test('date and time values', () => {
  assert.equal(encodeValue(DATE, 0), '1970-01-01');
  assert.equal(encodeValue(DATE, 11556), '2001-08-22');
  assert.equal(encodeValue(DATE, -1), '1969-12-31');
  assert.equal(encodeValue(timeType(3), 3723456000000000n), '01:02:03.456');
  assert.equal(encodeValue(timeType(0), 3723456000000000n), '01:02:03');
  assert.equal(encodeValue(timeWithTimeZoneType(3), timeWithTimeZone(3723456000000000n, -480)), '01:02:03.456-08:00');
  const millis = Date.UTC(2001, 7, 22, 3, 4, 5, 321);
  assert.equal(encodeValue(timestampType(3), millis), '2001-08-22 03:04:05.321');
  assert.equal(encodeValue(timestampType(0), millis), '2001-08-22 03:04:05');
  assert.equal(encodeValue(timestampType(6), longTimestamp(millis, 123_000_000)), '2001-08-22 03:04:05.321123');
  assert.equal(encodeValue(timestampType(6), longTimestamp(millis, 123_000_000), legacy), '2001-08-22 03:04:05.321');
  assert.equal(encodeValue(timestampWithTimeZoneType(3), timestampWithTimeZone(millis, 0, 'UTC')), '2001-08-22 03:04:05.321 UTC');
  assert.equal(
    encodeValue(timestampWithTimeZoneType(3), timestampWithTimeZone(millis, 0, 'America/New_York')),
    '2001-08-21 23:04:05.321 America/New_York',
  );
  assert.equal(encodeValue(timestampWithTimeZoneType(0), timestampWithTimeZone(millis, 0, '+05:30')), '2001-08-22 08:34:05 +05:30');
  assert.equal(encodeValue(INTERVAL_DAY_TO_SECOND, 93784000), '1 02:03:04.000');
  assert.equal(encodeValue(INTERVAL_DAY_TO_SECOND, -1500), '-0 00:00:01.500');
  assert.equal(encodeValue(INTERVAL_YEAR_TO_MONTH, 14), '1-2');
  assert.equal(encodeValue(INTERVAL_YEAR_TO_MONTH, -14), '-1-2');
});

test('structural values', () => {
  const arr = arrayType(INTEGER);
  assert.deepEqual(encodeValue(arr, [1, null, 3]), [1, null, 3]);
  const map = mapType(VARCHAR, DOUBLE);
  assert.equal(writeTypedJson(map, encodeValue(map, sqlMap(['a', 'b'], [1, 2.5]))), '{"a":1.0,"b":2.5}');
  assert.equal(writeTypedJson(mapType(DOUBLE, INTEGER), encodeValue(mapType(DOUBLE, INTEGER), sqlMap([1], [2]))), '{"1.0":2}');
  const row = rowType([
    { name: 'x', type: BIGINT },
    { name: 'y', type: arrayType(DATE) },
  ]);
  assert.equal(writeTypedJson(row, encodeValue(row, [1, [0]])), '[1,["1970-01-01"]]');
});

test('type signatures', () => {
  assert.deepEqual(toClientTypeSignature(VARCHAR), { rawType: 'varchar', arguments: [{ kind: 'LONG', value: 2147483647 }] });
  assert.deepEqual(toClientTypeSignature(varcharType(25)), { rawType: 'varchar', arguments: [{ kind: 'LONG', value: 25 }] });
  assert.deepEqual(toClientTypeSignature(decimalType(10, 2)), {
    rawType: 'decimal',
    arguments: [
      { kind: 'LONG', value: 10 },
      { kind: 'LONG', value: 2 },
    ],
  });
  assert.deepEqual(toClientTypeSignature(rowType([{ name: 'x', type: BIGINT }])), {
    rawType: 'row',
    arguments: [{ kind: 'NAMED_TYPE', value: { fieldName: { name: 'x' }, typeSignature: { rawType: 'bigint', arguments: [] } } }],
  });
  assert.deepEqual(toClientTypeSignature(arrayType(INTEGER)), { rawType: 'array', arguments: [{ kind: 'TYPE', value: { rawType: 'integer', arguments: [] } }] });
  assert.equal(clientTypeName(timestampType(6)), 'timestamp(6)');
  assert.equal(clientTypeName(timestampType(6), legacy), 'timestamp');
  assert.deepEqual(toClientTypeSignature(timestampType(6), legacy), { rawType: 'timestamp', arguments: [] });
});

test('Java number formatting', () => {
  assert.equal(formatJavaDouble(0), '0.0');
  assert.equal(formatJavaDouble(-0), '-0.0');
  assert.equal(formatJavaDouble(123.45), '123.45');
  assert.equal(formatJavaDouble(1e7), '1.0E7');
  assert.equal(formatJavaDouble(9999999), '9999999.0');
  assert.equal(formatJavaDouble(0.001), '0.001');
  assert.equal(formatJavaDouble(0.0001), '1.0E-4');
  assert.equal(formatJavaDouble(-1.5e-7), '-1.5E-7');
  assert.equal(formatJavaDouble(1.7976931348623157e308), '1.7976931348623157E308');
  assert.equal(formatJavaFloat(Math.fround(3.14)), '3.14');
  assert.equal(formatJavaFloat(Math.fround(1e10)), '1.0E10');
  assert.equal(formatDecimal(0n, 3), '0.000');
});

test('JSON text keeps bigints exact both ways', () => {
  const text = '{"a":[9223372036854775807,-9007199254740993,1.5,"x",null,true]}';
  const parsed = parseJson(text);
  assert.deepEqual(parsed, { a: [9223372036854775807n, -9007199254740993n, 1.5, 'x', null, true] });
  assert.equal(stringifyJson(parsed), text);
  assert.throws(() => parseJson('{"a":'), SyntaxError);
  assert.throws(() => parseJson('[1,2] x'), SyntaxError);
});

test('compiled column writers agree with the generic encoding', async () => {
  const { createJsonValueWriter } = await import('./value-encoding.js');
  const cases: [import('@petrel/spi').SqlType, import('@petrel/spi').SqlValue][] = [
    [BIGINT, 9223372036854775807n],
    [INTEGER, -5],
    [BOOLEAN, false],
    [DOUBLE, 1],
    [DOUBLE, NaN],
    [VARCHAR, 'a"b'],
    [DATE, 11556],
    [decimalType(10, 2), 1030n],
    [arrayType(DOUBLE), [1, 2.5]],
    [VARCHAR, null],
  ];
  for (const [type, value] of cases) {
    assert.equal(createJsonValueWriter(type)(value), writeTypedJson(type, encodeValue(type, value)));
  }
});
