import type { Page } from '@petrel/spi';
import { StandardErrorCode, TrinoError } from '@petrel/spi';
import type { RemotePageStream } from '../../execution/execution-context.js';
import { deserializePage } from '../serde/page-serde.js';
import type { TaskLocation } from '../task/task-types.js';

export const PAGE_TOKEN_HEADER = 'x-trino-page-token';
export const PAGE_NEXT_TOKEN_HEADER = 'x-trino-page-end-sequence-id';
export const BUFFER_COMPLETE_HEADER = 'x-trino-buffer-complete';
export const PAGES_CONTENT_TYPE = 'application/x-petrel-pages';
/** How soon a consumer asks again for a producer task that does not exist yet. */
const UNKNOWN_TASK_RETRY_MILLIS = 20;

/** The body of a results response: u32 page count, then u32 length + page bytes for each. */
export function encodePagesBody(pages: readonly Uint8Array[]): Uint8Array {
  let size = 4;
  for (const p of pages) size += 4 + p.length;
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  view.setUint32(0, pages.length, true);
  let offset = 4;
  for (const p of pages) {
    view.setUint32(offset, p.length, true);
    out.set(p, offset + 4);
    offset += 4 + p.length;
  }
  return out;
}

export function decodePagesBody(body: Uint8Array): Uint8Array[] {
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  const count = view.getUint32(0, true);
  const pages: Uint8Array[] = [];
  let offset = 4;
  for (let i = 0; i < count; i++) {
    const length = view.getUint32(offset, true);
    pages.push(body.subarray(offset + 4, offset + 4 + length));
    offset += 4 + length;
  }
  return pages;
}

export interface ExchangeClientOptions {
  /** Headers of internal requests (the signed bearer token). */
  readonly headers: () => Promise<Record<string, string>>;
  /** Stop fetching while this many bytes wait to be consumed (back-pressure). */
  readonly maxBufferedBytes: number;
  readonly maxResponseBytes: number;
  /**
   * `exchange.http-client.request-timeout`: a results request unanswered this long (the node is
   * frozen or the network is down) fails with PAGE_TRANSPORT_TIMEOUT naming the node. The node
   * answers within its long-poll wait (at most 2s) when it is alive.
   */
  readonly requestTimeoutMillis?: number;
  /** A node found unreachable (so the coordinator can fail it at once). */
  readonly onHostGone?: (nodeId: string) => void;
}

export const DEFAULT_EXCHANGE_OPTIONS: ExchangeClientOptions = {
  headers: async () => ({}),
  maxBufferedBytes: 16 * 1024 * 1024,
  maxResponseBytes: 1024 * 1024,
  requestTimeoutMillis: 10_000,
};

/** The error for a node that did not answer a results request in time. */
export function pageTransportTimeout(location: { readonly nodeId: string; readonly taskUri: string }, timeoutMillis: number): TrinoError {
  const origin = new URL(location.taskUri).origin;
  return new TrinoError(StandardErrorCode.PAGE_TRANSPORT_TIMEOUT, `Node ${location.nodeId} at ${origin} did not answer a results request within ${timeoutMillis}ms (exchange.http-client.request-timeout)`);
}

/** The error for a node that stopped answering: REMOTE_HOST_GONE naming it. */
export function remoteHostGone(location: { readonly nodeId: string; readonly taskUri: string }, cause: unknown): TrinoError {
  const origin = new URL(location.taskUri).origin;
  const reason = cause instanceof Error ? ((cause.cause as Error | undefined)?.message ?? cause.message) : String(cause);
  return new TrinoError(StandardErrorCode.REMOTE_HOST_GONE, `Node ${location.nodeId} at ${origin} is gone: ${reason}`);
}

/**
 * Pulls pages of upstream task output buffers over HTTP: `GET {task}/results/{buffer}/{token}`
 * (reading at token t acknowledges what came before), then `DELETE {task}/results/{buffer}` once
 * complete. Fetches from every location concurrently, pausing while too much is buffered.
 */
export class ExchangeClient implements RemotePageStream {
  private readonly queue: Uint8Array[] = [];
  private queuedBytes = 0;
  private active: number;
  private failure: TrinoError | undefined;
  private wakeConsumer: (() => void) | undefined;
  private readonly wakeFetchers: (() => void)[] = [];
  private closed = false;
  private readonly abort = new AbortController();

