import { BIGINT, BOOLEAN, INTEGER, StandardErrorCode, TrinoError, VARCHAR } from '@petrel/spi';
import type { RowExpression } from '../../../ir/row-expression.js';
import { call, constant, special, variable } from '../../../ir/row-expression.js';
import { combineConjuncts, extractConjuncts, symbolsIn } from '../../plan/row-expression-utils.js';
import type { AggregateCall, Assignment, ApplyNode, CorrelatedJoinNode, PlanNode, ProjectNode } from '../../plan/plan-node.js';
import { rewriteBottomUp } from '../../plan/plan-sources.js';
import { freeSymbols } from '../../plan/plan-symbols.js';
import type { Symbol } from '../../plan/symbol.js';
import type { OptimizerContext, PlanOptimizer } from '../optimizer-context.js';

/**
 * Rewrites `apply` and `correlatedJoin` nodes into joins:
 * - uncorrelated IN -> semi join; uncorrelated EXISTS -> cross join with `count(*) > 0` over LIMIT 1;
 *   uncorrelated scalar subquery -> cross join with the single row it must return;
 * - correlated EXISTS over one equality -> semi join; other correlated EXISTS / IN -> left join of
 *   the input (with a unique id) and an aggregation of the matches;
 * - correlated scalar aggregations -> left join with the aggregation grouped by the correlation keys;
 * - uncorrelated quantified comparisons -> cross join with min/max/counts of the subquery.
 * Correlated predicates are pulled up from filters through projections (and aggregations, for
 * equalities). What cannot be rewritten stays and fails planning with NOT_SUPPORTED.
 */
export const decorrelateSubqueries: PlanOptimizer = {
  name: 'DecorrelateSubqueries',
  optimize(root, context) {
    return rewriteBottomUp(root, (node) => {
      if (node.kind === 'apply') return rewriteApply(node, context) ?? node;
      if (node.kind === 'correlatedJoin') return rewriteCorrelatedJoin(node, context) ?? node;
      return node;
    });
  },
};

const COUNT_LIKE = new Set(['count', 'count_if', 'approx_distinct']);

interface Decorrelated {
  /** The subquery with correlated conjuncts removed. */
  readonly plan: PlanNode;
  /** The removed conjuncts (they reference correlation symbols and the plan's outputs). */
  readonly predicates: readonly RowExpression[];
}

/** Pulls correlated conjuncts out of filters, through projections; undefined when correlation remains. */
function pullUpPredicates(node: PlanNode, correlation: ReadonlySet<string>, context: OptimizerContext, allowAggregation: boolean): Decorrelated | undefined {
  const isCorrelated = (e: RowExpression): boolean => [...symbolsIn(e)].some((s) => correlation.has(s));
  switch (node.kind) {
    case 'filter': {
      const inner = pullUpPredicates(node.source, correlation, context, allowAggregation);
      if (inner === undefined) return undefined;
      const conjuncts = extractConjuncts(node.predicate);
      const correlated = conjuncts.filter(isCorrelated);
      const local = conjuncts.filter((c) => !isCorrelated(c));
      const plan = local.length === 0 ? inner.plan : { ...node, source: inner.plan, outputs: inner.plan.outputs, predicate: combineConjuncts(local) };
      return { plan, predicates: [...inner.predicates, ...correlated] };
    }
    case 'project': {
      if (node.assignments.some((a) => isCorrelated(a.expression))) return undefined;
      const inner = pullUpPredicates(node.source, correlation, context, allowAggregation);
      if (inner === undefined) return undefined;
      if (inner.predicates.length === 0) return { plan: { ...node, source: inner.plan }, predicates: [] };
      const needed = new Set<string>();
      for (const p of inner.predicates) for (const s of symbolsIn(p)) if (!correlation.has(s)) needed.add(s);
      const have = new Set(node.outputs.map((s) => s.name));
      const extra = inner.plan.outputs.filter((s) => needed.has(s.name) && !have.has(s.name));
      const assignments: Assignment[] = [...node.assignments, ...extra.map((s) => ({ symbol: s, expression: variable(s.name, s.type) as RowExpression }))];
      return { plan: { ...node, source: inner.plan, assignments, outputs: assignments.map((a) => a.symbol) }, predicates: inner.predicates };
    }
    case 'aggregation': {
      const inner = pullUpPredicates(node.source, correlation, context, allowAggregation);
      if (inner === undefined) return undefined;
      if (inner.predicates.length === 0) return { plan: { ...node, source: inner.plan }, predicates: [] };
      if (!allowAggregation || node.groupIdSymbol !== undefined) return undefined;
      // only `outer = inner` equalities can cross an aggregation: the inner side becomes a grouping key
      const keys: Symbol[] = [];
      for (const p of inner.predicates) {
        const eq = correlatedEquality(p, correlation);
        if (eq === undefined) return undefined;
        keys.push(eq.inner);
      }
      const groupingKeys = dedupe([...node.groupingKeys, ...keys]);
      return {
        plan: { ...node, source: inner.plan, groupingKeys, outputs: [...groupingKeys, ...node.aggregates.map((a) => a.output)], globalGroupingSets: [] },
        predicates: inner.predicates,
      };
    }
    case 'sort':
      return pullUpPredicates(node.source, correlation, context, allowAggregation);
    case 'limit':
    case 'topN':
      return pullUpThroughLimit(node, correlation, context, allowAggregation);
    case 'output':
    case 'tableScan':
    case 'values':
    case 'groupId':
    case 'markDistinct':
    case 'join':
    case 'semiJoin':
    case 'offset':
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
    case 'explainAnalyze': {
      // any other node must be free of correlation
      if (hasCorrelation(node, correlation)) return undefined;
      return { plan: node, predicates: [] };
    }
  }
}

