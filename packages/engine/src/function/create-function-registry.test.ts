import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BIGINT, INTEGER, VARCHAR, typeDisplayName, arrayType, functionType, BOOLEAN, longTimestamp } from '@petrel/spi';
import { registry, call, value, op, cast, assertTrinoError, t, aggregate, lambdaArg, context } from './testing/function-assertions.js';

describe('function resolution', () => {
  it('reports unknown functions', () => {
    assertTrinoError(() => registry.resolveFunction('foo', []), 'FUNCTION_NOT_FOUND', "Function 'foo' not registered");
  });
  it('reports mismatched parameters with the expected signatures', () => {
    assertTrinoError(
      () => registry.resolveFunction('count_if', [{ kind: 'value', type: t('varchar(3)') }, { kind: 'value', type: INTEGER }]),
      'FUNCTION_NOT_FOUND',
      'Unexpected parameters (varchar(3), integer) for function count_if. Expected: count_if(boolean)',
    );
  });
  it('chooses the most specific overload with coercions', () => {
    const add = registry.resolveOperator('add', [INTEGER, BIGINT]);
    assert.equal(typeDisplayName(add.returnType), 'bigint');
    assert.deepEqual(add.argumentTypes.map(typeDisplayName), ['bigint', 'bigint']);
    const dec = registry.resolveOperator('add', [INTEGER, t('decimal(3,1)')]);
    assert.equal(typeDisplayName(dec.returnType), 'decimal(12,1)');
    const dbl = registry.resolveOperator('multiply', [t('decimal(3,1)'), t('double')]);
    assert.equal(typeDisplayName(dbl.returnType), 'double');
    const real = registry.resolveOperator('add', [t('real'), t('bigint')]);
    assert.equal(typeDisplayName(real.returnType), 'real');
  });
  it('binds type variables to the common super type', () => {
    const eq = registry.resolveOperator('equal', [t('varchar(3)'), t('varchar(5)')]);
    assert.deepEqual(eq.argumentTypes.map(typeDisplayName), ['varchar(5)', 'varchar(5)']);
    const arr = registry.resolveOperator('equal', [t('array(integer)'), t('array(bigint)')]);
    assert.deepEqual(arr.argumentTypes.map(typeDisplayName), ['array(bigint)', 'array(bigint)']);
  });
  it('reports operator mismatches as Trino does', () => {
    assertTrinoError(() => registry.resolveOperator('add', [t('varchar(1)'), INTEGER]), 'TYPE_MISMATCH', 'Cannot apply operator: varchar(1) + integer');
    assertTrinoError(() => registry.resolveOperator('equal', [INTEGER, t('varchar(1)')]), 'TYPE_MISMATCH', 'Cannot apply operator: integer = varchar(1)');
    assertTrinoError(() => registry.resolveOperator('negate', [VARCHAR]), 'TYPE_MISMATCH', 'Cannot negate varchar');
    assertTrinoError(() => registry.resolveOperator('less_than', [t('map(integer,integer)'), t('map(integer,integer)')]), 'TYPE_MISMATCH');
  });
  it('treats varchar literals as not numbers', () => {
    assert.equal(registry.coercion.canCoerce(t('varchar(1)'), INTEGER), false);
  });
  it('resolves aggregates and windows, and knows their kinds', () => {
    assert.equal(registry.isAggregateFunction('count'), true);
    assert.equal(registry.isAggregateFunction('abs'), false);
    assert.equal(registry.isWindowFunction('rank'), true);
    const c = registry.resolveFunction('COUNT', []);
    assert.equal(c.kind, 'aggregate');
    assert.equal(c.name, 'count');
    const s = registry.resolveFunction('sum', [{ kind: 'value', type: t('decimal(10,2)') }]);
    assert.equal(typeDisplayName(s.returnType), 'decimal(38,2)');
  });
  it('looks implementations up again from plain resolved functions (serialized plans)', () => {
    const fn = registry.resolveOperator('add', [BIGINT, BIGINT]);
    const copy = JSON.parse(JSON.stringify(fn));
    assert.equal(registry.getScalarImplementation(copy, context)(1, 2), 3);
  });
  it('lists functions with descriptions', () => {
    const rows = registry.listFunctions();
    assert.ok(rows.some((r) => r.name === 'count' && r.kind === 'aggregate'));
    assert.ok(!rows.some((r) => r.name.startsWith('$operator$')));
  });
  it('lists overloads as Trino SHOW FUNCTIONS prints them', () => {
    const lines = new Set(registry.listFunctions().map((r) => [r.name, r.returnType, r.argumentTypes, r.kind, r.deterministic, r.description].join('|')));
    for (const line of [
      'approx_distinct|bigint|T|aggregate|true|', // Trino's aggregates mostly carry no description
      'approx_percentile|bigint|bigint, double, double|aggregate|true|', // weights are double
      'approx_set|hyperloglog|varchar(x)|aggregate|true|', // named types in lower case
      'max_by|V|V, K|aggregate|true|Returns the value of the first argument, associated with the maximum value of the second argument',
      'round|bigint|bigint, integer|scalar|true|Round to nearest integer',
      'ceil|integer|integer|scalar|true|Round up to nearest integer',
      'stddev|double|bigint|aggregate|true|Returns the sample standard deviation of the argument',
      'rank|bigint||window|true|',
      'greatest|E|E|scalar|true|Get the largest of the given values',
    ]) assert.ok(lines.has(line), line);
  });
});

