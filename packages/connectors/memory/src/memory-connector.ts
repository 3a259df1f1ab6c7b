import type { Connector, ConnectorContext, ConnectorFactory } from '@petrel/spi';
import { StandardErrorCode, TrinoError } from '@petrel/spi';
import { MemoryMetadata } from './memory-metadata.js';
import { MemoryPageSinkProvider } from './memory-page-sink-provider.js';
import { MemoryPageSourceProvider } from './memory-page-source-provider.js';
import { MemorySplitManager } from './memory-split-manager.js';
import { MemoryStorage } from './memory-storage.js';

/** A catalog whose tables live in this process's memory, stored as pages. */
export class MemoryConnector implements Connector {
  readonly storage: MemoryStorage;
  readonly metadata: MemoryMetadata;
  readonly splitManager: MemorySplitManager;
  readonly pageSourceProvider: MemoryPageSourceProvider;
  readonly pageSinkProvider: MemoryPageSinkProvider;

  /** `maxDataBytes`: the catalog's `memory.max-data-per-node` (no limit when undefined). */
  constructor(maxDataBytes?: number) {
    this.storage = new MemoryStorage(maxDataBytes);
    this.metadata = new MemoryMetadata(this.storage);
    this.splitManager = new MemorySplitManager(this.storage);
    this.pageSourceProvider = new MemoryPageSourceProvider(this.storage);
    this.pageSinkProvider = new MemoryPageSinkProvider(this.storage);
  }
}

const DATA_SIZE_UNITS: Readonly<Record<string, number>> = { B: 1, kB: 1024, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3, TB: 1024 ** 4, PB: 1024 ** 5 };

/** Parses `memory.max-data-per-node` (`128MB`, `1GB` ...) into bytes. */
export function parseMaxDataPerNode(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]+)\s*$/.exec(text);
  const factor = match === null ? undefined : DATA_SIZE_UNITS[match[2]!];
  if (match === null || factor === undefined) {
    throw new TrinoError(StandardErrorCode.INVALID_CATALOG_PROPERTY, `Invalid value for 'memory.max-data-per-node': '${text}' (expected a data size such as 128MB)`);
  }
  return Math.round(Number(match[1]) * factor);
}

export const memoryConnectorFactory: ConnectorFactory = {
  name: 'memory',
  supportedProperties: ['memory.max-data-per-node'],
  create(_catalogName: string, properties: Readonly<Record<string, string>>, _context: ConnectorContext): Connector {
    const limit = properties['memory.max-data-per-node'];
    return new MemoryConnector(limit === undefined ? undefined : parseMaxDataPerNode(limit));
  },
};
