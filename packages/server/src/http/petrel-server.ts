import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { ClusterOptions } from '../cluster/cluster-api.js';
import { ClusterApi } from '../cluster/cluster-api.js';
import { TaskApi } from '../cluster/task-api.js';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StandardErrorCode, TrinoError } from '@petrel/spi';
import type { EnginePort } from '../engine-port.js';
import type { StatementRequest } from '../protocol/protocol-headers.js';
import { parseStatementHeaders, ProtocolRequestError } from '../protocol/protocol-headers.js';
import type { PollOptions, ProtocolResponse } from '../query/protocol-query.js';
import { GONE, NOT_FOUND } from '../query/protocol-query.js';
import type { QueryManagerOptions } from '../query/query-manager.js';
import { DEFAULT_QUERY_MANAGER_OPTIONS, QueryManager } from '../query/query-manager.js';
import { RestApi } from './rest-api.js';
import { serveUi } from './ui-assets.js';
import { parseDataSizeBytes, parseDurationMillis } from './units.js';
import { stringifyJson } from '../protocol/json-value.js';
import { toQueryError } from '../protocol/query-error.js';

export const PETREL_VERSION = '0.1.0';

export interface PetrelServerOptions {
  readonly engine: EnginePort;
  readonly port?: number;
  readonly host?: string;
  readonly environment?: string;
  readonly nodeId?: string;
  readonly queryManager?: Partial<QueryManagerOptions>;
  /** `shutdown.grace-period`: how long running queries may take to finish on shutdown. */
  readonly shutdownGracePeriodMillis?: number;
  readonly webUiEnabled?: boolean;
  readonly defaultCatalog?: string;
  readonly defaultSchema?: string;
  /** Largest accepted request body (statement text), bytes. */
  readonly maxRequestBytes?: number;
  readonly log?: (line: string) => void;
  /** Cluster mode (coordinator or worker); absent: one node that is both. */
  readonly cluster?: ClusterOptions;
}

export type NodeState = 'ACTIVE' | 'INACTIVE' | 'SHUTTING_DOWN';

const MAX_WAIT_CAP_MILLIS = 1000;
const DEFAULT_TARGET_RESULT_BYTES = 1024 * 1024;
const MAX_TARGET_RESULT_BYTES = 128 * 1024 * 1024;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** A single Petrel node (coordinator and worker): the Trino client protocol, REST API and web UI over node:http. */
export class PetrelServer {
  readonly queries: QueryManager;
  readonly startTime = Date.now();
  readonly nodeId: string;
  readonly environment: string;
  private readonly http: Server;
  private nodeState: NodeState = 'ACTIVE';
  private readonly rest: RestApi;
  readonly cluster: ClusterApi | undefined;
  private readonly taskApi: TaskApi | undefined;
  /** Called with the bound port before cluster membership starts (announcements need it). */
  onListening: ((port: number) => void) | undefined;
  private shutdownPromise: Promise<void> | undefined;
  private readonly maxRequestBytes: number;
  /** Called when a graceful shutdown finished (the CLI exits the process). */
  onShutdown: (() => void) | undefined;

