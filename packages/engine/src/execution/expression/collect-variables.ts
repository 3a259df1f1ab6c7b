import { assertNever } from '@petrel/spi';
import type { RowExpression } from '../../ir/row-expression.js';

/** Names of the free variables (plan symbols) an expression reads. */
export function collectVariables(expression: RowExpression, out = new Set<string>()): Set<string> {
  const visit = (e: RowExpression, bound: ReadonlySet<string>): void => {
    switch (e.kind) {
      case 'constant':
        return;
      case 'variable':
        if (!bound.has(e.name)) out.add(e.name);
        return;
      case 'call':
        for (const a of e.arguments) visit(a, bound);
        return;
      case 'cast':
        visit(e.argument, bound);
        return;
      case 'special':
        for (const a of e.arguments) visit(a, bound);
        return;
      case 'lambda': {
        const inner = new Set(bound);
        for (const p of e.parameters) inner.add(p.name);
        visit(e.body, inner);
        return;
      }
      default:
        assertNever(e, 'expression');
    }
  };
  visit(expression, new Set());
  return out;
}
