import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { value as v, call, cast, assertTrinoError } from '../testing/function-assertions.js';

const TS = 'timestamp(3)';
const TZ = 'timestamp(3) with time zone';
const ts = (text: string) => cast('varchar', TS, text);
const tz = (text: string) => cast('varchar', TZ, text);
const str = (type: string, x: unknown) => cast(type, 'varchar', x as never);
const d = (text: string) => cast('varchar', 'date', text);

describe('date and time functions', () => {
  it('extracts fields', () => {
    const t = ts('2001-08-22 03:04:05.321');
    assert.equal(v('year', [TS], t), 2001);
    assert.equal(v('month', [TS], t), 8);
    assert.equal(v('day', [TS], t), 22);
    assert.equal(v('hour', [TS], t), 3);
    assert.equal(v('minute', [TS], t), 4);
    assert.equal(v('second', [TS], t), 5);
    assert.equal(v('millisecond', [TS], t), 321);
    assert.equal(v('quarter', [TS], t), 3);
    assert.equal(v('day_of_week', ['date'], d('2001-08-22')), 3);
    assert.equal(v('day_of_year', ['date'], d('2001-08-22')), 234);
    assert.equal(v('week', ['date'], d('2005-01-02')), 53);
    assert.equal(v('year_of_week', ['date'], d('2005-01-02')), 2004);
    assert.equal(v('hour', [TZ], tz('2020-06-01 12:00:00 America/New_York')), 12);
    assert.equal(v('timezone_hour', [TZ], tz('2020-06-01 12:00:00 America/New_York')), -4);
    assert.equal(v('timezone_minute', [TZ], tz('2020-06-01 12:00:00 +05:30')), 30);
    assert.equal(v('day', ['interval day to second'], 3 * 86_400_000 + 5000), 3);
    assert.equal(v('month', ['interval year to month'], 14), 2);
  });
  it('date_add, date_diff, date_trunc', () => {
    assert.equal(str('date', v('date_add', ['varchar', 'bigint', 'date'], 'month', 1, d('2020-01-31'))), '2020-02-29');
    assert.equal(str(TS, v('date_add', ['varchar', 'bigint', TS], 'hour', 25, ts('2020-01-01 00:00:00.000'))), '2020-01-02 01:00:00.000');
    assertTrinoError(() => v('date_add', ['varchar', 'bigint', 'date'], 'hour', 1, 0), 'INVALID_FUNCTION_ARGUMENT', "'hour' is not a valid DATE field");
    assert.equal(v('date_diff', ['varchar', 'date', 'date'], 'day', d('2020-01-01'), d('2020-03-01')), 60);
    assert.equal(v('date_diff', ['varchar', 'date', 'date'], 'month', d('2020-01-31'), d('2020-02-29')), 0);
    assert.equal(v('date_diff', ['varchar', 'date', 'date'], 'month', d('2020-01-15'), d('2020-03-15')), 2);
    assert.equal(v('date_diff', ['varchar', 'date', 'date'], 'year', d('2020-03-01'), d('2019-01-01')), -1);
    assert.equal(v('date_diff', ['varchar', TS, TS], 'second', ts('2020-01-01 00:00:00'), ts('2020-01-01 00:01:30.500')), 90);
    assert.equal(str(TS, v('date_trunc', ['varchar', TS], 'month', ts('2001-08-22 03:04:05.321'))), '2001-08-01 00:00:00.000');
    assert.equal(str(TS, v('date_trunc', ['varchar', TS], 'hour', ts('2001-08-22 03:04:05.321'))), '2001-08-22 03:00:00.000');
    assert.equal(str('date', v('date_trunc', ['varchar', 'date'], 'week', d('2001-08-22'))), '2001-08-20');
    assert.equal(str('date', v('date_trunc', ['varchar', 'date'], 'quarter', d('2001-08-22'))), '2001-07-01');
    assert.equal(str(TZ, v('date_trunc', ['varchar', TZ], 'day', tz('2020-06-01 12:34:00 America/New_York'))), '2020-06-01 00:00:00.000 America/New_York');
  });
  it('formats and parses with MySQL specifiers', () => {
    const t = ts('2001-01-09 13:04:05.321');
    assert.equal(v('date_format', [TS, 'varchar'], t, '%Y-%m-%d %H:%i:%s'), '2001-01-09 13:04:05');
    assert.equal(v('date_format', [TS, 'varchar'], t, '%a %b %e %r %f'), 'Tue Jan 9 01:04:05 PM 321000');
    assert.equal(v('date_format', [TS, 'varchar'], t, '%W %M %j %y'), 'Tuesday January 009 01');
    assert.equal(str(TS, v('date_parse', ['varchar', 'varchar'], '2013-05-17 12:35:10', '%Y-%m-%d %H:%i:%s')), '2013-05-17 12:35:10.000');
    assert.equal(str(TS, v('date_parse', ['varchar', 'varchar'], '05/17/2013 01:35 PM', '%m/%d/%Y %h:%i %p')), '2013-05-17 13:35:00.000');
    assertTrinoError(() => v('date_parse', ['varchar', 'varchar'], 'x', '%Y'), 'INVALID_FUNCTION_ARGUMENT');
  });
  it('formats and parses with Joda patterns', () => {
    const t = tz('2001-01-09 13:04:05.321 UTC');
    assert.equal(v('format_datetime', [TZ, 'varchar'], t, 'yyyy-MM-dd HH:mm:ss.SSS Z'), '2001-01-09 13:04:05.321 +0000');
    assert.equal(v('format_datetime', [TZ, 'varchar'], t, "EEEE, MMMM d, yyyy 'at' h:mm a"), 'Tuesday, January 9, 2001 at 1:04 PM');
    const p = v('parse_datetime', ['varchar', 'varchar'], '2001-01-09 13:04 +05:30', 'yyyy-MM-dd HH:mm ZZ');
    assert.equal(str(TZ, p), '2001-01-09 13:04:00.000 +05:30');
    const q = v('parse_datetime', ['varchar', 'varchar'], '20200101', 'yyyyMMdd');
    assert.equal(str(TZ, q), '2020-01-01 00:00:00.000 America/Los_Angeles');
  });
  it('converts unix and ISO 8601 times', () => {
    assert.equal(str(TZ, v('from_unixtime', ['double'], 0)), '1969-12-31 16:00:00.000 America/Los_Angeles');
    assert.equal(str(TZ, v('from_unixtime', ['double', 'varchar'], 1.5, 'UTC')), '1970-01-01 00:00:01.500 UTC');
    assert.equal(str(TZ, v('from_unixtime', ['double', 'bigint', 'bigint'], 0, 5, 30)), '1970-01-01 05:30:00.000 +05:30');
    assert.equal(v('to_unixtime', [TZ], tz('1970-01-01 00:00:01.5 UTC')), 1.5);
    assert.equal(str(TZ, v('from_iso8601_timestamp', ['varchar'], '2020-05-11T11:15:05.055+01:00')), '2020-05-11 11:15:05.055 +01:00');
    assert.equal(str(TZ, v('from_iso8601_timestamp', ['varchar'], '2020-05-11T11:15:05Z')), '2020-05-11 11:15:05.000 UTC');
    assert.equal(str('date', v('from_iso8601_date', ['varchar'], '2020-05-11')), '2020-05-11');
    assert.equal(str('date', v('from_iso8601_date', ['varchar'], '2020-W10')), '2020-03-02');
    assert.equal(str('date', v('from_iso8601_date', ['varchar'], '2020-123')), '2020-05-02');
    assert.equal(v('to_iso8601', [TZ], tz('2020-05-11 11:15:05.055 UTC')), '2020-05-11T11:15:05.055Z');
    assert.equal(v('to_iso8601', ['date'], d('2020-05-11')), '2020-05-11');
    assert.equal(call('from_unixtime_nanos', ['bigint'], 1).type, 'timestamp(9) with time zone');
  });
  it('changes zones', () => {
    const t = tz('2012-10-31 01:00:00 UTC');
    assert.equal(str(TZ, v('at_timezone', [TZ, 'varchar'], t, 'America/Los_Angeles')), '2012-10-30 18:00:00.000 America/Los_Angeles');
    assertTrinoError(() => v('at_timezone', [TZ, 'varchar'], t, 'Mars/Olympus'), 'INVALID_FUNCTION_ARGUMENT', 'Time zone not supported: Mars/Olympus');
    assert.equal(str(TZ, v('with_timezone', [TS, 'varchar'], ts('2001-08-22 03:04:05.321'), 'America/Los_Angeles')), '2001-08-22 03:04:05.321 America/Los_Angeles');
    assert.equal(v('timezone', [TZ], t), 'UTC');
  });
  it('handles DST gaps and overlaps like java.time', () => {
    // 2021-03-14 02:30 does not exist in New York: moves forward to 03:30 EDT
    assert.equal(str(TZ, tz('2021-03-14 02:30:00 America/New_York')), '2021-03-14 03:30:00.000 America/New_York');
    // 2021-11-07 01:30 is ambiguous: the earlier offset (EDT) wins
    assert.equal((tz('2021-11-07 01:30:00 America/New_York') as { epochMillis: number }).epochMillis, Date.UTC(2021, 10, 7, 5, 30));
  });
  it('misc', () => {
    assert.equal(str('date', v('last_day_of_month', ['date'], d('2020-02-10'))), '2020-02-29');
    assert.equal(v('human_readable_seconds', ['double'], 96), '1 minute, 36 seconds');
    assert.equal(v('human_readable_seconds', ['double'], 56363463), '93 weeks, 1 day, 8 hours, 31 minutes, 3 seconds');
    assert.equal(v('parse_duration', ['varchar'], '42.8ms'), 43);
    assert.equal(v('parse_duration', ['varchar'], '3.81 d'), 329184000);
    assertTrinoError(() => v('parse_duration', ['varchar'], 'abc'), 'INVALID_FUNCTION_ARGUMENT');
    assert.equal(v('to_milliseconds', ['interval day to second'], 5000), 5000);
    assert.equal(str('date', v('date', ['varchar'], '2020-01-01')), '2020-01-01');
  });
});
