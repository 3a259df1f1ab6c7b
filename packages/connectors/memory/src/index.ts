export { MemoryConnector, memoryConnectorFactory, parseMaxDataPerNode } from './memory-connector.js';
export { MemoryMetadata } from './memory-metadata.js';
export { MemoryStorage } from './memory-storage.js';
export { MemorySplitManager, ROWS_PER_SPLIT } from './memory-split-manager.js';
export type { MemoryColumnHandle, MemoryInsertHandle, MemorySplit, MemoryTableHandle } from './memory-handles.js';
export { ROW_ID_COLUMN_NAME } from './memory-handles.js';
