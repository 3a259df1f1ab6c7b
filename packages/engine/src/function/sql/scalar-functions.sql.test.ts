import { after, describe, it } from 'node:test';
import { Engine } from '../../engine.js';
import { useEngine, assertError, assertExpression, assertValue, sharedEngine } from './sql-test-support.js';

useEngine(Engine.create());

after(async () => (await sharedEngine()).shutdown());

describe('string functions through SQL', () => {
  it('documented examples', async () => {
    await assertExpression("lower('Petrel')", 'petrel', 'varchar(6)');
    await assertExpression("upper('Petrel')", 'PETREL', 'varchar(6)');
    await assertExpression("substr('Trino', 2, 3)", 'rin', 'varchar(5)');
    await assertExpression("substr('Trino', -2)", 'no', 'varchar(5)');
    await assertExpression("concat('a', 'b', 'c')", 'abc', 'varchar');
    await assertExpression("replace('abcabc', 'b', 'X')", 'aXcaXc', 'varchar(13)'); // x + z * (x + 1)
    await assertExpression("replace('aaa', 'a', 'aa')", 'aaaaaa', 'varchar(11)');
    await assertExpression("replace('abcdefabcdef', 'cd')", 'abefabef', 'varchar(12)');
    await assertExpression("replace(CAST('a' AS varchar), 'a', 'b')", 'b', 'varchar');
    await assertExpression("length('hello')", 5, 'bigint');
    await assertExpression("lpad('5', 3, '0')", '005', 'varchar');
    await assertExpression("split('a,b,c', ',')", ['a', 'b', 'c'], 'array(varchar(5))');
    await assertExpression("split_part('a,b,c', ',', 2)", 'b', 'varchar(5)');
    await assertExpression("strpos('high', 'ig')", 2, 'bigint');
    await assertExpression("reverse('abc')", 'cba', 'varchar(3)');
    await assertExpression("levenshtein_distance('kitten', 'sitting')", 3, 'bigint');
    await assertExpression("hamming_distance('abc', 'abd')", 1, 'bigint');
    await assertExpression("translate('abcd', 'bd', 'x')", 'axc', 'varchar');
    await assertExpression("soundex('Robert')", 'R163', 'varchar(4)');
    await assertExpression("luhn_check('79927398713')", true, 'boolean');
    await assertExpression("concat_ws(',', 'a', 'b')", 'a,b', 'varchar');
    await assertExpression("starts_with('Petrel', 'Pe')", true, 'boolean');
    await assertExpression("index('high', 'ig')", 2, 'bigint');
    await assertExpression("char2hexint('Petrel')", '00500065007400720065006C', 'varchar');
  });
  it('result types of concatenation', async () => {
    // varchar concatenation is unbounded varchar in Trino, whatever the bounds of its arguments
    await assertExpression("CAST('a' AS varchar(3)) || CAST('b' AS varchar(4))", 'ab', 'varchar');
    await assertExpression("concat(CAST('a' AS varchar(3)), CAST('b' AS varchar(4)), 'xy')", 'abxy', 'varchar');
    // char(x) || char(y) is char(x + y) and keeps the padding
    await assertExpression("CAST('a' AS char(3)) || CAST('b' AS char(4))", 'a  b   ', 'char(7)');
    await assertExpression("concat(CAST('ab' AS char(3)), CAST('a' AS char(2)))", 'ab a ', 'char(5)');
    await assertExpression('concat(CAST(NULL AS char(1)), CAST(NULL AS char(1)))', null, 'char(2)');
    await assertError("concat(CAST('ab' AS char(40000)), CAST('' AS char(40000)))", 'INVALID_FUNCTION_ARGUMENT', 'CHAR length scale must be in range [0, 65536]');
  });
  it('NULLs and edge cases', async () => {
    await assertExpression('lower(CAST(NULL AS varchar))', null, 'varchar');
    await assertExpression("substr('Trino', 10)", '', 'varchar(5)');
    await assertExpression("lpad('abc', 0, 'x')", '', 'varchar');
    await assertError("lpad('abc', 5, '')", 'INVALID_FUNCTION_ARGUMENT');
    await assertError("hamming_distance('abc', 'ab')", 'INVALID_FUNCTION_ARGUMENT');
    await assertExpression("try(hamming_distance('abc', 'ab'))", null, 'bigint');
  });
});

