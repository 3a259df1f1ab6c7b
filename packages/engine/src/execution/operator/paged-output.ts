import type { Block, Page } from '@petrel/spi';
import { page, sliceBlock, copyPositions } from '@petrel/spi';

/** Preferred number of rows of pages that operators build. */
export const OUTPUT_PAGE_ROWS = 16384;

/** Emits `count` rows of full-size `columns` as pages of at most OUTPUT_PAGE_ROWS rows. */
export class PagedOutput {
  private offset = 0;

  constructor(
    private readonly columns: readonly Block[],
    private readonly count: number,
    /** When set, output row i is row positions[i] of the columns. */
    private readonly positions?: Int32Array,
  ) {}

  isDone(): boolean {
    return this.offset >= this.count;
  }

  next(): Page | undefined {
    if (this.offset >= this.count) return undefined;
    const length = Math.min(OUTPUT_PAGE_ROWS, this.count - this.offset);
    const from = this.offset;
    this.offset += length;
    if (this.positions !== undefined) {
      const slice = this.positions.subarray(from, from + length);
      return page(
        this.columns.map((b) => copyPositions(b, slice, length)),
        length,
      );
    }
    if (from === 0 && length === this.count) return page(this.columns, length);
    return page(
      this.columns.map((b) => sliceBlock(b, from, length)),
      length,
    );
  }
}
