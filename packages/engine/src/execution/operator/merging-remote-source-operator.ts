import type { Page, SqlType } from '@petrel/spi';
import { TrinoError, StandardErrorCode } from '@petrel/spi';
import { AbstractOperator, type OperatorContext } from './operator.js';
import type { RemotePageStream } from '../execution-context.js';
import { BlockBuilder } from '../block/block-builder.js';
import { crossComparator, type RowComparator, type SortKey } from '../ordering/row-comparator.js';

/** Rows per merged output page. */
const MERGED_PAGE_ROWS = 1024;

/** One sorted input stream and its current page. */
interface MergeInput {
  readonly stream: RemotePageStream;
  page: Page | undefined;
  position: number;
  ended: boolean;
  pending: Promise<void> | undefined;
}

/**
 * Trino's merging exchange (`RemoteMerge`): reads one sorted stream per upstream task and merges
 * them k ways by the sort keys, so the consumer never sorts again. A row is emitted only once
 * every unfinished stream has a row to compare it with.
 */
export class MergingRemoteSourceOperator extends AbstractOperator {
  private readonly inputs: MergeInput[];
  private readonly builders: BlockBuilder[];
  private built = 0;
  private failure: unknown;
  private flushed = false;
  /** Comparators between the current pages of two inputs, rebuilt when either page changes. */
  private readonly comparators = new Map<string, { readonly left: Page; readonly right: Page; readonly compare: RowComparator }>();

  constructor(
    context: OperatorContext,
    streams: readonly RemotePageStream[],
    types: readonly SqlType[],
    private readonly keys: readonly SortKey[],
  ) {
    super(context);
    this.inputs = streams.map((stream) => ({ stream, page: undefined, position: 0, ended: false, pending: undefined }));
    this.builders = types.map((type) => new BlockBuilder(type, MERGED_PAGE_ROWS));
  }

  override needsInput(): boolean {
    return false;
  }
  addInput(): void {
    throw new TrinoError(StandardErrorCode.GENERIC_INTERNAL_ERROR, 'MergingRemoteSourceOperator takes no input');
  }

  /** Starts reading the next page of an input whose page is used up. */
  private fetch(input: MergeInput): void {
    if (input.pending !== undefined || input.ended || input.page !== undefined) return;
    input.pending = input.stream.next().then(
      (p) => {
        input.pending = undefined;
        if (p === undefined) input.ended = true;
        else if (p.positionCount > 0) {
          input.page = p;
          input.position = 0;
        }
      },
      (error: unknown) => {
        input.pending = undefined;
        input.ended = true;
        this.failure = error;
      },
    );
  }

  private compare(a: number, b: number): number {
    const left = this.inputs[a]!;
    const right = this.inputs[b]!;
    const key = `${a},${b}`;
    let cached = this.comparators.get(key);
    if (cached === undefined || cached.left !== left.page || cached.right !== right.page) {
      cached = { left: left.page!, right: right.page!, compare: crossComparator(left.page!.blocks, right.page!.blocks, this.keys) };
      this.comparators.set(key, cached);
    }
    return cached.compare(left.position, right.position);
  }

  /** Merges rows while every unfinished input has one; false when an input must be waited for. */
  private merge(): boolean {
    while (this.built < MERGED_PAGE_ROWS) {
      let best = -1;
      for (let i = 0; i < this.inputs.length; i++) {
        const input = this.inputs[i]!;
        if (input.page === undefined) {
          if (input.ended) continue;
          this.fetch(input);
          return false;
        }
        if (best < 0 || this.compare(i, best) < 0) best = i;
      }
      if (best < 0) return true;
      const input = this.inputs[best]!;
      const page = input.page!;
      for (let c = 0; c < this.builders.length; c++) this.builders[c]!.appendFrom(page.blocks[c]!, input.position);
      this.built++;
      input.position++;
      if (input.position >= page.positionCount) {
        input.page = undefined;
        this.fetch(input);
      }
    }
    return true;
  }

  private allEnded(): boolean {
    return this.inputs.every((input) => input.ended && input.page === undefined);
  }

  getOutput(): Page | undefined {
    if (this.failure !== undefined) throw this.failure;
    const complete = this.merge();
    if (this.built >= MERGED_PAGE_ROWS || (complete && this.allEnded() && this.built > 0)) {
      const count = this.built;
      this.built = 0;
      return { positionCount: count, blocks: this.builders.map((b) => b.buildAndReset()) };
    }
    if (this.allEnded()) this.flushed = true;
    return undefined;
  }

  override isBlocked(): Promise<void> | undefined {
    if (this.failure !== undefined) return undefined;
    const waiting = this.inputs.filter((input) => input.page === undefined && !input.ended);
    for (const input of waiting) this.fetch(input);
    const pending = waiting.map((input) => input.pending).filter((p): p is Promise<void> => p !== undefined);
    if (pending.length === 0) return undefined;
    return Promise.race(pending);
  }

  isFinished(): boolean {
    return this.flushed && this.failure === undefined && this.built === 0;
  }

  override async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all(this.inputs.map((input) => input.stream.close()));
  }
}
