import type { Connector, ConnectorColumnHandle, ConnectorPageSource, ConnectorSession, ConnectorSplit, ConnectorSplitSource, ConnectorTableHandle, DynamicFilter, Page } from '@petrel/spi';
import { TrinoError, StandardErrorCode, copyPositions, isNullAt } from '@petrel/spi';
import type { DynamicFilterRegistry } from '../join/dynamic-filters.js';
import { AbstractOperator, type OperatorContext } from './operator.js';
import { Signal } from '../driver/signal.js';

/** Rows a dynamic filter examines before its pass rate is judged. */
const DYNAMIC_FILTER_SAMPLE_ROWS = 100_000;
/** A dynamic filter keeping more than this fraction of rows is no longer applied. */
const DYNAMIC_FILTER_USELESS_PASS_RATE = 0.9;

/** Split counters shared by the scans of one query. */
export class SplitCounters {
  total = 0;
  completed = 0;
  processedRows = 0;
  processedBytes = 0;
}

const MAX_QUEUED_PAGES = 4;

/**
 * Reads a table: asks the connector for splits and runs up to `concurrency` page sources at once,
 * queueing their pages. Connector promises block this operator (and its driver), never the process.
 */
export class TableScanOperator extends AbstractOperator {
  /** Pages per split, emitted split by split in split order so results are deterministic. */
  private readonly splitQueues = new Map<number, { pages: Page[]; done: boolean }>();
  private nextSequence = 0;
  private currentSequence = 0;
  private readonly pageReady = new Signal();
  private readonly spaceReady = new Signal();
  private started = false;
  private sourcesDone = false;
  private failure: unknown;
  private readonly open = new Set<ConnectorPageSource>();
  private splitSource: ConnectorSplitSource | undefined;
  private pendingSplits: ConnectorSplit[] = [];
  private splitsExhausted = false;
  private splitFetch: Promise<void> | undefined;

  constructor(
    context: OperatorContext,
    private readonly connector: Connector,
    private readonly session: ConnectorSession,
    private readonly table: ConnectorTableHandle,
    private readonly columns: readonly ConnectorColumnHandle[],
    private readonly dynamicFilter: DynamicFilter | undefined,
    private readonly counters: SplitCounters,
    private readonly concurrency = 3,
    /** Dynamic filters applied to output rows once their join build side is done. */
    private readonly rowFilters: readonly { readonly id: string; readonly channel: number }[] = [],
    private readonly registry?: DynamicFilterRegistry,
    /** Splits assigned from outside (a cluster task, a parallel driver); undefined: ask the connector. */
    private readonly assignedSplits?: ConnectorSplitSource,
  ) {
    super(context);
  }

  /** Per row filter: rows examined and rows kept, to stop applying filters that remove almost nothing. */
  private filterRowsIn = new Float64Array(0);
  private filterRowsKept = new Float64Array(0);

  private applyDynamicFilters(input: Page): Page | undefined {
    let current = input;
    if (this.filterRowsIn.length !== this.rowFilters.length) {
      this.filterRowsIn = new Float64Array(this.rowFilters.length);
      this.filterRowsKept = new Float64Array(this.rowFilters.length);
    }
    for (let fi = 0; fi < this.rowFilters.length; fi++) {
      const f = this.rowFilters[fi]!;
      // A dynamic filter only saves work downstream (the join still checks every row): once it
      // has seen enough rows and keeps nearly all of them, probing it costs more than it saves.
      const seen = this.filterRowsIn[fi]!;
      if (seen >= DYNAMIC_FILTER_SAMPLE_ROWS && this.filterRowsKept[fi]! > seen * DYNAMIC_FILTER_USELESS_PASS_RATE) continue;
      const values = this.registry?.get(f.id);
      if (values === undefined) continue;
      const n = current.positionCount;
      const block = current.blocks[f.channel]!;
      const ids = new Int32Array(n);
      values.hash.lookupGroupIds([block], n, ids);
      const keep = new Int32Array(n);
      let k = 0;
      for (let i = 0; i < n; i++) {
        keep[k] = i;
        k += ids[i]! >= 0 && !isNullAt(block, i) ? 1 : 0;
      }
      this.filterRowsIn[fi] = seen + n;
      this.filterRowsKept[fi] = this.filterRowsKept[fi]! + k;
      if (k === 0) return undefined;
      if (k < n) current = { positionCount: k, blocks: current.blocks.map((b) => copyPositions(b, keep, k)) };
    }
    return current;
  }

