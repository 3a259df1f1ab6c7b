import { StandardErrorCode, TrinoError } from '@petrel/spi';
import { StatementFormatter } from './statement-formatter.js';
import type { Statement } from '../tree/statement.js';
import type { Expression } from '../tree/expression.js';
import type { DataTypeNode } from '../tree/data-type.js';
import { formatDataType as formatType } from './expression-formatter.js';

const formatter = new StatementFormatter();

/** Canonical SQL for a statement (no trailing `;`). */
export function formatStatement(statement: Statement): string {
  return guarded(() => formatter.statement(statement));
}

/** Canonical SQL for an expression, on one line. */
export function formatExpression(expression: Expression): string {
  return guarded(() => formatter.expression(expression));
}

/** Trees too deep for the stack (only reachable with very deeply nested input) fail as a TrinoError. */
function guarded(format: () => string): string {
  try {
    return format();
  } catch (error) {
    if (error instanceof RangeError) throw new TrinoError(StandardErrorCode.STACK_OVERFLOW, 'statement is too deeply nested to format', undefined, { cause: error });
    throw error;
  }
}

export function formatDataType(type: DataTypeNode): string {
  return formatType(type);
}
