import type { ConnectorSplit, Page } from '@petrel/spi';
import { StandardErrorCode, toTrinoError, TrinoError } from '@petrel/spi';
import type { ExecutionContext, ExecutionStats, OperatorStats, PlanExecution } from '../../execution/execution-context.js';
import { fragmentPlan } from '../../planner/fragmenter/fragment-plan.js';
import type { FaultTolerantSettings } from './fault-tolerant-execution.js';
import { FaultTolerantExecution } from './fault-tolerant-execution.js';
import type { PlanFragment } from '../../planner/plan/plan-fragment.js';
import type { PlanNode, RemoteSourceNode } from '../../planner/plan/plan-node.js';
import type { ExchangeClientOptions } from '../exchange/exchange-client.js';
import { ExchangeClient } from '../exchange/exchange-client.js';
import type { OutputBufferSpec } from '../task/output-buffer.js';
import type { TaskLocation, TaskStatus, TaskUpdateRequest } from '../task/task-types.js';
import type { SchedulableNode } from './remote-task.js';
import { RemoteTask } from './remote-task.js';
import { balanceSplits, DEFAULT_MAX_SPLITS_PER_NODE, enumerateSplits, splitUpdates } from './split-assignment.js';
import type { StageInfo } from './stage-execution.js';
import { StageExecution } from './stage-execution.js';
import { isParallelFragment, partitionChannels, readsHashPartitions, remoteSourcesOf, tableScansOf } from './stage-layout.js';
import type { StageRegistry } from './stage-registry.js';
import { DistributedExplainAnalyze } from './distributed-explain-analyze.js';
import { DynamicFilterCoordinator } from './dynamic-filter-coordinator.js';

export type { SchedulableNode } from './remote-task.js';
export type { StageInfo, StageState, StageTaskInfo } from './stage-execution.js';

export interface ClusterSchedulerOptions {
  /** Nodes that may run tasks now (active workers, and the coordinator when it includes itself). */
  readonly nodes: () => readonly SchedulableNode[];
  readonly exchange: ExchangeClientOptions;
  /** Runs the root fragment on the coordinator (the engine's executePlan). */
  readonly executeLocal: (root: PlanNode, context: ExecutionContext) => PlanExecution;
  /** How often task states are checked. */
  readonly statusIntervalMillis: number;
  /** `node-scheduler.max-splits-per-node`: the most splits one task update carries per scan (default 256). */
  readonly maxSplitsPerNode?: number;
  /** Keeps each query's stages for `/v1/query/{id}`. */
  readonly stageRegistry?: StageRegistry;
  /** retry_policy=TASK: the exchange manager and task retry limit (see fault-tolerant-execution.ts). */
  readonly faultTolerance?: FaultTolerantSettings;
}

let rotation = 0;

/**
 * The coordinator's side of a distributed query: cuts the plan into fragments, runs every fragment
 * but the root as a task on a worker (one task per stage in this version, stages spread round-robin),
 * and runs the root fragment here, reading its remote sources through exchange clients.
 * Returns undefined when the plan has a single fragment or no node can take tasks (run locally).
 */
export function scheduleDistributed(root: PlanNode, context: ExecutionContext, options: ClusterSchedulerOptions): DistributedExecution | QueryRetryExecution | FaultTolerantExecution | DistributedExplainAnalyze | undefined {
  const explain = root.kind === 'explainAnalyze' ? root : root.kind === 'output' && root.source.kind === 'explainAnalyze' ? root.source : undefined;
  if (explain !== undefined) {
    // EXPLAIN ANALYZE runs the analyzed plan distributed and gathers the tasks' stats at the end
    const analyzed = fragmentPlan(explain.source);
    const nodes = options.nodes();
    if (analyzed.length < 2 || nodes.length === 0) return undefined;
    return new DistributedExplainAnalyze(explain, new DistributedExecution(analyzed, nodes, context, options), context);
  }
  const fragments = fragmentPlan(root);
  const nodes = options.nodes();
  if (fragments.length < 2 || nodes.length === 0) return undefined;
  if (retryPolicyOf(context.session.systemProperties) === 'QUERY') return new QueryRetryExecution(root, fragments, context, options, nodes);
  if (retryPolicyOf(context.session.systemProperties) === 'TASK') return new FaultTolerantExecution(fragments, context, options, options.faultTolerance);
  return new DistributedExecution(fragments, nodes, context, options);
}

