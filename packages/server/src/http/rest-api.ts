import type { IncomingMessage } from 'node:http';
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { StandardErrorCode, TrinoError } from '@petrel/spi';
import type { ProtocolQuery, ProtocolResponse } from '../query/protocol-query.js';
import { toQueryError } from '../protocol/query-error.js';
import { parseJson } from '../protocol/json-value.js';
import type { PetrelServer } from './petrel-server.js';
import { jsonResponse, PETREL_VERSION } from './petrel-server.js';
import { formatPlanGraph } from './plan-graph.js';
import type { PlanGraph } from './plan-graph.js';
import { threadInfos } from './thread-info.js';

function text(status: number, message: string): ProtocolResponse {
  return { status, headers: {}, body: message, contentType: 'text/plain; charset=utf-8' };
}

/** airlift's `Duration.toString()` form (`1.23s`, `4.50m`). */
export function formatAirliftDuration(millis: number): string {
  const units: [string, number][] = [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
    ['ms', 1],
  ];
  for (const [unit, size] of units) {
    if (millis >= size) return `${(millis / size).toFixed(2)}${unit}`;
  }
  return `${millis.toFixed(2)}ms`;
}

function formatBytes(bytes: number): string {
  return `${bytes}B`;
}

/** `/v1/info`, `/v1/status`, `/v1/node`, `/v1/query`, `/v1/thread` and the stats the web UI polls. */
export class RestApi {
  private readonly plans = new Map<string, Promise<PlanGraph | undefined>>();

  constructor(private readonly server: PetrelServer) {}

  async handle(method: string, path: string, url: URL, body: string, request: IncomingMessage): Promise<ProtocolResponse | undefined> {
    const server = this.server;
    const uptime = formatAirliftDuration(Date.now() - server.startTime);
    if (path === '/v1/info' && method === 'GET') {
      return jsonResponse({ nodeVersion: { version: PETREL_VERSION }, environment: server.environment, coordinator: server.isCoordinator(), starting: false, uptime });
    }
    if (path === '/v1/info/state') {
      if (method === 'GET') return jsonResponse(server.state());
      if (method === 'PUT') {
        let state: unknown;
        try {
          state = parseJson(body);
        } catch {
          return text(400, 'Invalid state: expected a JSON string such as "SHUTTING_DOWN"');
        }
        if (state === 'SHUTTING_DOWN') {
          void server.shutdown();
          return jsonResponse('SHUTTING_DOWN');
        }
        if (state === 'ACTIVE' || state === 'INACTIVE') {
          if (server.state() === 'SHUTTING_DOWN') return text(400, `Cannot change state from SHUTTING_DOWN to ${state}`);
          return text(400, `Invalid state transition to ${state}`);
        }
        return text(400, `Invalid state: ${JSON.stringify(state)}`);
      }
      return text(405, 'Method not allowed');
    }
    if (path === '/v1/info/coordinator' && method === 'GET') return server.isCoordinator() ? text(200, '') : text(404, 'Not a coordinator');
    if (path === '/v1/status' && method === 'GET') {
      const memory = process.memoryUsage();
      return jsonResponse({
        nodeId: server.nodeId,
        nodeVersion: { version: PETREL_VERSION },
        environment: server.environment,
        coordinator: server.isCoordinator(),
        uptime,
        externalAddress: request.headers.host ?? 'localhost',
        internalAddress: request.headers.host ?? 'localhost',
        memoryInfo: { availableProcessors: cpus().length, pool: { maxBytes: totalmem(), reservedBytes: memory.rss, freeBytes: freemem() } },
        processors: cpus().length,
        processCpuLoad: 0,
        systemCpuLoad: (loadavg()[0] ?? 0) / Math.max(1, cpus().length),
        heapUsed: memory.heapUsed,
        heapAvailable: memory.heapTotal,
        nonHeapUsed: memory.external,
      });
    }
    if (path === '/v1/node' && method === 'GET') {
      return jsonResponse([
        {
          uri: server.baseUri(request),
          recentRequests: 0,
          recentFailures: 0,
          recentSuccesses: 0,
          lastRequestTime: new Date().toISOString(),
          lastResponseTime: new Date().toISOString(),
          age: uptime,
          recentFailureRatio: 0,
          recentFailuresByType: {},
        },
      ]);
    }
    if (path === '/v1/node/failed' && method === 'GET') return jsonResponse([]);
    if (path === '/v1/thread' && method === 'GET') {
      return jsonResponse(threadInfos());
    }
    if ((path === '/v1/query' || path === '/ui/api/query') && method === 'GET') {
      const stateFilter = url.searchParams.get('state')?.toUpperCase();
      const list = server.queries
        .list()
        .filter((q) => stateFilter === undefined || q.state() === stateFilter)
        .map((q) => this.basicQueryInfo(q, server.baseUri(request)));
      return jsonResponse(list);
    }
    if (path === '/v1/cluster' || path === '/ui/api/stats') {
      const queries = server.queries.list();
      const running = queries.filter((q) => !q.isDone());
      const totals = queries.reduce(
        (acc, q) => {
          const stats = q.execution.stats();
          acc.rows += stats.processedRows;
          acc.bytes += stats.processedBytes;
          acc.cpu += stats.cpuMillis;
          return acc;
        },
        { rows: 0, bytes: 0, cpu: 0 },
      );
      return jsonResponse({
        runningQueries: running.filter((q) => q.state() === 'RUNNING' || q.state() === 'FINISHING').length,
        blockedQueries: 0,
        queuedQueries: running.filter((q) => ['QUEUED', 'WAITING_FOR_RESOURCES', 'DISPATCHING', 'PLANNING', 'STARTING'].includes(q.state())).length,
        activeCoordinators: 1,
        activeWorkers: 1,
        runningDrivers: running.length,
        totalAvailableProcessors: cpus().length,
        reservedMemory: process.memoryUsage().heapUsed,
        totalInputRows: totals.rows,
        totalInputBytes: totals.bytes,
        totalCpuTimeSecs: Math.round(totals.cpu / 1000),
        uptime,
        nodeVersion: PETREL_VERSION,
        environment: server.environment,
        state: server.state(),
      });
    }
    const queryPath = /^\/v1\/query\/([^/]+)(?:\/(killed|preempted|plan))?$/.exec(path);
    if (queryPath !== null) {
      const query = server.queries.get(queryPath[1]!);
      if (query === undefined) return text(410, `Query not found: ${queryPath[1]}`);
      const action = queryPath[2];
      if (action === undefined && method === 'GET') return jsonResponse(await this.queryInfo(query, server.baseUri(request)));
      if (action === undefined && method === 'DELETE') {
        query.fail(new TrinoError(StandardErrorCode.USER_CANCELED, 'Query was canceled'));
        return { status: 204, headers: {}, body: '', contentType: 'text/plain' };
      }
      if ((action === 'killed' || action === 'preempted') && method === 'PUT') {
        if (query.isDone()) return text(409, 'Query already finished');
        const message = body.trim() === '' ? '' : body.trim().replace(/^"|"$/g, '');
        query.fail(
          action === 'killed'
            ? new TrinoError(StandardErrorCode.ADMINISTRATIVELY_KILLED, `Query killed. ${message === '' ? 'No message provided.' : `Message: ${message}`}`)
            : new TrinoError(StandardErrorCode.ADMINISTRATIVELY_PREEMPTED, `Query preempted. ${message === '' ? 'No message provided.' : `Message: ${message}`}`),
        );
        return { status: 202, headers: {}, body: '', contentType: 'text/plain' };
      }
      if (action === 'plan' && method === 'GET') return jsonResponse((await this.plan(query)) ?? null);
      return text(405, 'Method not allowed');
    }
    return undefined;
  }

