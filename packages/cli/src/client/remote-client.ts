import type { JsonValue, QueryError, QueryResultsHead, Session, SessionUpdate, StatementStats } from '@petrel/server';
import { parseJson, PETREL_VERSION } from '@petrel/server';
import type { OutputColumn } from '../output/output-printer.js';
import type { CliQuery, CliQueryResult, QueryClient } from './query-client.js';

export interface RemoteClientOptions {
  readonly server: string;
  readonly password?: string;
  readonly extraHeaders?: Readonly<Record<string, string>>;
}

/** The request headers that carry a session (Trino's `X-Trino-*`). */
export function sessionHeaders(session: Session): Record<string, string> {
  const headers: Record<string, string> = {
    'X-Trino-User': session.user,
    'X-Trino-Time-Zone': session.timeZone,
    'X-Trino-Language': session.locale,
    'X-Trino-Client-Capabilities': 'PATH,PARAMETRIC_DATETIME',
    'User-Agent': `petrel-cli/${PETREL_VERSION}`,
  };
  if (session.source !== undefined) headers['X-Trino-Source'] = session.source;
  if (session.catalog !== undefined) headers['X-Trino-Catalog'] = session.catalog;
  if (session.schema !== undefined) headers['X-Trino-Schema'] = session.schema;
  if (session.path !== undefined) headers['X-Trino-Path'] = session.path;
  if (session.clientInfo !== undefined) headers['X-Trino-Client-Info'] = session.clientInfo;
  if (session.clientTags.length > 0) headers['X-Trino-Client-Tags'] = session.clientTags.join(',');
  if (session.transactionId !== undefined) headers['X-Trino-Transaction-Id'] = session.transactionId;
  const properties = [
    ...Object.entries(session.systemProperties).map(([k, v]) => `${k}=${encodeURIComponent(v)}`),
    ...Object.entries(session.catalogProperties).flatMap(([catalog, props]) => Object.entries(props).map(([k, v]) => `${catalog}.${k}=${encodeURIComponent(v)}`)),
  ];
  if (properties.length > 0) headers['X-Trino-Session'] = properties.join(',');
  const prepared = Object.entries(session.preparedStatements).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`);
  if (prepared.length > 0) headers['X-Trino-Prepared-Statement'] = prepared.join(',');
  return headers;
}

/** Session changes announced by response headers (`X-Trino-Set-Catalog` ...). */
export function sessionUpdatesFromHeaders(headers: Headers): SessionUpdate[] {
  const updates: SessionUpdate[] = [];
  const all = (name: string): string[] => {
    const value = headers.get(`x-trino-${name}`) ?? headers.get(`x-presto-${name}`);
    return value === null ? [] : value.split(',').map((v) => v.trim()).filter((v) => v !== '');
  };
  for (const catalog of all('set-catalog')) updates.push({ kind: 'setCatalog', catalog });
  for (const schema of all('set-schema')) updates.push({ kind: 'setSchema', schema });
  const path = headers.get('x-trino-set-path');
  if (path !== null) updates.push({ kind: 'setPath', path });
  for (const item of all('set-session')) {
    const eq = item.indexOf('=');
    if (eq > 0) updates.push({ kind: 'setSessionProperty', name: item.slice(0, eq), value: decodeURIComponent(item.slice(eq + 1)) });
  }
  for (const name of all('clear-session')) updates.push({ kind: 'resetSessionProperty', name });
  for (const item of all('added-prepare')) {
    const eq = item.indexOf('=');
    if (eq > 0) updates.push({ kind: 'addPreparedStatement', name: decodeURIComponent(item.slice(0, eq)), sql: decodeURIComponent(item.slice(eq + 1)) });
  }
  for (const name of all('deallocated-prepare')) updates.push({ kind: 'deallocatePreparedStatement', name: decodeURIComponent(name) });
  const zone = headers.get('x-trino-set-time-zone');
  if (zone !== null) updates.push({ kind: 'setTimeZone', timeZone: zone });
  const started = headers.get('x-trino-started-transaction-id');
  if (started !== null) updates.push({ kind: 'startTransaction', transactionId: started });
  if (headers.get('x-trino-clear-transaction-id') !== null) updates.push({ kind: 'clearTransaction' });
  return updates;
}

/** Talks the Trino client protocol to a server. */
export class RemoteClient implements QueryClient {
  constructor(private readonly options: RemoteClientOptions) {}

  start(sql: string, session: Session): CliQuery {
    const headers = { ...sessionHeaders(session), ...(this.options.extraHeaders ?? {}) };
    if (this.options.password !== undefined) headers['Authorization'] = `Basic ${Buffer.from(`${session.user}:${this.options.password}`).toString('base64')}`;
    return new RemoteQuery(this.options.server.replace(/\/+$/, ''), sql, headers);
  }

  async close(): Promise<void> {}
}

interface Results extends QueryResultsHead {
  readonly data?: JsonValue[][];
}

class RemoteQuery implements CliQuery {
  private current: Results | undefined;
  private readonly updates: SessionUpdate[] = [];
  private readonly pending: JsonValue[][][] = [];
  private columnsSeen: readonly OutputColumn[] | undefined;
  private error: QueryError | undefined;
  private ended = false;
  private aborted = false;
  private readonly controller = new AbortController();
  private readonly started: Promise<void>;

  constructor(
    private readonly server: string,
    sql: string,
    private readonly headers: Record<string, string>,
  ) {
    this.started = this.request(`${server}/v1/statement`, { method: 'POST', body: sql });
  }

  private async request(url: string, init: { method: string; body?: string }): Promise<void> {
    let attempts = 0;
    for (;;) {
      let response: Response;
      try {
        response = await fetch(url, { ...init, headers: this.headers, signal: this.controller.signal });
      } catch (error) {
        if (this.aborted) throw new Error('Query aborted by user');
        throw new Error(`Error running command: ${(error as Error).message} (${this.server})`, { cause: error });
      }
      if ((response.status === 502 || response.status === 503 || response.status === 504) && attempts++ < 20) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        continue;
      }
      const text = await response.text();
      if (response.status !== 200) throw new Error(`Error starting query at ${url} returned an invalid response: HTTP ${response.status}: ${text}`);
      const results = parseJson(text) as unknown as Results;
      this.updates.push(...sessionUpdatesFromHeaders(response.headers));
      this.current = results;
      if (results.columns !== undefined && this.columnsSeen === undefined) {
        this.columnsSeen = results.columns.map((c) => ({ name: c.name, typeSignature: c.typeSignature }));
      }
      if (results.data !== undefined && results.data.length > 0) this.pending.push(results.data);
      if (results.error !== undefined) this.error = results.error;
      if (results.nextUri === undefined) this.ended = true;
      return;
    }
  }

  private async advance(): Promise<void> {
    await this.started;
    if (this.ended || this.current?.nextUri === undefined) {
      this.ended = true;
      return;
    }
    await this.request(this.current.nextUri, { method: 'GET' });
  }

  queryId(): string | undefined {
    return this.current?.id;
  }

  async columns(): Promise<readonly OutputColumn[] | undefined> {
    try {
      await this.started;
      while (this.columnsSeen === undefined && !this.ended) await this.advance();
    } catch (error) {
      this.error ??= this.aborted ? canceledError() : clientError(error);
      this.ended = true;
    }
    return this.columnsSeen;
  }

  async nextRows(): Promise<JsonValue[][] | undefined> {
    try {
      for (;;) {
        const batch = this.pending.shift();
        if (batch !== undefined) return batch;
        if (this.ended) return undefined;
        await this.advance();
      }
    } catch (error) {
      this.error ??= this.aborted ? canceledError() : clientError(error);
      this.ended = true;
      return undefined;
    }
  }

  async finish(): Promise<CliQueryResult> {
    try {
      await this.started;
      while (!this.ended) {
        this.pending.length = 0;
        await this.advance();
      }
    } catch (error) {
      this.error ??= this.aborted ? canceledError() : clientError(error);
    }
    return {
      queryId: this.current?.id,
      error: this.error,
      updateType: this.error === undefined ? this.current?.updateType : undefined,
      updateCount: this.error === undefined ? this.current?.updateCount : undefined,
      sessionUpdates: this.error === undefined ? this.updates : [],
    };
  }

  stats(): StatementStats | undefined {
    return this.current?.stats;
  }

  updateType(): string | undefined {
    return this.current?.updateType;
  }

  cancel(): void {
    const uri = this.current?.nextUri;
    this.aborted = true;
    if (uri !== undefined) void fetch(uri, { method: 'DELETE', headers: this.headers }).catch(() => undefined);
    this.controller.abort();
  }
}

function clientError(error: unknown): QueryError {
  const message = error instanceof Error ? error.message : String(error);
  return {
    message,
    errorCode: 65536,
    errorName: 'GENERIC_INTERNAL_ERROR',
    errorType: 'INTERNAL_ERROR',
    failureInfo: { type: 'java.io.IOException', message, suppressed: [], stack: [] },
  };
}

function canceledError(): QueryError {
  return {
    message: 'Query was canceled',
    errorCode: 3,
    errorName: 'USER_CANCELED',
    errorType: 'USER_ERROR',
    failureInfo: { type: 'io.trino.spi.TrinoException', message: 'Query was canceled', suppressed: [], stack: [] },
  };
}