describe('type coercion', () => {
  const c = registry.coercion;
  it('follows the numeric ladder', () => {
    for (const [from, to] of [
      ['tinyint', 'smallint'], ['smallint', 'integer'], ['integer', 'bigint'], ['bigint', 'double'], ['integer', 'decimal(10,0)'],
      ['bigint', 'decimal(19,0)'], ['decimal(5,2)', 'double'], ['real', 'double'], ['varchar(3)', 'varchar(5)'], ['varchar(3)', 'varchar'],
      ['unknown', 'array(integer)'], ['date', 'timestamp(0)'], ['timestamp(3)', 'timestamp(6)'], ['timestamp(3)', 'timestamp(3) with time zone'],
      ['array(integer)', 'array(bigint)'], ['row(integer, varchar(1))', 'row(bigint, varchar)'], ['char(3)', 'varchar(3)'],
    ] as const) {
      assert.equal(c.canCoerce(t(from), t(to)), true, `${from} -> ${to}`);
    }
    for (const [from, to] of [
      ['bigint', 'integer'], ['double', 'real'], ['varchar(5)', 'varchar(3)'], ['varchar', 'integer'], ['integer', 'decimal(5,0)'],
      ['timestamp(6)', 'timestamp(3)'], ['double', 'decimal(38,0)'],
    ] as const) {
      assert.equal(c.canCoerce(t(from), t(to)), false, `${from} -/-> ${to}`);
    }
  });
  it('computes common super types', () => {
    const s = (a: string, b: string): string | undefined => {
      const r = c.getCommonSuperType(t(a), t(b));
      return r === undefined ? undefined : typeDisplayName(r);
    };
    assert.equal(s('integer', 'bigint'), 'bigint');
    assert.equal(s('decimal(5,2)', 'decimal(10,1)'), 'decimal(11,2)');
    assert.equal(s('integer', 'decimal(3,1)'), 'decimal(11,1)');
    assert.equal(s('bigint', 'double'), 'double');
    assert.equal(s('varchar(3)', 'varchar(7)'), 'varchar(7)');
    assert.equal(s('unknown', 'date'), 'date');
    assert.equal(s('date', 'timestamp(6)'), 'timestamp(6)');
    assert.equal(s('varchar', 'integer'), undefined);
    assert.equal(s('array(integer)', 'array(double)'), 'array(double)');
    assert.equal(s('map(varchar(1), integer)', 'map(varchar(2), bigint)'), 'map(varchar(2), bigint)');
  });
  it('knows which casts exist', () => {
    assert.equal(c.canCast(t('varchar'), t('bigint')), true);
    assert.equal(c.canCast(t('bigint'), t('varchar')), true);
    assert.equal(c.canCast(t('array(varchar)'), t('array(integer)')), true);
    assert.equal(c.canCast(t('array(integer)'), t('varchar')), false);
    assert.equal(c.canCast(t('map(varchar, integer)'), t('json')), true);
    assert.equal(c.canCast(t('date'), t('integer')), false);
  });
});

