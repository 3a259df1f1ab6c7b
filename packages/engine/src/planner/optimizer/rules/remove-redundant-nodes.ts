import type { PlanNode } from '../../plan/plan-node.js';
import { rewriteBottomUp } from '../../plan/plan-sources.js';
import { merge } from './merge-adjacent-nodes.js';
import type { PlanOptimizer } from '../optimizer-context.js';

/**
 * Removes nodes that do nothing: identity projections, LIMIT over fewer rows than it allows,
 * sorts below aggregations or unions (order there is not observable), DISTINCT over DISTINCT
 * on the same keys, and anything over an empty VALUES that yields no rows.
 */
export const removeRedundantNodes: PlanOptimizer = {
  name: 'RemoveRedundantNodes',
  optimize(root, context) {
    return rewriteBottomUp(root, (node) => {
      switch (node.kind) {
        case 'project':
          if (
            node.assignments.length === node.source.outputs.length &&
            node.assignments.every((a, i) => a.expression.kind === 'variable' && a.expression.name === a.symbol.name && node.source.outputs[i]!.name === a.symbol.name)
          ) {
            return node.source;
          }
          if (isEmpty(node.source)) return empty(node, context.ids.nextId());
          return node;
        case 'filter':
          if (isEmpty(node.source)) return empty(node, context.ids.nextId());
          return merge(node);
        case 'sort':
        case 'topN':
        case 'offset':
          return isEmpty(node.source) ? empty(node, context.ids.nextId()) : node;
        case 'limit':
          if (node.count === 0 || isEmpty(node.source)) return empty(node, context.ids.nextId());
          return node;
        case 'aggregation': {
          let source = node.source;
          if (source.kind === 'sort' && node.aggregates.every((a) => !a.function.name.startsWith('array_agg') && a.orderBy.length === 0)) source = source.source;
          if (node.aggregates.length === 0 && source.kind === 'aggregation' && source.aggregates.length === 0 && sameNames(node.groupingKeys, source.groupingKeys) && source.groupIdSymbol === undefined) {
            return source;
          }
          if (isEmpty(source) && node.groupingKeys.length > 0) return empty(node, context.ids.nextId());
          return source === node.source ? node : { ...node, source };
        }
        case 'join':
          if (node.joinType === 'INNER' && (isEmpty(node.left) || isEmpty(node.right))) return empty(node, context.ids.nextId());
          return node;
        case 'output':
        case 'tableScan':
        case 'values':
        case 'groupId':
        case 'markDistinct':
        case 'semiJoin':
        case 'distinctLimit':
        case 'window':
        case 'union':
        case 'intersect':
        case 'except':
        case 'unnest':
        case 'enforceSingleRow':
        case 'assignUniqueId':
        case 'apply':
        case 'correlatedJoin':
        case 'sample':
        case 'rowNumber':
        case 'topNRanking':
        case 'tableFunction':
        case 'tableWriter':
        case 'tableFinish':
        case 'tableDelete':
        case 'exchange':
        case 'remoteSource':
        case 'explainAnalyze':
          return node;
      }
    });
  },
};

function sameNames(a: readonly { name: string }[], b: readonly { name: string }[]): boolean {
  return a.length === b.length && a.every((s) => b.some((x) => x.name === s.name));
}

function isEmpty(node: PlanNode): boolean {
  return node.kind === 'values' && node.rows.length === 0;
}

function empty(node: PlanNode, id: string): PlanNode {
  return { kind: 'values', id, outputs: node.outputs, rows: [] };
}
