import type { ConnectorInsertHandle, ConnectorPageSink, ConnectorPageSinkProvider, ConnectorSession, Page } from '@petrel/spi';
import type { MemoryInsertHandle } from './memory-handles.js';
import type { MemoryStorage } from './memory-storage.js';

/** Sinks buffer pages until `finishInsert` commits them all at once, so a failed INSERT leaves nothing. */
export class MemoryPageSinkProvider implements ConnectorPageSinkProvider {
  constructor(private readonly storage: MemoryStorage) {}

  createPageSink(_session: ConnectorSession, insert: ConnectorInsertHandle): ConnectorPageSink {
    const h = insert as MemoryInsertHandle;
    const sinkId = this.storage.newSink(h.insertId);
    const storage = this.storage;
    return {
      appendPage(page: Page): void {
        storage.appendToSink(h.insertId, sinkId, page);
      },
      async finish(): Promise<readonly unknown[]> {
        return [{ sinkId }];
      },
      abort(): void {
        storage.abortSink(h.insertId, sinkId);
      },
    };
  }
}