/** The `retry_policy` session property (values are SQL literal text, e.g. `'QUERY'`). */
export function retryPolicyOf(properties: Readonly<Record<string, string>>): 'NONE' | 'QUERY' | 'TASK' {
  const raw = (properties['retry_policy'] ?? 'NONE').trim().replace(/^'(.*)'$/s, '$1').toUpperCase();
  return raw === 'QUERY' || raw === 'TASK' ? raw : 'NONE';
}

/** Failures a query retry can get past: a node went away or stopped answering. */
const RETRYABLE_ERRORS: ReadonlySet<string> = new Set(['REMOTE_HOST_GONE', 'PAGE_TRANSPORT_TIMEOUT', 'PAGE_TRANSPORT_ERROR']);
/** Trino's `query-retry-attempts` default. */
const MAX_QUERY_ATTEMPTS = 4;

/** The node a failure names ("Node {id} at {uri} ..."), if any. */
function failedNodeOf(error: TrinoError): string | undefined {
  return /^Node (\S+) at /.exec(error.message)?.[1];
}

/**
 * `retry_policy=QUERY`: runs the query distributed; when it fails because a node went away or
 * stopped answering before any row left the query, aborts that attempt and runs the whole plan
 * again on the remaining nodes (the failed ones excluded), up to Trino's 4 attempts. With no node
 * left, the last attempt runs on the coordinator alone.
 */
export class QueryRetryExecution implements PlanExecution {
  private current: PlanExecution & { stageInfos?: () => StageInfo[] };
  private attempt = 0;
  private producedRows = false;
  private readonly excluded = new Set<string>();

  constructor(
    private readonly root: PlanNode,
    private readonly fragments: readonly PlanFragment[],
    private readonly context: ExecutionContext,
    private readonly options: ClusterSchedulerOptions,
    nodes: readonly SchedulableNode[],
  ) {
    this.current = new DistributedExecution(fragments, nodes, context, options, 0);
  }

  /** How many times the query was started again. */
  get retries(): number {
    return this.attempt;
  }

  async next(): Promise<Page | undefined> {
    for (;;) {
      try {
        const page = await this.current.next();
        if (page !== undefined && page.positionCount > 0) this.producedRows = true;
        return page;
      } catch (error) {
        const failure = toTrinoError(error);
        if (this.producedRows || !RETRYABLE_ERRORS.has(failure.errorCode.name) || this.attempt + 1 >= MAX_QUERY_ATTEMPTS || this.context.signal.aborted) throw failure;
        const nodeId = failedNodeOf(failure);
        if (nodeId !== undefined) this.excluded.add(nodeId);
        await this.current.close().catch(() => undefined);
        this.attempt++;
        const nodes = this.options.nodes().filter((n) => !this.excluded.has(n.nodeId));
        this.current = nodes.length === 0 ? this.options.executeLocal(this.root, this.context) : new DistributedExecution(this.fragments, nodes, this.context, this.options, this.attempt);
      }
    }
  }

  close(): Promise<void> {
    return this.current.close();
  }

  stats(): ExecutionStats {
    return this.current.stats();
  }

  stageInfos(): StageInfo[] {
    return this.current.stageInfos?.() ?? [];
  }
}

/** Sums the figures of the same operator (plan node and type) across tasks. */
export function mergeOperatorStats(operators: readonly OperatorStats[]): OperatorStats[] {
  const merged = new Map<string, OperatorStats>();
  for (const o of operators) {
    const key = `${o.planNodeId}\u0000${o.operatorType}`;
    const seen = merged.get(key);
    merged.set(
      key,
      seen === undefined
        ? o
        : {
            planNodeId: o.planNodeId,
            operatorType: o.operatorType,
            inputRows: seen.inputRows + o.inputRows,
            inputBytes: seen.inputBytes + o.inputBytes,
            outputRows: seen.outputRows + o.outputRows,
            outputBytes: seen.outputBytes + o.outputBytes,
            wallMillis: seen.wallMillis + o.wallMillis,
            cpuMillis: seen.cpuMillis + o.cpuMillis,
            peakMemoryBytes: Math.max(seen.peakMemoryBytes, o.peakMemoryBytes),
          },
    );
  }
  return [...merged.values()];
}

