import {
  BIGINT,
  BOOLEAN,
  DATE,
  DOUBLE,
  INTEGER,
  TrinoError,
  UNKNOWN,
  VARBINARY,
  arrayType,
  assertNever,
  rowType,
  timestampWithTimeZoneType,
  typeDisplayName,
  typeEquals,
  varcharType,
} from '@petrel/spi';
import type { SqlType } from '@petrel/spi';
import type { Expression, FunctionCall, LambdaExpression as AstLambda, NodeLocation } from '@petrel/sql';
import type { ArgumentInfo } from '../../function/function-registry.js';
import type { OperatorName, ResolvedFunction } from '../../function/resolved-function.js';
import type { RowExpression } from '../../ir/row-expression.js';
import { call, cast, constant, special, variable } from '../../ir/row-expression.js';
import type { PlannerContext } from '../../planner/planner-context.js';
import type { Symbol, SymbolAllocator } from '../../planner/plan/symbol.js';
import { dataTypeToSqlType } from './data-type-to-sql-type.js';
import { expressionText } from './expression-text.js';
import { parseDateLiteral, parseDecimalLiteral, parseIntegerLiteral, parseIntervalLiteral, parseTimeLiteral, parseTimestampLiteral } from '../../type/index.js';
import type { Field, Scope } from './scope.js';
import { semanticError } from './semantic-error.js';

export interface TranslationContext {
  readonly scope: Scope;
  /**
   * Called on every node before it is translated; an expression it returns replaces the node
   * (aggregates, window functions and grouping keys after aggregation).
   */
  readonly hook?: (node: Expression) => RowExpression | undefined;
  /** Subqueries already planned: AST node -> the symbol carrying their value. */
  readonly subqueries?: ReadonlyMap<Expression, Symbol>;
  readonly lambdaParameters?: ReadonlyMap<string, { readonly name: string; readonly type: SqlType }>;
  /** What the clause is, for messages such as `WHERE clause cannot contain aggregations`. */
  readonly clause?: string;
}

const ARITHMETIC: Record<string, OperatorName> = { '+': 'add', '-': 'subtract', '*': 'multiply', '/': 'divide', '%': 'modulus' };
const COMPARISON: Record<string, OperatorName> = {
  '=': 'equal',
  '<>': 'not_equal',
  '<': 'less_than',
  '<=': 'less_than_or_equal',
  '>': 'greater_than',
  '>=': 'greater_than_or_equal',
  'IS DISTINCT FROM': 'is_distinct_from',
};
const EXTRACT_FUNCTION: Record<string, string> = {
  YEAR: 'year',
  QUARTER: 'quarter',
  MONTH: 'month',
  WEEK: 'week',
  DAY: 'day',
  DAY_OF_MONTH: 'day',
  DAY_OF_WEEK: 'day_of_week',
  DOW: 'day_of_week',
  DAY_OF_YEAR: 'day_of_year',
  DOY: 'day_of_year',
  YEAR_OF_WEEK: 'year_of_week',
  YOW: 'year_of_week',
  HOUR: 'hour',
  MINUTE: 'minute',
  SECOND: 'second',
  TIMEZONE_MINUTE: 'timezone_minute',
  TIMEZONE_HOUR: 'timezone_hour',
};

export function canonicalName(id: { readonly value: string }): string {
  return id.value.toLowerCase();
}

/** Name parts of `a.b.c` when the expression is a dotted name, else undefined. */
export function dottedName(e: Expression): { parts: string[]; written: string[] } | undefined {
  if (e.kind === 'Identifier') return { parts: [canonicalName(e)], written: [e.value] };
  if (e.kind === 'DereferenceExpression') {
    const base = dottedName(e.base);
    if (base === undefined) return undefined;
    return { parts: [...base.parts, canonicalName(e.field)], written: [...base.written, e.field.value] };
  }
  return undefined;
}

/** Turns AST expressions into typed row expressions: names, literals, operators, functions, coercions. */
export class ExpressionTranslator {
  constructor(
    readonly ctx: PlannerContext,
    readonly symbols: SymbolAllocator,
  ) {}

  get coercion() {
    return this.ctx.functions.coercion;
  }

  translate(e: Expression, t: TranslationContext): RowExpression {
    if (t.hook !== undefined) {
      const replaced = t.hook(e);
      if (replaced !== undefined) return replaced;
    }
    return this.translateNode(e, t);
  }

