import type { Statement } from '@petrel/sql';
import type { SqlType, SqlValue } from '@petrel/spi';
import type { CatalogDefinition } from '../config/catalog-definition.js';
import type { FunctionRegistry } from '../function/function-registry.js';
import type { MetadataManager } from '../metadata/metadata-manager.js';
import type { Collaborators } from '../query/collaborators.js';
import type { StatementResult } from '../query/statement-result.js';
import type { PlannedQuery } from '../planner/planner-context.js';
import type { PlanNode } from '../planner/plan/plan-node.js';
import type { Session } from '../session/session.js';

export interface BoundParameter {
  readonly value: SqlValue;
  readonly type: SqlType;
}

/** Everything a statement task may use. One per statement run. */
export interface StatementContext {
  readonly queryId: string;
  readonly sql: string;
  readonly session: Session;
  readonly metadata: MetadataManager;
  readonly functions: FunctionRegistry;
  readonly collaborators: Collaborators;
  readonly parameters: readonly BoundParameter[];
  readonly signal: AbortSignal;
  /** Runs a statement through analysis, planning and execution (queries, DML, EXPLAIN). */
  planAndExecute(statement: Statement, options?: { readonly session?: Session; readonly parameters?: readonly BoundParameter[] }): Promise<StatementResult>;
  /** Analyzes and plans a statement without running it. */
  plan(statement: Statement, options?: { readonly session?: Session; readonly parameters?: readonly BoundParameter[] }): Promise<PlannedQuery>;
  /** EXPLAIN ANALYZE: runs the statement's plan and returns the plan annotated with execution figures. */
  explainAnalyze(statement: Statement, verbose: boolean): Promise<StatementResult>;
  /** How EXPLAIN describes a table scan's handle (the connector's `describeTableHandle`). */
  describeTableScan(node: PlanNode & { kind: 'tableScan' }): string | undefined;
  /** Parses and runs SQL text (used by SHOW/DESCRIBE rewrites), with this context's session. */
  runSql(sql: string, session?: Session): Promise<StatementResult>;
  /** The same context with positional parameters bound (EXECUTE ... USING) and the prepared SQL as text. */
  withParameters(parameters: readonly BoundParameter[], sql: string): StatementContext;
  /** Creates a catalog (CREATE CATALOG). */
  createCatalog(definition: CatalogDefinition): Promise<void>;
  dropCatalog(name: string): Promise<void>;
}
