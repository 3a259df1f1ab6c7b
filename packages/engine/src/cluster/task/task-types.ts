import type { ConnectorSplit, Domain, SqlType } from '@petrel/spi';
import type { OperatorStats } from '../../execution/execution-context.js';
import type { PlanFragment } from '../../planner/plan/plan-fragment.js';
import type { Session } from '../../session/session.js';
import type { SpoolTarget } from '../exchange/spool/spool-writer.js';
import type { OutputBufferSpec } from './output-buffer.js';

/** Trino's task states: PLANNED -> RUNNING -> FLUSHING -> FINISHED, or FAILED / ABORTED / CANCELED. */
export type TaskState = 'PLANNED' | 'RUNNING' | 'FLUSHING' | 'FINISHED' | 'FAILED' | 'ABORTED' | 'CANCELED';

export function isDoneTaskState(state: TaskState): boolean {
  return state === 'FINISHED' || state === 'FAILED' || state === 'ABORTED' || state === 'CANCELED';
}

/** Where a consumer reads one upstream task's output. */
export interface TaskLocation {
  readonly nodeId: string;
  /** `http://host:port/v1/task/{taskId}` */
  readonly taskUri: string;
  readonly bufferId: number;
  /** retry_policy=TASK: the committed spool file of the producer attempt, read instead of its buffer. */
  readonly spoolFile?: string;
}

/** The body of `POST /v1/task/{taskId}` (encoded with the plan codec). */
export interface TaskUpdateRequest {
  readonly queryId: string;
  readonly session: Session;
  readonly fragment: PlanFragment;
  readonly outputBuffers: OutputBufferSpec;
  /** For each `remoteSource` plan node id of the fragment: the upstream tasks it reads. */
  readonly sources: Readonly<Record<string, readonly TaskLocation[]>>;
  /**
   * Splits the coordinator assigned to the fragment's table scans (Trino's task sources). When
   * present (even empty), every scan of the task reads only the splits assigned to it and waits
   * for its `noMoreSplits` marker; when absent, scans enumerate their table's splits themselves.
   */
  readonly splitAssignments?: readonly TaskSplitAssignment[];
  /** retry_policy=TASK: spool the output to the exchange manager (committed when the task finishes) instead of buffering it. */
  readonly spool?: SpoolTarget;
  /**
   * Dynamic filters whose join build runs in another fragment: the task's scans consuming them
   * wait (a bounded time) for the coordinator to send them merged before reading splits.
   */
  readonly remoteDynamicFilterIds?: readonly string[];
  /** Dynamic filters merged by the coordinator over all their build tasks (a task update). */
  readonly dynamicFilters?: readonly DynamicFilterDomain[];
}

/**
 * One dynamic filter's key domain: what a build task collected (undefined: too many keys of an
 * unordered type, no narrowing), or the coordinator's union over all build tasks.
 */
export interface DynamicFilterDomain {
  readonly id: string;
  readonly type: SqlType;
  readonly domain: Domain | undefined;
}

/** Splits for one table scan (by plan node id) of a task, sent in task create/update requests. */
export interface TaskSplitAssignment {
  readonly planNodeId: string;
  readonly splits: readonly ConnectorSplit[];
  /** No further split follows for this scan. */
  readonly noMoreSplits: boolean;
}

/** A task's execution figures, reported with its status (query stats aggregate them across tasks). */
export interface TaskStats {
  readonly createTime: number;
  readonly endTime: number | undefined;
  readonly totalSplits: number;
  readonly completedSplits: number;
  readonly processedBytes: number;
  readonly outputBytes: number;
  readonly cpuMillis: number;
  readonly peakMemoryBytes: number;
  readonly operators: readonly OperatorStats[];
}

export interface TaskFailure {
  readonly errorName: string;
  readonly message: string;
}

/** `GET /v1/task/{taskId}`. */
export interface TaskStatus {
  readonly taskId: string;
  readonly nodeId: string;
  readonly state: TaskState;
  readonly failure: TaskFailure | undefined;
  readonly outputRows: number;
  readonly bufferedBytes: number;
  readonly processedRows: number;
  readonly queryId?: string;
  /** `{queryId}.{fragmentId}` */
  readonly stageId?: string;
  readonly stats?: TaskStats;
  /**
   * The dynamic filter domains the task's join builds collected so far, as plan-codec JSON of
   * `DynamicFilterDomain[]` (values may be bigints); absent when none.
   */
  readonly dynamicFilters?: string;
}
