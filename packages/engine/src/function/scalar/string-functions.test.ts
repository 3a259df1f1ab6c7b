import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { value as v, call, assertTrinoError } from '../testing/function-assertions.js';

const V = 'varchar';

describe('string functions', () => {
  it('length, lower, upper, reverse count code points', () => {
    assert.equal(v('length', [V], 'héllo'), 5);
    assert.equal(v('length', [V], '\u{1F600}a'), 2);
    assert.equal(v('lower', [V], 'ABC'), 'abc');
    assert.equal(v('upper', [V], 'abc'), 'ABC');
    assert.equal(v('upper', [V], 'straße é'), 'STRAßE É');
    assert.equal(v('lower', [V], 'ÀÉB'), 'àéb');
    assert.equal(v('reverse', [V], 'a\u{1F600}b'), 'b\u{1F600}a');
    assert.equal(call('lower', ['varchar(3)'], 'ABC').type, 'varchar(3)');
  });
  it('substr', () => {
    assert.equal(v('substr', [V, 'bigint'], 'abcdef', 3), 'cdef');
    assert.equal(v('substr', [V, 'bigint', 'bigint'], 'abcdef', 2, 3), 'bcd');
    assert.equal(v('substr', [V, 'bigint'], 'abcdef', -2), 'ef');
    assert.equal(v('substr', [V, 'bigint'], 'abcdef', 0), '');
    assert.equal(v('substr', [V, 'bigint'], 'abcdef', 10), '');
    assert.equal(v('substring', [V, 'integer', 'integer'], '\u{1F600}xyz', 1, 2), '\u{1F600}x');
    assert.equal(call('substr', ['varchar(6)', 'integer'], 'abcdef', 1).type, 'varchar(6)');
  });
  it('strpos and position', () => {
    assert.equal(v('strpos', [V, V], 'high', 'ig'), 2);
    assert.equal(v('strpos', [V, V], 'high', 'x'), 0);
    assert.equal(v('strpos', [V, V, 'bigint'], 'abcabc', 'bc', 2), 5);
    assertTrinoError(() => v('strpos', [V, V, 'bigint'], 'abc', 'b', 0), 'INVALID_FUNCTION_ARGUMENT');
    assert.equal(v('position', [V, V], 'ig', 'high'), 2);
    assert.equal(v('strpos', [V, V], '\u{1F600}ab', 'a'), 2);
  });
  it('replace, trim, pad', () => {
    assert.equal(v('replace', [V, V], 'abcabc', 'b'), 'acac');
    assert.equal(v('replace', [V, V, V], 'abc', 'b', 'XX'), 'aXXc');
    assert.equal(v('replace', [V, V, V], 'abc', '', 'x'), 'xaxbxcx');
    assert.equal(v('trim', [V], '  a b \t'), 'a b');
    assert.equal(v('ltrim', [V], '  a '), 'a ');
    assert.equal(v('rtrim', [V], '  a '), '  a');
    assert.equal(v('trim', [V, V], '!!hi!?', '!?'), 'hi');
    assert.equal(v('lpad', [V, 'bigint', V], 'hi', 5, 'ab'), 'abahi');
    assert.equal(v('rpad', [V, 'bigint', V], 'hi', 5, 'ab'), 'hiaba');
    assert.equal(v('lpad', [V, 'bigint', V], 'hello', 2, 'x'), 'he');
    assertTrinoError(() => v('lpad', [V, 'bigint', V], 'a', 3, ''), 'INVALID_FUNCTION_ARGUMENT', 'Padding string must not be empty');
  });
  it('concat and concat_ws', () => {
    assert.equal(v('concat', [V, V, V], 'a', 'b', 'c'), 'abc');
    assert.equal(v('concat', [V, V], 'a', null), null);
    assertTrinoError(() => v('concat', [V], 'a'), 'INVALID_FUNCTION_ARGUMENT', 'There must be two or more concatenation arguments');
    assert.equal(v('concat_ws', [V, V, V, V], ',', 'a', null, 'c'), 'a,c');
    assert.equal(v('concat_ws', [V, 'array(varchar)'], '-', ['a', 'b']), 'a-b');
    assert.equal(v('concat_ws', [V, V], null, 'a'), null);
  });
  it('split family', () => {
    assert.deepEqual(v('split', [V, V], 'a,b,,c', ','), ['a', 'b', '', 'c']);
    assert.deepEqual(v('split', [V, V, 'bigint'], 'a,b,c', ',', 2), ['a', 'b,c']);
    assertTrinoError(() => v('split', [V, V], 'a', ''), 'INVALID_FUNCTION_ARGUMENT', 'The delimiter may not be the empty string');
    assert.equal(v('split_part', [V, V, 'bigint'], 'a,b,c', ',', 2), 'b');
    assert.equal(v('split_part', [V, V, 'bigint'], 'a,b,c', ',', 4), null);
    assertTrinoError(() => v('split_part', [V, V, 'bigint'], 'a', ',', 0), 'INVALID_FUNCTION_ARGUMENT', 'Index must be greater than zero');
    assert.deepEqual(v('split_to_map', [V, V, V], 'a=1,b=2', ',', '='), { kind: 'map', keys: ['a', 'b'], values: ['1', '2'] });
    assertTrinoError(() => v('split_to_map', [V, V, V], 'a=1,a=2', ',', '='), 'INVALID_FUNCTION_ARGUMENT', 'Duplicate keys (a) are not allowed');
    assert.deepEqual(v('split_to_multimap', [V, V, V], 'a=1,a=2', ',', '='), { kind: 'map', keys: ['a'], values: [['1', '2']] });
  });
  it('character functions', () => {
    assert.equal(v('chr', ['bigint'], 65), 'A');
    assert.equal(v('chr', ['bigint'], 0x1f600), '\u{1F600}');
    assertTrinoError(() => v('chr', ['bigint'], -1), 'INVALID_FUNCTION_ARGUMENT', 'Not a valid Unicode code point: -1');
    assert.equal(v('codepoint', ['varchar(1)'], 'A'), 65);
    assert.equal(v('starts_with', [V, V], 'abc', 'ab'), true);
    assert.equal(v('ends_with', [V, V], 'abc', 'bc'), true);
    assert.equal(v('levenshtein_distance', [V, V], 'kitten', 'sitting'), 3);
    assert.equal(v('hamming_distance', [V, V], 'abc', 'abd'), 1);
    assertTrinoError(() => v('hamming_distance', [V, V], 'a', 'ab'), 'INVALID_FUNCTION_ARGUMENT');
    assert.equal(v('soundex', [V], 'Robert'), 'R163');
    assert.equal(v('soundex', [V], 'Tymczak'), 'T522');
    assert.equal(v('translate', [V, V, V], 'abcd', 'ac', 'x'), 'xbd');
    assert.equal(v('normalize', [V], 'e\u0301'), '\u00e9');
    assert.equal(v('normalize', [V, V], '\u00e9', 'NFD'), 'e\u0301');
    assert.equal(v('luhn_check', [V], '79927398713'), true);
    assert.equal(v('luhn_check', [V], '79927398714'), false);
    assert.equal(v('title_case', [V], 'hello wORLD'), 'Hello World');
  });
  it('utf8 conversions', () => {
    assert.deepEqual(v('to_utf8', [V], 'é'), new Uint8Array([0xc3, 0xa9]));
    assert.equal(v('from_utf8', ['varbinary'], new Uint8Array([0x61, 0xff])), 'a\ufffd');
    assert.equal(v('from_utf8', ['varbinary', V], new Uint8Array([0x61, 0xff]), '?'), 'a?');
    assert.equal(v('length', ['varbinary'], new Uint8Array(3)), 3);
  });
  it('word_stem', () => {
    assert.equal(v('word_stem', [V], 'running'), 'run');
    assert.equal(v('word_stem', [V], 'generously'), 'generous');
    assert.equal(v('word_stem', [V], 'cats'), 'cat');
    assert.equal(v('word_stem', [V], 'happiness'), 'happi');
  });
  it('format', () => {
    assert.equal(v('format', [V, 'double', 'double'], '%s%%', 123, 0), '123.0%');
    assert.equal(v('format', [V, 'double'], '%.4f', Math.PI), '3.1416');
    assert.equal(v('format', [V, 'integer'], '%03d', 8), '008');
    assert.equal(v('format', [V, 'decimal(5,2)'], '%,.2f', 123456n), '1,234.56');
    assert.equal(v('format', [V, V, 'integer'], '%s %d', 'x', 5), 'x 5');
    assert.equal(v('format', [V, 'integer', 'integer'], '%2$s %1$s', 1, 2), '2 1');
    assertTrinoError(() => v('format', [V, V], '%d', 'x'), 'INVALID_FUNCTION_ARGUMENT');
    assert.equal(v('format', [V, 'date'], '%1$tA, %1$tB %1$te, %1$tY', 13333), 'Tuesday, July 4, 2006');
    assert.equal(v('format', [V, V, V, V], '%2$s %3$s %1$s', 'a', 'b', 'c'), 'b c a');
  });
});