/**
 * One attempt of a distributed query on the coordinator. Every fragment but the root becomes a
 * stage: source and hash-partitioned fragments get one task per node (source stages fewer when
 * their tables have fewer splits), others one task. The coordinator enumerates each scan's
 * splits and assigns them to the stage's tasks with balance, in task updates of at most
 * `node-scheduler.max-splits-per-node` splits ending with a no-more-splits marker. A producer's
 * output buffer has one partition per consumer task: hash-partitioned by the exchange's columns,
 * or a full copy for each (broadcast). The root fragment runs here, reading its remote sources
 * through exchange clients.
 */
export class DistributedExecution implements PlanExecution {
  private readonly stages = new Map<string, StageExecution>();
  /** For each fragment, the fragment that reads its output. */
  private readonly consumerOf = new Map<string, string>();
  private local: PlanExecution | undefined;
  /** Resolves once every task exists and has its splits (producers are created before their consumers). */
  private readonly scheduled: Promise<void>;
  private readonly rootFragment: PlanFragment;
  private failure: TrinoError | undefined;
  private rejectFailure!: (error: TrinoError) => void;
  private readonly failed: Promise<never>;
  private readonly timer: NodeJS.Timeout;
  private closed = false;
  private finishedRoot = false;
  /** A round of status requests is under way (a slow node must not pile up requests). */
  private checking = false;
  /** Dynamic filters built in one fragment and consumed by scans of another. */
  private readonly dynamicFilters: DynamicFilterCoordinator;

  constructor(
    fragments: readonly PlanFragment[],
    nodes: readonly SchedulableNode[],
    private readonly context: ExecutionContext,
    private readonly options: ClusterSchedulerOptions,
    /** The attempt number in task ids (`{queryId}.{fragment}.{attempt}.{partition}`). */
    private readonly attempt = 0,
  ) {
    this.failed = new Promise<never>((_resolve, reject) => {
      this.rejectFailure = reject;
    });
    this.failed.catch(() => undefined);
    this.rootFragment = fragments[0]!;
    // the root fragment runs here, not as a task: its joins publish to its own registry only
    this.dynamicFilters = new DynamicFilterCoordinator(fragments.slice(1));
    for (const fragment of fragments) for (const child of fragment.childFragmentIds) this.consumerOf.set(child, fragment.id);
    this.scheduled = this.schedule(fragments.slice(1), nodes).catch((error: unknown) => this.fail(toTrinoError(error)));
    this.timer = setInterval(() => void this.checkTasks(), options.statusIntervalMillis);
    this.timer.unref();
    options.stageRegistry?.register(context.queryId, () => this.stageInfos());
    context.signal.addEventListener('abort', () => this.fail(toTrinoError(context.signal.reason ?? new TrinoError(StandardErrorCode.USER_CANCELED, 'Query was canceled'))), { once: true });
  }

  /** Lays out every stage (task counts and nodes), then creates the tasks from the leaves up and sends their splits. */
  private async schedule(fragments: readonly PlanFragment[], nodes: readonly SchedulableNode[]): Promise<void> {
    const start = rotation++;
    const laidOut = await Promise.all(
      fragments.map(async (fragment) => {
        const scans = tableScansOf(fragment.root);
        const splits = new Map<string, ConnectorSplit[]>();
        for (const scan of scans) splits.set(scan.id, await enumerateSplits(scan, this.context));
        let taskCount = 1;
        if (isParallelFragment(fragment)) {
          const mostSplits = Math.max(0, ...[...splits.values()].map((s) => s.length));
          taskCount = readsHashPartitions(fragment) ? nodes.length : Math.min(nodes.length, Math.max(1, mostSplits));
        }
        return { fragment, splits, taskCount };
      }),
    );
    laidOut.forEach(({ fragment, taskCount }, index) => {
      const tasks = Array.from({ length: taskCount }, (_unused, partition) => {
        const node = nodes[(start + (taskCount === 1 ? index : partition)) % nodes.length]!;
        return new RemoteTask(`${this.context.queryId}.${fragment.id}.${this.attempt}.${partition}`, partition, node, this.options.exchange);
      });
      this.stages.set(fragment.id, new StageExecution(this.context.queryId, fragment, tasks));
    });
    // every stage at once (Trino's all-at-once policy): a consumer that asks a producer not created
    // yet is told so and asks again (see ExchangeClient)
    await Promise.all(
      laidOut.map(async ({ fragment, splits }) => {
        const stage = this.stages.get(fragment.id)!;
        stage.startScheduling();
        const perTask = [...splits].map(([scanId, scanSplits]) => [scanId, balanceSplits(scanSplits, stage.tasks.length)] as const);
        await Promise.all(
          stage.tasks.map(async (task) => {
            const updates = splitUpdates(new Map(perTask.map(([scanId, split]) => [scanId, split[task.partition]!])), this.options.maxSplitsPerNode ?? DEFAULT_MAX_SPLITS_PER_NODE);
            const base = this.request(stage, task);
            if (this.failure !== undefined || this.closed) return;
            await task.post({ ...base, splitAssignments: updates[0]! });
            // the query ended while the task was being created: close() did not know it yet
            if (this.closed) return task.delete(this.failure !== undefined);
            for (const update of updates.slice(1)) {
              if (this.failure !== undefined || this.closed) return;
              await task.addSplits(base, update);
            }
          }),
        );
        stage.scheduled();
      }),
    );
  }

