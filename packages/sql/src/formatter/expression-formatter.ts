import { assertNever } from '@petrel/spi';
import { formatIdentifier, formatName, formatStringLiteral } from './quote.js';
import type { Expression, FunctionCall, JsonFormat, JsonPathInvocation, JsonQueryBehavior, JsonQueryWrapperBehavior, JsonValueBehavior } from '../tree/expression.js';
import type { DataTypeNode, DataTypeParameter } from '../tree/data-type.js';
import type { OrderBy, Query, SortItem } from '../tree/query.js';
import type { FrameBound, Window, WindowFrame, WindowSpecification } from '../tree/window.js';
import type { MeasureDefinition, PatternQuantifier, RowPattern, SkipTo, SubsetDefinition, VariableDefinition } from '../tree/relation.js';

/** Binding strength of each expression form, loosest first; a child weaker than its slot is parenthesized. */
const enum Precedence {
  LAMBDA = 0,
  OR = 1,
  AND = 2,
  NOT = 3,
  PREDICATE = 4,
  CONCAT = 5,
  ADDITIVE = 6,
  MULTIPLICATIVE = 7,
  UNARY = 8,
  AT_TIME_ZONE = 9,
  PRIMARY = 10,
}

const OPERATOR_PRECEDENCE: Partial<Record<Expression['kind'], Precedence>> = {
  LambdaExpression: Precedence.LAMBDA,
  NotExpression: Precedence.NOT,
  ComparisonExpression: Precedence.PREDICATE,
  IsNullPredicate: Precedence.PREDICATE,
  IsNotNullPredicate: Precedence.PREDICATE,
  BetweenPredicate: Precedence.PREDICATE,
  LikePredicate: Precedence.PREDICATE,
  InPredicate: Precedence.PREDICATE,
  QuantifiedComparisonExpression: Precedence.PREDICATE,
  ArithmeticUnaryExpression: Precedence.UNARY,
  AtTimeZone: Precedence.AT_TIME_ZONE,
};

/** `concat(a, b)` as the parser builds it from `a || b`: printed back as the operator. */
export function isConcatOperator(expression: Expression): expression is FunctionCall {
  return (
    expression.kind === 'FunctionCall' &&
    expression.arguments.length === 2 &&
    expression.name.parts.length === 1 &&
    !expression.name.parts[0]!.quoted &&
    expression.name.parts[0]!.value === 'concat' &&
    !expression.distinct &&
    expression.orderBy === undefined &&
    expression.filter === undefined &&
    expression.window === undefined &&
    expression.nullTreatment === undefined &&
    expression.processingMode === undefined
  );
}

function precedence(expression: Expression): Precedence {
  if (isConcatOperator(expression)) return Precedence.CONCAT;
  if (expression.kind === 'LogicalExpression') return expression.operator === 'OR' ? Precedence.OR : Precedence.AND;
  if (expression.kind === 'ArithmeticBinaryExpression') {
    return expression.operator === '+' || expression.operator === '-' ? Precedence.ADDITIVE : Precedence.MULTIPLICATIVE;
  }
  return OPERATOR_PRECEDENCE[expression.kind] ?? Precedence.PRIMARY;
}

/**
 * Formats expressions (single line). Queries nested in expressions are printed through the
 * `query` callback so that the statement formatter decides their layout.
 */
export class ExpressionFormatter {
  constructor(private readonly query: (query: Query) => string) {}

  format(expression: Expression): string {
    return this.child(expression, Precedence.LAMBDA);
  }

  /** An operand that the grammar restricts to a value expression (no predicates or boolean operators). */
  value(expression: Expression): string {
    return this.child(expression, Precedence.CONCAT);
  }

  private child(expression: Expression, minimum: Precedence): string {
    const text = this.node(expression);
    return precedence(expression) < minimum ? `(${text})` : text;
  }

  private list(expressions: readonly Expression[]): string {
    return expressions.map((expression) => this.format(expression)).join(', ');
  }

