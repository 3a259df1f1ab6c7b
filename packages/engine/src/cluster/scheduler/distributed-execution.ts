import type { Page } from '@petrel/spi';
import { StandardErrorCode, toTrinoError, TrinoError } from '@petrel/spi';
import type { ExecutionContext, ExecutionStats, PlanExecution } from '../../execution/execution-context.js';
import { fragmentPlan } from '../../planner/fragmenter/fragment-plan.js';
import type { PlanFragment } from '../../planner/plan/plan-fragment.js';
import type { PlanNode, RemoteSourceNode } from '../../planner/plan/plan-node.js';
import { planSources } from '../../planner/plan/plan-sources.js';
import type { ExchangeClientOptions } from '../exchange/exchange-client.js';
import { ExchangeClient, remoteHostGone } from '../exchange/exchange-client.js';
import { encodePlanJson } from '../task/plan-codec.js';
import type { OutputBufferSpec } from '../task/output-buffer.js';
import type { TaskLocation, TaskStatus, TaskUpdateRequest } from '../task/task-types.js';
import { isDoneTaskState } from '../task/task-types.js';

/** A node that can run tasks. */
export interface SchedulableNode {
  readonly nodeId: string;
  readonly httpUri: string;
}

/** Stage states, as Trino names them. */
export type StageState = 'PLANNED' | 'SCHEDULING' | 'RUNNING' | 'FLUSHING' | 'FINISHED' | 'FAILED' | 'ABORTED' | 'CANCELED';

export interface StageInfo {
  readonly fragmentId: string;
  readonly state: StageState;
  readonly tasks: readonly { readonly taskId: string; readonly nodeId: string; readonly taskUri: string; readonly state: string; readonly outputRows: number; readonly bufferedBytes: number }[];
}

export interface ClusterSchedulerOptions {
  /** Nodes that may run tasks now (active workers, and the coordinator when it includes itself). */
  readonly nodes: () => readonly SchedulableNode[];
  readonly exchange: ExchangeClientOptions;
  /** Runs the root fragment on the coordinator (the engine's executePlan). */
  readonly executeLocal: (root: PlanNode, context: ExecutionContext) => PlanExecution;
  /** How often task states are checked. */
  readonly statusIntervalMillis: number;
}

function remoteSources(node: PlanNode, out: RemoteSourceNode[] = []): RemoteSourceNode[] {
  if (node.kind === 'remoteSource') out.push(node);
  for (const source of planSources(node)) remoteSources(source, out);
  return out;
}

let rotation = 0;

/**
 * The coordinator's side of a distributed query: cuts the plan into fragments, runs every fragment
 * but the root as a task on a worker (one task per stage in this version, stages spread round-robin),
 * and runs the root fragment here, reading its remote sources through exchange clients.
 * Returns undefined when the plan has a single fragment or no node can take tasks (run locally).
 */
