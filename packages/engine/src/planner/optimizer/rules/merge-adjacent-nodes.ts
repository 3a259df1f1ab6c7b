import { combineConjuncts, extractConjuncts, isDeterministic, substitute, symbolsIn } from '../../plan/row-expression-utils.js';
import type { RowExpression } from '../../../ir/row-expression.js';
import type { PlanNode } from '../../plan/plan-node.js';
import { rewriteBottomUp } from '../../plan/plan-sources.js';
import type { PlanOptimizer } from '../optimizer-context.js';

/**
 * Merges adjacent projections (inlining the lower one when each of its non-trivial expressions is
 * used at most once, or is deterministic and cheap), adjacent filters and adjacent limits.
 */
export const mergeAdjacentNodes: PlanOptimizer = {
  name: 'MergeAdjacentNodes',
  optimize(root) {
    return rewriteBottomUp(root, merge);
  },
};

function isTrivial(e: RowExpression): boolean {
  return e.kind === 'variable' || e.kind === 'constant';
}

export function merge(node: PlanNode): PlanNode {
  if (node.kind === 'project' && node.source.kind === 'project') {
    const lower = node.source;
    const mapping = new Map<string, RowExpression>(lower.assignments.map((a) => [a.symbol.name, a.expression]));
    const uses = new Map<string, number>();
    for (const a of node.assignments) for (const s of symbolsIn(a.expression)) uses.set(s, (uses.get(s) ?? 0) + 1);
    const inlinable = lower.assignments.every((a) => isTrivial(a.expression) || (isDeterministic(a.expression) && (uses.get(a.symbol.name) ?? 0) <= 1));
    if (inlinable) {
      return { ...node, source: lower.source, assignments: node.assignments.map((a) => ({ symbol: a.symbol, expression: substitute(a.expression, mapping) })) };
    }
  }
  if (node.kind === 'filter' && node.source.kind === 'filter') {
    return { ...node, source: node.source.source, predicate: combineConjuncts([...extractConjuncts(node.source.predicate), ...extractConjuncts(node.predicate)]) };
  }
  if (node.kind === 'limit' && node.source.kind === 'limit' && node.tiesResolvingScheme === undefined && node.source.tiesResolvingScheme === undefined) {
    return { ...node, source: node.source.source, count: Math.min(node.count, node.source.count) };
  }
  return node;
}
