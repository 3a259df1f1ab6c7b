import type { NodeLocation } from './node-location.js';
import type { Identifier, QualifiedName } from './identifier.js';
import type { Expression, JsonPathInvocation, JsonFormat, JsonQueryBehavior, JsonQueryQuotesBehavior, JsonQueryWrapperBehavior, JsonValueBehavior } from './expression.js';
import type { StringLiteral } from './literal.js';
import type { DataTypeNode } from './data-type.js';
import type { OrderBy, Query } from './query.js';

/** `FOR TIMESTAMP AS OF expr` / `FOR VERSION AS OF expr`. */
export interface QueryPeriod {
  readonly kind: 'QueryPeriod';
  readonly rangeType: 'TIMESTAMP' | 'VERSION';
  readonly end: Expression;
  readonly location: NodeLocation;
}

export interface Table {
  readonly kind: 'Table';
  readonly name: QualifiedName;
  readonly queryPeriod: QueryPeriod | undefined;
  readonly location: NodeLocation;
}

/** `relation [AS] alias [(col, ...)]`. */
export interface AliasedRelation {
  readonly kind: 'AliasedRelation';
  readonly relation: Relation;
  readonly alias: Identifier;
  readonly columnNames: readonly Identifier[] | undefined;
  readonly location: NodeLocation;
}

export interface SampledRelation {
  readonly kind: 'SampledRelation';
  readonly relation: Relation;
  readonly type: 'BERNOULLI' | 'SYSTEM';
  readonly samplePercentage: Expression;
  readonly location: NodeLocation;
}

export interface JoinOn {
  readonly kind: 'JoinOn';
  readonly expression: Expression;
  readonly location: NodeLocation;
}

export interface JoinUsing {
  readonly kind: 'JoinUsing';
  readonly columns: readonly Identifier[];
  readonly location: NodeLocation;
}

export interface NaturalJoin {
  readonly kind: 'NaturalJoin';
  readonly location: NodeLocation;
}

export type JoinCriteria = JoinOn | JoinUsing | NaturalJoin;

/** `IMPLICIT` is the comma join `FROM a, b`. CROSS and IMPLICIT joins have no criteria. */
export type JoinType = 'CROSS' | 'INNER' | 'LEFT' | 'RIGHT' | 'FULL' | 'IMPLICIT';

export interface Join {
  readonly kind: 'Join';
  readonly type: JoinType;
  readonly left: Relation;
  readonly right: Relation;
  readonly criteria: JoinCriteria | undefined;
  readonly location: NodeLocation;
}

/** `(query)` as a relation, or a parenthesized query body with its own clauses. */
export interface TableSubquery {
  readonly kind: 'TableSubquery';
  readonly query: Query;
  readonly location: NodeLocation;
}

export interface Lateral {
  readonly kind: 'Lateral';
  readonly query: Query;
  readonly location: NodeLocation;
}

export interface Unnest {
  readonly kind: 'Unnest';
  readonly expressions: readonly Expression[];
  readonly withOrdinality: boolean;
  readonly location: NodeLocation;
}

// ---- table functions ----

export interface DescriptorField {
  readonly kind: 'DescriptorField';
  readonly name: Identifier;
  readonly type: DataTypeNode | undefined;
  readonly location: NodeLocation;
}

/** `DESCRIPTOR(a [type], ...)`; `CAST(NULL AS DESCRIPTOR)` is a descriptor with `fields` undefined. */
export interface Descriptor {
  readonly kind: 'Descriptor';
  readonly fields: readonly DescriptorField[] | undefined;
  readonly location: NodeLocation;
}

/** `TABLE(t) [AS x] [PARTITION BY ...] [PRUNE|KEEP WHEN EMPTY] [ORDER BY ...]`. */
export interface TableFunctionTableArgument {
  readonly kind: 'TableFunctionTableArgument';
  /** A Table, TableSubquery or AliasedRelation over one of them. */
  readonly table: Relation;
  readonly partitionBy: readonly Expression[] | undefined;
  readonly orderBy: OrderBy | undefined;
  readonly emptyTableTreatment: 'PRUNE' | 'KEEP' | undefined;
  readonly location: NodeLocation;
}

export interface TableFunctionArgument {
  readonly kind: 'TableFunctionArgument';
  /** `name => value`; undefined for positional arguments. */
  readonly name: Identifier | undefined;
  readonly value: TableFunctionTableArgument | Descriptor | Expression;
  readonly location: NodeLocation;
}

