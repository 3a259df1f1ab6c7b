import type { Block, Page, SqlType } from '@petrel/spi';
import { copyPositions, page, pageSizeInBytes } from '@petrel/spi';
import { AbstractOperator, type OperatorContext } from './operator.js';
import { concatBlocks } from '../block/block-builder.js';
import { rowComparator, sortedPositions, type RowComparator, type SortKey } from '../ordering/row-comparator.js';
import { OUTPUT_PAGE_ROWS, PagedOutput } from './paged-output.js';

/** Rows per sorted run: bounds the work of one sort call (the event loop stays responsive). */
const RUN_ROWS = 16384;

interface SortedRun {
  readonly columns: readonly Block[];
  readonly count: number;
}

/** A stream of pages in sorted order. */
export interface SortedPages {
  next(): Page | undefined;
}

/**
 * Sorts pages in bounded runs as they arrive and merges the runs a page at a time, so no single
 * call does more than a run's worth of work. Runs are also what a future spill would write.
 */
export class SortedRunsBuilder {
  private pending: Page[] = [];
  private pendingRows = 0;
  private runs: SortedRun[] = [];

  constructor(
    private readonly types: readonly SqlType[],
    private readonly keys: readonly SortKey[],
  ) {}

  addPage(input: Page): void {
    this.pending.push(input);
    this.pendingRows += input.positionCount;
    if (this.pendingRows >= RUN_ROWS) this.sortRun();
  }

  private sortRun(): void {
    if (this.pendingRows === 0) return;
    const columns = this.types.map((t, c) => concatBlocks(t, this.pending.map((p) => p.blocks[c]!)));
    const count = this.pendingRows;
    const order = sortedPositions(count, rowComparator(columns, this.keys));
    this.runs.push({ columns: columns.map((b) => copyPositions(b, order, count)), count });
    this.pending = [];
    this.pendingRows = 0;
  }

  /** Ends the input; the sorted rows follow. */
  finish(): SortedPages {
    this.sortRun();
    const runs = this.runs;
    this.runs = [];
    if (runs.length <= 1) return new PagedOutput(runs[0]?.columns ?? [], runs[0]?.count ?? 0);
    return new RunMerger(this.types, runs, this.keys);
  }
}

/** ORDER BY over sorted runs. */
export class SortOperator extends AbstractOperator {
  private readonly runs: SortedRunsBuilder;
  private bytes = 0;
  private output: SortedPages | undefined;
  private done = false;

  constructor(context: OperatorContext, types: readonly SqlType[], keys: readonly SortKey[]) {
    super(context);
    this.runs = new SortedRunsBuilder(types, keys);
  }

  addInput(input: Page): void {
    this.runs.addPage(input);
    this.bytes += pageSizeInBytes(input);
    this.context.memory.setBytes(this.bytes);
  }

  getOutput(): Page | undefined {
    if (!this.finishing || this.done) return undefined;
    this.output ??= this.runs.finish();
    const p = this.output.next();
    if (p === undefined) {
      this.done = true;
      this.context.memory.setBytes(0);
    }
    return p;
  }

  isFinished(): boolean {
    return this.done;
  }
}

/** K-way merge of sorted runs with a binary heap; emits bounded pages. */
class RunMerger {
  private readonly columns: readonly Block[];
  private readonly compare: RowComparator;
  private readonly cursor: Int32Array;
  private readonly end: Int32Array;
  private readonly heap: Int32Array;
  private size: number;

  constructor(types: readonly SqlType[], runs: readonly SortedRun[], keys: readonly SortKey[]) {
    this.columns = types.map((t, c) => concatBlocks(t, runs.map((r) => r.columns[c]!)));
    this.compare = rowComparator(this.columns, keys);
    const k = runs.length;
    this.cursor = new Int32Array(k);
    this.end = new Int32Array(k);
    let offset = 0;
    for (let r = 0; r < k; r++) {
      this.cursor[r] = offset;
      offset += runs[r]!.count;
      this.end[r] = offset;
    }
    this.heap = new Int32Array(k);
    this.size = 0;
    for (let r = 0; r < k; r++) if (this.cursor[r]! < this.end[r]!) this.push(r);
  }

  private less(a: number, b: number): boolean {
    const c = this.compare(this.cursor[a]!, this.cursor[b]!);
    return c < 0 || (c === 0 && a < b);
  }

  private push(run: number): void {
    let i = this.size++;
    this.heap[i] = run;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(this.heap[i]!, this.heap[parent]!)) break;
      const t = this.heap[i]!;
      this.heap[i] = this.heap[parent]!;
      this.heap[parent] = t;
      i = parent;
    }
  }

  private siftDown(): void {
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let smallest = i;
      if (l < this.size && this.less(this.heap[l]!, this.heap[smallest]!)) smallest = l;
      if (r < this.size && this.less(this.heap[r]!, this.heap[smallest]!)) smallest = r;
      if (smallest === i) return;
      const t = this.heap[i]!;
      this.heap[i] = this.heap[smallest]!;
      this.heap[smallest] = t;
      i = smallest;
    }
  }

  next(): Page | undefined {
    if (this.size === 0) return undefined;
    const positions = new Int32Array(OUTPUT_PAGE_ROWS);
    let n = 0;
    while (n < OUTPUT_PAGE_ROWS && this.size > 0) {
      const run = this.heap[0]!;
      positions[n++] = this.cursor[run]!++;
      if (this.cursor[run]! >= this.end[run]!) {
        this.size--;
        if (this.size > 0) {
          this.heap[0] = this.heap[this.size]!;
          this.siftDown();
        }
      } else {
        this.siftDown();
      }
    }
    return page(
      this.columns.map((b) => copyPositions(b, positions, n)),
      n,
    );
  }
}
