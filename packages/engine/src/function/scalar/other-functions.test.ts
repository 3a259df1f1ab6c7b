import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { value as v, call, cast, assertTrinoError } from '../testing/function-assertions.js';

const V = 'varchar';
const utf8 = (s: string) => new TextEncoder().encode(s);
const hex = (b: unknown) => Buffer.from(b as Uint8Array).toString('hex');

describe('regexp functions', () => {
  it('matches, counts and extracts', () => {
    assert.equal(v('regexp_like', [V, V], '1a 2b 14m', '\\d+b'), true);
    assert.equal(v('regexp_count', [V, V], '1a 2b 14m', '\\s*[a-z]+\\s*'), 3);
    assert.equal(v('regexp_extract', [V, V], '1a 2b 14m', '\\d+'), '1');
    assert.equal(v('regexp_extract', [V, V, 'bigint'], '1a 2b 14m', '(\\d+)([a-z]+)', 2), 'a');
    assertTrinoError(() => v('regexp_extract', [V, V, 'bigint'], 'a', 'a', 1), 'INVALID_FUNCTION_ARGUMENT', 'Pattern has 0 groups. Cannot access group 1');
    assert.deepEqual(v('regexp_extract_all', [V, V], '1a 2b 14m', '\\d+'), ['1', '2', '14']);
    assert.deepEqual(v('regexp_extract_all', [V, V, 'bigint'], '1a 2b 14m', '(\\d+)([a-z]+)', 2), ['a', 'b', 'm']);
    assert.equal(v('regexp_position', [V, V], 'I have 23 apples, 5 pears and 13 oranges', '\\b\\d+\\b'), 8);
    assert.equal(v('regexp_position', [V, V, 'bigint'], 'I have 23 apples, 5 pears and 13 oranges', '\\b\\d+\\b', 5), 8);
    assert.equal(v('regexp_position', [V, V, 'bigint', 'bigint'], 'I have 23 apples, 5 pears and 13 oranges', '\\b\\d+\\b', 12, 2), 31);
    assert.equal(v('regexp_position', [V, V], 'abc', 'x'), -1);
  });
  it('replaces and splits', () => {
    assert.equal(v('regexp_replace', [V, V], '1a 2b 14m', '\\d+[ab] '), '14m');
    assert.equal(v('regexp_replace', [V, V, V], '1a 2b 14m', '(\\d+)([ab]) ', '3c$2 '), '3ca 3cb 14m');
    assert.equal(v('regexp_replace', [V, V, V], 'abc', '(?<x>b)', '[${x}]'), 'a[b]c');
    assert.equal(v('regexp_replace', [V, V, V], 'abc', 'b', '\\$'), 'a$c');
    assert.deepEqual(v('regexp_split', [V, V], '1a 2b 14m', '\\s*[a-z]+\\s*'), ['1', '2', '14', '']);
    assert.equal(v('regexp_like', [V, V], 'ABC', '(?i)abc'), true);
    assert.equal(v('regexp_like', [V, V], 'a.b', '\\Qa.b\\E'), true);
    assert.equal(v('regexp_like', [V, V], 'a', '\\p{Alpha}'), true);
    assertTrinoError(() => v('regexp_like', [V, V], 'a', '('), 'INVALID_FUNCTION_ARGUMENT');
  });
});

describe('json functions', () => {
  it('parses canonically and formats', () => {
    assert.equal(v('json_parse', [V], '{"b": 1, "a": [1, 2.50, true, null]}'), '{"a":[1,2.5,true,null],"b":1}');
    assertTrinoError(() => v('json_parse', [V], '{"a":'), 'INVALID_FUNCTION_ARGUMENT', `Cannot convert '{"a":' to JSON`);
    assert.equal(v('json_format', ['json'], '[1,2]'), '[1,2]');
    assert.equal(v('is_json_scalar', [V], '1'), true);
    assert.equal(v('is_json_scalar', [V], '[1]'), false);
  });
  it('extracts with JSONPath', () => {
    const doc = '{"store":{"book":[{"title":"A","price":8.95},{"title":"B","price":12}]}}';
    assert.equal(v('json_extract', ['json', V], doc, '$.store.book[0].title'), '"A"');
    assert.equal(v('json_extract_scalar', ['json', V], doc, '$.store.book[1].price'), '12');
    assert.equal(v('json_extract_scalar', [V, V], doc, '$["store"]["book"][0]["title"]'), 'A');
    assert.equal(v('json_extract_scalar', ['json', V], doc, '$.store.book'), null);
    assert.equal(v('json_extract', ['json', V], doc, '$.missing'), null);
    assert.equal(v('json_size', ['json', V], doc, '$.store.book'), 2);
    assert.equal(v('json_size', ['json', V], doc, '$.store.book[0].title'), 0);
    assertTrinoError(() => v('json_extract', ['json', V], doc, 'store'), 'INVALID_FUNCTION_ARGUMENT');
  });
  it('array helpers', () => {
    assert.equal(v('json_array_length', ['json'], '[1, 2, 3]'), 3);
    assert.equal(v('json_array_get', ['json', 'bigint'], '["a", [3, 9], "c"]', 1), '[3,9]');
    assert.equal(v('json_array_get', ['json', 'bigint'], '["a", "b"]', -1), '"b"');
    assert.equal(v('json_array_get', ['json', 'bigint'], '["a"]', 5), null);
    assert.equal(v('json_array_contains', ['json', 'bigint'], '[1, 2, 3]', 2), true);
    assert.equal(v('json_array_contains', ['json', V], '["a"]', 'a'), true);
    assert.equal(v('json_array_contains', ['json', 'boolean'], '[1]', true), false);
  });
});

