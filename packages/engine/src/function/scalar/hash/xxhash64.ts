import type { SqlType, SqlValue } from '@petrel/spi';
import { hashValue } from '../../../type/value-compare.js';

/** xxHash64 (seed 0 by default) over bytes, with BigInt arithmetic. */
const P1 = 11400714785074694791n;
const P2 = 14029467366897019727n;
const P3 = 1609587929392839161n;
const P4 = 9650029242287828579n;
const P5 = 2870177450012600261n;
const M = (1n << 64n) - 1n;

function rotl(x: bigint, r: bigint): bigint {
  return ((x << r) | (x >> (64n - r))) & M;
}
function round(acc: bigint, input: bigint): bigint {
  acc = (acc + input * P2) & M;
  acc = rotl(acc, 31n);
  return (acc * P1) & M;
}
function mergeRound(acc: bigint, val: bigint): bigint {
  val = round(0n, val);
  acc ^= val;
  return (acc * P1 + P4) & M;
}
function read64(b: Uint8Array, i: number): bigint {
  let v = 0n;
  for (let k = 7; k >= 0; k--) v = (v << 8n) | BigInt(b[i + k]!);
  return v;
}
function read32(b: Uint8Array, i: number): bigint {
  return BigInt((b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24)) >>> 0);
}

/** Unsigned 64-bit xxHash64 of the bytes. */
export function xxhash64(b: Uint8Array, seed = 0n): bigint {
  const len = b.length;
  let i = 0;
  let h: bigint;
  if (len >= 32) {
    let v1 = (seed + P1 + P2) & M;
    let v2 = (seed + P2) & M;
    let v3 = seed & M;
    let v4 = (seed - P1) & M;
    while (i <= len - 32) {
      v1 = round(v1, read64(b, i));
      v2 = round(v2, read64(b, i + 8));
      v3 = round(v3, read64(b, i + 16));
      v4 = round(v4, read64(b, i + 24));
      i += 32;
    }
    h = (rotl(v1, 1n) + rotl(v2, 7n) + rotl(v3, 12n) + rotl(v4, 18n)) & M;
    h = mergeRound(h, v1);
    h = mergeRound(h, v2);
    h = mergeRound(h, v3);
    h = mergeRound(h, v4);
  } else {
    h = (seed + P5) & M;
  }
  h = (h + BigInt(len)) & M;
  while (i + 8 <= len) {
    h ^= round(0n, read64(b, i));
    h = (rotl(h, 27n) * P1 + P4) & M;
    i += 8;
  }
  if (i + 4 <= len) {
    h ^= (read32(b, i) * P1) & M;
    h = (rotl(h, 23n) * P2 + P3) & M;
    i += 4;
  }
  while (i < len) {
    h ^= (BigInt(b[i]!) * P5) & M;
    h = (rotl(h, 11n) * P1) & M;
    i++;
  }
  h ^= h >> 33n;
  h = (h * P2) & M;
  h ^= h >> 29n;
  h = (h * P3) & M;
  h ^= h >> 32n;
  return h;
}

const encoder = new TextEncoder();

function longBytes(v: bigint): Uint8Array {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigInt64(0, BigInt.asIntN(64, v), true);
  return b;
}

/** xxHash64 of a value's canonical bytes (the `xx_hash_64` operator). */
export function xxhash64Value(type: SqlType, v: SqlValue): bigint {
  if (v === null) return 0n;
  if (typeof v === 'string') return xxhash64(encoder.encode(v));
  if (v instanceof Uint8Array) return xxhash64(v);
  if (typeof v === 'bigint') return xxhash64(longBytes(v));
  if (typeof v === 'number') {
    if (Number.isInteger(v) && type.kind !== 'double' && type.kind !== 'real') return xxhash64(longBytes(BigInt(v)));
    const b = new Uint8Array(8);
    new DataView(b.buffer).setFloat64(0, v === 0 ? 0 : v, true);
    return xxhash64(b);
  }
  if (typeof v === 'boolean') return xxhash64(longBytes(v ? 1n : 0n));
  return BigInt(hashValue(type, v));
}
