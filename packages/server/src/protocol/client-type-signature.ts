import type { SqlType } from '@petrel/spi';
import { assertNever, typeDisplayName } from '@petrel/spi';

/** One argument of a type signature, as Trino's `ClientTypeSignatureParameter` serializes it. */
export type ClientTypeArgument =
  | { readonly kind: 'TYPE'; readonly value: ClientTypeSignature }
  | { readonly kind: 'NAMED_TYPE'; readonly value: NamedClientTypeSignature }
  | { readonly kind: 'LONG'; readonly value: number }
  | { readonly kind: 'VARIABLE'; readonly value: string };

export interface NamedClientTypeSignature {
  readonly fieldName: { readonly name: string } | null;
  readonly typeSignature: ClientTypeSignature;
}

/** Trino's `typeSignature` of a result column. */
export interface ClientTypeSignature {
  readonly rawType: string;
  readonly arguments: readonly ClientTypeArgument[];
}

/** Trino encodes unbounded varchar as varchar(2147483647) in type signatures. */
export const UNBOUNDED_VARCHAR_LENGTH = 2147483647;

/** Options of the encoding negotiated with one client. */
export interface ClientCapabilities {
  /** `X-Trino-Client-Capabilities: PARAMETRIC_DATETIME`: without it time/timestamp values use precision 3. */
  readonly parametricDatetime: boolean;
}

export const ALL_CAPABILITIES: ClientCapabilities = Object.freeze({ parametricDatetime: true });

function long(value: number): ClientTypeArgument {
  return { kind: 'LONG', value };
}

function nested(type: SqlType, capabilities: ClientCapabilities): ClientTypeArgument {
  return { kind: 'TYPE', value: toClientTypeSignature(type, capabilities) };
}

export function toClientTypeSignature(type: SqlType, capabilities: ClientCapabilities = ALL_CAPABILITIES): ClientTypeSignature {
  switch (type.kind) {
    case 'boolean':
    case 'tinyint':
    case 'smallint':
    case 'integer':
    case 'bigint':
    case 'real':
    case 'double':
    case 'varbinary':
    case 'json':
    case 'date':
    case 'interval day to second':
    case 'interval year to month':
    case 'uuid':
    case 'ipaddress':
    case 'HyperLogLog':
    case 'tdigest':
    case 'SetDigest':
    case 'color':
    case 'unknown':
      return { rawType: type.kind, arguments: [] };
    case 'decimal':
      return { rawType: 'decimal', arguments: [long(type.precision), long(type.scale)] };
    case 'varchar':
      return { rawType: 'varchar', arguments: [long(type.length ?? UNBOUNDED_VARCHAR_LENGTH)] };
    case 'char':
      return { rawType: 'char', arguments: [long(type.length)] };
    case 'time':
    case 'time with time zone':
    case 'timestamp':
    case 'timestamp with time zone':
      return { rawType: type.kind, arguments: capabilities.parametricDatetime ? [long(type.precision)] : [] };
    case 'array':
      return { rawType: 'array', arguments: [nested(type.elementType, capabilities)] };
    case 'map':
      return { rawType: 'map', arguments: [nested(type.keyType, capabilities), nested(type.valueType, capabilities)] };
    case 'row':
      return {
        rawType: 'row',
        arguments: type.fields.map((field) => ({
          kind: 'NAMED_TYPE',
          value: {
            fieldName: field.name === undefined ? null : { name: field.name },
            typeSignature: toClientTypeSignature(field.type, capabilities),
          },
        })),
      };
    case 'qdigest':
      return { rawType: 'qdigest', arguments: [nested(type.valueType, capabilities)] };
    case 'function':
      return { rawType: 'function', arguments: [...type.argumentTypes, type.returnType].map((t) => nested(t, capabilities)) };
    default:
      return assertNever(type, 'type');
  }
}

/** The `type` string of a result column (Trino's display name; legacy clients see datetime types without precision). */
export function clientTypeName(type: SqlType, capabilities: ClientCapabilities = ALL_CAPABILITIES): string {
  if (capabilities.parametricDatetime) return typeDisplayName(type);
  if (type.kind === 'time' || type.kind === 'time with time zone' || type.kind === 'timestamp' || type.kind === 'timestamp with time zone') return type.kind;
  if (type.kind === 'array') return `array(${clientTypeName(type.elementType, capabilities)})`;
  if (type.kind === 'map') return `map(${clientTypeName(type.keyType, capabilities)}, ${clientTypeName(type.valueType, capabilities)})`;
  if (type.kind === 'row') {
    return `row(${type.fields
      .map((f) => (f.name === undefined ? clientTypeName(f.type, capabilities) : `${quoteField(f.name)} ${clientTypeName(f.type, capabilities)}`))
      .join(', ')})`;
  }
  return typeDisplayName(type);
}

function quoteField(name: string): string {
  return /^[a-z_][a-z0-9_]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

/** The argument of a type signature that is a nested type, by index (undefined when absent). */
export function typeArgument(signature: ClientTypeSignature, index: number): ClientTypeSignature | undefined {
  const argument = signature.arguments[index];
  if (argument === undefined) return undefined;
  if (argument.kind === 'TYPE') return argument.value;
  if (argument.kind === 'NAMED_TYPE') return argument.value.typeSignature;
  return undefined;
}
