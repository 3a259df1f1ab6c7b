import { StandardErrorCode, toTrinoError, TrinoError } from '@petrel/spi';
import type { ConnectorSplitSource } from '@petrel/spi';
import type { PlanExecution, RemoteDynamicFilters, RemotePageStream } from '../../execution/execution-context.js';
import type { PlanNode, RemoteSourceNode, TableScanNode } from '../../planner/plan/plan-node.js';
import { planSources } from '../../planner/plan/plan-sources.js';
import type { Session } from '../../session/session.js';
import type { PageSerdeOptions } from '../serde/page-serde.js';
import { DEFAULT_PAGE_SERDE_OPTIONS } from '../serde/page-serde.js';
import { AssignedSplitSource } from './assigned-split-source.js';
import { DynamicFilterAwaitingSplitSource, TaskDynamicFilters } from './task-dynamic-filters.js';
import { encodePlanJson } from './plan-codec.js';
import type { FileSystemExchangeManager } from '../exchange/spool/filesystem-exchange-manager.js';
import { SpoolWriter } from '../exchange/spool/spool-writer.js';
import { OutputBuffer } from './output-buffer.js';
import type { DynamicFilterDomain, TaskLocation, TaskSplitAssignment, TaskState, TaskStatus, TaskUpdateRequest } from './task-types.js';
import { isDoneTaskState } from './task-types.js';

/** Runs a plan on this node (the engine's executePlan with its metadata and functions). */
export type FragmentExecutor = (
  root: PlanNode,
  options: {
    readonly queryId: string;
    readonly session: Session;
    readonly signal: AbortSignal;
    readonly remoteSourceFactory: (node: RemoteSourceNode) => RemotePageStream;
    /** One exchange client per upstream task of a remote source (an ordered one merges them). */
    readonly remoteSourceStreamsFactory?: (node: RemoteSourceNode) => readonly RemotePageStream[];
    /** Present when the coordinator assigns the task's splits: the scans read only those. */
    readonly splitSourceFactory?: (scan: TableScanNode) => ConnectorSplitSource | undefined;
    /** Dynamic filters across nodes: the task's builds report domains, merged filters arrive for its scans. */
    readonly remoteDynamicFilters?: RemoteDynamicFilters;
  },
) => PlanExecution;

/** Opens an exchange client over upstream task outputs. */
export type ExchangeFactory = (locations: readonly TaskLocation[], signal: AbortSignal) => RemotePageStream;

/** Default output buffer limit per task (back-pressure beyond it). */
export const DEFAULT_MAX_BUFFERED_BYTES = 32 * 1024 * 1024;

/** One task of a query on a worker: executes its fragment and feeds the output buffer. */
export class SqlTask {
  readonly buffer: OutputBuffer;
  readonly createTime = Date.now();
  private currentState: TaskState = 'PLANNED';
  private failure: TrinoError | undefined;
  private readonly abort = new AbortController();
  private execution: PlanExecution | undefined;
  private outputRows = 0;
  private endTime: number | undefined;
  /** Per table scan (plan node id): the splits assigned by the coordinator, when it assigns them. */
  private readonly splitSources = new Map<string, AssignedSplitSource>();
  /** Dynamic filters across nodes: domains this task's builds collect, merged filters for its scans. */
  private readonly dynamicFilters = new TaskDynamicFilters();
  readonly done: Promise<void>;
  /** retry_policy=TASK: output goes to spool files committed at the end instead of the buffer. */
  private spool: SpoolWriter | undefined;
  private spoolFailure: TrinoError | undefined;

  constructor(
    readonly taskId: string,
    readonly nodeId: string,
    readonly request: TaskUpdateRequest,
    executor: FragmentExecutor,
    exchanges: ExchangeFactory,
    maxBufferedBytes = DEFAULT_MAX_BUFFERED_BYTES,
    serde: PageSerdeOptions = DEFAULT_PAGE_SERDE_OPTIONS,
    /** The node's exchange manager (`etc/exchange-manager.properties`): where spooled output goes (retry_policy=TASK). */
    exchangeManager?: FileSystemExchangeManager,
  ) {
    this.buffer = new OutputBuffer(request.outputBuffers, maxBufferedBytes, serde);
    if (request.spool !== undefined) {
      try {
        this.spool = new SpoolWriter(request.spool, request.outputBuffers, serde, exchangeManager);
      } catch (error) {
        this.spoolFailure = toTrinoError(error);
      }
    }
    if (request.splitAssignments !== undefined) {
      const scans = (node: PlanNode): void => {
        if (node.kind === 'tableScan') this.splitSources.set(node.id, new AssignedSplitSource());
        planSources(node).forEach(scans);
      };
      scans(request.fragment.root);
      this.addSplits(request.splitAssignments);
    }
    if (request.dynamicFilters !== undefined) this.addDynamicFilters(request.dynamicFilters);
    this.done = this.run(executor, exchanges);
  }

