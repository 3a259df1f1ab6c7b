import type { ConnectorSession, ConnectorSplit, ConnectorSplitManager, ConnectorSplitSource, ConnectorTableHandle, DynamicFilter } from '@petrel/spi';
import type { MemorySplit } from './memory-handles.js';
import { asMemoryTableHandle } from './memory-handles.js';
import type { MemoryStorage } from './memory-storage.js';

/** Rows per split: stored pages are grouped until a group holds this many rows. */
export const ROWS_PER_SPLIT = 16_384;

/** One split per group of stored pages, so that scans of large tables run in parallel. */
export class MemorySplitManager implements ConnectorSplitManager {
  constructor(private readonly storage: MemoryStorage) {}

  async getSplits(_session: ConnectorSession, handle: ConnectorTableHandle, _dynamicFilter: DynamicFilter | undefined): Promise<ConnectorSplitSource> {
    const h = asMemoryTableHandle(handle);
    const table = this.storage.tableById(h.tableId);
    const splits: MemorySplit[] = [];
    let current: number[] = [];
    let rows = 0;
    let total = 0;
    for (const page of table.pages) {
      if (h.limit !== undefined && total >= h.limit) break;
      current.push(page.pageId);
      rows += page.positionCount;
      total += page.positionCount;
      // With a limit, one split keeps the limit global.
      if (h.limit === undefined && rows >= ROWS_PER_SPLIT) {
        splits.push({ tableId: h.tableId, pageIds: current });
        current = [];
        rows = 0;
      }
    }
    if (current.length > 0) splits.push({ tableId: h.tableId, pageIds: current });
    return new FixedSplitSource(splits);
  }
}

export class FixedSplitSource implements ConnectorSplitSource {
  private offset = 0;

  constructor(private readonly splits: readonly ConnectorSplit[]) {}

  async nextBatch(maxSize: number): Promise<{ readonly splits: readonly ConnectorSplit[]; readonly done: boolean }> {
    const batch = this.splits.slice(this.offset, this.offset + Math.max(1, maxSize));
    this.offset += batch.length;
    return { splits: batch, done: this.offset >= this.splits.length };
  }

  close(): void {
    this.offset = this.splits.length;
  }
}
