import type { Int64, SqlValue } from '@petrel/spi';
import { normalizeInt64 } from '@petrel/spi';
import type { FunctionDefinition } from '../function-definition.js';
import { scalarFunction } from '../function-definition.js';
import { invalidArgument } from '../errors.js';

const big = (v: SqlValue): bigint => BigInt(v as Int64);
const out = (v: bigint): Int64 => normalizeInt64(BigInt.asIntN(64, v));

function shiftFor(type: string, v: bigint, shift: number, kind: 'left' | 'right' | 'arith'): Int64 {
  const bits = type === 'tinyint' ? 8 : type === 'smallint' ? 16 : type === 'integer' ? 32 : 64;
  if (shift >= bits) return kind === 'arith' ? (v < 0n ? -1 : 0) : 0;
  const s = BigInt(shift);
  if (kind === 'left') return normalizeInt64(BigInt.asIntN(bits, v << s));
  if (kind === 'arith') return normalizeInt64(BigInt.asIntN(bits, v) >> s);
  return logicalRight(type, v, shift);
}

export function bitwiseFunctions(): FunctionDefinition[] {
  const defs: FunctionDefinition[] = [
    scalarFunction({
      name: 'bit_count', args: ['bigint', 'bigint'], returns: 'bigint', description: 'Count number of set bits in 2\'s complement representation',
      impl: (x, b) => {
        const bits = Number(b);
        if (bits < 2 || bits > 64) throw invalidArgument('Bits specified in bit_count must be between 2 and 64, got ' + bits);
        const v = big(x);
        const low = -(1n << BigInt(bits - 1));
        const high = (1n << BigInt(bits - 1)) - 1n;
        if (v < low || v > high) throw invalidArgument(`Number must be representable with the bits specified. ${v} cannot be represented with ${bits} bits`);
        let u = BigInt.asUintN(bits, v);
        let count = 0;
        while (u > 0n) {
          count += Number(u & 1n);
          u >>= 1n;
        }
        return count;
      },
    }),
    scalarFunction({ name: 'bitwise_not', args: ['bigint'], returns: 'bigint', description: 'Bitwise NOT in 2\'s complement arithmetic', impl: (x) => out(~big(x)) }),
    scalarFunction({ name: 'bitwise_and', args: ['bigint', 'bigint'], returns: 'bigint', description: 'Bitwise AND in 2\'s complement arithmetic', impl: (a, b) => out(big(a) & big(b)) }),
    scalarFunction({ name: 'bitwise_or', args: ['bigint', 'bigint'], returns: 'bigint', description: 'Bitwise OR in 2\'s complement arithmetic', impl: (a, b) => out(big(a) | big(b)) }),
    scalarFunction({ name: 'bitwise_xor', args: ['bigint', 'bigint'], returns: 'bigint', description: 'Bitwise XOR in 2\'s complement arithmetic', impl: (a, b) => out(big(a) ^ big(b)) }),
  ];
  for (const t of ['tinyint', 'smallint', 'integer', 'bigint']) {
    defs.push(
      scalarFunction({ name: 'bitwise_left_shift', args: [t, 'bigint'], returns: t, description: 'Shift left', impl: (v, s) => shiftFor(t, big(v), Number(s), 'left') }),
      scalarFunction({ name: 'bitwise_right_shift', args: [t, 'bigint'], returns: t, description: 'Logical shift right', impl: (v, s) => logicalRight(t, big(v), Number(s)) }),
      scalarFunction({ name: 'bitwise_right_shift_arithmetic', args: [t, 'bigint'], returns: t, description: 'Arithmetic shift right', impl: (v, s) => shiftFor(t, big(v), Number(s), 'arith') }),
    );
  }
  return defs;
}

function logicalRight(type: string, v: bigint, shift: number): Int64 {
  const bits = type === 'tinyint' ? 8 : type === 'smallint' ? 16 : type === 'integer' ? 32 : 64;
  if (shift >= bits) return 0;
  const u = BigInt.asUintN(bits, v) >> BigInt(shift);
  return normalizeInt64(BigInt.asIntN(bits, u));
}
