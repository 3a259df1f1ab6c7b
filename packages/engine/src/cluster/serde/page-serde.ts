import type { Block, Page, SqlValue } from '@petrel/spi';
import {
  assertNever,
  boolBlock,
  dictionaryBlock,
  float64Block,
  int32Block,
  int64Block,
  longTimestamp,
  objectBlock,
  page,
  runLengthBlock,
  sqlMap,
  StandardErrorCode,
  timestampWithTimeZone,
  timeWithTimeZone,
  TrinoError,
} from '@petrel/spi';
import { sketchValueFromBytes, sketchValueToBytes } from '../../function/index.js';
import { ByteReader, ByteWriter } from './byte-buffers.js';
import type { ExchangeCompressionCodec } from './page-compression.js';
import { compressPayload, decompressPayload, PAGE_CODEC_NONE } from './page-compression.js';

/**
 * Petrel's page wire format (exchanges between nodes): self-describing, type-agnostic.
 *
 *   page   := magic "PPG1" (u32) | codec (u8) | payload
 *   payload (codec 0 = none) := positionCount (u32) | blockCount (u32) | block*
 *   payload (codec 1 = zstd, 2 = lz4) := uncompressed payload length (u32) | compressed uncompressed-payload
 *     (zstd: one zstd frame; lz4: lz4-napi's block format, its own u32 size then one LZ4 block)
 *   block  := tag (u8) | body
 *   float64/int32/int64/bool: count (u32) | hasNulls (u8) | [nulls: count bytes] | align 8 | raw values
 *   strings (object block of varchar/char/json/uuid values): count | nulls | align 4 | offsets (i32 x count+1) | UTF-8 bytes (u32 length + bytes)
 *   values  (any other object block): count | tagged values
 *   dictionary: count | align 4 | ids (i32 x count) | dictionary block
 *   rle: positionCount | value block (one position)
 *
 * Typed arrays travel as raw little-endian bytes, never value by value.
 */
const MAGIC = 0x31475050; // "PPG1" read little-endian
export { PAGE_CODEC_NONE, PAGE_CODEC_ZSTD, PAGE_CODEC_LZ4, isZstdAvailable, isLz4Available } from './page-compression.js';
export type { ExchangeCompressionCodec } from './page-compression.js';

export interface PageSerdeOptions {
  readonly codec: ExchangeCompressionCodec;
  /** Pages whose payload is smaller than this travel uncompressed. */
  readonly minCompressBytes: number;
}

export const DEFAULT_PAGE_SERDE_OPTIONS: PageSerdeOptions = { codec: 'NONE', minCompressBytes: 1024 };

const enum BlockTag {
  Float64 = 1,
  Int32 = 2,
  Int64 = 3,
  Bool = 4,
  Strings = 5,
  Values = 6,
  Dictionary = 7,
  Rle = 8,
}

