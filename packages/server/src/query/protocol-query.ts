import type { Page, SqlValue, TrinoError } from '@petrel/spi';
import { getValue, StandardErrorCode, toTrinoError, TrinoError as TrinoErrorClass } from '@petrel/spi';
import type { QueryExecution, QueryState, SessionUpdate } from '../engine-port.js';
import type { ClientCapabilities } from '../protocol/client-type-signature.js';
import { clientTypeName, toClientTypeSignature } from '../protocol/client-type-signature.js';
import { stringifyJson } from '../protocol/json-value.js';
import { formatJavaDouble } from '../protocol/java-number-format.js';
import type { HeaderDialect, StatementRequest } from '../protocol/protocol-headers.js';
import { sessionUpdateHeaders } from '../protocol/protocol-headers.js';
import { toQueryError } from '../protocol/query-error.js';
import type { ProtocolColumn, QueryError, QueryResultsHead, StatementStats } from '../protocol/query-results.js';
import { createJsonValueWriter } from '../protocol/value-encoding.js';

/** One HTTP answer of the statement protocol. */
export interface ProtocolResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | readonly string[]>>;
  readonly body: string;
  readonly contentType: string;
}

export interface PollOptions {
  /** Base of absolute URIs, e.g. `http://localhost:8080`. */
  readonly baseUri: string;
  readonly maxWaitMillis: number;
  readonly targetResultBytes: number;
}

type Phase = 'queued' | 'executing';

function textResponse(status: number, body: string): ProtocolResponse {
  return { status, headers: {}, body, contentType: 'text/plain; charset=utf-8' };
}

export const GONE = (message = 'Invalid token'): ProtocolResponse => textResponse(410, message);
export const NOT_FOUND = (message = 'Query not found'): ProtocolResponse => textResponse(404, message);

function delay(millis: number): { promise: Promise<'timeout'>; cancel(): void } {
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), millis);
  });
  return { promise, cancel: () => clearTimeout(timer) };
}

/**
 * The protocol side of one query: tokens, slug, idempotent responses, result paging from the
 * engine's page stream (one page buffered at most), cancellation and abandonment.
 */
export class ProtocolQuery {
  readonly createTime = Date.now();
  private lastAccess = Date.now();
  private pollsInFlight = 0;
  private readonly tokens: Record<Phase, number> = { queued: 0, executing: -1 };
  private readonly cached: Record<Phase, { token: number; response: Promise<ProtocolResponse> } | undefined> = { queued: undefined, executing: undefined };
  private columnsResolved: { readonly columns: readonly ProtocolColumn[]; readonly writers: readonly ((value: SqlValue) => string)[] } | undefined;
  private currentPage: Page | undefined;
  private pageOffset = 0;
  private pendingPage: Promise<{ page: Page | undefined } | { error: unknown }> | undefined;
  private pagesExhausted = false;
  private failure: TrinoError | undefined;
  private finalDelivered = false;
  private rowsDelivered = 0;
  private endTime: number | undefined;
  private canceledByClient = false;

  constructor(
    readonly queryId: string,
    readonly slug: string,
    readonly execution: QueryExecution,
    readonly request: StatementRequest,
  ) {
    void execution.done.then(() => {
      this.endTime ??= Date.now();
    });
  }

  get dialect(): HeaderDialect {
    return this.request.dialect;
  }

  get capabilities(): ClientCapabilities {
    return this.request.capabilities;
  }

  get sql(): string {
    return this.execution.sql;
  }

  /** Milliseconds since a client last asked for results. */
  idleMillis(now = Date.now()): number {
    // A client waiting on a long poll is not idle, however long the poll lasts.
    return this.pollsInFlight > 0 ? 0 : now - this.lastAccess;
  }

  /** True once the client has been sent the final response (the one without `nextUri`). */
  finalResponseDelivered(): boolean {
    return this.finalDelivered;
  }

  /** True once the client saw the final response or the query ended otherwise. */
  isDone(): boolean {
    return this.finalDelivered || this.failure !== undefined || this.execution.state() === 'FAILED';
  }

  error(): TrinoError | undefined {
    return this.failure;
  }

  /** The query's state as the protocol reports it. */
  state(): QueryState {
    if (this.failure !== undefined) return 'FAILED';
    return this.execution.state();
  }

