import type { Page } from '@petrel/spi';
import { AbstractOperator } from './operator.js';

/** An operator that turns each input page into at most one output page. */
export abstract class StreamingOperator extends AbstractOperator {
  private pending: Page | undefined;

  protected abstract transform(page: Page): Page | undefined;

  override needsInput(): boolean {
    return !this.finishing && this.pending === undefined && !this.isDoneEarly();
  }
  addInput(page: Page): void {
    const out = this.transform(page);
    if (out !== undefined && out.positionCount > 0) this.pending = out;
  }
  getOutput(): Page | undefined {
    const p = this.pending;
    this.pending = undefined;
    return p;
  }
  isFinished(): boolean {
    return this.pending === undefined && (this.finishing || this.isDoneEarly());
  }
  /** true when no more input is needed (e.g. a limit reached). */
  protected isDoneEarly(): boolean {
    return false;
  }
}
