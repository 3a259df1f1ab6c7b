import type { Page } from '@petrel/spi';
import { pageSizeInBytes } from '@petrel/spi';
import type { OperatorStats } from '../execution-context.js';
import type { OperatorMemoryContext } from '../memory/query-memory-context.js';

/**
 * A step of a pipeline, shaped like Trino's operators. The driver moves pages from each operator's
 * `getOutput` to the next one's `addInput` while it `needsInput`, calls `finish` on an operator once
 * its upstream is finished, and stops when the last operator `isFinished`.
 */
export interface Operator {
  readonly context: OperatorContext;
  needsInput(): boolean;
  addInput(page: Page): void;
  getOutput(): Page | undefined;
  /** No more input will come. */
  finish(): void;
  isFinished(): boolean;
  /** A promise when the operator waits on something outside the pipeline (I/O, another pipeline). */
  isBlocked(): Promise<void> | undefined;
  /** Releases resources; idempotent. */
  close(): Promise<void> | void;
}

/** Stats and memory of one operator instance. */
export class OperatorContext {
  inputRows = 0;
  inputBytes = 0;
  outputRows = 0;
  outputBytes = 0;
  wallNanos = 0;
  /** Set by operators with a cheaper byte count than measuring pages (scans). */
  readonly countBytes: boolean;

  constructor(
    readonly planNodeId: string,
    readonly operatorType: string,
    readonly memory: OperatorMemoryContext,
    countBytes = true,
  ) {
    this.countBytes = countBytes;
  }

  recordInput(page: Page): void {
    this.inputRows += page.positionCount;
    if (this.countBytes) this.inputBytes += pageSizeInBytes(page);
  }

  recordOutput(page: Page): void {
    this.outputRows += page.positionCount;
    if (this.countBytes) this.outputBytes += pageSizeInBytes(page);
  }

  stats(): OperatorStats {
    const millis = this.wallNanos / 1e6;
    return {
      planNodeId: this.planNodeId,
      operatorType: this.operatorType,
      inputRows: this.inputRows,
      inputBytes: this.inputBytes,
      outputRows: this.outputRows,
      outputBytes: this.outputBytes,
      wallMillis: millis,
      cpuMillis: millis,
      peakMemoryBytes: this.memory.peakBytes,
    };
  }
}

/** Base with the common defaults: a one-page output slot and a finishing flag. */
export abstract class AbstractOperator implements Operator {
  protected finishing = false;
  protected closed = false;

  constructor(readonly context: OperatorContext) {}

  needsInput(): boolean {
    return !this.finishing;
  }
  abstract addInput(page: Page): void;
  abstract getOutput(): Page | undefined;
  finish(): void {
    this.finishing = true;
  }
  abstract isFinished(): boolean;
  isBlocked(): Promise<void> | undefined {
    return undefined;
  }
  close(): Promise<void> | void {
    this.closed = true;
    this.context.memory.close();
  }
}