  endTimeMillis(): number | undefined {
    return this.endTime;
  }

  /** Fails the query (kill, abandonment, shutdown). */
  fail(error: TrinoError): void {
    if (this.failure !== undefined || this.finalDelivered) return;
    this.failure = error;
    this.endTime ??= Date.now();
    this.execution.cancel();
  }

  cancelByClient(): void {
    this.canceledByClient = true;
    this.fail(new TrinoErrorClass(StandardErrorCode.USER_CANCELED, 'Query was canceled'));
  }

  wasCanceledByClient(): boolean {
    return this.canceledByClient;
  }

  /** The response to `POST /v1/statement`. */
  initialResponse(options: PollOptions): ProtocolResponse {
    this.lastAccess = Date.now();
    const response = this.buildResponse(options, {
      nextUri: this.uri(options, 'queued', 1),
      state: 'QUEUED',
    });
    this.cached.queued = { token: 0, response: Promise.resolve(response) };
    return response;
  }

  /** `GET /v1/statement/{queued|executing}/{queryId}/{slug}/{token}`. */
  poll(phase: Phase, slug: string, token: number, options: PollOptions): Promise<ProtocolResponse> {
    if (slug !== this.slug) return Promise.resolve(NOT_FOUND());
    this.lastAccess = Date.now();
    const cached = this.cached[phase];
    if (cached !== undefined && cached.token === token) return cached.response;
    const expected = phase === 'queued' ? (cached?.token ?? 0) + 1 : this.tokens.executing + 1;
    if (token !== expected) return Promise.resolve(GONE());
    if (phase === 'executing' && this.canceledByClient) return Promise.resolve(GONE('Query was canceled'));
    this.tokens[phase] = token;
    const response = phase === 'queued' ? Promise.resolve(this.queuedResponse(options)) : this.executingResponse(token, options);
    this.cached[phase] = { token, response };
    // Keep the last access time fresh while a long poll is in progress.
    this.pollsInFlight++;
    const settled = (): void => {
      this.pollsInFlight--;
      this.lastAccess = Date.now();
    };
    void response.then(settled, settled);
    return response;
  }

  private queuedResponse(options: PollOptions): ProtocolResponse {
    if (this.failure !== undefined) return this.finalResponse(options, [], []);
    return this.buildResponse(options, { nextUri: this.uri(options, 'executing', 0), state: this.reportedState() });
  }

  private reportedState(): QueryState {
    const state = this.state();
    return state === 'FINISHED' && !this.finalDelivered ? 'RUNNING' : state;
  }

