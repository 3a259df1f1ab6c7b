import type { SqlType } from '../type/sql-type.js';
import type { SqlValue } from '../type/value.js';

/**
 * A constraint on a table: for each constrained column, the set of values it may take. Used for
 * filter pushdown and dynamic filters. Columns are named by their column handle's `name`.
 *
 * Values are in the runtime representation of the column's type and are compared with SQL
 * semantics (the engine builds these; connectors only read them).
 */
export type TupleDomain =
  | { readonly kind: 'all' }
  | { readonly kind: 'none' }
  | { readonly kind: 'columns'; readonly columns: readonly ColumnDomain[] };

export interface ColumnDomain {
  readonly column: string;
  readonly type: SqlType;
  readonly domain: Domain;
}

/** The set of values a column may take, plus whether NULL is allowed. */
export type Domain =
  | { readonly kind: 'all'; readonly nullAllowed: boolean }
  | { readonly kind: 'none'; readonly nullAllowed: boolean }
  /** Exactly these (non-null, distinct) values. */
  | { readonly kind: 'values'; readonly values: readonly SqlValue[]; readonly nullAllowed: boolean }
  /** A union of disjoint ranges, sorted. */
  | { readonly kind: 'ranges'; readonly ranges: readonly ValueRange[]; readonly nullAllowed: boolean };

export interface ValueRange {
  /** undefined for unbounded. */
  readonly low: SqlValue | undefined;
  readonly lowInclusive: boolean;
  readonly high: SqlValue | undefined;
  readonly highInclusive: boolean;
}

export const TUPLE_DOMAIN_ALL: TupleDomain = Object.freeze({ kind: 'all' });
export const TUPLE_DOMAIN_NONE: TupleDomain = Object.freeze({ kind: 'none' });

export function tupleDomain(columns: readonly ColumnDomain[]): TupleDomain {
  if (columns.length === 0) return TUPLE_DOMAIN_ALL;
  return { kind: 'columns', columns };
}

export function isTupleDomainAll(domain: TupleDomain): boolean {
  return domain.kind === 'all' || (domain.kind === 'columns' && domain.columns.every((c) => c.domain.kind === 'all' && c.domain.nullAllowed));
}
