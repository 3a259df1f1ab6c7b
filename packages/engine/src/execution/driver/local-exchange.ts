import type { Page } from '@petrel/spi';
import { pageSizeInBytes } from '@petrel/spi';
import { Signal } from './signal.js';
import type { OperatorMemoryContext } from '../memory/query-memory-context.js';

/**
 * An in-process exchange between pipelines: any number of writers, one reader. Writers are
 * blocked while the buffer holds more than `maxBufferedBytes`; the reader is blocked while it is
 * empty and some writer is still open.
 */
export class LocalExchange {
  private readonly pages: Page[] = [];
  private head = 0;
  private bufferedBytes = 0;
  private openWriters: number;
  private readonly readable = new Signal();
  private readonly writable = new Signal();

  constructor(
    writerCount: number,
    private readonly maxBufferedBytes = 8 * 1024 * 1024,
    private readonly memory?: OperatorMemoryContext,
  ) {
    this.openWriters = writerCount;
  }

  get retainedBytes(): number {
    return this.bufferedBytes;
  }

  // writer side
  addPage(page: Page): void {
    this.pages.push(page);
    this.bufferedBytes += pageSizeInBytes(page);
    this.memory?.setBytes(this.bufferedBytes);
    this.readable.notify();
  }
  writerBlocked(): Promise<void> | undefined {
    return this.bufferedBytes > this.maxBufferedBytes ? this.writable.wait() : undefined;
  }
  finishWriter(): void {
    this.openWriters--;
    this.readable.notify();
  }

  // reader side
  poll(): Page | undefined {
    if (this.head >= this.pages.length) return undefined;
    const page = this.pages[this.head]!;
    this.pages[this.head] = undefined as unknown as Page;
    this.head++;
    if (this.head > 1024 && this.head * 2 > this.pages.length) {
      this.pages.splice(0, this.head);
      this.head = 0;
    }
    this.bufferedBytes -= pageSizeInBytes(page);
    this.memory?.setBytes(Math.max(0, this.bufferedBytes));
    if (this.bufferedBytes <= this.maxBufferedBytes) this.writable.notify();
    return page;
  }
  readerBlocked(): Promise<void> | undefined {
    if (this.head < this.pages.length || this.openWriters <= 0) return undefined;
    return this.readable.wait();
  }
  isFinished(): boolean {
    return this.openWriters <= 0 && this.head >= this.pages.length;
  }
  /** Drops buffered pages and unblocks everyone (query end). */
  destroy(): void {
    this.pages.length = 0;
    this.head = 0;
    this.bufferedBytes = 0;
    this.openWriters = 0;
    try {
      this.memory?.setBytes(0);
    } catch {
      // releasing memory never fails
    }
    this.readable.notify();
    this.writable.notify();
  }
}
