import type { PlanFragment } from '../../planner/plan/plan-fragment.js';
import type { RemoteTask } from './remote-task.js';

/** Stage states, as Trino names them. */
export type StageState = 'PLANNED' | 'SCHEDULING' | 'RUNNING' | 'FLUSHING' | 'FINISHED' | 'FAILED' | 'ABORTED' | 'CANCELED';

export function isDoneStageState(state: StageState): boolean {
  return state === 'FINISHED' || state === 'FAILED' || state === 'ABORTED' || state === 'CANCELED';
}

/** One task of a stage as `/v1/query/{id}` shows it. */
export interface StageTaskInfo {
  readonly taskId: string;
  readonly nodeId: string;
  readonly taskUri: string;
  readonly state: string;
  readonly outputRows: number;
  readonly bufferedBytes: number;
  // figures from the task's stats (optional: other schedulers may not report them)
  readonly outputBytes?: number;
  readonly processedRows?: number;
  readonly processedBytes?: number;
  readonly splits?: number;
  readonly completedSplits?: number;
}

export interface StageInfo {
  readonly fragmentId: string;
  /** `{queryId}.{fragmentId}` */
  readonly stageId?: string;
  /** How the stage's tasks are laid out (SOURCE, HASH, SINGLE ...). */
  readonly partitioning?: string;
  readonly state: StageState;
  readonly tasks: readonly StageTaskInfo[];
}

/**
 * A fragment's tasks on the coordinator, with Trino's stage state machine: PLANNED, SCHEDULING
 * while its tasks are created and given splits, RUNNING, FLUSHING once every task has produced all
 * of its output, FINISHED once consumers read it all; FAILED when a task fails, ABORTED or CANCELED
 * when the query ends first.
 */
export class StageExecution {
  private scheduledState: 'PLANNED' | 'SCHEDULING' | 'SCHEDULED' = 'PLANNED';
  private endState: 'FAILED' | 'ABORTED' | 'CANCELED' | undefined;

  constructor(
    readonly queryId: string,
    readonly fragment: PlanFragment,
    readonly tasks: readonly RemoteTask[],
  ) {}

  get stageId(): string {
    return `${this.queryId}.${this.fragment.id}`;
  }

  startScheduling(): void {
    if (this.scheduledState === 'PLANNED') this.scheduledState = 'SCHEDULING';
  }

  scheduled(): void {
    this.scheduledState = 'SCHEDULED';
  }

  /** The query ended before the stage did (ABORTED when it failed, CANCELED when it no longer needs it). */
  end(state: 'FAILED' | 'ABORTED' | 'CANCELED'): void {
    if (!isDoneStageState(this.state())) this.endState = state;
  }

  state(): StageState {
    if (this.tasks.some((t) => t.state === 'FAILED')) return 'FAILED';
    if (this.tasks.length > 0 && this.tasks.every((t) => t.state === 'FINISHED')) return 'FINISHED';
    if (this.endState !== undefined) return this.endState;
    if (this.scheduledState !== 'SCHEDULED') return this.scheduledState;
    if (this.tasks.every((t) => t.state === 'FLUSHING' || t.state === 'FINISHED')) return 'FLUSHING';
    return 'RUNNING';
  }

  info(): StageInfo {
    return {
      stageId: this.stageId,
      fragmentId: this.fragment.id,
      partitioning: this.fragment.partitioning,
      state: this.state(),
      tasks: this.tasks.map((t) => ({
        taskId: t.taskId,
        nodeId: t.node.nodeId,
        taskUri: t.taskUri,
        state: t.state,
        outputRows: t.outputRows,
        outputBytes: t.stats?.outputBytes ?? 0,
        bufferedBytes: t.bufferedBytes,
        processedRows: t.processedRows,
        processedBytes: t.stats?.processedBytes ?? 0,
        splits: Math.max(t.assignedSplits, t.stats?.totalSplits ?? 0),
        completedSplits: t.stats?.completedSplits ?? 0,
      })),
    };
  }
}
