import type { ColumnDomain, DynamicFilter, SqlType, SqlValue, TupleDomain } from '@petrel/spi';
import { TUPLE_DOMAIN_ALL, tupleDomain } from '@petrel/spi';
import { GroupByHash } from '../hash/group-by-hash.js';
import { Signal } from '../driver/signal.js';

/** Most distinct values a dynamic filter hands to a connector as a value list. */
const MAX_DOMAIN_VALUES = 1000;

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

  /** Publishes the distinct build keys (a hash over one column; NULL keys are ignored by readers). */
  publish(id: string, type: SqlType, hash: GroupByHash): void {
    this.filters.set(id, { type, hash });
    this.changed.notify();
  }

  get(id: string): DynamicFilterValues | undefined {
    return this.filters.get(id);
  }

  /** The connector-facing view of the filters a scan consumes: column handle name per filter id. */
  connectorFilter(assignments: readonly { readonly id: string; readonly column: string }[]): DynamicFilter | undefined {
    if (assignments.length === 0) return undefined;
    const registry = this;
    const complete = (): boolean => assignments.every((a) => registry.filters.has(a.id));
    const whenComplete = (async () => {
      while (!complete()) await registry.changed.wait();
    })();
    return {
      currentPredicate(): TupleDomain {
        const columns: ColumnDomain[] = [];
        for (const a of assignments) {
          const f = registry.filters.get(a.id);
          if (f === undefined || f.hash.groupCount > MAX_DOMAIN_VALUES) continue;
          const values: SqlValue[] = [];
          let nullAllowed = false;
          for (let g = 0; g < f.hash.groupCount; g++) {
            const v = f.hash.getKey(g, 0);
            if (v === null) nullAllowed = false;
            else values.push(v);
          }
          columns.push({ column: a.column, type: f.type, domain: values.length === 0 ? { kind: 'none', nullAllowed } : { kind: 'values', values, nullAllowed } });
        }
        return columns.length === 0 ? TUPLE_DOMAIN_ALL : tupleDomain(columns);
      },
      isComplete: complete,
      whenComplete,
    };
  }
}
