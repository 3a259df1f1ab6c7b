import type {
  Block,
  ConnectorColumnHandle,
  ConnectorPageSource,
  ConnectorPageSourceProvider,
  ConnectorSession,
  ConnectorSplit,
  ConnectorTableHandle,
  DynamicFilter,
  Page,
} from '@petrel/spi';
import { float64Block, page as makePage, pageSizeInBytes, slicePage } from '@petrel/spi';
import type { MemorySplit } from './memory-handles.js';
import { asMemoryColumnHandle, asMemoryTableHandle, makeRowId, ROW_ID_COLUMN_ID } from './memory-handles.js';
import type { MemoryStorage } from './memory-storage.js';
import type { StoredPage } from './memory-table.js';
import { MemoryTable } from './memory-table.js';

export class MemoryPageSourceProvider implements ConnectorPageSourceProvider {
  constructor(private readonly storage: MemoryStorage) {}

  createPageSource(
    _session: ConnectorSession,
    split: ConnectorSplit,
    handle: ConnectorTableHandle,
    columns: readonly ConnectorColumnHandle[],
    _dynamicFilter: DynamicFilter | undefined,
  ): ConnectorPageSource {
    const s = split as MemorySplit;
    let pages: readonly StoredPage[];
    if (s.pages !== undefined) pages = s.pages;
    else {
      const table = this.storage.tableById(s.tableId);
      const wanted = new Set(s.pageIds);
      pages = table.pages.filter((p) => wanted.has(p.pageId));
    }
    return new MemoryPageSource(
      pages,
      columns.map((c) => asMemoryColumnHandle(c).columnId),
      asMemoryTableHandle(handle).limit,
    );
  }
}

class MemoryPageSource implements ConnectorPageSource {
  private index = 0;
  private rows = 0;
  private bytes = 0;

  constructor(
    private readonly pages: readonly StoredPage[],
    private readonly columnIds: readonly number[],
    private readonly limit: number | undefined,
  ) {}

  next(): Page | undefined {
    if (this.index >= this.pages.length) return undefined;
    if (this.limit !== undefined && this.rows >= this.limit) return undefined;
    const stored = this.pages[this.index++]!;
    const blocks = this.columnIds.map((id): Block => (id === ROW_ID_COLUMN_ID ? rowIdBlock(stored) : MemoryTable.columnBlock(stored, id)));
    let result = makePage(blocks, stored.positionCount);
    if (this.limit !== undefined && this.rows + result.positionCount > this.limit) {
      result = slicePage(result, 0, this.limit - this.rows);
    }
    this.rows += result.positionCount;
    this.bytes += pageSizeInBytes(result);
    return result;
  }

  readonly completedBytes = (): number => this.bytes;
  readonly completedPositions = (): number => this.rows;

  close(): void {
    this.index = this.pages.length;
  }
}

function rowIdBlock(stored: StoredPage): Block {
  const values = new Float64Array(stored.positionCount);
  for (let i = 0; i < stored.positionCount; i++) values[i] = makeRowId(stored.pageId, i);
  return float64Block(values);
}
