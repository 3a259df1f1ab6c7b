import type { Page } from '@petrel/spi';
import { getValue, pageSizeInBytes, StandardErrorCode, toTrinoError, TrinoError } from '@petrel/spi';
import type { SessionUpdate } from '../session/session.js';
import type { ExecutionStats } from '../execution/execution-context.js';
import type { QueryExecution, QueryResultColumn, QueryState, QueryStats } from './query-execution.js';
import type { StatementResult } from './statement-result.js';

export interface QueryRunHooks {
  /** Called once with the final state (for history and `system.runtime.queries`). */
  onDone?(query: LocalQueryExecution): void;
}

/**
 * One statement run inside this process. Planning (and, for DDL, the whole work) starts at
 * construction; result pages are produced as `nextPage()` pulls them.
 */
export class LocalQueryExecution implements QueryExecution {
  readonly done: Promise<void>;
  readonly createTime = Date.now();
  readonly abortController = new AbortController();
  private currentState: QueryState = 'QUEUED';
  private result: StatementResult | undefined;
  private failure: TrinoError | undefined;
  private resultReady: Promise<StatementResult>;
  private resolveDone!: () => void;
  private pending: Promise<unknown> = Promise.resolve();
  private updateCountValue: number | undefined;
  private startedAt: number | undefined;
  private planningEnd: number | undefined;
  private endTime: number | undefined;
  private outputRows = 0;
  private outputBytes = 0;
  private lastHeartbeat = Date.now();

  constructor(
    readonly queryId: string,
    readonly sql: string,
    readonly user: string,
    readonly source: string | undefined,
    run: (query: LocalQueryExecution) => Promise<StatementResult>,
    private readonly hooks: QueryRunHooks = {},
  ) {
    this.done = new Promise<void>((resolve) => (this.resolveDone = resolve));
    this.resultReady = (async () => {
      await Promise.resolve();
      this.throwIfCancelled();
      if (this.currentState === 'QUEUED') this.currentState = 'PLANNING';
      this.startedAt = Date.now();
      const result = await run(this);
      this.checkDeadline();
      this.throwIfCancelled();
      return result;
    })();
    this.resultReady.then(
      (result) => {
        this.planningEnd ??= Date.now();
        if (this.failure !== undefined) {
          void result.source.close();
          return;
        }
        this.result = result;
        this.updateCountValue = result.updateCount;
        this.currentState = 'RUNNING';
      },
      (error: unknown) => this.fail(error),
    );
    // Handled through `columns()`/`nextPage()`; avoid unhandled rejections.
    this.resultReady.catch(() => undefined);
  }

  private deadline: { readonly at: number; readonly error: () => TrinoError } | undefined;

  /** Fails the query once it has run past `at` (checked between pages and by a timer). */
  setDeadline(at: number, error: () => TrinoError): void {
    this.deadline = { at, error };
    const timer = setTimeout(() => this.checkDeadline(), Math.max(0, at - Date.now()));
    timer.unref();
    void this.done.then(() => clearTimeout(timer));
  }

  private checkDeadline(): void {
    if (this.deadline !== undefined && Date.now() >= this.deadline.at) this.fail(this.deadline.error());
  }

  /** Called when the plan starts executing (planning is over). */
  markRunning(): void {
    if (this.currentState === 'PLANNING' || this.currentState === 'QUEUED') {
      this.currentState = 'RUNNING';
      this.planningEnd = Date.now();
    }
  }

  /** Marks progress (the protocol server calls this when a client polls). */
  heartbeat(): void {
    this.lastHeartbeat = Date.now();
  }

  async columns(): Promise<readonly QueryResultColumn[]> {
    const result = await this.awaitResult();
    return result.columns;
  }

  nextPage(): Promise<Page | undefined> {
    const next = this.pending.then(() => this.fetchPage());
    this.pending = next.catch(() => undefined);
    return next;
  }

  private async fetchPage(): Promise<Page | undefined> {
    this.heartbeat();
    const result = await this.awaitResult();
    if (this.failure !== undefined) throw this.failure;
    if (this.currentState === 'FINISHED') return undefined;
    let page: Page | undefined;
    try {
      this.checkDeadline();
      this.throwIfCancelled();
      page = await result.source.next();
      this.checkDeadline();
      this.throwIfCancelled();
    } catch (error) {
      this.fail(error);
      throw this.failure!;
    }
    if (page === undefined) {
      await this.finish(result);
      return undefined;
    }
    this.outputRows += page.positionCount;
    this.outputBytes += pageSizeInBytes(page);
    if (result.updateCountFromRows && page.positionCount > 0 && page.blocks.length > 0) {
      const value = getValue(page.blocks[0]!, 0);
      this.updateCountValue = (this.updateCountValue ?? 0) + Number(value);
    }
    return page;
  }

