import type { Domain, Page, SqlType } from '@petrel/spi';
import type { FunctionContext } from '../function/function-implementation.js';
import type { FunctionRegistry } from '../function/function-registry.js';
import type { Metadata } from '../metadata/metadata.js';
import type { Session } from '../session/session.js';
import type { RemoteSourceNode, TableScanNode } from '../planner/plan/plan-node.js';
import type { ConnectorSplitSource } from '@petrel/spi';
import type { CatalogDefinition } from '../config/catalog-definition.js';

/** What executing one query's plan may consult. */
export interface ExecutionContext {
  readonly queryId: string;
  readonly session: Session;
  readonly metadata: Metadata;
  readonly functions: FunctionRegistry;
  readonly functionContext: FunctionContext;
  /** `query_max_memory` for this query, bytes; exceeding it fails with EXCEEDED_LOCAL_MEMORY_LIMIT. */
  readonly maxMemoryBytes: number;
  /** Aborted when the query is cancelled or fails elsewhere. */
  readonly signal: AbortSignal;
  /** Renders EXPLAIN ANALYZE output from the finished plan's stats (wired to the planner's formatPlan). */
  readonly formatExplainAnalyze?: (stats: ExecutionStats) => string;
  /** Opens the exchange client of a `remoteSource` node (fragmented plans on a cluster). */
  readonly remoteSourceFactory?: (node: RemoteSourceNode) => RemotePageStream;
  /**
   * Opens one exchange client per upstream task of a `remoteSource` node: an ordered remote source
   * merges these sorted streams (`RemoteMerge`). Absent: it reads `remoteSourceFactory` and sorts.
   */
  readonly remoteSourceStreamsFactory?: (node: RemoteSourceNode) => readonly RemotePageStream[];
  /**
   * Where a table scan takes its splits when something other than the scan enumerates them: a
   * cluster task reads the splits its scheduler assigns to it, a parallel driver the splits its
   * pool hands out. Returning undefined (or no factory) makes the scan ask its connector's split
   * manager for every split of the table, as on a single node.
   */
  readonly splitSourceFactory?: (scan: TableScanNode) => ConnectorSplitSource | undefined;
  /**
   * How many splits one table scan reads at once (default 3). A parallel driver reads one at a
   * time, so that a table's splits spread over all drivers instead of gathering in the first.
   */
  readonly scanSplitConcurrency?: number;
  /**
   * Cluster tasks: dynamic filters across nodes. The task's join builds report their key domains
   * (the coordinator unions them over all build tasks), and merged filters arrive for its scans.
   * Absent on one node: filters stay within the query's own registry.
   */
  readonly remoteDynamicFilters?: RemoteDynamicFilters;
  /**
   * Parallel drivers (`task.concurrency` / the `task_concurrency` session property): source
   * pipelines over tables of catalogs `catalog` describes run as `drivers` drivers on pool worker
   * threads (execution/parallel). Absent, or `drivers` 1: every driver runs on this thread.
   */
  readonly parallelism?: {
    readonly drivers: number;
    /** The definition a worker thread builds the catalog's connector from; undefined: scan here. */
    readonly catalog: (name: string) => CatalogDefinition | undefined;
  };
}

/** Per-operator figures for EXPLAIN ANALYZE and query stats. */
export interface OperatorStats {
  readonly planNodeId: string;
  readonly operatorType: string;
  readonly inputRows: number;
  readonly inputBytes: number;
  readonly outputRows: number;
  readonly outputBytes: number;
  readonly wallMillis: number;
  readonly cpuMillis: number;
  readonly peakMemoryBytes: number;
}

export interface ExecutionStats {
  readonly totalSplits: number;
  readonly completedSplits: number;
  readonly processedRows: number;
  readonly processedBytes: number;
  readonly peakMemoryBytes: number;
  readonly cpuMillis: number;
  readonly operators: readonly OperatorStats[];
}

/** A running plan: pull result pages until `undefined`. */
export interface PlanExecution {
  next(): Promise<Page | undefined>;
  /** Releases every resource (page sources, memory); idempotent. */
  close(): Promise<void>;
  stats(): ExecutionStats;
}

/**
 * A stream of pages from other fragments of the query (an exchange client). Cluster execution
 * provides one per `remoteSource` node through `ExecutionContext.remoteSourceFactory`.
 */
export interface RemotePageStream {
  next(): Promise<Page | undefined>;
  close(): Promise<void> | void;
}

/** A cluster task's side of dynamic filtering across nodes (see `ExecutionContext.remoteDynamicFilters`). */
export interface RemoteDynamicFilters {
  /** A join build of this task collected the keys of filter `id` (undefined domain: no narrowing). */
  report(id: string, type: SqlType, domain: Domain | undefined): void;
  /** Calls `listener` with each filter merged over all its build tasks, when it arrives. */
  onMerged(listener: (id: string, type: SqlType, domain: Domain) => void): void;
}
