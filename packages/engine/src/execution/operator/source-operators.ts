import type { Page } from '@petrel/spi';
import { TrinoError, StandardErrorCode } from '@petrel/spi';
import { AbstractOperator, type OperatorContext } from './operator.js';
import type { LocalExchange } from '../driver/local-exchange.js';

/** Emits a fixed list of pages (VALUES, constant inputs). */
export class ValuesOperator extends AbstractOperator {
  private index = 0;

  constructor(
    context: OperatorContext,
    private readonly pages: readonly Page[],
  ) {
    super(context);
  }
  override needsInput(): boolean {
    return false;
  }
  addInput(): void {
    throw new TrinoError(StandardErrorCode.GENERIC_INTERNAL_ERROR, 'ValuesOperator takes no input');
  }
  getOutput(): Page | undefined {
    return this.index < this.pages.length ? this.pages[this.index++] : undefined;
  }
  isFinished(): boolean {
    return this.index >= this.pages.length;
  }
}

/** Reads pages another pipeline wrote into a local exchange. */
export class LocalExchangeSourceOperator extends AbstractOperator {
  constructor(
    context: OperatorContext,
    private readonly exchange: LocalExchange,
  ) {
    super(context);
  }
  override needsInput(): boolean {
    return false;
  }
  addInput(): void {
    throw new TrinoError(StandardErrorCode.GENERIC_INTERNAL_ERROR, 'LocalExchangeSourceOperator takes no input');
  }
  getOutput(): Page | undefined {
    return this.exchange.poll();
  }
  override isBlocked(): Promise<void> | undefined {
    return this.exchange.readerBlocked();
  }
  isFinished(): boolean {
    return this.exchange.isFinished();
  }
}

/** Writes its input into a local exchange (optionally reordering channels). */
export class LocalExchangeSinkOperator extends AbstractOperator {
  private finishedWriter = false;

  constructor(
    context: OperatorContext,
    private readonly exchange: LocalExchange,
    private readonly channels: readonly number[] | undefined,
  ) {
    super(context);
  }
  addInput(page: Page): void {
    this.exchange.addPage(this.channels === undefined ? page : { positionCount: page.positionCount, blocks: this.channels.map((c) => page.blocks[c]!) });
  }
  getOutput(): Page | undefined {
    return undefined;
  }
  override needsInput(): boolean {
    return !this.finishing && this.exchange.writerBlocked() === undefined;
  }
  override isBlocked(): Promise<void> | undefined {
    return this.finishing ? undefined : this.exchange.writerBlocked();
  }
  override finish(): void {
    if (!this.finishedWriter) {
      this.finishedWriter = true;
      this.exchange.finishWriter();
    }
    this.finishing = true;
  }
  isFinished(): boolean {
    return this.finishing;
  }
  override close(): void {
    if (!this.finishedWriter) {
      this.finishedWriter = true;
      this.exchange.finishWriter();
    }
    super.close();
  }
}