  /** Where a consumer task (its partition) reads a remote source: that partition of every producer task. */
  private locations(node: RemoteSourceNode, partition: number): TaskLocation[] {
    return node.sourceFragmentIds.flatMap((id) => {
      const stage = this.stages.get(id);
      if (stage === undefined) throw new TrinoError(StandardErrorCode.GENERIC_INTERNAL_ERROR, `No stage for fragment ${id}`);
      return stage.tasks.map((t) => ({ nodeId: t.node.nodeId, taskUri: t.taskUri, bufferId: partition }));
    });
  }

  private outputBuffers(fragment: PlanFragment): OutputBufferSpec {
    const consumer = this.consumerOf.get(fragment.id);
    const consumers = consumer === undefined || consumer === this.rootFragment.id ? 1 : (this.stages.get(consumer)?.tasks.length ?? 1);
    const kind = fragment.outputPartitioning.kind;
    if (kind === 'BROADCAST') return { kind: 'BROADCAST', partitions: consumers, hashChannels: [] };
    if (kind === 'HASH') return { kind: 'PARTITIONED', partitions: consumers, hashChannels: partitionChannels(fragment) };
    if (consumers === 1) return { kind: 'PARTITIONED', partitions: 1, hashChannels: [] };
    return { kind: 'ARBITRARY', partitions: consumers, hashChannels: [] };
  }

  private request(stage: StageExecution, task: RemoteTask): TaskUpdateRequest {
    const sources: Record<string, TaskLocation[]> = {};
    for (const node of remoteSourcesOf(stage.fragment.root)) sources[node.id] = this.locations(node, task.partition);
    const remoteDynamicFilterIds = this.dynamicFilters.remoteFilterIds(stage.fragment.id);
    return {
      queryId: this.context.queryId,
      session: this.context.session,
      fragment: stage.fragment,
      outputBuffers: this.outputBuffers(stage.fragment),
      sources,
      ...(remoteDynamicFilterIds.length === 0 ? {} : { remoteDynamicFilterIds }),
    };
  }

  /** Unions the dynamic filters whose build tasks all reported, and sends them to the consumer tasks that lack them. */
  private async sendDynamicFilters(): Promise<void> {
    this.dynamicFilters.merge((fragmentId) => this.stages.get(fragmentId)?.tasks.map((t) => t.taskId) ?? []);
    await Promise.all(
      [...this.stages.values()].flatMap((stage) =>
        stage.tasks
          .filter((task) => task.created && !task.done)
          .map(async (task) => {
            const filters = this.dynamicFilters.takeUndelivered(stage.fragment.id, task.taskId);
            if (filters.length === 0 || this.closed) return;
            await task.post({ ...this.request(stage, task), dynamicFilters: filters });
          }),
      ),
    );
  }

  private allTasks(): RemoteTask[] {
    return [...this.stages.values()].flatMap((s) => [...s.tasks]);
  }

  private async checkTasks(): Promise<void> {
    if (this.closed || this.checking) return;
    this.checking = true;
    try {
      await this.refreshTasks();
    } finally {
      this.checking = false;
    }
  }

