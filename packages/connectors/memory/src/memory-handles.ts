import type { ConnectorColumnHandle, ConnectorInsertHandle, ConnectorSplit, ConnectorTableHandle, SqlType } from '@petrel/spi';
import { BIGINT } from '@petrel/spi';
import type { StoredPage } from './memory-table.js';

/** The memory connector's table handle: the table's id plus an optional pushed-down limit. */
export interface MemoryTableHandle extends ConnectorTableHandle {
  readonly schema: string;
  readonly table: string;
  readonly tableId: number;
  readonly limit: number | undefined;
}

/** A column handle: the column's stable id survives renames. */
export interface MemoryColumnHandle extends ConnectorColumnHandle {
  readonly name: string;
  readonly type: SqlType;
  readonly columnId: number;
}

export interface MemorySplit extends ConnectorSplit {
  readonly tableId: number;
  /** Ids of the stored pages this split reads. */
  readonly pageIds: readonly number[];
  /**
   * The stored pages themselves (references, taken when the split was made; a non-enumerable
   * property, so never serialized): what the page source reads. A parallel driver's thread, which
   * has no table storage, gets them as shared-memory blocks with the split.
   */
  readonly pages?: readonly StoredPage[];
}

export interface MemoryInsertHandle extends ConnectorInsertHandle {
  readonly insertId: number;
  readonly tableId: number;
  readonly columnIds: readonly number[];
}

export const ROW_ID_COLUMN_NAME = '$row_id';
export const ROW_ID_COLUMN_ID = -1;

export const ROW_ID_COLUMN_HANDLE: MemoryColumnHandle = Object.freeze({ name: ROW_ID_COLUMN_NAME, type: BIGINT, columnId: ROW_ID_COLUMN_ID });

/** Row ids pack the stored page id and the position in it. */
export const ROW_ID_PAGE_FACTOR = 2 ** 24;

export function makeRowId(pageId: number, position: number): number {
  return pageId * ROW_ID_PAGE_FACTOR + position;
}

export function asMemoryTableHandle(handle: ConnectorTableHandle): MemoryTableHandle {
  return handle as MemoryTableHandle;
}

export function asMemoryColumnHandle(handle: ConnectorColumnHandle): MemoryColumnHandle {
  return handle as MemoryColumnHandle;
}
