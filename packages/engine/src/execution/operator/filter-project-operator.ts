import type { Page } from '@petrel/spi';
import { AbstractOperator, type OperatorContext } from './operator.js';
import type { PageProcessor } from '../expression/page-processor.js';

/** Filter and projection fused: one compiled pass per input page. */
export class FilterProjectOperator extends AbstractOperator {
  private pending: Page | undefined;

  constructor(
    context: OperatorContext,
    private readonly processor: PageProcessor,
  ) {
    super(context);
  }
  override needsInput(): boolean {
    return !this.finishing && this.pending === undefined;
  }
  addInput(page: Page): void {
    this.pending = this.processor.process(page);
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