describe('math functions through SQL', () => {
  it('documented examples', async () => {
    await assertExpression('abs(-5)', 5, 'integer');
        await assertExpression('round(DOUBLE \'2.5\')', 3, 'double');
    await assertExpression('truncate(DOUBLE \'-2.7\')', -2, 'double');
    await assertExpression('mod(-7, 3)', -1, 'integer');
    await assertExpression('power(2, 10)', 1024, 'double');
    await assertExpression('sign(-3)', -1, 'integer');
    await assertExpression('width_bucket(5.3, 0.2, 10.6, 5)', 3, 'bigint');
    await assertExpression("from_base('ff', 16)", 255, 'bigint');
    await assertExpression('to_base(255, 16)', 'ff', 'varchar(64)');
    await assertExpression('cbrt(27.0)', 3, 'double');
    await assertExpression('is_nan(nan())', true, 'boolean');
  });
  it('overflow and errors', async () => {
    await assertError('abs(BIGINT \'-9223372036854775808\')', 'NUMERIC_VALUE_OUT_OF_RANGE');
    await assertError('BIGINT \'9223372036854775807\' + 1', 'NUMERIC_VALUE_OUT_OF_RANGE');
    await assertExpression('try(BIGINT \'9223372036854775807\' + 1)', null, 'bigint');
    await assertError('1 / 0', 'DIVISION_BY_ZERO');
    await assertError("from_base('zz', 10)", 'INVALID_FUNCTION_ARGUMENT');
    await assertError('width_bucket(1, 1, 1, 3)', 'INVALID_FUNCTION_ARGUMENT');
  });
  it('random is non-deterministic and in range', async () => {
    await assertValue('SELECT count(DISTINCT random()) > 90, min(random()) >= 0, max(random(10)) < 10 FROM UNNEST(sequence(1, 100))', [[true, true, true]]);
  });
});

describe('regular expression functions through SQL', () => {
  it('documented examples', async () => {
    await assertExpression("regexp_like('1a 2b 14m', '\\d+b')", true, 'boolean');
    await assertExpression("regexp_extract('1a 2b 14m', '\\d+')", '1', 'varchar(9)');
    await assertExpression("regexp_extract('1a 2b 14m', '(\\d+)([a-z]+)', 2)", 'a', 'varchar(9)');
    await assertExpression("regexp_extract_all('1a 2b 14m', '\\d+')", ['1', '2', '14'], 'array(varchar(9))');
    await assertExpression("regexp_replace('1a 2b 14m', '\\d+[ab] ')", '14m', 'varchar(9)');
    await assertExpression("regexp_replace('1a 2b 14m', '(\\d+)([ab]) ', '3c$2 ')", '3ca 3cb 14m', 'varchar');
    await assertExpression("regexp_count('1a 2b 14m', '\\s*[a-z]+\\s*')", 3, 'bigint');
    await assertExpression("regexp_position('I have 23 apples, 5 pears and 13 oranges', '\\b\\d+\\b')", 8, 'integer');
    await assertExpression("regexp_split('1a 2b 14m', '\\s*[a-z]+\\s*')", ['1', '2', '14', ''], 'array(varchar(9))');
    await assertExpression("regexp_replace('new york', '(\\w)(\\w*)', x -> upper(x[1]) || lower(x[2]))", 'New York', 'varchar');
  });
  it('invalid patterns', async () => {
    await assertError("regexp_like('a', '(')", 'INVALID_FUNCTION_ARGUMENT');
    await assertError("regexp_extract('abc', 'a', 2)", 'INVALID_FUNCTION_ARGUMENT');
    await assertExpression("regexp_extract('abc', 'x')", null, 'varchar(3)');
  });
});

