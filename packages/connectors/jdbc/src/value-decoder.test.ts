import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BIGINT, REAL, charType, decimalType, longTimestamp, timeType, timestampType, timestampWithTimeZone, timestampWithTimeZoneType } from '@petrel/spi';
import { parseConnectionUrl, parseDurationMillis } from './jdbc-config.js';
import { formatDecimal, formatDouble } from './sql-literals.js';
import { civilFromDays, daysFromCivil, formatDate, formatTime, formatTimestamp, parseDate, parseTime, parseTimestamp } from './temporal.js';
import { compactJson, decodeValue, parseDecimal, parsePostgresqlArray } from './value-decoder.js';

describe('temporal conversions', () => {
  it('converts civil dates both ways across eras', () => {
    for (const days of [-719528, -25509, -1, 0, 1, 18321, 2932896]) assert.equal(daysFromCivil(...(Object.values(civilFromDays(days)) as [number, number, number])), days);
    assert.equal(parseDate('1970-01-01'), 0);
    assert.equal(parseDate('0001-01-01 BC'), daysFromCivil(0, 1, 1));
    assert.equal(formatDate(-25509), '1900-02-28');
  });

  it('parses and formats times and timestamps with offsets and fractions', () => {
    assert.equal(parseTime('01:02:03.000004'), 3723000004000000n);
    assert.equal(formatTime(3723000004000000n, 6), '01:02:03.000004');
    assert.deepEqual(parseTimestamp('2020-01-01 00:00:00.5+05:30'), { epochMillis: Date.UTC(2019, 11, 31, 18, 30, 0, 500), picosOfMilli: 0, offsetMinutes: 330 });
    assert.equal(formatTimestamp(-1, 0, 3), '1969-12-31 23:59:59.999');
  });
});

describe('value decoding', () => {
  it('decodes decimals exactly, rounding half up beyond the scale', () => {
    assert.equal(parseDecimal('-12.345', 2), -1235n);
    assert.equal(parseDecimal('1e3', 1), 10000n);
    assert.equal(formatDecimal(-5n, 3), '-0.005');
    assert.equal(formatDouble(1), '1E0');
    assert.equal(formatDouble(1e-7), '1E-7');
  });

  it('decodes driver values into the runtime representation', () => {
    assert.equal(decodeValue('standard', BIGINT, '9007199254740992'), 9007199254740992n);
    assert.equal(decodeValue('standard', BIGINT, '42'), 42);
    assert.equal(decodeValue('standard', REAL, '0.1'), Math.fround(0.1));
    assert.equal(decodeValue('standard', charType(3), 'a'), 'a  ');
    assert.equal(decodeValue('standard', decimalType(5, 2), '1.5'), 150n);
    assert.equal(decodeValue('standard', timeType(0), '10:00:00.9'), 36000000000000000n);
    assert.equal(decodeValue('standard', timestampType(3), '2000-01-01 00:00:00.123'), Date.UTC(2000, 0, 1) + 123);
    assert.deepEqual(decodeValue('standard', timestampType(6), '2000-01-01 00:00:00.123456'), longTimestamp(Date.UTC(2000, 0, 1) + 123, 456000000));
    assert.deepEqual(decodeValue('standard', timestampWithTimeZoneType(3), '2000-01-01 00:00:00+01'), timestampWithTimeZone(Date.UTC(1999, 11, 31, 23), 0, 'UTC'));
    assert.deepEqual(decodeValue('binary', BIGINT, '\\x00ff'), new Uint8Array([0, 255]));
    assert.equal(decodeValue('bit-boolean', BIGINT, Buffer.from([1])), true);
    assert.equal(decodeValue('standard', BIGINT, null), null);
  });

  it('parses PostgreSQL array literals and compacts JSON without touching strings', () => {
    assert.deepEqual(parsePostgresqlArray('{1,NULL,"a,b","c\\"d",{2,3}}'), ['1', null, 'a,b', 'c"d', ['2', '3']]);
    assert.equal(compactJson('{ "a b" : [1, 2.50] }'), '{"a b":[1,2.50]}');
  });
});

describe('configuration', () => {
  it('parses connection URLs and durations', () => {
    assert.deepEqual(parseConnectionUrl('c', 'jdbc:postgresql://db.example:6543/sales?ssl=true', 'postgresql', 5432), { host: 'db.example', port: 6543, database: 'sales', parameters: { ssl: 'true' } });
    assert.deepEqual(parseConnectionUrl('c', 'jdbc:mysql://127.0.0.1', 'mysql', 3306), { host: '127.0.0.1', port: 3306, database: undefined, parameters: {} });
    assert.throws(() => parseConnectionUrl('c', 'jdbc:oracle:thin:@x', 'mysql', 3306), /INVALID_CATALOG_PROPERTY|invalid connection-url/);
    assert.equal(parseDurationMillis('c', 'x', '1.5m', 0), 90000);
    assert.equal(parseDurationMillis('c', 'x', '0', 5), 0);
  });
});