const enum ValueTag {
  Null = 0,
  False = 1,
  True = 2,
  Number = 3,
  BigInt = 4,
  String = 5,
  Bytes = 6,
  Array = 7,
  Map = 8,
  LongTimestamp = 9,
  TimestampTz = 10,
  TimeTz = 11,
  /** A sketch (HyperLogLog, tdigest, qdigest, SetDigest): its type name, then its varbinary form. */
  Sketch = 12,
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * The wire bytes of a page: compressed with the configured codec (LZ4 or ZSTD) when the runtime
 * has it, the payload is at least `minCompressBytes` and compression actually makes it smaller;
 * uncompressed otherwise. The codec byte says which.
 */
export function serializePage(p: Page, options: PageSerdeOptions = DEFAULT_PAGE_SERDE_OPTIONS): Uint8Array {
  const out = new ByteWriter();
  out.u32(MAGIC);
  out.u8(PAGE_CODEC_NONE);
  out.u32(p.positionCount);
  out.u32(p.blocks.length);
  for (const block of p.blocks) writeBlock(out, block);
  const plain = out.finish();
  const payloadLength = plain.length - 5;
  if (options.codec === 'NONE' || payloadLength < options.minCompressBytes) return plain;
  const compressed = compressPayload(options.codec, plain.subarray(5));
  if (compressed === undefined || compressed.bytes.length + 4 >= payloadLength) return plain;
  const result = new Uint8Array(9 + compressed.bytes.length);
  result.set(plain.subarray(0, 4), 0);
  result[4] = compressed.marker;
  new DataView(result.buffer).setUint32(5, payloadLength, true);
  result.set(compressed.bytes, 9);
  return result;
}

/** The uncompressed form of page bytes (themselves when not compressed). */
function decompressPage(bytes: Uint8Array): Uint8Array {
  if (bytes.length < 9 || bytes[4] === PAGE_CODEC_NONE) return bytes;
  const payloadLength = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(5, true);
  const payload = decompressPayload(bytes[4]!, bytes.subarray(9), payloadLength);
  const result = new Uint8Array(5 + payloadLength);
  result.set(bytes.subarray(0, 4), 0);
  result[4] = PAGE_CODEC_NONE;
  result.set(payload, 5);
  return result;
}

export function deserializePage(wire: Uint8Array): Page {
  const bytes = decompressPage(wire);
  const input = new ByteReader(bytes);
  if (input.u32() !== MAGIC) throw new TrinoError(StandardErrorCode.GENERIC_INTERNAL_ERROR, 'Not a Petrel page (bad magic number)');
  const codec = input.u8();
  if (codec !== PAGE_CODEC_NONE) throw new TrinoError(StandardErrorCode.GENERIC_INTERNAL_ERROR, `Unsupported page compression codec ${codec}`);
  const positionCount = input.u32();
  const blockCount = input.u32();
  const blocks: Block[] = [];
  for (let i = 0; i < blockCount; i++) blocks.push(readBlock(input));
  return page(blocks, positionCount);
}

function writeNulls(out: ByteWriter, nulls: Uint8Array | undefined): void {
  out.u8(nulls === undefined ? 0 : 1);
  if (nulls !== undefined) out.raw(nulls);
}

function readNulls(input: ByteReader, count: number): Uint8Array | undefined {
  return input.u8() === 0 ? undefined : input.copy(count);
}

function isStringColumn(values: readonly SqlValue[]): boolean {
  let strings = 0;
  for (const value of values) {
    if (typeof value === 'string') strings++;
    else if (value !== null) return false;
  }
  return strings > 0;
}

function writeBlock(out: ByteWriter, block: Block): void {
  switch (block.kind) {
    case 'float64':
    case 'int32':
    case 'int64':
    case 'bool': {
      const tag = block.kind === 'float64' ? BlockTag.Float64 : block.kind === 'int32' ? BlockTag.Int32 : block.kind === 'int64' ? BlockTag.Int64 : BlockTag.Bool;
      out.u8(tag);
      out.u32(block.values.length);
      writeNulls(out, block.nulls);
      out.align(8);
      out.raw(block.values);
      return;
    }
    case 'object': {
      const values = block.values;
      if (isStringColumn(values)) {
        out.u8(BlockTag.Strings);
        out.u32(values.length);
        const nulls = new Uint8Array(values.length);
        const strings: string[] = [];
        const offsets = new Int32Array(values.length + 1);
        let total = 0;
        for (let i = 0; i < values.length; i++) {
          const value = values[i];
          if (value === null) nulls[i] = 1;
          else {
            strings.push(value as string);
            total += Buffer.byteLength(value as string, 'utf8');
          }
          offsets[i + 1] = total;
        }
        writeNulls(out, nulls.includes(1) ? nulls : undefined);
        out.align(4);
        out.raw(offsets);
        out.u32(total);
        out.utf8(strings, total);
        return;
      }
      out.u8(BlockTag.Values);
      out.u32(values.length);
      for (const value of values) writeValue(out, value);
      return;
    }
    case 'dictionary':
      out.u8(BlockTag.Dictionary);
      out.u32(block.ids.length);
      out.align(4);
      out.raw(block.ids);
      writeBlock(out, block.dictionary);
      return;
    case 'rle':
      out.u8(BlockTag.Rle);
      out.u32(block.positionCount);
      writeBlock(out, block.value);
      return;
    default:
      assertNever(block, 'block');
  }
}

function readBlock(input: ByteReader): Block {
  const tag = input.u8() as BlockTag;
  switch (tag) {
    case BlockTag.Float64:
    case BlockTag.Int32:
    case BlockTag.Int64:
    case BlockTag.Bool: {
      const count = input.u32();
      const nulls = readNulls(input, count);
      input.align(8);
      if (tag === BlockTag.Float64) return float64Block(new Float64Array(input.copy(count * 8).buffer), nulls);
      if (tag === BlockTag.Int32) return int32Block(new Int32Array(input.copy(count * 4).buffer), nulls);
      if (tag === BlockTag.Int64) return int64Block(new BigInt64Array(input.copy(count * 8).buffer), nulls);
      return boolBlock(input.copy(count), nulls);
    }
    case BlockTag.Strings: {
      const count = input.u32();
      const nulls = readNulls(input, count);
      input.align(4);
      const offsets = new Int32Array(input.copy((count + 1) * 4).buffer);
      const bytes = input.lengthPrefixed();
      const values: SqlValue[] = new Array<SqlValue>(count);
      for (let i = 0; i < count; i++) values[i] = nulls !== undefined && nulls[i] === 1 ? null : decoder.decode(bytes.subarray(offsets[i]!, offsets[i + 1]!));
      return objectBlock(values);
    }
    case BlockTag.Values: {
      const count = input.u32();
      const values: SqlValue[] = new Array<SqlValue>(count);
      for (let i = 0; i < count; i++) values[i] = readValue(input);
      return objectBlock(values);
    }
    case BlockTag.Dictionary: {
      const count = input.u32();
      input.align(4);
      const ids = new Int32Array(input.copy(count * 4).buffer);
      return dictionaryBlock(readBlock(input), ids);
    }
    case BlockTag.Rle: {
      const positionCount = input.u32();
      return runLengthBlock(readBlock(input), positionCount);
    }
    default:
      throw new TrinoError(StandardErrorCode.GENERIC_INTERNAL_ERROR, `Corrupt page: unknown block tag ${String(tag)}`);
  }
}

function writeString(out: ByteWriter, text: string): void {
  out.lengthPrefixed(encoder.encode(text));
}

function readString(input: ByteReader): string {
  return decoder.decode(input.lengthPrefixed());
}

function writeValue(out: ByteWriter, value: SqlValue): void {
  if (value === null) return out.u8(ValueTag.Null);
  switch (typeof value) {
    case 'boolean':
      return out.u8(value ? ValueTag.True : ValueTag.False);
    case 'number':
      out.u8(ValueTag.Number);
      return out.f64(value);
    case 'bigint':
      // decimals reach 38 digits: decimal text keeps every value exact
      out.u8(ValueTag.BigInt);
      return writeString(out, value.toString());
    case 'string':
      out.u8(ValueTag.String);
      return writeString(out, value);
    case 'function':
      throw new TrinoError(StandardErrorCode.NOT_SUPPORTED, 'Lambda values cannot be sent between nodes');
    default:
      break;
  }
  if (value instanceof Uint8Array) {
    out.u8(ValueTag.Bytes);
    return out.lengthPrefixed(value);
  }
  if (Array.isArray(value)) {
    const items = value as readonly SqlValue[];
    out.u8(ValueTag.Array);
    out.u32(items.length);
    for (const item of items) writeValue(out, item);
    return;
  }
  const tagged = value as Exclude<SqlValue, null | boolean | number | bigint | string | Uint8Array | readonly SqlValue[] | ((...args: SqlValue[]) => SqlValue)>;
  switch (tagged.kind) {
    case 'map':
      out.u8(ValueTag.Map);
      out.u32(tagged.keys.length);
      for (const key of tagged.keys) writeValue(out, key);
      for (const item of tagged.values) writeValue(out, item);
      return;
    case 'long-timestamp':
      out.u8(ValueTag.LongTimestamp);
      out.f64(tagged.epochMillis);
      return out.u32(tagged.picosOfMilli);
    case 'timestamp-tz':
      out.u8(ValueTag.TimestampTz);
      out.f64(tagged.epochMillis);
      out.u32(tagged.picosOfMilli);
      return writeString(out, tagged.zone);
    case 'time-tz':
      out.u8(ValueTag.TimeTz);
      writeString(out, tagged.picos.toString());
      return out.i32(tagged.offsetMinutes);
    case 'opaque': {
      const bytes = sketchValueToBytes(tagged);
      if (bytes === undefined) throw new TrinoError(StandardErrorCode.NOT_SUPPORTED, `Values of type ${tagged.typeName} cannot be sent between nodes`);
      out.u8(ValueTag.Sketch);
      writeString(out, tagged.typeName);
      return out.lengthPrefixed(bytes);
    }
    default:
      assertNever(tagged, 'value');
  }
}

function readValue(input: ByteReader): SqlValue {
  const tag = input.u8() as ValueTag;
  switch (tag) {
    case ValueTag.Null:
      return null;
    case ValueTag.False:
      return false;
    case ValueTag.True:
      return true;
    case ValueTag.Number:
      return input.f64();
    case ValueTag.BigInt:
      return BigInt(readString(input));
    case ValueTag.String:
      return readString(input);
    case ValueTag.Bytes:
      return input.lengthPrefixed();
    case ValueTag.Array: {
      const count = input.u32();
      const items: SqlValue[] = [];
      for (let i = 0; i < count; i++) items.push(readValue(input));
      return items;
    }
    case ValueTag.Map: {
      const count = input.u32();
      const keys: SqlValue[] = [];
      const values: SqlValue[] = [];
      for (let i = 0; i < count; i++) keys.push(readValue(input));
      for (let i = 0; i < count; i++) values.push(readValue(input));
      return sqlMap(keys, values);
    }
    case ValueTag.LongTimestamp: {
      const millis = input.f64();
      return longTimestamp(millis, input.u32());
    }
    case ValueTag.TimestampTz: {
      const millis = input.f64();
      const picos = input.u32();
      return timestampWithTimeZone(millis, picos, readString(input));
    }
    case ValueTag.TimeTz: {
      const picos = BigInt(readString(input));
      return timeWithTimeZone(picos, input.i32());
    }
    case ValueTag.Sketch: {
      const typeName = readString(input);
      const sketch = sketchValueFromBytes(typeName, input.lengthPrefixed());
      if (sketch === undefined) throw new TrinoError(StandardErrorCode.GENERIC_INTERNAL_ERROR, `Corrupt page: unknown sketch type ${typeName}`);
      return sketch;
    }
    default:
      throw new TrinoError(StandardErrorCode.GENERIC_INTERNAL_ERROR, `Corrupt page: unknown value tag ${String(tag)}`);
  }
}
