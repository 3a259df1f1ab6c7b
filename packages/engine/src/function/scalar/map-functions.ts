import type { LambdaValue, MapType, SqlMap, SqlType, SqlValue } from '@petrel/spi';
import { sqlMap, mapType } from '@petrel/spi';
import type { FunctionDefinition } from '../function-definition.js';
import { scalarFunction } from '../function-definition.js';
import { invalidArgument } from '../errors.js';
import { findMapKey } from '../../type/value-compare.js';
import { formatValue } from '../../type/format-value.js';
import { DistinctSet } from './distinct-set.js';

const map = (v: SqlValue): SqlMap => v as SqlMap;
const fn = (v: SqlValue): LambdaValue => v as LambdaValue;
const keyTypeOf = (t: SqlType): SqlType => (t as MapType).keyType;

/** Builds a map, rejecting NULL and duplicate keys with Trino's messages. */
export function buildMap(keyType: SqlType, keys: readonly SqlValue[], values: readonly SqlValue[], duplicateMessage = (k: string) => `Duplicate map keys (${k}) are not allowed`): SqlMap {
  const set = new DistinctSet(keyType);
  for (const k of keys) {
    if (k === null) throw invalidArgument('map key cannot be null');
    if (!set.add(k)) throw invalidArgument(duplicateMessage(formatValue(keyType, k)));
  }
  return sqlMap(keys, values);
}

