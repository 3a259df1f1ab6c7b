import type { RowExpression } from '../../../ir/row-expression.js';
import type { JoinNode, JoinType } from '../../plan/plan-node.js';
import { rewriteBottomUp } from '../../plan/plan-sources.js';
import { extractConjuncts } from '../../plan/row-expression-utils.js';
import type { PlanOptimizer } from '../optimizer-context.js';

/** Operators whose result is NULL when any argument is NULL. */
const NULL_PROPAGATING_OPERATORS: ReadonlySet<string> = new Set(
  ['equal', 'not_equal', 'less_than', 'less_than_or_equal', 'greater_than', 'greater_than_or_equal', 'add', 'subtract', 'multiply', 'divide', 'modulus', 'negation'].map((o) => `$operator$${o}`),
);

/**
 * Turns an outer join into a narrower one when the filter right above it rejects the rows the
 * join pads with NULLs (a conjunct that is NULL or false whenever the padded side is all NULL,
 * such as `l_quantity < 0.2 * avg` over a LEFT join producing `avg`): LEFT and RIGHT become
 * INNER, FULL becomes LEFT, RIGHT or INNER. Inner joins can then be reordered, get their build
 * side chosen by size and publish dynamic filters.
 */
export const simplifyOuterJoins: PlanOptimizer = {
  name: 'SimplifyOuterJoins',
  optimize(root) {
    return rewriteBottomUp(root, (node) => {
      if (node.kind !== 'filter' || node.source.kind !== 'join') return node;
      const join = node.source;
      if (join.joinType === 'INNER') return node;
      const conjuncts = extractConjuncts(node.predicate);
      const leftSymbols = new Set(join.left.outputs.map((s) => s.name));
      const rightSymbols = new Set(join.right.outputs.map((s) => s.name));
      const rejectsNullLeft = conjuncts.some((c) => nullWhenAnyNull(c, leftSymbols));
      const rejectsNullRight = conjuncts.some((c) => nullWhenAnyNull(c, rightSymbols));
      const joinType = narrowedJoinType(join.joinType, rejectsNullLeft, rejectsNullRight);
      if (joinType === join.joinType) return node;
      const narrowed: JoinNode = { ...join, joinType };
      return { ...node, source: narrowed };
    });
  },
};

function narrowedJoinType(type: JoinType, rejectsNullLeft: boolean, rejectsNullRight: boolean): JoinType {
  switch (type) {
    case 'INNER':
      return type;
    case 'LEFT':
      return rejectsNullRight ? 'INNER' : type;
    case 'RIGHT':
      return rejectsNullLeft ? 'INNER' : type;
    case 'FULL':
      if (rejectsNullLeft && rejectsNullRight) return 'INNER';
      if (rejectsNullLeft) return 'LEFT';
      if (rejectsNullRight) return 'RIGHT';
      return type;
  }
}

/** True when `e` is NULL (or false) whenever any one of `symbols` it depends on is NULL. */
function nullWhenAnyNull(e: RowExpression, symbols: ReadonlySet<string>): boolean {
  if (e.kind === 'variable') return symbols.has(e.name);
  if (e.kind === 'call') return NULL_PROPAGATING_OPERATORS.has(e.function.name) && e.arguments.some((a) => nullWhenAnyNull(a, symbols));
  if (e.kind === 'cast') return !e.safe && nullWhenAnyNull(e.argument, symbols);
  if (e.kind === 'special') {
    if (e.form === 'AND') return e.arguments.some((a) => nullWhenAnyNull(a, symbols));
    if (e.form === 'BETWEEN' || e.form === 'IN') return e.arguments[0] !== undefined && nullWhenAnyNull(e.arguments[0], symbols);
  }
  return false;
}
