import type { Page } from '@petrel/spi';
import { StandardErrorCode, toTrinoError, TrinoError } from '@petrel/spi';
import type { ExecutionContext, ExecutionStats, PlanExecution } from '../../execution/execution-context.js';
import type { PlanFragment } from '../../planner/plan/plan-fragment.js';
import type { PlanNode, RemoteSourceNode } from '../../planner/plan/plan-node.js';
import { planSources } from '../../planner/plan/plan-sources.js';
import { remoteHostGone } from '../exchange/exchange-client.js';
import type { FileSystemExchangeManager } from '../exchange/spool/filesystem-exchange-manager.js';
import { SpoolExchangeReader } from '../exchange/spool/spool-reader.js';
import type { SpoolTarget } from '../exchange/spool/spool-writer.js';
import { spoolFileOf } from '../exchange/spool/spool-writer.js';
import type { OutputBufferSpec } from '../task/output-buffer.js';
import { encodePlanJson } from '../task/plan-codec.js';
import type { TaskLocation, TaskStatus, TaskUpdateRequest } from '../task/task-types.js';
import type { ClusterSchedulerOptions, SchedulableNode, StageInfo, StageState } from './distributed-execution.js';

/** Trino's `task-retry-attempts-per-task` default: a task may be retried this many times. */
export const DEFAULT_TASK_RETRY_ATTEMPTS_PER_TASK = 4;

/** What `retry_policy=TASK` needs from the node's configuration. */
export interface FaultTolerantSettings {
  /** `etc/exchange-manager.properties`; undefined when the node has none (TASK queries then fail). */
  readonly exchangeManager: FileSystemExchangeManager | undefined;
  /** `task-retry-attempts-per-task`: how many times one task may be retried before the query fails. */
  readonly taskRetryAttemptsPerTask: number;
}

/** How long an abandoned attempt's node is asked to abort it (a frozen node may come back). */
const ABANDONED_ABORT_RETRIES = 60;
const ABANDONED_ABORT_INTERVAL_MILLIS = 1000;

function remoteSources(node: PlanNode, out: RemoteSourceNode[] = []): RemoteSourceNode[] {
  if (node.kind === 'remoteSource') out.push(node);
  for (const source of planSources(node)) remoteSources(source, out);
  return out;
}

/** A user error (bad input, division by zero ...) fails the same way on every node: never retried. */
function isRetryable(error: TrinoError): boolean {
  return error.errorCode.type !== 'USER_ERROR';
}

function errorOf(failure: { readonly errorName: string; readonly message: string }): TrinoError {
  const code = failure.errorName in StandardErrorCode ? StandardErrorCode[failure.errorName as keyof typeof StandardErrorCode] : StandardErrorCode.REMOTE_TASK_ERROR;
  return new TrinoError(code, failure.message);
}

/** One attempt of a task (`{queryId}.{fragment}.{partition}.{attempt}`, as Trino names them). */
interface TaskAttempt {
  readonly taskId: string;
  readonly node: SchedulableNode;
  readonly taskUri: string;
  readonly spool: SpoolTarget;
  state: StageState;
  outputRows: number;
}

type AttemptOutcome = { readonly kind: 'finished' } | { readonly kind: 'failed'; readonly error: TrinoError; readonly nodeLost: boolean };

class FaultTolerantStage {
  state: StageState = 'PLANNED';
  readonly attempts: TaskAttempt[] = [];
  /** The attempt whose spooled output consumers read (set once it committed). */
  committed: TaskAttempt | undefined;
  /** Nodes an attempt of this task failed on (a retry prefers others). */
  readonly failedOn = new Set<string>();

  constructor(
    readonly fragment: PlanFragment,
    readonly directory: string,
  ) {}
}

let rotation = 0;

/**
 * `retry_policy=TASK` (Trino's fault-tolerant execution): stages run in dependency order, each task
 * spooling its output through the exchange manager; a stage starts once every producer stage
 * committed. A task attempt that fails (its node is gone, frozen past the status timeout, left the
 * active nodes, or the task failed with a retryable error) is run again on another node, up to
 * `task-retry-attempts-per-task` times, and consumers only ever read committed output of finished
 * attempts. A user error fails the query at once. The root fragment runs here, reading spool files.
 * Every spool file of the query is removed when the query ends, however it ends.
 */