/** `TABLE(name(args) [COPARTITION (t1, t2), ...])`. */
export interface TableFunctionInvocation {
  readonly kind: 'TableFunctionInvocation';
  readonly name: QualifiedName;
  readonly arguments: readonly TableFunctionArgument[];
  readonly copartitioning: readonly (readonly QualifiedName[])[];
  readonly location: NodeLocation;
}

// ---- MATCH_RECOGNIZE ----

export interface MeasureDefinition {
  readonly kind: 'MeasureDefinition';
  readonly expression: Expression;
  readonly name: Identifier;
  readonly location: NodeLocation;
}

export interface SubsetDefinition {
  readonly kind: 'SubsetDefinition';
  readonly name: Identifier;
  readonly identifiers: readonly Identifier[];
  readonly location: NodeLocation;
}

export interface VariableDefinition {
  readonly kind: 'VariableDefinition';
  readonly name: Identifier;
  readonly expression: Expression;
  readonly location: NodeLocation;
}

/** `AFTER MATCH SKIP TO NEXT ROW | PAST LAST ROW | TO FIRST v | TO LAST v | TO v`. */
export interface SkipTo {
  readonly kind: 'SkipTo';
  readonly position: 'NEXT' | 'PAST_LAST' | 'FIRST' | 'LAST';
  /** For `TO FIRST v`, `TO LAST v` and `TO v` (the latter is LAST). */
  readonly identifier: Identifier | undefined;
  readonly location: NodeLocation;
}

export type RowsPerMatch =
  | 'ONE'
  | 'ALL_SHOW_EMPTY'
  | 'ALL_OMIT_EMPTY'
  | 'ALL_WITH_UNMATCHED';

export interface PatternRecognitionRelation {
  readonly kind: 'PatternRecognitionRelation';
  readonly input: Relation;
  readonly partitionBy: readonly Expression[];
  readonly orderBy: OrderBy | undefined;
  readonly measures: readonly MeasureDefinition[];
  readonly rowsPerMatch: RowsPerMatch | undefined;
  readonly afterMatchSkipTo: SkipTo | undefined;
  readonly patternSearchMode: 'INITIAL' | 'SEEK' | undefined;
  readonly pattern: RowPattern;
  readonly subsets: readonly SubsetDefinition[];
  readonly variableDefinitions: readonly VariableDefinition[];
  readonly location: NodeLocation;
}

export interface PatternQuantifier {
  readonly kind: 'PatternQuantifier';
  /** `*` is {0,}, `+` is {1,}, `?` is {0,1}; `{n}`, `{n,}`, `{,m}`, `{n,m}` as written. */
  readonly type: 'ZERO_OR_MORE' | 'ONE_OR_MORE' | 'ZERO_OR_ONE' | 'RANGE';
  readonly greedy: boolean;
  /** For RANGE: the bounds as written (undefined when omitted). */
  readonly atLeast: string | undefined;
  readonly atMost: string | undefined;
  /** For RANGE: whether written with a comma (`{n,}` vs `{n}`). */
  readonly exact: boolean;
  readonly location: NodeLocation;
}

export interface PatternVariable {
  readonly kind: 'PatternVariable';
  readonly name: Identifier;
  readonly location: NodeLocation;
}

export interface PatternConcatenation {
  readonly kind: 'PatternConcatenation';
  readonly patterns: readonly RowPattern[];
  readonly location: NodeLocation;
}

export interface PatternAlternation {
  readonly kind: 'PatternAlternation';
  readonly patterns: readonly RowPattern[];
  readonly location: NodeLocation;
}

export interface PatternPermutation {
  readonly kind: 'PatternPermutation';
  readonly patterns: readonly RowPattern[];
  readonly location: NodeLocation;
}

export interface QuantifiedPattern {
  readonly kind: 'QuantifiedPattern';
  readonly pattern: RowPattern;
  readonly quantifier: PatternQuantifier;
  readonly location: NodeLocation;
}

/** `^` (PARTITION_START) / `$` (PARTITION_END). */
export interface AnchorPattern {
  readonly kind: 'AnchorPattern';
  readonly type: 'PARTITION_START' | 'PARTITION_END';
  readonly location: NodeLocation;
}