  private node(e: Expression): string {
    switch (e.kind) {
      case 'LongLiteral':
      case 'DecimalLiteral':
      case 'DoubleLiteral':
        return e.value;
      case 'StringLiteral':
        return formatStringLiteral(e.value);
      case 'BinaryLiteral':
        return `X'${e.hex}'`;
      case 'BooleanLiteral':
        return e.value ? 'TRUE' : 'FALSE';
      case 'NullLiteral':
        return 'NULL';
      case 'GenericLiteral':
        return `${formatTypeName(e.type)} ${formatStringLiteral(e.value)}`;
      case 'IntervalLiteral':
        return `INTERVAL ${e.sign === 'NEGATIVE' ? '- ' : ''}${formatStringLiteral(e.value)} ${e.startField}${e.endField !== undefined ? ` TO ${e.endField}` : ''}`;
      case 'Identifier':
        return formatIdentifier(e);
      case 'DereferenceExpression': {
        const base = e.base.kind === 'LongLiteral' || e.base.kind === 'DecimalLiteral' || e.base.kind === 'DoubleLiteral' ? `(${this.node(e.base)})` : this.child(e.base, Precedence.PRIMARY);
        return `${base}.${formatIdentifier(e.field)}`;
      }
      case 'ArithmeticBinaryExpression': {
        // left-deep chains (`a + b + c ...`) are walked iteratively, however long
        const own = precedence(e);
        const tail: string[] = [];
        let base: Expression = e;
        while (base.kind === 'ArithmeticBinaryExpression' && precedence(base) === own) {
          tail.push(` ${base.operator} ${this.child(base.right, own + 1)}`);
          base = base.left;
        }
        return this.child(base, own) + tail.reverse().join('');
      }
      case 'ArithmeticUnaryExpression': {
        const operand = this.child(e.value, Precedence.UNARY);
        const sign = e.sign === 'MINUS' ? '-' : '+';
        return operand.startsWith('-') || operand.startsWith('+') ? `${sign} ${operand}` : `${sign}${operand}`;
      }
      case 'ComparisonExpression':
        return `${this.child(e.left, Precedence.CONCAT)} ${e.operator} ${this.child(e.right, Precedence.CONCAT)}`;
      case 'LogicalExpression': {
        const own = precedence(e);
        return e.terms.map((term) => this.child(term, own + 1)).join(` ${e.operator} `);
      }
      case 'NotExpression':
        return `NOT ${this.child(e.value, Precedence.NOT)}`;
      case 'IsNullPredicate':
        return `${this.child(e.value, Precedence.CONCAT)} IS NULL`;
      case 'IsNotNullPredicate':
        return `${this.child(e.value, Precedence.CONCAT)} IS NOT NULL`;
      case 'BetweenPredicate':
        return `${this.child(e.value, Precedence.CONCAT)} BETWEEN ${this.child(e.min, Precedence.CONCAT)} AND ${this.child(e.max, Precedence.CONCAT)}`;
      case 'LikePredicate':
        return `${this.child(e.value, Precedence.CONCAT)} LIKE ${this.child(e.pattern, Precedence.CONCAT)}${e.escape !== undefined ? ` ESCAPE ${this.child(e.escape, Precedence.CONCAT)}` : ''}`;
      case 'InPredicate':
        return `${this.child(e.value, Precedence.CONCAT)} IN ${this.node(e.valueList)}`;
      case 'InListExpression':
        return `(${this.list(e.values)})`;
      case 'ExistsPredicate':
        return `EXISTS ${this.node(e.subquery)}`;
      case 'QuantifiedComparisonExpression':
        return `${this.child(e.value, Precedence.CONCAT)} ${e.operator} ${e.quantifier} ${this.node(e.subquery)}`;
      case 'SimpleCaseExpression':
        return `CASE ${this.format(e.operand)} ${e.whenClauses.map((clause) => `WHEN ${this.format(clause.operand)} THEN ${this.format(clause.result)}`).join(' ')}${e.defaultValue !== undefined ? ` ELSE ${this.format(e.defaultValue)}` : ''} END`;
      case 'SearchedCaseExpression':
        return `CASE ${e.whenClauses.map((clause) => `WHEN ${this.format(clause.operand)} THEN ${this.format(clause.result)}`).join(' ')}${e.defaultValue !== undefined ? ` ELSE ${this.format(e.defaultValue)}` : ''} END`;
      case 'IfExpression':
        return `IF(${this.format(e.condition)}, ${this.format(e.trueValue)}${e.falseValue !== undefined ? `, ${this.format(e.falseValue)}` : ''})`;
      case 'CoalesceExpression':
        return `COALESCE(${this.list(e.operands)})`;
      case 'NullIfExpression':
        return `NULLIF(${this.format(e.first)}, ${this.format(e.second)})`;
      case 'TryExpression':
        return `TRY(${this.format(e.innerExpression)})`;
      case 'Cast':
        return `${e.safe ? 'TRY_CAST' : 'CAST'}(${this.format(e.expression)} AS ${formatDataType(e.type)})`;
      case 'AtTimeZone':
        return `${this.child(e.value, Precedence.AT_TIME_ZONE)} AT TIME ZONE ${this.child(e.timeZone, Precedence.PRIMARY)}`;
      case 'Extract':
        return `EXTRACT(${e.field} FROM ${this.value(e.expression)})`;
      case 'CurrentTime':
        return e.precision !== undefined ? `${e.function}(${e.precision})` : e.function;
      case 'CurrentUser':
        return 'CURRENT_USER';
      case 'CurrentCatalog':
        return 'CURRENT_CATALOG';
      case 'CurrentSchema':
        return 'CURRENT_SCHEMA';
      case 'CurrentPath':
        return 'CURRENT_PATH';
      case 'LambdaExpression':
        return `(${e.arguments.map(formatIdentifier).join(', ')}) -> ${this.format(e.body)}`;
      case 'ArrayConstructor':
        return `ARRAY[${this.list(e.values)}]`;
      case 'Row':
        return `ROW (${this.list(e.items)})`;
      case 'SubscriptExpression':
        return `${this.child(e.base, Precedence.PRIMARY)}[${this.value(e.index)}]`;
      case 'FunctionCall': {
        if (!isConcatOperator(e)) return this.functionCall(e);
        const tail: string[] = [];
        let base: Expression = e;
        while (isConcatOperator(base)) {
          tail.push(` || ${this.child(base.arguments[1]!, Precedence.ADDITIVE)}`);
          base = base.arguments[0]!;
        }
        return this.child(base, Precedence.CONCAT) + tail.reverse().join('');
      }
      case 'Parameter':
        return '?';
      case 'SubqueryExpression':
        return `(${this.query(e.query)})`;
      case 'GroupingOperation':
        return `GROUPING (${this.list(e.groupingColumns)})`;
      case 'Trim':
        return `trim(${e.specification} ${e.trimCharacter !== undefined ? `${this.value(e.trimCharacter)} ` : ''}FROM ${this.value(e.trimSource)})`;
      case 'Format':
        return `format(${this.list(e.arguments)})`;
      case 'JsonExists':
        return `JSON_EXISTS(${this.jsonPathInvocation(e.jsonPathInvocation)}${e.errorBehavior !== undefined ? ` ${e.errorBehavior} ON ERROR` : ''})`;
      case 'JsonValue': {
        let text = `JSON_VALUE(${this.jsonPathInvocation(e.jsonPathInvocation)}`;
        if (e.returnedType !== undefined) text += ` RETURNING ${formatDataType(e.returnedType)}`;
        text += this.jsonValueBehavior(e.emptyBehavior, e.emptyDefault, 'EMPTY');
        text += this.jsonValueBehavior(e.errorBehavior, e.errorDefault, 'ERROR');
        return text + ')';
      }
      case 'JsonQuery': {
        let text = `JSON_QUERY(${this.jsonPathInvocation(e.jsonPathInvocation)}`;
        if (e.returnedType !== undefined) text += ` RETURNING ${formatDataType(e.returnedType)}${formatJsonFormat(e.outputFormat)}`;
        text += formatWrapper(e.wrapperBehavior);
        if (e.quotesBehavior !== undefined) text += ` ${e.quotesBehavior} QUOTES ON SCALAR STRING`;
        text += formatJsonQueryBehavior(e.emptyBehavior, 'EMPTY');
        text += formatJsonQueryBehavior(e.errorBehavior, 'ERROR');
        return text + ')';
      }
      case 'JsonObject': {
        let text = `JSON_OBJECT(${e.members.map((member) => `KEY ${this.format(member.key)} VALUE ${this.format(member.value)}${formatJsonFormat(member.format)}`).join(', ')}`;
        if (e.nullOnNull !== undefined) text += e.nullOnNull ? ' NULL ON NULL' : ' ABSENT ON NULL';
        if (e.uniqueKeys !== undefined) text += e.uniqueKeys ? ' WITH UNIQUE KEYS' : ' WITHOUT UNIQUE KEYS';
        if (e.returnedType !== undefined) text += ` RETURNING ${formatDataType(e.returnedType)}${formatJsonFormat(e.outputFormat)}`;
        return text + ')';
      }
      case 'JsonArray': {
        let text = `JSON_ARRAY(${e.elements.map((element) => `${this.format(element.value)}${formatJsonFormat(element.format)}`).join(', ')}`;
        if (e.nullOnNull !== undefined) text += e.nullOnNull ? ' NULL ON NULL' : ' ABSENT ON NULL';
        if (e.returnedType !== undefined) text += ` RETURNING ${formatDataType(e.returnedType)}${formatJsonFormat(e.outputFormat)}`;
        return text + ')';
      }
      default:
        return assertNever(e, 'expression');
    }
  }

