import type {
  ConnectorColumnHandle,
  ConnectorInsertHandle,
  ConnectorTableHandle,
  SqlType,
  SqlValue,
  TupleDomain,
} from '@petrel/spi';
import type { LambdaExpression, RowExpression } from '../../ir/row-expression.js';
import type { ResolvedFunction } from '../../function/resolved-function.js';
import type { Symbol } from './symbol.js';

/**
 * The logical and physical plan: a tree of readonly nodes over symbols. Every node names its
 * output symbols in order; a parent refers to its children's outputs by symbol name.
 *
 * The same tree serves the single node and the cluster: the fragmenter cuts it at `exchange`
 * nodes into fragments whose cut points become `remoteSource` nodes.
 */
export type PlanNode =
  | OutputNode
  | TableScanNode
  | ValuesNode
  | FilterNode
  | ProjectNode
  | AggregationNode
  | GroupIdNode
  | MarkDistinctNode
  | JoinNode
  | SemiJoinNode
  | SortNode
  | TopNNode
  | LimitNode
  | OffsetNode
  | DistinctLimitNode
  | WindowNode
  | UnionNode
  | IntersectNode
  | ExceptNode
  | UnnestNode
  | EnforceSingleRowNode
  | AssignUniqueIdNode
  | ApplyNode
  | CorrelatedJoinNode
  | SampleNode
  | RowNumberNode
  | TopNRankingNode
  | TableFunctionNode
  | TableWriterNode
  | TableFinishNode
  | TableDeleteNode
  | ExchangeNode
  | RemoteSourceNode
  | ExplainAnalyzeNode;

export type PlanNodeKind = PlanNode['kind'];

interface PlanNodeBase {
  /** Unique within a plan; stable across optimizer rules that keep the node. */
  readonly id: string;
  readonly outputs: readonly Symbol[];
}

/** The root: column names shown to the client and the symbols that carry them. */
export interface OutputNode extends PlanNodeBase {
  readonly kind: 'output';
  readonly source: PlanNode;
  readonly columnNames: readonly string[];
}

export interface TableReference {
  readonly catalog: string;
  readonly schema: string;
  readonly table: string;
}

export interface TableScanNode extends PlanNodeBase {
  readonly kind: 'tableScan';
  readonly table: TableReference;
  /** The connector's handle, updated by pushdown rules. */
  readonly handle: ConnectorTableHandle;
  /** For each output symbol, the column it reads. */
  readonly assignments: readonly { readonly symbol: Symbol; readonly column: ConnectorColumnHandle }[];
  /** The constraint pushed into the connector (for EXPLAIN and split pruning). */
  readonly enforcedConstraint: TupleDomain;
  /** Ids of dynamic filters this scan consumes, with the column each applies to. */
  readonly dynamicFilters: readonly { readonly id: string; readonly symbol: string }[];
}

export interface ValuesNode extends PlanNodeBase {
  readonly kind: 'values';
  /** Rows of expressions (constants after analysis; may be non-deterministic calls). */
  readonly rows: readonly (readonly RowExpression[])[];
}

export interface FilterNode extends PlanNodeBase {
  readonly kind: 'filter';
  readonly source: PlanNode;
  readonly predicate: RowExpression;
}

export interface ProjectNode extends PlanNodeBase {
  readonly kind: 'project';
  readonly source: PlanNode;
  /** One assignment per output symbol, in output order. */
  readonly assignments: readonly Assignment[];
}

export interface Assignment {
  readonly symbol: Symbol;
  readonly expression: RowExpression;
}

export type AggregationStep = 'SINGLE' | 'PARTIAL' | 'INTERMEDIATE' | 'FINAL';

export interface AggregateCall {
  /** The output symbol of this aggregate. */
  readonly output: Symbol;
  readonly function: ResolvedFunction;
  /** Argument symbols (already projected below). */
  readonly arguments: readonly Symbol[];
  readonly distinct: boolean;
  /** A boolean symbol: only rows where it is true are aggregated (FILTER (WHERE ...)). */
  readonly filter: Symbol | undefined;
  /** ORDER BY inside the call (array_agg(x ORDER BY y)). */
  readonly orderBy: readonly SortItem[];
  /** A boolean symbol from a MarkDistinct node below, used instead of `distinct` when set. */
  readonly mask: Symbol | undefined;
  /**
   * The call's lambda arguments in order (reduce_agg's input and combine functions); `arguments`
   * holds only the value arguments. Lambdas here capture no columns.
   */
  readonly lambdas?: readonly LambdaExpression[];
}

