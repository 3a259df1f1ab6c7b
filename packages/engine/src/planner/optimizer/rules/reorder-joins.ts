import type { RowExpression } from '../../../ir/row-expression.js';
import { call, variable } from '../../../ir/row-expression.js';
import { combineConjuncts, extractConjuncts, symbolsIn } from '../../plan/row-expression-utils.js';
import type { JoinNode, PlanNode } from '../../plan/plan-node.js';
import { planSources, replaceSources } from '../../plan/plan-sources.js';
import { estimateRows, loadTableRowCounts, symbolDistinctValues } from '../cost/row-estimates.js';
import type { OptimizerContext, PlanOptimizer } from '../optimizer-context.js';
import { sessionProperty } from '../optimizer-context.js';

/**
 * Reorders trees of inner joins. The join graph (sources plus conjuncts) is rebuilt left-deep:
 * AUTOMATIC starts from the largest source and adds, at each step, the smallest source connected
 * to what is already joined by an equality (so a cross product only happens when the query has
 * one); ELIMINATE_CROSS_JOINS keeps the written order but takes connected sources first; NONE
 * leaves joins alone. `join_reordering_strategy` selects it.
 */
export const reorderJoins: PlanOptimizer = {
  name: 'ReorderJoins',
  async optimize(root, context) {
    const strategy = sessionProperty(context, 'join_reordering_strategy', 'AUTOMATIC');
    if (strategy === 'NONE') return root;
    await loadTableRowCounts(root, context);
    return rewrite(root, context, strategy === 'ELIMINATE_CROSS_JOINS');
  },
};

function rewrite(node: PlanNode, context: OptimizerContext, keepOrder: boolean): PlanNode {
  if (isInnerJoin(node)) {
    const graph = { sources: [] as PlanNode[], conjuncts: [] as RowExpression[] };
    flatten(node, graph, context);
    const sources = graph.sources.map((s) => rewrite(s, context, keepOrder));
    if (sources.length <= 2 && !hasCrossJoin(node)) {
      return replaceSources(node, planSources(node).map((s) => rewrite(s, context, keepOrder)));
    }
    const rebuilt = buildJoinOrder(sources, graph.conjuncts, context, keepOrder);
    return context.nodes.restrict(rebuilt, node.outputs);
  }
  return replaceSources(node, planSources(node).map((s) => rewrite(s, context, keepOrder)));
}

function isInnerJoin(node: PlanNode): node is JoinNode {
  return node.kind === 'join' && node.joinType === 'INNER';
}

function hasCrossJoin(node: PlanNode): boolean {
  return node.kind === 'join' && node.criteria.length === 0;
}

function flatten(node: PlanNode, graph: { sources: PlanNode[]; conjuncts: RowExpression[] }, context: OptimizerContext): void {
  if (isInnerJoin(node)) {
    flatten(node.left, graph, context);
    flatten(node.right, graph, context);
    for (const c of node.criteria) {
      graph.conjuncts.push(call(context.planner.functions.resolveOperator('equal', [c.left.type, c.right.type]), [variable(c.left.name, c.left.type), variable(c.right.name, c.right.type)]));
    }
    if (node.filter !== undefined) graph.conjuncts.push(...extractConjuncts(node.filter));
    return;
  }
  if (node.kind === 'filter' && isInnerJoin(node.source)) {
    flatten(node.source, graph, context);
    graph.conjuncts.push(...extractConjuncts(node.predicate));
    return;
  }
  if (node.kind === 'project' && isInnerJoin(node.source) && node.assignments.every((a) => a.expression.kind === 'variable' && a.expression.name === a.symbol.name)) {
    flatten(node.source, graph, context);
    return;
  }
  graph.sources.push(node);
}

function isEquality(c: RowExpression): boolean {
  return c.kind === 'call' && c.function.name === '$operator$equal';
}