  jsonPathInvocation(invocation: JsonPathInvocation): string {
    let text = `${this.format(invocation.inputExpression)}${formatJsonFormat(invocation.inputFormat)}, ${formatStringLiteral(invocation.jsonPath.value)}`;
    if (invocation.pathName !== undefined) text += ` AS ${formatIdentifier(invocation.pathName)}`;
    if (invocation.pathParameters.length > 0) {
      text += ` PASSING ${invocation.pathParameters.map((parameter) => `${this.format(parameter.parameter)}${formatJsonFormat(parameter.format)} AS ${formatIdentifier(parameter.name)}`).join(', ')}`;
    }
    return text;
  }

  jsonValueBehavior(behavior: JsonValueBehavior | undefined, defaultValue: Expression | undefined, on: 'EMPTY' | 'ERROR'): string {
    if (behavior === undefined) return '';
    if (behavior === 'DEFAULT') return ` DEFAULT ${this.format(defaultValue!)} ON ${on}`;
    return ` ${behavior} ON ${on}`;
  }

  private functionCall(call: FunctionCall): string {
    const parts = call.name.parts;
    const simple = parts.length === 1 && !parts[0]!.quoted ? parts[0]!.value.toLowerCase() : '';
    if (simple === 'listagg' && call.arguments.length === 5 && call.orderBy !== undefined && call.window === undefined) {
      const [value, separator, overflowError, filler, withCount] = call.arguments;
      const first = this.format(value!);
      let text = `LISTAGG(${call.distinct ? 'DISTINCT ' : /^(ALL|DISTINCT)\b/i.test(first) ? 'ALL ' : ''}${first}, ${this.format(separator!)}`;
      if (overflowError!.kind === 'BooleanLiteral' && !overflowError.value) {
        const countText = withCount!.kind === 'BooleanLiteral' && withCount.value ? 'WITH' : 'WITHOUT';
        text += ` ON OVERFLOW TRUNCATE ${this.format(filler!)} ${countText} COUNT`;
      }
      text += `) WITHIN GROUP (${this.orderBy(call.orderBy)})`;
      if (call.filter !== undefined) text += ` FILTER (WHERE ${this.format(call.filter)})`;
      return text;
    }
    if (simple === 'normalize' && call.arguments.length === 2 && call.arguments[1]!.kind === 'StringLiteral') {
      return `NORMALIZE(${this.value(call.arguments[0]!)}, ${call.arguments[1].value})`;
    }
    if (simple === 'normalize' && call.arguments.length === 1) return `NORMALIZE(${this.value(call.arguments[0]!)})`;
    let text = '';
    if (call.processingMode !== undefined) text += `${call.processingMode} `;
    text += formatName(call.name) + '(';
    if (call.arguments.length === 0 && simple === 'count') text += '*';
    const args = this.list(call.arguments);
    if (call.distinct) text += 'DISTINCT ';
    else if (/^(ALL|DISTINCT)\b/i.test(args)) text += 'ALL ';
    text += args;
    if (call.orderBy !== undefined) text += ` ${this.orderBy(call.orderBy)}`;
    text += ')';
    if (call.filter !== undefined) text += ` FILTER (WHERE ${this.format(call.filter)})`;
    if (call.nullTreatment !== undefined) text += ` ${call.nullTreatment} NULLS`;
    if (call.window !== undefined) text += ` OVER ${this.window(call.window)}`;
    return text;
  }