export interface AggregationNode extends PlanNodeBase {
  readonly kind: 'aggregation';
  readonly source: PlanNode;
  readonly groupingKeys: readonly Symbol[];
  readonly aggregates: readonly AggregateCall[];
  readonly step: AggregationStep;
  /** For grouping sets: the symbol produced by a GroupId node below, else undefined. */
  readonly groupIdSymbol: Symbol | undefined;
  /**
   * Number of grouping sets this aggregation serves (1 for plain GROUP BY). A global aggregation
   * (no keys) returns one row even on empty input.
   */
  readonly groupingSetCount: number;
  /** Grouping sets that are the empty set `()`: they produce a row on empty input. */
  readonly globalGroupingSets: readonly number[];
}

/** Replicates each input row once per grouping set, nulling the keys not in that set. */
export interface GroupIdNode extends PlanNodeBase {
  readonly kind: 'groupId';
  readonly source: PlanNode;
  /** For each grouping set, the grouping key symbols (output symbols) present in it. */
  readonly groupingSets: readonly (readonly Symbol[])[];
  /** Output grouping symbol -> input symbol it copies. */
  readonly groupingColumns: readonly { readonly output: Symbol; readonly input: Symbol }[];
  /** Input symbols passed through unchanged (aggregate arguments). */
  readonly aggregationArguments: readonly Symbol[];
  readonly groupIdSymbol: Symbol;
}

/** Adds a boolean `marker` that is true on the first occurrence of each distinct `distinctSymbols` tuple. */
export interface MarkDistinctNode extends PlanNodeBase {
  readonly kind: 'markDistinct';
  readonly source: PlanNode;
  readonly marker: Symbol;
  readonly distinctSymbols: readonly Symbol[];
}

export type JoinType = 'INNER' | 'LEFT' | 'RIGHT' | 'FULL';
export type JoinDistribution = 'PARTITIONED' | 'REPLICATED' | undefined;

export interface EquiJoinClause {
  readonly left: Symbol;
  readonly right: Symbol;
}

/**
 * A join. `right` is the build side. Equi-clauses drive the hash join; `filter` is the residual
 * condition evaluated on matching pairs (any expression over both sides). With no criteria it is
 * a nested-loop (cross) join with an optional filter.
 */
export interface JoinNode extends PlanNodeBase {
  readonly kind: 'join';
  readonly joinType: JoinType;
  readonly left: PlanNode;
  readonly right: PlanNode;
  readonly criteria: readonly EquiJoinClause[];
  readonly filter: RowExpression | undefined;
  readonly distribution: JoinDistribution;
  /** Dynamic filters produced by the build side: id -> build symbol. */
  readonly dynamicFilters: readonly { readonly id: string; readonly buildSymbol: string }[];
}

/**
 * `source.sourceJoinSymbol IN (filteringSource.filteringSourceJoinSymbol)` as a boolean output
 * symbol with SQL three-valued semantics (NULL when no match and NULLs are involved). Used for
 * IN/EXISTS subqueries; a filter above turns it into a semi or anti join.
 */
export interface SemiJoinNode extends PlanNodeBase {
  readonly kind: 'semiJoin';
  readonly source: PlanNode;
  readonly filteringSource: PlanNode;
  readonly sourceJoinSymbol: Symbol;
  readonly filteringSourceJoinSymbol: Symbol;
  readonly semiJoinOutput: Symbol;
  readonly distribution: JoinDistribution;
  /**
   * A dynamic filter the filtering side's keys publish (set only where rows without a match are
   * filtered out above: `WHERE x IN (subquery)`); a scan below `source` consumes it on
   * `sourceJoinSymbol`. Absent: none.
   */
  readonly dynamicFilterId?: string;
}

export interface SortItem {
  readonly symbol: Symbol;
  readonly ascending: boolean;
  readonly nullsFirst: boolean;
}

export interface SortNode extends PlanNodeBase {
  readonly kind: 'sort';
  readonly source: PlanNode;
  readonly orderBy: readonly SortItem[];
  /** true for a partial sort within a task before a merging exchange. */
  readonly partial: boolean;
}

export interface TopNNode extends PlanNodeBase {
  readonly kind: 'topN';
  readonly source: PlanNode;
  readonly count: number;
  readonly orderBy: readonly SortItem[];
  readonly step: 'SINGLE' | 'PARTIAL' | 'FINAL';
}

export interface LimitNode extends PlanNodeBase {
  readonly kind: 'limit';
  readonly source: PlanNode;
  readonly count: number;
  /** FETCH FIRST ... WITH TIES: rows tied with the last one by these keys are kept too. */
  readonly tiesResolvingScheme: readonly SortItem[] | undefined;
  readonly partial: boolean;
}

export interface OffsetNode extends PlanNodeBase {
  readonly kind: 'offset';
  readonly source: PlanNode;
  readonly count: number;
}

export interface DistinctLimitNode extends PlanNodeBase {
  readonly kind: 'distinctLimit';
  readonly source: PlanNode;
  readonly limit: number;
  readonly distinctSymbols: readonly Symbol[];
  readonly partial: boolean;
}

