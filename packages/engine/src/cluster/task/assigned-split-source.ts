import type { ConnectorSplit, ConnectorSplitSource } from '@petrel/spi';

/**
 * The splits a task's table scan reads when the coordinator assigns them (Trino's task sources):
 * task updates add splits and finally mark the end; the scan takes them in batches and waits for
 * more until that end.
 */
export class AssignedSplitSource implements ConnectorSplitSource {
  private readonly pending: ConnectorSplit[] = [];
  private noMoreSplits = false;
  private closed = false;
  private assignedCount = 0;
  private waiting: (() => void)[] = [];

  /** Adds splits (an update); `noMore` marks that no split follows. */
  add(splits: readonly ConnectorSplit[], noMore: boolean): void {
    if (this.noMoreSplits) return;
    this.pending.push(...splits);
    this.assignedCount += splits.length;
    if (noMore) this.noMoreSplits = true;
    this.notify();
  }

  /** How many splits the coordinator assigned so far. */
  get assigned(): number {
    return this.assignedCount;
  }

  get complete(): boolean {
    return this.noMoreSplits;
  }

  private notify(): void {
    for (const wake of this.waiting.splice(0)) wake();
  }

  async nextBatch(maxSize: number): Promise<{ readonly splits: readonly ConnectorSplit[]; readonly done: boolean }> {
    while (this.pending.length === 0 && !this.noMoreSplits && !this.closed) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    const splits = this.pending.splice(0, Math.max(1, maxSize));
    return { splits, done: this.closed || (this.noMoreSplits && this.pending.length === 0) };
  }

  close(): void {
    this.closed = true;
    this.notify();
  }
}