export function scheduleDistributed(root: PlanNode, context: ExecutionContext, options: ClusterSchedulerOptions): DistributedExecution | QueryRetryExecution | undefined {
  const fragments = fragmentPlan(root);
  const nodes = options.nodes();
  if (fragments.length < 2 || nodes.length === 0) return undefined;
  if (retryPolicyOf(context.session.systemProperties) === 'QUERY') return new QueryRetryExecution(root, fragments, context, options, nodes);
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

class Stage {
  state: StageState = 'PLANNED';
  /** From the task's last status. */
  outputRows = 0;
  bufferedBytes = 0;
  constructor(
    readonly fragment: PlanFragment,
    readonly node: SchedulableNode,
    readonly taskId: string,
  ) {}

  taskUri(): string {
    return `${this.node.httpUri}/v1/task/${encodeURIComponent(this.taskId)}`;
  }
}

export class DistributedExecution implements PlanExecution {
  private readonly stages = new Map<string, Stage>();
  private local: PlanExecution | undefined;
  /** Resolves once every task exists (producers are created before their consumers). */
  private readonly scheduled: Promise<void>;
  private readonly rootFragment: PlanFragment;
  private failure: TrinoError | undefined;
  private rejectFailure!: (error: TrinoError) => void;
  private readonly failed: Promise<never>;
  private readonly timer: NodeJS.Timeout;
  private closed = false;
  private finishedRoot = false;

  constructor(
    fragments: readonly PlanFragment[],
    nodes: readonly SchedulableNode[],
    private readonly context: ExecutionContext,
    private readonly options: ClusterSchedulerOptions,
    /** The attempt number in task ids (`{queryId}.{fragment}.{attempt}.0`, as Trino). */
    attempt = 0,
  ) {
    this.failed = new Promise<never>((_resolve, reject) => {
      this.rejectFailure = reject;
    });
    this.failed.catch(() => undefined);
    const start = rotation++;
    fragments.slice(1).forEach((fragment, index) => {
      const node = nodes[(start + index) % nodes.length]!;
      this.stages.set(fragment.id, new Stage(fragment, node, `${context.queryId}.${fragment.id}.${attempt}.0`));
    });
    // children have higher fragment ids: create from the leaves up, so every producer exists before its consumer reads
    const ordered = [...this.stages.values()].sort((a, b) => Number(b.fragment.id) - Number(a.fragment.id));
    this.scheduled = (async () => {
      for (const stage of ordered) if (!(await this.createTask(stage))) return;
    })();
    this.rootFragment = fragments[0]!;
    this.timer = setInterval(() => void this.checkTasks(), options.statusIntervalMillis);
    this.timer.unref();
    context.signal.addEventListener('abort', () => this.fail(toTrinoError(context.signal.reason ?? new TrinoError(StandardErrorCode.USER_CANCELED, 'Query was canceled'))), { once: true });
  }

  private locations(node: RemoteSourceNode): TaskLocation[] {
    return node.sourceFragmentIds.map((id) => {
      const stage = this.stages.get(id);
      if (stage === undefined) throw new TrinoError(StandardErrorCode.GENERIC_INTERNAL_ERROR, `No stage for fragment ${id}`);
      return { nodeId: stage.node.nodeId, taskUri: stage.taskUri(), bufferId: 0 };
    });
  }

  private request(stage: Stage): TaskUpdateRequest {
    const sources: Record<string, TaskLocation[]> = {};
    for (const node of remoteSources(stage.fragment.root)) sources[node.id] = this.locations(node);
    // one consumer task per stage: a single buffer; broadcast and hash partitioning are trivial with one consumer
    const outputBuffers: OutputBufferSpec = { kind: stage.fragment.outputPartitioning.kind === 'BROADCAST' ? 'BROADCAST' : 'PARTITIONED', partitions: 1, hashChannels: [] };
    return { queryId: this.context.queryId, session: this.context.session, fragment: stage.fragment, outputBuffers, sources };
  }

  private async createTask(stage: Stage): Promise<boolean> {
    stage.state = 'SCHEDULING';
    try {
      const response = await fetch(stage.taskUri(), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...(await this.options.exchange.headers()) },
        body: encodePlanJson(this.request(stage)),
      }).catch((error: unknown) => {
        this.options.exchange.onHostGone?.(stage.node.nodeId);
        throw remoteHostGone({ nodeId: stage.node.nodeId, taskUri: stage.taskUri() }, error);
      });
      const text = await response.text();
      if (response.status !== 200) throw new TrinoError(StandardErrorCode.REMOTE_TASK_ERROR, `Creating task ${stage.taskId} on ${stage.node.nodeId} failed: ${response.status} ${text}`);
      if (stage.state === 'SCHEDULING') stage.state = 'RUNNING';
      return true;
    } catch (error) {
      stage.state = 'FAILED';
      this.fail(toTrinoError(error));
      return false;
    }
  }

  private async checkTasks(): Promise<void> {
    if (this.closed) return;
    await Promise.all(
      [...this.stages.values()]
        .filter((stage) => stage.state === 'RUNNING' || stage.state === 'FLUSHING')
        .map(async (stage) => {
          let status: TaskStatus;
          try {
            const response = await fetch(stage.taskUri(), { headers: await this.options.exchange.headers(), signal: AbortSignal.timeout(5000) });
            if (response.status !== 200) throw new Error(`status ${response.status}`);
            status = (await response.json()) as TaskStatus;
          } catch (error) {
            if (this.closed) return;
            this.options.exchange.onHostGone?.(stage.node.nodeId);
            stage.state = 'FAILED';
            this.fail(remoteHostGone({ nodeId: stage.node.nodeId, taskUri: stage.taskUri() }, error));
            return;
          }
          stage.outputRows = status.outputRows;
          stage.bufferedBytes = status.bufferedBytes;
          if (status.state === 'FAILED' && status.failure !== undefined) {
            stage.state = 'FAILED';
            const code = status.failure.errorName in StandardErrorCode ? StandardErrorCode[status.failure.errorName as keyof typeof StandardErrorCode] : StandardErrorCode.REMOTE_TASK_ERROR;
            this.fail(new TrinoError(code, status.failure.message));
          } else if (status.state === 'FLUSHING' || status.state === 'FINISHED') {
            stage.state = status.state;
          } else if (isDoneTaskState(status.state)) {
            stage.state = status.state;
          }
        }),
    );
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
      this.local = this.options.executeLocal(this.rootFragment.root, {
        ...this.context,
        remoteSourceFactory: (node) => new ExchangeClient(this.locations(node), this.options.exchange, this.context.signal),
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
        if (stage.state !== 'FINISHED' && stage.state !== 'FAILED') stage.state = abort ? 'ABORTED' : stage.state === 'FLUSHING' ? 'FINISHED' : 'CANCELED';
        await fetch(`${stage.taskUri()}?abort=${abort}`, { method: 'DELETE', headers: await this.options.exchange.headers(), signal: AbortSignal.timeout(2000) }).catch(() => undefined);
      }),
    );
    await this.local?.close().catch(() => undefined);
  }

  stats(): ExecutionStats {
    return this.local?.stats() ?? { totalSplits: 0, completedSplits: 0, processedRows: 0, processedBytes: 0, peakMemoryBytes: 0, cpuMillis: 0, operators: [] };
  }

  stageInfos(): StageInfo[] {
    return [...this.stages.values()].map((s) => ({ fragmentId: s.fragment.id, state: s.state, tasks: [{ taskId: s.taskId, nodeId: s.node.nodeId, taskUri: s.taskUri(), state: s.state, outputRows: s.outputRows, bufferedBytes: s.bufferedBytes }] }));
  }
}