  /** Translates without hooks, returning undefined instead of failing (used to match grouping keys). */
  tryTranslatePure(e: Expression, t: TranslationContext): RowExpression | undefined {
    try {
      return this.translateNode(e, { scope: t.scope, lambdaParameters: t.lambdaParameters, subqueries: new Map(), hook: (n) => (n.kind === 'FunctionCall' && this.isAggregateOrWindow(n) ? fail() : undefined) });
    } catch {
      return undefined;
    }
  }

  isAggregateOrWindow(n: FunctionCall): boolean {
    if (n.window !== undefined) return true;
    return this.ctx.functions.isAggregateFunction(functionName(n));
  }

  /** Resolves a column reference (Identifier or dotted name) to a field, when it is one. */
  resolveColumn(e: Expression, t: TranslationContext): { field: Field; outer: boolean } | undefined {
    const name = dottedName(e);
    if (name === undefined) return undefined;
    if (name.parts.length === 1 && t.lambdaParameters?.has(name.parts[0]!)) return undefined;
    for (let k = name.parts.length - 1; k >= 0; k--) {
      const qualifier = name.parts.slice(0, k);
      if (qualifier.length > 0 && !t.scope.hasQualifierAnywhere(qualifier)) continue;
      const r = t.scope.resolve(qualifier, name.parts[k]!, e.location, name.written.slice(0, k + 1).join('.'));
      if (r !== undefined) return k === name.parts.length - 1 ? r : undefined;
    }
    return undefined;
  }

  coerce(e: RowExpression, type: SqlType): RowExpression {
    if (typeEquals(e.type, type)) return e;
    if (e.kind === 'constant' && e.value === null) return constant(null, type);
    return cast(e, type);
  }

  commonSuperType(types: readonly SqlType[]): SqlType | undefined {
    let result: SqlType = UNKNOWN;
    for (const t of types) {
      const next = this.coercion.getCommonSuperType(result, t);
      if (next === undefined) return undefined;
      result = next;
    }
    return result;
  }

  /** Coerces every argument to the resolved function's parameter types and builds the call. */
  applyFunction(fn: ResolvedFunction, args: readonly RowExpression[]): RowExpression {
    return call(
      fn,
      args.map((a, i) => {
        const target = fn.argumentTypes[i];
        return target === undefined || a.kind === 'lambda' ? a : this.coerce(a, target);
      }),
    );
  }

  callOperator(operator: OperatorName, args: readonly RowExpression[], location: NodeLocation): RowExpression {
    const fn = this.ctx.functions.resolveOperator(operator, args.map((a) => a.type), location);
    return this.applyFunction(fn, args);
  }

  callFunction(name: string, args: readonly RowExpression[], location: NodeLocation): RowExpression {
    const fn = this.ctx.functions.resolveFunction(name, args.map((a) => ({ kind: 'value', type: a.type }) as const), location);
    return this.applyFunction(fn, args);
  }

  booleanCondition(e: RowExpression, message: (actual: string) => string, location: NodeLocation): RowExpression {
    if (e.type.kind === 'boolean') return e;
    if (e.type.kind === 'unknown') return this.coerce(e, BOOLEAN);
    throw semanticError('TYPE_MISMATCH', message(typeDisplayName(e.type)), location);
  }

  /** Resolves a function call's arguments (with lambdas) and returns the function and coerced arguments. */
  resolveCall(node: FunctionCall, t: TranslationContext): { fn: ResolvedFunction; args: RowExpression[] } {
    const name = functionName(node);
    const translated = node.arguments.map((a) => (a.kind === 'LambdaExpression' ? undefined : this.translate(a, t)));
    const infos: ArgumentInfo[] = node.arguments.map((a, i) => {
      if (a.kind === 'LambdaExpression') {
        return { kind: 'lambda', arity: a.arguments.length, analyzeBody: (types: readonly SqlType[]) => this.translateLambda(a, types, t).body.type };
      }
      return { kind: 'value', type: translated[i]!.type };
    });
    const fn = this.ctx.functions.resolveFunction(name, infos, node.location);
    const args = node.arguments.map((a, i) => {
      if (a.kind === 'LambdaExpression') {
        const fnType = fn.argumentTypes[i];
        const paramTypes = fnType?.kind === 'function' ? fnType.argumentTypes : a.arguments.map(() => UNKNOWN);
        const lam = this.translateLambda(a, paramTypes, t);
        const body = fnType?.kind === 'function' ? this.coerce(lam.body, fnType.returnType) : lam.body;
        return { kind: 'lambda', type: fnType ?? lam.type, parameters: lam.parameters, body } as RowExpression;
      }
      const target = fn.argumentTypes[i];
      return target === undefined ? translated[i]! : this.coerce(translated[i]!, target);
    });
    return { fn, args };
  }

