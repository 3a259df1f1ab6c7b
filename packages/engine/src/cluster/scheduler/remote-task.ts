import { StandardErrorCode, TrinoError } from '@petrel/spi';
import type { ExchangeClientOptions } from '../exchange/exchange-client.js';
import { remoteHostGone } from '../exchange/exchange-client.js';
import { encodePlanJson } from '../task/plan-codec.js';
import type { TaskSplitAssignment, TaskState, TaskStats, TaskStatus, TaskUpdateRequest } from '../task/task-types.js';
import { isDoneTaskState } from '../task/task-types.js';

/** The least time a node may leave task status requests unanswered before it counts as gone. */
const STATUS_PATIENCE_MILLIS = 30_000;

/** A node that can run tasks. */
export interface SchedulableNode {
  readonly nodeId: string;
  readonly httpUri: string;
}

/** The coordinator's view of one task of a stage: where it runs and its last reported status. */
export class RemoteTask {
  /** PLANNED until created on its node; then the node's reported state. */
  state: TaskState = 'PLANNED';
  outputRows = 0;
  bufferedBytes = 0;
  processedRows = 0;
  assignedSplits = 0;
  /** The node accepted the task (status polling applies from then on). */
  created = false;
  stats: TaskStats | undefined;
  /** The dynamic filter domains the task's join builds reported (`TaskStatus.dynamicFilters`). */
  dynamicFilterReports: string | undefined;
  /** When the task's node last answered. */
  private lastAnswer = Date.now();

  constructor(
    readonly taskId: string,
    /** The task's index in its stage: the output buffer partition its consumers read for it. */
    readonly partition: number,
    readonly node: SchedulableNode,
    private readonly exchange: ExchangeClientOptions,
  ) {}

  get taskUri(): string {
    return `${this.node.httpUri}/v1/task/${encodeURIComponent(this.taskId)}`;
  }

  get done(): boolean {
    return isDoneTaskState(this.state);
  }

  private hostGone(error: unknown): TrinoError {
    this.exchange.onHostGone?.(this.node.nodeId);
    return remoteHostGone({ nodeId: this.node.nodeId, taskUri: this.taskUri }, error);
  }

  /** `POST /v1/task/{taskId}`: creates the task (or, once created, adds splits). */
  async post(request: TaskUpdateRequest): Promise<void> {
    const response = await fetch(this.taskUri, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(await this.exchange.headers()) },
      body: encodePlanJson(request),
    }).catch((error: unknown) => {
      throw this.hostGone(error);
    });
    const text = await response.text();
    if (response.status !== 200) throw new TrinoError(StandardErrorCode.REMOTE_TASK_ERROR, `Updating task ${this.taskId} on ${this.node.nodeId} failed: ${response.status} ${text}`);
    this.created = true;
    this.lastAnswer = Date.now();
    this.apply(JSON.parse(text) as TaskStatus);
    for (const assignment of request.splitAssignments ?? []) this.assignedSplits += assignment.splits.length;
  }

  /** Sends more splits (a task update carrying only split assignments). */
  addSplits(base: TaskUpdateRequest, assignments: readonly TaskSplitAssignment[]): Promise<void> {
    return this.post({ ...base, splitAssignments: assignments });
  }

  /**
   * `GET /v1/task/{taskId}`: refreshes the status. A node that refuses the connection is gone at
   * once; a node that is slow to answer (a busy event loop) is given three times
   * `exchange.http-client.request-timeout` (at least 30s) since its last answer before it counts as
   * gone (undefined until then). A frozen node fails the query sooner through its exchanges.
   */
  async refresh(): Promise<TaskStatus | undefined> {
    const patience = Math.max(STATUS_PATIENCE_MILLIS, 3 * (this.exchange.requestTimeoutMillis ?? 10_000));
    let status: TaskStatus;
    const timeout = AbortSignal.timeout(Math.max(1000, patience - (Date.now() - this.lastAnswer)));
    try {
      const response = await fetch(this.taskUri, { headers: await this.exchange.headers(), signal: timeout });
      if (response.status !== 200) throw new Error(`status ${response.status}`);
      status = (await response.json()) as TaskStatus;
    } catch (error) {
      if (timeout.aborted && Date.now() - this.lastAnswer < patience) return undefined;
      throw this.hostGone(error);
    }
    this.lastAnswer = Date.now();
    this.apply(status);
    return status;
  }

  /** `DELETE /v1/task/{taskId}`: cancels (or aborts) the task and keeps its final status. */
  async delete(abort: boolean): Promise<void> {
    try {
      const response = await fetch(`${this.taskUri}?abort=${abort}`, { method: 'DELETE', headers: await this.exchange.headers(), signal: AbortSignal.timeout(2000) });
      if (response.status === 200) {
        const status = (await response.json()) as TaskStatus | null;
        if (status !== null) this.apply(status);
      }
    } catch {
      // the node is gone: the task went with it
    }
    if (!this.done) this.state = abort ? 'ABORTED' : 'CANCELED';
  }

  private apply(status: TaskStatus): void {
    this.state = status.state;
    this.outputRows = status.outputRows;
    this.bufferedBytes = status.bufferedBytes;
    this.processedRows = status.processedRows;
    if (status.stats !== undefined) this.stats = status.stats;
    if (status.dynamicFilters !== undefined) this.dynamicFilterReports = status.dynamicFilters;
  }
}
