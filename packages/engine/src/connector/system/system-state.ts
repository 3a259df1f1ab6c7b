import type { Connector } from '@petrel/spi';

export interface NodeInfo {
  readonly nodeId: string;
  readonly httpUri: string;
  readonly nodeVersion: string;
  readonly coordinator: boolean;
  readonly state: string;
}

export interface QueryInfoRow {
  readonly queryId: string;
  readonly state: string;
  readonly user: string;
  readonly source: string | undefined;
  readonly query: string;
  readonly queuedMillis: number;
  readonly analysisMillis: number;
  readonly planningMillis: number;
  readonly created: number;
  readonly started: number | undefined;
  readonly lastHeartbeat: number;
  readonly end: number | undefined;
  readonly errorType: string | undefined;
  readonly errorCode: string | undefined;
  readonly totalSplits: number;
  readonly completedSplits: number;
  readonly processedRows: number;
  readonly processedBytes: number;
  readonly outputRows: number;
  readonly outputBytes: number;
}

/** A registered catalog and the connector behind it (as the engine wraps it). */
export interface CatalogEntry {
  readonly name: string;
  readonly connectorName: string;
  readonly connector: Connector;
}

/** An open transaction (explicit, or the auto-commit one of a running statement). */
export interface TransactionInfoRow {
  readonly transactionId: string;
  /** Trino's spelling: `READ UNCOMMITTED`, `SERIALIZABLE` ... */
  readonly isolationLevel: string;
  readonly readOnly: boolean;
  readonly autoCommit: boolean;
  readonly createTime: number;
  readonly lastActivity: number;
  readonly writtenCatalog: string | undefined;
  readonly catalogs: readonly string[];
}

/** What the optimizer recorded for one rule since the engine started. */
export interface OptimizerRuleStatsRow {
  readonly rule: string;
  readonly invocations: number;
  readonly matches: number;
  readonly failures: number;
  readonly averageNanos: number;
  /** Percentile (0.01 ... 0.99) to nanoseconds. */
  readonly percentiles: ReadonlyMap<number, number>;
}

/** A task on some node of the cluster (`system.runtime.tasks`). */
export interface TaskInfoRow {
  readonly nodeId: string;
  readonly taskId: string;
  readonly stageId: string;
  readonly queryId: string;
  readonly state: string;
  readonly splits: number;
  readonly completedSplits: number;
  readonly processedRows: number;
  readonly processedBytes: number;
  readonly outputRows: number;
  readonly outputBytes: number;
  readonly created: number | undefined;
  readonly end: number | undefined;
}

/** The engine state the `system` catalog shows. */
export interface SystemState {
  nodes(): readonly NodeInfo[];
  queries(): readonly QueryInfoRow[];
  /** Cluster mode: the real tasks of every node (single node: each query shows as one task). */
  tasks?(): Promise<readonly TaskInfoRow[]>;
  /** Catalogs in name order with the connector behind each. */
  catalogs(): readonly CatalogEntry[];
  /** Open transactions; absent when the engine does not track them. */
  transactions?(): readonly TransactionInfoRow[];
  /** Optimizer rule statistics; absent when the engine does not record them. */
  optimizerRuleStats?(): readonly OptimizerRuleStatsRow[];
}