/**
 * `... WHERE inner = outer [ORDER BY ...] LIMIT n`: the limit applies per outer row, that is per
 * value of the inner correlation keys, so it becomes a row number (or top-N ranking, when ordered)
 * partitioned by those keys. Only for equality correlation, as Trino does.
 */
function pullUpThroughLimit(
  node: PlanNode & { kind: 'limit' | 'topN' },
  correlation: ReadonlySet<string>,
  context: OptimizerContext,
  allowAggregation: boolean,
): Decorrelated | undefined {
  if (node.kind === 'limit' && node.tiesResolvingScheme !== undefined) return hasCorrelation(node, correlation) ? undefined : { plan: node, predicates: [] };
  let source = node.source;
  let orderBy = node.kind === 'topN' ? node.orderBy : undefined;
  if (orderBy === undefined && source.kind === 'sort') {
    orderBy = source.orderBy;
    source = source.source;
  }
  const inner = pullUpPredicates(source, correlation, context, allowAggregation);
  if (inner === undefined) return undefined;
  if (inner.predicates.length === 0) return hasCorrelation(node, correlation) ? undefined : { plan: node, predicates: [] };
  const keys: Symbol[] = [];
  for (const p of inner.predicates) {
    const eq = correlatedEquality(p, correlation);
    if (eq === undefined) return undefined;
    keys.push(eq.inner);
  }
  const partitionBy = dedupe(keys);
  const rank = context.symbols.newSymbol('row_number', BIGINT);
  const outputs = [...inner.plan.outputs, rank];
  const plan: PlanNode =
    orderBy === undefined
      ? { kind: 'rowNumber', id: context.ids.nextId(), outputs, source: inner.plan, partitionBy, rowNumberSymbol: rank, maxRowCountPerPartition: node.count }
      : {
          kind: 'topNRanking',
          id: context.ids.nextId(),
          outputs,
          source: inner.plan,
          partitionBy,
          orderBy,
          rankingType: 'ROW_NUMBER',
          rankingSymbol: rank,
          maxRankingPerPartition: node.count,
          partial: false,
        };
  return { plan, predicates: inner.predicates };
}

function hasCorrelation(node: PlanNode, correlation: ReadonlySet<string>): boolean {
  for (const s of freeSymbols(node)) if (correlation.has(s)) return true;
  return false;
}

function correlatedEquality(p: RowExpression, correlation: ReadonlySet<string>): { outer: Symbol; inner: Symbol } | undefined {
  if (p.kind !== 'call' || p.function.name !== '$operator$equal') return undefined;
  const [a, b] = p.arguments;
  if (a?.kind !== 'variable' || b?.kind !== 'variable') return undefined;
  if (correlation.has(a.name) && !correlation.has(b.name)) return { outer: { name: a.name, type: a.type }, inner: { name: b.name, type: b.type } };
  if (correlation.has(b.name) && !correlation.has(a.name)) return { outer: { name: b.name, type: b.type }, inner: { name: a.name, type: a.type } };
  return undefined;
}

function dedupe(symbols: readonly Symbol[]): Symbol[] {
  const seen = new Set<string>();
  return symbols.filter((s) => (seen.has(s.name) ? false : (seen.add(s.name), true)));
}

function joinNode(context: OptimizerContext, type: 'INNER' | 'LEFT', left: PlanNode, right: PlanNode, filter: RowExpression | undefined): PlanNode {
  return {
    kind: 'join',
    id: context.ids.nextId(),
    outputs: [...left.outputs, ...right.outputs],
    joinType: type,
    left,
    right,
    criteria: [],
    filter: filter === undefined || (filter.kind === 'constant' && filter.value === true) ? undefined : filter,
    distribution: undefined,
    dynamicFilters: [],
  };
}

