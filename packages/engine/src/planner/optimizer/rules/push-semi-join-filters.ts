import { BOOLEAN } from '@petrel/spi';
import type { RowExpression } from '../../../ir/row-expression.js';
import { constant, variable } from '../../../ir/row-expression.js';
import type { AggregationNode, JoinNode, PlanNode, SemiJoinNode } from '../../plan/plan-node.js';
import type { Symbol } from '../../plan/symbol.js';
import { planSources, replaceSources } from '../../plan/plan-sources.js';
import { combineConjuncts, extractConjuncts } from '../../plan/row-expression-utils.js';
import { estimateRows, loadTableRowCounts } from '../cost/row-estimates.js';
import type { OptimizerContext, PlanOptimizer } from '../optimizer-context.js';

/**
 * Moves a semi join used as a filter (`WHERE key IN (subquery)`, `EXISTS` planned as a semi join)
 * below inner joins, projections and filters, down to the input producing its key, so that it
 * narrows that input before the joins instead of filtering their output (TPC-H Q18: orders are
 * cut to the few big ones before they meet lineitem). Outer joins let it through on their
 * preserved side only. When the filtering side is estimated more than ten times larger than the filtered one (TPC-H
 * Q4: orders of one quarter EXISTS in 4M lineitems), the semi join becomes an inner join with the
 * distinct keys of the filtering side instead, so the smaller side is built and its keys narrow
 * the larger side's scan as a dynamic filter (through the distinct aggregation).
 */
/** How many times larger the filtering side must be estimated before the semi join becomes a join with its distinct keys. */
const DISTINCT_JOIN_FACTOR = 10;

export const pushSemiJoinFilters: PlanOptimizer = {
  name: 'PushSemiJoinFilters',
  async optimize(root, context) {
    await loadTableRowCounts(root, context);
    return rewrite(root, context);
  },
};

function rewrite(node: PlanNode, context: OptimizerContext): PlanNode {
  const rewritten = replaceSources(node, planSources(node).map((s) => rewrite(s, context)));
  if (rewritten.kind !== 'filter' || rewritten.source.kind !== 'semiJoin') return rewritten;
  const semi = rewritten.source;
  const output = semi.semiJoinOutput.name;
  const conjuncts = extractConjuncts(rewritten.predicate);
  if (!conjuncts.some((c) => testsOutput(c, output))) return rewritten;
  const rest = conjuncts.filter((c) => !testsOutput(c, output));
  if (sameType(semi.sourceJoinSymbol.type, semi.filteringSourceJoinSymbol.type) && estimateRows(semi.filteringSource, context).rows > DISTINCT_JOIN_FACTOR * estimateRows(semi.source, context).rows) {
    const joined = innerJoinWithDistinctKeys(semi, context);
    return rest.length === 0 ? joined : context.nodes.filter(joined, combineConjuncts(rest));
  }
  const pushed = pushBelow(semi, semi.source, semi.sourceJoinSymbol, context);
  if (pushed === undefined) return rewritten;
  // the semi join output stays visible above (always true now) for parents that refer to it
  const tree = context.nodes.restrict(pushed, semi.outputs);
  return rest.length === 0 ? tree : context.nodes.filter(tree, combineConjuncts(rest));
}

/** `source JOIN (SELECT DISTINCT key FROM filtering) ON sourceKey = key`, with the semi join output as TRUE. */
function innerJoinWithDistinctKeys(semi: SemiJoinNode, context: OptimizerContext): PlanNode {
  const key = semi.filteringSourceJoinSymbol;
  const distinct: AggregationNode = {
    kind: 'aggregation',
    id: context.ids.nextId(),
    outputs: [key],
    source: semi.filteringSource,
    groupingKeys: [key],
    aggregates: [],
    step: 'SINGLE',
    groupIdSymbol: undefined,
    groupingSetCount: 1,
    globalGroupingSets: [],
  };
  const join: JoinNode = {
    kind: 'join',
    id: context.ids.nextId(),
    outputs: [...semi.source.outputs, key],
    joinType: 'INNER',
    left: semi.source,
    right: distinct,
    criteria: [{ left: semi.sourceJoinSymbol, right: key }],
    filter: undefined,
    distribution: undefined,
    dynamicFilters: [],
  };
  return context.nodes.project(join, [
    ...semi.source.outputs.map((s) => ({ symbol: s, expression: variable(s.name, s.type) })),
    { symbol: semi.semiJoinOutput, expression: constant(true, BOOLEAN) },
  ]);
}

/** `output` or `COALESCE(output, false)` (how EXISTS is planned): true only for rows with a match. */
function testsOutput(c: RowExpression, output: string): boolean {
  if (c.kind === 'variable') return c.name === output;
  if (c.kind !== 'special' || c.form !== 'COALESCE' || c.arguments.length !== 2) return false;
  const [value, fallback] = c.arguments;
  return value?.kind === 'variable' && value.name === output && fallback?.kind === 'constant' && fallback.value === false;
}

function sameType(a: object, b: object): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The semi join and its filter placed inside `target` (which produces `key`); undefined when it cannot go below `target`. */
function pushBelow(semi: SemiJoinNode, target: PlanNode, key: Symbol, context: OptimizerContext): PlanNode | undefined {
  const output = semi.semiJoinOutput;
  const place = (node: PlanNode, k: Symbol): PlanNode => pushBelow(semi, node, k, context) ?? filtered(semi, node, k, context);
  if (target.kind === 'join') {
    const inLeft = target.left.outputs.some((s) => s.name === key.name);
    const inRight = target.right.outputs.some((s) => s.name === key.name);
    if (inLeft && (target.joinType === 'INNER' || target.joinType === 'LEFT')) {
      return { ...target, left: place(target.left, key), outputs: [...target.outputs, output] };
    }
    if (inRight && (target.joinType === 'INNER' || target.joinType === 'RIGHT')) {
      return { ...target, right: place(target.right, key), outputs: [...target.outputs, output] };
    }
    return undefined;
  }
  if (target.kind === 'project') {
    const assignment = target.assignments.find((a) => a.symbol.name === key.name);
    const expression = assignment?.expression;
    if (expression === undefined || expression.kind !== 'variable') return undefined;
    const inner = target.source.outputs.find((s) => s.name === expression.name);
    if (inner === undefined) return undefined;
    return context.nodes.project(place(target.source, inner), [...target.assignments, { symbol: output, expression: variable(output.name, output.type) }]);
  }
  if (target.kind === 'filter') {
    return { ...target, source: place(target.source, key), outputs: [...target.outputs, output] };
  }
  return undefined;
}

/** `Filter(output)` over the semi join of `source` on `key`. */
function filtered(semi: SemiJoinNode, source: PlanNode, key: Symbol, context: OptimizerContext): PlanNode {
  const node: SemiJoinNode = { ...semi, id: context.ids.nextId(), source, sourceJoinSymbol: key, outputs: [...source.outputs, semi.semiJoinOutput] };
  return context.nodes.filter(node, variable(semi.semiJoinOutput.name, semi.semiJoinOutput.type));
}