  constructor(readonly options: PetrelServerOptions) {
    this.queries = new QueryManager(options.engine, { ...DEFAULT_QUERY_MANAGER_OPTIONS, ...options.queryManager });
    this.nodeId = options.nodeId ?? `petrel-${process.pid}`;
    this.environment = options.environment ?? 'petrel';
    this.maxRequestBytes = options.maxRequestBytes ?? 16 * 1024 * 1024;
    this.cluster = options.cluster === undefined ? undefined : new ClusterApi(options.cluster);
    this.taskApi = options.cluster?.taskManager === undefined ? undefined : new TaskApi(options.cluster.taskManager);
    this.rest = new RestApi(this);
    this.http = createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) => {
        this.log(`request failed: ${error instanceof Error ? error.stack : String(error)}`);
        if (!response.headersSent) this.sendText(response, 500, 'Internal server error');
        else response.destroy();
      });
    });
    this.http.keepAliveTimeout = 65_000;
    this.http.on('clientError', (_error, socket) => {
      if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
      else socket.destroy();
    });
  }

  log(line: string): void {
    (this.options.log ?? ((l: string) => process.stderr.write(`${new Date().toISOString()}\tINFO\t${l}\n`)))(line);
  }

  state(): NodeState {
    return this.nodeState;
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.http.once('error', reject);
      this.http.listen(this.options.port ?? 8080, this.options.host ?? '0.0.0.0', () => {
        this.http.off('error', reject);
        this.onListening?.(this.port());
        this.cluster?.start();
        resolve();
      });
    });
    return this.port();
  }

  port(): number {
    return (this.http.address() as AddressInfo).port;
  }

  /** Stops accepting queries, lets running ones finish within the grace period, then closes. */
  shutdown(): Promise<void> {
    this.shutdownPromise ??= (async () => {
      this.nodeState = 'SHUTTING_DOWN';
      this.log('Shutdown requested');
      const grace = this.options.shutdownGracePeriodMillis ?? 120_000;
      const deadline = Date.now() + grace;
      while (this.queries.running().length > 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await this.cluster?.drain(deadline);
      for (const query of this.queries.running()) {
        query.fail(new TrinoError(StandardErrorCode.SERVER_SHUTTING_DOWN, 'Server is shutting down'));
      }
      await this.close();
      this.onShutdown?.();
    })();
    return this.shutdownPromise;
  }

  /** Closes immediately (tests). */
  async close(): Promise<void> {
    await this.cluster?.stop();
    this.queries.close();
    await new Promise<void>((resolve) => {
      this.http.close(() => resolve());
      this.http.closeAllConnections();
    });
    await this.options.engine.shutdown();
  }

  /** Coordinators accept client queries; workers only run tasks. */
  isCoordinator(): boolean {
    return this.options.cluster?.coordinator ?? true;
  }

  baseUri(request: IncomingMessage): string {
    const forwardedProto = request.headers['x-forwarded-proto'];
    const proto = typeof forwardedProto === 'string' ? forwardedProto.split(',')[0]!.trim() : 'http';
    const host = request.headers.host ?? `localhost:${this.port()}`;
    return `${proto}://${host}`;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const path = url.pathname;
    const method = request.method ?? 'GET';
    try {
      if ((path === '/v1/task' || path.startsWith('/v1/task/')) && this.taskApi !== undefined) {
        if (!(await this.cluster!.isInternal(request))) throw new HttpError(401, 'Internal authentication failed');
        await this.taskApi.handle(method, path, url, request, response, () => this.readBody(request));
        return;
      }
      if (!this.isCoordinator() && (path === '/v1/statement' || path.startsWith('/v1/statement/'))) {
        throw new HttpError(404, 'This node is a worker: submit queries to the coordinator');
      }
      if (path === '/v1/statement') {
        if (method !== 'POST') throw new HttpError(405, 'Method not allowed');
        await this.submitStatement(request, response);
        return;
      }
      const statement = /^\/v1\/statement\/(queued|executing)\/([^/]+)\/([^/]+)\/([^/]+)$/.exec(path);
      if (statement !== null) {
        await this.statementResource(method, statement[1] as 'queued' | 'executing', statement[2]!, statement[3]!, statement[4]!, url, request, response);
        return;
      }
      if (/^\/v1\/statement\/executing\/partialCancel\//.test(path)) {
        if (method !== 'DELETE') throw new HttpError(405, 'Method not allowed');
        response.writeHead(204).end();
        return;
      }
      if (path === '/' || path === '/ui') {
        response.writeHead(303, { Location: '/ui/' }).end();
        return;
      }
      if (path.startsWith('/ui/') && !path.startsWith('/ui/api/')) {
        if (this.options.webUiEnabled === false) throw new HttpError(404, 'Web UI is disabled');
        if (method !== 'GET' && method !== 'HEAD') throw new HttpError(405, 'Method not allowed');
        if (!serveUi(path, response)) throw new HttpError(404, 'Not found');
        return;
      }
      if (path.startsWith('/v1/') || path.startsWith('/ui/api/')) {
        const body = method === 'PUT' || method === 'POST' ? await this.readBody(request) : '';
        const result = (await this.cluster?.handle(method, path, body, request)) ?? (await this.rest.handle(method, path, url, body, request));
        if (result === undefined) throw new HttpError(404, `Not found: ${path}`);
        this.sendResponse(response, result);
        return;
      }
      throw new HttpError(404, `Not found: ${path}`);
    } catch (error) {
      if (error instanceof HttpError) this.sendText(response, error.status, error.message);
      else if (error instanceof ProtocolRequestError) this.sendText(response, 400, error.message);
      else throw error;
    }
  }

  private readBody(request: IncomingMessage): Promise<string> {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let rejected = false;
      request.on('data', (chunk: Buffer) => {
        if (rejected) return;
        size += chunk.length;
        if (size > this.maxRequestBytes) {
          rejected = true;
          reject(new HttpError(413, `Request body is larger than ${this.maxRequestBytes} bytes`));
          request.resume();
          return;
        }
        chunks.push(chunk);
      });
      request.on('end', () => {
        if (!rejected) resolve(Buffer.concat(chunks).toString('utf8'));
      });
      request.on('error', (error) => {
        if (!rejected) reject(error);
      });
    });
  }

  private pollOptions(url: URL, request: IncomingMessage): PollOptions {
    const maxWaitText = url.searchParams.get('maxWait');
    const targetText = url.searchParams.get('targetResultSize');
    let maxWait = maxWaitText === null ? MAX_WAIT_CAP_MILLIS : parseDurationMillis(maxWaitText);
    if (maxWait === undefined) throw new HttpError(400, `Invalid maxWait: ${maxWaitText}`);
    maxWait = Math.min(maxWait, MAX_WAIT_CAP_MILLIS);
    let target = targetText === null ? DEFAULT_TARGET_RESULT_BYTES : parseDataSizeBytes(targetText);
    if (target === undefined) throw new HttpError(400, `Invalid targetResultSize: ${targetText}`);
    target = Math.max(1, Math.min(target, MAX_TARGET_RESULT_BYTES));
    return { baseUri: this.baseUri(request), maxWaitMillis: maxWait, targetResultBytes: target };
  }

  private async submitStatement(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const sql = await this.readBody(request);
    if (sql.trim() === '') throw new HttpError(400, 'SQL statement is empty');
    const statementRequest: StatementRequest = parseStatementHeaders(request.headers, {
      ...(this.options.defaultCatalog === undefined ? {} : { catalog: this.options.defaultCatalog }),
      ...(this.options.defaultSchema === undefined ? {} : { schema: this.options.defaultSchema }),
    });
    const options = this.pollOptions(new URL(request.url ?? '/', 'http://localhost'), request);
    if (this.nodeState !== 'ACTIVE') {
      const error = toQueryError(new TrinoError(StandardErrorCode.SERVER_SHUTTING_DOWN, 'Server is shutting down'));
      this.sendText(response, 503, error.message);
      return;
    }
    const query = this.queries.submit(sql, statementRequest);
    this.sendResponse(response, query.initialResponse(options));
  }

  private async statementResource(
    method: string,
    phase: 'queued' | 'executing',
    queryId: string,
    slug: string,
    tokenText: string,
    url: URL,
    request: IncomingMessage,
    response: ServerResponse,
  ): Promise<void> {
    const query = this.queries.get(queryId);
    if (query === undefined) {
      this.sendResponse(response, NOT_FOUND());
      return;
    }
    if (!/^\d+$/.test(tokenText)) {
      this.sendResponse(response, NOT_FOUND());
      return;
    }
    if (slug !== query.slug) {
      this.sendResponse(response, NOT_FOUND());
      return;
    }
    if (method === 'DELETE') {
      query.cancelByClient();
      response.writeHead(204).end();
      return;
    }
    if (method !== 'GET') throw new HttpError(405, 'Method not allowed');
    const result = await query.poll(phase, slug, Number(tokenText), this.pollOptions(url, request));
    this.sendResponse(response, result);
  }

  sendResponse(response: ServerResponse, result: ProtocolResponse): void {
    if (response.destroyed) return;
    const headers: Record<string, string | string[]> = { 'Content-Type': result.contentType };
    for (const [name, value] of Object.entries(result.headers)) headers[name] = typeof value === 'string' ? value : [...value];
    response.writeHead(result.status, headers);
    response.end(result.body);
  }

  private sendText(response: ServerResponse, status: number, message: string): void {
    if (response.headersSent) return;
    response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
    response.end(message);
  }
}

/** A JSON response of the REST API. */
export function jsonResponse(value: unknown, status = 200): ProtocolResponse {
  return { status, headers: {}, body: stringifyJson(value as never), contentType: 'application/json' };
}

export { GONE };