function countCall(context: OptimizerContext, output: Symbol, argument: Symbol | undefined): AggregateCall {
  const fn = context.planner.functions.resolveFunction('count', argument === undefined ? [] : [{ kind: 'value', type: argument.type }]);
  return { output, function: fn, arguments: argument === undefined ? [] : [argument], distinct: false, filter: undefined, orderBy: [], mask: undefined };
}

function aggregation(context: OptimizerContext, source: PlanNode, keys: readonly Symbol[], aggregates: readonly AggregateCall[]): PlanNode {
  return {
    kind: 'aggregation',
    id: context.ids.nextId(),
    outputs: [...keys, ...aggregates.map((a) => a.output)],
    source,
    groupingKeys: keys,
    aggregates,
    step: 'SINGLE',
    groupIdSymbol: undefined,
    groupingSetCount: 1,
    globalGroupingSets: keys.length === 0 ? [0] : [],
  };
}

function greaterThanZero(context: OptimizerContext, s: Symbol): RowExpression {
  const fn = context.planner.functions.resolveOperator('greater_than', [BIGINT, BIGINT]);
  return call(fn, [variable(s.name, s.type), constant(0, BIGINT)]);
}

function projectWith(context: OptimizerContext, source: PlanNode, extra: readonly Assignment[]): ProjectNode {
  const names = new Set(extra.map((a) => a.symbol.name));
  return context.nodes.project(source, [
    ...source.outputs.filter((s) => !names.has(s.name)).map((s) => ({ symbol: s, expression: variable(s.name, s.type) as RowExpression })),
    ...extra,
  ]);
}

function rewriteApply(node: ApplyNode, context: OptimizerContext): PlanNode | undefined {
  if (node.subqueryAssignments.length !== 1) return undefined;
  const assignment = node.subqueryAssignments[0]!;
  const correlation = new Set(node.correlation.map((s) => s.name));
  const uncorrelated = correlation.size === 0;
  switch (assignment.kind) {
    case 'in': {
      if (uncorrelated) {
        return {
          kind: 'semiJoin',
          id: context.ids.nextId(),
          outputs: [...node.input.outputs, assignment.output],
          source: node.input,
          filteringSource: node.subquery,
          sourceJoinSymbol: assignment.value,
          filteringSourceJoinSymbol: assignment.reference,
          semiJoinOutput: assignment.output,
          distribution: undefined,
        };
      }
      const pulled = pullUpPredicates(node.subquery, correlation, context, false);
      if (pulled === undefined) return undefined;
      // value IN (correlated): count matches and NULL comparisons among the correlated rows
      const eq = context.planner.functions.resolveOperator('equal', [assignment.value.type, assignment.reference.type]);
      const v = variable(assignment.value.name, assignment.value.type);
      const r = variable(assignment.reference.name, assignment.reference.type);
      const marker = context.symbols.newSymbol('marker', BOOLEAN);
      const right = projectWith(context, pulled.plan, [{ symbol: marker, expression: constant(true, BOOLEAN) }]);
      return generalSemiJoin(node, context, right, pulled.predicates, marker, (joined) => {
        const match = context.symbols.newSymbol('match', BOOLEAN);
        const nullMatch = context.symbols.newSymbol('null_match', BOOLEAN);
        const m = variable(marker.name, BOOLEAN);
        const isNull = (x: RowExpression): RowExpression => special('IS_NULL', BOOLEAN, [x]);
        const flagged = projectWith(context, joined, [
          { symbol: match, expression: special('IF', BOOLEAN, [call(eq, [v, r]), constant(true, BOOLEAN)]) },
          {
            symbol: nullMatch,
            expression: special('IF', BOOLEAN, [special('AND', BOOLEAN, [special('NOT', BOOLEAN, [isNull(m)]), special('OR', BOOLEAN, [isNull(v), isNull(r)])]), constant(true, BOOLEAN)]),
          },
        ]);
        return { source: flagged, counted: [match, nullMatch] };
      }, ([matches, nulls]) =>
        special('SWITCH', BOOLEAN, [
          special('WHEN', BOOLEAN, [greaterThanZero(context, matches!), constant(true, BOOLEAN)]),
          special('WHEN', BOOLEAN, [greaterThanZero(context, nulls!), constant(null, BOOLEAN)]),
          constant(false, BOOLEAN),
        ]),
      );
    }
    case 'exists': {
      if (uncorrelated) {
        const limited: PlanNode = { kind: 'limit', id: context.ids.nextId(), outputs: node.subquery.outputs, source: node.subquery, count: 1, tiesResolvingScheme: undefined, partial: false };
        const count = context.symbols.newSymbol('count', BIGINT);
        const agg = aggregation(context, limited, [], [countCall(context, count, undefined)]);
        const projected = context.nodes.project(agg, [{ symbol: assignment.output, expression: greaterThanZero(context, count) }]);
        return joinNode(context, 'INNER', node.input, projected, undefined);
      }
      let body = node.subquery;
      // projections, sorts and non-zero limits do not change whether a row exists
      while (body.kind === 'project' || body.kind === 'sort' || ((body.kind === 'limit' || body.kind === 'topN') && body.count > 0)) body = body.source;
      const pulled = pullUpPredicates(body, correlation, context, false);
      if (pulled === undefined) return undefined;
      const equalities = pulled.predicates.map((p) => correlatedEquality(p, correlation));
      if (equalities.length === 1 && equalities[0] !== undefined && node.input.outputs.some((s) => s.name === equalities[0]!.outer.name)) {
        const eq = equalities[0];
        const semi = context.symbols.newSymbol('exists_match', BOOLEAN);
        const filtering = context.nodes.restrict(pulled.plan, [eq.inner]);
        const sj: PlanNode = {
          kind: 'semiJoin',
          id: context.ids.nextId(),
          outputs: [...node.input.outputs, semi],
          source: node.input,
          filteringSource: filtering,
          sourceJoinSymbol: eq.outer,
          filteringSourceJoinSymbol: eq.inner,
          semiJoinOutput: semi,
          distribution: undefined,
        };
        return projectWith(context, sj, [{ symbol: assignment.output, expression: special('COALESCE', BOOLEAN, [variable(semi.name, BOOLEAN), constant(false, BOOLEAN)]) }]);
      }
      const marker = context.symbols.newSymbol('marker', BOOLEAN);
      const right = projectWith(context, pulled.plan, [{ symbol: marker, expression: constant(true, BOOLEAN) }]);
      return generalSemiJoin(node, context, right, pulled.predicates, marker, (joined) => ({ source: joined, counted: [marker] }), ([count]) => greaterThanZero(context, count!));
    }
    case 'quantifiedComparison': {
      if (!uncorrelated) return rewriteCorrelatedQuantified(node, assignment, correlation, context);
      return rewriteQuantified(node, assignment, context);
    }
  }
}

