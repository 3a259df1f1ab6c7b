import type {
  ConnectorColumnHandle,
  ConnectorPageSource,
  ConnectorPageSourceProvider,
  ConnectorSession,
  ConnectorSplit,
  ConnectorTableHandle,
  DynamicFilter,
  Page,
} from '@petrel/spi';
import { pageSizeInBytes, slicePage } from '@petrel/spi';
import { createTableGenerator, pagesFromGenerator } from '../generate-table.js';
import type { TpchConfig } from './tpch-config.js';
import { asTpchColumnHandle, asTpchSplit, asTpchTableHandle } from './tpch-handles.js';

/** Generates the pages of one split, only for the requested columns. */
export class TpchPageSource implements ConnectorPageSource {
  private readonly pages: Iterator<Page>;
  private bytes = 0;
  private positions = 0;
  private closed = false;

  constructor(
    pages: Iterable<Page>,
    private readonly limit = Infinity,
  ) {
    this.pages = pages[Symbol.iterator]();
  }

  next(): Page | undefined {
    if (this.closed || this.positions >= this.limit) return undefined;
    const result = this.pages.next();
    if (result.done === true) {
      this.closed = true;
      return undefined;
    }
    let value = result.value;
    if (this.positions + value.positionCount > this.limit) value = slicePage(value, 0, this.limit - this.positions);
    this.positions += value.positionCount;
    this.bytes += pageSizeInBytes(value);
    return value;
  }

  readonly completedBytes = (): number => this.bytes;
  readonly completedPositions = (): number => this.positions;

  close(): void {
    this.closed = true;
  }
}

export class TpchPageSourceProvider implements ConnectorPageSourceProvider {
  constructor(private readonly config: TpchConfig) {}

  createPageSource(
    _session: ConnectorSession,
    split: ConnectorSplit,
    table: ConnectorTableHandle,
    columns: readonly ConnectorColumnHandle[],
    _dynamicFilter: DynamicFilter | undefined,
  ): ConnectorPageSource {
    const h = asTpchTableHandle(table);
    const s = asTpchSplit(split);
    const ordinals = columns.map((c) => asTpchColumnHandle(c).ordinal);
    const generator = createTableGenerator(h.table, s.scaleFactor, s.part, s.partCount, ordinals);
    const limit = s.limit ?? Infinity;
    const rowsPerPage = Math.max(1, Math.min(this.config.maxRowsPerPage, limit));
    return new TpchPageSource(pagesFromGenerator(h.table, generator, ordinals, rowsPerPage, this.config.doubleTypeMapping), limit);
  }
}
