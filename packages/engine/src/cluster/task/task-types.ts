import type { PlanFragment } from '../../planner/plan/plan-fragment.js';
import type { Session } from '../../session/session.js';
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
}

/** The body of `POST /v1/task/{taskId}` (encoded with the plan codec). */
export interface TaskUpdateRequest {
  readonly queryId: string;
  readonly session: Session;
  readonly fragment: PlanFragment;
  readonly outputBuffers: OutputBufferSpec;
  /** For each `remoteSource` plan node id of the fragment: the upstream tasks it reads. */
  readonly sources: Readonly<Record<string, readonly TaskLocation[]>>;
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
}
