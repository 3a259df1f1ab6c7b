import type { Block } from '@petrel/spi';
import { assertNever, boolBlock, dictionaryBlock, float64Block, int32Block, int64Block, runLengthBlock } from '@petrel/spi';

/**
 * A stored block whose typed arrays live in SharedArrayBuffers, so that driver threads scanning the
 * table read the same memory instead of copies. Same block kinds, same values; object blocks
 * (strings, decimals beyond 64 bits, nested values) are kept as they are.
 */
export function toSharedBlock(block: Block): Block {
  switch (block.kind) {
    case 'float64':
      return float64Block(shared(block.values), sharedNulls(block.nulls));
    case 'int32':
      return int32Block(shared(block.values), sharedNulls(block.nulls));
    case 'int64':
      return int64Block(shared(block.values), sharedNulls(block.nulls));
    case 'bool':
      return boolBlock(shared(block.values), sharedNulls(block.nulls));
    case 'object':
      return block;
    case 'dictionary':
      return dictionaryBlock(toSharedBlock(block.dictionary), shared(block.ids));
    case 'rle':
      return runLengthBlock(toSharedBlock(block.value), block.positionCount);
    default:
      return assertNever(block, 'block');
  }
}

type TypedArray = Float64Array | Int32Array | BigInt64Array | Uint8Array;

function shared<T extends TypedArray>(array: T): T {
  if (array.buffer instanceof SharedArrayBuffer) return array;
  const Constructor = array.constructor as new (buffer: ArrayBufferLike) => T;
  const copy = new Constructor(new SharedArrayBuffer(array.byteLength));
  (copy as unknown as { set(a: T): void }).set(array);
  return copy;
}

function sharedNulls(nulls: Uint8Array | undefined): Uint8Array | undefined {
  return nulls === undefined ? undefined : shared(nulls);
}