  orderBy(orderBy: OrderBy): string {
    return `ORDER BY ${orderBy.sortItems.map((item) => this.sortItem(item)).join(', ')}`;
  }

  sortItem(item: SortItem): string {
    let text = this.format(item.sortKey);
    if (item.ordering === 'DESCENDING') text += ' DESC';
    else text += ' ASC';
    if (item.nullOrdering !== 'UNDEFINED') text += ` NULLS ${item.nullOrdering}`;
    return text;
  }

  window(window: Window): string {
    if (window.kind === 'WindowReference') return formatIdentifier(window.name);
    return this.windowSpecification(window);
  }

  windowSpecification(window: WindowSpecification): string {
    const parts: string[] = [];
    if (window.existingWindowName !== undefined) parts.push(formatIdentifier(window.existingWindowName));
    if (window.partitionBy.length > 0) parts.push(`PARTITION BY ${this.list(window.partitionBy)}`);
    if (window.orderBy !== undefined) parts.push(this.orderBy(window.orderBy));
    if (window.frame !== undefined) parts.push(this.frame(window.frame));
    return `(${parts.join(' ')})`;
  }

  private frame(frame: WindowFrame): string {
    const parts: string[] = [];
    if (frame.measures.length > 0) parts.push(`MEASURES ${this.measures(frame.measures)}`);
    parts.push(frame.end !== undefined ? `${frame.type} BETWEEN ${this.frameBound(frame.start)} AND ${this.frameBound(frame.end)}` : `${frame.type} ${this.frameBound(frame.start)}`);
    if (frame.afterMatchSkipTo !== undefined) parts.push(formatSkipTo(frame.afterMatchSkipTo));
    if (frame.patternSearchMode !== undefined) parts.push(frame.patternSearchMode);
    if (frame.pattern !== undefined) parts.push(`PATTERN (${formatRowPattern(frame.pattern)})`);
    if (frame.subsets.length > 0) parts.push(`SUBSET ${formatSubsets(frame.subsets)}`);
    if (frame.variableDefinitions.length > 0) parts.push(`DEFINE ${this.variableDefinitions(frame.variableDefinitions)}`);
    return parts.join(' ');
  }

