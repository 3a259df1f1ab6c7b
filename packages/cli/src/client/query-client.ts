import type { JsonValue, QueryError, Session, SessionUpdate, StatementStats } from '@petrel/server';
import type { OutputColumn } from '../output/output-printer.js';

export interface CliQueryResult {
  readonly queryId: string | undefined;
  readonly error: QueryError | undefined;
  readonly updateType: string | undefined;
  readonly updateCount: number | undefined;
  readonly sessionUpdates: readonly SessionUpdate[];
}

/** One running statement as the CLI consumes it, whether embedded or over HTTP. */
export interface CliQuery {
  queryId(): string | undefined;
  /** Resolves once the columns are known; undefined when the statement failed first or has none. */
  columns(): Promise<readonly OutputColumn[] | undefined>;
  /** The next batch of rows in protocol JSON form; undefined at the end (or on failure). */
  nextRows(): Promise<JsonValue[][] | undefined>;
  /** Waits for the statement to end. */
  finish(): Promise<CliQueryResult>;
  stats(): StatementStats | undefined;
  /** The statement's update type (`INSERT`, `CREATE TABLE` ...) once known. */
  updateType(): string | undefined;
  cancel(): void;
}

export interface QueryClient {
  start(sql: string, session: Session): CliQuery;
  close(): Promise<void>;
}