/**
 * The input with a unique id, LEFT JOINed with the correlated rows, grouped back to one row per
 * input row counting the flags `prepare` adds; `result` turns the counts into the apply's value.
 */
function generalSemiJoin(
  node: ApplyNode,
  context: OptimizerContext,
  right: PlanNode,
  predicates: readonly RowExpression[],
  _marker: Symbol,
  prepare: (joined: PlanNode) => { source: PlanNode; counted: Symbol[] },
  result: (counts: Symbol[]) => RowExpression,
): PlanNode {
  const unique = context.symbols.newSymbol('unique', BIGINT);
  const input: PlanNode = { kind: 'assignUniqueId', id: context.ids.nextId(), outputs: [...node.input.outputs, unique], source: node.input, idSymbol: unique };
  const joined = joinNode(context, 'LEFT', input, right, combineConjuncts(predicates));
  const prepared = prepare(joined);
  const counts = prepared.counted.map((s) => context.symbols.newSymbol('count', BIGINT));
  // one row per input row: group by the unique id, carrying the input columns with arbitrary()
  // (so that unused ones can be pruned); without arbitrary(), group by all of them
  let keys: Symbol[] = [unique, ...node.input.outputs];
  const carried: AggregateCall[] = [];
  try {
    for (const s of node.input.outputs) {
      const fn = context.planner.functions.resolveFunction('arbitrary', [{ kind: 'value', type: s.type }]);
      carried.push({ output: s, function: fn, arguments: [s], distinct: false, filter: undefined, orderBy: [], mask: undefined });
    }
    keys = [unique];
  } catch {
    carried.length = 0;
  }
  const agg = aggregation(context, prepared.source, keys, [...counts.map((c, i) => countCall(context, c, prepared.counted[i])), ...carried]);
  const output = node.subqueryAssignments[0]!.output;
  return context.nodes.project(agg, [
    ...node.input.outputs.map((s) => ({ symbol: s, expression: variable(s.name, s.type) as RowExpression })),
    { symbol: output, expression: result(counts) },
  ]);
}

/**
 * `value op ALL|ANY (correlated subquery)`: the input (with a unique id) LEFT JOINed with its
 * matching rows, counting per input row the rows where the comparison is true, false and NULL.
 * ALL: false if any is false, else NULL if any is NULL, else true (also for no rows).
 * ANY/SOME: true if any is true, else NULL if any is NULL, else false (also for no rows).
 */
