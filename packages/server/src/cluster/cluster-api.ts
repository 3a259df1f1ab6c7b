import type { IncomingMessage } from 'node:http';
import type { ClusterNode, NodeAnnouncement, NodeManager, StageRegistry, TaskManager } from '@petrel/engine';
import { TrinoError } from '@petrel/spi';
import type { ProtocolResponse } from '../query/protocol-query.js';
import { parseJson, stringifyJson } from '../protocol/json-value.js';
import type { Announcer } from './announcer.js';
import type { InternalAuthenticator } from './internal-auth.js';
import { INTERNAL_BEARER_HEADER } from './internal-auth.js';

/** How this node takes part in a cluster (from config.properties and node.properties). */
export interface ClusterOptions {
  readonly coordinator: boolean;
  /** `node-scheduler.include-coordinator`: the coordinator also runs tasks. */
  readonly includeCoordinator: boolean;
  /** The coordinator's node manager (undefined on workers). */
  readonly nodeManager: NodeManager | undefined;
  /** Signs and checks internal requests (`internal-communication.shared-secret`); undefined: none required. */
  readonly auth: InternalAuthenticator | undefined;
  /** Workers: announces this node to the coordinator. */
  readonly announcer: Announcer | undefined;
  /** How often the coordinator's failure detector looks at announcement times. */
  readonly sweepIntervalMillis: number;
  /** Runs tasks of distributed queries on this node (`/v1/task`). */
  readonly taskManager?: TaskManager;
  /** The coordinator's own entry in its node manager (renewed at each sweep). */
  readonly self?: () => NodeAnnouncement;
  /** The coordinator's distributed queries' stages and tasks (`/v1/query/{id}`). */
  readonly stageRegistry?: StageRegistry;
}

function json(value: unknown, status = 200): ProtocolResponse {
  return { status, headers: {}, body: stringifyJson(value as never), contentType: 'application/json' };
}

function text(status: number, body: string): ProtocolResponse {
  return { status, headers: {}, body, contentType: 'text/plain; charset=utf-8' };
}

function nodeJson(node: ClusterNode, now: number): Record<string, unknown> {
  return {
    nodeId: node.nodeId,
    uri: node.httpUri,
    nodeVersion: node.nodeVersion,
    coordinator: node.coordinator,
    state: node.state,
    lastAnnouncementTime: new Date(node.lastAnnouncementTime).toISOString(),
    age: `${((now - node.lastAnnouncementTime) / 1000).toFixed(2)}s`,
    recentFailures: node.recentFailureCount,
  };
}

function parseAnnouncement(body: string, nodeId: string): NodeAnnouncement | string {
  let value: unknown;
  try {
    value = parseJson(body);
  } catch {
    return 'announcement is not JSON';
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'announcement must be a JSON object';
  const record = value as Record<string, unknown>;
  for (const field of ['environment', 'httpUri', 'nodeVersion'] as const) {
    if (typeof record[field] !== 'string' || record[field] === '') return `announcement needs a string '${field}'`;
  }
  if (record['nodeId'] !== undefined && record['nodeId'] !== nodeId) return `announcement for ${String(record['nodeId'])} sent to ${nodeId}`;
  let uri: URL;
  try {
    uri = new URL(record['httpUri'] as string);
  } catch {
    return `invalid httpUri '${String(record['httpUri'])}'`;
  }
  if (uri.protocol !== 'http:' && uri.protocol !== 'https:') return `invalid httpUri '${String(record['httpUri'])}'`;
  return {
    nodeId,
    environment: record['environment'] as string,
    httpUri: uri.toString().replace(/\/$/, ''),
    nodeVersion: record['nodeVersion'] as string,
    coordinator: record['coordinator'] === true,
  };
}

/**
 * Discovery and membership on the HTTP API: `PUT/DELETE /v1/announcement/{nodeId}` (coordinator,
 * internal requests only), `GET /v1/node` and `/v1/node/failed` from the node manager.
 */
export class ClusterApi {
  private timer: NodeJS.Timeout | undefined;

  constructor(readonly options: ClusterOptions) {}

  start(): void {
    const manager = this.options.nodeManager;
    if (manager !== undefined) {
      const self = this.options.self;
      if (self !== undefined) manager.announce(self());
      this.timer = setInterval(() => {
        if (self !== undefined) manager.announce(self());
        manager.sweep();
      }, this.options.sweepIntervalMillis);
      this.timer.unref();
    }
    this.options.announcer?.start();
  }

  /**
   * The cluster part of a graceful shutdown (`PUT /v1/info/state "SHUTTING_DOWN"`): a worker stops
   * announcing and tells the coordinator it is leaving (no new tasks come), then lets its running
   * tasks finish, until `deadline` (epoch millis).
   */
  async drain(deadline: number): Promise<void> {
    await this.options.announcer?.stop();
    const tasks = this.options.taskManager;
    if (tasks === undefined) return;
    while (tasks.runningCount() > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  }

  async stop(): Promise<void> {
    this.options.taskManager?.close();
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    await this.options.announcer?.stop();
  }

  /** Whether an internal request carries a valid token (always true when no secret is configured). */
  async isInternal(request: IncomingMessage): Promise<boolean> {
    if (this.options.auth === undefined) return true;
    return (await this.options.auth.verify(request.headers[INTERNAL_BEARER_HEADER])) !== undefined;
  }

  async handle(method: string, path: string, body: string, request: IncomingMessage): Promise<ProtocolResponse | undefined> {
    const manager = this.options.nodeManager;
    const announcement = /^\/v1\/announcement\/([^/]+)$/.exec(path);
    if (announcement !== null) {
      if (manager === undefined) return text(404, 'Not a coordinator: announcements go to discovery.uri');
      if (!(await this.isInternal(request))) return text(401, 'Internal authentication failed');
      let nodeId: string;
      try {
        nodeId = decodeURIComponent(announcement[1]!);
      } catch {
        return text(400, 'Invalid node id');
      }
      if (method === 'DELETE') {
        manager.markShuttingDown(nodeId);
        return text(200, '');
      }
      if (method !== 'PUT') return text(405, 'Method not allowed');
      const parsed = parseAnnouncement(body, nodeId);
      if (typeof parsed === 'string') return text(400, `Invalid announcement: ${parsed}`);
      try {
        manager.announce(parsed);
      } catch (error) {
        if (error instanceof TrinoError) return text(400, error.message);
        throw error;
      }
      return text(202, '');
    }
    if (manager !== undefined && (path === '/v1/node' || path === '/v1/node/failed')) {
      if (method !== 'GET') return text(405, 'Method not allowed');
      const now = Date.now();
      const nodes = path === '/v1/node' ? manager.activeNodes() : manager.failedNodes();
      return json(nodes.map((n) => nodeJson(n, now)));
    }
    return undefined;
  }
}
