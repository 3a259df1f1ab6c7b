/**
 * SpookyHash V2 (Bob Jenkins, public domain description), 128-bit, with the 64- and 32-bit
 * variants as Trino exposes them (seeds 0). 64-bit lanes are BigInts reduced modulo 2^64.
 */
const MASK = (1n << 64n) - 1n;
const CONST = 0xdeadbeefdeadbeefn;
const BLOCK_SIZE = 96;
const BUFFER_SIZE = 192;

const rot = (x: bigint, k: bigint): bigint => ((x << k) | (x >> (64n - k))) & MASK;

function word(view: DataView, offset: number): bigint {
  return view.getBigUint64(offset, true);
}

function shortMix(h: bigint[]): void {
  const steps: readonly [number, number, number, number, bigint][] = [
    [2, 3, 0, 0, 50n], [3, 0, 1, 0, 52n], [0, 1, 2, 0, 30n], [1, 2, 3, 0, 41n],
    [2, 3, 0, 0, 54n], [3, 0, 1, 0, 48n], [0, 1, 2, 0, 38n], [1, 2, 3, 0, 37n],
    [2, 3, 0, 0, 62n], [3, 0, 1, 0, 34n], [0, 1, 2, 0, 5n], [1, 2, 3, 0, 36n],
  ];
  // each step: h[x] = rot(h[x], k); h[x] += h[y]; h[z] ^= h[x]
  for (const [x, y, z, , k] of steps) {
    h[x] = rot(h[x]!, k);
    h[x] = (h[x]! + h[y]!) & MASK;
    h[z] = h[z]! ^ h[x]!;
  }
}

function shortEnd(h: bigint[]): void {
  const steps: readonly [number, number, bigint][] = [
    [3, 2, 15n], [0, 3, 52n], [1, 0, 26n], [2, 1, 51n], [3, 2, 28n], [0, 3, 9n],
    [1, 0, 47n], [2, 1, 54n], [3, 2, 32n], [0, 3, 25n], [1, 0, 63n],
  ];
  // each step: h[x] ^= h[y]; h[y] = rot(h[y], k); h[x] += h[y]
  for (const [x, y, k] of steps) {
    h[x] = h[x]! ^ h[y]!;
    h[y] = rot(h[y]!, k);
    h[x] = (h[x]! + h[y]!) & MASK;
  }
}

function shortHash(data: Uint8Array, seed1: bigint, seed2: bigint): [bigint, bigint] {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const length = data.length;
  let remainder = length % 32;
  const h = [seed1, seed2, CONST, CONST];
  let offset = 0;
  if (length > 15) {
    const end = Math.floor(length / 32) * 32;
    for (; offset < end; offset += 32) {
      h[2] = (h[2]! + word(view, offset)) & MASK;
      h[3] = (h[3]! + word(view, offset + 8)) & MASK;
      shortMix(h);
      h[0] = (h[0]! + word(view, offset + 16)) & MASK;
      h[1] = (h[1]! + word(view, offset + 24)) & MASK;
    }
    if (remainder >= 16) {
      h[2] = (h[2]! + word(view, offset)) & MASK;
      h[3] = (h[3]! + word(view, offset + 8)) & MASK;
      shortMix(h);
      offset += 16;
      remainder -= 16;
    }
  }
  let c = h[2]!;
  let d = (h[3]! + (BigInt(length) << 56n)) & MASK;
  const byte = (i: number): bigint => BigInt(data[offset + i]!);
  if (remainder === 0) {
    c += CONST;
    d += CONST;
  } else if (remainder >= 12) {
    if (remainder >= 15) d += byte(14) << 48n;
    if (remainder >= 14) d += byte(13) << 40n;
    if (remainder >= 13) d += byte(12) << 32n;
    d += BigInt(view.getUint32(offset + 8, true));
    c += word(view, offset);
  } else if (remainder >= 8) {
    if (remainder >= 11) d += byte(10) << 16n;
    if (remainder >= 10) d += byte(9) << 8n;
    if (remainder >= 9) d += byte(8);
    c += word(view, offset);
  } else if (remainder >= 4) {
    if (remainder >= 7) c += byte(6) << 48n;
    if (remainder >= 6) c += byte(5) << 40n;
    if (remainder >= 5) c += byte(4) << 32n;
    c += BigInt(view.getUint32(offset, true));
  } else {
    if (remainder >= 3) c += byte(2) << 16n;
    if (remainder >= 2) c += byte(1) << 8n;
    c += byte(0);
  }
  h[2] = c & MASK;
  h[3] = d & MASK;
  shortEnd(h);
  return [h[0]!, h[1]!];
}

const MIX_ROTATIONS = [11n, 32n, 43n, 31n, 17n, 28n, 39n, 57n, 55n, 54n, 22n, 46n];

function mix(view: DataView, offset: number, s: bigint[]): void {
  for (let i = 0; i < 12; i++) {
    s[i] = (s[i]! + word(view, offset + i * 8)) & MASK;
    s[(i + 2) % 12] = s[(i + 2) % 12]! ^ s[(i + 10) % 12]!;
    s[(i + 11) % 12] = s[(i + 11) % 12]! ^ s[i]!;
    s[i] = rot(s[i]!, MIX_ROTATIONS[i]!);
    s[(i + 11) % 12] = (s[(i + 11) % 12]! + s[(i + 1) % 12]!) & MASK;
  }
}

const END_ROTATIONS = [44n, 15n, 34n, 21n, 38n, 33n, 10n, 13n, 38n, 53n, 42n, 54n];

function endPartial(h: bigint[]): void {
  for (let i = 0; i < 12; i++) {
    // h[i+11] += h[i+1]; h[i+2] ^= h[i+11]; h[i+1] = rot(h[i+1], r)
    const a = (i + 11) % 12;
    const b = (i + 1) % 12;
    const c = (i + 2) % 12;
    h[a] = (h[a]! + h[b]!) & MASK;
    h[c] = h[c]! ^ h[a]!;
    h[b] = rot(h[b]!, END_ROTATIONS[i]!);
  }
}

/** SpookyHash V2 128-bit: returns (hash1, hash2). */
export function spookyHash128(data: Uint8Array, seed1 = 0n, seed2 = 0n): [bigint, bigint] {
  if (data.length < BUFFER_SIZE) return shortHash(data, seed1, seed2);
  const h: bigint[] = [];
  for (let i = 0; i < 12; i++) h.push(i % 3 === 0 ? seed1 : i % 3 === 1 ? seed2 : CONST);
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const blocks = Math.floor(data.length / BLOCK_SIZE);
  for (let b = 0; b < blocks; b++) mix(view, b * BLOCK_SIZE, h);
  const remainder = data.length - blocks * BLOCK_SIZE;
  const buffer = new Uint8Array(BLOCK_SIZE);
  buffer.set(data.subarray(blocks * BLOCK_SIZE));
  buffer[BLOCK_SIZE - 1] = remainder;
  const bufferView = new DataView(buffer.buffer);
  for (let i = 0; i < 12; i++) h[i] = (h[i]! + word(bufferView, i * 8)) & MASK;
  endPartial(h);
  endPartial(h);
  endPartial(h);
  return [h[0]!, h[1]!];
}

/** Trino's `spooky_hash_v2_64`: the first 64-bit half with seeds 0, big-endian bytes. */
export function spookyHashV2_64(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, spookyHash128(data)[0]);
  return out;
}

/** Trino's `spooky_hash_v2_32`: the low 32 bits of the 64-bit hash, big-endian bytes. */
export function spookyHashV2_32(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, Number(spookyHash128(data)[0] & 0xffffffffn));
  return out;
}