  constructor(
    locations: readonly TaskLocation[],
    private readonly options: ExchangeClientOptions,
    signal?: AbortSignal,
  ) {
    this.active = locations.length;
    signal?.addEventListener('abort', () => void this.close(), { once: true });
    for (const location of locations) void this.fetchLoop(location);
  }

  private notify(): void {
    const wake = this.wakeConsumer;
    this.wakeConsumer = undefined;
    wake?.();
  }

  private async fetchLoop(location: TaskLocation): Promise<void> {
    let token = 0;
    let unknownSince: number | undefined;
    const base = `${location.taskUri}/results/${location.bufferId}`;
    try {
      for (;;) {
        while (this.queuedBytes > this.options.maxBufferedBytes && !this.closed) await new Promise<void>((resolve) => this.wakeFetchers.push(resolve));
        if (this.closed) return;
        let response: Response;
        const timeoutMillis = this.options.requestTimeoutMillis;
        const timeout = timeoutMillis === undefined ? undefined : AbortSignal.timeout(timeoutMillis);
        const signal = timeout === undefined ? this.abort.signal : AbortSignal.any([this.abort.signal, timeout]);
        let body: ArrayBuffer;
        try {
          response = await fetch(`${base}/${token}`, {
            headers: { ...(await this.options.headers()), 'x-trino-max-size': String(this.options.maxResponseBytes), 'x-trino-max-wait': '1s' },
            signal,
          });
          body = response.status === 200 ? await response.arrayBuffer() : new ArrayBuffer(0);
        } catch (error) {
          if (this.closed) return;
          if (timeout?.aborted === true) throw pageTransportTimeout(location, timeoutMillis!);
          this.options.onHostGone?.(location.nodeId);
          throw remoteHostGone(location, error);
        }
        if (response.status === 404 && Date.now() - (unknownSince ??= Date.now()) < (timeoutMillis ?? DEFAULT_EXCHANGE_OPTIONS.requestTimeoutMillis!)) {
          // the producer task is not created yet (stages are scheduled all at once): ask again shortly
          await response.arrayBuffer().catch(() => undefined);
          await new Promise((resolve) => setTimeout(resolve, UNKNOWN_TASK_RETRY_MILLIS));
          continue;
        }
        unknownSince = undefined;
        if (response.status !== 200) {
          const text = await response.text();
          const failure = /^([A-Z_]+): (.*)$/s.exec(text);
          const code = failure !== null && failure[1]! in StandardErrorCode ? StandardErrorCode[failure[1] as keyof typeof StandardErrorCode] : StandardErrorCode.REMOTE_TASK_ERROR;
          throw new TrinoError(code, failure !== null ? failure[2]! : `Task ${location.taskUri} answered ${response.status}: ${text}`);
        }
        const pages = decodePagesBody(new Uint8Array(body));
        for (const p of pages) {
          this.queue.push(p);
          this.queuedBytes += p.length;
        }
        token = Number(response.headers.get(PAGE_NEXT_TOKEN_HEADER) ?? token + pages.length);
        if (pages.length > 0) this.notify();
        if (response.headers.get(BUFFER_COMPLETE_HEADER) === 'true') {
          await fetch(base, { method: 'DELETE', headers: await this.options.headers() }).catch(() => undefined);
          return;
        }
      }
    } catch (error) {
      if (!this.closed) this.failure ??= error instanceof TrinoError ? error : new TrinoError(StandardErrorCode.PAGE_TRANSPORT_ERROR, String(error));
    } finally {
      this.active--;
      this.notify();
    }
  }

  async next(): Promise<Page | undefined> {
    for (;;) {
      if (this.failure !== undefined) throw this.failure;
      const bytes = this.queue.shift();
      if (bytes !== undefined) {
        this.queuedBytes -= bytes.length;
        if (this.queuedBytes <= this.options.maxBufferedBytes) for (const wake of this.wakeFetchers.splice(0)) wake();
        return deserializePage(bytes);
      }
      if (this.active === 0 || this.closed) return undefined;
      await new Promise<void>((resolve) => {
        this.wakeConsumer = resolve;
      });
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.abort.abort();
    for (const wake of this.wakeFetchers.splice(0)) wake();
    this.notify();
  }
}