describe('arithmetic operators', () => {
  it('adds, with overflow errors', () => {
    assert.equal(op('add', ['integer', 'integer'], 1, 2), 3);
    assertTrinoError(() => op('add', ['integer', 'integer'], 2147483647, 1), 'NUMERIC_VALUE_OUT_OF_RANGE', 'integer addition overflow: 2147483647 + 1');
    assertTrinoError(() => op('add', ['bigint', 'bigint'], 9223372036854775807n, 1), 'NUMERIC_VALUE_OUT_OF_RANGE', 'bigint addition overflow: 9223372036854775807 + 1');
    assert.equal(op('add', ['bigint', 'bigint'], 9007199254740991, 1), 9007199254740992n);
    assert.equal(op('subtract', ['bigint', 'bigint'], 9007199254740992n, 1), 9007199254740991);
    assertTrinoError(() => op('multiply', ['bigint', 'bigint'], 4294967296, 4294967296), 'NUMERIC_VALUE_OUT_OF_RANGE');
    assert.equal(op('multiply', ['bigint', 'bigint'], 3037000499, 3037000499), 9223372030926249001n);
  });
  it('divides integers truncating, and rejects zero', () => {
    assert.equal(op('divide', ['integer', 'integer'], 7, 2), 3);
    assert.equal(op('divide', ['integer', 'integer'], -7, 2), -3);
    assert.equal(op('modulus', ['integer', 'integer'], -7, 2), -1);
    assertTrinoError(() => op('divide', ['integer', 'integer'], 1, 0), 'DIVISION_BY_ZERO', 'Division by zero');
    assertTrinoError(() => op('modulus', ['bigint', 'bigint'], 1, 0), 'DIVISION_BY_ZERO', 'Division by zero');
    assert.equal(op('divide', ['double', 'double'], 1, 0), Infinity);
    assert.ok(Number.isNaN(op('divide', ['double', 'double'], 0, 0) as number));
  });
  it('does decimal arithmetic with Trino precision and HALF_UP rounding', () => {
    const add = registry.resolveOperator('add', [t('decimal(3,2)'), t('decimal(4,1)')]);
    assert.equal(typeDisplayName(add.returnType), 'decimal(6,2)');
    assert.equal(op('add', ['decimal(3,2)', 'decimal(4,1)'], 125n, 10n), 225n); // 1.25 + 1.0
    const div = registry.resolveOperator('divide', [t('decimal(3,1)'), t('decimal(2,1)')]);
    assert.equal(typeDisplayName(div.returnType), 'decimal(4,1)');
    assert.equal(op('divide', ['decimal(3,1)', 'decimal(2,1)'], 10n, 30n), 3n); // 1.0 / 3.0 = 0.3
    assert.equal(op('divide', ['decimal(3,1)', 'decimal(2,1)'], 20n, 30n), 7n); // 0.666 -> 0.7
    assert.equal(op('divide', ['decimal(3,1)', 'decimal(2,1)'], -20n, 30n), -7n);
    const mul = registry.resolveOperator('multiply', [t('decimal(3,1)'), t('decimal(2,1)')]);
    assert.equal(typeDisplayName(mul.returnType), 'decimal(5,2)');
    assertTrinoError(() => op('divide', ['decimal(3,1)', 'decimal(2,1)'], 10n, 0n), 'DIVISION_BY_ZERO');
    assertTrinoError(() => op('add', ['decimal(38,0)', 'decimal(38,0)'], 10n ** 38n - 1n, 1n), 'NUMERIC_VALUE_OUT_OF_RANGE', 'Decimal overflow');
    assert.equal(op('modulus', ['decimal(3,1)', 'decimal(2,1)'], 55n, 20n), 15n);
    // decimal values read as numbers from 64-bit blocks are accepted
    assert.equal(op('add', ['decimal(3,1)', 'decimal(3,1)'], 15, 25), 40n);
    assert.equal(op('equal', ['decimal(3,1)', 'decimal(3,1)'], 15, 15n), true);
  });
  it('negates', () => {
    assert.equal(op('negate', ['integer'], 5), -5);
    assertTrinoError(() => op('negate', ['integer'], -2147483648), 'NUMERIC_VALUE_OUT_OF_RANGE');
    assertTrinoError(() => op('negate', ['bigint'], -9223372036854775808n), 'NUMERIC_VALUE_OUT_OF_RANGE');
    assert.equal(op('negate', ['decimal(3,1)'], 15n), -15n);
  });
  it('adds intervals to dates and timestamps', () => {
    const day = 86_400_000;
    assert.equal(op('add', ['date', 'interval day to second'], 0, 2 * day), 2);
    assert.equal(op('add', ['date', 'interval year to month'], 30, 1), 58); // 1970-01-31 + 1 month = 1970-02-28
    assertTrinoError(() => op('add', ['date', 'interval day to second'], 0, 3_600_000), 'INVALID_FUNCTION_ARGUMENT');
    assert.equal(op('add', ['timestamp(3)', 'interval day to second'], 1000, 500), 1500);
    assert.equal(op('subtract', ['timestamp(3)', 'timestamp(3)'], 5000, 1000), 4000);
    assert.equal(op('multiply', ['interval day to second', 'bigint'], 1000, 3), 3000);
  });
});

