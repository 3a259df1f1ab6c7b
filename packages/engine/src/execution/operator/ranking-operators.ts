import type { Page, SqlType } from '@petrel/spi';
import { float64Block, page, copyPositions, pageSizeInBytes } from '@petrel/spi';
import { AbstractOperator, type OperatorContext } from './operator.js';
import { StreamingOperator } from './streaming-operator.js';
import { GroupByHash } from '../hash/group-by-hash.js';
import { crossComparator, type SortKey } from '../ordering/row-comparator.js';
import { SortedRunsBuilder, type SortedPages } from './sort-operator.js';

/** row_number() over (partition by ...) without ordering, optionally capped per partition. */
export class RowNumberOperator extends StreamingOperator {
  private readonly hash: GroupByHash | undefined;
  private counts = new Float64Array(16);
  private ids = new Int32Array(1024);
  private single = 0;

  constructor(
    context: OperatorContext,
    private readonly partitionChannels: readonly number[],
    partitionTypes: readonly SqlType[],
    private readonly maxRows: number | undefined,
  ) {
    super(context);
    this.hash = partitionChannels.length === 0 ? undefined : new GroupByHash(partitionTypes);
  }

  protected override isDoneEarly(): boolean {
    return this.hash === undefined && this.maxRows !== undefined && this.single >= this.maxRows;
  }

  protected transform(input: Page): Page | undefined {
    const n = input.positionCount;
    if (this.ids.length < n) this.ids = new Int32Array(n);
    if (this.hash === undefined) this.ids.fill(0, 0, n);
    else this.hash.getGroupIds(this.partitionChannels.map((c) => input.blocks[c]!), n, this.ids);
    const groups = this.hash?.groupCount ?? 1;
    if (this.counts.length < groups) {
      const c = new Float64Array(Math.max(groups, this.counts.length * 2));
      c.set(this.counts);
      this.counts = c;
    }
    const numbers = new Float64Array(n);
    const keep = new Int32Array(n);
    let k = 0;
    for (let i = 0; i < n; i++) {
      const g = this.ids[i]!;
      const rn = ++this.counts[g]!;
      if (this.maxRows === undefined || rn <= this.maxRows) {
        keep[k] = i;
        numbers[k] = rn;
        k++;
      }
    }
    if (this.hash === undefined) this.single = this.counts[0]!;
    this.context.memory.setBytes((this.hash?.sizeInBytes() ?? 0) + this.counts.byteLength);
    if (k === 0) return undefined;
    const blocks = k === n ? [...input.blocks] : input.blocks.map((b) => copyPositions(b, keep, k));
    blocks.push(float64Block(k === n ? numbers : numbers.slice(0, k)));
    return page(blocks, k);
  }
}

/**
 * row_number/rank/dense_rank <= n per partition: sorts the input (in runs, merged a page at a
 * time) by partition then order, and keeps rows whose ranking is within the limit.
 */
export class TopNRankingOperator extends AbstractOperator {
  private readonly runs: SortedRunsBuilder;
  private sorted: SortedPages | undefined;
  private readonly partitionKeys: SortKey[];
  private previous: Page | undefined;
  private rowNumber = 0;
  private rank = 0;
  private dense = 0;
  private done = false;
  private bytes = 0;

  constructor(
    context: OperatorContext,
    types: readonly SqlType[],
    partitionChannels: readonly number[],
    partitionTypes: readonly SqlType[],
    private readonly orderBy: readonly SortKey[],
    private readonly rankingType: 'ROW_NUMBER' | 'RANK' | 'DENSE_RANK',
    private readonly max: number,
  ) {
    super(context);
    this.partitionKeys = partitionChannels.map((c, i) => ({ channel: c, type: partitionTypes[i]!, ascending: true, nullsFirst: true }));
    this.runs = new SortedRunsBuilder(types, [...this.partitionKeys, ...orderBy]);
  }

  addInput(input: Page): void {
    this.runs.addPage(input);
    this.bytes += pageSizeInBytes(input);
    this.context.memory.setBytes(this.bytes);
  }

  getOutput(): Page | undefined {
    if (!this.finishing || this.done) return undefined;
    this.sorted ??= this.runs.finish();
    for (;;) {
      const next = this.sorted.next();
      if (next === undefined) {
        this.done = true;
        this.context.memory.setBytes(0);
        return undefined;
      }
      const out = this.rankPage(next);
      if (out !== undefined) return out;
    }
  }

  private rankPage(input: Page): Page | undefined {
    const n = input.positionCount;
    const samePartition = crossComparator(input.blocks, input.blocks, this.partitionKeys);
    const samePeer = crossComparator(input.blocks, input.blocks, this.orderBy);
    const prev = this.previous;
    const partitionAcross = prev === undefined ? undefined : crossComparator(prev.blocks, input.blocks, this.partitionKeys);
    const peerAcross = prev === undefined ? undefined : crossComparator(prev.blocks, input.blocks, this.orderBy);
    const kept = new Int32Array(n);
    const ranks = new Float64Array(n);
    let k = 0;
    for (let i = 0; i < n; i++) {
      let newPartition: boolean;
      let peer: boolean;
      if (i === 0) {
        newPartition = prev === undefined || partitionAcross!(prev.positionCount - 1, 0) !== 0;
        peer = !newPartition && peerAcross!(prev!.positionCount - 1, 0) === 0;
      } else {
        newPartition = samePartition(i - 1, i) !== 0;
        peer = !newPartition && samePeer(i - 1, i) === 0;
      }
      if (newPartition) {
        this.rowNumber = 0;
        this.rank = 0;
        this.dense = 0;
      }
      this.rowNumber++;
      if (!peer) {
        this.rank = this.rowNumber;
        this.dense++;
      }
      const value = this.rankingType === 'ROW_NUMBER' ? this.rowNumber : this.rankingType === 'RANK' ? this.rank : this.dense;
      if (value <= this.max) {
        kept[k] = i;
        ranks[k] = value;
        k++;
      }
    }
    this.previous = input;
    if (k === 0) return undefined;
    const blocks = input.blocks.map((b) => copyPositions(b, kept, k));
    blocks.push(float64Block(ranks.slice(0, k)));
    return page(blocks, k);
  }

  isFinished(): boolean {
    return this.done;
  }
}
