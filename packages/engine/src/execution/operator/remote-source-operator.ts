import type { Page } from '@petrel/spi';
import { TrinoError, StandardErrorCode } from '@petrel/spi';
import { AbstractOperator, type OperatorContext } from './operator.js';
import type { RemotePageStream } from '../execution-context.js';

/** Reads pages from an asynchronous stream (a remote exchange client). */
export class RemoteSourceOperator extends AbstractOperator {
  private pending: Promise<void> | undefined;
  private buffered: Page | undefined;
  private ended = false;
  private failure: unknown;

  constructor(
    context: OperatorContext,
    private readonly stream: RemotePageStream,
  ) {
    super(context);
  }
  override needsInput(): boolean {
    return false;
  }
  addInput(): void {
    throw new TrinoError(StandardErrorCode.GENERIC_INTERNAL_ERROR, 'RemoteSourceOperator takes no input');
  }
  private fetch(): void {
    if (this.pending !== undefined || this.ended || this.buffered !== undefined) return;
    this.pending = this.stream.next().then(
      (p) => {
        this.pending = undefined;
        if (p === undefined) this.ended = true;
        else this.buffered = p;
      },
      (error: unknown) => {
        this.pending = undefined;
        this.failure = error;
        this.ended = true;
      },
    );
  }
  getOutput(): Page | undefined {
    if (this.failure !== undefined) throw this.failure;
    const p = this.buffered;
    this.buffered = undefined;
    this.fetch();
    return p;
  }
  override isBlocked(): Promise<void> | undefined {
    this.fetch();
    return this.buffered === undefined && !this.ended ? this.pending : undefined;
  }
  isFinished(): boolean {
    return this.ended && this.buffered === undefined && this.failure === undefined;
  }
  override async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.stream.close();
  }
}
