import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { value as v, call, assertTrinoError } from '../testing/function-assertions.js';

describe('math functions', () => {
  it('abs and sign on every numeric type', () => {
    assert.equal(v('abs', ['integer'], -5), 5);
    assert.equal(v('abs', ['bigint'], -9223372036854775807n), 9223372036854775807n);
    assertTrinoError(() => v('abs', ['tinyint'], -128), 'NUMERIC_VALUE_OUT_OF_RANGE');
    assert.equal(v('abs', ['decimal(3,1)'], -15n), 15n);
    assert.equal(call('abs', ['decimal(3,1)'], -15n).type, 'decimal(3,1)');
    assert.equal(v('sign', ['double'], -2.5), -1);
    assert.equal(v('sign', ['decimal(3,1)'], -15n), -1n);
  });
  it('ceil, floor, round, truncate', () => {
    assert.equal(v('ceil', ['double'], 1.2), 2);
    assert.equal(v('floor', ['double'], -1.2), -2);
    assert.equal(v('round', ['double'], 2.5), 3);
    assert.equal(v('round', ['double'], -2.5), -3);
    assert.equal(v('round', ['double', 'integer'], 3.14159, 2), 3.14);
    assert.equal(v('round', ['integer', 'integer'], 1250, -2), 1300);
    assert.equal(v('round', ['decimal(4,2)'], 1250n), 13n);
    assert.equal(call('round', ['decimal(4,2)'], 1250n).type, 'decimal(3,0)');
    assert.equal(v('round', ['decimal(4,2)', 'integer'], 1255n, 1), 1260n);
    assert.equal(v('ceil', ['decimal(4,2)'], -1250n), -12n);
    assert.equal(v('floor', ['decimal(4,2)'], -1250n), -13n);
    assert.equal(v('truncate', ['double'], -1.9), -1);
    assert.equal(v('truncate', ['decimal(4,2)'], -1299n), -12n);
    assert.equal(v('truncate', ['double', 'integer'], 3.14159, 2), 3.14);
  });
  it('mod, power, roots, logs', () => {
    assert.equal(v('mod', ['integer', 'integer'], -7, 3), -1);
    assertTrinoError(() => v('mod', ['integer', 'integer'], 1, 0), 'DIVISION_BY_ZERO');
    assert.equal(v('mod', ['decimal(3,1)', 'decimal(2,1)'], 55n, 20n), 15n);
    assert.equal(v('power', ['integer', 'integer'], 2, 10), 1024);
    assert.equal(v('sqrt', ['integer'], 16), 4);
    assert.equal(v('cbrt', ['double'], 27), 3);
    assert.equal(v('ln', ['double'], Math.E), 1);
    assert.equal(v('log10', ['double'], 1000), 3);
    assert.equal(v('log2', ['double'], 8), 3);
    assert.equal(v('log', ['double', 'double'], 2, 8), 3);
    assert.equal(v('exp', ['double'], 0), 1);
    assert.equal(v('degrees', ['double'], Math.PI), 180);
    assert.equal(v('pi', []), Math.PI);
  });
  it('greatest and least', () => {
    assert.equal(v('greatest', ['integer', 'integer', 'integer'], 1, 5, 3), 5);
    assert.equal(v('least', ['integer', 'bigint'], 1, 5), 1);
    assert.equal(call('greatest', ['integer', 'double'], 1, 2.5).type, 'double');
    assert.equal(v('greatest', ['integer', 'integer'], 1, null), null);
    assertTrinoError(() => v('greatest', ['double', 'double'], 1, NaN), 'INVALID_FUNCTION_ARGUMENT', 'Invalid argument to greatest(): NaN');
    assert.equal(v('greatest', ['varchar', 'varchar'], 'a', 'b'), 'b');
  });
  it('floating point predicates and constants', () => {
    assert.equal(v('is_nan', ['double'], NaN), true);
    assert.equal(v('is_finite', ['double'], 1), true);
    assert.equal(v('is_infinite', ['double'], -Infinity), true);
    assert.equal(v('infinity', []), Infinity);
    assert.ok(Number.isNaN(v('nan', []) as number));
  });
  it('bases', () => {
    assert.equal(v('from_base', ['varchar', 'bigint'], 'ff', 16), 255);
    assert.equal(v('to_base', ['bigint', 'bigint'], 255, 2), '11111111');
    assert.equal(v('to_base', ['bigint', 'bigint'], -255, 16), '-ff');
    assertTrinoError(() => v('from_base', ['varchar', 'bigint'], 'zz', 16), 'INVALID_FUNCTION_ARGUMENT', 'Not a valid base-16 number: zz');
    assertTrinoError(() => v('to_base', ['bigint', 'bigint'], 1, 1), 'INVALID_FUNCTION_ARGUMENT', 'Radix must be between 2 and 36');
  });
  it('width_bucket and distributions', () => {
    assert.equal(v('width_bucket', ['double', 'double', 'double', 'bigint'], 5.3, 0.2, 10.6, 5), 3);
    assert.equal(v('width_bucket', ['double', 'double', 'double', 'bigint'], -1, 0, 10, 5), 0);
    assert.equal(v('width_bucket', ['double', 'array(double)'], 5, [1, 4, 8]), 2);
    assert.ok(Math.abs((v('normal_cdf', ['double', 'double', 'double'], 0, 1, 1.96) as number) - 0.9750021048517795) < 1e-12);
    assert.ok(Math.abs((v('inverse_normal_cdf', ['double', 'double', 'double'], 0, 1, 0.975) as number) - 1.959963984540054) < 1e-9);
    assert.ok(Math.abs((v('beta_cdf', ['double', 'double', 'double'], 3, 4, 0.0004) as number) - 1.2788483685990426e-9) < 1e-15);
    assert.ok(Math.abs((v('inverse_beta_cdf', ['double', 'double', 'double'], 2, 5, 0.95) as number) - 0.5818034093775719) < 1e-6);
    assertTrinoError(() => v('normal_cdf', ['double', 'double', 'double'], 0, 0, 1), 'INVALID_FUNCTION_ARGUMENT');
    assert.ok(Math.abs((v('wilson_interval_lower', ['bigint', 'bigint', 'double'], 1250, 1310, 1.96) as number) - 0.9414883725395894) < 1e-9);
    assert.ok(Math.abs((v('wilson_interval_upper', ['bigint', 'bigint', 'double'], 1250, 1310, 1.96) as number) - 0.9642524717143908) < 1e-9);
  });
  it('cosine similarity', () => {
    const a = { kind: 'map' as const, keys: ['a'], values: [1] };
    const b = { kind: 'map' as const, keys: ['a', 'b'], values: [2, 3] };
    assert.ok(Math.abs((v('cosine_similarity', ['map(varchar, double)', 'map(varchar, double)'], a, b) as number) - 2 / Math.sqrt(13)) < 1e-12);
    assert.equal(v('cosine_similarity', ['array(double)', 'array(double)'], [1, 0], [1, 0]), 1);
  });
  it('random', () => {
    const r = v('random', []) as number;
    assert.ok(r >= 0 && r < 1);
    const i = v('random', ['integer'], 10) as number;
    assert.ok(Number.isInteger(i) && i >= 0 && i < 10);
    assert.equal(call('rand', []).type, 'double');
  });
  it('bitwise', () => {
    assert.equal(v('bit_count', ['bigint', 'bigint'], 9, 64), 2);
    assert.equal(v('bit_count', ['bigint', 'bigint'], -7, 8), 6);
    assert.equal(v('bitwise_and', ['bigint', 'bigint'], 19, 25), 17);
    assert.equal(v('bitwise_or', ['bigint', 'bigint'], 19, 25), 27);
    assert.equal(v('bitwise_xor', ['bigint', 'bigint'], 19, 25), 10);
    assert.equal(v('bitwise_not', ['bigint'], 0), -1);
    assert.equal(v('bitwise_left_shift', ['integer', 'bigint'], 1, 2), 4);
    assert.equal(v('bitwise_right_shift', ['tinyint', 'bigint'], -8, 1), 124);
    assert.equal(v('bitwise_right_shift_arithmetic', ['bigint', 'bigint'], -8, 1), -4);
  });
});