describe('comparison operators', () => {
  it('compares with three-valued logic for nested nulls', () => {
    assert.equal(op('equal', ['array(integer)', 'array(integer)'], [1, 2], [1, 2]), true);
    assert.equal(op('equal', ['array(integer)', 'array(integer)'], [1, null], [1, 2]), null);
    assert.equal(op('equal', ['array(integer)', 'array(integer)'], [3, null], [1, 2]), false);
    assert.equal(op('less_than', ['array(integer)', 'array(integer)'], [1, 2], [1, 3]), true);
    assert.equal(op('less_than', ['array(integer)', 'array(integer)'], [1], [1, 0]), true);
    assert.equal(op('equal', ['row(integer, varchar)', 'row(integer, varchar)'], [1, 'a'], [1, 'a']), true);
  });
  it('handles NaN as Trino: not equal to itself, greatest when sorting', () => {
    assert.equal(op('equal', ['double', 'double'], NaN, NaN), false);
    assert.equal(op('is_distinct_from', ['double', 'double'], NaN, NaN), false);
    assert.equal(op('comparison', ['double', 'double'], NaN, Infinity), 1);
    assert.equal(op('comparison', ['double', 'double'], 1, NaN), -1);
  });
  it('compares varchar by code point', () => {
    assert.equal(op('less_than', ['varchar', 'varchar'], '\uffff', '\u{1F600}'), true);
    assert.equal(op('less_than', ['varchar', 'varchar'], 'a', 'b'), true);
    assert.equal(op('equal', ['varchar(1)', 'varchar(3)'], 'a', 'a'), true);
  });
  it('compares mixed numeric types after coercion', () => {
    assert.equal(op('equal', ['integer', 'bigint'], 5, 5), true);
    assert.equal(op('less_than', ['integer', 'decimal(3,1)'], 1, 15n), true);
    assert.equal(op('greater_than', ['bigint', 'double'], 3, 2.5), true);
  });
  it('is_distinct_from handles NULLs', () => {
    assert.equal(op('is_distinct_from', ['integer', 'integer'], null, null), false);
    assert.equal(op('is_distinct_from', ['integer', 'integer'], 1, null), true);
    assert.equal(op('is_distinct_from', ['integer', 'integer'], 1, 1), false);
  });
  it('subscripts arrays and maps', () => {
    assert.equal(op('subscript', ['array(integer)', 'bigint'], [1, 2, 3], 2), 2);
    assertTrinoError(() => op('subscript', ['array(integer)', 'bigint'], [1, 2, 3], 5), 'INVALID_FUNCTION_ARGUMENT',
      'Array subscript must be less than or equal to array length: 5 > 3');
    assertTrinoError(() => op('subscript', ['array(integer)', 'bigint'], [1], 0), 'INVALID_FUNCTION_ARGUMENT', 'SQL array indices start at 1');
    const m = { kind: 'map' as const, keys: ['a'], values: [1] };
    assert.equal(op('subscript', ['map(varchar, integer)', 'varchar'], m, 'a'), 1);
    assertTrinoError(() => op('subscript', ['map(varchar, integer)', 'varchar'], m, 'x'), 'INVALID_FUNCTION_ARGUMENT', 'Key not present in map: x');
  });
  it('hash_code and indeterminate', () => {
    assert.equal(op('hash_code', ['varchar'], 'abc'), op('hash_code', ['varchar'], 'abc'));
    assert.equal(op('indeterminate', ['array(integer)'], [1, null]), true);
    assert.equal(op('indeterminate', ['integer'], null), true);
    assert.equal(op('indeterminate', ['integer'], 1), false);
    assert.ok(['number', 'bigint'].includes(typeof op('xx_hash_64', ['bigint'], 1)));
  });
});

