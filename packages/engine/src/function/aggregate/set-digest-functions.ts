import type { OpaqueValue, SqlValue } from '@petrel/spi';
import { SET_DIGEST, normalizeInt64, sqlMap } from '@petrel/spi';
import type { FunctionDefinition } from '../function-definition.js';
import { aggregateFunction, scalarFunction } from '../function-definition.js';
import { objectStateAggregate } from './object-state-aggregate.js';
import { xxhash64Value } from '../scalar/hash/xxhash64.js';
import { SetDigest, intersectionCardinality, jaccardIndex } from '../sketch/set-digest.js';

function setDigestValue(d: SetDigest): OpaqueValue {
  return { kind: 'opaque', typeName: 'SetDigest', state: d };
}

function digestOf(v: SqlValue): SetDigest {
  return (v as OpaqueValue).state as SetDigest;
}

interface State {
  digest: SetDigest | undefined;
}

function mergeInto(s: State, v: SqlValue): void {
  if (s.digest === undefined) s.digest = digestOf(v).clone();
  else s.digest.merge(digestOf(v));
}

/** Trino's set digest functions: make_set_digest, merge_set_digest, cardinality, jaccard_index, intersection_cardinality, hash_counts. */
export function setDigestFunctions(): FunctionDefinition[] {
  const defs: FunctionDefinition[] = [];
  for (const t of ['bigint', 'varchar']) {
    defs.push(aggregateFunction({
      name: 'make_set_digest', args: [t], returns: 'setdigest', description: 'Composes all input values into a set digest',
      implement: (b) => {
        const type = b.argumentTypes[0]!;
        return objectStateAggregate<State>({
          intermediateType: SET_DIGEST,
          create: () => ({ digest: undefined }),
          add: (s, a) => {
            s.digest ??= new SetDigest();
            s.digest.add(xxhash64Value(type, a[0]!));
          },
          merge: mergeInto,
          intermediate: (s) => (s.digest === undefined ? null : setDigestValue(s.digest)),
          final: (s) => (s.digest === undefined ? null : setDigestValue(s.digest.clone())),
        });
      },
    }));
  }
  defs.push(
    aggregateFunction({
      name: 'merge_set_digest', args: ['setdigest'], returns: 'setdigest', description: 'Merges set digests into their union',
      implement: () => objectStateAggregate<State>({
        intermediateType: SET_DIGEST,
        create: () => ({ digest: undefined }),
        add: (s, a) => mergeInto(s, a[0]!),
        merge: mergeInto,
        intermediate: (s) => (s.digest === undefined ? null : setDigestValue(s.digest)),
        final: (s) => (s.digest === undefined ? null : setDigestValue(s.digest.clone())),
      }),
    }),
    scalarFunction({ name: 'cardinality', args: ['setdigest'], returns: 'bigint', description: 'Returns the cardinality of the set digest', impl: (d) => digestOf(d).cardinality() }),
    scalarFunction({ name: 'jaccard_index', args: ['setdigest', 'setdigest'], returns: 'double', description: 'Returns the estimated Jaccard index of the two set digests', impl: (a, b) => jaccardIndex(digestOf(a), digestOf(b)) }),
    scalarFunction({ name: 'intersection_cardinality', args: ['setdigest', 'setdigest'], returns: 'bigint', description: 'Returns the estimated cardinality of the intersection of the two set digests', impl: (a, b) => intersectionCardinality(digestOf(a), digestOf(b)) }),
    scalarFunction({
      name: 'hash_counts', args: ['setdigest'], returns: 'map(bigint,smallint)', description: 'Returns a map of the set digest\'s minhash values to their counts',
      impl: (d) => {
        const digest = digestOf(d);
        const keys = digest.sortedHashes();
        return sqlMap(keys.map((k) => normalizeInt64(k)), keys.map((k) => digest.minhash.get(k)!));
      },
    }),
  );
  return defs;
}