  private translateLambda(a: AstLambda, types: readonly SqlType[], t: TranslationContext): { parameters: { name: string; type: SqlType }[]; body: RowExpression; type: SqlType } {
    const params = new Map(t.lambdaParameters ?? []);
    const parameters = a.arguments.map((id, i) => {
      const p = { name: this.symbols.newSymbol(canonicalName(id), types[i] ?? UNKNOWN).name, type: types[i] ?? UNKNOWN };
      params.set(canonicalName(id), p);
      return p;
    });
    const body = this.translate(a.body, { ...t, lambdaParameters: params });
    return { parameters, body, type: { kind: 'function', argumentTypes: parameters.map((p) => p.type), returnType: body.type } };
  }

  private translateNode(e: Expression, t: TranslationContext): RowExpression {
    switch (e.kind) {
      case 'Identifier':
      case 'DereferenceExpression':
        return this.translateName(e, t);
      case 'LongLiteral': {
        const { value, type } = atLiteral(e.location, () => parseIntegerLiteral(e.value));
        return constant(value, type);
      }
      case 'DecimalLiteral': {
        const { value, type } = atLiteral(e.location, () => parseDecimalLiteral(e.value));
        return constant(value, type);
      }
      case 'DoubleLiteral':
        return constant(Number(e.value), DOUBLE);
      case 'StringLiteral':
        return constant(e.value, varcharType([...e.value].length));
      case 'BinaryLiteral':
        return constant(Uint8Array.from(Buffer.from(e.hex, 'hex')), VARBINARY);
      case 'BooleanLiteral':
        return constant(e.value, BOOLEAN);
      case 'NullLiteral':
        return constant(null, UNKNOWN);
      case 'GenericLiteral':
        return this.genericLiteral(e.type, e.value, e.location);
      case 'IntervalLiteral': {
        const { value, type } = atLiteral(e.location, () => parseIntervalLiteral(e.value, e.sign === 'NEGATIVE' ? '-' : '+', e.startField, e.endField));
        return constant(value, type);
      }
      case 'ArithmeticBinaryExpression':
        return this.callOperator(ARITHMETIC[e.operator]!, [this.translate(e.left, t), this.translate(e.right, t)], e.location);
      case 'ArithmeticUnaryExpression': {
        const v = this.translate(e.value, t);
        if (e.sign === 'PLUS') return v;
        if (v.kind === 'constant' && typeof v.value === 'number' && v.type.kind !== 'unknown' && (v.type.kind === 'integer' || v.type.kind === 'bigint' || v.type.kind === 'double')) {
          return constant(-v.value, v.type);
        }
        if (v.kind === 'constant' && typeof v.value === 'bigint' && v.type.kind === 'decimal') return constant(-v.value, v.type);
        return this.callOperator('negate', [v], e.location);
      }
      case 'ComparisonExpression':
        return this.callOperator(COMPARISON[e.operator]!, [this.translate(e.left, t), this.translate(e.right, t)], e.location);
      case 'LogicalExpression': {
        const terms = e.terms.map((term, i) =>
          this.booleanCondition(this.translate(term, t), (a) => `${i === 0 ? 'Left' : 'Right'} side of logical expression must evaluate to a boolean (actual: ${a})`, term.location),
        );
        return special(e.operator, BOOLEAN, terms);
      }
      case 'NotExpression': {
        const v = this.booleanCondition(this.translate(e.value, t), (a) => `Value of logical NOT expression must evaluate to a boolean (actual: ${a})`, e.value.location);
        return special('NOT', BOOLEAN, [v]);
      }
      case 'IsNullPredicate':
        return special('IS_NULL', BOOLEAN, [this.translate(e.value, t)]);
      case 'IsNotNullPredicate':
        return special('NOT', BOOLEAN, [special('IS_NULL', BOOLEAN, [this.translate(e.value, t)])]);
      case 'BetweenPredicate': {
        const parts = [this.translate(e.value, t), this.translate(e.min, t), this.translate(e.max, t)];
        const common = this.commonSuperType(parts.map((p) => p.type));
        if (common === undefined) {
          throw semanticError('TYPE_MISMATCH', `Cannot check if ${typeDisplayName(parts[0]!.type)} is BETWEEN ${typeDisplayName(parts[1]!.type)} and ${typeDisplayName(parts[2]!.type)}`, e.location);
        }
        this.ctx.functions.resolveOperator('less_than_or_equal', [common, common], e.location);
        return special('BETWEEN', BOOLEAN, parts.map((p) => this.coerce(p, common)));
      }
      case 'LikePredicate': {
        const args = [this.translate(e.value, t), this.translate(e.pattern, t)];
        if (e.escape !== undefined) args.push(this.translate(e.escape, t));
        return this.callFunction('like', args, e.location);
      }
      case 'InPredicate': {
        if (e.valueList.kind === 'SubqueryExpression') return this.subqueryResult(e, t);
        const value = this.translate(e.value, t);
        const items = e.valueList.values.map((v) => this.translate(v, t));
        const common = this.commonSuperType([value.type, ...items.map((i) => i.type)]);
        if (common === undefined) {
          throw semanticError('TYPE_MISMATCH', `IN value and list items must be the same type: ${typeDisplayName(value.type)}`, e.location);
        }
        this.ctx.functions.resolveOperator('equal', [common, common], e.location);
        return special('IN', BOOLEAN, [this.coerce(value, common), ...items.map((i) => this.coerce(i, common))]);
      }
      case 'ExistsPredicate':
      case 'QuantifiedComparisonExpression':
      case 'SubqueryExpression':
        return this.subqueryResult(e, t);
      case 'InListExpression':
        throw semanticError('NOT_SUPPORTED', 'IN list outside of IN predicate', e.location);
      case 'SimpleCaseExpression': {
        const operand = this.translate(e.operand, t);
        const conditions = e.whenClauses.map((w) => this.callOperator('equal', [operand, this.translate(w.operand, t)], w.location));
        return this.buildSwitch(
          conditions,
          e.whenClauses.map((w) => this.translate(w.result, t)),
          e.defaultValue === undefined ? undefined : this.translate(e.defaultValue, t),
          e.location,
        );
      }
      case 'SearchedCaseExpression': {
        const conditions = e.whenClauses.map((w) =>
          this.booleanCondition(this.translate(w.operand, t), (a) => `WHEN clause must evaluate to a boolean: actual type ${a}`, w.operand.location),
        );
        return this.buildSwitch(
          conditions,
          e.whenClauses.map((w) => this.translate(w.result, t)),
          e.defaultValue === undefined ? undefined : this.translate(e.defaultValue, t),
          e.location,
        );
      }
      case 'IfExpression': {
        const condition = this.booleanCondition(this.translate(e.condition, t), (a) => `IF condition must evaluate to a boolean: actual type ${a}`, e.condition.location);
        const values = [this.translate(e.trueValue, t)];
        if (e.falseValue !== undefined) values.push(this.translate(e.falseValue, t));
        const common = this.commonSuperType(values.map((v) => v.type));
        if (common === undefined) {
          throw semanticError('TYPE_MISMATCH', `Result types for IF must be the same: ${values.map((v) => typeDisplayName(v.type)).join(' vs ')}`, e.location);
        }
        return special('IF', common, [condition, ...values.map((v) => this.coerce(v, common))]);
      }
      case 'CoalesceExpression': {
        const values = e.operands.map((o) => this.translate(o, t));
        const common = this.commonSuperType(values.map((v) => v.type));
        if (common === undefined) {
          throw semanticError('TYPE_MISMATCH', `All COALESCE operands must be the same type: ${values.map((v) => typeDisplayName(v.type)).join(', ')}`, e.location);
        }
        return special('COALESCE', common, values.map((v) => this.coerce(v, common)));
      }
      case 'NullIfExpression': {
        const a = this.translate(e.first, t);
        const b = this.translate(e.second, t);
        const common = this.commonSuperType([a.type, b.type]);
        if (common === undefined) {
          throw semanticError('TYPE_MISMATCH', `Types are not comparable with NULLIF: ${typeDisplayName(a.type)} vs ${typeDisplayName(b.type)}`, e.location);
        }
        if (this.coercion.canCoerce(b.type, a.type)) return special('NULLIF', a.type, [a, this.coerce(b, a.type)]);
        // Trino compares in the common type but returns the first operand's type; the round trip
        // through the wider common type is exact because the value came from `a`.
        return this.coerce(special('NULLIF', common, [this.coerce(a, common), this.coerce(b, common)]), a.type);
      }
      case 'TryExpression': {
        const inner = this.translate(e.innerExpression, t);
        return special('TRY', inner.type, [inner]);
      }
      case 'Cast': {
        const target = dataTypeToSqlType(e.type);
        const value = this.translate(e.expression, t);
        if (value.type.kind === 'unknown') return constant(null, target);
        if (typeEquals(value.type, target)) return value;
        if (!this.coercion.canCast(value.type, target)) {
          throw semanticError('TYPE_MISMATCH', `Cannot cast ${typeDisplayName(value.type)} to ${typeDisplayName(target)}`, e.location);
        }
        return cast(value, target, e.safe);
      }
      case 'AtTimeZone': {
        let value = this.translate(e.value, t);
        if (value.type.kind === 'timestamp') value = this.coerce(value, timestampWithTimeZoneType(value.type.precision));
        const zone = this.translate(e.timeZone, t);
        return this.callFunction('at_timezone', [value, zone], e.location);
      }
      case 'Extract':
        return this.callFunction(EXTRACT_FUNCTION[e.field]!, [this.translate(e.expression, t)], e.location);
      case 'CurrentTime': {
        const name = e.function.toLowerCase();
        const result = this.callFunction(name, [], e.location);
        if (e.precision !== undefined && 'precision' in result.type && result.type.precision !== e.precision) {
          return cast(result, { ...result.type, precision: e.precision } as SqlType);
        }
        return result;
      }
      case 'CurrentUser':
        return constant(this.ctx.session.user, varcharType());
      case 'CurrentCatalog':
        return constant(this.ctx.session.catalog ?? null, varcharType());
      case 'CurrentSchema':
        return constant(this.ctx.session.schema ?? null, varcharType());
      case 'CurrentPath':
        return constant(this.ctx.session.path ?? '', varcharType());
      case 'LambdaExpression':
        throw semanticError('TYPE_MISMATCH', 'Lambda expression should always be used inside a function', e.location);
      case 'ArrayConstructor': {
        const values = e.values.map((v) => this.translate(v, t));
        const common = this.commonSuperType(values.map((v) => v.type));
        if (common === undefined) {
          throw semanticError('TYPE_MISMATCH', `All ARRAY elements must be the same type: ${values.map((v) => typeDisplayName(v.type)).join(', ')}`, e.location);
        }
        return special('ARRAY_CONSTRUCTOR', arrayType(common), values.map((v) => this.coerce(v, common)));
      }
      case 'Row': {
        const values = e.items.map((v) => this.translate(v, t));
        return special('ROW_CONSTRUCTOR', rowType(values.map((v) => ({ name: undefined, type: v.type }))), values);
      }
      case 'SubscriptExpression': {
        const base = this.translate(e.base, t);
        if (base.type.kind === 'row') {
          const index = this.translate(e.index, t);
          if (index.kind !== 'constant' || typeof index.value !== 'number') {
            throw semanticError('INVALID_FUNCTION_ARGUMENT', 'Subscript expression on ROW requires a constant index', e.index.location);
          }
          const field = base.type.fields[index.value - 1];
          if (field === undefined) throw semanticError('INVALID_FUNCTION_ARGUMENT', `Invalid subscript index: ${index.value}. ROW indices start at 1`, e.index.location);
          return special('DEREFERENCE', field.type, [base, constant(index.value - 1, INTEGER)]);
        }
        return this.callOperator('subscript', [base, this.translate(e.index, t)], e.location);
      }
      case 'FunctionCall':
        return this.translateFunctionCall(e, t);
      case 'Parameter': {
        if (this.ctx.inferParameterTypes === true) return variable(parameterPlaceholderName(e.position), UNKNOWN);
        const p = this.ctx.parameters[e.position];
        if (p === undefined) {
          throw semanticError('INVALID_PARAMETER_USAGE', `Incorrect number of parameters: expected at least ${e.position + 1} but found ${this.ctx.parameters.length}`, e.location);
        }
        return constant(p.value, p.type);
      }
      case 'GroupingOperation':
        throw semanticError('MISSING_GROUP_BY', 'A GROUPING() operation can only be used with a corresponding GROUPING SET/CUBE/ROLLUP/GROUP BY clause', e.location);
      case 'Trim': {
        const name = e.specification === 'BOTH' ? 'trim' : e.specification === 'LEADING' ? 'ltrim' : 'rtrim';
        const args = [this.translate(e.trimSource, t)];
        if (e.trimCharacter !== undefined) args.push(this.translate(e.trimCharacter, t));
        return this.callFunction(name, args, e.location);
      }
      case 'Format':
        return this.callFunction('format', e.arguments.map((a) => this.translate(a, t)), e.location);
      case 'JsonExists':
      case 'JsonValue':
      case 'JsonQuery':
      case 'JsonObject':
      case 'JsonArray':
        throw semanticError('NOT_SUPPORTED', `${e.kind} is not supported yet`, e.location);
      default:
        return assertNever(e, 'expression');
    }
  }