describe('casts', () => {
  it('casts varchar to numbers with Trino messages', () => {
    assert.equal(cast('varchar', 'bigint', ' 42 '), 42);
    assertTrinoError(() => cast('varchar', 'bigint', 'abc'), 'INVALID_CAST_ARGUMENT', "Cannot cast 'abc' to BIGINT");
    assertTrinoError(() => cast('varchar', 'integer', '3000000000'), 'INVALID_CAST_ARGUMENT', "Cannot cast '3000000000' to INT");
    assert.equal(cast('varchar', 'double', '1e3'), 1000);
    assert.ok(Number.isNaN(cast('varchar', 'double', 'NaN') as number));
    assert.equal(cast('varchar', 'decimal(5,2)', '1.005'), 101n);
    assertTrinoError(() => cast('varchar', 'decimal(5,2)', 'x'), 'INVALID_CAST_ARGUMENT');
  });
  it('range-checks integer narrowing', () => {
    assertTrinoError(() => cast('bigint', 'integer', 3000000000), 'NUMERIC_VALUE_OUT_OF_RANGE', 'Out of range for integer: 3000000000');
    assert.equal(cast('bigint', 'smallint', 1000), 1000);
  });
  it('rounds HALF_UP to integers', () => {
    assert.equal(cast('decimal(2,1)', 'integer', 25n), 3);
    assert.equal(cast('decimal(2,1)', 'integer', -25n), -3);
    assert.equal(cast('double', 'integer', 2.5), 3);
    assert.equal(cast('double', 'integer', -2.5), -3);
    assert.equal(cast('double', 'bigint', 1e15 + 0.5), 1000000000000001);
    assertTrinoError(() => cast('double', 'integer', 1e10), 'NUMERIC_VALUE_OUT_OF_RANGE');
    assertTrinoError(() => cast('decimal(12,1)', 'integer', 30000000005n), 'INVALID_CAST_ARGUMENT', "Cannot cast '3000000001' to INTEGER");
  });
  it('formats doubles as Java does', () => {
    assert.equal(cast('double', 'varchar', 1e10), '1.0E10');
    assert.equal(cast('double', 'varchar', 0.1), '0.1');
    assert.equal(cast('double', 'varchar', 123), '123.0');
    assert.equal(cast('double', 'varchar', 1e-4), '1.0E-4');
    assert.equal(cast('double', 'varchar', 0.001), '0.001');
    assert.equal(cast('double', 'varchar', 1234567.5), '1234567.5');
    assert.equal(cast('double', 'varchar', 12345678.9), '1.23456789E7');
    assert.equal(cast('double', 'varchar', NaN), 'NaN');
    assert.equal(cast('double', 'varchar', -Infinity), '-Infinity');
    assert.equal(cast('real', 'varchar', Math.fround(0.1)), '0.1');
    assert.equal(cast('real', 'varchar', Math.fround(3.4e38)), '3.4E38');
  });
  it('casts booleans', () => {
    assert.equal(cast('varchar', 'boolean', 'TRUE'), true);
    assert.equal(cast('varchar', 'boolean', 'f'), false);
    assert.equal(cast('varchar', 'boolean', '1'), true);
    assertTrinoError(() => cast('varchar', 'boolean', 'yes'), 'INVALID_CAST_ARGUMENT', "Cannot cast 'yes' to BOOLEAN");
    assert.equal(cast('boolean', 'varchar', true), 'true');
    assert.equal(cast('integer', 'boolean', 2), true);
  });
  it('casts decimals', () => {
    assert.equal(cast('decimal(5,2)', 'varchar', 12345n), '123.45');
    assert.equal(cast('decimal(5,2)', 'varchar', -5n), '-0.05');
    assert.equal(cast('decimal(5,2)', 'decimal(4,1)', 12345n), 1235n);
    assertTrinoError(() => cast('decimal(5,2)', 'decimal(3,1)', 12345n), 'INVALID_CAST_ARGUMENT', "Cannot cast DECIMAL(5, 2) '123.45' to DECIMAL(3, 1)");
    assert.equal(cast('double', 'decimal(10,3)', 0.1), 100n);
    assert.equal(cast('decimal(5,2)', 'double', 12345n), 123.45);
    assertTrinoError(() => cast('bigint', 'decimal(3,0)', 1000), 'INVALID_CAST_ARGUMENT', "Cannot cast BIGINT '1000' to DECIMAL(3, 0)");
  });
  it('truncates and pads strings', () => {
    assert.equal(cast('varchar', 'varchar(3)', 'abcdef'), 'abc');
    assert.equal(cast('varchar', 'char(3)', 'a'), 'a  ');
    assert.equal(cast('varchar', 'varchar(2)', '\u{1F600}\u{1F600}\u{1F600}'), '\u{1F600}\u{1F600}');
  });
  it('casts dates and timestamps', () => {
    assert.equal(cast('varchar', 'date', '2020-02-29'), 18321);
    assertTrinoError(() => cast('varchar', 'date', '2021-02-29'), 'INVALID_CAST_ARGUMENT', 'Value cannot be cast to date: 2021-02-29');
    assert.equal(cast('date', 'varchar', 18321), '2020-02-29');
    assert.equal(cast('varchar', 'timestamp(3)', '2020-01-01 01:02:03.456'), Date.UTC(2020, 0, 1, 1, 2, 3, 456));
    assert.equal(cast('timestamp(3)', 'varchar', Date.UTC(2020, 0, 1, 1, 2, 3, 456)), '2020-01-01 01:02:03.456');
    assert.equal(cast('timestamp(0)', 'varchar', Date.UTC(2020, 0, 1)), '2020-01-01 00:00:00');
    assert.equal(cast('timestamp(3)', 'timestamp(0)', Date.UTC(2020, 0, 1, 0, 0, 0, 500)), Date.UTC(2020, 0, 1, 0, 0, 1));
    assert.deepEqual(cast('timestamp(3)', 'timestamp(6)', 1), longTimestamp(1, 0));
    assert.equal(cast('timestamp(6)', 'varchar', longTimestamp(Date.UTC(2020, 0, 1), 123_000_000)), '2020-01-01 00:00:00.000123');
    assert.equal(cast('date', 'timestamp(3)', 1), 86_400_000);
    assert.equal(cast('timestamp(3)', 'date', -1), -1);
    const tz = cast('varchar', 'timestamp(3) with time zone', '2020-06-01 12:00:00 America/New_York');
    assert.equal(cast('timestamp(3) with time zone', 'varchar', tz), '2020-06-01 12:00:00.000 America/New_York');
    assert.equal((tz as { epochMillis: number }).epochMillis, Date.UTC(2020, 5, 1, 16));
    const local = cast('timestamp(3)', 'timestamp(3) with time zone', Date.UTC(2024, 0, 1, 12));
    assert.equal(cast('timestamp(3) with time zone', 'varchar', local), '2024-01-01 12:00:00.000 America/Los_Angeles');
    assert.equal(cast('timestamp(3) with time zone', 'timestamp(3)', local), Date.UTC(2024, 0, 1, 12));
    assert.equal(cast('varchar', 'time(3)', '01:02:03.5'), 3_723_500_000_000_000n);
    assert.equal(cast('time(3)', 'varchar', 3_723_500_000_000_000n), '01:02:03.500');
  });
  it('casts intervals to varchar', () => {
    assert.equal(cast('interval day to second', 'varchar', 93_784_005), '1 02:03:04.005');
    assert.equal(cast('interval year to month', 'varchar', 14), '1-2');
    assert.equal(cast('interval year to month', 'varchar', -14), '-1-2');
  });
  it('casts structural types element-wise', () => {
    assert.deepEqual(cast('array(varchar)', 'array(integer)', ['1', null, '3']), [1, null, 3]);
    assert.deepEqual(cast('row(varchar, double)', 'row(bigint, varchar)', ['5', 1.5]), [5, '1.5']);
  });
  it('casts to and from JSON', () => {
    assert.equal(cast('array(integer)', 'json', [1, 2, null]), '[1,2,null]');
    assert.equal(cast('map(varchar, integer)', 'json', { kind: 'map', keys: ['b', 'a'], values: [1, 2] }), '{"a":2,"b":1}');
    assert.equal(cast('varchar', 'json', 'abc'), '"abc"');
    assert.equal(cast('json', 'varchar', '"abc"'), 'abc');
    assert.equal(cast('json', 'bigint', '123'), 123);
    assert.deepEqual(cast('json', 'array(integer)', '[1, 2]'), [1, 2]);
    assert.deepEqual(cast('json', 'map(varchar, double)', '{"a": 1.5}'), { kind: 'map', keys: ['a'], values: [1.5] });
    assert.deepEqual(cast('json', 'row(a integer, b varchar)', '{"b": "x", "a": 1}'), [1, 'x']);
    assert.equal(cast('double', 'json', 1.5), '1.5');
  });
  it('casts uuid and ipaddress', () => {
    assert.equal(cast('varchar', 'uuid', '12151FD2-7586-11E9-8F9E-2A86E4085A59'), '12151fd2-7586-11e9-8f9e-2a86e4085a59');
    const ip = cast('varchar', 'ipaddress', '10.0.0.1');
    assert.equal(cast('ipaddress', 'varchar', ip), '10.0.0.1');
    assert.equal(cast('ipaddress', 'varchar', cast('varchar', 'ipaddress', '2001:db8::1')), '2001:db8::1');
  });
});

