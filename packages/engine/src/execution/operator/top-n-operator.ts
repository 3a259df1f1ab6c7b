import type { Block, Page, SqlType } from '@petrel/spi';
import { page, copyPositions, pageSizeInBytes } from '@petrel/spi';
import { AbstractOperator, type OperatorContext } from './operator.js';
import { concatBlocks } from '../block/block-builder.js';
import { crossComparator, rowComparator, sortedPositions, type SortKey } from '../ordering/row-comparator.js';
import { PagedOutput } from './paged-output.js';

/**
 * ORDER BY ... LIMIT n: keeps the best n rows. Input rows are first checked against the current
 * n-th row (the threshold), so once the top n settle almost every row is rejected by one compare.
 */
export class TopNOperator extends AbstractOperator {
  private pages: Page[] = [];
  private buffered = 0;
  private best: Block[] | undefined;
  private bestCount = 0;
  private output: PagedOutput | undefined;
  private done = false;

  constructor(
    context: OperatorContext,
    private readonly types: readonly SqlType[],
    private readonly keys: readonly SortKey[],
    private readonly count: number,
  ) {
    super(context);
  }

  addInput(input: Page): void {
    if (this.count === 0) return;
    let p = input;
    if (this.best !== undefined && this.bestCount >= this.count) {
      const compare = crossComparator(input.blocks, this.best, this.keys);
      const last = this.bestCount - 1;
      const keep = new Int32Array(input.positionCount);
      let k = 0;
      for (let i = 0; i < input.positionCount; i++) if (compare(i, last) < 0) keep[k++] = i;
      if (k === 0) return;
      if (k < input.positionCount) p = page(input.blocks.map((b) => copyPositions(b, keep, k)), k);
    }
    this.pages.push(p);
    this.buffered += p.positionCount;
    if (this.buffered >= Math.max(4 * this.count, 4096)) this.compact();
    let bytes = 0;
    for (const q of this.pages) bytes += pageSizeInBytes(q);
    this.context.memory.setBytes(bytes);
  }

  private compact(): void {
    const all = this.best !== undefined ? [page(this.best, this.bestCount), ...this.pages] : this.pages;
    let total = 0;
    for (const q of all) total += q.positionCount;
    const columns = this.types.map((t, c) => concatBlocks(t, all.map((q) => q.blocks[c]!)));
    const order = sortedPositions(total, rowComparator(columns, this.keys));
    const n = Math.min(this.count, total);
    this.best = columns.map((b) => copyPositions(b, order, n));
    this.bestCount = n;
    this.pages = [];
    this.buffered = 0;
  }

  getOutput(): Page | undefined {
    if (!this.finishing || this.done) return undefined;
    if (this.output === undefined) {
      if (this.count > 0) this.compact();
      this.output = new PagedOutput(this.best ?? [], this.bestCount);
    }
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
