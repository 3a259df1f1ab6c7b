import type { ColumnStatistics } from '@petrel/spi';
import type { NodeFactory } from '../logical/plan-builder.js';
import type { PlanNode } from '../plan/plan-node.js';
import type { PlanNodeIdAllocator } from '../plan/plan-node-id-allocator.js';
import type { SymbolAllocator } from '../plan/symbol.js';
import type { PlannerContext } from '../planner-context.js';

/** What optimizer rules may use: the planner context plus allocators for new nodes and symbols. */
export interface OptimizerContext {
  readonly planner: PlannerContext;
  readonly ids: PlanNodeIdAllocator;
  readonly symbols: SymbolAllocator;
  readonly nodes: NodeFactory;
  /** Row count estimates of table scans, by plan node id (filled before cost-based rules run). */
  readonly tableRowCounts: Map<string, number>;
  /** Column statistics of table scans (by node id, then column name), when the connector has them. */
  readonly tableColumnStatistics?: Map<string, Readonly<Record<string, ColumnStatistics>>>;
}

/** One optimizer rule: a whole-plan rewrite (most walk the tree and rewrite matching nodes). */
export interface PlanOptimizer {
  readonly name: string;
  optimize(root: PlanNode, context: OptimizerContext): PlanNode | Promise<PlanNode>;
}

/** A session property as a string, with a default. */
export function sessionProperty(context: OptimizerContext, name: string, defaultValue: string): string {
  const v = context.planner.session.systemProperties[name];
  return v === undefined ? defaultValue : v.replace(/^'(.*)'$/, '$1').toUpperCase();
}
