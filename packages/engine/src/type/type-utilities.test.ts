import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  BIGINT, DOUBLE, INTEGER, VARCHAR, arrayType, decimalType, longTimestamp, rowType, sqlMap, mapType, typeDisplayName, TrinoError,
  timestampType, timestampWithTimeZoneType, timeType, DATE, INTERVAL_DAY_TO_SECOND,
} from '@petrel/spi';
import {
  compareValues, valuesEqual, hashValue, formatValue, parseDateLiteral, parseTimestampLiteral, parseTimeLiteral, parseIntervalLiteral,
  parseDecimalLiteral, parseIntegerLiteral, integerLiteralType, normalizeZone, zoneOffsetMinutes, localToUtcMillis, formatDouble, formatReal,
} from './index.js';

describe('value ordering and equality', () => {
  it('orders numbers, strings and NaN', () => {
    assert.equal(compareValues(BIGINT, 1, 9007199254740993n), -1);
    assert.equal(compareValues(DOUBLE, NaN, Infinity), 1);
    assert.equal(compareValues(DOUBLE, NaN, NaN), 0);
    assert.equal(compareValues(VARCHAR, 'a', 'b'), -1);
    assert.equal(compareValues(VARCHAR, '\uffff', '\u{10000}'), -1);
    assert.equal(compareValues(decimalType(10, 2), 100n, 99n), 1);
    assert.equal(compareValues(VARCHAR, null, 'a'), 1);
  });
  it('orders arrays and rows element-wise', () => {
    const a = arrayType(INTEGER);
    assert.equal(compareValues(a, [1, 2], [1, 3]), -1);
    assert.equal(compareValues(a, [1, 2], [1]), 1);
    const r = rowType([{ name: 'x', type: INTEGER }, { name: 'y', type: VARCHAR }]);
    assert.equal(compareValues(r, [1, 'b'], [1, 'a']), 1);
  });
  it('compares timestamps including picoseconds', () => {
    const t = timestampType(6);
    assert.equal(compareValues(t, longTimestamp(1, 5), longTimestamp(1, 6)), -1);
    assert.equal(compareValues(timestampWithTimeZoneType(3), { kind: 'timestamp-tz', epochMillis: 5, picosOfMilli: 0, zone: 'UTC' },
      { kind: 'timestamp-tz', epochMillis: 5, picosOfMilli: 0, zone: 'America/New_York' }), 0);
  });
  it('equality and hashing agree', () => {
    const m = mapType(VARCHAR, INTEGER);
    const x = sqlMap(['a', 'b'], [1, 2]);
    const y = sqlMap(['b', 'a'], [2, 1]);
    assert.equal(valuesEqual(m, x, y), true);
    assert.equal(hashValue(m, x), hashValue(m, y));
    assert.equal(valuesEqual(DOUBLE, NaN, NaN), true);
    assert.equal(hashValue(DOUBLE, 0), hashValue(DOUBLE, -0));
    assert.equal(valuesEqual(arrayType(INTEGER), [1, null], [1, null]), true);
    assert.notEqual(hashValue(VARCHAR, 'a'), hashValue(VARCHAR, 'b'));
    assert.equal(hashValue(BIGINT, 9007199254740993n), hashValue(BIGINT, 9007199254740993n));
  });
});

describe('formatValue', () => {
  it('prints as CAST to varchar does', () => {
    assert.equal(formatValue(DOUBLE, 1e21), '1.0E21');
    assert.equal(formatValue(DOUBLE, 100), '100.0');
    assert.equal(formatValue(decimalType(5, 3), 5n), '0.005');
    assert.equal(formatValue(DATE, 0), '1970-01-01');
    assert.equal(formatValue(DATE, -1), '1969-12-31');
    assert.equal(formatValue(timestampType(0), Date.UTC(2001, 7, 22, 3, 4, 5)), '2001-08-22 03:04:05');
    assert.equal(formatValue(timeType(6), 3_723_000_001_000_000n), '01:02:03.000001');
    assert.equal(formatValue(INTERVAL_DAY_TO_SECOND, -1500), '-0 00:00:01.500');
    assert.equal(formatValue(arrayType(VARCHAR), ['a', null]), '[a, NULL]');
    assert.equal(formatValue(mapType(VARCHAR, INTEGER), sqlMap(['a'], [1])), '{a=1}');
    assert.equal(formatDouble(-0), '-0.0');
    assert.equal(formatDouble(1234567), '1234567.0');
    assert.equal(formatDouble(1e7), '1.0E7');
    assert.equal(formatDouble(5e-324), '4.9E-324');
    assert.equal(formatReal(Math.fround(1.1)), '1.1');
  });
});

