/**
 * Plan fragments and sessions travel between nodes as JSON. Plans are data (see plan-node.ts), but
 * hold values JSON cannot carry as is: bigints (BIGINT beyond 2^53, decimals), byte arrays, typed
 * arrays, non-finite numbers and -0. They are tagged: `{"$bigint":"123"}`, `{"$bytes":"base64"}`,
 * `{"$f64":"NaN"}`, `{"$typed":"Int32Array","data":"base64"}`. `undefined` fields are dropped,
 * which plan readers treat like absent optional fields.
 */
type Tagged = { readonly $bigint: string } | { readonly $bytes: string } | { readonly $f64: string } | { readonly $typed: string; readonly data: string };

const TYPED_ARRAYS = {
  Int32Array,
  Float64Array,
  BigInt64Array,
  Uint32Array,
  Int16Array,
  Int8Array,
  Float32Array,
} as const;

function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

function encodeValue(value: unknown): unknown {
  if (typeof value === 'bigint') return { $bigint: value.toString() };
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { $f64: String(value) };
    if (Object.is(value, -0)) return { $f64: '-0' };
    return value;
  }
  if (value instanceof Uint8Array) return { $bytes: toBase64(value) };
  if (ArrayBuffer.isView(value)) {
    const name = value.constructor.name;
    if (!(name in TYPED_ARRAYS)) throw new Error(`cannot encode ${name} in a plan`);
    return { $typed: name, data: toBase64(new Uint8Array(value.buffer, value.byteOffset, value.byteLength)) };
  }
  if (typeof value === 'function') throw new Error('cannot encode a function in a plan');
  if (Array.isArray(value)) return value.map(encodeValue);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) if (item !== undefined) out[key] = encodeValue(item);
    return out;
  }
  return value;
}

function decodeValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeValue);
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const tagged = value as Tagged;
    if ('$bigint' in tagged && typeof tagged.$bigint === 'string') return BigInt(tagged.$bigint);
    if ('$f64' in tagged && typeof tagged.$f64 === 'string') return tagged.$f64 === '-0' ? -0 : Number(tagged.$f64);
    if ('$bytes' in tagged && typeof tagged.$bytes === 'string') return new Uint8Array(Buffer.from(tagged.$bytes, 'base64'));
    if ('$typed' in tagged && typeof tagged.$typed === 'string') {
      const bytes = new Uint8Array(Buffer.from(tagged.data, 'base64'));
      const Constructor = TYPED_ARRAYS[tagged.$typed as keyof typeof TYPED_ARRAYS];
      if (Constructor === undefined) throw new Error(`unknown typed array ${tagged.$typed}`);
      return new Constructor(bytes.buffer);
    }
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(record)) out[key] = decodeValue(item);
    return out;
  }
  return value;
}

export function encodePlanJson(value: unknown): string {
  return JSON.stringify(encodeValue(value));
}

export function decodePlanJson<T>(text: string): T {
  return decodeValue(JSON.parse(text)) as T;
}
