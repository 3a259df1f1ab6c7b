import { BOOLEAN, assertNever, isTrinoError } from '@petrel/spi';
import type { SqlValue } from '@petrel/spi';
import type { FunctionContext } from '../../../function/function-implementation.js';
import type { RowExpression } from '../../../ir/row-expression.js';
import { constant, special } from '../../../ir/row-expression.js';
import { FALSE_CONSTANT, TRUE_CONSTANT, combineConjuncts, combineDisjuncts, expressionKey, extractConjuncts, extractDisjuncts } from '../../plan/row-expression-utils.js';
import type { PlanNode } from '../../plan/plan-node.js';
import { rewriteBottomUp } from '../../plan/plan-sources.js';
import type { OptimizerContext, PlanOptimizer } from '../optimizer-context.js';

/**
 * Constant folding (deterministic calls and casts over constants, evaluated with the function
 * library; anything that throws is left for run time) and boolean simplification.
 */
export const simplifyExpressions: PlanOptimizer = {
  name: 'SimplifyExpressions',
  optimize(root, context) {
    const simplifier = new ExpressionSimplifier(context);
    return rewriteBottomUp(root, (node) => simplifyNode(node, (e) => simplifier.simplify(e), context));
  },
};

function simplifyNode(node: PlanNode, simplify: (e: RowExpression) => RowExpression, context: OptimizerContext): PlanNode {
  switch (node.kind) {
    case 'filter': {
      const predicate = simplify(node.predicate);
      if (predicate.kind === 'constant' && predicate.value === true) return node.source;
      if (predicate.kind === 'constant' && (predicate.value === false || predicate.value === null)) {
        return { kind: 'values', id: context.ids.nextId(), outputs: node.outputs, rows: [] };
      }
      return predicate === node.predicate ? node : { ...node, predicate };
    }
    case 'project': {
      const assignments = node.assignments.map((a) => ({ symbol: a.symbol, expression: simplify(a.expression) }));
      return assignments.every((a, i) => a.expression === node.assignments[i]!.expression) ? node : { ...node, assignments };
    }
    case 'join': {
      if (node.filter === undefined) return node;
      const filter = simplify(node.filter);
      return { ...node, filter: filter.kind === 'constant' && filter.value === true ? undefined : filter };
    }
    case 'values': {
      const rows = node.rows.map((r) => r.map(simplify));
      return { ...node, rows };
    }
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
}

export class ExpressionSimplifier {
  private readonly functionContext: FunctionContext;

  constructor(private readonly context: OptimizerContext) {
    const s = context.planner.session;
    this.functionContext = {
      user: s.user,
      timeZone: s.timeZone,
      startTime: Date.now(),
      catalog: s.catalog,
      schema: s.schema,
      path: s.path ?? '',
      locale: s.locale,
      queryId: context.planner.queryId,
    };
  }

  simplify(e: RowExpression): RowExpression {
    switch (e.kind) {
      case 'constant':
      case 'variable':
        return e;
      case 'lambda': {
        const body = this.simplify(e.body);
        return body === e.body ? e : { ...e, body };
      }
      case 'cast': {
        const argument = this.simplify(e.argument);
        if (argument.kind === 'constant') {
          if (argument.value === null) return constant(null, e.type);
          const folded = this.tryEvaluate(() => this.context.planner.functions.getCastImplementation(argument.type, e.type, this.functionContext)(argument.value));
          if (folded !== undefined) return constant(folded.value, e.type);
        }
        return argument === e.argument ? e : { ...e, argument };
      }
      case 'call': {
        const args = e.arguments.map((a) => this.simplify(a));
        const rebuilt = args.every((a, i) => a === e.arguments[i]) ? e : { ...e, arguments: args };
        if (!e.function.deterministic || e.function.kind !== 'scalar') return rebuilt;
        if (!args.every((a) => a.kind === 'constant')) return rebuilt;
        if (e.function.nullOnNullInput && args.some((a) => a.kind === 'constant' && a.value === null)) return constant(null, e.type);
        const folded = this.tryEvaluate(() => this.context.planner.functions.getScalarImplementation(e.function, this.functionContext)(...args.map((a) => (a as { value: SqlValue }).value)));
        return folded === undefined ? rebuilt : constant(folded.value, e.type);
      }
      case 'special':
        return this.simplifySpecial(e);
      default:
        return assertNever(e, 'expression');
    }
  }

  private tryEvaluate(evaluate: () => SqlValue): { value: SqlValue } | undefined {
    try {
      const value = evaluate();
      if (typeof value === 'function') return undefined;
      return { value };
    } catch (error) {
      if (isTrinoError(error)) return undefined;
      return undefined;
    }
  }

  private simplifySpecial(e: RowExpression & { kind: 'special' }): RowExpression {
    const args = e.arguments.map((a) => this.simplify(a));
    switch (e.form) {
      case 'AND': {
        const terms = args.flatMap(extractConjuncts);
        if (terms.some((t) => t.kind === 'constant' && t.value === false)) return FALSE_CONSTANT;
        const rest = dedupe(terms.filter((t) => !(t.kind === 'constant' && t.value === true)));
        if (rest.length === 0) return TRUE_CONSTANT;
        return combineConjuncts(rest);
      }
      case 'OR': {
        const terms = args.flatMap(extractDisjuncts);
        if (terms.some((t) => t.kind === 'constant' && t.value === true)) return TRUE_CONSTANT;
        const rest = dedupe(terms.filter((t) => !(t.kind === 'constant' && t.value === false)));
        if (rest.length === 0) return FALSE_CONSTANT;
        // (a AND b) OR (a AND c) -> a AND (b OR c): common conjuncts out of disjunctions (TPC-H q19)
        if (rest.length > 1) {
          const lists = rest.map(extractConjuncts);
          const common = lists[0]!.filter((c) => lists.every((l) => l.some((x) => expressionKey(x) === expressionKey(c))));
          if (common.length > 0) {
            const keys = new Set(common.map(expressionKey));
            const remaining = lists.map((l) => combineConjuncts(l.filter((x) => !keys.has(expressionKey(x)))));
            if (remaining.some((r) => r.kind === 'constant' && r.value === true)) return combineConjuncts(common);
            return combineConjuncts([...common, combineDisjuncts(remaining)]);
          }
        }
        return combineDisjuncts(rest);
      }
      case 'NOT': {
        const a = args[0]!;
        if (a.kind === 'constant') return a.value === null ? constant(null, BOOLEAN) : constant(!a.value, BOOLEAN);
        if (a.kind === 'special' && a.form === 'NOT') return a.arguments[0]!;
        return special('NOT', BOOLEAN, [a]);
      }
      case 'IS_NULL': {
        const a = args[0]!;
        if (a.kind === 'constant') return constant(a.value === null, BOOLEAN);
        return { ...e, arguments: args };
      }
      case 'IF': {
        const c = args[0]!;
        if (c.kind === 'constant') return c.value === true ? args[1]! : (args[2] ?? constant(null, e.type));
        return { ...e, arguments: args };
      }
      case 'COALESCE': {
        const kept: RowExpression[] = [];
        for (const a of args) {
          if (a.kind === 'constant' && a.value === null) continue;
          kept.push(a);
          if (a.kind === 'constant') break;
        }
        if (kept.length === 0) return constant(null, e.type);
        if (kept.length === 1) return kept[0]!;
        return { ...e, arguments: kept };
      }
      case 'SWITCH':
      case 'WHEN':
      case 'NULLIF':
      case 'IN':
      case 'BETWEEN':
      case 'DEREFERENCE':
      case 'ROW_CONSTRUCTOR':
      case 'ARRAY_CONSTRUCTOR':
      case 'TRY':
      case 'BIND':
        return args.every((a, i) => a === e.arguments[i]) ? e : { ...e, arguments: args };
    }
  }
}

function dedupe(list: RowExpression[]): RowExpression[] {
  const seen = new Set<string>();
  return list.filter((e) => {
    const k = expressionKey(e);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
