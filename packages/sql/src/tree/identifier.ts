import type { NodeLocation } from './node-location.js';

/**
 * A name as written. `value` is the unquoted content (`""` unescaped for delimited identifiers);
 * the parser never changes its case. Unquoted identifiers are case-insensitive: the analyzer
 * canonicalizes them.
 */
export interface Identifier {
  readonly kind: 'Identifier';
  readonly value: string;
  readonly quoted: boolean;
  readonly location: NodeLocation;
}

/** A dotted name such as `catalog.schema.table`; `parts` has at least one element. */
export interface QualifiedName {
  readonly kind: 'QualifiedName';
  readonly parts: readonly Identifier[];
  readonly location: NodeLocation;
}
