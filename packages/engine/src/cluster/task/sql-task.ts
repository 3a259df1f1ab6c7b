import { StandardErrorCode, toTrinoError, TrinoError } from '@petrel/spi';
import type { PlanExecution, RemotePageStream } from '../../execution/execution-context.js';
import type { PlanNode, RemoteSourceNode } from '../../planner/plan/plan-node.js';
import type { Session } from '../../session/session.js';
import type { PageSerdeOptions } from '../serde/page-serde.js';
import { DEFAULT_PAGE_SERDE_OPTIONS } from '../serde/page-serde.js';
import { OutputBuffer } from './output-buffer.js';
import type { TaskLocation, TaskState, TaskStatus, TaskUpdateRequest } from './task-types.js';
import { isDoneTaskState } from './task-types.js';

/** Runs a plan on this node (the engine's executePlan with its metadata and functions). */
export type FragmentExecutor = (
  root: PlanNode,
  options: {
    readonly queryId: string;
    readonly session: Session;
    readonly signal: AbortSignal;
    readonly remoteSourceFactory: (node: RemoteSourceNode) => RemotePageStream;
  },
) => PlanExecution;

/** Opens an exchange client over upstream task outputs. */
export type ExchangeFactory = (locations: readonly TaskLocation[], signal: AbortSignal) => RemotePageStream;

/** Default output buffer limit per task (back-pressure beyond it). */
export const DEFAULT_MAX_BUFFERED_BYTES = 32 * 1024 * 1024;

/** One task of a query on a worker: executes its fragment and feeds the output buffer. */
export class SqlTask {
  readonly buffer: OutputBuffer;
  readonly createTime = Date.now();
  private currentState: TaskState = 'PLANNED';
  private failure: TrinoError | undefined;
  private readonly abort = new AbortController();
  private execution: PlanExecution | undefined;
  private outputRows = 0;
  readonly done: Promise<void>;

  constructor(
    readonly taskId: string,
    readonly nodeId: string,
    readonly request: TaskUpdateRequest,
    executor: FragmentExecutor,
    exchanges: ExchangeFactory,
    maxBufferedBytes = DEFAULT_MAX_BUFFERED_BYTES,
    serde: PageSerdeOptions = DEFAULT_PAGE_SERDE_OPTIONS,
  ) {
    this.buffer = new OutputBuffer(request.outputBuffers, maxBufferedBytes, serde);
    this.done = this.run(executor, exchanges);
  }

  private async run(executor: FragmentExecutor, exchanges: ExchangeFactory): Promise<void> {
    await Promise.resolve();
    if (isDoneTaskState(this.currentState)) return;
    this.currentState = 'RUNNING';
    try {
      const execution = executor(this.request.fragment.root, {
        queryId: this.request.queryId,
        session: this.request.session,
        signal: this.abort.signal,
        remoteSourceFactory: (node) => {
          const locations = this.request.sources[node.id];
          if (locations === undefined) throw new TrinoError(StandardErrorCode.GENERIC_INTERNAL_ERROR, `Task ${this.taskId} has no sources for remote source ${node.id}`);
          return exchanges(locations, this.abort.signal);
        },
      });
      this.execution = execution;
      for (;;) {
        if (isDoneTaskState(this.currentState)) return;
        const page = await execution.next();
        if (page === undefined) break;
        this.outputRows += page.positionCount;
        await this.buffer.enqueue(page);
      }
      await execution.close();
      if (isDoneTaskState(this.currentState)) return;
      this.buffer.setNoMorePages();
      this.currentState = 'FLUSHING';
      this.checkFlushed();
    } catch (error) {
      this.setFailed(toTrinoError(error));
    }
  }

  /** FLUSHING becomes FINISHED once consumers read everything. */
  checkFlushed(): void {
    if (this.currentState === 'FLUSHING' && this.buffer.isDrained()) this.currentState = 'FINISHED';
  }

  private setFailed(error: TrinoError): void {
    if (isDoneTaskState(this.currentState)) return;
    this.failure = error;
    this.currentState = 'FAILED';
    this.stop(error);
  }

  private stop(error: TrinoError): void {
    this.abort.abort(error);
    this.buffer.fail(error);
    void this.execution?.close().catch(() => undefined);
  }

  /** DELETE /v1/task/{taskId}: CANCELED (the query no longer needs it) or ABORTED (the query failed). */
  cancel(abort: boolean): void {
    if (isDoneTaskState(this.currentState)) return;
    this.currentState = abort ? 'ABORTED' : 'CANCELED';
    this.stop(new TrinoError(StandardErrorCode.USER_CANCELED, `Task ${this.taskId} was ${abort ? 'aborted' : 'canceled'}`));
  }

  state(): TaskState {
    this.checkFlushed();
    return this.currentState;
  }

  status(): TaskStatus {
    const stats = this.execution?.stats();
    return {
      taskId: this.taskId,
      nodeId: this.nodeId,
      state: this.state(),
      failure: this.failure === undefined ? undefined : { errorName: this.failure.errorCode.name, message: this.failure.message },
      outputRows: this.outputRows,
      bufferedBytes: this.buffer.bufferedBytes(),
      processedRows: stats?.processedRows ?? 0,
    };
  }
}