export class FaultTolerantExecution implements PlanExecution {
  private readonly stages = new Map<string, FaultTolerantStage>();
  private readonly rootFragment: PlanFragment;
  private readonly settings: FaultTolerantSettings;
  private readonly statusTimeoutMillis: number;
  private readonly running = new Set<TaskAttempt>();
  private readonly lostNodes = new Set<string>();
  private readonly stageCompletions = new Map<string, Promise<void>>();
  private local: PlanExecution | undefined;
  private readonly producersDone: Promise<void>;
  private failure: TrinoError | undefined;
  private rejectFailure!: (error: TrinoError) => void;
  private readonly failed: Promise<never>;
  private readonly stop = new AbortController();
  private closing: Promise<void> | undefined;
  private finishedRoot = false;

  constructor(
    fragments: readonly PlanFragment[],
    private readonly context: ExecutionContext,
    private readonly options: ClusterSchedulerOptions,
    settings: FaultTolerantSettings | undefined,
  ) {
    this.settings = settings ?? { exchangeManager: undefined, taskRetryAttemptsPerTask: DEFAULT_TASK_RETRY_ATTEMPTS_PER_TASK };
    this.statusTimeoutMillis = options.exchange.requestTimeoutMillis ?? 10_000;
    this.failed = new Promise<never>((_resolve, reject) => {
      this.rejectFailure = reject;
    });
    this.failed.catch(() => undefined);
    this.rootFragment = fragments[0]!;
    const manager = this.settings.exchangeManager;
    if (manager === undefined) {
      this.producersDone = Promise.resolve();
      this.fail(new TrinoError(StandardErrorCode.GENERIC_INTERNAL_ERROR, 'Exchange manager must be configured for the failure recovery capabilities to be fully functional (retry_policy=TASK needs etc/exchange-manager.properties)'));
      return;
    }
    for (const fragment of fragments.slice(1)) this.stages.set(fragment.id, new FaultTolerantStage(fragment, manager.stageDirectory(context.queryId, fragment.id)));
    options.stageRegistry?.register(context.queryId, () => this.stageInfos());
    this.producersDone = this.runStages(manager);
    this.producersDone.catch((error: unknown) => this.fail(toTrinoError(error)));
    context.signal.addEventListener('abort', () => this.fail(toTrinoError(context.signal.reason ?? new TrinoError(StandardErrorCode.USER_CANCELED, 'Query was canceled'))), { once: true });
  }

  /** Runs every stage the root reads from, each after its own producers (children first). */
  private async runStages(manager: FileSystemExchangeManager): Promise<void> {
    for (const stage of this.stages.values()) await manager.createStageDirectory(this.context.queryId, stage.fragment.id);
    await Promise.all(this.rootFragment.childFragmentIds.map((id) => this.stageDone(id)));
  }

  private stageDone(fragmentId: string): Promise<void> {
    let done = this.stageCompletions.get(fragmentId);
    if (done === undefined) {
      done = (async () => {
        const stage = this.stages.get(fragmentId);
        if (stage === undefined) throw new TrinoError(StandardErrorCode.GENERIC_INTERNAL_ERROR, `No stage for fragment ${fragmentId}`);
        await Promise.all(stage.fragment.childFragmentIds.map((id) => this.stageDone(id)));
        await this.runStage(stage);
      })();
      done.catch(() => undefined);
      this.stageCompletions.set(fragmentId, done);
    }
    return done;
  }

  /** Runs the stage's task until an attempt commits, retrying failed attempts on other nodes. */
  private async runStage(stage: FaultTolerantStage): Promise<void> {
    stage.state = 'SCHEDULING';
    for (let attempt = 0; ; attempt++) {
      if (this.stop.signal.aborted) throw this.failure ?? new TrinoError(StandardErrorCode.USER_CANCELED, 'Query was canceled');
      const node = this.pickNode(stage);
      if (node === undefined) throw new TrinoError(StandardErrorCode.NO_NODES_AVAILABLE, `No nodes available to run task ${this.context.queryId}.${stage.fragment.id}.0 (attempt ${attempt})`);
      stage.state = 'RUNNING';
      const task = this.newAttempt(stage, node, attempt);
      const outcome = await this.runAttempt(stage, task);
      if (outcome.kind === 'finished') {
        task.state = 'FINISHED';
        stage.committed = task;
        stage.state = 'FINISHED';
        return;
      }
      task.state = 'FAILED';
      this.abandon(task);
      if (this.stop.signal.aborted) throw this.failure ?? outcome.error;
      if (!isRetryable(outcome.error) || attempt >= this.settings.taskRetryAttemptsPerTask) {
        stage.state = 'FAILED';
        throw outcome.error;
      }
      if (outcome.nodeLost) {
        this.lostNodes.add(node.nodeId);
        this.options.exchange.onHostGone?.(node.nodeId);
      }
      stage.failedOn.add(node.nodeId);
    }
  }

