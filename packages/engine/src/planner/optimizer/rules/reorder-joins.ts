import type { RowExpression } from '../../../ir/row-expression.js';
import { call, variable } from '../../../ir/row-expression.js';
import { combineConjuncts, combineDisjuncts, extractConjuncts, extractDisjuncts, isDeterministic, symbolsIn } from '../../plan/row-expression-utils.js';
import type { EquiJoinClause, JoinNode, PlanNode } from '../../plan/plan-node.js';
import { planSources, replaceSources } from '../../plan/plan-sources.js';
import { estimateRows, loadTableRowCounts, symbolDistinctValues, UNKNOWN_TABLE_ROWS } from '../cost/row-estimates.js';
import { StatsCalculator } from '../cost/stats-calculator.js';
import type { OptimizerContext, PlanOptimizer } from '../optimizer-context.js';
import { sessionProperty } from '../optimizer-context.js';

/**
 * Reorders trees of inner joins. The join graph (sources plus conjuncts) is rebuilt:
 * AUTOMATIC enumerates join trees (bushy ones included) over connected subsets of up to
 * DP_MAX_SOURCES sources by dynamic programming and keeps the cheapest by estimated rows
 * (probe input + build input + output of every join, from the statistics); larger graphs are
 * built greedily, left-deep from the largest source, adding the connected source whose join is
 * estimated smallest. A disjunction spanning several sources also narrows each source it
 * constrains in every branch (`(a = 1 AND b = 2) OR (a = 3 AND b = 4)` implies `a IN (1, 3)`).
 * ELIMINATE_CROSS_JOINS keeps the written order but takes connected sources first; NONE leaves
 * joins alone. `join_reordering_strategy` selects it.
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
  if (!keepOrder && sources.length <= DP_MAX_SOURCES) {
    const narrowed = narrowSourcesByDisjunctions(sources, conjuncts, context);
    const best = enumerateJoinTrees(narrowed, conjuncts, context);
    if (best !== undefined) return best;
  }
  return greedyJoinOrder(sources, conjuncts, context, keepOrder);
}

/** Most sources whose join trees are enumerated exhaustively (3^n splits). */
const DP_MAX_SOURCES = 10;

/** How much more a build row costs than a probe row (hashing and storing it, memory). */
const BUILD_ROW_COST = 2;

interface JoinTree {
  readonly node: PlanNode;
  readonly rows: number;
  readonly cost: number;
}

/**
 * Dynamic programming over subsets of the sources: the cheapest tree for each connected subset
 * from the cheapest trees of its two halves, joined by the conjuncts that span them (the smaller
 * half as the build side). Undefined when the graph is not connected (a cross join is needed).
 */
function enumerateJoinTrees(sources: readonly PlanNode[], conjuncts: readonly RowExpression[], context: OptimizerContext): PlanNode | undefined {
  const n = sources.length;
  const owner = new Map<string, number>();
  sources.forEach((s, i) => {
    for (const o of s.outputs) owner.set(o.name, i);
  });
  const masks = conjuncts.map((c) => {
    let m = 0;
    for (const name of symbolsIn(c)) {
      const i = owner.get(name);
      if (i !== undefined) m |= 1 << i;
    }
    return m;
  });
  const known = new Map(context.tableRowCounts);
  for (const [id, rows] of known) if (rows === UNKNOWN_TABLE_ROWS) known.delete(id);
  const calculator = new StatsCalculator({ ...context, tableRowCounts: known });
  const rowsOf = (node: PlanNode): number => {
    const rows = calculator.stats(node).rows;
    return Math.max(1, rows ?? estimateRows(node, context).rows);
  };
  const full = (1 << n) - 1;
  const best: (JoinTree | undefined)[] = new Array(full + 1);
  sources.forEach((s, i) => {
    best[1 << i] = { node: s, rows: rowsOf(s), cost: 0 };
  });
  for (let mask = 1; mask <= full; mask++) {
    if ((mask & (mask - 1)) === 0) continue;
    let chosen: JoinTree | undefined;
    // each unordered split once: the half holding the lowest source is `sub`
    const lowest = mask & -mask;
    for (let sub = (mask - 1) & mask; sub > 0; sub = (sub - 1) & mask) {
      if ((sub & lowest) === 0) continue;
      const other = mask ^ sub;
      const a = best[sub];
      const b = best[other];
      if (a === undefined || b === undefined) continue;
      const spanning: RowExpression[] = [];
      let connected = false;
      masks.forEach((m, k) => {
        if (m === 0 || (m & mask) !== m || (m & sub) === m || (m & other) === m) return;
        spanning.push(conjuncts[k]!);
        if (isEquality(conjuncts[k]!)) connected = true;
      });
      if (!connected) continue;
      const [probe, build] = a.rows >= b.rows ? [a, b] : [b, a];
      const node = joinOf(probe.node, build.node, spanning, context);
      const rows = rowsOf(node);
      const cost = a.cost + b.cost + probe.rows + BUILD_ROW_COST * build.rows + rows;
      if (chosen === undefined || cost < chosen.cost) chosen = { node, rows, cost };
    }
    best[mask] = chosen;
  }
  const result = best[full];
  if (result === undefined) return undefined;
  const leftover = conjuncts.filter((_, k) => masks[k] === 0 || (masks[k]! & (masks[k]! - 1)) === 0);
  // conjuncts on one source stay above the tree too (predicate pushdown moves them down again)
  return leftover.length === 0 ? result.node : context.nodes.filter(result.node, combineConjuncts(leftover));
}