describe('binary functions', () => {
  it('encodes and decodes', () => {
    assert.equal(v('to_hex', ['varbinary'], utf8('abc')), '616263');
    assert.deepEqual(v('from_hex', [V], '616263'), utf8('abc'));
    assert.equal(v('to_base64', ['varbinary'], utf8('abc')), 'YWJj');
    assert.deepEqual(v('from_base64', [V], 'YWJj'), utf8('abc'));
    assert.equal(v('to_base64url', ['varbinary'], new Uint8Array([0xfb, 0xff])), '-_8=');
    assert.equal(v('to_base32', ['varbinary'], utf8('abc')), 'MFRGG===');
    assert.deepEqual(v('from_base32', [V], 'MFRGG==='), utf8('abc'));
    assert.equal(hex(v('to_big_endian_64', ['bigint'], 1)), '0000000000000001');
    assert.equal(v('from_big_endian_64', ['varbinary'], new Uint8Array([255, 255, 255, 255, 255, 255, 255, 255])), -1);
    assert.equal(v('from_big_endian_32', ['varbinary'], new Uint8Array([0, 0, 1, 0])), 256);
    assert.equal(hex(v('to_ieee754_64', ['double'], 1)), '3ff0000000000000');
    assert.equal(v('from_ieee754_32', ['varbinary'], v('to_ieee754_32', ['real'], Math.fround(1.5))), 1.5);
  });
  it('hashes', () => {
    assert.equal(hex(v('md5', ['varbinary'], utf8('abc'))), '900150983cd24fb0d6963f7d28e17f72');
    assert.equal(hex(v('sha256', ['varbinary'], utf8('abc'))), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    assert.equal(v('crc32', ['varbinary'], utf8('abc')), 891568578);
    assert.equal(hex(v('xxhash64', ['varbinary'], utf8('abc'))), '44bc2cf5ad770999');
    assert.equal(hex(v('xxhash64', ['varbinary'], new Uint8Array(0))), 'ef46db3751d8e999');
    assert.equal(hex(v('murmur3', ['varbinary'], new Uint8Array(0))), '00000000000000000000000000000000');
    assert.equal(hex(v('murmur3', ['varbinary'], utf8('hello'))), '029bbd41b3a7d8cb191dae486a901e5b');
    assert.equal(hex(v('hmac_sha256', ['varbinary', 'varbinary'], utf8('abc'), utf8('key'))), '9c196e32dc0175f86f4b1cb89289d6619de6bee699e4c378e68309ed97a1a6ab');
  });
});

describe('url functions', () => {
  const url = 'http://user@example.com:8080/path/to%20x?a=1&b=x+y#frag';
  it('extracts parts', () => {
    assert.equal(v('url_extract_protocol', [V], url), 'http');
    assert.equal(v('url_extract_host', [V], url), 'example.com');
    assert.equal(v('url_extract_port', [V], url), 8080);
    assert.equal(v('url_extract_path', [V], url), '/path/to x');
    assert.equal(v('url_extract_query', [V], url), 'a=1&b=x+y');
    assert.equal(v('url_extract_fragment', [V], url), 'frag');
    assert.equal(v('url_extract_parameter', [V, V], url, 'b'), 'x y');
    assert.equal(v('url_extract_parameter', [V, V], url, 'z'), null);
    assert.equal(v('url_extract_host', [V], 'not a url'), null);
  });
  it('encodes', () => {
    assert.equal(v('url_encode', [V], 'a b&c=d/é'), 'a+b%26c%3Dd%2F%C3%A9');
    assert.equal(v('url_decode', [V], 'a+b%26c'), 'a b&c');
  });
});

describe('conversion and other functions', () => {
  it('typeof', () => {
    assert.equal(v('typeof', ['integer'], 1), 'integer');
    assert.equal(v('typeof', ['unknown'], null), 'unknown');
    assert.equal(v('typeof', ['array(varchar(3))'], null), 'array(varchar(3))');
  });
  it('format_number and parse_data_size', () => {
    assert.equal(v('format_number', ['bigint'], 123456), '123K');
    assert.equal(v('format_number', ['bigint'], 1000000), '1M');
    assert.equal(v('format_number', ['bigint'], 1234), '1.23K');
    assert.equal(v('format_number', ['double'], -1234.5), '-1.23K');
    assert.equal(v('parse_data_size', [V], '1B'), 1n);
    assert.equal(v('parse_data_size', [V], '1kB'), 1024n);
    assert.equal(v('parse_data_size', [V], '2.3MB'), 2411724n);
    assertTrinoError(() => v('parse_data_size', [V], 'x'), 'INVALID_FUNCTION_ARGUMENT', "Invalid data size: 'x'");
  });
  it('uuid and ip addresses', () => {
    assert.match(v('uuid', []) as string, /^[0-9a-f-]{36}$/);
    assert.equal(call('uuid', []).type, 'uuid');
    const ip = cast(V, 'ipaddress', '10.0.0.1');
    assert.equal(v('contains', [V, 'ipaddress'], '10.0.0.0/8', ip), true);
    assert.equal(v('contains', [V, 'ipaddress'], '11.0.0.0/8', ip), false);
    assert.equal(v('contains', [V, 'ipaddress'], '2001:db8::/32', cast(V, 'ipaddress', '2001:db8::1')), true);
  });
});
