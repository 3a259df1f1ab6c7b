import type { Expression } from '@petrel/sql';

/** A short SQL rendering of an expression for error messages (close to Trino's formatting). */
export function expressionText(e: Expression): string {
  switch (e.kind) {
    case 'Identifier':
      return e.value;
    case 'DereferenceExpression':
      return `${expressionText(e.base)}.${e.field.value}`;
    case 'LongLiteral':
    case 'DecimalLiteral':
    case 'DoubleLiteral':
      return e.value;
    case 'StringLiteral':
      return `'${e.value.replace(/'/g, "''")}'`;
    case 'BooleanLiteral':
      return e.value ? 'true' : 'false';
    case 'NullLiteral':
      return 'null';
    case 'GenericLiteral':
      return `${e.type.toUpperCase()} '${e.value}'`;
    case 'ArithmeticBinaryExpression':
      return `(${expressionText(e.left)} ${e.operator} ${expressionText(e.right)})`;
    case 'ComparisonExpression':
      return `(${expressionText(e.left)} ${e.operator} ${expressionText(e.right)})`;
    case 'ArithmeticUnaryExpression':
      return `${e.sign === 'MINUS' ? '-' : '+'}${expressionText(e.value)}`;
    case 'LogicalExpression':
      return `(${e.terms.map(expressionText).join(` ${e.operator} `)})`;
    case 'NotExpression':
      return `(NOT ${expressionText(e.value)})`;
    case 'FunctionCall':
      return `${e.name.parts.map((p) => p.value).join('.')}(${e.distinct ? 'DISTINCT ' : ''}${e.arguments.length === 0 && e.name.parts.at(-1)?.value.toLowerCase() === 'count' ? '*' : e.arguments.map(expressionText).join(', ')})`;
    case 'Cast':
      return `${e.safe ? 'TRY_CAST' : 'CAST'}(${expressionText(e.expression)} AS ...)`;
    case 'SubqueryExpression':
      return '(subquery)';
    case 'BinaryLiteral':
    case 'IntervalLiteral':
    case 'IsNullPredicate':
    case 'IsNotNullPredicate':
    case 'BetweenPredicate':
    case 'LikePredicate':
    case 'InPredicate':
    case 'InListExpression':
    case 'ExistsPredicate':
    case 'QuantifiedComparisonExpression':
    case 'SimpleCaseExpression':
    case 'SearchedCaseExpression':
    case 'IfExpression':
    case 'CoalesceExpression':
    case 'NullIfExpression':
    case 'TryExpression':
    case 'AtTimeZone':
    case 'Extract':
    case 'CurrentTime':
    case 'CurrentUser':
    case 'CurrentCatalog':
    case 'CurrentSchema':
    case 'CurrentPath':
    case 'LambdaExpression':
    case 'ArrayConstructor':
    case 'Row':
    case 'SubscriptExpression':
    case 'Parameter':
    case 'GroupingOperation':
    case 'Trim':
    case 'Format':
    case 'JsonExists':
    case 'JsonValue':
    case 'JsonQuery':
    case 'JsonObject':
    case 'JsonArray':
      return e.kind;
  }
}
