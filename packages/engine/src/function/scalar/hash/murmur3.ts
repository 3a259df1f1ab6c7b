/** MurmurHash3 x64 128-bit (seed 0), as Trino's murmur3(varbinary) returns it (16 bytes). */
const M = (1n << 64n) - 1n;
const C1 = 0x87c37b91114253d5n;
const C2 = 0x4cf5ad432745937fn;

function rotl(x: bigint, r: bigint): bigint {
  return ((x << r) | (x >> (64n - r))) & M;
}
function fmix(k: bigint): bigint {
  k ^= k >> 33n;
  k = (k * 0xff51afd7ed558ccdn) & M;
  k ^= k >> 33n;
  k = (k * 0xc4ceb9fe1a85ec53n) & M;
  k ^= k >> 33n;
  return k;
}
function getLong(b: Uint8Array, i: number): bigint {
  let v = 0n;
  for (let k = 7; k >= 0; k--) v = (v << 8n) | BigInt(b[i + k]!);
  return v;
}

export function murmur3x64128(data: Uint8Array, seed = 0n): Uint8Array {
  let h1 = seed;
  let h2 = seed;
  const len = data.length;
  const blocks = Math.floor(len / 16);
  for (let i = 0; i < blocks; i++) {
    let k1 = getLong(data, i * 16);
    let k2 = getLong(data, i * 16 + 8);
    k1 = (k1 * C1) & M;
    k1 = rotl(k1, 31n);
    k1 = (k1 * C2) & M;
    h1 ^= k1;
    h1 = rotl(h1, 27n);
    h1 = (h1 + h2) & M;
    h1 = (h1 * 5n + 0x52dce729n) & M;
    k2 = (k2 * C2) & M;
    k2 = rotl(k2, 33n);
    k2 = (k2 * C1) & M;
    h2 ^= k2;
    h2 = rotl(h2, 31n);
    h2 = (h2 + h1) & M;
    h2 = (h2 * 5n + 0x38495ab5n) & M;
  }
  const tail = blocks * 16;
  let k1 = 0n;
  let k2 = 0n;
  const rem = len & 15;
  for (let i = rem - 1; i >= 8; i--) k2 ^= BigInt(data[tail + i]!) << BigInt((i - 8) * 8);
  if (rem > 8) {
    k2 = (k2 * C2) & M;
    k2 = rotl(k2, 33n);
    k2 = (k2 * C1) & M;
    h2 ^= k2;
  }
  for (let i = Math.min(rem, 8) - 1; i >= 0; i--) k1 ^= BigInt(data[tail + i]!) << BigInt(i * 8);
  if (rem > 0) {
    k1 = (k1 * C1) & M;
    k1 = rotl(k1, 31n);
    k1 = (k1 * C2) & M;
    h1 ^= k1;
  }
  h1 ^= BigInt(len);
  h2 ^= BigInt(len);
  h1 = (h1 + h2) & M;
  h2 = (h2 + h1) & M;
  h1 = fmix(h1);
  h2 = fmix(h2);
  h1 = (h1 + h2) & M;
  h2 = (h2 + h1) & M;
  const out = new Uint8Array(16);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, h1, true);
  view.setBigUint64(8, h2, true);
  return out;
}
