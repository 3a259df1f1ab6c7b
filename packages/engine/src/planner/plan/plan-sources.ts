import { assertNever } from '@petrel/spi';
import type { PlanNode } from './plan-node.js';

/** The children of a plan node, in a fixed order (left before right, input before subquery). */
export function planSources(node: PlanNode): readonly PlanNode[] {
  switch (node.kind) {
    case 'tableScan':
    case 'values':
    case 'remoteSource':
    case 'tableFunction':
    case 'tableDelete':
      return [];
    case 'output':
    case 'filter':
    case 'project':
    case 'aggregation':
    case 'groupId':
    case 'markDistinct':
    case 'sort':
    case 'topN':
    case 'limit':
    case 'offset':
    case 'distinctLimit':
    case 'window':
    case 'unnest':
    case 'enforceSingleRow':
    case 'assignUniqueId':
    case 'sample':
    case 'rowNumber':
    case 'topNRanking':
    case 'tableWriter':
    case 'tableFinish':
    case 'explainAnalyze':
      return [node.source];
    case 'join':
      return [node.left, node.right];
    case 'semiJoin':
      return [node.source, node.filteringSource];
    case 'apply':
    case 'correlatedJoin':
      return [node.input, node.subquery];
    case 'union':
    case 'intersect':
    case 'except':
    case 'exchange':
      return node.sources;
    default:
      return assertNever(node, 'plan node');
  }
}

/** A copy of `node` with its children replaced (same order as `planSources`). */
export function replaceSources(node: PlanNode, sources: readonly PlanNode[]): PlanNode {
  const current = planSources(node);
  if (current.length === sources.length && current.every((s, i) => s === sources[i])) return node;
  switch (node.kind) {
    case 'tableScan':
    case 'values':
    case 'remoteSource':
    case 'tableFunction':
    case 'tableDelete':
      return node;
    case 'output':
    case 'filter':
    case 'project':
    case 'aggregation':
    case 'groupId':
    case 'markDistinct':
    case 'sort':
    case 'topN':
    case 'limit':
    case 'offset':
    case 'distinctLimit':
    case 'window':
    case 'unnest':
    case 'enforceSingleRow':
    case 'assignUniqueId':
    case 'sample':
    case 'rowNumber':
    case 'topNRanking':
    case 'tableWriter':
    case 'tableFinish':
    case 'explainAnalyze':
      return { ...node, source: sources[0]! } as PlanNode;
    case 'join':
      return { ...node, left: sources[0]!, right: sources[1]! };
    case 'semiJoin':
      return { ...node, source: sources[0]!, filteringSource: sources[1]! };
    case 'apply':
    case 'correlatedJoin':
      return { ...node, input: sources[0]!, subquery: sources[1]! } as PlanNode;
    case 'union':
    case 'intersect':
    case 'except':
    case 'exchange':
      return { ...node, sources } as PlanNode;
    default:
      return assertNever(node, 'plan node');
  }
}

/** Rewrites bottom-up: children first, then `rewrite` on the node with rewritten children. */
export function rewriteBottomUp(node: PlanNode, rewrite: (node: PlanNode) => PlanNode): PlanNode {
  const sources = planSources(node);
  const rewritten = sources.map((s) => rewriteBottomUp(s, rewrite));
  return rewrite(replaceSources(node, rewritten));
}

/** Every node of the tree, pre-order. */
export function collectNodes(node: PlanNode, out: PlanNode[] = []): PlanNode[] {
  out.push(node);
  for (const s of planSources(node)) collectNodes(s, out);
  return out;
}
