import type { JoinDistribution, PlanNode } from '../../plan/plan-node.js';
import { planSources, replaceSources } from '../../plan/plan-sources.js';
import { estimateRows, loadTableRowCounts } from '../cost/row-estimates.js';
import type { OptimizerContext, PlanOptimizer } from '../optimizer-context.js';
import { sessionProperty } from '../optimizer-context.js';

/** Rows above which AUTOMATIC distribution partitions a join instead of broadcasting its build side. */
export const BROADCAST_ROW_LIMIT = 2_000_000;

/** How much larger the preserved side of an outer join must be estimated before it becomes the build side. */
const OUTER_FLIP_FACTOR = 2;

/**
 * Puts the smaller input of each inner join on the build (right) side (and of each LEFT or RIGHT
 * join, turning one into the other, when the preserved side is much smaller) and picks the join
 * distribution from `join_distribution_type`: BROADCAST (REPLICATED), PARTITIONED, or AUTOMATIC
 * (replicate builds estimated below BROADCAST_ROW_LIMIT rows; cross joins are always replicated;
 * RIGHT and FULL joins are always partitioned).
 */
export const chooseJoinSides: PlanOptimizer = {
  name: 'ChooseJoinSides',
  async optimize(root, context) {
    await loadTableRowCounts(root, context);
    const mode = sessionProperty(context, 'join_distribution_type', 'AUTOMATIC');
    return rewrite(root, context, mode);
  },
};

function rewrite(node: PlanNode, context: OptimizerContext, mode: string): PlanNode {
  const rewritten = replaceSources(node, planSources(node).map((s) => rewrite(s, context, mode)));
  if (rewritten.kind === 'semiJoin') {
    const build = estimateRows(rewritten.filteringSource, context).rows;
    const distribution: JoinDistribution = mode === 'PARTITIONED' || (mode === 'AUTOMATIC' && build > BROADCAST_ROW_LIMIT) ? 'PARTITIONED' : 'REPLICATED';
    return { ...rewritten, distribution };
  }
  if (rewritten.kind !== 'join') return rewritten;
  let join = rewritten;
  if (join.joinType === 'INNER') {
    const left = estimateRows(join.left, context).rows;
    const right = estimateRows(join.right, context).rows;
    if (right > left) {
      join = {
        ...join,
        left: join.right,
        right: join.left,
        criteria: join.criteria.map((c) => ({ left: c.right, right: c.left })),
      };
      // outputs keep their order: a projection is not needed since parents refer to symbols by name
      join = { ...join, outputs: rewritten.outputs };
    }
  } else if ((join.joinType === 'LEFT' || join.joinType === 'RIGHT') && join.criteria.length > 0) {
    // LEFT keeps the probe side's rows, RIGHT the build side's: swapping the inputs swaps the type
    const left = estimateRows(join.left, context).rows;
    const right = estimateRows(join.right, context).rows;
    if (right > left * OUTER_FLIP_FACTOR) {
      join = {
        ...join,
        joinType: join.joinType === 'LEFT' ? 'RIGHT' : 'LEFT',
        left: join.right,
        right: join.left,
        criteria: join.criteria.map((c) => ({ left: c.right, right: c.left })),
        outputs: rewritten.outputs,
      };
    }
  }
  const build = estimateRows(join.right, context).rows;
  let distribution: JoinDistribution;
  if (join.criteria.length === 0) distribution = join.joinType === 'INNER' || join.joinType === 'LEFT' ? 'REPLICATED' : 'PARTITIONED';
  else if (join.joinType === 'RIGHT' || join.joinType === 'FULL') distribution = 'PARTITIONED';
  else if (mode === 'BROADCAST') distribution = 'REPLICATED';
  else if (mode === 'PARTITIONED') distribution = 'PARTITIONED';
  else distribution = build > BROADCAST_ROW_LIMIT ? 'PARTITIONED' : 'REPLICATED';
  return { ...join, distribution };
}
