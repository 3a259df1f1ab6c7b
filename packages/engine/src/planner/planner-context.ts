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
  /**
   * DESCRIBE INPUT: parameters `?` have no values; they are planned as placeholders of type
   * unknown whose coercions tell their types (see `describeParameterTypes`).
   */
  readonly inferParameterTypes?: boolean;
  /** Where the optimizer records rule invocations (`system.runtime.optimizer_rule_stats`). */
  readonly ruleStats?: RuleStatsSink;
}

/** Receives one optimizer rule invocation: its time and whether it changed the plan. */
export interface RuleStatsSink {
  record(rule: string, nanos: number, outcome: 'matched' | 'unchanged' | 'failed'): void;
}

/** An analyzed, planned and optimized query, ready for execution. */
export interface PlannedQuery {
  readonly root: OutputNode;
  readonly columns: readonly QueryResultColumn[];
  /** The tables and views the statement reads, and as whom (for access control). */
  readonly access?: PlannedAccess;
}

export interface QualifiedName {
  readonly catalog: string;
  readonly schema: string;
  readonly name: string;
}

/**
 * What a statement reads and under which identity access must be checked: a table read inside a
 * SECURITY DEFINER view is read as the view's owner, elsewhere as the session user.
 */
export interface PlannedAccess {
  readonly views: readonly { readonly view: QualifiedName; readonly security: 'DEFINER' | 'INVOKER'; readonly owner: string | undefined; readonly checkAs: string }[];
  readonly tables: readonly { readonly table: QualifiedName; readonly checkAs: string; readonly throughView: QualifiedName | undefined }[];
}
