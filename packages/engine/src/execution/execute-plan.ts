import type { Page } from '@petrel/spi';
import { TrinoError, StandardErrorCode, toTrinoError } from '@petrel/spi';
import type { PlanNode } from '../planner/plan/plan-node.js';
import type { ExecutionContext, ExecutionStats, PlanExecution } from './execution-context.js';
import { LocalExecutionPlanner, type LocalExecutionPlan } from './local-execution-planner.js';
import { QueryMemoryContext } from './memory/query-memory-context.js';
import { Driver } from './driver/driver.js';
import { parallelSubstitutes } from './parallel/parallel-plan.js';

/** How long a driver runs before giving the event loop back. */
const TIME_SLICE_MILLIS = 20;

/**
 * Runs a whole (single-node) plan in-process: every pipeline gets one driver; drivers take turns
 * on the event loop in slices of about 20 ms and sleep while blocked on I/O or other pipelines.
 * With `ctx.parallelism` asking for several drivers, source pipelines over scans run as that many
 * drivers on pool worker threads instead (execution/parallel), each feeding this thread's rest of
 * the plan through a ParallelSourceOperator.
 */
export function executePlan(root: PlanNode, ctx: ExecutionContext): PlanExecution {
  return new LocalPlanExecution(root, ctx);
}

class LocalPlanExecution implements PlanExecution {
  private readonly memory: QueryMemoryContext;
  private plan: LocalExecutionPlan | undefined;
  private drivers: Driver[] = [];
  private started = false;
  private failure: TrinoError | undefined;
  private closed = false;
  private readonly abortWaiters = new Set<() => void>();
  private readonly startTime = performance.now();
  private readonly onAbort = (): void => {
    const reason: unknown = this.ctx.signal.reason;
    this.fail(reason instanceof TrinoError ? reason : new TrinoError(StandardErrorCode.USER_CANCELED, 'Query was canceled'));
  };

  constructor(
    private readonly root: PlanNode,
    private readonly ctx: ExecutionContext,
  ) {
    this.memory = new QueryMemoryContext(ctx.maxMemoryBytes);
  }

  private start(): void {
    if (this.started) return;
    this.started = true;
    try {
      this.plan = new LocalExecutionPlanner(this.ctx, this.memory, () => this.stats(), parallelSubstitutes(this.root, this.ctx)).plan(this.root);
    } catch (error) {
      this.fail(toTrinoError(error));
      return;
    }
    if (this.ctx.signal.aborted) {
      this.onAbort();
      return;
    }
    this.ctx.signal.addEventListener('abort', this.onAbort, { once: true });
    this.drivers = this.plan.pipelines.map((ops) => new Driver(ops));
    for (const driver of this.drivers) {
      this.runDriver(driver).catch((error: unknown) => this.fail(toTrinoError(error)));
    }
  }

  private async runDriver(driver: Driver): Promise<void> {
    for (;;) {
      if (this.failure !== undefined || this.closed) return;
      const progress = driver.process(TIME_SLICE_MILLIS);
      switch (progress.kind) {
        case 'finished':
          await driver.close();
          return;
        case 'blocked':
          await this.untilAborted(progress.until);
          break;
        case 'yield':
          await new Promise<void>((resolve) => setImmediate(resolve));
          break;
      }
    }
  }

  /** Waits for `promise`, or returns early when the query fails or closes. */
  private untilAborted(promise: Promise<void>): Promise<void> {
    if (this.failure !== undefined || this.closed) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const wake = (): void => {
        this.abortWaiters.delete(wake);
        resolve();
      };
      this.abortWaiters.add(wake);
      promise.then(wake, wake);
    });
  }

  private fail(error: TrinoError): void {
    if (this.failure !== undefined || this.closed) return;
    this.failure = error;
    for (const wake of [...this.abortWaiters]) wake();
    this.plan?.output.destroy();
    void this.releaseDrivers();
  }

  private async releaseDrivers(): Promise<void> {
    for (const d of this.drivers) await d.close();
  }

  async next(): Promise<Page | undefined> {
    this.start();
    for (;;) {
      if (this.failure !== undefined) throw this.failure;
      if (this.closed) return undefined;
      const output = this.plan!.output;
      const page = output.poll();
      if (page !== undefined) return page;
      if (output.isFinished()) return undefined;
      const blocked = output.readerBlocked();
      if (blocked !== undefined) await this.untilAborted(blocked);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.ctx.signal.removeEventListener('abort', this.onAbort);
    for (const wake of [...this.abortWaiters]) wake();
    this.plan?.output.destroy();
    await this.releaseDrivers();
  }

  stats(): ExecutionStats {
    const plan = this.plan;
    const operators = plan === undefined ? [] : plan.contexts.map((c) => c.stats());
    let cpu = 0;
    for (const o of operators) cpu += o.cpuMillis;
    let scanBytes = 0;
    for (const o of operators) if (o.operatorType === 'ScanFilterAndProjectOperator') scanBytes += o.outputBytes;
    return {
      totalSplits: plan?.counters.total ?? 0,
      completedSplits: plan?.counters.completed ?? 0,
      processedRows: plan?.counters.processedRows ?? 0,
      processedBytes: scanBytes,
      peakMemoryBytes: this.memory.peakBytes,
      cpuMillis: cpu > 0 ? cpu : performance.now() - this.startTime,
      operators,
    };
  }
}