describe('like', () => {
  it('matches % and _ with escapes', () => {
    assert.equal(value('like', ['varchar', 'varchar'], 'abc', 'a%'), true);
    assert.equal(value('like', ['varchar', 'varchar'], 'abc', '_b_'), true);
    assert.equal(value('like', ['varchar', 'varchar'], 'abc', '%c'), true);
    assert.equal(value('like', ['varchar', 'varchar'], 'a\nc', 'a_c'), true);
    assert.equal(value('like', ['varchar', 'varchar'], 'abc', 'b%'), false);
    assert.equal(value('like', ['varchar', 'varchar'], 'a.c', 'a.c'), true);
    assert.equal(value('like', ['varchar', 'varchar', 'varchar'], '50%', '50#%', '#'), true);
    assert.equal(value('like', ['varchar', 'varchar', 'varchar'], '500', '50#%', '#'), false);
    assertTrinoError(() => value('like', ['varchar', 'varchar', 'varchar'], 'x', 'x', '##'), 'INVALID_FUNCTION_ARGUMENT', 'Escape string must be a single character');
    assert.equal(value('like', ['varchar(3)', 'varchar(2)'], 'abc', '%b%'), true);
  });
});

describe('session functions', () => {
  it('reads the query start and zone', () => {
    assert.equal(value('current_timezone', []), 'America/Los_Angeles');
    assert.equal(cast('date', 'varchar', value('current_date', [])), '2024-03-15');
    const now = call('now', []);
    assert.equal(now.type, 'timestamp(3) with time zone');
    assert.equal(cast('timestamp(3) with time zone', 'varchar', now.value), '2024-03-15 10:30:45.123 America/Los_Angeles');
  });
});

