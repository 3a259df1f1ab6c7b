import type { SqlType, SqlValue } from '@petrel/spi';

/** A result column as the runners see it. */
export interface ResultColumn {
  readonly name: string;
  readonly type: SqlType;
}

/** What one statement produced: rows, or an error with Trino's error name and message. */
export type QueryOutcome = QueryRows | QueryFailure;

export interface QueryRows {
  readonly kind: 'rows';
  readonly columns: readonly ResultColumn[];
  readonly rows: readonly (readonly SqlValue[])[];
  readonly updateType: string | undefined;
  readonly elapsedMillis: number;
}

export interface QueryFailure {
  readonly kind: 'error';
  /** Trino's error name (`DIVISION_BY_ZERO`), `TIMEOUT` when the runner gave up, `INTERNAL` for non-Trino errors. */
  readonly errorName: string;
  readonly message: string;
  readonly elapsedMillis: number;
}

export function queryRows(columns: readonly ResultColumn[], rows: readonly (readonly SqlValue[])[], updateType?: string, elapsedMillis = 0): QueryRows {
  return { kind: 'rows', columns, rows, updateType, elapsedMillis };
}

export function queryFailure(errorName: string, message: string, elapsedMillis = 0): QueryFailure {
  return { kind: 'error', errorName, message, elapsedMillis };
}

/**
 * Runs SQL text one statement at a time in a session it keeps (USE and SET SESSION carry over to
 * later statements). Never rejects: failures come back as `QueryFailure`.
 */
export interface QueryRunner {
  run(sql: string): Promise<QueryOutcome>;
  /** Sets the session's default catalog and schema directly. */
  setDefaultSchema(catalog: string | undefined, schema: string | undefined): void;
  close(): Promise<void>;
}