  private sessionInfo(query: ProtocolQuery): Record<string, unknown> {
    const session = query.request.session;
    return {
      queryId: query.queryId,
      user: session.user,
      source: session.source ?? null,
      catalog: session.catalog ?? null,
      schema: session.schema ?? null,
      path: session.path ?? null,
      timeZone: session.timeZone,
      locale: session.locale,
      clientTags: session.clientTags,
      clientInfo: session.clientInfo ?? null,
      systemProperties: session.systemProperties,
      catalogProperties: session.catalogProperties,
      preparedStatements: session.preparedStatements,
      transactionId: session.transactionId ?? null,
      roles: session.roles ?? {},
      resourceEstimates: session.resourceEstimates ?? {},
      // Credential values are secrets: query info names them only.
      extraCredentialNames: Object.keys(session.extraCredentials ?? {}),
    };
  }

  private queryStats(query: ProtocolQuery): Record<string, unknown> {
    const stats = query.execution.stats();
    const end = query.endTimeMillis();
    const elapsed = (end ?? Date.now()) - query.createTime;
    return {
      createTime: new Date(query.createTime).toISOString(),
      endTime: end === undefined ? null : new Date(end).toISOString(),
      elapsedTime: formatAirliftDuration(elapsed),
      queuedTime: formatAirliftDuration(stats.queuedMillis),
      planningTime: formatAirliftDuration(stats.planningMillis),
      executionTime: formatAirliftDuration(Math.max(0, elapsed - stats.queuedMillis)),
      totalCpuTime: formatAirliftDuration(stats.cpuMillis),
      elapsedTimeMillis: elapsed,
      cpuTimeMillis: stats.cpuMillis,
      totalDrivers: stats.totalSplits,
      queuedDrivers: stats.queuedSplits,
      runningDrivers: stats.runningSplits,
      completedDrivers: stats.completedSplits,
      progressPercentage: stats.totalSplits > 0 ? (stats.completedSplits * 100) / stats.totalSplits : query.isDone() ? 100 : 0,
      rawInputPositions: stats.processedRows,
      rawInputDataSize: formatBytes(stats.processedBytes),
      processedInputPositions: stats.processedRows,
      processedInputDataSize: formatBytes(stats.processedBytes),
      outputPositions: stats.outputRows,
      outputDataSize: formatBytes(stats.outputBytes),
      peakUserMemoryReservation: formatBytes(stats.peakMemoryBytes),
      peakTotalMemoryReservation: formatBytes(stats.peakMemoryBytes),
      rowsReturned: query.rowsReturned(),
    };
  }

