import type { ClientTypeSignature } from './client-type-signature.js';

/** The protocol's messages (`io.trino.client.*`), one definition for server, CLI and tests. */
export interface ProtocolColumn {
  readonly name: string;
  readonly type: string;
  readonly typeSignature: ClientTypeSignature;
}

export interface ErrorLocation {
  readonly lineNumber: number;
  readonly columnNumber: number;
}

export interface FailureInfo {
  readonly type: string;
  readonly message: string;
  readonly cause?: FailureInfo;
  readonly suppressed: readonly FailureInfo[];
  readonly stack: readonly string[];
  readonly errorLocation?: ErrorLocation;
}

export interface QueryError {
  readonly message: string;
  readonly errorCode: number;
  readonly errorName: string;
  readonly errorType: string;
  readonly errorLocation?: ErrorLocation;
  readonly failureInfo: FailureInfo;
}

export interface StageStats {
  readonly stageId: string;
  readonly state: string;
  readonly done: boolean;
  readonly nodes: number;
  readonly totalSplits: number;
  readonly queuedSplits: number;
  readonly runningSplits: number;
  readonly completedSplits: number;
  readonly cpuTimeMillis: number;
  readonly wallTimeMillis: number;
  readonly processedRows: number;
  readonly processedBytes: number;
  readonly physicalInputBytes: number;
  readonly failedTasks: number;
  readonly coordinatorOnly: boolean;
  readonly subStages: readonly StageStats[];
}

export interface StatementStats {
  readonly state: string;
  readonly queued: boolean;
  readonly scheduled: boolean;
  readonly progressPercentage?: number;
  readonly runningPercentage?: number;
  readonly nodes: number;
  readonly totalSplits: number;
  readonly queuedSplits: number;
  readonly runningSplits: number;
  readonly completedSplits: number;
  readonly cpuTimeMillis: number;
  readonly wallTimeMillis: number;
  readonly queuedTimeMillis: number;
  readonly elapsedTimeMillis: number;
  readonly processedRows: number;
  readonly processedBytes: number;
  readonly physicalInputBytes: number;
  readonly physicalWrittenBytes: number;
  readonly peakMemoryBytes: number;
  readonly spilledBytes: number;
  readonly rootStage?: StageStats;
}

export interface ProtocolWarning {
  readonly warningCode: { readonly code: number; readonly name: string };
  readonly message: string;
}

/** `QueryResults` without `data` (which the server writes as text, row by row). */
export interface QueryResultsHead {
  readonly id: string;
  readonly infoUri: string;
  readonly partialCancelUri?: string;
  readonly nextUri?: string;
  readonly columns?: readonly ProtocolColumn[];
  readonly stats: StatementStats;
  readonly error?: QueryError;
  readonly warnings: readonly ProtocolWarning[];
  readonly updateType?: string;
  readonly updateCount?: number;
}
