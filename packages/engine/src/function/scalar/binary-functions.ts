import { createHash, createHmac } from 'node:crypto';
import type { Int64, SqlValue } from '@petrel/spi';
import { normalizeInt64 } from '@petrel/spi';
import type { FunctionDefinition } from '../function-definition.js';
import { scalarFunction } from '../function-definition.js';
import { invalidArgument } from '../errors.js';
import { xxhash64 } from './hash/xxhash64.js';
import { murmur3x64128 } from './hash/murmur3.js';
import { spookyHashV2_32, spookyHashV2_64 } from './hash/spooky-hash-v2.js';

const bytes = (v: SqlValue): Uint8Array => v as Uint8Array;

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(b: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < b.length; i++) c = CRC_TABLE[(c ^ b[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function digest(algorithm: string) {
  return (v: SqlValue): SqlValue => new Uint8Array(createHash(algorithm).update(bytes(v)).digest());
}
function hmac(algorithm: string) {
  return (v: SqlValue, key: SqlValue): SqlValue => new Uint8Array(createHmac(algorithm, bytes(key)).update(bytes(v)).digest());
}

function toHex(b: Uint8Array): string {
  return Buffer.from(b).toString('hex').toUpperCase();
}

function fromHex(s: string): Uint8Array {
  if (s.length % 2 !== 0) throw invalidArgument('invalid input length ' + s.length);
  if (!/^[0-9a-fA-F]*$/.test(s)) throw invalidArgument('invalid hex character');
  return new Uint8Array(Buffer.from(s, 'hex'));
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function toBase32(b: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const x of b) {
    value = (value << 8) | x;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  while (out.length % 8 !== 0) out += '=';
  return out;
}

function fromBase32(s: string): Uint8Array {
  const clean = s.replace(/=+$/, '').toUpperCase();
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const c of clean) {
    const i = BASE32.indexOf(c);
    if (i < 0) throw invalidArgument(`Invalid input: ${s}`);
    value = (value << 5) | i;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return new Uint8Array(out);
}

function fromBase64(s: string, url: boolean): Uint8Array {
  const re = url ? /^[A-Za-z0-9_-]*={0,2}$/ : /^[A-Za-z0-9+/]*={0,2}$/;
  if (!re.test(s)) throw invalidArgument(`Illegal base64 character in: ${s}`);
  return new Uint8Array(Buffer.from(s, url ? 'base64url' : 'base64'));
}

function bigEndian(b: Uint8Array, size: 4 | 8): Int64 {
  if (b.length !== size) throw invalidArgument(`expected ${size}-byte input, but got instead: ${b.length}`);
  const view = new DataView(b.buffer, b.byteOffset, b.length);
  return size === 4 ? view.getInt32(0) : normalizeInt64(view.getBigInt64(0));
}

export function binaryFunctions(): FunctionDefinition[] {
  return [
    scalarFunction({ name: 'to_hex', args: ['varbinary'], returns: 'varchar', description: 'Encode binary data as hex', impl: (v) => toHex(bytes(v)) }),
    scalarFunction({ name: 'from_hex', args: ['varchar(x)'], returns: 'varbinary', description: 'Decode hex encoded binary data', impl: (v) => fromHex(v as string) }),
    scalarFunction({ name: 'to_base64', args: ['varbinary'], returns: 'varchar', description: 'Encode binary data as base64', impl: (v) => Buffer.from(bytes(v)).toString('base64') }),
    scalarFunction({ name: 'from_base64', args: ['varchar(x)'], returns: 'varbinary', description: 'Decode base64 encoded binary data', impl: (v) => fromBase64(v as string, false) }),
    scalarFunction({ name: 'from_base64', args: ['varbinary'], returns: 'varbinary', description: 'Decode base64 encoded binary data', impl: (v) => fromBase64(Buffer.from(bytes(v)).toString('latin1'), false) }),
    scalarFunction({ name: 'to_base64url', args: ['varbinary'], returns: 'varchar', description: 'Encode binary data as base64 using the URL safe alphabet', impl: (v) => Buffer.from(bytes(v)).toString('base64').replace(/\+/g, '-').replace(/\//g, '_') }),
    scalarFunction({ name: 'from_base64url', args: ['varbinary'], returns: 'varbinary', description: 'Decode URL safe base64 encoded binary data', impl: (v) => fromBase64(Buffer.from(bytes(v)).toString('latin1'), true) }),
    scalarFunction({ name: 'from_base64url', args: ['varchar(x)'], returns: 'varbinary', description: 'Decode URL safe base64 encoded binary data', impl: (v) => fromBase64(v as string, true) }),
    scalarFunction({ name: 'to_base32', args: ['varbinary'], returns: 'varchar', description: 'Encode binary data as base32', impl: (v) => toBase32(bytes(v)) }),
    scalarFunction({ name: 'from_base32', args: ['varchar(x)'], returns: 'varbinary', description: 'Decode base32 encoded binary data', impl: (v) => fromBase32(v as string) }),
    scalarFunction({
      name: 'to_big_endian_64', args: ['bigint'], returns: 'varbinary', description: 'Encode value as a 64-bit 2\'s complement big endian varbinary',
      impl: (v) => {
        const b = new Uint8Array(8);
        new DataView(b.buffer).setBigInt64(0, BigInt(v as Int64));
        return b;
      },
    }),
    scalarFunction({ name: 'from_big_endian_64', args: ['varbinary'], returns: 'bigint', description: 'Decode bigint value from a 64-bit 2\'s complement big endian varbinary', impl: (v) => bigEndian(bytes(v), 8) }),
    scalarFunction({
      name: 'to_big_endian_32', args: ['integer'], returns: 'varbinary', description: 'Encode value as a 32-bit 2\'s complement big endian varbinary',
      impl: (v) => {
        const b = new Uint8Array(4);
        new DataView(b.buffer).setInt32(0, v as number);
        return b;
      },
    }),
    scalarFunction({ name: 'from_big_endian_32', args: ['varbinary'], returns: 'integer', description: 'Decode integer value from a 32-bit 2\'s complement big endian varbinary', impl: (v) => bigEndian(bytes(v), 4) }),
    scalarFunction({
      name: 'to_ieee754_32', args: ['real'], returns: 'varbinary', description: 'Encode value as a big endian varbinary according to IEEE 754 single-precision floating-point format',
      impl: (v) => {
        const b = new Uint8Array(4);
        new DataView(b.buffer).setFloat32(0, v as number);
        return b;
      },
    }),
    scalarFunction({
      name: 'from_ieee754_32', args: ['varbinary'], returns: 'real', description: 'Decode the 32-bit big-endian binary in IEEE 754 single-precision floating-point format',
      impl: (v) => {
        const b = bytes(v);
        if (b.length !== 4) throw invalidArgument('Input floating-point value must be exactly 4 bytes long');
        return new DataView(b.buffer, b.byteOffset, 4).getFloat32(0);
      },
    }),
    scalarFunction({
      name: 'to_ieee754_64', args: ['double'], returns: 'varbinary', description: 'Encode value as a big endian varbinary according to IEEE 754 double-precision floating-point format',
      impl: (v) => {
        const b = new Uint8Array(8);
        new DataView(b.buffer).setFloat64(0, v as number);
        return b;
      },
    }),
    scalarFunction({
      name: 'from_ieee754_64', args: ['varbinary'], returns: 'double', description: 'Decode the 64-bit big-endian binary in IEEE 754 double-precision floating-point format',
      impl: (v) => {
        const b = bytes(v);
        if (b.length !== 8) throw invalidArgument('Input floating-point value must be exactly 8 bytes long');
        return new DataView(b.buffer, b.byteOffset, 8).getFloat64(0);
      },
    }),
    scalarFunction({ name: 'crc32', args: ['varbinary'], returns: 'bigint', description: 'Compute CRC-32', impl: (v) => crc32(bytes(v)) }),
    scalarFunction({ name: 'md5', args: ['varbinary'], returns: 'varbinary', description: 'Compute md5 hash', impl: digest('md5') }),
    scalarFunction({ name: 'sha1', args: ['varbinary'], returns: 'varbinary', description: 'Compute sha1 hash', impl: digest('sha1') }),
    scalarFunction({ name: 'sha256', args: ['varbinary'], returns: 'varbinary', description: 'Compute sha256 hash', impl: digest('sha256') }),
    scalarFunction({ name: 'sha512', args: ['varbinary'], returns: 'varbinary', description: 'Compute sha512 hash', impl: digest('sha512') }),
    scalarFunction({ name: 'hmac_md5', args: ['varbinary', 'varbinary'], returns: 'varbinary', description: 'Compute HMAC with MD5', impl: hmac('md5') }),
    scalarFunction({ name: 'hmac_sha1', args: ['varbinary', 'varbinary'], returns: 'varbinary', description: 'Compute HMAC with SHA1', impl: hmac('sha1') }),
    scalarFunction({ name: 'hmac_sha256', args: ['varbinary', 'varbinary'], returns: 'varbinary', description: 'Compute HMAC with SHA256', impl: hmac('sha256') }),
    scalarFunction({ name: 'hmac_sha512', args: ['varbinary', 'varbinary'], returns: 'varbinary', description: 'Compute HMAC with SHA512', impl: hmac('sha512') }),
    scalarFunction({
      name: 'xxhash64', args: ['varbinary'], returns: 'varbinary', description: 'Compute xxhash64 hash',
      impl: (v) => {
        const b = new Uint8Array(8);
        new DataView(b.buffer).setBigUint64(0, xxhash64(bytes(v)));
        return b;
      },
    }),
    scalarFunction({ name: 'spooky_hash_v2_32', args: ['varbinary'], returns: 'varbinary', description: 'Compute SpookyHashV2 32-bit hash', impl: (v) => spookyHashV2_32(bytes(v)) }),
    scalarFunction({ name: 'spooky_hash_v2_64', args: ['varbinary'], returns: 'varbinary', description: 'Compute SpookyHashV2 64-bit hash', impl: (v) => spookyHashV2_64(bytes(v)) }),
    scalarFunction({ name: 'murmur3', args: ['varbinary'], returns: 'varbinary', description: 'Compute murmur3 hash', impl: (v) => murmur3x64128(bytes(v)) }),
  ];
}