export type FrameType = 'ROWS' | 'RANGE' | 'GROUPS';
export type FrameBoundType = 'UNBOUNDED_PRECEDING' | 'PRECEDING' | 'CURRENT_ROW' | 'FOLLOWING' | 'UNBOUNDED_FOLLOWING';

export interface WindowFrame {
  readonly type: FrameType;
  readonly startType: FrameBoundType;
  /** Symbol holding the offset value for PRECEDING/FOLLOWING bounds (for RANGE: the precomputed bound value). */
  readonly startValue: Symbol | undefined;
  readonly endType: FrameBoundType;
  readonly endValue: Symbol | undefined;
  /** For RANGE with offsets: the ORDER BY key the offsets apply to. */
  readonly sortKeyForRange: Symbol | undefined;
}

export interface WindowFunctionCall {
  readonly output: Symbol;
  readonly function: ResolvedFunction;
  readonly arguments: readonly RowExpression[];
  readonly frame: WindowFrame;
  readonly ignoreNulls: boolean;
  /** Aggregates used as window functions may be DISTINCT/FILTERed. */
  readonly distinct: boolean;
  readonly filter: Symbol | undefined;
}

export interface WindowNode extends PlanNodeBase {
  readonly kind: 'window';
  readonly source: PlanNode;
  readonly partitionBy: readonly Symbol[];
  readonly orderBy: readonly SortItem[];
  readonly functions: readonly WindowFunctionCall[];
}

/**
 * Set operations. `symbolMapping[i]` lists, for output symbol i, the input symbol of each source
 * (in source order).
 */
export interface UnionNode extends PlanNodeBase {
  readonly kind: 'union';
  readonly sources: readonly PlanNode[];
  readonly symbolMapping: readonly (readonly Symbol[])[];
}
export interface IntersectNode extends PlanNodeBase {
  readonly kind: 'intersect';
  readonly sources: readonly PlanNode[];
  readonly symbolMapping: readonly (readonly Symbol[])[];
  readonly distinct: boolean;
}
export interface ExceptNode extends PlanNodeBase {
  readonly kind: 'except';
  readonly sources: readonly PlanNode[];
  readonly symbolMapping: readonly (readonly Symbol[])[];
  readonly distinct: boolean;
}

/**
 * UNNEST: for each input row, replicates `replicateSymbols` and expands each of `mappings`
 * (an array into one symbol, a map into key and value symbols, an array of rows into its fields),
 * zipping several unnested collections and padding with NULLs.
 */
export interface UnnestNode extends PlanNodeBase {
  readonly kind: 'unnest';
  readonly source: PlanNode;
  readonly replicateSymbols: readonly Symbol[];
  readonly mappings: readonly { readonly input: Symbol; readonly outputs: readonly Symbol[] }[];
  readonly ordinalitySymbol: Symbol | undefined;
  /** LEFT JOIN UNNEST semantics: emit one row of NULLs for empty/NULL collections. */
  readonly outer: boolean;
  readonly filter: RowExpression | undefined;
}

/** Fails with SUBQUERY_MULTIPLE_ROWS when the source has more than one row; one NULL row when none. */
export interface EnforceSingleRowNode extends PlanNodeBase {
  readonly kind: 'enforceSingleRow';
  readonly source: PlanNode;
}

export interface AssignUniqueIdNode extends PlanNodeBase {
  readonly kind: 'assignUniqueId';
  readonly source: PlanNode;
  readonly idSymbol: Symbol;
}

/**
 * A subquery applied to each input row before decorrelation. `subqueryAssignments` evaluate
 * expressions such as `x IN (subquery)` or `EXISTS (subquery)`; `correlation` are the input
 * symbols the subquery refers to. The optimizer rewrites every Apply into joins; execution never
 * sees one.
 */
export interface ApplyNode extends PlanNodeBase {
  readonly kind: 'apply';
  readonly input: PlanNode;
  readonly subquery: PlanNode;
  readonly correlation: readonly Symbol[];
  readonly subqueryAssignments: readonly ApplyAssignment[];
}

export type ApplyAssignment =
  | { readonly kind: 'in'; readonly output: Symbol; readonly value: Symbol; readonly reference: Symbol }
  | { readonly kind: 'exists'; readonly output: Symbol }
  | {
      readonly kind: 'quantifiedComparison';
      readonly output: Symbol;
      readonly operator: '=' | '<>' | '<' | '<=' | '>' | '>=';
      readonly quantifier: 'ALL' | 'ANY' | 'SOME';
      readonly value: Symbol;
      readonly reference: Symbol;
    };

