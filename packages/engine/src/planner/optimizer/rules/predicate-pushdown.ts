import type { RowExpression } from '../../../ir/row-expression.js';
import { variable } from '../../../ir/row-expression.js';
import { combineConjuncts, expressionKey, extractConjuncts, isDeterministic, substitute, symbolsIn } from '../../plan/row-expression-utils.js';
import type { EquiJoinClause, JoinNode, PlanNode } from '../../plan/plan-node.js';
import { planSources, replaceSources } from '../../plan/plan-sources.js';
import type { Symbol } from '../../plan/symbol.js';
import type { OptimizerContext, PlanOptimizer } from '../optimizer-context.js';

/**
 * Pushes filter conjuncts towards the scans: through projections (inlining deterministic
 * assignments), inner joins (each side gets its own conjuncts; `left = right` equalities become
 * equi-join criteria, so a cross join plus an equality becomes a hash join; single-column
 * conjuncts are copied across equi-join keys), the outer side rules of outer joins, semi joins,
 * aggregations (grouping keys only), unions, sorts, windows (partition keys) and unnest.
 */
export const predicatePushdown: PlanOptimizer = {
  name: 'PredicatePushdown',
  optimize(root, context) {
    return push(root, [], context);
  },
};

function names(symbols: readonly Symbol[]): Set<string> {
  return new Set(symbols.map((s) => s.name));
}

function onlyUses(e: RowExpression, allowed: ReadonlySet<string>): boolean {
  for (const s of symbolsIn(e)) if (!allowed.has(s)) return false;
  return true;
}

function withFilter(node: PlanNode, conjuncts: readonly RowExpression[], context: OptimizerContext): PlanNode {
  if (conjuncts.length === 0) return node;
  if (node.kind === 'filter') return { ...node, predicate: combineConjuncts([...extractConjuncts(node.predicate), ...conjuncts]) };
  return context.nodes.filter(node, combineConjuncts(conjuncts));
}

function recurse(node: PlanNode, context: OptimizerContext): PlanNode {
  return replaceSources(node, planSources(node).map((s) => push(s, [], context)));
}

export function push(node: PlanNode, conjuncts: readonly RowExpression[], context: OptimizerContext): PlanNode {
  switch (node.kind) {
    case 'filter':
      return push(node.source, [...conjuncts, ...extractConjuncts(node.predicate)], context);
    case 'project': {
      const mapping = new Map<string, RowExpression>();
      for (const a of node.assignments) mapping.set(a.symbol.name, a.expression);
      const down: RowExpression[] = [];
      const keep: RowExpression[] = [];
      for (const c of conjuncts) {
        const used = [...symbolsIn(c)];
        if (used.every((s) => mapping.has(s) && isDeterministic(mapping.get(s)!)) && isDeterministic(c)) down.push(substitute(c, mapping));
        else keep.push(c);
      }
      return withFilter({ ...node, source: push(node.source, down, context) }, keep, context);
    }
    case 'join':
      return pushIntoJoin(node, conjuncts, context);
    case 'semiJoin': {
      const sourceSymbols = names(node.source.outputs);
      const down = conjuncts.filter((c) => onlyUses(c, sourceSymbols));
      const keep = conjuncts.filter((c) => !onlyUses(c, sourceSymbols));
      return withFilter({ ...node, source: push(node.source, down, context), filteringSource: push(node.filteringSource, [], context) }, keep, context);
    }
    case 'apply':
    case 'correlatedJoin': {
      const inputSymbols = names(node.input.outputs);
      const down = conjuncts.filter((c) => onlyUses(c, inputSymbols) && isDeterministic(c));
      const keep = conjuncts.filter((c) => !down.includes(c));
      return withFilter({ ...node, input: push(node.input, down, context), subquery: push(node.subquery, [], context) } as PlanNode, keep, context);
    }
    case 'aggregation': {
      if (node.groupIdSymbol !== undefined || node.groupingKeys.length === 0) return withFilter(recurse(node, context), conjuncts, context);
      const keys = names(node.groupingKeys);
      const down = conjuncts.filter((c) => onlyUses(c, keys) && isDeterministic(c));
      const keep = conjuncts.filter((c) => !down.includes(c));
      return withFilter({ ...node, source: push(node.source, down, context) }, keep, context);
    }
    case 'union': {
      const sources = node.sources.map((s, i) => {
        const mapping = new Map<string, RowExpression>();
        node.outputs.forEach((o, j) => {
          const input = node.symbolMapping[j]![i]!;
          mapping.set(o.name, variable(input.name, input.type));
        });
        return push(s, conjuncts.filter(isDeterministic).map((c) => substitute(c, mapping)), context);
      });
      return withFilter({ ...node, sources }, conjuncts.filter((c) => !isDeterministic(c)), context);
    }
    case 'sort':
    case 'assignUniqueId':
    case 'unnest':
    case 'window':
    case 'markDistinct': {
      let allowed: Set<string>;
      if (node.kind === 'sort') allowed = names(node.outputs);
      else if (node.kind === 'assignUniqueId') allowed = names(node.source.outputs);
      else if (node.kind === 'unnest') allowed = names(node.replicateSymbols);
      else if (node.kind === 'window') allowed = names(node.partitionBy);
      else allowed = new Set(node.source.outputs.filter((s) => !node.distinctSymbols.some((d) => d.name === s.name)).map((s) => s.name));
      const down = conjuncts.filter((c) => onlyUses(c, allowed) && isDeterministic(c));
      const keep = conjuncts.filter((c) => !down.includes(c));
      return withFilter({ ...node, source: push(node.source, down, context) } as PlanNode, keep, context);
    }
    case 'output':
    case 'tableScan':
    case 'values':
    case 'groupId':
    case 'topN':
    case 'limit':
    case 'offset':
    case 'distinctLimit':
    case 'intersect':
    case 'except':
    case 'enforceSingleRow':
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
      return withFilter(recurse(node, context), conjuncts, context);
  }
}

