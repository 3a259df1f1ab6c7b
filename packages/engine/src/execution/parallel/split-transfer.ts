import type { Block, ConnectorColumnHandle, ConnectorSplit } from '@petrel/spi';
import type { MemoryColumnHandle, MemorySplit } from '@petrel/connector-memory';
import { encodeBlock, type TransferBlock } from './page-transfer.js';
import type { TransferSplit, TransferStoredPage } from './parallel-messages.js';

/** Shared-memory encodings of stored blocks, made once per block (stored blocks never change). */
const sharedEncodings = new WeakMap<Block, TransferBlock>();

/**
 * A split ready to cross to a worker. Splits are data, except memory-connector splits: their table
 * lives on this thread, so they carry the stored pages they read, narrowed to the scanned columns,
 * as shared-memory typed arrays (numeric blocks are stored shared already; string columns are
 * encoded once, as dictionary ids or UTF-8 bytes in shared memory, and cached).
 */
export function toTransferSplit(connectorName: string, split: ConnectorSplit, columns: readonly ConnectorColumnHandle[]): TransferSplit {
  if (connectorName !== 'memory') return { split };
  const memorySplit = split as MemorySplit;
  if (memorySplit.pages === undefined) return { split };
  const columnIds = columns.map((c) => (c as MemoryColumnHandle).columnId);
  const pages: TransferStoredPage[] = memorySplit.pages.map((stored) => {
    const out: [number, TransferBlock][] = [];
    for (const id of columnIds) {
      const block = stored.blocks.get(id);
      if (block === undefined) continue;
      let encoded = sharedEncodings.get(block);
      if (encoded === undefined) {
        encoded = encodeBlock(block, { memory: 'shared' });
        sharedEncodings.set(block, encoded);
      }
      out.push([id, encoded]);
    }
    return { pageId: stored.pageId, positionCount: stored.positionCount, columns: out };
  });
  const { pages: _omitted, ...rest } = memorySplit;
  return { split: rest, pages };
}

/** Connectors whose scans can run in a pool worker: built there from their definition (tpch), or fed shared pages (memory). */
export const PARALLEL_CONNECTORS: ReadonlySet<string> = new Set(['tpch', 'memory']);