/** A lateral/correlated join (scalar subqueries, LATERAL): rewritten into joins by the optimizer. */
export interface CorrelatedJoinNode extends PlanNodeBase {
  readonly kind: 'correlatedJoin';
  readonly input: PlanNode;
  readonly subquery: PlanNode;
  readonly correlation: readonly Symbol[];
  readonly joinType: JoinType;
  readonly filter: RowExpression | undefined;
}

export interface SampleNode extends PlanNodeBase {
  readonly kind: 'sample';
  readonly source: PlanNode;
  readonly sampleType: 'BERNOULLI' | 'SYSTEM';
  /** Fraction in [0, 1]. */
  readonly ratio: number;
}

export interface RowNumberNode extends PlanNodeBase {
  readonly kind: 'rowNumber';
  readonly source: PlanNode;
  readonly partitionBy: readonly Symbol[];
  readonly rowNumberSymbol: Symbol;
  readonly maxRowCountPerPartition: number | undefined;
}

export interface TopNRankingNode extends PlanNodeBase {
  readonly kind: 'topNRanking';
  readonly source: PlanNode;
  readonly partitionBy: readonly Symbol[];
  readonly orderBy: readonly SortItem[];
  readonly rankingType: 'ROW_NUMBER' | 'RANK' | 'DENSE_RANK';
  readonly rankingSymbol: Symbol;
  readonly maxRankingPerPartition: number;
  readonly partial: boolean;
}

export interface TableFunctionNode extends PlanNodeBase {
  readonly kind: 'tableFunction';
  readonly catalog: string;
  readonly name: string;
  readonly handle: ConnectorTableHandle;
  readonly assignments: readonly { readonly symbol: Symbol; readonly column: ConnectorColumnHandle }[];
}

/** Writes its input to a table; outputs one row per task with the written row count and connector fragments. */
export interface TableWriterNode extends PlanNodeBase {
  readonly kind: 'tableWriter';
  readonly source: PlanNode;
  readonly target: TableReference;
  readonly insertHandle: ConnectorInsertHandle;
  /** Input symbols in the table's column order. */
  readonly columns: readonly Symbol[];
  readonly columnNames: readonly string[];
  readonly rowCountSymbol: Symbol;
  readonly fragmentSymbol: Symbol;
}

/** Commits a write and outputs the total row count. */
export interface TableFinishNode extends PlanNodeBase {
  readonly kind: 'tableFinish';
  readonly source: PlanNode;
  readonly target: TableReference;
  readonly insertHandle: ConnectorInsertHandle;
  readonly rowCountSymbol: Symbol;
}

/** A metadata-only DELETE pushed entirely into the connector. */
export interface TableDeleteNode extends PlanNodeBase {
  readonly kind: 'tableDelete';
  readonly target: TableReference;
  readonly handle: ConnectorTableHandle;
}

export type ExchangeScope = 'LOCAL' | 'REMOTE';
export type ExchangeType = 'GATHER' | 'REPARTITION' | 'REPLICATE';
export type PartitioningKind = 'SINGLE' | 'HASH' | 'BROADCAST' | 'ROUND_ROBIN' | 'SOURCE' | 'COORDINATOR_ONLY';

export interface Partitioning {
  readonly kind: PartitioningKind;
  /** Hash columns for HASH partitioning. */
  readonly columns: readonly Symbol[];
}

/**
 * Moves rows between parallel streams: REMOTE exchanges become stage boundaries; LOCAL ones move
 * pages between drivers of one task. A merging exchange (`orderBy` set) keeps sources' order.
 */
export interface ExchangeNode extends PlanNodeBase {
  readonly kind: 'exchange';
  readonly scope: ExchangeScope;
  readonly exchangeType: ExchangeType;
  readonly partitioning: Partitioning;
  readonly sources: readonly PlanNode[];
  /** For each source, its symbols in the order of `outputs`. */
  readonly inputs: readonly (readonly Symbol[])[];
  readonly orderBy: readonly SortItem[] | undefined;
}

/** The cut point of a fragment: reads the output of other fragments. */
export interface RemoteSourceNode extends PlanNodeBase {
  readonly kind: 'remoteSource';
  readonly sourceFragmentIds: readonly string[];
  readonly orderBy: readonly SortItem[] | undefined;
  readonly exchangeType: ExchangeType;
}

/** EXPLAIN ANALYZE: runs the source, discards its rows, and outputs the annotated plan as text. */
export interface ExplainAnalyzeNode extends PlanNodeBase {
  readonly kind: 'explainAnalyze';
  readonly source: PlanNode;
  readonly outputSymbol: Symbol;
  readonly verbose: boolean;
}

/** Constant rows for VALUES; kept here so planners share one helper type. */
export type ConstantRow = readonly SqlValue[];

export interface TypedSymbolList {
  readonly symbols: readonly Symbol[];
  readonly types: readonly SqlType[];
}