describe('literal parsers', () => {
  it('dates', () => {
    assert.equal(parseDateLiteral('2020-01-01'), 18262);
    assert.equal(parseDateLiteral('1970-1-2'), 1);
    assert.throws(() => parseDateLiteral('2020-13-01'), (e: unknown) => e instanceof TrinoError && e.errorName === 'INVALID_LITERAL' && e.rawMessage === "'2020-13-01' is not a valid DATE literal");
  });
  it('timestamps with precision and zones', () => {
    const a = parseTimestampLiteral('2020-01-01 01:02:03.123456');
    assert.equal(a.precision, 6);
    assert.equal(a.hasTimeZone, false);
    assert.deepEqual(a.value, longTimestamp(Date.UTC(2020, 0, 1, 1, 2, 3, 123), 456_000_000));
    const b = parseTimestampLiteral('2020-01-01 01:02:03');
    assert.equal(b.precision, 0);
    assert.equal(b.value, Date.UTC(2020, 0, 1, 1, 2, 3));
    const c = parseTimestampLiteral('2020-06-01 12:00:00 America/New_York');
    assert.equal(c.hasTimeZone, true);
    assert.deepEqual(c.value, { kind: 'timestamp-tz', epochMillis: Date.UTC(2020, 5, 1, 16), picosOfMilli: 0, zone: 'America/New_York' });
    const d = parseTimestampLiteral('2020-06-01 12:00:00+05:30');
    assert.equal((d.value as { zone: string }).zone, '+05:30');
    const e = parseTimestampLiteral('2020-06-01');
    assert.equal(e.precision, 0);
    assert.throws(() => parseTimestampLiteral('2020-06-01 25:00:00'), TrinoError);
  });
  it('times', () => {
    const t = parseTimeLiteral('01:02:03.5');
    assert.equal(t.precision, 1);
    assert.equal(t.value, 3_723_500_000_000_000n);
    const z = parseTimeLiteral('01:02:03 +05:00');
    assert.equal(z.hasTimeZone, true);
    assert.deepEqual(z.value, { kind: 'time-tz', picos: 3_723_000_000_000_000n, offsetMinutes: 300 });
  });
  it('intervals', () => {
    assert.equal(parseIntervalLiteral('2', undefined, 'DAY').value, 2 * 86_400_000);
    assert.equal(typeDisplayName(parseIntervalLiteral('2', undefined, 'DAY').type), 'interval day to second');
    assert.equal(parseIntervalLiteral('1-2', '-', 'YEAR', 'MONTH').value, -14);
    assert.equal(parseIntervalLiteral('1 02:03:04.5', undefined, 'DAY', 'SECOND').value, 93_784_500);
    assert.equal(parseIntervalLiteral('3', 1, 'MONTH').value, 3);
    assert.equal(parseIntervalLiteral('01:30', undefined, 'HOUR', 'MINUTE').value, 5_400_000);
    assert.throws(() => parseIntervalLiteral('x', undefined, 'DAY'), TrinoError);
  });
  it('decimals and integers', () => {
    assert.deepEqual(parseDecimalLiteral('1.50'), { value: 150n, type: decimalType(3, 2) });
    assert.deepEqual(parseDecimalLiteral('0.05'), { value: 5n, type: decimalType(2, 2) });
    assert.deepEqual(parseDecimalLiteral('-12'), { value: -12n, type: decimalType(2, 0) });
    assert.equal(typeDisplayName(parseDecimalLiteral('.5').type), 'decimal(1,1)');
    assert.equal(integerLiteralType(2147483647n), INTEGER);
    assert.equal(integerLiteralType(2147483648n), BIGINT);
    assert.deepEqual(parseIntegerLiteral('9223372036854775807'), { value: 9223372036854775807n, type: BIGINT });
    assert.throws(() => parseIntegerLiteral('9223372036854775808'), TrinoError);
  });
});

describe('time zones', () => {
  it('normalizes zone keys', () => {
    assert.equal(normalizeZone('utc'), 'UTC');
    assert.equal(normalizeZone('Z'), 'UTC');
    assert.equal(normalizeZone('+5:30'), '+05:30');
    assert.equal(normalizeZone('-0800'), '-08:00');
    assert.equal(normalizeZone('america/new_york'), 'America/New_York');
    assert.throws(() => normalizeZone('Nowhere/City'), TrinoError);
  });
  it('computes offsets with DST', () => {
    assert.equal(zoneOffsetMinutes('America/New_York', Date.UTC(2020, 0, 1)), -300);
    assert.equal(zoneOffsetMinutes('America/New_York', Date.UTC(2020, 6, 1)), -240);
    assert.equal(zoneOffsetMinutes('Asia/Kolkata', Date.UTC(2020, 6, 1)), 330);
    assert.equal(zoneOffsetMinutes('+05:30', 0), 330);
    assert.equal(localToUtcMillis('Europe/Berlin', Date.UTC(2020, 6, 1, 12)), Date.UTC(2020, 6, 1, 10));
  });
});

describe('hashing and canonical keys for grouping', () => {
  it('hash and key equal values alike, whatever their Int64 representation', async () => {
    const { canonicalKey, hashValue } = await import('./value-compare.js');
    const { BIGINT, DOUBLE, VARCHAR, arrayType, mapType, sqlMap } = await import('@petrel/spi');
    assert.equal(hashValue(BIGINT, 5), hashValue(BIGINT, 5n));
    assert.equal(hashValue(DOUBLE, 0), hashValue(DOUBLE, -0));
    assert.equal(canonicalKey(DOUBLE, NaN), canonicalKey(DOUBLE, -NaN));
    assert.equal(canonicalKey(DOUBLE, -0), canonicalKey(DOUBLE, 0));
    const m = mapType(VARCHAR, BIGINT);
    assert.equal(canonicalKey(m, sqlMap(['a', 'b'], [1, 2])), canonicalKey(m, sqlMap(['b', 'a'], [2, 1])));
    assert.notEqual(canonicalKey(arrayType(VARCHAR), ['a,b']), canonicalKey(arrayType(VARCHAR), ['a', 'b']));
  });
});
