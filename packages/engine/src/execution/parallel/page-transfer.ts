import type { Block, Page, SqlValue } from '@petrel/spi';
import { assertNever, boolBlock, dictionaryBlock, float64Block, int32Block, int64Block, objectBlock, runLengthBlock } from '@petrel/spi';

/**
 * Pages as they cross a thread boundary: every block becomes typed arrays (which `postMessage`
 * transfers or, when they live in a SharedArrayBuffer, shares), never arrays of JavaScript values
 * cloned one by one. Object blocks are encoded by what they hold:
 * - strings: a dictionary of distinct strings plus Int32Array ids when few are distinct, else
 *   UTF-8 bytes plus Int32Array offsets;
 * - 64-bit integers / decimals (bigint, or numbers mixed with bigints): a BigInt64Array when every
 *   value fits, else the decimal digits as UTF-8 strings;
 * - byte strings (VARBINARY): bytes plus offsets;
 * - anything else (rows, arrays, maps, timestamps with precision, sketches): structured-cloned
 *   values, the simplest correct form for nested types, which only partial aggregation states and
 *   rare columns use.
 * Decoding gives back blocks of the same kinds holding equal values, so operators on either side
 * of the boundary see the same data.
 */
export type TransferBlock =
  | { readonly kind: 'float64'; readonly values: Float64Array; readonly nulls: Uint8Array | undefined }
  | { readonly kind: 'int32'; readonly values: Int32Array; readonly nulls: Uint8Array | undefined }
  | { readonly kind: 'int64'; readonly values: BigInt64Array; readonly nulls: Uint8Array | undefined }
  | { readonly kind: 'bool'; readonly values: Uint8Array; readonly nulls: Uint8Array | undefined }
  | { readonly kind: 'strings'; readonly bytes: Uint8Array; readonly offsets: Int32Array; readonly nulls: Uint8Array | undefined }
  | { readonly kind: 'stringDictionary'; readonly dictionary: readonly string[]; readonly ids: Int32Array }
  | { readonly kind: 'bigints'; readonly values: BigInt64Array; readonly nulls: Uint8Array | undefined; readonly numbers: Uint8Array }
  | { readonly kind: 'bigintText'; readonly text: TransferBlock }
  | { readonly kind: 'bytes'; readonly bytes: Uint8Array; readonly offsets: Int32Array; readonly nulls: Uint8Array | undefined }
  | { readonly kind: 'cloned'; readonly values: readonly SqlValue[] }
  | { readonly kind: 'dictionary'; readonly dictionary: TransferBlock; readonly ids: Int32Array }
  | { readonly kind: 'rle'; readonly value: TransferBlock; readonly positionCount: number };

export interface TransferPage {
  readonly positionCount: number;
  readonly blocks: readonly TransferBlock[];
}

/** A string column with at most this share of distinct values is sent as a dictionary. */
const DICTIONARY_MAX_DISTINCT_SHARE = 0.25;

const encoder = new TextEncoder();

export interface EncodeOptions {
  /**
   * Where typed arrays are copied to: `'fresh'` (default) copies every array into its own buffer
   * (safe to transfer: the sender's blocks stay intact); `'shared'` copies into SharedArrayBuffers
   * (for data many threads read); arrays already in a SharedArrayBuffer are kept as they are.
   */
  readonly memory?: 'fresh' | 'shared';
}

export function encodePage(page: Page, options: EncodeOptions = {}): TransferPage {
  return { positionCount: page.positionCount, blocks: page.blocks.map((b) => encodeBlock(b, options)) };
}

export function decodePage(page: TransferPage): Page {
  return { positionCount: page.positionCount, blocks: page.blocks.map(decodeBlock) };
}

export function encodeBlock(block: Block, options: EncodeOptions = {}): TransferBlock {
  const shared = options.memory === 'shared';
  switch (block.kind) {
    case 'float64':
      return { kind: 'float64', values: copyArray(block.values, shared), nulls: copyNulls(block.nulls, shared) };
    case 'int32':
      return { kind: 'int32', values: copyArray(block.values, shared), nulls: copyNulls(block.nulls, shared) };
    case 'int64':
      return { kind: 'int64', values: copyArray(block.values, shared), nulls: copyNulls(block.nulls, shared) };
    case 'bool':
      return { kind: 'bool', values: copyArray(block.values, shared), nulls: copyNulls(block.nulls, shared) };
    case 'object':
      return encodeObjects(block.values, shared);
    case 'dictionary':
      return { kind: 'dictionary', dictionary: encodeBlock(block.dictionary, options), ids: copyArray(block.ids, shared) };
    case 'rle':
      return { kind: 'rle', value: encodeBlock(block.value, options), positionCount: block.positionCount };
    default:
      return assertNever(block, 'block');
  }
}