interface JoinSideProjection {
  root: PlanNode;
  exprToSymbol: Map<string, Symbol>;
}

/** true when the conjunct is NULL or false whenever one of `symbols` is NULL (so it rejects outer-join padding). */
function isNullRejecting(c: RowExpression, symbols: ReadonlySet<string>): boolean {
  const direct = (args: readonly RowExpression[]) => args.some((a) => a.kind === 'variable' && symbols.has(a.name));
  if (c.kind === 'call') return c.function.nullOnNullInput && c.function.deterministic && direct(c.arguments);
  if (c.kind === 'special') {
    if (c.form === 'IN' || c.form === 'BETWEEN') return direct(c.arguments.slice(0, 1));
    if (c.form === 'AND') return c.arguments.some((a) => isNullRejecting(a, symbols));
    if (c.form === 'OR') return c.arguments.every((a) => isNullRejecting(a, symbols));
    if (c.form === 'NOT' && c.arguments[0]?.kind === 'special' && c.arguments[0].form === 'IS_NULL') return direct(c.arguments[0].arguments);
  }
  return false;
}

function pushIntoJoin(original: JoinNode, above: readonly RowExpression[], context: OptimizerContext): PlanNode {
  const leftSymbols = names(original.left.outputs);
  const rightSymbols = names(original.right.outputs);
  // outer joins whose padded side a filter rejects are inner (or one-sided) joins
  let joinType = original.joinType;
  const rejectsRight = above.some((c) => isNullRejecting(c, rightSymbols));
  const rejectsLeft = above.some((c) => isNullRejecting(c, leftSymbols));
  if (joinType === 'LEFT' && rejectsRight) joinType = 'INNER';
  else if (joinType === 'RIGHT' && rejectsLeft) joinType = 'INNER';
  else if (joinType === 'FULL' && rejectsLeft && rejectsRight) joinType = 'INNER';
  else if (joinType === 'FULL' && rejectsRight) joinType = 'RIGHT';
  else if (joinType === 'FULL' && rejectsLeft) joinType = 'LEFT';
  const node: JoinNode = joinType === original.joinType ? original : { ...original, joinType };
  const onConjuncts = node.filter === undefined ? [] : extractConjuncts(node.filter);
  const leftDown: RowExpression[] = [];
  const rightDown: RowExpression[] = [];
  const keepAbove: RowExpression[] = [];
  const joinConjuncts: RowExpression[] = [];
  const type = node.joinType;
  // predicates from above
  for (const c of above) {
    const det = isDeterministic(c);
    if (det && onlyUses(c, leftSymbols) && (type === 'INNER' || type === 'LEFT')) leftDown.push(c);
    else if (det && onlyUses(c, rightSymbols) && (type === 'INNER' || type === 'RIGHT')) rightDown.push(c);
    else if (type === 'INNER' && det) joinConjuncts.push(c);
    else keepAbove.push(c);
  }
  // the ON clause
  for (const c of onConjuncts) {
    const det = isDeterministic(c);
    if (det && onlyUses(c, leftSymbols) && (type === 'INNER' || type === 'RIGHT')) leftDown.push(c);
    else if (det && onlyUses(c, rightSymbols) && (type === 'INNER' || type === 'LEFT')) rightDown.push(c);
    else joinConjuncts.push(c);
  }
  // equi-join criteria
  const criteria: EquiJoinClause[] = [...node.criteria];
  const residual: RowExpression[] = [];
  const leftProjections: RowExpression[] = [];
  const rightProjections: RowExpression[] = [];
  const pendingEqualities: { left: RowExpression; right: RowExpression }[] = [];
  for (const c of joinConjuncts) {
    if (c.kind === 'call' && c.function.name === '$operator$equal' && isDeterministic(c)) {
      const [a, b] = c.arguments as [RowExpression, RowExpression];
      const aSyms = symbolsIn(a);
      const bSyms = symbolsIn(b);
      if (aSyms.size > 0 && bSyms.size > 0) {
        if (onlyUses(a, leftSymbols) && onlyUses(b, rightSymbols)) {
          pendingEqualities.push({ left: a, right: b });
          leftProjections.push(a);
          rightProjections.push(b);
          continue;
        }
        if (onlyUses(a, rightSymbols) && onlyUses(b, leftSymbols)) {
          pendingEqualities.push({ left: b, right: a });
          leftProjections.push(b);
          rightProjections.push(a);
          continue;
        }
      }
    }
    residual.push(c);
  }
  // copy single-symbol conjuncts across equi-join keys (equality inference)
  if (type === 'INNER') {
    const keyPairs = [
      ...criteria.map((cr) => ({ l: cr.left.name, r: cr.right.name, lt: cr.left.type, rt: cr.right.type })),
      ...pendingEqualities.filter((p) => p.left.kind === 'variable' && p.right.kind === 'variable').map((p) => ({ l: (p.left as { name: string }).name, r: (p.right as { name: string }).name, lt: p.left.type, rt: p.right.type })),
    ];
    const inferred = (list: RowExpression[], from: 'l' | 'r'): RowExpression[] => {
      const out: RowExpression[] = [];
      for (const c of list) {
        const used = [...symbolsIn(c)];
        if (used.length !== 1 || !isDeterministic(c)) continue;
        for (const k of keyPairs) {
          const src = from === 'l' ? k.l : k.r;
          const dst = from === 'l' ? k.r : k.l;
          const dstType = from === 'l' ? k.rt : k.lt;
          if (used[0] === src) out.push(substitute(c, new Map([[src, variable(dst, dstType)]])));
        }
      }
      return out;
    };
    const toRight = inferred(leftDown, 'l');
    const toLeft = inferred(rightDown, 'r');
    const rk = new Set(rightDown.map(expressionKey));
    const lk = new Set(leftDown.map(expressionKey));
    for (const c of toRight) if (!rk.has(expressionKey(c))) rightDown.push(c);
    for (const c of toLeft) if (!lk.has(expressionKey(c))) leftDown.push(c);
  }
  let left: JoinSideProjection = project(push(node.left, leftDown, context), leftProjections, context);
  let right: JoinSideProjection = project(push(node.right, rightDown, context), rightProjections, context);
  for (const eq of pendingEqualities) {
    const l = left.exprToSymbol.get(expressionKey(eq.left))!;
    const r = right.exprToSymbol.get(expressionKey(eq.right))!;
    if (!criteria.some((c) => c.left.name === l.name && c.right.name === r.name)) criteria.push({ left: l, right: r });
  }
  const joined: JoinNode = {
    ...node,
    left: left.root,
    right: right.root,
    outputs: [...left.root.outputs, ...right.root.outputs],
    criteria,
    filter: residual.length === 0 ? undefined : combineConjuncts(residual),
  };
  const result = withFilter(joined, keepAbove, context);
  // keep the original outputs when projections added key symbols
  if (result.outputs.length !== node.outputs.length) {
    const wanted = node.outputs;
    const restricted = context.nodes.restrict(result, wanted);
    return restricted;
  }
  return result;
}

function project(root: PlanNode, expressions: readonly RowExpression[], context: OptimizerContext): JoinSideProjection {
  const exprToSymbol = new Map<string, Symbol>();
  if (expressions.length === 0) return { root, exprToSymbol };
  const p = context.nodes.appendProjections(root, expressions);
  expressions.forEach((e, i) => exprToSymbol.set(expressionKey(e), p.symbols[i]!));
  return { root: p.root, exprToSymbol };
}