function buildJoinOrder(sources: PlanNode[], conjuncts: RowExpression[], context: OptimizerContext, keepOrder: boolean): PlanNode {
  const estimates = sources.map((s) => estimateRows(s, context).rows);
  const outputSets = sources.map((s) => new Set(s.outputs.map((o) => o.name)));
  const conjunctSymbols = conjuncts.map((c) => symbolsIn(c));
  const remaining = new Set(sources.map((_, i) => i));
  const joinedSymbols = new Set<string>();
  const connects = (i: number): boolean =>
    conjuncts.some((c, k) => {
      if (!isEquality(c)) return false;
      const syms = [...conjunctSymbols[k]!];
      return syms.some((s) => outputSets[i]!.has(s)) && syms.some((s) => joinedSymbols.has(s)) && syms.every((s) => outputSets[i]!.has(s) || joinedSymbols.has(s));
    });
  let first: number;
  if (keepOrder) first = 0;
  else {
    first = 0;
    for (const i of remaining) if (estimates[i]! > estimates[first]!) first = i;
  }
  remaining.delete(first);
  let root = sources[first]!;
  for (const s of outputSets[first]!) joinedSymbols.add(s);
  const applied = new Set<number>();
  while (remaining.size > 0) {
    const candidates = [...remaining];
    const connected = candidates.filter(connects);
    let next: number;
    const pool = connected.length > 0 ? connected : candidates;
    if (keepOrder) next = pool[0]!;
    else {
      // the candidate whose join with what is joined so far is estimated smallest
      const current = estimateRows(root, context);
      const joinSize = (i: number): number => {
        const candidate = estimateRows(sources[i]!, context);
        let divisor = 0;
        conjuncts.forEach((c, k) => {
          if (!isEquality(c) || c.kind !== 'call') return;
          const [a, b] = c.arguments;
          if (a?.kind !== 'variable' || b?.kind !== 'variable') return;
          const [mine, theirs] = outputSets[i]!.has(a.name) && joinedSymbols.has(b.name) ? [a.name, b.name] : outputSets[i]!.has(b.name) && joinedSymbols.has(a.name) ? [b.name, a.name] : [undefined, undefined];
          if (mine === undefined || theirs === undefined) return;
          const ndvMine = symbolDistinctValues(sources[i]!, mine, context);
          const ndvTheirs = symbolDistinctValues(root, theirs, context);
          if (ndvMine !== undefined && ndvTheirs !== undefined) divisor = Math.max(divisor, ndvMine, ndvTheirs);
          void conjunctSymbols[k];
        });
        if (divisor > 0) return (current.rows * candidate.rows) / divisor;
        const [big, small] = current.base >= candidate.base ? [current, candidate] : [candidate, current];
        return big.rows * Math.min(1, small.rows / Math.max(1, small.base));
      };
      const sizes = new Map(pool.map((i) => [i, joinSize(i)] as const));
      next = pool.reduce((best, i) => {
        const a = sizes.get(i)!;
        const b = sizes.get(best)!;
        return a < b || (a === b && estimates[i]! < estimates[best]!) ? i : best;
      }, pool[0]!);
    }
    remaining.delete(next);
    const right = sources[next]!;
    for (const s of outputSets[next]!) joinedSymbols.add(s);
    const now: RowExpression[] = [];
    conjuncts.forEach((c, k) => {
      if (applied.has(k)) return;
      if ([...conjunctSymbols[k]!].every((s) => joinedSymbols.has(s))) {
        applied.add(k);
        now.push(c);
      }
    });
    root = {
      kind: 'join',
      id: context.ids.nextId(),
      outputs: [...root.outputs, ...right.outputs],
      joinType: 'INNER',
      left: root,
      right,
      criteria: [],
      filter: now.length === 0 ? undefined : combineConjuncts(now),
      distribution: undefined,
      dynamicFilters: [],
    };
  }
  const leftover = conjuncts.filter((_, k) => !applied.has(k));
  return leftover.length === 0 ? root : context.nodes.filter(root, combineConjuncts(leftover));
}