  private frameBound(bound: FrameBound): string {
    switch (bound.type) {
      case 'UNBOUNDED_PRECEDING':
        return 'UNBOUNDED PRECEDING';
      case 'UNBOUNDED_FOLLOWING':
        return 'UNBOUNDED FOLLOWING';
      case 'CURRENT_ROW':
        return 'CURRENT ROW';
      case 'PRECEDING':
        return `${this.format(bound.value!)} PRECEDING`;
      case 'FOLLOWING':
        return `${this.format(bound.value!)} FOLLOWING`;
      default:
        return assertNever(bound.type, 'frame bound');
    }
  }

  measures(measures: readonly MeasureDefinition[]): string {
    return measures.map((measure) => `${this.format(measure.expression)} AS ${formatIdentifier(measure.name)}`).join(', ');
  }

  variableDefinitions(definitions: readonly VariableDefinition[]): string {
    return definitions.map((definition) => `${formatIdentifier(definition.name)} AS ${this.format(definition.expression)}`).join(', ');
  }
}

export function formatSkipTo(skipTo: SkipTo): string {
  switch (skipTo.position) {
    case 'NEXT':
      return 'AFTER MATCH SKIP TO NEXT ROW';
    case 'PAST_LAST':
      return 'AFTER MATCH SKIP PAST LAST ROW';
    case 'FIRST':
      return `AFTER MATCH SKIP TO FIRST ${formatIdentifier(skipTo.identifier!)}`;
    case 'LAST':
      return `AFTER MATCH SKIP TO LAST ${formatIdentifier(skipTo.identifier!)}`;
    default:
      return assertNever(skipTo.position, 'skip to');
  }
}

export function formatSubsets(subsets: readonly SubsetDefinition[]): string {
  return subsets.map((subset) => `${formatIdentifier(subset.name)} = (${subset.identifiers.map(formatIdentifier).join(', ')})`).join(', ');
}

