import type { PlanNode } from '../../plan/plan-node.js';
import { collectNodes } from '../../plan/plan-sources.js';
import type { OptimizerContext } from '../optimizer-context.js';
import { UNKNOWN_TABLE_ROWS, estimateRows, loadTableRowCounts } from './row-estimates.js';

/** Row estimates of the nodes of optimized plans, by plan root, for EXPLAIN's `Estimates:` lines. */
const ESTIMATES = new WeakMap<PlanNode, ReadonlyMap<string, number>>();

export async function recordEstimates(root: PlanNode, context: OptimizerContext): Promise<void> {
  await loadTableRowCounts(root, context);
  const estimates = new Map<string, number>();
  // only figures that come from connector statistics or constants; other nodes print `?`
  for (const node of collectNodes(root)) {
    if ((node.kind === 'tableScan' && node.enforcedConstraint.kind === 'all' && context.tableRowCounts.get(node.id) !== UNKNOWN_TABLE_ROWS) || node.kind === 'values') {
      estimates.set(node.id, Math.round(estimateRows(node, context).rows));
    }
  }
  ESTIMATES.set(root, estimates);
}

export function estimatesOf(root: PlanNode): ReadonlyMap<string, number> | undefined {
  return ESTIMATES.get(root);
}
