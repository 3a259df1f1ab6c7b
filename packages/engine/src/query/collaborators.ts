import type { Statement } from '@petrel/sql';
import { parseStatement } from '@petrel/sql';
import type { ExecutionContext, PlanExecution } from '../execution/execution-context.js';
import { executePlan } from '../execution/index.js';
import { createFunctionRegistry } from '../function/index.js';
import type { FunctionRegistry } from '../function/function-registry.js';
import type { FormatPlanOptions } from '../planner/index.js';
import { formatPlan, planStatement } from '../planner/index.js';
import type { PlanNode } from '../planner/plan/plan-node.js';
import type { PlannedQuery, PlannerContext } from '../planner/planner-context.js';

/**
 * The entry points of the parser, planner, execution and function library, as the engine calls
 * them (one seam, so tests can substitute any of them).
 */
export interface Collaborators {
  parseStatement(sql: string): Statement;
  planStatement(statement: Statement, context: PlannerContext): Promise<PlannedQuery>;
  formatPlan(root: PlanNode, options: FormatPlanOptions): string;
  executePlan(root: PlanNode, context: ExecutionContext): PlanExecution;
  createFunctionRegistry(): FunctionRegistry;
}

const DEFAULT_COLLABORATORS: Collaborators = { parseStatement, planStatement, formatPlan, executePlan, createFunctionRegistry };

export async function loadCollaborators(): Promise<Collaborators> {
  return DEFAULT_COLLABORATORS;
}
