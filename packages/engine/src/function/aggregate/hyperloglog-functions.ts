import type { OpaqueValue, SqlValue } from '@petrel/spi';
import { HYPER_LOG_LOG } from '@petrel/spi';
import type { FunctionDefinition } from '../function-definition.js';
import { aggregateFunction, scalarFunction } from '../function-definition.js';
import { objectStateAggregate } from './object-state-aggregate.js';
import { xxhash64Value } from '../scalar/hash/xxhash64.js';

/**
 * HyperLogLog values. The sketch keeps the distinct 64-bit hashes of its input (an exact sketch:
 * cardinality is exact up to hash collisions), so merge and cardinality behave like Trino's for the
 * data sizes this engine targets; the binary format differs from Trino's.
 */
export interface HyperLogLogState {
  readonly hashes: ReadonlySet<bigint>;
}

export function hyperLogLog(hashes: ReadonlySet<bigint>): OpaqueValue {
  return { kind: 'opaque', typeName: 'HyperLogLog', state: { hashes } satisfies HyperLogLogState };
}

function hashesOf(v: SqlValue): ReadonlySet<bigint> {
  return ((v as OpaqueValue).state as HyperLogLogState).hashes;
}

export function hyperLogLogFunctions(): FunctionDefinition[] {
  return [
    aggregateFunction({
      name: 'approx_set', args: ['T'], returns: 'hyperloglog', comparable: ['T'], description: 'Returns a HyperLogLog sketch of the input values',
      implement: (b) => {
        const t = b.argumentTypes[0]!;
        return objectStateAggregate<{ hashes: Set<bigint> }>({
          intermediateType: HYPER_LOG_LOG,
          create: () => ({ hashes: new Set() }),
          add: (s, a) => {
            s.hashes.add(xxhash64Value(t, a[0]!));
          },
          merge: (s, v) => {
            for (const h of hashesOf(v)) s.hashes.add(h);
          },
          intermediate: (s) => hyperLogLog(s.hashes),
          final: (s) => hyperLogLog(new Set(s.hashes)),
        });
      },
    }),
    aggregateFunction({
      name: 'merge', args: ['hyperloglog'], returns: 'hyperloglog', description: 'Merges HyperLogLog sketches',
      implement: () => objectStateAggregate<{ hashes: Set<bigint>; seen: boolean }>({
        intermediateType: HYPER_LOG_LOG,
        create: () => ({ hashes: new Set(), seen: false }),
        add: (s, a) => {
          s.seen = true;
          for (const h of hashesOf(a[0]!)) s.hashes.add(h);
        },
        merge: (s, v) => {
          s.seen = true;
          for (const h of hashesOf(v)) s.hashes.add(h);
        },
        intermediate: (s) => (s.seen ? hyperLogLog(s.hashes) : null),
        final: (s) => (s.seen ? hyperLogLog(new Set(s.hashes)) : null),
      }),
    }),
    scalarFunction({ name: 'cardinality', args: ['hyperloglog'], returns: 'bigint', description: 'Compute the cardinality of a HyperLogLog instance', impl: (v) => hashesOf(v).size }),
    scalarFunction({ name: 'empty_approx_set', args: [], returns: 'hyperloglog', description: 'An empty HyperLogLog instance', impl: () => hyperLogLog(new Set()) }),
  ];
}