function rewriteCorrelatedQuantified(
  node: ApplyNode,
  a: ApplyNode['subqueryAssignments'][number] & { kind: 'quantifiedComparison' },
  correlation: ReadonlySet<string>,
  context: OptimizerContext,
): PlanNode | undefined {
  const pulled = pullUpPredicates(node.subquery, correlation, context, false);
  if (pulled === undefined) return undefined;
  const opName = { '=': 'equal', '<>': 'not_equal', '<': 'less_than', '<=': 'less_than_or_equal', '>': 'greater_than', '>=': 'greater_than_or_equal' } as const;
  const comparison = call(context.planner.functions.resolveOperator(opName[a.operator], [a.value.type, a.reference.type]), [variable(a.value.name, a.value.type), variable(a.reference.name, a.reference.type)]);
  const marker = context.symbols.newSymbol('marker', BOOLEAN);
  const right = projectWith(context, pulled.plan, [{ symbol: marker, expression: constant(true, BOOLEAN) }]);
  const all = a.quantifier === 'ALL';
  return generalSemiJoin(node, context, right, pulled.predicates, marker, (joined) => {
    const isTrue = context.symbols.newSymbol('comparison_true', BOOLEAN);
    const isFalse = context.symbols.newSymbol('comparison_false', BOOLEAN);
    const isNull = context.symbols.newSymbol('comparison_null', BOOLEAN);
    const matched = special('NOT', BOOLEAN, [special('IS_NULL', BOOLEAN, [variable(marker.name, BOOLEAN)])]);
    const flagged = projectWith(context, joined, [
      { symbol: isTrue, expression: special('IF', BOOLEAN, [comparison, constant(true, BOOLEAN)]) },
      { symbol: isFalse, expression: special('IF', BOOLEAN, [special('NOT', BOOLEAN, [comparison]), constant(true, BOOLEAN)]) },
      { symbol: isNull, expression: special('IF', BOOLEAN, [special('AND', BOOLEAN, [matched, special('IS_NULL', BOOLEAN, [comparison])]), constant(true, BOOLEAN)]) },
    ]);
    return { source: flagged, counted: [isTrue, isFalse, isNull] };
  }, ([trues, falses, nulls]) =>
    special('SWITCH', BOOLEAN, [
      special('WHEN', BOOLEAN, [greaterThanZero(context, all ? falses! : trues!), constant(!all, BOOLEAN)]),
      special('WHEN', BOOLEAN, [greaterThanZero(context, nulls!), constant(null, BOOLEAN)]),
      constant(all, BOOLEAN),
    ]),
  );
}

function rewriteQuantified(node: ApplyNode, a: ApplyNode['subqueryAssignments'][number] & { kind: 'quantifiedComparison' }, context: OptimizerContext): PlanNode | undefined {
  const fns = context.planner.functions;
  const v = variable(a.value.name, a.value.type);
  if (a.operator === '<>' && a.quantifier === 'ALL') {
    const inSymbol = context.symbols.newSymbol('in', BOOLEAN);
    const sj: PlanNode = {
      kind: 'semiJoin',
      id: context.ids.nextId(),
      outputs: [...node.input.outputs, inSymbol],
      source: node.input,
      filteringSource: node.subquery,
      sourceJoinSymbol: a.value,
      filteringSourceJoinSymbol: a.reference,
      semiJoinOutput: inSymbol,
      distribution: undefined,
    };
    return projectWith(context, sj, [{ symbol: a.output, expression: special('NOT', BOOLEAN, [variable(inSymbol.name, BOOLEAN)]) }]);
  }
  if (a.operator === '=' || a.operator === '<>') return undefined;
  const all = a.quantifier === 'ALL';
  const lessThan = a.operator === '<' || a.operator === '<=';
  const useMin = all === lessThan;
  const extreme = context.symbols.newSymbol(useMin ? 'min' : 'max', a.reference.type);
  const countAll = context.symbols.newSymbol('count_all', BIGINT);
  const countNonNull = context.symbols.newSymbol('count_non_null', BIGINT);
  const extremeFn = fns.resolveFunction(useMin ? 'min' : 'max', [{ kind: 'value', type: a.reference.type }]);
  const agg = aggregation(context, node.subquery, [], [
    { output: extreme, function: extremeFn, arguments: [a.reference], distinct: false, filter: undefined, orderBy: [], mask: undefined },
    countCall(context, countAll, undefined),
    countCall(context, countNonNull, a.reference),
  ]);
  const opName = { '<': 'less_than', '<=': 'less_than_or_equal', '>': 'greater_than', '>=': 'greater_than_or_equal' } as const;
  const cmp = call(fns.resolveOperator(opName[a.operator as '<'], [a.value.type, a.reference.type]), [v, variable(extreme.name, extreme.type)]);
  const eq0 = call(fns.resolveOperator('equal', [BIGINT, BIGINT]), [variable(countAll.name, BIGINT), constant(0, BIGINT)]);
  const hasNulls = call(fns.resolveOperator('not_equal', [BIGINT, BIGINT]), [variable(countAll.name, BIGINT), variable(countNonNull.name, BIGINT)]);
  const when = (c: RowExpression, r: boolean | null): RowExpression => special('WHEN', BOOLEAN, [c, constant(r, BOOLEAN)]);
  const isNull = special('IS_NULL', BOOLEAN, [v]);
  const expression = all
    ? special('SWITCH', BOOLEAN, [when(eq0, true), when(isNull, null), when(special('NOT', BOOLEAN, [cmp]), false), when(hasNulls, null), constant(true, BOOLEAN)])
    : special('SWITCH', BOOLEAN, [when(eq0, false), when(cmp, true), when(isNull, null), when(hasNulls, null), constant(false, BOOLEAN)]);
  const joined = joinNode(context, 'INNER', node.input, agg, undefined);
  return projectWith(context, joined, [{ symbol: a.output, expression }]);
}

