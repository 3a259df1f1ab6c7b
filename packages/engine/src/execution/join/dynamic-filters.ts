import type { ColumnDomain, Domain, DynamicFilter, SqlType, SqlValue, TupleDomain } from '@petrel/spi';
import { TUPLE_DOMAIN_ALL, tupleDomain } from '@petrel/spi';
import { GroupByHash } from '../hash/group-by-hash.js';
import { Signal } from '../driver/signal.js';
import { compareValues } from '../ordering/value-ordering.js';
import { blockOf } from '../block/block-builder.js';
import type { RemoteDynamicFilters } from '../execution-context.js';

/**
 * Most distinct values a dynamic filter hands to a connector as a value list; beyond it the filter
 * becomes the range [min, max] of the keys (Trino's fallback), for types with a total order.
 */
export const MAX_DOMAIN_VALUES = 1000;

const RANGE_TYPES: ReadonlySet<SqlType['kind']> = new Set([
  'tinyint',
  'smallint',
  'integer',
  'bigint',
  'real',
  'double',
  'decimal',
  'date',
  'timestamp',
  'timestamp with time zone',
  'varchar',
  'char',
]);

/** The collected build-side keys of one dynamic filter. */
export interface DynamicFilterValues {
  readonly type: SqlType;
  /** Distinct non-null keys; rows whose key is not here (or NULL) cannot join. */
  readonly hash: GroupByHash;
}

/**
 * The dynamic filters of one query: join build sides publish their key sets here; scans read
 * them to drop probe rows early and hand a `TupleDomain` to the connector.
 */
export class DynamicFilterRegistry {
  private readonly filters = new Map<string, DynamicFilterValues>();
  private readonly changed = new Signal();
  /** Filters merged over the build tasks of other nodes (cluster mode): their domain, and for value lists a hash for the row filter. */
  private readonly remoteFilters = new Map<string, { readonly type: SqlType; readonly domain: Domain | undefined; readonly values: DynamicFilterValues | undefined }>();

  /** `remote`: the cluster task's exchange of dynamic filters with the coordinator; absent on one node. */
  constructor(private readonly remote?: RemoteDynamicFilters) {
    remote?.onMerged((id, type, domain) => {
      if (this.remoteFilters.has(id)) return;
      this.remoteFilters.set(id, { type, domain: domain.kind === 'all' ? undefined : domain, values: domain.kind === 'values' ? valuesOf(type, domain.values) : domain.kind === 'none' ? valuesOf(type, []) : undefined });
      this.changed.notify();
    });
  }

  /** Publishes the distinct build keys (a hash over one column; NULL keys are ignored by readers). */
  publish(id: string, type: SqlType, hash: GroupByHash): void {
    this.filters.set(id, { type, hash });
    this.changed.notify();
    this.remote?.report(id, type, keyDomain({ type, hash }));
  }

  get(id: string): DynamicFilterValues | undefined {
    return this.filters.get(id) ?? this.remoteFilters.get(id)?.values;
  }

  private has(id: string): boolean {
    return this.filters.has(id) || this.remoteFilters.has(id);
  }

  private domainOf(id: string): { readonly type: SqlType; readonly domain: Domain | undefined } | undefined {
    const local = this.filters.get(id);
    if (local !== undefined) return { type: local.type, domain: keyDomain(local) };
    return this.remoteFilters.get(id);
  }

  /** The connector-facing view of the filters a scan consumes: column handle name per filter id. */
  connectorFilter(assignments: readonly { readonly id: string; readonly column: string }[]): DynamicFilter | undefined {
    if (assignments.length === 0) return undefined;
    const registry = this;
    const complete = (): boolean => assignments.every((a) => registry.has(a.id));
    const whenComplete = (async () => {
      while (!complete()) await registry.changed.wait();
    })();
    return {
      currentPredicate(): TupleDomain {
        const columns: ColumnDomain[] = [];
        for (const a of assignments) {
          const f = registry.domainOf(a.id);
          if (f === undefined) continue;
          const domain = f.domain;
          if (domain !== undefined) columns.push({ column: a.column, type: f.type, domain });
        }
        return columns.length === 0 ? TUPLE_DOMAIN_ALL : tupleDomain(columns);
      },
      isComplete: complete,
      whenComplete,
    };
  }
}

/** A filter's key set from a value list (a remote filter's domain), for the scans' row filter. */
function valuesOf(type: SqlType, values: readonly SqlValue[]): DynamicFilterValues {
  const hash = new GroupByHash([type], Math.max(16, values.length));
  if (values.length > 0) hash.getGroupIds([blockOf(type, values)], values.length, new Int32Array(values.length));
  return { type, hash };
}

/** The keys as a value list, or their [min, max] range when there are too many; undefined: no narrowing. */
export function keyDomain(filter: DynamicFilterValues): Domain | undefined {
  const { hash, type } = filter;
  if (hash.groupCount <= MAX_DOMAIN_VALUES) {
    const values: SqlValue[] = [];
    for (let g = 0; g < hash.groupCount; g++) {
      const v = hash.getKey(g, 0);
      if (v !== null) values.push(v);
    }
    // NULL keys never join
    return values.length === 0 ? { kind: 'none', nullAllowed: false } : { kind: 'values', values, nullAllowed: false };
  }
  if (!RANGE_TYPES.has(type.kind)) return undefined;
  let min: SqlValue = null;
  let max: SqlValue = null;
  for (let g = 0; g < hash.groupCount; g++) {
    const v = hash.getKey(g, 0);
    // NaN never equals a probe key, so it does not widen the range
    if (v === null || (typeof v === 'number' && Number.isNaN(v))) continue;
    if (min === null || compareValues(type, v, min) < 0) min = v;
    if (max === null || compareValues(type, v, max) > 0) max = v;
  }
  if (min === null || max === null) return { kind: 'none', nullAllowed: false };
  return { kind: 'ranges', ranges: [{ low: min, lowInclusive: true, high: max, highInclusive: true }], nullAllowed: false };
}
