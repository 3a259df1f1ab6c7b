import type { ConnectorSplit, ConnectorSplitSource, Page } from '@petrel/spi';
import { StandardErrorCode, TrinoError, pageSizeInBytes } from '@petrel/spi';
import type { CatalogDefinition } from '../../config/catalog-definition.js';
import type { PlanNode, TableScanNode } from '../../planner/plan/plan-node.js';
import type { ExecutionContext } from '../execution-context.js';
import { AbstractOperator, type OperatorContext } from '../operator/operator.js';
import type { SplitCounters } from '../operator/table-scan-operator.js';
import { Signal } from '../driver/signal.js';
import { DriverPool, type PoolTask } from './driver-pool.js';
import { decodePage } from './page-transfer.js';
import type { FromWorkerMessage } from './parallel-messages.js';
import { toTransferSplit } from './split-transfer.js';

/** What one parallel source pipeline runs: a plan subtree over one table scan. */
export interface ParallelSourceSpec {
  /** The source pipeline's plan (scan + filter/project + partial aggregation / partial TopN). */
  readonly plan: PlanNode;
  readonly scan: TableScanNode;
  /** Drivers (worker threads) to run it on. */
  readonly drivers: number;
  readonly catalog: CatalogDefinition;
}

interface QueuedPage {
  readonly page: Page;
  readonly task: PoolTask;
}

/**
 * The main thread's end of a source pipeline that runs on pool workers, one driver per worker:
 * hands out the scan's splits one at a time to whichever driver asks (work stealing), receives the
 * drivers' output pages (transferred typed arrays), and emits them downstream. Memory held by the
 * workers and by queued pages counts against the query's limit here; a worker's error is re-thrown
 * as the same TrinoError; closing (the query finished, failed or was cancelled) cancels the drivers.
 */
export class ParallelSourceOperator extends AbstractOperator {
  private started = false;
  private readonly queue: QueuedPage[] = [];
  private readonly pageReady = new Signal();
  private readonly running = new Set<PoolTask>();
  private readonly workerBytes = new Map<number, number>();
  private failure: TrinoError | undefined;
  private splitSource: ConnectorSplitSource | undefined;
  private pendingSplits: ConnectorSplit[] = [];
  private splitsDone = false;
  /** Split requests are served in order, one at a time. */
  private splitChain: Promise<void> = Promise.resolve();
  private queuedBytes = 0;

  constructor(
    context: OperatorContext,
    private readonly spec: ParallelSourceSpec,
    private readonly ctx: ExecutionContext,
    private readonly counters: SplitCounters,
  ) {
    super(context);
  }

  override needsInput(): boolean {
    return false;
  }

  addInput(): void {
    throw new TrinoError(StandardErrorCode.GENERIC_INTERNAL_ERROR, 'ParallelSourceOperator takes no input');
  }

  private start(): void {
    if (this.started) return;
    this.started = true;
    const m = this.ctx;
    const pool = DriverPool.shared();
    for (let i = 0; i < this.spec.drivers; i++) {
      let task: PoolTask | undefined;
      const listener = (message: FromWorkerMessage): void => this.onMessage(task!, message);
      task = pool.startTask(
        this.spec.drivers,
        {
          type: 'start',
          queryId: m.queryId,
          plan: this.spec.plan,
          catalogs: [this.spec.catalog],
          session: m.session,
          functionContext: m.functionContext,
          maxMemoryBytes: m.maxMemoryBytes,
        },
        listener,
      );
      this.running.add(task);
    }
  }