  private async executingResponse(token: number, options: PollOptions): Promise<ProtocolResponse> {
    const deadline = delay(options.maxWaitMillis);
    try {
      if (this.failure !== undefined) return this.finalResponse(options, [], []);
      if (this.columnsResolved === undefined) {
        const columns = await Promise.race([
          this.execution.columns().then(
            (columns) => ({ columns }),
            (error: unknown) => ({ error }),
          ),
          deadline.promise,
        ]);
        if (columns === 'timeout') return this.buildResponse(options, { nextUri: this.uri(options, 'executing', token + 1), state: this.reportedState() });
        if ('error' in columns) {
          this.recordFailure(columns.error);
          return this.finalResponse(options, [], []);
        }
        this.columnsResolved = {
          columns: columns.columns.map((c) => ({
            name: c.name,
            type: clientTypeName(c.type, this.capabilities),
            typeSignature: toClientTypeSignature(c.type, this.capabilities),
          })),
          writers: columns.columns.map((c) => createJsonValueWriter(c.type, this.capabilities)),
        };
      }
      const rows: string[] = [];
      let bytes = 0;
      while (bytes < options.targetResultBytes && this.failure === undefined) {
        const page = this.currentPage;
        if (page !== undefined && this.pageOffset < page.positionCount) {
          while (this.pageOffset < page.positionCount && bytes < options.targetResultBytes) {
            const row = this.encodeRow(page, this.pageOffset++);
            rows.push(row);
            bytes += row.length + 1;
          }
          continue;
        }
        this.currentPage = undefined;
        if (this.pagesExhausted) break;
        this.pendingPage ??= this.execution.nextPage().then(
          (next) => ({ page: next }),
          (error: unknown) => ({ error }),
        );
        if (rows.length > 0) {
          // Hand over what we have unless the next page is already there.
          const ready = await Promise.race([this.pendingPage, Promise.resolve('not-ready' as const)]);
          if (ready === 'not-ready') break;
        }
        const next = await Promise.race([this.pendingPage, deadline.promise]);
        if (next === 'timeout') break;
        this.pendingPage = undefined;
        if ('error' in next) {
          this.recordFailure(next.error);
          break;
        }
        if (next.page === undefined) this.pagesExhausted = true;
        else {
          this.currentPage = next.page;
          this.pageOffset = 0;
        }
      }
      this.rowsDelivered += rows.length;
      if (this.failure !== undefined) return this.finalResponse(options, [], []);
      if (this.pagesExhausted && this.currentPage === undefined) {
        await this.execution.done;
        if (this.execution.state() === 'FAILED' && this.failure === undefined) {
          // The stream ended but the query failed (should have rejected nextPage); report it anyway.
          this.recordFailure(new TrinoErrorClass(StandardErrorCode.GENERIC_INTERNAL_ERROR, 'Query failed'));
          return this.finalResponse(options, [], []);
        }
        return this.finalResponse(options, rows, sessionUpdateList(this.execution));
      }
      return this.buildResponse(options, {
        nextUri: this.uri(options, 'executing', token + 1),
        partialCancelUri: `${options.baseUri}/v1/statement/executing/partialCancel/${this.queryId}/0/${this.slug}/${token}`,
        state: this.reportedState(),
        rows,
        withColumns: true,
      });
    } catch (error) {
      this.recordFailure(error);
      return this.finalResponse(options, [], []);
    } finally {
      deadline.cancel();
    }
  }

  private recordFailure(error: unknown): void {
    if (this.failure !== undefined) return;
    this.failure = toTrinoError(error);
    this.endTime ??= Date.now();
  }

  private finalResponse(options: PollOptions, rows: readonly string[], updates: readonly SessionUpdate[]): ProtocolResponse {
    this.finalDelivered = true;
    this.endTime ??= Date.now();
    const failure = this.failure;
    return this.buildResponse(options, {
      state: failure === undefined ? 'FINISHED' : 'FAILED',
      rows,
      withColumns: failure === undefined,
      ...(failure === undefined ? {} : { error: toQueryError(failure) }),
      ...(failure === undefined ? { updateType: this.execution.updateType(), updateCount: this.execution.updateCount() } : {}),
      headers: failure === undefined ? sessionUpdateHeaders(updates, this.dialect) : {},
    });
  }

  private encodeRow(page: Page, position: number): string {
    const writers = this.columnsResolved!.writers;
    let text = '[';
    for (let channel = 0; channel < writers.length; channel++) {
      const block = page.blocks[channel];
      if (channel > 0) text += ',';
      text += writers[channel]!(block === undefined ? null : getValue(block, position));
    }
    return text + ']';
  }

  private uri(options: PollOptions, phase: Phase, token: number): string {
    return `${options.baseUri}/v1/statement/${phase}/${this.queryId}/${this.slug}/${token}`;
  }