describe('aggregates', () => {
  it('count and count(*)', () => {
    assert.deepEqual(aggregate('count', [], [[], [], []]), [3]);
    assert.deepEqual(aggregate('count', ['integer'], [[1], [null], [3]]), [2]);
    assert.deepEqual(aggregate('count', ['integer'], []), [0]);
  });
  it('sum over groups, nulls and overflow', () => {
    assert.deepEqual(aggregate('sum', ['bigint'], [[1], [2], [3], [null]], [0, 1, 0, 1]), [4, 2]);
    assert.deepEqual(aggregate('sum', ['bigint'], [[null]]), [null]);
    assert.deepEqual(aggregate('sum', ['bigint'], [[9007199254740991], [10]]), [9007199254741001n]);
    assertTrinoError(() => aggregate('sum', ['bigint'], [[9223372036854775807n], [1]]), 'NUMERIC_VALUE_OUT_OF_RANGE');
    assert.deepEqual(aggregate('sum', ['double'], [[1.5], [2.5]]), [4]);
    assert.deepEqual(aggregate('sum', ['decimal(10,2)'], [[150n], [275n]]), [425n]);
  });
  it('avg', () => {
    assert.deepEqual(aggregate('avg', ['integer'], [[1], [2], [null], [4]]), [7 / 3]);
    assert.deepEqual(aggregate('avg', ['decimal(10,2)'], [[100n], [201n]]), [151n]);
    assert.deepEqual(aggregate('avg', ['double'], []), [null]);
    const fn = registry.resolveFunction('avg', [{ kind: 'value', type: INTEGER }]);
    assert.equal(typeDisplayName(fn.returnType), 'double');
    assert.equal(typeDisplayName(registry.getAggregateImplementation(fn, context).intermediateType), 'row(double, bigint, double)');
  });
  it('min, max over orderable types', () => {
    assert.deepEqual(aggregate('max', ['varchar'], [['b'], ['a'], [null], ['c']]), ['c']);
    assert.deepEqual(aggregate('min', ['array(integer)'], [[[1, 2]], [[1, 1]]]), [[1, 1]]);
    assert.deepEqual(aggregate('max', ['double'], [[1], [NaN]]), [NaN]);
    assertTrinoError(() => registry.resolveFunction('max', [{ kind: 'value', type: t('map(integer, integer)') }]), 'FUNCTION_NOT_FOUND');
  });
  it('boolean aggregates, count_if, arbitrary, array_agg', () => {
    assert.deepEqual(aggregate('bool_and', ['boolean'], [[true], [false], [null]]), [false]);
    assert.deepEqual(aggregate('bool_or', ['boolean'], [[true], [false]]), [true]);
    assert.deepEqual(aggregate('every', ['boolean'], []), [null]);
    assert.deepEqual(aggregate('count_if', ['boolean'], [[true], [false], [true], [null]]), [2]);
    assert.deepEqual(aggregate('arbitrary', ['integer'], [[null], [7]]), [7]);
    assert.deepEqual(aggregate('array_agg', ['integer'], [[1], [null], [3]]), [[1, null, 3]]);
    assert.deepEqual(aggregate('array_agg', ['integer'], []), [null]);
  });
});