function rewriteCorrelatedJoin(node: CorrelatedJoinNode, context: OptimizerContext): PlanNode | undefined {
  const correlation = new Set(node.correlation.map((s) => s.name));
  if (correlation.size === 0) {
    const type = node.subquery.kind === 'enforceSingleRow' ? 'INNER' : node.joinType === 'LEFT' ? 'LEFT' : 'INNER';
    return joinNode(context, type, node.input, node.subquery, node.filter);
  }
  let subquery = node.subquery;
  const scalar = subquery.kind === 'enforceSingleRow';
  if (subquery.kind === 'enforceSingleRow') subquery = subquery.source;
  // peel projections down to an aggregation
  const projections: ProjectNode[] = [];
  let cursor = subquery;
  while (cursor.kind === 'project') {
    projections.push(cursor);
    cursor = cursor.source;
  }
  if (cursor.kind === 'aggregation' && cursor.groupingKeys.length === 0 && cursor.groupIdSymbol === undefined) {
    // a LEFT JOIN LATERAL condition over aggregates would be evaluated before count-like
    // aggregates of no rows become 0: not rewritten
    if (node.filter !== undefined) return undefined;
    const pulled = pullUpPredicates(cursor, correlation, context, true);
    // projections may refer to the input (outer references in the select list): they are
    // re-applied above the join, where each input row has exactly one aggregated row
    if (pulled === undefined) return aggregateOverMatches(node, cursor, projections, correlation, context);
    const agg = pulled.plan as PlanNode & { kind: 'aggregation' };
    const joined = joinNode(context, node.joinType === 'INNER' && !scalar ? 'INNER' : 'LEFT', node.input, agg, combineConjuncts([...pulled.predicates, ...(node.filter ? [node.filter] : [])]));
    // count-like aggregates of no rows are 0, not NULL
    const coalesce = new Map<string, RowExpression>();
    for (const a of agg.aggregates) {
      if (COUNT_LIKE.has(a.function.name)) {
        coalesce.set(a.output.name, special('COALESCE', a.output.type, [variable(a.output.name, a.output.type), constant(0, a.output.type)]));
      }
    }
    let root: PlanNode = joined;
    const reapplied = [...projections].reverse();
    if (reapplied.length === 0 && coalesce.size > 0) {
      const renamed = new Map<string, Symbol>();
      for (const a of agg.aggregates) if (coalesce.has(a.output.name)) renamed.set(a.output.name, context.symbols.newSymbol(a.output.name, a.output.type));
      // rename inside: project aggregation outputs to new names, then coalesce back to the original names
      const inner = context.nodes.project(agg, agg.outputs.map((s) => ({ symbol: renamed.get(s.name) ?? s, expression: variable(s.name, s.type) as RowExpression })));
      const j = joinNode(context, joined.kind === 'join' ? joined.joinType as 'LEFT' : 'LEFT', node.input, inner, (joined as { filter?: RowExpression }).filter);
      return projectWith(context, j, [...renamed].map(([orig, s]) => ({ symbol: { name: orig, type: s.type }, expression: special('COALESCE', s.type, [variable(s.name, s.type), constant(0, s.type)]) })));
    }
    reapplied.forEach((p, i) => {
      const assignments = p.assignments.map((a) => ({ symbol: a.symbol, expression: i === 0 ? substituteVars(a.expression, coalesce) : a.expression }));
      root = projectWith(context, root, assignments);
    });
    return root;
  }
  const pulled = pullUpPredicates(subquery, correlation, context, false);
  if (pulled === undefined) return liftCorrelatedProjections(node, subquery, scalar, correlation, context);
  if (scalar) return scalarWithoutAggregation(node, pulled, context);
  return joinNode(context, node.joinType === 'LEFT' ? 'LEFT' : 'INNER', node.input, pulled.plan, combineConjuncts([...pulled.predicates, ...(node.filter ? [node.filter] : [])]));
}