  statementStats(state: QueryState = this.reportedState()): StatementStats {
    const stats = this.execution.stats();
    const queued = state === 'QUEUED' || state === 'WAITING_FOR_RESOURCES' || state === 'DISPATCHING';
    const scheduled = state === 'RUNNING' || state === 'FINISHING' || state === 'FINISHED' || (state === 'FAILED' && stats.totalSplits > 0);
    const progress = stats.totalSplits > 0 ? Math.min(100, (stats.completedSplits * 100) / stats.totalSplits) : state === 'FINISHED' ? 100 : 0;
    const running = stats.totalSplits > 0 ? Math.min(100 - progress, (stats.runningSplits * 100) / stats.totalSplits) : 0;
    const elapsed = (this.endTime ?? Date.now()) - this.createTime;
    return {
      state,
      queued,
      scheduled,
      ...(scheduled ? { progressPercentage: progress, runningPercentage: running } : {}),
      nodes: scheduled ? 1 : 0,
      totalSplits: stats.totalSplits,
      queuedSplits: stats.queuedSplits,
      runningSplits: stats.runningSplits,
      completedSplits: stats.completedSplits,
      cpuTimeMillis: Math.round(stats.cpuMillis),
      wallTimeMillis: Math.round(Math.max(stats.elapsedMillis, elapsed)),
      queuedTimeMillis: Math.round(stats.queuedMillis),
      elapsedTimeMillis: Math.round(Math.max(stats.elapsedMillis, elapsed)),
      processedRows: stats.processedRows,
      processedBytes: stats.processedBytes,
      physicalInputBytes: stats.processedBytes,
      physicalWrittenBytes: 0,
      peakMemoryBytes: stats.peakMemoryBytes,
      spilledBytes: 0,
      rootStage: {
        stageId: '0',
        state: state === 'FINISHED' ? 'FINISHED' : state === 'FAILED' ? 'FAILED' : scheduled ? 'RUNNING' : 'PLANNED',
        done: state === 'FINISHED' || state === 'FAILED',
        nodes: scheduled ? 1 : 0,
        totalSplits: stats.totalSplits,
        queuedSplits: stats.queuedSplits,
        runningSplits: stats.runningSplits,
        completedSplits: stats.completedSplits,
        cpuTimeMillis: Math.round(stats.cpuMillis),
        wallTimeMillis: Math.round(stats.elapsedMillis),
        processedRows: stats.processedRows,
        processedBytes: stats.processedBytes,
        physicalInputBytes: stats.processedBytes,
        failedTasks: 0,
        coordinatorOnly: false,
        subStages: [],
      },
    };
  }

  private buildResponse(
    options: PollOptions,
    parts: {
      readonly nextUri?: string;
      readonly partialCancelUri?: string;
      readonly state: QueryState;
      readonly rows?: readonly string[];
      readonly withColumns?: boolean;
      readonly error?: QueryError;
      readonly updateType?: string | undefined;
      readonly updateCount?: number | undefined;
      readonly headers?: Record<string, string[]>;
    },
  ): ProtocolResponse {
    const columns = parts.withColumns === true ? this.columnsResolved?.columns : undefined;
    const hideColumns = columns !== undefined && columns.length === 0 && parts.updateType !== undefined;
    const head: QueryResultsHead = {
      id: this.queryId,
      infoUri: `${options.baseUri}/ui/query.html?${this.queryId}`,
      ...(parts.partialCancelUri === undefined ? {} : { partialCancelUri: parts.partialCancelUri }),
      ...(parts.nextUri === undefined ? {} : { nextUri: parts.nextUri }),
      ...(columns === undefined || hideColumns ? {} : { columns }),
      stats: this.statementStats(parts.state),
      ...(parts.error === undefined ? {} : { error: parts.error }),
      warnings: [],
      ...(parts.updateType === undefined ? {} : { updateType: parts.updateType }),
      ...(parts.updateCount === undefined ? {} : { updateCount: parts.updateCount }),
    };
    // Percentages are Java doubles in Trino's JSON (`100.0`).
    let body = stringifyJson(head as never).replace(/"(progressPercentage|runningPercentage)":([-0-9.eE+]+)/g, (_m, name: string, value: string) => `"${name}":${formatJavaDouble(Number(value))}`);
    if (parts.rows !== undefined && parts.rows.length > 0 && columns !== undefined) {
      // `data` goes right after `columns`, as Trino orders the fields.
      const insertAt = body.indexOf(',"stats":');
      body = `${body.slice(0, insertAt)},"data":[${parts.rows.join(',')}]${body.slice(insertAt)}`;
    }
    return { status: 200, headers: parts.headers ?? {}, body, contentType: 'application/json' };
  }

  /** Drops buffered pages and cached responses of a finished query (kept only for its history entry). */
  releaseResults(): void {
    this.cached.queued = undefined;
    this.cached.executing = undefined;
    this.currentPage = undefined;
    this.pendingPage = undefined;
  }

  rowsReturned(): number {
    return this.rowsDelivered;
  }
}

function sessionUpdateList(execution: QueryExecution): readonly SessionUpdate[] {
  try {
    return execution.sessionUpdates();
  } catch {
    return [];
  }
}
