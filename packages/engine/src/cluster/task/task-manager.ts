import { StandardErrorCode, TrinoError } from '@petrel/spi';
import type { FileSystemExchangeManager } from '../exchange/spool/filesystem-exchange-manager.js';
import type { PageSerdeOptions } from '../serde/page-serde.js';
import { DEFAULT_PAGE_SERDE_OPTIONS } from '../serde/page-serde.js';
import type { ExchangeFactory, FragmentExecutor } from './sql-task.js';
import { DEFAULT_MAX_BUFFERED_BYTES, SqlTask } from './sql-task.js';
import type { TaskStatus, TaskUpdateRequest } from './task-types.js';
import { isDoneTaskState } from './task-types.js';

/** A worker's tasks: created by the coordinator, read by consumers, removed some time after they end. */
export class TaskManager {
  private readonly tasks = new Map<string, SqlTask>();

  constructor(
    private readonly nodeId: string,
    private readonly executor: FragmentExecutor,
    private readonly exchanges: ExchangeFactory,
    private readonly maxBufferedBytes = DEFAULT_MAX_BUFFERED_BYTES,
    private readonly retentionMillis = 60_000,
    /** How this node's output buffers encode pages (`exchange.compression-codec`). */
    private readonly serde: PageSerdeOptions = DEFAULT_PAGE_SERDE_OPTIONS,
    /** `etc/exchange-manager.properties`: where tasks spool their output under retry_policy=TASK. */
    private readonly exchangeManager?: FileSystemExchangeManager,
  ) {}

  /** POST /v1/task/{taskId}: creates the task; an update of an existing task adds the splits it carries. */
  createOrUpdate(taskId: string, request: TaskUpdateRequest): TaskStatus {
    this.expire();
    let task = this.tasks.get(taskId);
    if (task === undefined) {
      task = new SqlTask(taskId, this.nodeId, request, this.executor, this.exchanges, this.maxBufferedBytes, this.serde, this.exchangeManager);
      this.tasks.set(taskId, task);
    } else {
      if (request.splitAssignments !== undefined) task.addSplits(request.splitAssignments);
      if (request.dynamicFilters !== undefined) task.addDynamicFilters(request.dynamicFilters);
    }
    return task.status();
  }

  get(taskId: string): SqlTask {
    const task = this.tasks.get(taskId);
    if (task === undefined) throw new TrinoError(StandardErrorCode.GENERIC_INTERNAL_ERROR, `Unknown task ${taskId}`);
    return task;
  }

  has(taskId: string): boolean {
    return this.tasks.has(taskId);
  }

  cancel(taskId: string, abort: boolean): TaskStatus | undefined {
    const task = this.tasks.get(taskId);
    task?.cancel(abort);
    return task?.status();
  }

  /** How many tasks have not ended yet (a graceful shutdown waits for them). */
  runningCount(): number {
    let count = 0;
    for (const task of this.tasks.values()) if (!isDoneTaskState(task.state())) count++;
    return count;
  }

  list(): TaskStatus[] {
    return [...this.tasks.values()].map((t) => t.status());
  }

  /** Cancels every task (node shutdown). */
  close(): void {
    for (const task of this.tasks.values()) task.cancel(true);
  }

  private expire(now = Date.now()): void {
    for (const [id, task] of this.tasks) if (isDoneTaskState(task.state()) && now - task.createTime > this.retentionMillis) this.tasks.delete(id);
  }
}
