import type { Page } from '@petrel/spi';
import type { ExecutionStats } from '../execution/execution-context.js';
import type { SessionUpdate } from '../session/session.js';
import type { QueryResultColumn } from './query-execution.js';

/** Where a statement's result pages come from. */
export interface ResultSource {
  next(): Promise<Page | undefined>;
  close(): Promise<void>;
  stats?(): ExecutionStats;
}

/** What running a statement produced: its columns and a source of pages, plus update information. */
export interface StatementResult {
  readonly columns: readonly QueryResultColumn[];
  readonly source: ResultSource;
  readonly updateType: string | undefined;
  /** Known up front (DDL), or read from the single `rows` value the source produces (DML). */
  readonly updateCount: number | undefined;
  readonly updateCountFromRows: boolean;
  readonly sessionUpdates: readonly SessionUpdate[];
}

export function pagesSource(pages: readonly Page[]): ResultSource {
  let index = 0;
  return {
    async next() {
      return index < pages.length ? pages[index++] : undefined;
    },
    async close() {
      index = pages.length;
    },
  };
}

export const EMPTY_SOURCE: ResultSource = pagesSource([]);

/** A statement that only changes state: no columns, no rows. */
export function updateResult(updateType: string, sessionUpdates: readonly SessionUpdate[] = [], updateCount?: number): StatementResult {
  return { columns: [], source: pagesSource([]), updateType, updateCount, updateCountFromRows: false, sessionUpdates };
}
