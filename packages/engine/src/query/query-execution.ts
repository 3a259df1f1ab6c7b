import type { Page, SqlType } from '@petrel/spi';
import type { ExecutionStats } from '../execution/execution-context.js';
import type { SessionUpdate } from '../session/session.js';

export interface QueryResultColumn {
  readonly name: string;
  readonly type: SqlType;
}

export type QueryState = 'QUEUED' | 'WAITING_FOR_RESOURCES' | 'DISPATCHING' | 'PLANNING' | 'STARTING' | 'RUNNING' | 'FINISHING' | 'FINISHED' | 'FAILED';

export interface QueryStats {
  readonly createTime: number;
  readonly endTime: number | undefined;
  readonly elapsedMillis: number;
  readonly queuedMillis: number;
  readonly planningMillis: number;
  readonly cpuMillis: number;
  readonly totalSplits: number;
  readonly queuedSplits: number;
  readonly runningSplits: number;
  readonly completedSplits: number;
  readonly processedRows: number;
  readonly processedBytes: number;
  readonly outputRows: number;
  readonly outputBytes: number;
  readonly peakMemoryBytes: number;
}

/**
 * One running statement, as the CLI, the protocol server and tests see it. Results stream: call
 * `nextPage()` until it resolves `undefined`. Errors reject with a `TrinoError`.
 */
export interface QueryExecution {
  readonly queryId: string;
  readonly sql: string;
  /** The result's columns; resolves once the statement is analyzed. */
  columns(): Promise<readonly QueryResultColumn[]>;
  nextPage(): Promise<Page | undefined>;
  /** Stops the query; pending and later `nextPage` calls reject with USER_CANCELED. */
  cancel(): void;
  state(): QueryState;
  stats(): QueryStats;
  /** For DDL and DML: `CREATE TABLE`, `INSERT`, `SET SESSION` ... (Trino's updateType). */
  updateType(): string | undefined;
  /** For INSERT/DELETE/UPDATE/MERGE/CREATE TABLE AS: rows affected, once finished. */
  updateCount(): number | undefined;
  /** Session changes made by the statement (USE, SET SESSION, PREPARE ...), once finished. */
  sessionUpdates(): readonly SessionUpdate[];
  /**
   * The execution layer's figures (splits, rows, per-operator statistics) once the plan runs;
   * `undefined` before, and for statements without a plan (DDL, SET, USE ...).
   */
  executionStats?(): ExecutionStats | undefined;
  /** Resolves when the query has finished or failed (never rejects). */
  readonly done: Promise<void>;
}
