import type {
  ConnectorSession,
  ConnectorSplit,
  ConnectorSplitManager,
  ConnectorSplitSource,
  ConnectorTableHandle,
  DynamicFilter,
} from '@petrel/spi';
import type { TpchConfig } from './tpch-config.js';
import type { TpchSplit } from './tpch-handles.js';
import { asTpchTableHandle } from './tpch-handles.js';
import { tableRowCount } from './tpch-statistics.js';

/** Fewer rows than this per split are not worth a split of their own. */
const MIN_ROWS_PER_SPLIT = 10_000;

/**
 * Cuts a table into `tpch.splits-per-node` parts, as dbgen parts: each split generates only its
 * own row range, jumping the random streams to its first row. nation and region are one split, and
 * so is a scan with a pushed-down limit.
 */
export class TpchSplitManager implements ConnectorSplitManager {
  constructor(private readonly config: TpchConfig) {}

  async getSplits(_session: ConnectorSession, handle: ConnectorTableHandle, _dynamicFilter: DynamicFilter | undefined): Promise<ConnectorSplitSource> {
    const h = asTpchTableHandle(handle);
    let partCount = 1;
    if (h.table !== 'nation' && h.table !== 'region' && h.limit === undefined) {
      const rows = tableRowCount(h.table === 'lineitem' ? 'orders' : h.table, h.scaleFactor) * (h.table === 'lineitem' ? 4 : 1);
      partCount = Math.max(1, Math.min(this.config.splitsPerNode, Math.floor(rows / MIN_ROWS_PER_SPLIT)));
    }
    const splits: TpchSplit[] = [];
    for (let part = 1; part <= partCount; part++) {
      splits.push({ table: h.table, scaleFactor: h.scaleFactor, part, partCount, ...(h.limit === undefined ? {} : { limit: h.limit }) });
    }
    return new TpchSplitSource(splits as unknown as ConnectorSplit[]);
  }
}

class TpchSplitSource implements ConnectorSplitSource {
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
