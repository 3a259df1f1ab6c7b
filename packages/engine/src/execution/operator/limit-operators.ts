import type { Page, SqlValue } from '@petrel/spi';
import { slicePage, getValue } from '@petrel/spi';
import { AbstractOperator, type OperatorContext } from './operator.js';
import type { SortKey } from '../ordering/row-comparator.js';
import { valuesEqual } from '../ordering/value-ordering.js';

/** LIMIT n, optionally WITH TIES on the given (already sorted) keys. */
export class LimitOperator extends AbstractOperator {
  private remaining: number;
  private pending: Page | undefined;
  private lastKeys: SqlValue[] | undefined;
  private tiesDone = false;

  constructor(
    context: OperatorContext,
    count: number,
    private readonly ties: readonly SortKey[] | undefined,
  ) {
    super(context);
    this.remaining = count;
  }
  override needsInput(): boolean {
    return !this.isFinished() && this.pending === undefined;
  }
  addInput(page: Page): void {
    if (this.remaining > 0) {
      const n = Math.min(this.remaining, page.positionCount);
      this.remaining -= n;
      if (this.remaining === 0 && this.ties !== undefined && this.ties.length > 0) {
        this.lastKeys = this.ties.map((k) => getValue(page.blocks[k.channel]!, n - 1));
        const extra = this.countTies(page, n);
        this.pending = slicePage(page, 0, n + extra);
        return;
      }
      this.pending = n === page.positionCount ? page : slicePage(page, 0, n);
      return;
    }
    if (this.lastKeys !== undefined && !this.tiesDone) {
      const extra = this.countTies(page, 0);
      if (extra > 0) this.pending = slicePage(page, 0, extra);
    }
  }
  private countTies(page: Page, from: number): number {
    let n = 0;
    for (let i = from; i < page.positionCount; i++) {
      let same = true;
      for (let k = 0; k < this.ties!.length && same; k++) {
        const key = this.ties![k]!;
        const v = getValue(page.blocks[key.channel]!, i);
        const last = this.lastKeys![k]!;
        same = v === null || last === null ? v === last : valuesEqual(key.type, v, last);
      }
      if (!same) {
        this.tiesDone = true;
        break;
      }
      n++;
    }
    return n;
  }
  getOutput(): Page | undefined {
    const p = this.pending;
    this.pending = undefined;
    return p;
  }
  isFinished(): boolean {
    if (this.pending !== undefined) return false;
    if (this.finishing) return true;
    return this.remaining === 0 && (this.lastKeys === undefined || this.tiesDone);
  }
}

/** OFFSET n: drops the first n rows. */
export class OffsetOperator extends AbstractOperator {
  private toSkip: number;
  private pending: Page | undefined;

  constructor(context: OperatorContext, count: number) {
    super(context);
    this.toSkip = count;
  }
  override needsInput(): boolean {
    return !this.finishing && this.pending === undefined;
  }
  addInput(page: Page): void {
    if (this.toSkip >= page.positionCount) {
      this.toSkip -= page.positionCount;
      return;
    }
    const from = this.toSkip;
    this.toSkip = 0;
    this.pending = from === 0 ? page : slicePage(page, from, page.positionCount - from);
  }
  getOutput(): Page | undefined {
    const p = this.pending;
    this.pending = undefined;
    return p;
  }
  isFinished(): boolean {
    return this.finishing && this.pending === undefined;
  }
}