export function decodeBlock(block: TransferBlock): Block {
  switch (block.kind) {
    case 'float64':
      return float64Block(block.values, block.nulls);
    case 'int32':
      return int32Block(block.values, block.nulls);
    case 'int64':
      return int64Block(block.values, block.nulls);
    case 'bool':
      return boolBlock(block.values, block.nulls);
    case 'strings':
      return objectBlock(decodeStrings(block.bytes, block.offsets, block.nulls));
    case 'stringDictionary': {
      const values = new Array<SqlValue>(block.ids.length);
      const dictionary = block.dictionary;
      const ids = block.ids;
      for (let i = 0; i < ids.length; i++) {
        const id = ids[i]!;
        values[i] = id < 0 ? null : dictionary[id]!;
      }
      return objectBlock(values);
    }
    case 'bigints': {
      const values = new Array<SqlValue>(block.values.length);
      for (let i = 0; i < values.length; i++) {
        if (block.nulls !== undefined && block.nulls[i] === 1) values[i] = null;
        else values[i] = block.numbers[i] === 1 ? Number(block.values[i]!) : block.values[i]!;
      }
      return objectBlock(values);
    }
    case 'bigintText': {
      const text = decodeBlock(block.text);
      if (text.kind !== 'object') throw new Error('bigint text must decode to an object block');
      return objectBlock(text.values.map((v) => (v === null ? null : BigInt(v as string))));
    }
    case 'bytes': {
      const values = new Array<SqlValue>(block.offsets.length - 1);
      for (let i = 0; i < values.length; i++) {
        values[i] = block.nulls !== undefined && block.nulls[i] === 1 ? null : block.bytes.slice(block.offsets[i]!, block.offsets[i + 1]!);
      }
      return objectBlock(values);
    }
    case 'cloned':
      return objectBlock(block.values);
    case 'dictionary':
      return dictionaryBlock(decodeBlock(block.dictionary), block.ids);
    case 'rle':
      return runLengthBlock(decodeBlock(block.value), block.positionCount);
    default:
      return assertNever(block, 'transfer block');
  }
}

/** The buffers `postMessage` should transfer for `page` (every non-shared buffer it holds). */
export function transferListOf(page: TransferPage): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  for (const b of page.blocks) collectBuffers(b, out);
  return [...out];
}

function collectBuffers(block: TransferBlock, out: Set<ArrayBuffer>): void {
  const add = (array: ArrayBufferView | undefined): void => {
    if (array !== undefined && array.buffer instanceof ArrayBuffer) out.add(array.buffer);
  };
  switch (block.kind) {
    case 'float64':
    case 'int32':
    case 'int64':
    case 'bool':
      add(block.values);
      add(block.nulls);
      return;
    case 'strings':
    case 'bytes':
      add(block.bytes);
      add(block.offsets);
      add(block.nulls);
      return;
    case 'stringDictionary':
      add(block.ids);
      return;
    case 'bigints':
      add(block.values);
      add(block.nulls);
      add(block.numbers);
      return;
    case 'bigintText':
      collectBuffers(block.text, out);
      return;
    case 'cloned':
      return;
    case 'dictionary':
      collectBuffers(block.dictionary, out);
      add(block.ids);
      return;
    case 'rle':
      collectBuffers(block.value, out);
      return;
    default:
      assertNever(block, 'transfer block');
  }
}

type TypedArray = Float64Array | Int32Array | BigInt64Array | Uint8Array;

/** A copy of `array` in a buffer of its own (transferable), or in shared memory; shared arrays are kept. */
function copyArray<T extends TypedArray>(array: T, shared: boolean): T {
  if (array.buffer instanceof SharedArrayBuffer) return array;
  const Constructor = array.constructor as new (buffer: ArrayBufferLike) => T;
  const buffer = shared ? new SharedArrayBuffer(array.byteLength) : new ArrayBuffer(array.byteLength);
  const copy = new Constructor(buffer);
  (copy as unknown as { set(a: T): void }).set(array);
  return copy;
}

function copyNulls(nulls: Uint8Array | undefined, shared: boolean): Uint8Array | undefined {
  return nulls === undefined ? undefined : copyArray(nulls, shared);
}

function allocate(bytes: number, shared: boolean): ArrayBufferLike {
  return shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
}