  override needsInput(): boolean {
    return false;
  }
  addInput(): void {
    throw new TrinoError(StandardErrorCode.GENERIC_INTERNAL_ERROR, 'TableScanOperator takes no input');
  }

  private start(): void {
    if (this.started) return;
    this.started = true;
    this.run().then(
      () => {
        this.sourcesDone = true;
        this.pageReady.notify();
      },
      (error: unknown) => {
        this.failure = error;
        this.sourcesDone = true;
        this.pageReady.notify();
      },
    );
  }

  private async run(): Promise<void> {
    this.splitSource = this.assignedSplits ?? (await this.connector.splitManager.getSplits(this.session, this.table, this.dynamicFilter));
    const workers: Promise<void>[] = [];
    for (let i = 0; i < this.concurrency; i++) workers.push(this.worker());
    await Promise.all(workers);
  }

  private async nextSplit(): Promise<ConnectorSplit | undefined> {
    for (;;) {
      if (this.closed || this.failure !== undefined) return undefined;
      const split = this.pendingSplits.shift();
      if (split !== undefined) return split;
      if (this.splitsExhausted) return undefined;
      if (this.splitFetch === undefined) {
        this.splitFetch = this.splitSource!.nextBatch(64).then((batch) => {
          this.pendingSplits.push(...batch.splits);
          this.counters.total += batch.splits.length;
          if (batch.done) this.splitsExhausted = true;
          this.splitFetch = undefined;
        });
      }
      await this.splitFetch;
    }
  }

  private async worker(): Promise<void> {
    for (;;) {
      const split = await this.nextSplit();
      if (split === undefined) return;
      const queue = { pages: [] as Page[], done: false };
      this.splitQueues.set(this.nextSequence++, queue);
      try {
        await this.readSplit(split, queue);
      } finally {
        queue.done = true;
        this.pageReady.notify();
      }
    }
  }

  private async readSplit(split: ConnectorSplit, queue: { pages: Page[]; done: boolean }): Promise<void> {
    {
      const source = await this.connector.pageSourceProvider.createPageSource(this.session, split, this.table, this.columns, this.dynamicFilter);
      this.open.add(source);
      try {
        let sliceStart = performance.now();
        for (;;) {
          while (queue.pages.length >= MAX_QUEUED_PAGES && !this.closed) await this.spaceReady.wait();
          if (this.closed || this.failure !== undefined) break;
          let next = source.next();
          if (next instanceof Promise) {
            next = await next;
            sliceStart = performance.now();
          } else if (performance.now() - sliceStart > 10) {
            // a synchronous source: give the event loop back between pages
            await new Promise<void>((resolve) => setImmediate(resolve));
            sliceStart = performance.now();
          }
          if (next === undefined) break;
          if (next.positionCount === 0) continue;
          queue.pages.push(next);
          this.pageReady.notify();
        }
      } finally {
        if (this.open.delete(source)) await source.close();
        this.counters.completed++;
      }
    }
  }

  getOutput(): Page | undefined {
    this.start();
    if (this.failure !== undefined) {
      const error = this.failure;
      this.failure = undefined;
      this.sourcesDone = true;
      this.splitQueues.clear();
      throw error;
    }
    const page = this.currentQueue()?.pages.shift();
    if (page === undefined) return undefined;
    this.spaceReady.notify();
    this.counters.processedRows += page.positionCount;
    this.context.inputRows += page.positionCount;
    return this.rowFilters.length === 0 ? page : this.applyDynamicFilters(page);
  }

  /** The queue of the earliest split not yet fully emitted (dropping finished ones). */
  private currentQueue(): { pages: Page[]; done: boolean } | undefined {
    for (;;) {
      const queue = this.splitQueues.get(this.currentSequence);
      if (queue === undefined || queue.pages.length > 0 || !queue.done) return queue;
      this.splitQueues.delete(this.currentSequence);
      this.currentSequence++;
    }
  }

  override isBlocked(): Promise<void> | undefined {
    this.start();
    if (this.failure !== undefined) return undefined;
    const queue = this.currentQueue();
    if (queue !== undefined && queue.pages.length > 0) return undefined;
    if (queue === undefined && this.sourcesDone) return undefined;
    return this.pageReady.wait();
  }

  isFinished(): boolean {
    return this.sourcesDone && this.failure === undefined && this.currentQueue() === undefined;
  }

  override async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.spaceReady.notify();
    const sources = [...this.open];
    this.open.clear();
    for (const s of sources) {
      try {
        await s.close();
      } catch {
        // best effort
      }
    }
    try {
      this.splitSource?.close();
    } catch {
      // best effort
    }
    this.context.memory.close();
  }
}