  private basicQueryInfo(query: ProtocolQuery, baseUri: string): Record<string, unknown> {
    const error = query.error();
    return {
      queryId: query.queryId,
      session: this.sessionInfo(query),
      state: query.state(),
      memoryPool: 'general',
      scheduled: query.state() !== 'QUEUED',
      self: `${baseUri}/v1/query/${query.queryId}`,
      query: query.sql,
      queryStats: this.queryStats(query),
      errorType: error?.errorCode.type ?? null,
      errorCode: error === undefined ? null : { code: error.errorCode.code, name: error.errorCode.name, type: error.errorCode.type },
    };
  }

  private async queryInfo(query: ProtocolQuery, baseUri: string): Promise<Record<string, unknown>> {
    const error = query.error();
    const info = this.basicQueryInfo(query, baseUri);
    const execution = query.execution;
    let operatorStats: Record<string, unknown>[] = [];
    try {
      operatorStats = (execution.executionStats?.()?.operators ?? []).map((o) => ({
        planNodeId: o.planNodeId,
        operatorType: o.operatorType,
        inputRows: o.inputRows,
        inputBytes: o.inputBytes,
        outputRows: o.outputRows,
        outputBytes: o.outputBytes,
        wallMillis: o.wallMillis,
        cpuMillis: o.cpuMillis,
        peakMemoryBytes: o.peakMemoryBytes,
        // Trino's OperatorStats names for the same figures
        inputPositions: o.inputRows,
        inputDataSize: formatBytes(o.inputBytes),
        outputPositions: o.outputRows,
        outputDataSize: formatBytes(o.outputBytes),
        peakUserMemoryReservation: formatBytes(o.peakMemoryBytes),
      }));
    } catch {
      operatorStats = [];
    }
    return {
      ...info,
      updateType: execution.updateType() ?? null,
      failureInfo: error === undefined ? null : toQueryError(error).failureInfo,
      errorMessage: error?.message ?? null,
      operatorStats,
      // distributed queries: each stage (fragment) with its tasks, their nodes, states and figures
      stages: (this.server.options.cluster?.stageRegistry?.stages(query.queryId) ?? []).map((stage) => ({
        ...stage,
        tasks: stage.tasks.map((task) => ({ ...task, outputDataSize: formatBytes(task.outputBytes ?? 0), processedInputDataSize: formatBytes(task.processedBytes ?? 0) })),
      })),
      plan: await this.plan(query),
      finalQueryInfo: query.isDone(),
    };
  }

  /** The query's plan, from EXPLAIN of the same text and session (computed once). */
  private plan(query: ProtocolQuery): Promise<PlanGraph | undefined> {
    let plan = this.plans.get(query.queryId);
    if (plan === undefined) {
      plan = (async () => {
        const sql = query.sql.trim();
        if (!/^(select|with|values|table|\()/i.test(sql)) return undefined;
        try {
          const { rows } = await collect(this.server.options.engine.execute(`EXPLAIN ${sql.replace(/;\s*$/, '')}`, query.request.session));
          const lines = rows.map((r) => String(r[0] ?? '')).join('\n');
          return formatPlanGraph(lines);
        } catch {
          return undefined;
        }
      })();
      this.plans.set(query.queryId, plan);
      if (this.plans.size > 200) this.plans.delete(this.plans.keys().next().value!);
    }
    return plan;
  }
}

async function collect(execution: import('../engine-port.js').QueryExecution): Promise<{ rows: unknown[][] }> {
  const { pageRows } = await import('@petrel/spi');
  const rows: unknown[][] = [];
  await execution.columns();
  for (;;) {
    const page = await execution.nextPage();
    if (page === undefined) break;
    rows.push(...pageRows(page));
  }
  return { rows };
}
