import type { PlanNode } from '../../plan/plan-node.js';
import { planSources, replaceSources } from '../../plan/plan-sources.js';
import type { OptimizerContext, PlanOptimizer } from '../optimizer-context.js';

/**
 * LIMIT handling: ORDER BY + LIMIT becomes TopN; a limit moves below projections; a limit over a
 * UNION ALL is copied into each branch; a limit over a DISTINCT aggregation becomes DistinctLimit.
 */
export const pushLimits: PlanOptimizer = {
  name: 'PushLimits',
  optimize(root, context) {
    return rewrite(root, context);
  },
};

function rewrite(node: PlanNode, context: OptimizerContext): PlanNode {
  if (node.kind === 'limit' && node.tiesResolvingScheme === undefined) {
    const source = node.source;
    if (source.kind === 'sort') {
      return rewrite({ kind: 'topN', id: node.id, outputs: node.outputs, source: source.source, count: node.count, orderBy: source.orderBy, step: 'SINGLE' }, context);
    }
    if (source.kind === 'project') {
      const limited: PlanNode = { ...node, source: source.source, outputs: source.source.outputs };
      return { ...source, source: rewrite(limited, context) };
    }
    if (source.kind === 'union') {
      const sources = source.sources.map((s) =>
        rewrite({ kind: 'limit', id: context.ids.nextId(), outputs: s.outputs, source: s, count: node.count, tiesResolvingScheme: undefined, partial: false }, context),
      );
      return { ...node, source: { ...source, sources } };
    }
    if (source.kind === 'aggregation' && source.aggregates.length === 0 && source.groupingKeys.length > 0 && source.groupIdSymbol === undefined) {
      return {
        kind: 'distinctLimit',
        id: node.id,
        outputs: source.outputs,
        source: rewrite(source.source, context),
        limit: node.count,
        distinctSymbols: source.groupingKeys,
        partial: false,
      };
    }
    if (source.kind === 'limit' && source.tiesResolvingScheme === undefined) {
      return rewrite({ ...node, source: source.source, count: Math.min(node.count, source.count) }, context);
    }
    if (source.kind === 'topN') {
      return rewrite({ ...source, count: Math.min(node.count, source.count) }, context);
    }
  }
  if (node.kind === 'topN' && node.source.kind === 'project' && node.orderBy.every((o) => node.source.kind === 'project' && node.source.source.outputs.some((s) => s.name === o.symbol.name))) {
    const project = node.source;
    return { ...project, source: rewrite({ ...node, source: project.source, outputs: project.source.outputs }, context) };
  }
  return replaceSources(node, planSources(node).map((s) => rewrite(s, context)));
}