  private subqueryResult(e: Expression, t: TranslationContext): RowExpression {
    const s = t.subqueries?.get(e);
    if (s === undefined) {
      throw semanticError('NOT_SUPPORTED', `Subqueries are not supported in ${t.clause ?? 'this context'}`, e.location);
    }
    return variable(s.name, s.type);
  }

  private buildSwitch(conditions: RowExpression[], results: RowExpression[], defaultValue: RowExpression | undefined, location: NodeLocation): RowExpression {
    const all = defaultValue === undefined ? results : [...results, defaultValue];
    const common = this.commonSuperType(all.map((r) => r.type));
    if (common === undefined) {
      throw semanticError('TYPE_MISMATCH', `All CASE results must be the same type: ${all.map((r) => typeDisplayName(r.type)).join(', ')}`, location);
    }
    const args: RowExpression[] = conditions.map((c, i) => special('WHEN', common, [c, this.coerce(results[i]!, common)]));
    if (defaultValue !== undefined) args.push(this.coerce(defaultValue, common));
    return special('SWITCH', common, args);
  }

  private translateName(e: Expression, t: TranslationContext): RowExpression {
    const name = dottedName(e);
    if (name !== undefined) {
      if (name.parts.length === 1 && t.lambdaParameters?.has(name.parts[0]!)) {
        const p = t.lambdaParameters.get(name.parts[0]!)!;
        return variable(p.name, p.type);
      }
      // Longest qualifier first: `a.b.c` is column c of relation a.b, then column b of a (field c), then column a.
      for (let k = name.parts.length - 1; k >= 0; k--) {
        const qualifier = name.parts.slice(0, k);
        if (qualifier.length > 0 && !t.scope.hasQualifierAnywhere(qualifier)) continue;
        const r = t.scope.resolve(qualifier, name.parts[k]!, e.location, name.written.slice(0, k + 1).join('.'));
        if (r === undefined) {
          if (qualifier.length > 0 && k === name.parts.length - 1) continue;
          continue;
        }
        let result: RowExpression = variable(r.field.symbol.name, r.field.symbol.type);
        for (let j = k + 1; j < name.parts.length; j++) result = this.fieldAccess(result, name.parts[j]!, name.written[j]!, e.location);
        return result;
      }
      if (name.parts.length === 1 && name.parts[0]!.length > 0 && t.lambdaParameters === undefined) {
        throw semanticError('COLUMN_NOT_FOUND', `Column '${name.written[0]}' cannot be resolved`, e.location);
      }
      throw semanticError('COLUMN_NOT_FOUND', `Column '${name.written.join('.')}' cannot be resolved`, e.location);
    }
    if (e.kind !== 'DereferenceExpression') throw new Error('unreachable');
    const base = this.translate(e.base, t);
    return this.fieldAccess(base, canonicalName(e.field), e.field.value, e.location);
  }

