import type { OpaqueValue } from '@petrel/spi';
import type { HyperLogLogSketch } from './hyperloglog-sketch.js';
import type { SetDigest } from './set-digest.js';
import type { TDigest } from './t-digest.js';
import {
  deserializeHyperLogLog, deserializeSetDigest, deserializeTDigest, serializeHyperLogLog, serializeSetDigest, serializeTDigest,
} from './sketch-serialization.js';

/**
 * Sketch values (the opaque HyperLogLog, tdigest, qdigest and SetDigest values) to and from their
 * varbinary form: what CAST to and from varbinary uses, and what can carry them between nodes.
 */
export function sketchValueToBytes(value: OpaqueValue): Uint8Array | undefined {
  switch (value.typeName) {
    case 'HyperLogLog':
      return serializeHyperLogLog(value.state as HyperLogLogSketch);
    case 'tdigest':
    case 'qdigest':
      return serializeTDigest(value.state as TDigest, value.typeName);
    case 'SetDigest':
      return serializeSetDigest(value.state as SetDigest);
    default:
      return undefined;
  }
}

/** The sketch value of `typeName` read from its bytes (INVALID_CAST_ARGUMENT when corrupt), or undefined for other type names. */
export function sketchValueFromBytes(typeName: string, bytes: Uint8Array, typeText = typeName): OpaqueValue | undefined {
  switch (typeName) {
    case 'HyperLogLog':
      return { kind: 'opaque', typeName, state: deserializeHyperLogLog(bytes) };
    case 'tdigest':
    case 'qdigest':
      return { kind: 'opaque', typeName, state: deserializeTDigest(bytes, typeName, typeText) };
    case 'SetDigest':
      return { kind: 'opaque', typeName, state: deserializeSetDigest(bytes) };
    default:
      return undefined;
  }
}