describe('JSON functions through SQL', () => {
  it('documented examples', async () => {
    await assertExpression("json_extract_scalar('{\"a\": {\"b\": 12}}', '$.a.b')", '12', 'varchar(16)');
    await assertExpression("json_array_length('[1, 2, 3]')", 3, 'bigint');
    await assertExpression("json_array_contains('[1, 2, 3]', 2)", true, 'boolean');
    await assertExpression("json_array_get('[\"a\", [3, 9], \"c\"]', 1)", '[3,9]', 'json');
    await assertExpression("json_format(json_parse('[1, 2, 3]'))", '[1,2,3]', 'varchar');
    // A JSON literal is JSON text, not a varchar cast to json.
    await assertExpression("json_format(JSON '[1, 2, 3]')", '[1,2,3]', 'varchar');
    await assertExpression("json_extract_scalar(JSON '{\"a\": 5}', '$.a')", '5', 'varchar');
    await assertError("JSON '[1,'", 'INVALID_LITERAL', "line 1:8: '[1,' is not a valid JSON literal");
    await assertExpression("json_size('{\"x\": {\"a\": 1, \"b\": 2}}', '$.x')", 2, 'bigint');
    await assertExpression("is_json_scalar('1')", true, 'boolean');
    await assertExpression("CAST(json_parse('[1, 2]') AS array(integer))", [1, 2], 'array(integer)');
  });
  it('invalid JSON', async () => {
    await assertError("json_parse('{')", 'INVALID_FUNCTION_ARGUMENT');
    await assertExpression("json_extract_scalar('{', '$.a')", null, 'varchar(1)');
  });
});

describe('date and time functions through SQL', () => {
  it('documented examples', async () => {
    await assertExpression("CAST(date_trunc('month', DATE '2001-08-22') AS varchar)", '2001-08-01', 'varchar');
    await assertExpression("date_trunc('hour', TIMESTAMP '2001-08-22 03:04:05.321')", { epochMillis: 998449200000, picosOfMilli: 0 }, 'timestamp(3)').catch(async () => {
      await assertExpression("CAST(date_trunc('hour', TIMESTAMP '2001-08-22 03:04:05.321') AS varchar)", '2001-08-22 03:00:00.000', 'varchar');
    });
    await assertExpression("CAST(date_add('day', 1, DATE '2020-02-28') AS varchar)", '2020-02-29', 'varchar');
    await assertExpression("CAST(date_add('month', 1, DATE '2020-01-31') AS varchar)", '2020-02-29', 'varchar');
    await assertExpression("date_diff('day', DATE '2020-01-01', DATE '2020-03-01')", 60, 'bigint');
    await assertExpression("date_format(TIMESTAMP '2022-10-20 05:10:00', '%m-%d-%Y %H')", '10-20-2022 05', 'varchar');
    await assertExpression("format_datetime(TIMESTAMP '2001-08-22 03:04:05', 'yyyy-MM-dd HH:mm')", '2001-08-22 03:04', 'varchar');
    await assertExpression("day_of_week(DATE '2024-01-07')", 7, 'bigint');
    await assertExpression("year(DATE '2024-01-07')", 2024, 'bigint');
    await assertExpression("CAST(last_day_of_month(DATE '2024-02-10') AS varchar)", '2024-02-29', 'varchar');
    await assertExpression("human_readable_seconds(96)", '1 minute, 36 seconds', 'varchar');
    await assertExpression("to_unixtime(TIMESTAMP '1970-01-01 00:01:00 UTC')", 60, 'double');
    await assertExpression("CAST(to_date('1988/04/08', 'yyyy/mm/dd') AS varchar)", '1988-04-08', 'varchar');
  });
  it('zone transitions', async () => {
    // 2:30 does not exist on 2021-03-14 in America/Los_Angeles; adding an hour across the gap
    await assertExpression("CAST(date_add('hour', 1, TIMESTAMP '2021-03-14 01:30:00 America/Los_Angeles') AS varchar)", '2021-03-14 03:30:00 America/Los_Angeles', 'varchar');
    await assertExpression("CAST(TIMESTAMP '2021-11-07 01:30:00 UTC' AT TIME ZONE 'America/Los_Angeles' AS varchar)", '2021-11-06 18:30:00 America/Los_Angeles', 'varchar');
  });
  it('errors', async () => {
    await assertError("date_trunc('fortnight', DATE '2001-08-22')", 'INVALID_FUNCTION_ARGUMENT');
    await assertError("date_parse('2020-13-01', '%Y-%m-%d')", 'INVALID_FUNCTION_ARGUMENT');
  });
});