  private fieldAccess(base: RowExpression, name: string, written: string, location: NodeLocation): RowExpression {
    if (base.type.kind !== 'row') {
      throw semanticError('TYPE_MISMATCH', `Expression ${written} is not of type ROW`, location);
    }
    const index = base.type.fields.findIndex((f) => f.name !== undefined && f.name.toLowerCase() === name);
    if (index < 0) throw semanticError('COLUMN_NOT_FOUND', `Column '${written}' cannot be resolved`, location);
    return special('DEREFERENCE', base.type.fields[index]!.type, [base, constant(index, INTEGER)]);
  }

  private translateFunctionCall(e: FunctionCall, t: TranslationContext): RowExpression {
    const name = functionName(e);
    if (e.window !== undefined || this.ctx.functions.isAggregateFunction(name) || this.ctx.functions.isWindowFunction(name)) {
      if (e.window === undefined && this.ctx.functions.isWindowFunction(name) && !this.ctx.functions.isAggregateFunction(name)) {
        throw semanticError('MISSING_OVER', `Window function ${name} requires an OVER clause`, e.location);
      }
      throw semanticError(
        'EXPRESSION_NOT_SCALAR',
        `${t.clause ?? 'This'} clause cannot contain aggregations, window functions or grouping operations: [${expressionText(e)}]`,
        e.location,
      );
    }
    if (e.distinct) throw semanticError('FUNCTION_NOT_AGGREGATE', `DISTINCT is not supported for non-aggregation functions`, e.location);
    if (e.filter !== undefined) throw semanticError('FUNCTION_NOT_AGGREGATE', `Filter is only valid for aggregation functions`, e.location);
    if (e.orderBy !== undefined) throw semanticError('FUNCTION_NOT_AGGREGATE', `ORDER BY is only valid for aggregation functions`, e.location);
    const { fn, args } = this.resolveCall(e, t);
    return call(fn, args);
  }

