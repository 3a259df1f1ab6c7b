import type { Expression, Query } from '@petrel/sql';
import type { SqlValue } from '@petrel/spi';
import { BIGINT, BOOLEAN, decimalType, DOUBLE, getValue, INTEGER, normalizeInt64, StandardErrorCode, TrinoError, UNKNOWN, varcharType } from '@petrel/spi';
import type { BoundParameter, StatementContext } from './statement-context.js';
import { loc } from './object-names.js';

/** Evaluates a constant expression (SET SESSION values, EXECUTE ... USING, properties). */
export async function evaluateConstant(context: StatementContext, expression: Expression): Promise<BoundParameter> {
  const literal = literalValue(expression);
  if (literal !== undefined) return literal;
  if (expressionHasColumnReference(expression)) {
    throw new TrinoError(StandardErrorCode.EXPRESSION_NOT_CONSTANT, 'Constant expression cannot contain column references', loc(expression.location));
  }
  const location = expression.location;
  const query: Query = {
    kind: 'Query',
    functions: [],
    with: undefined,
    queryBody: {
      kind: 'QuerySpecification',
      select: { kind: 'Select', distinct: false, selectItems: [{ kind: 'SingleColumn', expression, alias: undefined, location }], location },
      from: undefined,
      where: undefined,
      groupBy: undefined,
      having: undefined,
      windows: [],
      orderBy: undefined,
      offset: undefined,
      limit: undefined,
      location,
    },
    orderBy: undefined,
    offset: undefined,
    limit: undefined,
    location,
  };
  const result = await context.planAndExecute(query);
  let value: SqlValue = null;
  try {
    for (let page = await result.source.next(); page !== undefined; page = await result.source.next()) {
      if (page.positionCount > 0) value = getValue(page.blocks[0]!, 0);
    }
  } finally {
    await result.source.close();
  }
  return { value, type: result.columns[0]?.type ?? UNKNOWN };
}

function expressionHasColumnReference(expression: Expression): boolean {
  return expression.kind === 'Identifier' || expression.kind === 'DereferenceExpression';
}

/** Literals (and negated numeric literals) evaluate without a query. */
export function literalValue(expression: Expression): BoundParameter | undefined {
  if (expression.kind === 'StringLiteral') return { value: expression.value, type: varcharType([...expression.value].length) };
  if (expression.kind === 'BooleanLiteral') return { value: expression.value, type: BOOLEAN };
  if (expression.kind === 'NullLiteral') return { value: null, type: UNKNOWN };
  if (expression.kind === 'LongLiteral') {
    const n = parseIntegerLiteral(expression.value);
    if (n === undefined) return undefined;
    if (n >= -(2n ** 31n) && n < 2n ** 31n) return { value: Number(n), type: INTEGER };
    if (n >= -(2n ** 63n) && n < 2n ** 63n) return { value: normalizeInt64(n), type: BIGINT };
    return undefined;
  }
  if (expression.kind === 'DoubleLiteral') return { value: Number(expression.value), type: DOUBLE };
  if (expression.kind === 'DecimalLiteral') {
    const [whole = '', fraction = ''] = expression.value.split('.');
    const digits = (whole + fraction).replace(/^0+(?=\d)/, '');
    const precision = Math.max(digits.length, fraction.length, 1);
    if (precision > 38) return undefined;
    return { value: BigInt((whole || '0') + fraction), type: decimalType(precision, fraction.length) };
  }
  if (expression.kind === 'ArithmeticUnaryExpression') {
    const inner = literalValue(expression.value);
    if (inner === undefined || expression.sign === 'PLUS') return inner;
    if (typeof inner.value === 'number') return { value: -inner.value, type: inner.type };
    if (typeof inner.value === 'bigint') return { value: inner.type.kind === 'bigint' ? normalizeInt64(-inner.value) : -inner.value, type: inner.type };
  }
  return undefined;
}

function parseIntegerLiteral(text: string): bigint | undefined {
  const clean = text.replace(/_/g, '');
  try {
    if (/^0[xX]/.test(clean)) return BigInt(clean);
    if (/^0[oO]/.test(clean)) return BigInt(clean);
    if (/^0[bB]/.test(clean)) return BigInt(clean);
    return BigInt(clean);
  } catch {
    return undefined;
  }
}

/** The text a session property stores for a value (Trino's property text form). */
export function valueToPropertyText(value: SqlValue): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean' || typeof value === 'number' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value);
}
