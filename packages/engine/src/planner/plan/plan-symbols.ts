import { assertNever } from '@petrel/spi';
import type { RowExpression } from '../../ir/row-expression.js';
import { symbolsIn } from './row-expression-utils.js';
import type { PlanNode } from './plan-node.js';
import { planSources } from './plan-sources.js';

/** The row expressions a node evaluates. */
export function nodeExpressions(node: PlanNode): RowExpression[] {
  switch (node.kind) {
    case 'filter':
      return [node.predicate];
    case 'project':
      return node.assignments.map((a) => a.expression);
    case 'values':
      return node.rows.flat();
    case 'join':
      return node.filter === undefined ? [] : [node.filter];
    case 'window':
      return node.functions.flatMap((f) => f.arguments);
    case 'unnest':
      return node.filter === undefined ? [] : [node.filter];
    case 'correlatedJoin':
      return node.filter === undefined ? [] : [node.filter];
    case 'output':
    case 'tableScan':
    case 'aggregation':
    case 'groupId':
    case 'markDistinct':
    case 'semiJoin':
    case 'sort':
    case 'topN':
    case 'limit':
    case 'offset':
    case 'distinctLimit':
    case 'union':
    case 'intersect':
    case 'except':
    case 'enforceSingleRow':
    case 'assignUniqueId':
    case 'apply':
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
      return [];
  }
}

/** Names of the symbols a node reads from its sources (or, for apply/correlated joins, from the input). */
export function referencedSymbols(node: PlanNode): Set<string> {
  const out = new Set<string>();
  for (const e of nodeExpressions(node)) symbolsIn(e, out);
  const add = (s: { name: string } | undefined): void => {
    if (s !== undefined) out.add(s.name);
  };
  switch (node.kind) {
    case 'output':
      node.outputs.forEach(add);
      break;
    case 'aggregation':
      node.groupingKeys.forEach(add);
      for (const a of node.aggregates) {
        a.arguments.forEach(add);
        add(a.filter);
        add(a.mask);
        a.orderBy.forEach((o) => add(o.symbol));
      }
      break;
    case 'groupId':
      node.groupingColumns.forEach((c) => add(c.input));
      node.aggregationArguments.forEach(add);
      break;
    case 'markDistinct':
      node.distinctSymbols.forEach(add);
      node.source.outputs.forEach(add);
      break;
    case 'join':
      node.criteria.forEach((c) => {
        add(c.left);
        add(c.right);
      });
      break;
    case 'semiJoin':
      add(node.sourceJoinSymbol);
      add(node.filteringSourceJoinSymbol);
      break;
    case 'sort':
    case 'topN':
      node.orderBy.forEach((o) => add(o.symbol));
      break;
    case 'limit':
      node.tiesResolvingScheme?.forEach((o) => add(o.symbol));
      break;
    case 'distinctLimit':
      node.distinctSymbols.forEach(add);
      break;
    case 'window':
      node.partitionBy.forEach(add);
      node.orderBy.forEach((o) => add(o.symbol));
      for (const f of node.functions) {
        add(f.filter);
        add(f.frame.startValue);
        add(f.frame.endValue);
        add(f.frame.sortKeyForRange);
      }
      break;
    case 'union':
    case 'intersect':
    case 'except':
      node.symbolMapping.forEach((m) => m.forEach(add));
      break;
    case 'exchange':
      node.inputs.forEach((m) => m.forEach(add));
      node.partitioning.columns.forEach(add);
      break;
    case 'unnest':
      node.replicateSymbols.forEach(add);
      node.mappings.forEach((m) => add(m.input));
      break;
    case 'apply':
      node.correlation.forEach(add);
      for (const a of node.subqueryAssignments) {
        if (a.kind !== 'exists') {
          add(a.value);
          add(a.reference);
        }
      }
      break;
    case 'correlatedJoin':
      node.correlation.forEach(add);
      break;
    case 'rowNumber':
      node.partitionBy.forEach(add);
      break;
    case 'topNRanking':
      node.partitionBy.forEach(add);
      node.orderBy.forEach((o) => add(o.symbol));
      break;
    case 'tableWriter':
      node.columns.forEach(add);
      break;
    case 'tableFinish':
      node.source.outputs.forEach(add);
      break;
    case 'explainAnalyze':
      break;
    case 'tableScan':
    case 'values':
    case 'filter':
    case 'project':
    case 'offset':
    case 'enforceSingleRow':
    case 'assignUniqueId':
    case 'sample':
    case 'tableFunction':
    case 'tableDelete':
    case 'remoteSource':
      break;
    default:
      assertNever(node, 'plan node');
  }
  return out;
}

/** Symbols referenced inside the tree but produced by no node of it: its correlation with an enclosing plan. */
export function freeSymbols(root: PlanNode): Set<string> {
  const produced = new Set<string>();
  const used = new Set<string>();
  const visit = (n: PlanNode): void => {
    for (const o of n.outputs) produced.add(o.name);
    if (n.kind === 'aggregation') n.aggregates.forEach((a) => produced.add(a.output.name));
    for (const s of referencedSymbols(n)) used.add(s);
    for (const s of planSources(n)) visit(s);
  };
  visit(root);
  const free = new Set<string>();
  for (const s of used) if (!produced.has(s)) free.add(s);
  return free;
}