/**
 * A correlated join whose subquery projects outer references (`LATERAL (SELECT r.x * 10 ...)`):
 * the projections are re-applied above an inner join of the input with the rest of the subquery,
 * then the join filter. Only where each projected row stays a row of an inner join: INNER/CROSS
 * joins, and scalar subqueries over exactly one constant row.
 */
function liftCorrelatedProjections(node: CorrelatedJoinNode, subquery: PlanNode, scalar: boolean, correlation: ReadonlySet<string>, context: OptimizerContext): PlanNode | undefined {
  const projections: ProjectNode[] = [];
  let cursor = subquery;
  while (cursor.kind === 'project') {
    projections.push(cursor);
    cursor = cursor.source;
  }
  if (projections.length === 0) return undefined;
  const singleRow = cursor.kind === 'values' && cursor.rows.length === 1;
  const unfilteredLeft = node.joinType === 'LEFT' && (node.filter === undefined || (node.filter.kind === 'constant' && node.filter.value === true));
  if (scalar ? !singleRow : node.joinType !== 'INNER' && !unfilteredLeft) return undefined;
  const pulled = pullUpPredicates(cursor, correlation, context, false);
  if (pulled === undefined) return undefined;
  if (!scalar && unfilteredLeft) return leftJoinWithLiftedProjections(node, pulled, projections, context);
  let root: PlanNode = joinNode(context, 'INNER', node.input, pulled.plan, combineConjuncts(pulled.predicates));
  for (const p of [...projections].reverse()) root = projectWith(context, root, p.assignments);
  if (node.filter !== undefined) root = context.nodes.filter(root, node.filter);
  return context.nodes.restrict(root, node.outputs);
}

/**
 * `LEFT JOIN LATERAL (SELECT <outer references> ... WHERE <correlated>) ON true`: the input LEFT
 * JOINed with the subquery's rows (a non-null marker tells matched rows), then the subquery's
 * projections, each NULL where the input row had no match (the subquery produced no row for it).
 */
function leftJoinWithLiftedProjections(node: CorrelatedJoinNode, pulled: Decorrelated, projections: readonly ProjectNode[], context: OptimizerContext): PlanNode {
  const marker = context.symbols.newSymbol('marker', BOOLEAN);
  const right = projectWith(context, pulled.plan, [{ symbol: marker, expression: constant(true, BOOLEAN) }]);
  let root: PlanNode = joinNode(context, 'LEFT', node.input, right, combineConjuncts(pulled.predicates));
  const unmatched = special('IS_NULL', BOOLEAN, [variable(marker.name, BOOLEAN)]);
  for (const p of [...projections].reverse()) {
    const guarded = p.assignments.map((a) =>
      a.expression.kind === 'variable' && a.expression.name === a.symbol.name
        ? a
        : { symbol: a.symbol, expression: special('IF', a.symbol.type, [unmatched, constant(null, a.symbol.type), a.expression]) },
    );
    root = projectWith(context, root, guarded);
  }
  return context.nodes.restrict(root, node.outputs);
}

function substituteVars(e: RowExpression, mapping: ReadonlyMap<string, RowExpression>): RowExpression {
  if (mapping.size === 0) return e;
  switch (e.kind) {
    case 'variable':
      return mapping.get(e.name) ?? e;
    case 'call':
    case 'special':
      return { ...e, arguments: e.arguments.map((a) => substituteVars(a, mapping)) } as RowExpression;
    case 'cast':
      return { ...e, argument: substituteVars(e.argument, mapping) };
    case 'constant':
    case 'lambda':
      return e;
  }
}

export function notSupportedCorrelation(): TrinoError {
  return new TrinoError(StandardErrorCode.NOT_SUPPORTED, 'Given correlated subquery is not supported');
}

/**
 * A correlated scalar subquery that is not an aggregation: each input row (with a unique id) is
 * LEFT JOINed with its matches and grouped back, failing with SUBQUERY_MULTIPLE_ROWS through
 * `fail(28, ...)` when a row has more than one match. Needs the `fail(integer, varchar)` function.
 */