describe('window functions', () => {
  const partition = (values: number[], peers: number[]) => ({
    rowCount: values.length,
    getArgument: (argument: number, row: number) => (argument === 0 ? values[row]! : argument === 1 ? 2 : -1),
    peerGroupStart: (row: number) => peers.indexOf(peers[row]!),
    peerGroupEnd: (row: number) => peers.lastIndexOf(peers[row]!),
    frameStart: () => 0,
    frameEnd: (row: number) => peers.lastIndexOf(peers[row]!),
  });
  const run = (name: string, types: string[], values: number[], peers: number[], ignoreNulls = false) => {
    const fn = registry.resolveFunction(name, types.map((x) => ({ kind: 'value' as const, type: t(x) })));
    const out: unknown[] = [];
    registry.getWindowImplementation(fn, context).processPartition(partition(values, peers) as never, out as never, { ignoreNulls });
    return out;
  };
  it('ranks', () => {
    assert.deepEqual(run('row_number', [], [5, 5, 6, 7], [0, 0, 1, 2]), [1, 2, 3, 4]);
    assert.deepEqual(run('rank', [], [5, 5, 6, 7], [0, 0, 1, 2]), [1, 1, 3, 4]);
    assert.deepEqual(run('dense_rank', [], [5, 5, 6, 7], [0, 0, 1, 2]), [1, 1, 2, 3]);
    assert.deepEqual(run('percent_rank', [], [5, 5, 6, 7], [0, 0, 1, 2]), [0, 0, 2 / 3, 1]);
    assert.deepEqual(run('cume_dist', [], [5, 5, 6, 7], [0, 0, 1, 2]), [0.5, 0.5, 0.75, 1]);
    assert.deepEqual(run('ntile', ['bigint'], [3, 3, 3, 3, 3], [0, 1, 2, 3, 4]), [1, 1, 2, 2, 3]);
  });
  it('navigates values', () => {
    assert.deepEqual(run('lag', ['integer'], [1, 2, 3], [0, 1, 2]), [null, 1, 2]);
    assert.deepEqual(run('lead', ['integer', 'bigint'], [1, 2, 3], [0, 1, 2]), [3, null, null]);
    assert.deepEqual(run('lead', ['integer', 'bigint', 'integer'], [1, 2, 3], [0, 1, 2]), [3, -1, -1]);
    assert.deepEqual(run('first_value', ['integer'], [1, 2, 3], [0, 1, 2]), [1, 1, 1]);
    assert.deepEqual(run('last_value', ['integer'], [1, 2, 3], [0, 0, 2]), [2, 2, 3]);
    assert.deepEqual(run('nth_value', ['integer', 'bigint'], [1, 2, 3], [0, 1, 2]), [null, 2, 2]);
  });
});

describe('lambda resolution', () => {
  it('is exercised through function types', () => {
    assert.equal(typeDisplayName(functionType([INTEGER], BOOLEAN)), 'function(integer, boolean)');
    assert.ok(lambdaArg(1, () => BOOLEAN));
    assert.ok(arrayType(INTEGER));
  });
});
