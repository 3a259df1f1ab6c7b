import type { NodeLocation } from './node-location.js';
import type { Identifier } from './identifier.js';
import type { Expression } from './expression.js';
import type { OrderBy } from './query.js';
import type { MeasureDefinition, RowPattern, SkipTo, SubsetDefinition, VariableDefinition } from './relation.js';

export type FrameBoundType = 'UNBOUNDED_PRECEDING' | 'PRECEDING' | 'CURRENT_ROW' | 'FOLLOWING' | 'UNBOUNDED_FOLLOWING';

export interface FrameBound {
  readonly kind: 'FrameBound';
  readonly type: FrameBoundType;
  /** The offset of `n PRECEDING` / `n FOLLOWING`. */
  readonly value: Expression | undefined;
  readonly location: NodeLocation;
}

/**
 * `ROWS|RANGE|GROUPS start` or `... BETWEEN start AND end`, optionally with the row pattern
 * recognition extensions (`MEASURES`, `AFTER MATCH SKIP`, `INITIAL|SEEK`, `PATTERN`, `SUBSET`,
 * `DEFINE`); the pattern lists are empty when not written.
 */
export interface WindowFrame {
  readonly kind: 'WindowFrame';
  readonly type: 'RANGE' | 'ROWS' | 'GROUPS';
  readonly start: FrameBound;
  readonly end: FrameBound | undefined;
  readonly measures: readonly MeasureDefinition[];
  readonly afterMatchSkipTo: SkipTo | undefined;
  readonly patternSearchMode: 'INITIAL' | 'SEEK' | undefined;
  readonly pattern: RowPattern | undefined;
  readonly subsets: readonly SubsetDefinition[];
  readonly variableDefinitions: readonly VariableDefinition[];
  readonly location: NodeLocation;
}

/** `(existingName PARTITION BY ... ORDER BY ... frame)`. */
export interface WindowSpecification {
  readonly kind: 'WindowSpecification';
  readonly existingWindowName: Identifier | undefined;
  readonly partitionBy: readonly Expression[];
  readonly orderBy: OrderBy | undefined;
  readonly frame: WindowFrame | undefined;
  readonly location: NodeLocation;
}

/** `OVER name`. */
export interface WindowReference {
  readonly kind: 'WindowReference';
  readonly name: Identifier;
  readonly location: NodeLocation;
}

export type Window = WindowSpecification | WindowReference;

/** `WINDOW name AS (spec)` of a query specification. */
export interface WindowDefinition {
  readonly kind: 'WindowDefinition';
  readonly name: Identifier;
  readonly window: WindowSpecification;
  readonly location: NodeLocation;
}