function scalarWithoutAggregation(node: CorrelatedJoinNode, pulled: Decorrelated, context: OptimizerContext): PlanNode | undefined {
  const functions = context.planner.functions;
  if (node.subquery.outputs.length !== 1) return undefined;
  const value = node.subquery.outputs[0]!;
  let fail;
  let arbitrary;
  try {
    fail = functions.resolveFunction('fail', [{ kind: 'value', type: INTEGER }, { kind: 'value', type: VARCHAR }]);
    arbitrary = (t: Symbol['type']) => functions.resolveFunction('arbitrary', [{ kind: 'value', type: t }]);
    arbitrary(value.type);
  } catch {
    return undefined;
  }
  const unique = context.symbols.newSymbol('unique', BIGINT);
  const input: PlanNode = { kind: 'assignUniqueId', id: context.ids.nextId(), outputs: [...node.input.outputs, unique], source: node.input, idSymbol: unique };
  const marker = context.symbols.newSymbol('marker', BOOLEAN);
  const right = projectWith(context, pulled.plan, [{ symbol: marker, expression: constant(true, BOOLEAN) }]);
  const joined = joinNode(context, 'LEFT', input, right, combineConjuncts([...pulled.predicates, ...(node.filter ? [node.filter] : [])]));
  const count = context.symbols.newSymbol('count', BIGINT);
  const anyValue = context.symbols.newSymbol(value.name, value.type);
  const carried: AggregateCall[] = node.input.outputs.map((s) => ({ output: s, function: arbitrary(s.type), arguments: [s], distinct: false, filter: undefined, orderBy: [], mask: undefined }));
  const agg = aggregation(context, joined, [unique], [
    countCall(context, count, marker),
    { output: anyValue, function: arbitrary(value.type), arguments: [value], distinct: false, filter: undefined, orderBy: [], mask: undefined },
    ...carried,
  ]);
  const tooMany = call(functions.resolveOperator('greater_than', [BIGINT, BIGINT]), [variable(count.name, BIGINT), constant(1, BIGINT)]);
  const failure = { kind: 'cast', type: value.type, safe: false, argument: call(fail, [constant(28, INTEGER), constant('Scalar sub-query has returned multiple rows', VARCHAR)]) } as RowExpression;
  return context.nodes.project(agg, [
    ...node.input.outputs.map((s) => ({ symbol: s, expression: variable(s.name, s.type) as RowExpression })),
    { symbol: value, expression: special('IF', value.type, [tooMany, failure, variable(anyValue.name, anyValue.type)]) },
  ]);
}

/**
 * A correlated global aggregation whose correlation is not only equalities: the input (with a
 * unique id) LEFT JOINed with the rows matching each input row, aggregated per input row
 * (`count(*)` counts a non-null marker so that unmatched rows count 0), then the subquery's
 * projections.
 */
function aggregateOverMatches(
  node: CorrelatedJoinNode,
  agg: PlanNode & { kind: 'aggregation' },
  projections: readonly ProjectNode[],
  correlation: ReadonlySet<string>,
  context: OptimizerContext,
): PlanNode | undefined {
  const pulled = pullUpPredicates(agg.source, correlation, context, false);
  if (pulled === undefined) return undefined;
  if (agg.aggregates.some((a) => a.function.name === 'array_agg' || a.orderBy.length > 0)) return undefined;
  let arbitrary;
  try {
    arbitrary = (t: Symbol['type']) => context.planner.functions.resolveFunction('arbitrary', [{ kind: 'value', type: t }]);
    for (const s of node.input.outputs) arbitrary(s.type);
  } catch {
    return undefined;
  }
  const unique = context.symbols.newSymbol('unique', BIGINT);
  const input: PlanNode = { kind: 'assignUniqueId', id: context.ids.nextId(), outputs: [...node.input.outputs, unique], source: node.input, idSymbol: unique };
  const marker = context.symbols.newSymbol('marker', BOOLEAN);
  const right = projectWith(context, pulled.plan, [{ symbol: marker, expression: constant(true, BOOLEAN) }]);
  const joined = joinNode(context, 'LEFT', input, right, combineConjuncts([...pulled.predicates, ...(node.filter ? [node.filter] : [])]));
  const aggregates: AggregateCall[] = agg.aggregates.map((a) => (a.arguments.length === 0 && a.function.name === 'count' ? countCall(context, a.output, marker) : a));
  const carried: AggregateCall[] = node.input.outputs.map((s) => ({ output: s, function: arbitrary(s.type), arguments: [s], distinct: false, filter: undefined, orderBy: [], mask: undefined }));
  let root: PlanNode = aggregation(context, joined, [unique], [...aggregates, ...carried]);
  for (const p of [...projections].reverse()) root = projectWith(context, root, p.assignments);
  return root;
}