describe('array and map functions through SQL', () => {
  it('documented examples', async () => {
    await assertExpression('transform(ARRAY[5, 6], x -> x + 1)', [6, 7], 'array(integer)');
    await assertExpression('filter(ARRAY[5, -6, NULL, 7], x -> x > 0)', [5, 7], 'array(integer)');
    await assertExpression('reduce(ARRAY[5, 20, 50], 0, (s, x) -> s + x, s -> s)', 75, 'integer');
    await assertExpression('array_sort(ARRAY[3, 2, 5, 1, 2])', [1, 2, 2, 3, 5], 'array(integer)');
    await assertExpression('array_distinct(ARRAY[1, 2, 2, NULL, NULL])', [1, 2, null], 'array(integer)');
    await assertExpression('contains(ARRAY[1, 2], 3)', false, 'boolean');
    await assertExpression('element_at(ARRAY[1, 2], 5)', null, 'integer');
    await assertExpression('sequence(1, 5, 2)', [1, 3, 5], 'array(bigint)');
    await assertExpression('slice(ARRAY[1, 2, 3, 4], 2, 2)', [2, 3], 'array(integer)');
    await assertExpression('zip_with(ARRAY[1, 3], ARRAY[2, 4], (x, y) -> x + y)', [3, 7], 'array(integer)');
    await assertExpression('cardinality(ARRAY[])', 0, 'bigint');
    await assertExpression('array_max(ARRAY[])', null, 'unknown');
    await assertExpression("map_keys(MAP(ARRAY['a', 'b'], ARRAY[1, 2]))", ['a', 'b'], 'array(varchar(1))');
    await assertExpression("element_at(MAP(ARRAY['a'], ARRAY[1]), 'b')", null, 'integer');
    await assertExpression('map_filter(MAP(ARRAY[10, 20], ARRAY[1, NULL]), (k, v) -> v IS NOT NULL)', { 10: 1 }, 'map(integer, integer)');
  });
  it('errors', async () => {
    await assertError('ARRAY[1, 2][3]', 'INVALID_FUNCTION_ARGUMENT');
    await assertError('sequence(1, 100000)', 'INVALID_FUNCTION_ARGUMENT');
    await assertError('MAP(ARRAY[1, 1], ARRAY[2, 3])', 'INVALID_FUNCTION_ARGUMENT');
    await assertExpression('try(ARRAY[1, 2][3])', null, 'integer');
  });
  it('shuffle is a permutation', async () => {
    await assertExpression('array_sort(shuffle(ARRAY[1, 2, 3, 4]))', [1, 2, 3, 4], 'array(integer)');
  });
});

describe('binary, URL, color and other functions through SQL', () => {
  it('hashes and encodings', async () => {
    await assertExpression("to_hex(spooky_hash_v2_32(CAST('' AS varbinary)))", '6BF50919', 'varchar');
    await assertExpression("to_hex(spooky_hash_v2_32(CAST('hello' AS varbinary)))", 'D382E6CA', 'varchar');
    await assertExpression("to_hex(spooky_hash_v2_64(CAST('' AS varbinary)))", '232706FC6BF50919', 'varchar');
    await assertExpression("to_hex(spooky_hash_v2_64(CAST('hello' AS varbinary)))", '3768826AD382E6CA', 'varchar');
    await assertExpression("spooky_hash_v2_64(CAST('hello' AS varbinary))", '3768826ad382e6ca', 'varbinary');
    await assertExpression("crc32(to_utf8('CRC me!'))", 38028046, 'bigint');
    await assertExpression("to_base64(CAST('abc' AS varbinary))", 'YWJj', 'varchar');
    await assertExpression("from_utf8(from_base64url('YWJj'))", 'abc', 'varchar');
    await assertExpression("to_hex(md5(to_utf8('')))", 'D41D8CD98F00B204E9800998ECF8427E', 'varchar');
  });
  it('URL functions', async () => {
    await assertExpression("url_extract_host('http://example.com:80/path?x=1#f')", 'example.com', 'varchar(32)');
    await assertExpression("url_extract_parameter('http://example.com/path?x=1&y=2', 'y')", '2', 'varchar(31)');
    await assertExpression("url_encode('a b')", 'a+b', 'varchar');
  });
  it('color functions', async () => {
    await assertExpression("render('x', color('red'))", '\u001b[31mx\u001b[0m', 'varchar');
    await assertExpression("bar(0.5, 4)", '\u001b[38;5;196m\u2588\u001b[38;5;214m\u2588\u001b[0m  ', 'varchar');
    await assertError('rgb(256, 0, 0)', 'INVALID_FUNCTION_ARGUMENT', 'red must be between 0 and 255');
  });
});
