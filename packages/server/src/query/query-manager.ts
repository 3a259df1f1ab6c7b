import { StandardErrorCode, TrinoError } from '@petrel/spi';
import type { EnginePort } from '../engine-port.js';
import type { StatementRequest } from '../protocol/protocol-headers.js';
import { ProtocolQuery } from './protocol-query.js';
import { newSlug, QueryIdGenerator } from './query-id-generator.js';

export interface QueryManagerOptions {
  /** `query.client.timeout`: a query nobody polls for this long fails with ABANDONED_QUERY. */
  readonly clientTimeoutMillis: number;
  /** `query.max-history`: finished queries kept for /v1/query. */
  readonly maxHistory: number;
  /** `query.min-expire-age`. */
  readonly minExpireAgeMillis: number;
}

export const DEFAULT_QUERY_MANAGER_OPTIONS: QueryManagerOptions = {
  clientTimeoutMillis: 5 * 60_000,
  maxHistory: 100,
  minExpireAgeMillis: 15 * 60_000,
};

/** Every query the server knows: running ones and a bounded history of finished ones. */
export class QueryManager {
  private readonly queries = new Map<string, ProtocolQuery>();
  private readonly ids = new QueryIdGenerator();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly engine: EnginePort,
    readonly options: QueryManagerOptions = DEFAULT_QUERY_MANAGER_OPTIONS,
  ) {
    this.timer = setInterval(() => this.sweep(), Math.min(1000, Math.max(50, Math.floor(options.clientTimeoutMillis / 4))));
    this.timer.unref();
  }

  submit(sql: string, request: StatementRequest): ProtocolQuery {
    const queryId = this.ids.next();
    const execution = this.engine.execute(sql, request.session, { queryId });
    const query = new ProtocolQuery(execution.queryId ?? queryId, newSlug(), execution, request);
    this.queries.set(query.queryId, query);
    return query;
  }

  get(queryId: string): ProtocolQuery | undefined {
    return this.queries.get(queryId);
  }

  list(): ProtocolQuery[] {
    return [...this.queries.values()];
  }

  running(): ProtocolQuery[] {
    return this.list().filter((q) => !q.isDone());
  }

  /** Abandons queries nobody polls and expires old history. */
  sweep(now = Date.now()): void {
    for (const query of this.queries.values()) {
      if (!query.isDone() && query.idleMillis(now) > this.options.clientTimeoutMillis) {
        const last = new Date(now - query.idleMillis(now)).toISOString();
        query.fail(
          new TrinoError(
            StandardErrorCode.ABANDONED_QUERY,
            `Query ${query.queryId} was abandoned by the client, as it may have exited or stopped checking for query results. Query results have not been accessed since ${last}: currentTime ${new Date(now).toISOString()}`,
          ),
        );
      }
    }
    for (const query of this.queries.values()) {
      const end = query.endTimeMillis();
      if (query.isDone() && end !== undefined && now - end > 60_000) query.releaseResults();
    }
    // Keep at most maxHistory finished queries, but none younger than minExpireAge unless the
    // history grows far beyond its bound. A failed query whose client has not yet fetched the final
    // response (and is still polling) is never dropped: its next poll would find nothing (404).
    const finished = this.list()
      .filter((q) => q.isDone() && (q.finalResponseDelivered() || q.idleMillis(now) > this.options.clientTimeoutMillis))
      .sort((a, b) => (a.endTimeMillis() ?? a.createTime) - (b.endTimeMillis() ?? b.createTime));
    let excess = finished.length - this.options.maxHistory;
    for (const query of finished) {
      if (excess <= 0) break;
      const age = now - (query.endTimeMillis() ?? query.createTime);
      if (age >= this.options.minExpireAgeMillis || excess > this.options.maxHistory * 9) {
        this.queries.delete(query.queryId);
        excess--;
      }
    }
  }

  close(): void {
    clearInterval(this.timer);
  }
}