  private onMessage(task: PoolTask, message: FromWorkerMessage): void {
    if (this.closed) return;
    switch (message.type) {
      case 'needSplit':
        this.splitChain = this.splitChain.then(() => this.sendSplit(task)).catch((error: unknown) => this.fail(error instanceof TrinoError ? error : new TrinoError(StandardErrorCode.GENERIC_INTERNAL_ERROR, String(error))));
        return;
      case 'page': {
        const page = decodePage(message.page);
        this.queue.push({ page, task });
        this.queuedBytes += pageSizeInBytes(page);
        this.workerBytes.set(task.taskId, message.reservedBytes);
        this.updateMemory();
        this.pageReady.notify();
        return;
      }
      case 'finished':
        this.counters.processedRows += message.processedRows;
        this.running.delete(task);
        task.release();
        this.workerBytes.delete(task.taskId);
        this.updateMemory();
        this.pageReady.notify();
        return;
      case 'failed': {
        const e = message.error;
        const error = new TrinoError(e.errorCode, e.message, e.location);
        if (e.stack !== undefined) error.stack = e.stack;
        this.running.delete(task);
        task.release();
        this.fail(error);
        return;
      }
      default:
        return assertNeverMessage(message);
    }
  }

  private async sendSplit(task: PoolTask): Promise<void> {
    const split = await this.nextSplit();
    if (this.closed) return;
    task.send({ type: 'split', taskId: task.taskId, split: split === undefined ? undefined : toTransferSplit(this.spec.catalog.connectorName, split, this.spec.scan.assignments.map((a) => a.column)) });
    if (split !== undefined) this.counters.completed++;
  }

  private async nextSplit(): Promise<ConnectorSplit | undefined> {
    for (;;) {
      const split = this.pendingSplits.shift();
      if (split !== undefined) return split;
      if (this.splitsDone || this.closed) return undefined;
      if (this.splitSource === undefined) {
        const scan = this.spec.scan;
        this.splitSource =
          this.ctx.splitSourceFactory?.(scan) ??
          (await this.ctx.metadata
            .getConnector(scan.table.catalog)
            .splitManager.getSplits(this.ctx.metadata.connectorSession(this.ctx.session, scan.table.catalog, this.ctx.queryId), scan.handle, undefined));
      }
      const batch = await this.splitSource.nextBatch(16);
      this.pendingSplits.push(...batch.splits);
      this.counters.total += batch.splits.length;
      if (batch.done) this.splitsDone = true;
    }
  }

  private updateMemory(): void {
    let bytes = this.queuedBytes;
    for (const b of this.workerBytes.values()) bytes += b;
    try {
      this.context.memory.setBytes(bytes);
    } catch (error) {
      this.fail(error as TrinoError);
    }
  }

  private fail(error: TrinoError): void {
    if (this.failure !== undefined) return;
    this.failure = error;
    this.cancelRunning();
    this.pageReady.notify();
  }

  private cancelRunning(): void {
    for (const task of this.running) {
      task.send({ type: 'cancel', taskId: task.taskId });
      task.release();
    }
    this.running.clear();
  }

  getOutput(): Page | undefined {
    this.start();
    if (this.failure !== undefined) throw this.failure;
    const next = this.queue.shift();
    if (next === undefined) return undefined;
    this.queuedBytes -= pageSizeInBytes(next.page);
    this.updateMemory();
    if (this.running.has(next.task)) next.task.send({ type: 'ack', taskId: next.task.taskId });
    return next.page;
  }

  override isBlocked(): Promise<void> | undefined {
    this.start();
    if (this.failure !== undefined || this.queue.length > 0 || this.running.size === 0) return undefined;
    return this.pageReady.wait();
  }

  isFinished(): boolean {
    return this.started && this.failure === undefined && this.running.size === 0 && this.queue.length === 0;
  }

  override close(): void {
    if (this.closed) return;
    this.closed = true;
    this.cancelRunning();
    this.queue.length = 0;
    try {
      this.splitSource?.close();
    } catch {
      // best effort
    }
    this.pageReady.notify();
    this.context.memory.close();
  }
}

function assertNeverMessage(message: never): never {
  throw new TrinoError(StandardErrorCode.GENERIC_INTERNAL_ERROR, `Unknown pool message ${JSON.stringify(message)}`);
}