  private async finish(result: StatementResult): Promise<void> {
    if (this.currentState === 'FINISHED' || this.currentState === 'FAILED') return;
    this.currentState = 'FINISHING';
    try {
      await result.source.close();
    } catch (error) {
      this.fail(error);
      throw this.failure!;
    }
    if (result.updateCountFromRows && this.updateCountValue === undefined) this.updateCountValue = 0;
    this.currentState = 'FINISHED';
    this.endTime = Date.now();
    this.releaseExecution(result);
    this.hooks.onDone?.(this);
    this.resolveDone();
  }

  private async awaitResult(): Promise<StatementResult> {
    if (this.failure !== undefined) throw this.failure;
    try {
      const result = await this.resultReady;
      if (this.failure !== undefined) throw this.failure;
      return result;
    } catch (error) {
      this.fail(error);
      throw this.failure!;
    }
  }

  private throwIfCancelled(): void {
    if (this.abortController.signal.aborted) {
      throw this.failure ?? new TrinoError(StandardErrorCode.USER_CANCELED, 'Query was canceled');
    }
  }

  /** Fails the query (first failure wins) and releases its resources. */
  fail(error: unknown): void {
    if (this.currentState === 'FAILED' || this.currentState === 'FINISHED') return;
    this.failure = toTrinoError(error);
    this.currentState = 'FAILED';
    this.endTime = Date.now();
    this.abortController.abort(this.failure);
    if (this.result !== undefined) {
      const result = this.result;
      void result.source.close().catch(() => undefined);
      this.releaseExecution(result);
    }
    this.hooks.onDone?.(this);
    this.resolveDone();
  }

  /**
   * A finished query stays in the history (`system.runtime.queries`, the web UI) but must not keep
   * its operators, their pages and hash tables alive: keep the final statistics and drop the rest.
   */
  private releaseExecution(result: StatementResult): void {
    const finalStats = result.source.stats?.();
    const released: StatementResult = {
      ...result,
      source: {
        next: async () => undefined,
        close: async () => undefined,
        ...(finalStats === undefined ? {} : { stats: () => finalStats }),
      },
    };
    this.result = released;
    this.resultReady = Promise.resolve(released);
  }

  cancel(): void {
    this.fail(new TrinoError(StandardErrorCode.USER_CANCELED, 'Query was canceled'));
  }

  state(): QueryState {
    return this.currentState;
  }

  error(): TrinoError | undefined {
    return this.failure;
  }

  stats(): QueryStats {
    const execution = this.result?.source.stats?.();
    const end = this.endTime;
    return {
      createTime: this.createTime,
      endTime: end,
      elapsedMillis: (end ?? Date.now()) - this.createTime,
      queuedMillis: (this.startedAt ?? Date.now()) - this.createTime,
      planningMillis: this.startedAt === undefined ? 0 : (this.planningEnd ?? end ?? Date.now()) - this.startedAt,
      cpuMillis: execution?.cpuMillis ?? 0,
      totalSplits: execution?.totalSplits ?? 0,
      queuedSplits: 0,
      runningSplits: execution === undefined ? 0 : Math.max(0, execution.totalSplits - execution.completedSplits),
      completedSplits: execution?.completedSplits ?? 0,
      processedRows: execution?.processedRows ?? 0,
      processedBytes: execution?.processedBytes ?? 0,
      outputRows: this.outputRows,
      outputBytes: this.outputBytes,
      peakMemoryBytes: execution?.peakMemoryBytes ?? 0,
    };
  }

  executionStats(): ExecutionStats | undefined {
    return this.result?.source.stats?.();
  }

  startedTime(): number | undefined {
    return this.startedAt;
  }

  lastHeartbeatTime(): number {
    return this.lastHeartbeat;
  }

  updateType(): string | undefined {
    return this.result?.updateType;
  }

  updateCount(): number | undefined {
    return this.currentState === 'FINISHED' ? this.updateCountValue : undefined;
  }

  sessionUpdates(): readonly SessionUpdate[] {
    return this.currentState === 'FINISHED' ? (this.result?.sessionUpdates ?? []) : [];
  }
}