function encodeObjects(values: readonly SqlValue[], shared: boolean): TransferBlock {
  let strings = true;
  let integers = true;
  let bytes = true;
  for (const v of values) {
    if (v === null) continue;
    const t = typeof v;
    if (t !== 'string') strings = false;
    if (t !== 'bigint' && !(t === 'number' && Number.isSafeInteger(v) && !Object.is(v, -0))) integers = false;
    if (!(v instanceof Uint8Array)) bytes = false;
    if (!strings && !integers && !bytes) break;
  }
  const allNull = values.every((v) => v === null);
  if (allNull || strings) return encodeStrings(values as readonly (string | null)[], shared);
  if (integers) return encodeIntegers(values as readonly (number | bigint | null)[], shared);
  if (bytes) {
    const encoded = encodeByteStrings(values as readonly (Uint8Array | null)[], shared);
    return { kind: 'bytes', ...encoded };
  }
  return { kind: 'cloned', values };
}

function encodeStrings(values: readonly (string | null)[], shared: boolean): TransferBlock {
  const n = values.length;
  const ids = new Int32Array(allocate(n * 4, shared));
  const distinct = new Map<string, number>();
  const dictionary: string[] = [];
  const limit = Math.max(16, Math.floor(n * DICTIONARY_MAX_DISTINCT_SHARE));
  let i = 0;
  for (; i < n; i++) {
    const v = values[i]!;
    if (v === null) {
      ids[i] = -1;
      continue;
    }
    let id = distinct.get(v);
    if (id === undefined) {
      if (dictionary.length >= limit) break;
      id = dictionary.length;
      distinct.set(v, id);
      dictionary.push(v);
    }
    ids[i] = id;
  }
  if (i === n) return { kind: 'stringDictionary', dictionary, ids };
  const encoded = encodeByteStrings(values.map((v) => (v === null ? null : encoder.encode(v))), shared);
  return { kind: 'strings', ...encoded };
}

function encodeByteStrings(values: readonly (Uint8Array | null)[], shared: boolean): { bytes: Uint8Array; offsets: Int32Array; nulls: Uint8Array | undefined } {
  const n = values.length;
  let total = 0;
  let hasNull = false;
  for (const v of values) {
    if (v === null) hasNull = true;
    else total += v.length;
  }
  const bytes = new Uint8Array(allocate(total, shared));
  const offsets = new Int32Array(allocate((n + 1) * 4, shared));
  const nulls = hasNull ? new Uint8Array(allocate(n, shared)) : undefined;
  let offset = 0;
  for (let i = 0; i < n; i++) {
    offsets[i] = offset;
    const v = values[i]!;
    if (v === null) {
      nulls![i] = 1;
      continue;
    }
    bytes.set(v, offset);
    offset += v.length;
  }
  offsets[n] = offset;
  return { bytes, offsets, nulls };
}

function encodeIntegers(values: readonly (number | bigint | null)[], shared: boolean): TransferBlock {
  const n = values.length;
  const out = new BigInt64Array(allocate(n * 8, shared));
  const numbers = new Uint8Array(allocate(n, shared));
  let nulls: Uint8Array | undefined;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (v === null) {
      nulls ??= new Uint8Array(allocate(n, shared));
      nulls[i] = 1;
      continue;
    }
    if (typeof v === 'number') {
      out[i] = BigInt(v);
      numbers[i] = 1;
      continue;
    }
    if (v < -(2n ** 63n) || v > 2n ** 63n - 1n) {
      // wider than 64 bits (long decimals): the digits as text, or cloned values when numbers are mixed in
      if (values.some((x) => typeof x === 'number')) return { kind: 'cloned', values };
      return { kind: 'bigintText', text: encodeStrings(values.map((x) => (x === null ? null : x.toString())), shared) };
    }
    out[i] = v;
  }
  return { kind: 'bigints', values: out, nulls, numbers };
}

function decodeStrings(bytes: Uint8Array, offsets: Int32Array, nulls: Uint8Array | undefined): SqlValue[] {
  const n = offsets.length - 1;
  const values = new Array<SqlValue>(n);
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < n; i++) {
    if (nulls !== undefined && nulls[i] === 1) {
      values[i] = null;
      continue;
    }
    const start = offsets[i]!;
    const end = offsets[i + 1]!;
    let ascii = true;
    for (let j = start; j < end; j++) {
      if (bytes[j]! >= 0x80) {
        ascii = false;
        break;
      }
    }
    values[i] = ascii ? buffer.toString('latin1', start, end) : buffer.toString('utf8', start, end);
  }
  return values;
}
