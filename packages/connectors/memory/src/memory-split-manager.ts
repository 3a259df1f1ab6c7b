import type { ConnectorSession, ConnectorSplit, ConnectorSplitManager, ConnectorSplitSource, ConnectorTableHandle, DynamicFilter } from '@petrel/spi';
import type { MemorySplit } from './memory-handles.js';
import { asMemoryTableHandle } from './memory-handles.js';
import type { MemoryStorage } from './memory-storage.js';
import type { StoredPage } from './memory-table.js';

/**
 * Rows per split: stored pages are grouped until a group holds this many rows. Large enough that a
 * parallel driver's per-split message round trip is small beside reading the split (SF1 lineitem:
 * 92 splits), small enough that splits spread evenly over drivers.
 */
export const ROWS_PER_SPLIT = 65_536;

/** One split per group of stored pages, so that scans of large tables run in parallel. */
export class MemorySplitManager implements ConnectorSplitManager {
  constructor(private readonly storage: MemoryStorage) {}

  async getSplits(_session: ConnectorSession, handle: ConnectorTableHandle, _dynamicFilter: DynamicFilter | undefined): Promise<ConnectorSplitSource> {
    const h = asMemoryTableHandle(handle);
    const table = this.storage.tableById(h.tableId);
    const splits: MemorySplit[] = [];
    let current: number[] = [];
    let currentPages: StoredPage[] = [];
    let rows = 0;
    let total = 0;
    for (const page of table.pages) {
      if (h.limit !== undefined && total >= h.limit) break;
      current.push(page.pageId);
      currentPages.push(page);
      rows += page.positionCount;
      total += page.positionCount;
      // With a limit, one split keeps the limit global.
      if (h.limit === undefined && rows >= ROWS_PER_SPLIT) {
        splits.push(memorySplit(h.tableId, current, currentPages));
        current = [];
        currentPages = [];
        rows = 0;
      }
    }
    if (current.length > 0) splits.push(memorySplit(h.tableId, current, currentPages));
    return new FixedSplitSource(splits);
  }
}

/**
 * A split over stored pages. It holds the pages themselves too, as a non-enumerable property: a
 * reference for this process (a driver thread receives them in shared memory), never serialized
 * when splits travel as data (JSON to cluster nodes, structured clone).
 */
function memorySplit(tableId: number, pageIds: readonly number[], pages: readonly StoredPage[]): MemorySplit {
  const split: MemorySplit = { tableId, pageIds };
  Object.defineProperty(split, 'pages', { value: pages, enumerable: false });
  return split;
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