  /** An active node that has not been lost, preferring one this task has not failed on. */
  private pickNode(stage: FaultTolerantStage): SchedulableNode | undefined {
    const usable = this.options.nodes().filter((n) => !this.lostNodes.has(n.nodeId));
    const fresh = usable.filter((n) => !stage.failedOn.has(n.nodeId));
    const candidates = fresh.length > 0 ? fresh : usable;
    return candidates.length === 0 ? undefined : candidates[rotation++ % candidates.length];
  }

  private newAttempt(stage: FaultTolerantStage, node: SchedulableNode, attempt: number): TaskAttempt {
    const taskId = `${this.context.queryId}.${stage.fragment.id}.0.${attempt}`;
    const task: TaskAttempt = {
      taskId,
      node,
      taskUri: `${node.httpUri}/v1/task/${encodeURIComponent(taskId)}`,
      spool: { stageDirectory: stage.directory, attemptName: `0.${attempt}` },
      state: 'PLANNED',
      outputRows: 0,
    };
    stage.attempts.push(task);
    return task;
  }

  /** Where a consumer reads a producer stage: the committed spool file of its finished attempt. */
  private locations(node: RemoteSourceNode): TaskLocation[] {
    return node.sourceFragmentIds.map((id) => {
      const committed = this.stages.get(id)?.committed;
      if (committed === undefined) throw new TrinoError(StandardErrorCode.GENERIC_INTERNAL_ERROR, `Fragment ${id} has no committed output`);
      return { nodeId: committed.node.nodeId, taskUri: committed.taskUri, bufferId: 0, spoolFile: spoolFileOf(committed.spool, 0) };
    });
  }

  private request(stage: FaultTolerantStage, task: TaskAttempt): TaskUpdateRequest {
    const sources: Record<string, TaskLocation[]> = {};
    for (const node of remoteSources(stage.fragment.root)) sources[node.id] = this.locations(node);
    // one task per stage: a single output partition, read by the one consumer task
    const outputBuffers: OutputBufferSpec = { kind: stage.fragment.outputPartitioning.kind === 'BROADCAST' ? 'BROADCAST' : 'PARTITIONED', partitions: 1, hashChannels: [] };
    return { queryId: this.context.queryId, session: this.context.session, fragment: stage.fragment, outputBuffers, sources, spool: task.spool };
  }

  private nodeGone(task: TaskAttempt, cause: unknown): AttemptOutcome {
    return { kind: 'failed', error: remoteHostGone({ nodeId: task.node.nodeId, taskUri: task.taskUri }, cause), nodeLost: true };
  }