  private async refreshTasks(): Promise<void> {
    await Promise.all(
      this.allTasks()
        .filter((task) => task.created && !task.done)
        .map(async (task) => {
          let status: TaskStatus | undefined;
          try {
            status = await task.refresh();
          } catch (error) {
            if (this.closed) return;
            task.state = 'FAILED';
            this.fail(toTrinoError(error));
            return;
          }
          if (status?.state === 'FAILED' && status.failure !== undefined) {
            const code = status.failure.errorName in StandardErrorCode ? StandardErrorCode[status.failure.errorName as keyof typeof StandardErrorCode] : StandardErrorCode.REMOTE_TASK_ERROR;
            this.fail(new TrinoError(code, status.failure.message));
          }
        }),
    );
    if (this.closed || this.failure !== undefined) return;
    // from every task's last status, whichever request brought it (a build may finish between polls)
    for (const stage of this.stages.values()) for (const task of stage.tasks) this.dynamicFilters.record(stage.fragment.id, task.taskId, task.dynamicFilterReports);
    try {
      await this.sendDynamicFilters();
    } catch (error) {
      if (!this.closed) this.fail(toTrinoError(error));
    }
  }

  private fail(error: TrinoError): void {
    if (this.failure !== undefined || this.finishedRoot) return;
    this.failure = error;
    this.rejectFailure(error);
    void this.close();
  }

  async next(): Promise<Page | undefined> {
    if (this.failure !== undefined) throw this.failure;
    if (this.local === undefined) {
      await Promise.race([this.scheduled, this.failed]);
      if (this.failure !== undefined) throw this.failure;
      this.local = this.options.executeLocal(this.rootFragment.root, {
        ...this.context,
        remoteSourceFactory: (node) => new ExchangeClient(this.locations(node, 0), this.options.exchange, this.context.signal),
        remoteSourceStreamsFactory: (node) => this.locations(node, 0).map((location) => new ExchangeClient([location], this.options.exchange, this.context.signal)),
      });
    }
    const page = await Promise.race([this.local.next(), this.failed]);
    if (page === undefined) this.finishedRoot = true;
    return page;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.timer);
    const abort = this.failure !== undefined;
    await Promise.all(
      [...this.stages.values()].map(async (stage) => {
        stage.end(abort ? 'ABORTED' : 'CANCELED');
        await Promise.all(stage.tasks.map((task) => (task.created ? task.delete(abort) : Promise.resolve())));
      }),
    );
    await this.local?.close().catch(() => undefined);
  }

  /** The query's figures: the root fragment's here plus every task's last reported stats. */
  stats(): ExecutionStats {
    const local = this.local?.stats() ?? { totalSplits: 0, completedSplits: 0, processedRows: 0, processedBytes: 0, peakMemoryBytes: 0, cpuMillis: 0, operators: [] };
    let { totalSplits, completedSplits, processedRows, processedBytes, peakMemoryBytes, cpuMillis } = local;
    const operators = [...local.operators];
    for (const task of this.allTasks()) {
      const stats = task.stats;
      processedRows += task.processedRows;
      if (stats === undefined) continue;
      totalSplits += stats.totalSplits;
      completedSplits += stats.completedSplits;
      processedBytes += stats.processedBytes;
      peakMemoryBytes += stats.peakMemoryBytes;
      cpuMillis += stats.cpuMillis;
      operators.push(...stats.operators);
    }
    return { totalSplits, completedSplits, processedRows, processedBytes, peakMemoryBytes, cpuMillis, operators: mergeOperatorStats(operators) };
  }

  /** Asks every task for its final status (after the root read everything: EXPLAIN ANALYZE). */
  async refreshFinalStats(): Promise<void> {
    await Promise.all(this.allTasks().filter((task) => task.created).map((task) => task.refresh().catch(() => undefined)));
  }

  /** Bytes every task put into its output buffers (what crossed the exchanges). */
  exchangedBytes(): number {
    return this.allTasks().reduce((sum, task) => sum + (task.stats?.outputBytes ?? 0), 0);
  }

  stageInfos(): StageInfo[] {
    return [...this.stages.values()].sort((a, b) => Number(a.fragment.id) - Number(b.fragment.id)).map((s) => s.info());
  }
}