/** `()`. */
export interface EmptyPattern {
  readonly kind: 'EmptyPattern';
  readonly location: NodeLocation;
}

/** `{- pattern -}`. */
export interface ExcludedPattern {
  readonly kind: 'ExcludedPattern';
  readonly pattern: RowPattern;
  readonly location: NodeLocation;
}

export type RowPattern =
  | PatternVariable
  | PatternConcatenation
  | PatternAlternation
  | PatternPermutation
  | QuantifiedPattern
  | AnchorPattern
  | EmptyPattern
  | ExcludedPattern;

// ---- JSON_TABLE ----

export interface JsonTableOrdinalityColumn {
  readonly kind: 'JsonTableOrdinalityColumn';
  readonly name: Identifier;
  readonly location: NodeLocation;
}

export interface JsonTableValueColumn {
  readonly kind: 'JsonTableValueColumn';
  readonly name: Identifier;
  readonly type: DataTypeNode;
  readonly jsonPath: StringLiteral | undefined;
  readonly emptyBehavior: JsonValueBehavior | undefined;
  readonly emptyDefault: Expression | undefined;
  readonly errorBehavior: JsonValueBehavior | undefined;
  readonly errorDefault: Expression | undefined;
  readonly location: NodeLocation;
}

export interface JsonTableQueryColumn {
  readonly kind: 'JsonTableQueryColumn';
  readonly name: Identifier;
  readonly type: DataTypeNode;
  readonly format: JsonFormat;
  readonly jsonPath: StringLiteral | undefined;
  readonly wrapperBehavior: JsonQueryWrapperBehavior | undefined;
  readonly quotesBehavior: JsonQueryQuotesBehavior | undefined;
  readonly emptyBehavior: JsonQueryBehavior | undefined;
  readonly errorBehavior: JsonQueryBehavior | undefined;
  readonly location: NodeLocation;
}

export interface JsonTableNestedColumns {
  readonly kind: 'JsonTableNestedColumns';
  readonly jsonPath: StringLiteral;
  readonly pathName: Identifier | undefined;
  readonly columns: readonly JsonTableColumn[];
  readonly location: NodeLocation;
}

export type JsonTableColumn = JsonTableOrdinalityColumn | JsonTableValueColumn | JsonTableQueryColumn | JsonTableNestedColumns;

/** `PLAN DEFAULT (OUTER|INNER [, UNION|CROSS])`. */
export interface JsonTableDefaultPlan {
  readonly kind: 'JsonTableDefaultPlan';
  readonly parentChild: 'OUTER' | 'INNER';
  readonly siblings: 'UNION' | 'CROSS';
  readonly location: NodeLocation;
}

/** `PLAN (p OUTER (q CROSS r))` and friends, kept as a tree of path names. */
export interface JsonTablePlanLeaf {
  readonly kind: 'JsonTablePlanLeaf';
  readonly name: Identifier;
  readonly location: NodeLocation;
}

export interface JsonTableJoinedPlan {
  readonly kind: 'JsonTableJoinedPlan';
  readonly type: 'OUTER' | 'INNER';
  readonly parent: JsonTablePlanLeaf;
  readonly child: JsonTableSpecificPlan;
  readonly location: NodeLocation;
}

export interface JsonTableSiblingsPlan {
  readonly kind: 'JsonTableSiblingsPlan';
  readonly type: 'UNION' | 'CROSS';
  readonly siblings: readonly JsonTableSpecificPlan[];
  readonly location: NodeLocation;
}

export type JsonTableSpecificPlan = JsonTablePlanLeaf | JsonTableJoinedPlan | JsonTableSiblingsPlan;
export type JsonTablePlan = JsonTableDefaultPlan | JsonTableSpecificPlan;

export interface JsonTable {
  readonly kind: 'JsonTable';
  readonly jsonPathInvocation: JsonPathInvocation;
  readonly columns: readonly JsonTableColumn[];
  readonly plan: JsonTablePlan | undefined;
  /** `ERROR ON ERROR` / `EMPTY ON ERROR`. */
  readonly errorBehavior: 'ERROR' | 'EMPTY' | undefined;
  readonly location: NodeLocation;
}

export type Relation =
  | Table
  | AliasedRelation
  | SampledRelation
  | Join
  | TableSubquery
  | Lateral
  | Unnest
  | TableFunctionInvocation
  | PatternRecognitionRelation
  | JsonTable;
