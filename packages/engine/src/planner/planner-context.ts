import type { SqlType, SqlValue } from '@petrel/spi';
import type { FunctionRegistry } from '../function/function-registry.js';
import type { Metadata } from '../metadata/metadata.js';
import type { QueryResultColumn } from '../query/query-execution.js';
import type { Session } from '../session/session.js';
import type { OutputNode } from './plan/plan-node.js';

/** Everything analysis and planning of one statement may consult. */
export interface PlannerContext {
  readonly queryId: string;
  readonly session: Session;
  readonly metadata: Metadata;
  readonly functions: FunctionRegistry;
  /** Values bound to positional parameters `?` (EXECUTE ... USING), in order. */
  readonly parameters: readonly { readonly value: SqlValue; readonly type: SqlType }[];
  /**
   * When true, INSERT plans carry `PENDING_INSERT_HANDLE` and no connector write is begun while
   * planning (EXPLAIN, EXPLAIN (TYPE VALIDATE)); `beginPlannedInserts` begins them before execution.
   * When absent, `planStatement` begins the inserts itself after planning (the engine's execution path).
   */
  readonly deferInsertBegin?: boolean;
}

/** An analyzed, planned and optimized query, ready for execution. */
export interface PlannedQuery {
  readonly root: OutputNode;
  readonly columns: readonly QueryResultColumn[];
}