  private async run(executor: FragmentExecutor, exchanges: ExchangeFactory): Promise<void> {
    await Promise.resolve();
    if (isDoneTaskState(this.currentState)) return;
    this.currentState = 'RUNNING';
    try {
      if (this.spoolFailure !== undefined) throw this.spoolFailure;
      const execution = executor(this.request.fragment.root, {
        queryId: this.request.queryId,
        session: this.request.session,
        signal: this.abort.signal,
        remoteSourceFactory: (node) => {
          const locations = this.request.sources[node.id];
          if (locations === undefined) throw new TrinoError(StandardErrorCode.GENERIC_INTERNAL_ERROR, `Task ${this.taskId} has no sources for remote source ${node.id}`);
          return exchanges(locations, this.abort.signal);
        },
        remoteSourceStreamsFactory: (node) => {
          const locations = this.request.sources[node.id];
          if (locations === undefined) throw new TrinoError(StandardErrorCode.GENERIC_INTERNAL_ERROR, `Task ${this.taskId} has no sources for remote source ${node.id}`);
          return locations.map((location) => exchanges([location], this.abort.signal));
        },
        ...(this.splitSources.size === 0 ? {} : { splitSourceFactory: (scan: TableScanNode) => this.splitSourceOf(scan) }),
        remoteDynamicFilters: this.dynamicFilters,
      });
      this.execution = execution;
      for (;;) {
        if (isDoneTaskState(this.currentState)) return;
        const page = await execution.next();
        if (page === undefined) break;
        this.outputRows += page.positionCount;
        if (this.spool !== undefined) await this.spool.write(page);
        else await this.buffer.enqueue(page);
      }
      await execution.close();
      if (isDoneTaskState(this.currentState)) return;
      if (this.spool !== undefined) {
        // spooled output is complete once committed: nothing waits in the buffer
        await this.spool.commit();
        if (isDoneTaskState(this.currentState)) return;
        this.buffer.setNoMorePages();
        this.setEnded('FINISHED');
        return;
      }
      this.buffer.setNoMorePages();
      this.currentState = 'FLUSHING';
      this.checkFlushed();
    } catch (error) {
      this.setFailed(toTrinoError(error));
    }
  }

  /** A task update: more splits for the task's scans (unknown scans are an error). */
  addSplits(assignments: readonly TaskSplitAssignment[]): void {
    for (const assignment of assignments) {
      const source = this.splitSources.get(assignment.planNodeId);
      if (source === undefined) throw new TrinoError(StandardErrorCode.GENERIC_INTERNAL_ERROR, `Task ${this.taskId} has no table scan ${assignment.planNodeId} taking assigned splits`);
      source.add(assignment.splits, assignment.noMoreSplits);
    }
  }

  /** A task update: dynamic filters the coordinator merged over their build tasks. */
  addDynamicFilters(filters: readonly DynamicFilterDomain[]): void {
    this.dynamicFilters.addMerged(filters);
  }

  /** A scan's assigned splits; a scan consuming filters built in another fragment first waits for them. */
  private splitSourceOf(scan: TableScanNode): ConnectorSplitSource | undefined {
    const source = this.splitSources.get(scan.id);
    const remote = new Set(this.request.remoteDynamicFilterIds ?? []);
    const ids = scan.dynamicFilters.map((f) => f.id).filter((id) => remote.has(id));
    const enabled = (this.request.session.systemProperties['enable_dynamic_filtering'] ?? 'true').toLowerCase() !== 'false';
    if (source === undefined || ids.length === 0 || !enabled) return source;
    return new DynamicFilterAwaitingSplitSource(source, this.dynamicFilters, ids, this.abort.signal);
  }

  /** FLUSHING becomes FINISHED once consumers read everything. */
  checkFlushed(): void {
    if (this.currentState === 'FLUSHING' && this.buffer.isDrained()) this.setEnded('FINISHED');
  }

  private setEnded(state: TaskState): void {
    this.currentState = state;
    this.endTime ??= Date.now();
    for (const source of this.splitSources.values()) source.close();
  }

  private setFailed(error: TrinoError): void {
    if (isDoneTaskState(this.currentState)) return;
    this.failure = error;
    this.setEnded('FAILED');
    this.stop(error);
  }

  private stop(error: TrinoError): void {
    this.abort.abort(error);
    this.buffer.fail(error);
    void this.spool?.abort();
    void this.execution?.close().catch(() => undefined);
  }

  /** DELETE /v1/task/{taskId}: CANCELED (the query no longer needs it) or ABORTED (the query failed). */
  cancel(abort: boolean): void {
    if (isDoneTaskState(this.currentState)) return;
    this.setEnded(abort ? 'ABORTED' : 'CANCELED');
    this.stop(new TrinoError(StandardErrorCode.USER_CANCELED, `Task ${this.taskId} was ${abort ? 'aborted' : 'canceled'}`));
  }

  state(): TaskState {
    this.checkFlushed();
    return this.currentState;
  }

  status(): TaskStatus {
    const stats = this.execution?.stats();
    return {
      taskId: this.taskId,
      nodeId: this.nodeId,
      state: this.state(),
      failure: this.failure === undefined ? undefined : { errorName: this.failure.errorCode.name, message: this.failure.message },
      outputRows: this.outputRows,
      bufferedBytes: this.buffer.bufferedBytes(),
      processedRows: stats?.processedRows ?? 0,
      queryId: this.request.queryId,
      stageId: `${this.request.queryId}.${this.request.fragment.id}`,
      stats: {
        createTime: this.createTime,
        endTime: this.endTime,
        totalSplits: stats?.totalSplits ?? 0,
        completedSplits: stats?.completedSplits ?? 0,
        processedBytes: stats?.processedBytes ?? 0,
        outputBytes: this.buffer.outputBytes(),
        cpuMillis: stats?.cpuMillis ?? 0,
        peakMemoryBytes: stats?.peakMemoryBytes ?? 0,
        operators: stats?.operators ?? [],
      },
      ...(this.dynamicFilters.reports().length === 0 ? {} : { dynamicFilters: encodePlanJson(this.dynamicFilters.reports()) }),
    };
  }
}