export function formatRowPattern(pattern: RowPattern): string {
  switch (pattern.kind) {
    case 'PatternVariable':
      return formatIdentifier(pattern.name);
    case 'PatternConcatenation':
      return pattern.patterns.map((p) => (p.kind === 'PatternAlternation' ? `(${formatRowPattern(p)})` : formatRowPattern(p))).join(' ');
    case 'PatternAlternation':
      return pattern.patterns.map((p) => (p.kind === 'PatternAlternation' ? `(${formatRowPattern(p)})` : formatRowPattern(p))).join(' | ');
    case 'PatternPermutation':
      return `PERMUTE(${pattern.patterns.map(formatRowPattern).join(', ')})`;
    case 'QuantifiedPattern': {
      const inner = pattern.pattern;
      const base = inner.kind === 'PatternVariable' || inner.kind === 'EmptyPattern' || inner.kind === 'PatternPermutation' || inner.kind === 'ExcludedPattern' ? formatRowPattern(inner) : `(${formatRowPattern(inner)})`;
      return base + formatQuantifier(pattern.quantifier);
    }
    case 'AnchorPattern':
      return pattern.type === 'PARTITION_START' ? '^' : '$';
    case 'EmptyPattern':
      return '()';
    case 'ExcludedPattern':
      return `{- ${formatRowPattern(pattern.pattern)} -}`;
    default:
      return assertNever(pattern, 'row pattern');
  }
}

function formatQuantifier(quantifier: PatternQuantifier): string {
  let text: string;
  switch (quantifier.type) {
    case 'ZERO_OR_MORE':
      text = '*';
      break;
    case 'ONE_OR_MORE':
      text = '+';
      break;
    case 'ZERO_OR_ONE':
      text = '?';
      break;
    case 'RANGE':
      text = quantifier.exact ? `{${quantifier.atLeast}}` : `{${quantifier.atLeast ?? ''},${quantifier.atMost ?? ''}}`;
      break;
    default:
      return assertNever(quantifier.type, 'quantifier');
  }
  return quantifier.greedy ? text : text + '?';
}

export function formatJsonFormat(format: JsonFormat | undefined): string {
  return format === undefined ? '' : ` FORMAT ${format}`;
}

export function formatWrapper(wrapper: JsonQueryWrapperBehavior | undefined): string {
  switch (wrapper) {
    case undefined:
      return '';
    case 'WITHOUT':
      return ' WITHOUT ARRAY WRAPPER';
    case 'WITH_CONDITIONAL':
      return ' WITH CONDITIONAL ARRAY WRAPPER';
    case 'WITH_UNCONDITIONAL':
      return ' WITH UNCONDITIONAL ARRAY WRAPPER';
    default:
      return assertNever(wrapper, 'wrapper');
  }
}

export function formatJsonQueryBehavior(behavior: JsonQueryBehavior | undefined, on: 'EMPTY' | 'ERROR'): string {
  switch (behavior) {
    case undefined:
      return '';
    case 'NULL':
    case 'ERROR':
      return ` ${behavior} ON ${on}`;
    case 'EMPTY_ARRAY':
      return ` EMPTY ARRAY ON ${on}`;
    case 'EMPTY_OBJECT':
      return ` EMPTY OBJECT ON ${on}`;
    default:
      return assertNever(behavior, 'json query behavior');
  }
}

function formatTypeName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

export function formatDataType(type: DataTypeNode): string {
  switch (type.kind) {
    case 'GenericDataType':
      return type.arguments.length === 0 ? formatIdentifier(type.name) : `${formatIdentifier(type.name)}(${type.arguments.map(formatTypeParameter).join(', ')})`;
    case 'RowDataType':
      return `ROW(${type.fields.map((field) => (field.name !== undefined ? `${formatIdentifier(field.name)} ${formatDataType(field.type)}` : formatDataType(field.type))).join(', ')})`;
    case 'DateTimeDataType':
      return `${type.type}${type.precision !== undefined ? `(${formatTypeParameter(type.precision)})` : ''}${type.withTimeZone ? ' WITH TIME ZONE' : ''}`;
    case 'IntervalDataType':
      return `INTERVAL ${type.from}${type.to !== undefined ? ` TO ${type.to}` : ''}`;
    default:
      return assertNever(type, 'data type');
  }
}

function formatTypeParameter(parameter: DataTypeParameter): string {
  return parameter.kind === 'NumericParameter' ? parameter.value : formatDataType(parameter.type);
}
