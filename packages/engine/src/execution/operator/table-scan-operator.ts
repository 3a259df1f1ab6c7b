import type { Block, Connector, ConnectorColumnHandle, ConnectorPageSource, ConnectorSession, ConnectorSplit, ConnectorSplitSource, ConnectorTableHandle, DynamicFilter, Page } from '@petrel/spi';
import { TrinoError, StandardErrorCode, copyPositions, float64Block, int32Block, isNullAt } from '@petrel/spi';
import type { DynamicFilterRegistry } from '../join/dynamic-filters.js';
import { dynamicFilterBitmap } from '../join/dynamic-filter-bitmap.js';
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
  /** Scratch buffers reused across pages: group ids of a lookup, the selection vector. */
  private lookupIds = new Int32Array(0);
  private selection = new Int32Array(0);

  /**
   * Applies every active dynamic filter in one pass: integer keys probe a bitmap of the build keys
   * (see dynamic-filter-bitmap.ts), others the build's hash table. The first filter probes the whole key column
   * and builds a selection vector; each further filter probes only the selected rows (gathered
   * from its key column) and narrows the selection in place; the surviving rows are copied once
   * per column at the end.
   */
  private applyDynamicFilters(input: Page): Page | undefined {
    const n = input.positionCount;
    if (this.filterRowsIn.length !== this.rowFilters.length) {
      this.filterRowsIn = new Float64Array(this.rowFilters.length);
      this.filterRowsKept = new Float64Array(this.rowFilters.length);
    }
    if (this.lookupIds.length < n) {
      this.lookupIds = new Int32Array(n);
      this.selection = new Int32Array(n);
    }
    const ids = this.lookupIds;
    const selection = this.selection;
    /** Rows selected so far; -1 while every row is (no selection vector yet). */
    let selected = -1;
    for (let fi = 0; fi < this.rowFilters.length; fi++) {
      const f = this.rowFilters[fi]!;
      // A dynamic filter only saves work downstream (the join still checks every row): once it
      // has seen enough rows and keeps nearly all of them, probing it costs more than it saves.
      const seen = this.filterRowsIn[fi]!;
      if (seen >= DYNAMIC_FILTER_SAMPLE_ROWS && this.filterRowsKept[fi]! > seen * DYNAMIC_FILTER_USELESS_PASS_RATE) continue;
      const values = this.registry?.get(f.id);
      if (values === undefined) continue;
      const block = input.blocks[f.channel]!;
      const before = selected < 0 ? n : selected;
      let kept: number;
      const bitmap = block.kind === 'float64' || block.kind === 'int32' ? dynamicFilterBitmap(values) : undefined;
      if (bitmap !== undefined && (block.kind === 'float64' || block.kind === 'int32')) {
        kept = selected < 0 ? bitmap.selectAll(block.values, block.nulls, n, selection) : bitmap.narrow(block.values, block.nulls, selected, selection);
      } else if (selected < 0) {
        values.hash.lookupGroupIds([block], n, ids);
        kept = selectAll(block, ids, n, selection);
      } else {
        values.hash.lookupGroupIds([copyPositions(block, selection, selected)], selected, ids);
        kept = narrowSelection(block, ids, selected, selection);
      }
      this.filterRowsIn[fi] = seen + before;
      this.filterRowsKept[fi] = this.filterRowsKept[fi]! + kept;
      if (kept === 0) return undefined;
      selected = kept;
    }
    if (selected < 0 || selected === n) return input;
    return { positionCount: selected, blocks: input.blocks.map((b) => gatherPositions(b, selection, selected)) };
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

/** Positions 0..n-1 whose lookup found a group and whose key is not NULL, written to `selection`. */
function selectAll(block: Block, ids: Int32Array, n: number, selection: Int32Array): number {
  let k = 0;
  if ((block.kind === 'float64' || block.kind === 'int32' || block.kind === 'int64') && block.nulls === undefined) {
    for (let i = 0; i < n; i++) {
      selection[k] = i;
      k += ids[i]! >= 0 ? 1 : 0;
    }
    return k;
  }
  for (let i = 0; i < n; i++) {
    selection[k] = i;
    k += ids[i]! >= 0 && !isNullAt(block, i) ? 1 : 0;
  }
  return k;
}

/** Keeps the selected positions whose lookup (the j-th id for the j-th selected row) found a non-NULL key. */
function narrowSelection(block: Block, ids: Int32Array, count: number, selection: Int32Array): number {
  let k = 0;
  for (let j = 0; j < count; j++) {
    const p = selection[j]!;
    selection[k] = p;
    k += ids[j]! >= 0 && !isNullAt(block, p) ? 1 : 0;
  }
  return k;
}

/** The selected positions of a block: monomorphic loops for NULL-free float64 and int32 columns, `copyPositions` otherwise. */
function gatherPositions(block: Block, selection: Int32Array, count: number): Block {
  if (block.kind === 'float64' && block.nulls === undefined) return float64Block(gatherFloat64(block.values, selection, count));
  if (block.kind === 'int32' && block.nulls === undefined) return int32Block(gatherInt32(block.values, selection, count));
  return copyPositions(block, selection, count);
}

function gatherFloat64(values: Float64Array, selection: Int32Array, count: number): Float64Array {
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) out[i] = values[selection[i]!]!;
  return out;
}

function gatherInt32(values: Int32Array, selection: Int32Array, count: number): Int32Array {
  const out = new Int32Array(count);
  for (let i = 0; i < count; i++) out[i] = values[selection[i]!]!;
  return out;
}
