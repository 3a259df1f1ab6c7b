import type { SqlValue } from '@petrel/spi';
import type { FunctionDefinition } from '../function-definition.js';
import { scalarFunction, withParameterDisplay } from '../function-definition.js';
import { invalidArgument } from '../errors.js';
import type { JsonValue } from './json-value.js';
import { isJsonNumber, isJsonObject, jsonNumber, jsonObject, parseJsonText, serializeJson, tryParseJson } from './json-value.js';
import { evaluateJsonPath, parseJsonPath } from './json-path.js';
import { formatDouble } from '../../type/double-format.js';
import { compareStrings } from '../../type/value-compare.js';

/** json_parse output: keys sorted, numbers as Jackson prints them. */
export function canonicalizeJson(v: JsonValue): JsonValue {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return v;
  if (Array.isArray(v)) return (v as readonly JsonValue[]).map(canonicalizeJson);
  if (isJsonNumber(v)) {
    if (/^-?\d+$/.test(v.text)) return v;
    return jsonNumber(formatDouble(Number(v.text)));
  }
  const o = v as { entries: readonly (readonly [string, JsonValue])[] };
  const byKey = new Map<string, JsonValue>();
  for (const [k, x] of o.entries) byKey.set(k, canonicalizeJson(x));
  return jsonObject([...byKey.entries()].sort((a, b) => compareStrings(a[0], b[0])));
}

export function jsonParse(text: string): string {
  let parsed: JsonValue;
  try {
    parsed = parseJsonText(text);
  } catch {
    throw invalidArgument(`Cannot convert '${text}' to JSON`);
  }
  return serializeJson(canonicalizeJson(parsed));
}

function scalarText(v: JsonValue): string | null {
  if (v === null) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (isJsonNumber(v)) return v.text;
  return null;
}

function extract(json: string, path: string): JsonValue | undefined {
  const steps = parseJsonPath(path);
  const doc = tryParseJson(json);
  if (doc === undefined) return undefined;
  return evaluateJsonPath(doc, steps);
}

function arrayOf(json: string): readonly JsonValue[] | undefined {
  const doc = tryParseJson(json);
  return Array.isArray(doc) ? (doc as readonly JsonValue[]) : undefined;
}

export function jsonFunctions(): FunctionDefinition[] {
  const defs: FunctionDefinition[] = [
    scalarFunction({ name: 'json_parse', args: ['varchar(x)'], returns: 'json', impl: (v) => jsonParse(v as string) }),
    scalarFunction({ name: 'json_format', args: ['json'], returns: 'varchar', impl: (v) => v }),
  ];
  for (const input of ['json', 'varchar(x)']) {
    defs.push(
      scalarFunction({
        name: 'is_json_scalar', args: [input], returns: 'boolean', description: 'Returns whether the value is a JSON scalar',
        impl: (v) => {
          const doc = tryParseJson(v as string);
          if (doc === undefined) throw invalidArgument(`Invalid JSON value: ${v as string}`);
          return !(Array.isArray(doc) || isJsonObject(doc));
        },
      }),
      scalarFunction({
        name: 'json_array_length', args: [input], returns: 'bigint', 
        impl: (v) => arrayOf(v as string)?.length ?? null,
      }),
      scalarFunction({
        name: 'json_array_get', args: [input, 'bigint'], returns: 'json', 
        impl: (v, i) => {
          const a = arrayOf(v as string);
          if (a === undefined) return null;
          const index = Number(i);
          const k = index >= 0 ? index : a.length + index;
          return k >= 0 && k < a.length ? serializeJson(a[k]!) : null;
        },
      }),
      scalarFunction({
        name: 'json_extract', args: [input, 'varchar(y)'], returns: 'json', 
        impl: (v, p) => {
          const r = extract(v as string, p as string);
          return r === undefined ? null : serializeJson(r);
        },
      }),
      scalarFunction({
        name: 'json_extract_scalar', args: [input, 'varchar(y)'], returns: input === 'json' ? 'varchar' : 'varchar(x)', 
        impl: (v, p) => {
          const r = extract(v as string, p as string);
          return r === undefined ? null : scalarText(r);
        },
      }),
      scalarFunction({
        name: 'json_size', args: [input, 'varchar(y)'], returns: 'bigint', 
        impl: (v, p) => {
          const r = extract(v as string, p as string);
          if (r === undefined) return null;
          if (Array.isArray(r)) return (r as readonly JsonValue[]).length;
          if (isJsonObject(r)) return r.entries.length;
          return 0;
        },
      }),
    );
    for (const valueType of ['boolean', 'bigint', 'double', 'varchar(y)']) {
      defs.push(scalarFunction({
        name: 'json_array_contains', args: [input, valueType], returns: 'boolean',
        impl: (v, x: SqlValue) => {
          const a = arrayOf(v as string);
          if (a === undefined) return null;
          for (const e of a) {
            if (valueType === 'boolean' && typeof e === 'boolean' && e === x) return true;
            if (valueType === 'varchar(y)' && typeof e === 'string' && e === x) return true;
            if (isJsonNumber(e)) {
              if (valueType === 'bigint' && /^-?\d+$/.test(e.text) && BigInt(e.text) === BigInt(x as number | bigint)) return true;
              if (valueType === 'double' && Number(e.text) === x) return true;
            }
          }
          return false;
        },
      }));
    }
  }
  // Trino binds the path to its internal JSON path type and lists it as `jsonpath`; a json array's
  // varchar value is listed as varchar(x)
  return defs.map((d) => {
    if (['json_extract', 'json_extract_scalar', 'json_size'].includes(d.name)) return withParameterDisplay(d, 1, 'jsonpath');
    if (d.name === 'json_array_contains' && d.signature.parameterText[0] === 'json' && d.signature.parameterText[1] === 'varchar(y)') return withParameterDisplay(d, 1, 'varchar(x)');
    return d;
  });
}
