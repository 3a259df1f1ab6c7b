import { createRequire } from 'node:module';
import * as zlib from 'node:zlib';
import { assertNever, StandardErrorCode, TrinoError } from '@petrel/spi';

/** `exchange.compression-codec`: how pages travel between nodes and sit in spool files. */
export type ExchangeCompressionCodec = 'NONE' | 'LZ4' | 'ZSTD';

/** The codec marker byte of a serialized page (after the magic number). */
export const PAGE_CODEC_NONE = 0;
export const PAGE_CODEC_ZSTD = 1;
export const PAGE_CODEC_LZ4 = 2;

interface Compressor {
  readonly compress: (input: Uint8Array) => Uint8Array;
  readonly decompress: (input: Uint8Array, uncompressedLength: number) => Uint8Array;
}

interface ZstdFunctions {
  readonly zstdCompressSync: (input: Uint8Array) => Buffer;
  readonly zstdDecompressSync: (input: Uint8Array) => Buffer;
}

/** Node's zstd (node:zlib since Node 22.15 / 23.8), or undefined on runtimes without it. */
function zstdCompressor(): Compressor | undefined {
  const candidate = zlib as unknown as Partial<ZstdFunctions>;
  if (typeof candidate.zstdCompressSync !== 'function' || typeof candidate.zstdDecompressSync !== 'function') return undefined;
  const functions = candidate as ZstdFunctions;
  return { compress: (input) => functions.zstdCompressSync(input), decompress: (input) => functions.zstdDecompressSync(input) };
}

interface Lz4Functions {
  /** LZ4 block format with the uncompressed size prepended (lz4_flex `compress_prepend_size`). */
  readonly compressSync: (data: Buffer) => Buffer;
  readonly uncompressSync: (data: Uint8Array) => Buffer;
}

/**
 * LZ4 through `lz4-napi` (Rust lz4_flex behind N-API, prebuilt per platform and shipped in the
 * registry packages). Loaded lazily: a platform without its binary keeps working, without LZ4.
 */
function lz4Compressor(): Compressor | undefined {
  let functions: Lz4Functions;
  try {
    functions = createRequire(import.meta.url)('lz4-napi') as Lz4Functions;
  } catch {
    return undefined;
  }
  return {
    compress: (input) => functions.compressSync(Buffer.from(input.buffer, input.byteOffset, input.byteLength)),
    decompress: (input) => functions.uncompressSync(input),
  };
}

const ZSTD = zstdCompressor();
let lz4: Compressor | undefined | null = null;

function lz4OrUndefined(): Compressor | undefined {
  if (lz4 === null) lz4 = lz4Compressor();
  return lz4;
}

/** Whether this runtime can compress pages with zstd. */
export function isZstdAvailable(): boolean {
  return ZSTD !== undefined;
}

/** Whether this runtime can compress pages with LZ4 (the lz4-napi binary loaded). */
export function isLz4Available(): boolean {
  return lz4OrUndefined() !== undefined;
}

function compressorOf(codec: ExchangeCompressionCodec): { readonly marker: number; readonly compressor: Compressor | undefined } {
  switch (codec) {
    case 'NONE':
      return { marker: PAGE_CODEC_NONE, compressor: undefined };
    case 'LZ4':
      return { marker: PAGE_CODEC_LZ4, compressor: lz4OrUndefined() };
    case 'ZSTD':
      return { marker: PAGE_CODEC_ZSTD, compressor: ZSTD };
    default:
      return assertNever(codec, 'compression codec');
  }
}

/** A payload compressed with a codec, or undefined when the codec is unavailable here. */
export function compressPayload(codec: ExchangeCompressionCodec, payload: Uint8Array): { readonly marker: number; readonly bytes: Uint8Array } | undefined {
  const { marker, compressor } = compressorOf(codec);
  if (compressor === undefined) return undefined;
  return { marker, bytes: compressor.compress(payload) };
}

/** The uncompressed payload of bytes compressed with the codec named by `marker`. */
export function decompressPayload(marker: number, compressed: Uint8Array, uncompressedLength: number): Uint8Array {
  const codec: ExchangeCompressionCodec | undefined = marker === PAGE_CODEC_ZSTD ? 'ZSTD' : marker === PAGE_CODEC_LZ4 ? 'LZ4' : undefined;
  if (codec === undefined) throw new TrinoError(StandardErrorCode.GENERIC_INTERNAL_ERROR, `Unsupported page compression codec ${marker}`);
  const { compressor } = compressorOf(codec);
  if (compressor === undefined) {
    const why = codec === 'ZSTD' ? 'this runtime has no zstd (needs Node 22.15 or later)' : 'the lz4-napi binary is not installed for this platform';
    throw new TrinoError(StandardErrorCode.GENERIC_INTERNAL_ERROR, `Received a ${codec}-compressed page, but ${why}`);
  }
  let payload: Uint8Array;
  try {
    payload = compressor.decompress(compressed, uncompressedLength);
  } catch (error) {
    throw new TrinoError(StandardErrorCode.PAGE_TRANSPORT_ERROR, `Corrupt ${codec}-compressed page: ${(error as Error).message}`);
  }
  if (payload.length !== uncompressedLength) throw new TrinoError(StandardErrorCode.PAGE_TRANSPORT_ERROR, `Corrupt compressed page: ${payload.length} bytes, expected ${uncompressedLength}`);
  return payload;
}