/** An inner join of two subtrees: equalities between a symbol of each side become criteria. */
function joinOf(left: PlanNode, right: PlanNode, conjuncts: readonly RowExpression[], context: OptimizerContext): JoinNode {
  const leftNames = new Set(left.outputs.map((o) => o.name));
  const rightNames = new Set(right.outputs.map((o) => o.name));
  const criteria: EquiJoinClause[] = [];
  const residual: RowExpression[] = [];
  for (const c of conjuncts) {
    if (c.kind === 'call' && isEquality(c)) {
      const [a, b] = c.arguments;
      if (a?.kind === 'variable' && b?.kind === 'variable' && sameType(a.type, b.type)) {
        if (leftNames.has(a.name) && rightNames.has(b.name)) {
          criteria.push({ left: { name: a.name, type: a.type }, right: { name: b.name, type: b.type } });
          continue;
        }
        if (leftNames.has(b.name) && rightNames.has(a.name)) {
          criteria.push({ left: { name: b.name, type: b.type }, right: { name: a.name, type: a.type } });
          continue;
        }
      }
    }
    residual.push(c);
  }
  return {
    kind: 'join',
    id: context.ids.nextId(),
    outputs: [...left.outputs, ...right.outputs],
    joinType: 'INNER',
    left,
    right,
    criteria,
    filter: residual.length === 0 ? undefined : combineConjuncts(residual),
    distribution: undefined,
    dynamicFilters: [],
  };
}

function sameType(a: { readonly kind: string }, b: { readonly kind: string }): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * For each disjunction over several sources, the condition it implies on one source (the OR of
 * that source's conjuncts in every branch) as a filter on that source; the disjunction itself
 * stays in the graph.
 */
function narrowSourcesByDisjunctions(sources: readonly PlanNode[], conjuncts: readonly RowExpression[], context: OptimizerContext): PlanNode[] {
  const outputSets = sources.map((s) => new Set(s.outputs.map((o) => o.name)));
  const implied: RowExpression[][] = sources.map(() => []);
  for (const c of conjuncts) {
    if (c.kind !== 'special' || c.form !== 'OR' || !isDeterministic(c)) continue;
    const branches = extractDisjuncts(c).map((d) => extractConjuncts(d));
    sources.forEach((_, i) => {
      const perBranch: RowExpression[] = [];
      for (const branch of branches) {
        const mine = branch.filter((e) => {
          const used = symbolsIn(e);
          return used.size > 0 && [...used].every((name) => outputSets[i]!.has(name));
        });
        if (mine.length === 0) return;
        perBranch.push(combineConjuncts(mine));
      }
      const used = symbolsIn(c);
      if ([...used].every((name) => outputSets[i]!.has(name))) return;
      implied[i]!.push(combineDisjuncts(perBranch));
    });
  }
  return sources.map((s, i) => (implied[i]!.length === 0 ? s : context.nodes.filter(s, combineConjuncts(implied[i]!))));
}

function greedyJoinOrder(sources: PlanNode[], conjuncts: RowExpression[], context: OptimizerContext, keepOrder: boolean): PlanNode {
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