export function mapFunctions(): FunctionDefinition[] {
  return [
    scalarFunction({ name: 'map', args: [], returns: 'map(unknown,unknown)', description: 'Creates an empty map', impl: () => sqlMap([], []) }),
    scalarFunction({
      name: 'map', args: ['array(K)', 'array(V)'], returns: 'map(K,V)', comparable: ['K'], description: 'Constructs a map from the given key/value arrays',
      specialize: (b) => {
        const kt = keyTypeOf(b.returnType);
        return (k, v) => {
          const keys = k as readonly SqlValue[];
          const values = v as readonly SqlValue[];
          if (keys.length !== values.length) throw invalidArgument('Key and value arrays must be the same length');
          return buildMap(kt, keys, values);
        };
      },
    }),
    scalarFunction({ name: 'cardinality', args: ['map(K,V)'], returns: 'bigint', description: 'Returns the cardinality (the number of key-value pairs) of the map', impl: (m) => map(m).keys.length }),
    scalarFunction({
      name: 'element_at', args: ['map(K,V)', 'K'], returns: 'V', description: 'Get value for the given key, or null if it does not exist',
      specialize: (b) => {
        const kt = keyTypeOf(b.argumentTypes[0]!);
        return (m, k) => {
          const i = findMapKey(kt, map(m), k);
          return i < 0 ? null : map(m).values[i]!;
        };
      },
    }),
    scalarFunction({
      name: 'map_concat', args: ['map(K,V)'], variadic: 'same', minArguments: 1, returns: 'map(K,V)', description: 'Concatenates given maps',
      specialize: (b) => {
        const kt = keyTypeOf(b.returnType);
        return (...maps) => {
          const keys: SqlValue[] = [];
          const values: SqlValue[] = [];
          for (const m of maps) {
            const x = map(m);
            for (let i = 0; i < x.keys.length; i++) {
              const j = findMapKey(kt, sqlMap(keys, values), x.keys[i]!);
              if (j < 0) {
                keys.push(x.keys[i]!);
                values.push(x.values[i]!);
              } else values[j] = x.values[i]!;
            }
          }
          return sqlMap(keys, values);
        };
      },
    }),
    scalarFunction({ name: 'map_entries', args: ['map(K,V)'], returns: 'array(row(K,V))', description: 'Returns an array of all entries in the given map', impl: (m) => map(m).keys.map((k, i) => [k, map(m).values[i]!]) }),
    scalarFunction({
      name: 'map_filter', args: ['map(K,V)', 'function(K,V,boolean)'], returns: 'map(K,V)', description: 'Return map containing entries that match the given predicate',
      impl: (m, f) => {
        const x = map(m);
        const keys: SqlValue[] = [];
        const values: SqlValue[] = [];
        for (let i = 0; i < x.keys.length; i++) {
          if (fn(f)(x.keys[i]!, x.values[i]!) === true) {
            keys.push(x.keys[i]!);
            values.push(x.values[i]!);
          }
        }
        return sqlMap(keys, values);
      },
    }),
    scalarFunction({
      name: 'map_from_entries', args: ['array(row(K,V))'], returns: 'map(K,V)', description: 'Construct a map from an array of entries',
      specialize: (b) => {
        const kt = keyTypeOf(b.returnType);
        return (a) => {
          const keys: SqlValue[] = [];
          const values: SqlValue[] = [];
          for (const e of a as readonly SqlValue[]) {
            if (e === null) throw invalidArgument('map entry cannot be null');
            const r = e as readonly SqlValue[];
            keys.push(r[0]!);
            values.push(r[1]!);
          }
          return buildMap(kt, keys, values);
        };
      },
    }),
    scalarFunction({
      name: 'multimap_from_entries', args: ['array(row(K,V))'], returns: 'map(K,array(V))', description: 'Construct a multimap from an array of entries',
      specialize: (b) => {
        const kt = keyTypeOf(b.returnType);
        return (a) => {
          const keys: SqlValue[] = [];
          const values: SqlValue[][] = [];
          for (const e of a as readonly SqlValue[]) {
            if (e === null) throw invalidArgument('map entry cannot be null');
            const r = e as readonly SqlValue[];
            if (r[0] === null) throw invalidArgument('map key cannot be null');
            const j = findMapKey(kt, sqlMap(keys, values), r[0]!);
            if (j < 0) {
              keys.push(r[0]!);
              values.push([r[1]!]);
            } else values[j]!.push(r[1]!);
          }
          return sqlMap(keys, values);
        };
      },
    }),
    scalarFunction({ name: 'map_keys', args: ['map(K,V)'], returns: 'array(K)', description: 'Returns the keys of the given map(K,V) as an array', impl: (m) => [...map(m).keys] }),
    scalarFunction({ name: 'map_values', args: ['map(K,V)'], returns: 'array(V)', description: 'Returns the values of the given map(K,V) as an array', impl: (m) => [...map(m).values] }),
    scalarFunction({
      name: 'map_zip_with', args: ['map(K,V1)', 'map(K,V2)', 'function(K,V1,V2,V3)'], returns: 'map(K,V3)', description: 'Merge two maps into a single map by applying the lambda function to the pair of values with the same key',
      specialize: (b) => {
        const kt = keyTypeOf(b.argumentTypes[0]!);
        return (a, c, f) => {
          const x = map(a);
          const y = map(c);
          const keys: SqlValue[] = [];
          const values: SqlValue[] = [];
          for (let i = 0; i < x.keys.length; i++) {
            const j = findMapKey(kt, y, x.keys[i]!);
            keys.push(x.keys[i]!);
            values.push(fn(f)(x.keys[i]!, x.values[i]!, j < 0 ? null : y.values[j]!));
          }
          for (let j = 0; j < y.keys.length; j++) {
            if (findMapKey(kt, x, y.keys[j]!) >= 0) continue;
            keys.push(y.keys[j]!);
            values.push(fn(f)(y.keys[j]!, null, y.values[j]!));
          }
          return sqlMap(keys, values);
        };
      },
    }),
    scalarFunction({
      name: 'transform_keys', args: ['map(K1,V)', 'function(K1,V,K2)'], returns: 'map(K2,V)', description: 'Apply lambda to each entry of the map and transform the key',
      specialize: (b) => {
        const kt = keyTypeOf(b.returnType);
        return (m, f) => {
          const x = map(m);
          const keys = x.keys.map((k, i) => fn(f)(k, x.values[i]!));
          return buildMap(kt, keys, x.values, (k) => `Duplicate keys (${k}) are not allowed`);
        };
      },
    }),
    scalarFunction({
      name: 'transform_values', args: ['map(K,V1)', 'function(K,V1,V2)'], returns: 'map(K,V2)', description: 'Apply lambda to each entry of the map and transform the value',
      impl: (m, f) => {
        const x = map(m);
        return sqlMap(x.keys, x.values.map((v, i) => fn(f)(x.keys[i]!, v)));
      },
    }),
  ];
}

export { mapType };
