import { availableParallelism } from 'node:os';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ClusterOptions, EnginePort } from '@petrel/server';
import { Announcer, createEngine, InternalAuthenticator, parseDurationMillis, PETREL_VERSION, PetrelServer } from '@petrel/server';
import type { ServerArguments } from './cli-arguments.js';

interface EtcConfig {
  readonly server?: { readonly coordinator?: boolean; readonly includeCoordinator?: boolean; readonly discoveryUri?: string | undefined; readonly httpPort: number; readonly properties: ReadonlyMap<string, unknown>; readonly queryMaxMemoryBytes?: number | undefined; readonly webUiEnabled?: boolean };
  readonly node?: { readonly environment: string; readonly nodeId: string | undefined; readonly internalAddress?: string | undefined };
}

/** `petrel server`: one coordinator+worker node on port 8080 (or --port / http-server.http.port). */
export async function runServer(args: ServerArguments): Promise<number> {
  let config: EtcConfig = {};
  if (args.etcDir !== undefined) {
    if (!existsSync(args.etcDir)) {
      process.stderr.write(`Error: etc directory ${args.etcDir} does not exist\n`);
      return 1;
    }
    const engineModule = (await import('@petrel/engine')) as unknown as { loadEtcConfig?: (dir: string) => EtcConfig };
    if (engineModule.loadEtcConfig !== undefined) {
      try {
        config = engineModule.loadEtcConfig(args.etcDir);
      } catch (error) {
        process.stderr.write(`Error: invalid configuration: ${(error as Error).message}\n`);
        return 1;
      }
    } else if (existsSync(join(args.etcDir, 'config.properties'))) {
      process.stderr.write('Warning: this build cannot read config.properties yet; using defaults\n');
    }
  }
  const properties = config.server?.properties ?? new Map<string, unknown>();
  // node.internal-address binds the node to one address (e.g. 127.0.0.2 for a loopback cluster).
  const host = config.node?.internalAddress ?? '0.0.0.0';
  const nodeId = config.node?.nodeId ?? `petrel-${process.pid}`;
  const environment = config.node?.environment ?? 'petrel';
  let listeningPort = 0;
  // Cluster mode when config.properties says `coordinator=...` or names a discovery.uri.
  const clustered = properties.has('coordinator') || config.server?.discoveryUri !== undefined;
  let cluster = clustered ? await clusterOptions(config, properties, { nodeId, environment, host, port: () => listeningPort }) : undefined;
  const nodeManager = cluster?.nodeManager;
  let engine: EnginePort;
  try {
    engine = await createEngine({
      ...(args.etcDir === undefined ? {} : { etcDir: args.etcDir }),
      ...(config.node?.nodeId === undefined ? {} : { nodeId: config.node.nodeId }),
      ...(config.node?.environment === undefined ? {} : { environment: config.node.environment }),
      ...(config.server?.queryMaxMemoryBytes === undefined ? {} : { queryMaxMemoryBytes: config.server.queryMaxMemoryBytes }),
      // task.concurrency: drivers per source pipeline on worker threads; a single node defaults to its
      // cores, as Trino does (cluster nodes to 1 until fragments run parallel drivers too)
      taskConcurrency: Number(properties.get('task.concurrency') ?? (clustered ? 1 : availableParallelism())),
      ...(nodeManager === undefined ? {} : { clusterNodes: () => nodeManager.allNodes() }),
      ...(nodeManager === undefined || cluster === undefined ? {} : { clusterTasks: clusterTaskLister(nodeManager, cluster) }),
    } as Parameters<typeof createEngine>[0]);
  } catch (error) {
    process.stderr.write(`Error: ${(error as Error).message}\n`);
    return 1;
  }
  const clientTimeout = properties.get('query.client.timeout');
  const grace = properties.get('shutdown.grace-period');
  // etc/exchange-manager.properties: spooling for retry_policy=TASK (coordinator and workers)
  let exchangeManager: import('@petrel/engine').FileSystemExchangeManager | undefined;
  if (args.etcDir !== undefined) {
    try {
      exchangeManager = ((await import('@petrel/engine')) as unknown as typeof import('@petrel/engine')).loadExchangeManager(args.etcDir);
    } catch (error) {
      process.stderr.write(`Error: invalid configuration: ${(error as Error).message}\n`);
      await engine.shutdown().catch(() => undefined);
      return 1;
    }
  }
  if (cluster !== undefined) cluster = await wireClusterExecution(engine as unknown as import('@petrel/engine').Engine, cluster, nodeId, properties, exchangeManager);
  const server = new PetrelServer({
    engine,
    port: args.port ?? config.server?.httpPort ?? 8080,
    host,
    ...(cluster === undefined ? {} : { cluster }),
    ...(config.node?.environment === undefined ? {} : { environment: config.node.environment }),
    ...(config.node?.nodeId === undefined ? {} : { nodeId: config.node.nodeId }),
    ...(config.server?.webUiEnabled === undefined ? {} : { webUiEnabled: config.server.webUiEnabled }),
    queryManager: {
      ...(typeof clientTimeout === 'number' ? { clientTimeoutMillis: clientTimeout } : typeof clientTimeout === 'string' ? { clientTimeoutMillis: parseDurationMillis(clientTimeout) ?? 300_000 } : {}),
      ...(typeof properties.get('query.max-history') === 'number' ? { maxHistory: properties.get('query.max-history') as number } : {}),
    },
    ...(typeof grace === 'number' ? { shutdownGracePeriodMillis: grace } : {}),
    ...(typeof properties.get('sql.default-catalog') === 'string' ? { defaultCatalog: properties.get('sql.default-catalog') as string } : {}),
    ...(typeof properties.get('sql.default-schema') === 'string' ? { defaultSchema: properties.get('sql.default-schema') as string } : {}),
  });
  let port: number;
  try {
    server.onListening = (p) => {
      listeningPort = p;
    };
    port = await server.listen();
  } catch (error) {
    process.stderr.write(`Error: cannot listen on port ${args.port ?? config.server?.httpPort ?? 8080}: ${(error as Error).message}\n`);
    await engine.shutdown().catch(() => undefined);
    return 1;
  }
  if (cluster !== undefined) server.log(`${cluster.coordinator ? 'Coordinator' : 'Worker'} ${nodeId} in environment ${environment}`);
  server.log(`Petrel server listening on http://${host}:${port} (web UI: http://localhost:${port}/ui/)`);
  process.stderr.write('======== SERVER STARTED ========\n');
  return new Promise<number>((resolve) => {
    server.onShutdown = () => resolve(0);
    let signals = 0;
    const stop = (): void => {
      signals++;
      if (signals > 1) {
        process.stderr.write('Forced shutdown\n');
        resolve(1);
        return;
      }
      void server.shutdown();
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  });
}

/** Cluster settings: the coordinator keeps a node manager, workers announce to discovery.uri. */
async function clusterOptions(
  config: EtcConfig,
  properties: ReadonlyMap<string, unknown>,
  self: { readonly nodeId: string; readonly environment: string; readonly host: string; readonly port: () => number },
): Promise<ClusterOptions> {
  const engineModule = (await import('@petrel/engine')) as unknown as typeof import('@petrel/engine');
  const coordinator = config.server?.coordinator ?? true;
  const secret = properties.get('internal-communication.shared-secret');
  const auth = typeof secret === 'string' ? new InternalAuthenticator(secret, self.nodeId) : undefined;
  const address = self.host === '0.0.0.0' ? '127.0.0.1' : self.host;
  const announcement = () => ({
    nodeId: self.nodeId,
    environment: self.environment,
    httpUri: `http://${address}:${self.port()}`,
    nodeVersion: PETREL_VERSION,
    coordinator,
  });
  const settings = engineModule.clusterSettingsFromProperties(properties);
  const intervalMillis = settings.heartbeatIntervalMillis;
  return {
    coordinator,
    includeCoordinator: config.server?.includeCoordinator ?? true,
    nodeManager: coordinator
      ? new engineModule.NodeManager({ environment: self.environment, failureTimeoutMillis: settings.failureTimeoutMillis, announcementIntervalMillis: intervalMillis })
      : undefined,
    auth,
    announcer:
      coordinator || config.server?.discoveryUri === undefined
        ? undefined
        : new Announcer({ discoveryUri: config.server.discoveryUri, announcement, auth, intervalMillis, log: (line) => process.stderr.write(`${new Date().toISOString()}\tINFO\t${line}\n`) }),
    sweepIntervalMillis: Math.min(250, intervalMillis),
    ...(coordinator ? { self: announcement } : {}),
  };
}

/** Workers announce every `failure-detector.heartbeat-interval` (1s); a node silent for `failure-detector.timeout` (3s) is failed. */

/**
 * Connectors whose tables read the same on every node: stateless generators, and JDBC catalogs
 * (every node needs the catalog file). Memory tables live on the coordinator and system tables
 * describe it: their plans stay there.
 */
const DISTRIBUTABLE_CONNECTORS = new Set(['tpch', 'postgresql', 'mysql']);

/** `system.runtime.tasks` on the coordinator: the tasks of every active node. */
function clusterTaskLister(nodeManager: NonNullable<ClusterOptions['nodeManager']>, cluster: ClusterOptions): () => Promise<import('@petrel/engine').ClusterTaskRow[]> {
  return async () => {
    const engineModule = (await import('@petrel/engine')) as unknown as typeof import('@petrel/engine');
    const nodes = nodeManager.allNodes().filter((n) => n.state === 'active' || n.state === 'shutting_down');
    return engineModule.gatherClusterTasks(nodes, async () => (cluster.auth === undefined ? {} : await cluster.auth.headers()));
  };
}
/** Plan nodes that write or must run where the query runs. */
const LOCAL_ONLY_NODES = new Set(['tableWriter', 'tableFinish', 'tableDelete', 'tableFunction']);

/**
 * Every node runs tasks (`/v1/task`) with its engine; the coordinator schedules read-only plans over
 * distributable catalogs on the active workers and runs everything else itself.
 */
async function wireClusterExecution(
  engine: import('@petrel/engine').Engine,
  cluster: ClusterOptions,
  nodeId: string,
  properties: ReadonlyMap<string, unknown>,
  exchangeManager?: import('@petrel/engine').FileSystemExchangeManager,
): Promise<ClusterOptions> {
  const engineModule = (await import('@petrel/engine')) as unknown as typeof import('@petrel/engine');
  const settings = engineModule.clusterSettingsFromProperties(properties);
  const headers = async (): Promise<Record<string, string>> => (cluster.auth === undefined ? {} : await cluster.auth.headers());
  const exchange = {
    ...engineModule.DEFAULT_EXCHANGE_OPTIONS,
    headers,
    requestTimeoutMillis: settings.exchangeRequestTimeoutMillis,
    ...(cluster.nodeManager === undefined ? {} : { onHostGone: (id: string) => cluster.nodeManager!.markFailed(id) }),
  };
  const taskManager = new engineModule.TaskManager(
    nodeId,
    (root, options) => engine.executeFragment(root, options),
    (locations, signal) => engineModule.openExchangeSource(locations, exchange, signal),
    engineModule.DEFAULT_MAX_BUFFERED_BYTES,
    60_000,
    settings.pageSerde,
    exchangeManager,
  );
  const manager = cluster.nodeManager;
  const stageRegistry = new engineModule.StageRegistry();
  if (cluster.coordinator && manager !== undefined) {
    const canDistribute = (node: import('@petrel/engine').PlanNode): boolean => {
      if (LOCAL_ONLY_NODES.has(node.kind)) return false;
      if (node.kind === 'tableScan' && !DISTRIBUTABLE_CONNECTORS.has(engine.connectorNameOf(node.table.catalog) ?? '')) return false;
      return engineModule.planSources(node).every(canDistribute);
    };
    engine.setDistributedExecutor((root, context) =>
      canDistribute(root)
        ? engineModule.scheduleDistributed(root, context, {
            nodes: () => manager.workerNodes(cluster.includeCoordinator),
            exchange,
            executeLocal: (fragmentRoot, fragmentContext) => engineModule.executePlan(fragmentRoot, fragmentContext),
            statusIntervalMillis: 200,
            faultTolerance: {
              exchangeManager,
              taskRetryAttemptsPerTask: typeof properties.get('task-retry-attempts-per-task') === 'number' ? (properties.get('task-retry-attempts-per-task') as number) : engineModule.DEFAULT_TASK_RETRY_ATTEMPTS_PER_TASK,
            },
            maxSplitsPerNode: typeof properties.get('node-scheduler.max-splits-per-node') === 'number' ? (properties.get('node-scheduler.max-splits-per-node') as number) : engineModule.DEFAULT_MAX_SPLITS_PER_NODE,
            stageRegistry,
          })
        : undefined,
    );
  }
  return { ...cluster, taskManager, stageRegistry };
}
