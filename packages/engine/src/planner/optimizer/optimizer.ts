import { StandardErrorCode, TrinoError } from '@petrel/spi';
import { NodeFactory } from '../logical/plan-builder.js';
import type { OutputNode, PlanNode } from '../plan/plan-node.js';
import type { PlanNodeIdAllocator } from '../plan/plan-node-id-allocator.js';
import { collectNodes } from '../plan/plan-sources.js';
import type { SymbolAllocator } from '../plan/symbol.js';
import type { PlannerContext } from '../planner-context.js';
import type { OptimizerContext, PlanOptimizer } from './optimizer-context.js';
import { addExchanges } from './rules/add-exchanges.js';
import { addDynamicFilters } from './rules/add-dynamic-filters.js';
import { decorrelateSubqueries } from './rules/decorrelate-subqueries.js';
import { mergeAdjacentNodes } from './rules/merge-adjacent-nodes.js';
import { predicatePushdown } from './rules/predicate-pushdown.js';
import { pruneUnusedColumns } from './rules/prune-unused-columns.js';
import { pushIntoTableScan } from './rules/push-into-table-scan.js';
import { pushJoinIntoTableScan } from './rules/push-join-into-table-scan.js';
import { pushLimits } from './rules/push-limits.js';
import { removeRedundantNodes } from './rules/remove-redundant-nodes.js';
import { pushSemiJoinFilters } from './rules/push-semi-join-filters.js';
import { simplifyOuterJoins } from './rules/simplify-outer-joins.js';
import { reorderJoins } from './rules/reorder-joins.js';
import { simplifyExpressions } from './rules/simplify-expressions.js';
import { chooseJoinSides } from './rules/choose-join-sides.js';
import { recordEstimates } from './cost/plan-estimates.js';

/**
 * The ordered rule list. Each entry is one rule file; comments say why it sits where it does.
 */
export const LOGICAL_RULES: readonly PlanOptimizer[] = [
  // folds constants and simplifies boolean logic so that later rules see canonical predicates
  simplifyExpressions,
  // filters reach the inputs of subqueries (and join the FROM tables) before decorrelation
  predicatePushdown,
  reorderJoins,
  // rewrites apply / correlatedJoin nodes into joins, semi joins and aggregations
  decorrelateSubqueries,
  simplifyExpressions,
  mergeAdjacentNodes,
  // moves filters down to the scans; extracts equi-join criteria; cross join + equality -> join
  predicatePushdown,
  // outer joins under filters that reject their NULL padding -> inner joins (reorderable)
  simplifyOuterJoins,
  // semi joins used as filters move down to the join input producing their key
  pushSemiJoinFilters,
  // orders inner joins by estimated size (never a cross product of big tables)
  reorderJoins,
  predicatePushdown,
  simplifyExpressions,
  pushLimits,
  removeRedundantNodes,
  pruneUnusedColumns,
  mergeAdjacentNodes,
  removeRedundantNodes,
];

export const PHYSICAL_RULES: readonly PlanOptimizer[] = [
  // connector pushdown: filter, projection, limit
  pushIntoTableScan,
  pruneUnusedColumns,
  // a join of two scans of one catalog -> the connector's joined scan (then pushdown above it)
  pushJoinIntoTableScan,
  // build side = smaller side; broadcast vs partitioned
  chooseJoinSides,
  addDynamicFilters,
  // partial/final aggregation and exchanges (fragment boundaries)
  addExchanges,
];

export async function optimize(
  root: OutputNode,
  planner: PlannerContext,
  ids: PlanNodeIdAllocator,
  symbols: SymbolAllocator,
  options: { readonly rules?: readonly PlanOptimizer[] } = {},
): Promise<OutputNode> {
  const context: OptimizerContext = { planner, ids, symbols, nodes: new NodeFactory(ids, symbols), tableRowCounts: new Map(), tableColumnStatistics: new Map() };
  let plan: PlanNode = root;
  for (const rule of options.rules ?? [...LOGICAL_RULES, ...PHYSICAL_RULES]) {
    plan = await applyRule(rule, plan, context);
  }
  for (const n of options.rules === undefined ? collectNodes(plan) : []) {
    if (n.kind === 'apply' || n.kind === 'correlatedJoin') {
      throw new TrinoError(StandardErrorCode.NOT_SUPPORTED, 'Given correlated subquery is not supported');
    }
  }
  if (plan.kind !== 'output') throw new Error('optimizer lost the output node');
  await recordEstimates(plan, context);
  return plan;
}

/** Runs one rule, recording its invocation in the engine's rule statistics when it keeps them. */
async function applyRule(rule: PlanOptimizer, plan: PlanNode, context: OptimizerContext): Promise<PlanNode> {
  const stats = context.planner.ruleStats;
  if (stats === undefined) return rule.optimize(plan, context);
  const start = process.hrtime.bigint();
  try {
    const result = await rule.optimize(plan, context);
    stats.record(rule.name, Number(process.hrtime.bigint() - start), result === plan ? 'unchanged' : 'matched');
    return result;
  } catch (error) {
    stats.record(rule.name, Number(process.hrtime.bigint() - start), 'failed');
    throw error;
  }
}