  /** Creates the attempt's task and follows its status until it finishes or fails. */
  private async runAttempt(stage: FaultTolerantStage, task: TaskAttempt): Promise<AttemptOutcome> {
    this.running.add(task);
    try {
      task.state = 'SCHEDULING';
      try {
        const response = await fetch(task.taskUri, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', ...(await this.options.exchange.headers()) },
          body: encodePlanJson(this.request(stage, task)),
          signal: AbortSignal.any([this.stop.signal, AbortSignal.timeout(this.statusTimeoutMillis)]),
        });
        const text = await response.text();
        if (response.status !== 200) return { kind: 'failed', error: new TrinoError(StandardErrorCode.REMOTE_TASK_ERROR, `Creating task ${task.taskId} on ${task.node.nodeId} failed: ${response.status} ${text}`), nodeLost: false };
      } catch (error) {
        if (this.stop.signal.aborted) return { kind: 'failed', error: this.failure ?? toTrinoError(error), nodeLost: false };
        return this.nodeGone(task, error);
      }
      task.state = 'RUNNING';
      for (;;) {
        await this.sleep(this.options.statusIntervalMillis);
        if (this.stop.signal.aborted) return { kind: 'failed', error: this.failure ?? new TrinoError(StandardErrorCode.USER_CANCELED, 'Query was canceled'), nodeLost: false };
        if (!this.options.nodes().some((n) => n.nodeId === task.node.nodeId)) return this.nodeGone(task, new Error('no longer an active node'));
        let status: TaskStatus;
        const timeout = AbortSignal.timeout(this.statusTimeoutMillis);
        try {
          const response = await fetch(task.taskUri, { headers: await this.options.exchange.headers(), signal: AbortSignal.any([this.stop.signal, timeout]) });
          if (response.status !== 200) throw new Error(`task status answered ${response.status}: ${await response.text()}`);
          status = (await response.json()) as TaskStatus;
        } catch (error) {
          if (this.stop.signal.aborted) continue;
          return this.nodeGone(task, timeout.aborted ? new Error(`no task status within ${this.statusTimeoutMillis}ms`) : error);
        }
        task.outputRows = status.outputRows;
        switch (status.state) {
          case 'FINISHED':
            return { kind: 'finished' };
          case 'FAILED':
            return { kind: 'failed', error: status.failure === undefined ? new TrinoError(StandardErrorCode.REMOTE_TASK_ERROR, `Task ${task.taskId} failed`) : errorOf(status.failure), nodeLost: false };
          case 'ABORTED':
          case 'CANCELED':
            return { kind: 'failed', error: new TrinoError(StandardErrorCode.REMOTE_TASK_ERROR, `Task ${task.taskId} on ${task.node.nodeId} was ${status.state.toLowerCase()}`), nodeLost: false };
          case 'PLANNED':
          case 'RUNNING':
          case 'FLUSHING':
            break;
          default:
            return { kind: 'failed', error: new TrinoError(StandardErrorCode.REMOTE_TASK_ERROR, `Task ${task.taskId} reported an unknown state ${String(status.state)}`), nodeLost: false };
        }
      }
    } finally {
      this.running.delete(task);
    }
  }

  private sleep(millis: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, millis);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.stop.signal.addEventListener('abort', done, { once: true });
    });
  }

  /**
   * Asks the attempt's node to abort it; a node that does not answer in time (frozen) is asked
   * again for a while in the background, so an attempt left behind ends once its node comes back.
   */
  private abandon(task: TaskAttempt, abort = true): void {
    const headers = this.options.exchange.headers;
    const attemptAbort = async (left: number): Promise<void> => {
      try {
        const response = await fetch(`${task.taskUri}?abort=${abort}`, { method: 'DELETE', headers: await headers(), signal: AbortSignal.timeout(2000) });
        await response.text();
      } catch (error) {
        // only a node that does not answer (frozen) may come back with the task; a refused connection means a dead process
        const unanswered = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
        if (unanswered && left > 0) setTimeout(() => void attemptAbort(left - 1), ABANDONED_ABORT_INTERVAL_MILLIS).unref();
      }
    };
    void attemptAbort(ABANDONED_ABORT_RETRIES);
  }

  private fail(error: TrinoError): void {
    if (this.failure !== undefined || this.finishedRoot) return;
    this.failure = error;
    this.rejectFailure(error);
    void this.close();
  }

  async next(): Promise<Page | undefined> {
    let page: Page | undefined;
    try {
      if (this.failure !== undefined) throw this.failure;
      if (this.local === undefined) {
        await Promise.race([this.producersDone, this.failed]);
        this.local = this.options.executeLocal(this.rootFragment.root, {
          ...this.context,
          remoteSourceFactory: (node) =>
            new SpoolExchangeReader(
              this.locations(node).map((l) => l.spoolFile!),
              this.context.signal,
            ),
        });
      }
      page = await Promise.race([this.local.next(), this.failed]);
    } catch (error) {
      const failure = this.failure ?? toTrinoError(error);
      this.fail(failure);
      // the query ends here: its spool files go before the client sees the failure
      await this.close();
      throw failure;
    }
    if (page === undefined) {
      this.finishedRoot = true;
      // the result is complete: remove the spool files before the client sees the query finish
      await this.close();
    }
    return page;
  }

  /** Ends the query's remaining attempts and removes its spool files (success or failure). */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.stop.abort();
      const abort = this.failure !== undefined;
      for (const task of this.running) this.abandon(task, abort);
      for (const stage of this.stages.values()) if (stage.state !== 'FINISHED' && stage.state !== 'FAILED') stage.state = abort ? 'ABORTED' : 'CANCELED';
      await this.local?.close().catch(() => undefined);
      await this.producersDone.catch(() => undefined);
      await this.settings.exchangeManager?.removeQuery(this.context.queryId).catch(() => undefined);
    })();
    return this.closing;
  }

  stats(): ExecutionStats {
    return this.local?.stats() ?? { totalSplits: 0, completedSplits: 0, processedRows: 0, processedBytes: 0, peakMemoryBytes: 0, cpuMillis: 0, operators: [] };
  }

  /** How many task attempts failed and ran again. */
  get retriedTasks(): number {
    let retries = 0;
    for (const stage of this.stages.values()) retries += Math.max(0, stage.attempts.length - 1);
    return retries;
  }

  stageInfos(): StageInfo[] {
    return [...this.stages.values()].map((stage) => ({
      fragmentId: stage.fragment.id,
      stageId: `${this.context.queryId}.${stage.fragment.id}`,
      partitioning: stage.fragment.partitioning,
      state: stage.state,
      tasks: stage.attempts.map((t) => ({ taskId: t.taskId, nodeId: t.node.nodeId, taskUri: t.taskUri, state: t.state, outputRows: t.outputRows, bufferedBytes: 0 })),
    }));
  }
}
