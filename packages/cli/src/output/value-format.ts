import type { ClientTypeSignature, JsonValue } from '@petrel/server';
import { formatJavaDouble, formatJavaFloat, typeArgument } from '@petrel/server';

/** Types the Java client decodes to `byte[]` (printed as hex). */
const BINARY_TYPES = new Set(['varbinary', 'HyperLogLog', 'P4HyperLogLog', 'qdigest', 'tdigest', 'SetDigest']);
export const NUMERIC_TYPES = new Set(['tinyint', 'smallint', 'integer', 'bigint', 'real', 'double', 'decimal']);

/** Lower-case hex pairs separated by spaces; `bytesPerLine` > 0 breaks lines like Trino's CLI. */
export function formatHexDump(bytes: Uint8Array, bytesPerLine = 0): string {
  const pairs = Array.from(bytes, (b) => b.toString(16).padStart(2, '0'));
  if (bytesPerLine <= 0) return pairs.join(' ');
  const lines: string[] = [];
  for (let i = 0; i < pairs.length; i += bytesPerLine) lines.push(pairs.slice(i, i + bytesPerLine).join(' '));
  return lines.join('\n');
}

function decodeBase64(value: string): Uint8Array {
  return new Uint8Array(Buffer.from(value, 'base64'));
}

/**
 * One value as Trino's CLI prints it: the Java client's decoded value's `toString` (doubles as
 * Java prints them, varbinary as hex, arrays `[a, b]`, maps `{k=v}`, rows `{x=1, y=2}`).
 */
export function formatValue(signature: ClientTypeSignature, value: JsonValue, nullText = 'NULL', bytesPerLine = 16): string {
  if (value === null) return nullText;
  switch (signature.rawType) {
    case 'double':
      return typeof value === 'number' ? formatJavaDouble(value) : String(value);
    case 'real':
      return typeof value === 'number' ? formatJavaFloat(value) : String(value);
    case 'array': {
      const element = typeArgument(signature, 0) ?? { rawType: 'unknown', arguments: [] };
      return `[${(value as readonly JsonValue[]).map((v) => formatValue(element, v)).join(', ')}]`;
    }
    case 'map': {
      const keyType = typeArgument(signature, 0) ?? { rawType: 'varchar', arguments: [] };
      const valueType = typeArgument(signature, 1) ?? { rawType: 'unknown', arguments: [] };
      const entries = Object.entries(value as Record<string, JsonValue>).map(([k, v]) => `${formatMapKey(keyType, k)}=${formatValue(valueType, v)}`);
      return `{${entries.join(', ')}}`;
    }
    case 'row': {
      const fields = value as readonly JsonValue[];
      const parts = fields.map((v, i) => {
        const argument = signature.arguments[i];
        if (argument?.kind === 'NAMED_TYPE') {
          const formatted = formatValue(argument.value.typeSignature, v);
          return argument.value.fieldName === null ? formatted : `${argument.value.fieldName.name}=${formatted}`;
        }
        return formatValue({ rawType: 'unknown', arguments: [] }, v);
      });
      return `{${parts.join(', ')}}`;
    }
    default:
      if (BINARY_TYPES.has(signature.rawType) && typeof value === 'string') return formatHexDump(decodeBase64(value), bytesPerLine);
      if (typeof value === 'bigint' || typeof value === 'number' || typeof value === 'boolean') return String(value);
      if (typeof value === 'string') return value;
      return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
  }
}

function formatMapKey(keyType: ClientTypeSignature, key: string): string {
  if (keyType.rawType === 'double' || keyType.rawType === 'real') {
    const n = Number(key);
    if (!Number.isNaN(n)) return keyType.rawType === 'double' ? formatJavaDouble(n) : formatJavaFloat(n);
  }
  return key;
}

/** The value as Jackson would serialize the Java client's decoded value (the JSON output format). */
export function jsonOutputValue(signature: ClientTypeSignature, value: JsonValue): JsonValue {
  if (value === null) return null;
  switch (signature.rawType) {
    case 'array': {
      const element = typeArgument(signature, 0) ?? { rawType: 'unknown', arguments: [] };
      return (value as readonly JsonValue[]).map((v) => jsonOutputValue(element, v));
    }
    case 'map': {
      const valueType = typeArgument(signature, 1) ?? { rawType: 'unknown', arguments: [] };
      const result: Record<string, JsonValue> = {};
      for (const [k, v] of Object.entries(value as Record<string, JsonValue>)) result[k] = jsonOutputValue(valueType, v);
      return result;
    }
    case 'row': {
      const fields = value as readonly JsonValue[];
      const named = signature.arguments.every((a) => a.kind === 'NAMED_TYPE' && a.value.fieldName !== null);
      if (!named) return fields.map((v, i) => jsonOutputValue(typeArgument(signature, i) ?? { rawType: 'unknown', arguments: [] }, v));
      const result: Record<string, JsonValue> = {};
      fields.forEach((v, i) => {
        const argument = signature.arguments[i];
        if (argument?.kind === 'NAMED_TYPE' && argument.value.fieldName !== null) result[argument.value.fieldName.name] = jsonOutputValue(argument.value.typeSignature, v);
      });
      return result;
    }
    default:
      if (BINARY_TYPES.has(signature.rawType) && typeof value === 'string') return formatHexDump(decodeBase64(value));
      return value;
  }
}

/** Display width in a terminal (East Asian wide characters count 2, combining marks 0). */
export function consoleWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (code === 0 || (code < 32 && code !== 9) || (code >= 0x7f && code < 0xa0)) continue;
    if ((code >= 0x300 && code <= 0x36f) || (code >= 0x200b && code <= 0x200f)) continue;
    if (
      (code >= 0x1100 && code <= 0x115f) ||
      (code >= 0x2e80 && code <= 0xa4cf && code !== 0x303f) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe30 && code <= 0xfe4f) ||
      (code >= 0xff00 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6) ||
      (code >= 0x1f300 && code <= 0x1faff) ||
      (code >= 0x20000 && code <= 0x3fffd)
    ) {
      width += 2;
      continue;
    }
    width += 1;
  }
  return width;
}

export function maxLineWidth(text: string): number {
  let max = 0;
  for (const line of text.split('\n')) max = Math.max(max, consoleWidth(line));
  return max;
}