  private genericLiteral(typeName: string, value: string, location: NodeLocation): RowExpression {
    const name = typeName.toLowerCase();
    switch (name) {
      case 'date':
        return constant(atLiteral(location, () => parseDateLiteral(value)), DATE);
      case 'decimal': {
        const d = atLiteral(location, () => parseDecimalLiteral(value));
        return constant(d.value, d.type);
      }
      case 'bigint': {
        const r = atLiteral(location, () => parseIntegerLiteral(value));
        return constant(r.value, BIGINT);
      }
      case 'timestamp': {
        const r = atLiteral(location, () => parseTimestampLiteral(value));
        return constant(r.value, { kind: r.hasTimeZone ? 'timestamp with time zone' : 'timestamp', precision: r.precision });
      }
      case 'time': {
        const r = atLiteral(location, () => parseTimeLiteral(value));
        return constant(r.value, { kind: r.hasTimeZone ? 'time with time zone' : 'time', precision: r.precision });
      }
      case 'double':
        if (Number.isNaN(Number(value)) && !/^\s*nan\s*$/i.test(value)) throw semanticError('INVALID_LITERAL', `'${value}' is not a valid DOUBLE literal`, location);
        return constant(Number(value), DOUBLE);
      case 'varchar':
        return constant(value, varcharType([...value].length));
      case 'json': {
        // A JSON literal is JSON text (as json_parse reads it), not a varchar cast to json (which
        // would make a JSON string of the text).
        try {
          JSON.parse(value);
        } catch {
          throw semanticError('INVALID_LITERAL', `'${value}' is not a valid JSON literal`, location);
        }
        const text = constant(value, varcharType([...value].length));
        return call(this.ctx.functions.resolveFunction('json_parse', [{ kind: 'value', type: text.type }], location), [text]);
      }
      case 'boolean': {
        const v = value.trim().toLowerCase();
        if (v !== 'true' && v !== 'false') throw semanticError('INVALID_LITERAL', `'${value}' is not a valid BOOLEAN literal`, location);
        return constant(v === 'true', BOOLEAN);
      }
      default: {
        const type = dataTypeToSqlType({
          kind: 'GenericDataType',
          name: { kind: 'Identifier', value: name, quoted: false, location },
          arguments: [],
          location,
        });
        const text = constant(value, varcharType([...value].length));
        if (!this.coercion.canCast(text.type, type)) {
          throw semanticError('TYPE_NOT_FOUND', `Unknown type: ${typeName}`, location);
        }
        return cast(text, type);
      }
    }
  }
}

function fail(): never {
  throw new Error('not pure');
}

/** The name of the placeholder a parameter `?` is planned as when inferring parameter types. */
export function parameterPlaceholderName(position: number): string {
  return `$parameter${position}`;
}

/** Runs a literal parser of `type/`, giving its INVALID_LITERAL errors the literal's location. */
function atLiteral<T>(location: NodeLocation, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof TrinoError && error.location === undefined) {
      throw new TrinoError(error.errorCode, error.rawMessage, { line: location.line, column: location.column }, { cause: error });
    }
    throw error;
  }
}

export function functionName(e: FunctionCall): string {
  return e.name.parts[e.name.parts.length - 1]!.value.toLowerCase();
}
