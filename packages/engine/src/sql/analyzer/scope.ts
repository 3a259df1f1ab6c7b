import type { Symbol } from '../../planner/plan/symbol.js';
import type { NodeLocation } from '@petrel/sql';
import { semanticError } from './semantic-error.js';

/** A column visible by name in a scope: what it is called, the relation it belongs to, and its symbol. */
export interface Field {
  /** Canonical (lower-case) name; undefined for unnamed expressions. */
  readonly name: string | undefined;
  /** The name as written, for output column headers. */
  readonly displayName: string | undefined;
  /** Canonical qualifier parts, e.g. ['tpch', 'tiny', 'orders'] or ['o'] for an alias. */
  readonly qualifier: readonly string[] | undefined;
  readonly symbol: Symbol;
  readonly hidden: boolean;
}

export function field(name: string | undefined, symbol: Symbol, qualifier?: readonly string[], hidden = false, displayName?: string): Field {
  return { name: name?.toLowerCase(), displayName: displayName ?? name, qualifier, symbol, hidden };
}

/**
 * One query level (a SELECT and its FROM): its enclosing level for correlated references, and the
 * outer symbols its expressions have used.
 */
export class QueryLevel {
  readonly correlations = new Map<string, Symbol>();
  constructor(readonly outer: Scope | undefined) {}
}

export type Resolution = { readonly field: Field; readonly outer: boolean } | undefined;

/** The fields visible to expressions at one point of a query. */
export class Scope {
  constructor(
    readonly fields: readonly Field[],
    readonly level: QueryLevel,
  ) {}

  withFields(fields: readonly Field[]): Scope {
    return new Scope(fields, this.level);
  }

  /** Resolves `qualifier.name` (qualifier may be empty); searches enclosing levels; throws AMBIGUOUS_NAME. */
  resolve(qualifier: readonly string[], name: string, location: NodeLocation, display: string): Resolution {
    const matches = this.fields.filter((f) => f.name === name && qualifierMatches(f.qualifier, qualifier));
    if (matches.length > 1) {
      const distinctSymbols = new Set(matches.map((m) => m.symbol.name));
      if (distinctSymbols.size > 1) throw semanticError('AMBIGUOUS_NAME', `Column '${display}' is ambiguous`, location);
    }
    if (matches.length >= 1) return { field: matches[0]!, outer: false };
    const outer = this.level.outer;
    if (outer === undefined) return undefined;
    const r = outer.resolve(qualifier, name, location, display);
    if (r !== undefined) {
      this.level.correlations.set(r.field.symbol.name, r.field.symbol);
      return { field: r.field, outer: true };
    }
    return undefined;
  }

  /** true when some field (here, not outer) has this qualifier. */
  hasQualifier(qualifier: readonly string[]): boolean {
    return this.fields.some((f) => qualifierMatches(f.qualifier, qualifier));
  }

  /** true when the qualifier names a relation here or in an enclosing level. */
  hasQualifierAnywhere(qualifier: readonly string[]): boolean {
    return this.hasQualifier(qualifier) || (this.level.outer?.hasQualifierAnywhere(qualifier) ?? false);
  }
}

/** `written` is a suffix of the field's qualifier (`orders` matches `tpch.tiny.orders`). */
export function qualifierMatches(fieldQualifier: readonly string[] | undefined, written: readonly string[]): boolean {
  if (written.length === 0) return true;
  if (fieldQualifier === undefined || written.length > fieldQualifier.length) return false;
  const offset = fieldQualifier.length - written.length;
  return written.every((p, i) => p === fieldQualifier[offset + i]);
}
