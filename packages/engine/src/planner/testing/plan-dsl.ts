import { BIGINT, BOOLEAN, TUPLE_DOMAIN_ALL } from '@petrel/spi';
import type { SqlType } from '@petrel/spi';
import type { RowExpression } from '../../ir/row-expression.js';
import { call, constant, variable } from '../../ir/row-expression.js';
import { NodeFactory } from '../logical/plan-builder.js';
import type { OutputNode, PlanNode, SortItem } from '../plan/plan-node.js';
import { PlanNodeIdAllocator } from '../plan/plan-node-id-allocator.js';
import type { Symbol } from '../plan/symbol.js';
import { SymbolAllocator } from '../plan/symbol.js';
import type { OptimizerContext } from '../optimizer/optimizer-context.js';
import type { PlannerContext } from '../planner-context.js';
import { testContext } from './planner-test-support.js';

/**
 * A small DSL for rule tests: build a plan from nodes, run one rule on it, look at the result.
 *
 *   const p = new PlanDsl();
 *   const a = p.symbol('a');
 *   const plan = p.output(p.limit(3, p.sort([a], p.scan('t', [a]))));
 *   const result = await p.apply(pushLimits, plan);
 */
export class PlanDsl {
  readonly ids = new PlanNodeIdAllocator();
  readonly symbols = new SymbolAllocator();
  readonly nodes = new NodeFactory(this.ids, this.symbols);
  readonly planner: PlannerContext;

  constructor(planner: PlannerContext = testContext()) {
    this.planner = planner;
  }

  symbol(name: string, type: SqlType = BIGINT): Symbol {
    return this.symbols.newSymbol(name, type);
  }
  ref(s: Symbol): RowExpression {
    return variable(s.name, s.type);
  }
  eq(a: RowExpression, b: RowExpression): RowExpression {
    return call(this.planner.functions.resolveOperator('equal', [a.type, b.type]), [a, b]);
  }
  gt(a: RowExpression, b: RowExpression): RowExpression {
    return call(this.planner.functions.resolveOperator('greater_than', [a.type, b.type]), [a, b]);
  }
  bigint(value: number): RowExpression {
    return constant(value, BIGINT);
  }
  bool(value: boolean): RowExpression {
    return constant(value, BOOLEAN);
  }

  scan(table: string, outputs: readonly Symbol[]): PlanNode {
    return {
      kind: 'tableScan',
      id: this.ids.nextId(),
      outputs,
      table: { catalog: 'tpch', schema: 's', table },
      handle: { schema: 's', table },
      assignments: outputs.map((s) => ({ symbol: s, column: { name: s.name, type: s.type } })),
      enforcedConstraint: TUPLE_DOMAIN_ALL,
      dynamicFilters: [],
    };
  }
  values(outputs: readonly Symbol[], rows: readonly (readonly RowExpression[])[]): PlanNode {
    return { kind: 'values', id: this.ids.nextId(), outputs, rows };
  }
  filter(predicate: RowExpression, source: PlanNode): PlanNode {
    return { kind: 'filter', id: this.ids.nextId(), outputs: source.outputs, source, predicate };
  }
  project(assignments: readonly [Symbol, RowExpression][], source: PlanNode): PlanNode {
    return this.nodes.project(source, assignments.map(([symbol, expression]) => ({ symbol, expression })));
  }
  limit(count: number, source: PlanNode): PlanNode {
    return { kind: 'limit', id: this.ids.nextId(), outputs: source.outputs, source, count, tiesResolvingScheme: undefined, partial: false };
  }
  sort(keys: readonly Symbol[], source: PlanNode): PlanNode {
    const orderBy: SortItem[] = keys.map((symbol) => ({ symbol, ascending: true, nullsFirst: false }));
    return { kind: 'sort', id: this.ids.nextId(), outputs: source.outputs, source, orderBy, partial: false };
  }
  join(type: 'INNER' | 'LEFT', left: PlanNode, right: PlanNode, filter?: RowExpression): PlanNode {
    return { kind: 'join', id: this.ids.nextId(), outputs: [...left.outputs, ...right.outputs], joinType: type, left, right, criteria: [], filter, distribution: undefined, dynamicFilters: [] };
  }
  output(source: PlanNode, names?: readonly string[]): OutputNode {
    return { kind: 'output', id: this.ids.nextId(), outputs: source.outputs, source, columnNames: names ?? source.outputs.map((s) => s.name) };
  }

  context(): OptimizerContext {
    return { planner: this.planner, ids: this.ids, symbols: this.symbols, nodes: this.nodes, tableRowCounts: new Map() };
  }
  async apply(rule: { optimize(root: PlanNode, context: OptimizerContext): PlanNode | Promise<PlanNode> }, plan: PlanNode): Promise<PlanNode> {
    return rule.optimize(plan, this.context());
  }
}
