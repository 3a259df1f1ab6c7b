import type { OpaqueValue, SqlType, SqlValue } from '@petrel/spi';
import { sketchValueFromBytes, sketchValueToBytes } from '../sketch/sketch-values.js';

type Cast = (v: SqlValue) => SqlValue;

/** The sketch types that cast to and from varbinary (layouts in `sketch/sketch-serialization.ts`). */
function isSketchType(type: SqlType): boolean {
  return type.kind === 'HyperLogLog' || type.kind === 'tdigest' || type.kind === 'qdigest' || type.kind === 'SetDigest';
}

/** CAST(sketch AS varbinary), or undefined for other types. */
export function sketchToVarbinary(from: SqlType): Cast | undefined {
  if (!isSketchType(from)) return undefined;
  return (v) => sketchValueToBytes(v as OpaqueValue)!;
}

/** CAST(varbinary AS sketch); corrupt input is INVALID_CAST_ARGUMENT. */
export function varbinaryToSketch(to: SqlType, typeText: string): Cast | undefined {
  if (!isSketchType(to)) return undefined;
  return (v) => sketchValueFromBytes(to.kind, v as Uint8Array, typeText)!;
}
