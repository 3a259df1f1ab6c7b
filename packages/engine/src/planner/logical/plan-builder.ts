import { BOOLEAN } from '@petrel/spi';
import type { RowExpression } from '../../ir/row-expression.js';
import { variable } from '../../ir/row-expression.js';
import type { Assignment, PlanNode, ProjectNode } from '../plan/plan-node.js';
import type { PlanNodeIdAllocator } from '../plan/plan-node-id-allocator.js';
import type { Symbol, SymbolAllocator } from '../plan/symbol.js';

/** Small constructors shared by the logical planner and the optimizer rules. */
export class NodeFactory {
  constructor(
    readonly ids: PlanNodeIdAllocator,
    readonly symbols: SymbolAllocator,
  ) {}

  /** Projects `root`'s outputs plus one symbol per expression (variables reuse their symbol). */
  appendProjections(root: PlanNode, expressions: readonly RowExpression[], hints: readonly string[] = []): { root: PlanNode; symbols: Symbol[] } {
    const assignments: Assignment[] = root.outputs.map((s) => ({ symbol: s, expression: variable(s.name, s.type) }));
    const available = new Map(root.outputs.map((s) => [s.name, s] as const));
    const symbols: Symbol[] = [];
    let added = false;
    expressions.forEach((e, i) => {
      if (e.kind === 'variable' && available.has(e.name)) {
        symbols.push(available.get(e.name)!);
        return;
      }
      const s = this.symbols.newSymbol(hints[i] ?? 'expr', e.type);
      assignments.push({ symbol: s, expression: e });
      symbols.push(s);
      added = true;
    });
    if (!added) return { root, symbols };
    return { root: this.project(root, assignments), symbols };
  }

  project(source: PlanNode, assignments: readonly Assignment[]): ProjectNode {
    return { kind: 'project', id: this.ids.nextId(), outputs: assignments.map((a) => a.symbol), source, assignments };
  }

  /** A projection that keeps exactly `outputs` (identity assignments). */
  restrict(source: PlanNode, outputs: readonly Symbol[]): PlanNode {
    if (outputs.length === source.outputs.length && outputs.every((s, i) => s.name === source.outputs[i]!.name)) return source;
    return this.project(
      source,
      outputs.map((s) => ({ symbol: s, expression: variable(s.name, s.type) })),
    );
  }

  filter(source: PlanNode, predicate: RowExpression): PlanNode {
    if (predicate.kind === 'constant' && predicate.value === true) return source;
    return { kind: 'filter', id: this.ids.nextId(), outputs: source.outputs, source, predicate };
  }

  singleRow(): PlanNode {
    return { kind: 'values', id: this.ids.nextId(), outputs: [], rows: [[]] };
  }

  newBoolean(hint: string): Symbol {
    return this.symbols.newSymbol(hint, BOOLEAN);
  }
}
