import type { SqlType, SqlValue } from '@petrel/spi';
import { BOOLEAN } from '@petrel/spi';
import type { ResolvedFunction } from '../function/resolved-function.js';

/**
 * The resolved, typed expression language of plans: what the analyzer produces from AST
 * expressions and what execution compiles or interprets. Plain readonly data (JSON-serializable
 * apart from constant values of exotic types), so that plan fragments can travel to workers.
 *
 * - `variable` names a plan symbol (see `planner/plan/symbol.ts`); after local planning the
 *   execution layer maps symbols to channels.
 * - Operators (`+`, `=`, `<`, unary `-`, subscript, ...) are `call`s of resolved operator
 *   functions (names starting with `$operator$`), so that execution sees one calling convention.
 * - `special` forms have evaluation rules a function call cannot express (short-circuit, lazy
 *   branches, null handling of AND/OR, TRY).
 */
export type RowExpression =
  | ConstantExpression
  | VariableExpression
  | CallExpression
  | CastExpression
  | SpecialFormExpression
  | LambdaExpression;

export interface ConstantExpression {
  readonly kind: 'constant';
  readonly type: SqlType;
  readonly value: SqlValue;
}

export interface VariableExpression {
  readonly kind: 'variable';
  readonly type: SqlType;
  readonly name: string;
}

export interface CallExpression {
  readonly kind: 'call';
  readonly type: SqlType;
  readonly function: ResolvedFunction;
  readonly arguments: readonly RowExpression[];
}

/** CAST (`safe: false`, fails with INVALID_CAST_ARGUMENT and friends) or TRY_CAST (`safe: true`, NULL on failure). */
export interface CastExpression {
  readonly kind: 'cast';
  readonly type: SqlType;
  readonly argument: RowExpression;
  readonly safe: boolean;
}

/**
 * Forms with their own evaluation rules:
 * - `AND`, `OR`: n-ary, SQL three-valued logic, short-circuit.
 * - `NOT`: boolean negation (NULL stays NULL).
 * - `IF`: [condition, then, else?]. `else` missing means NULL.
 * - `SWITCH`: searched CASE as [WHEN(cond, result)..., default?]; simple CASE is lowered to
 *   searched CASE with `$operator$equal` by the analyzer.
 * - `WHEN`: [condition, result], only inside SWITCH.
 * - `COALESCE`: first non-null argument, lazily.
 * - `NULLIF`: [a, b] (b already coerced to the common type with a).
 * - `IS_NULL`: [x].
 * - `IN`: [value, candidate...] with SQL semantics (NULL if no match and a NULL is involved).
 * - `BETWEEN`: [value, low, high].
 * - `DEREFERENCE`: [row, constant field index (integer)].
 * - `ROW_CONSTRUCTOR`: fields.
 * - `ARRAY_CONSTRUCTOR`: elements.
 * - `TRY`: [expression]: errors of the kinds TRY catches become NULL.
 * - `BIND`: [captured values..., lambda]: partial application for lambdas capturing columns.
 */
export type SpecialForm =
  | 'AND'
  | 'OR'
  | 'NOT'
  | 'IF'
  | 'SWITCH'
  | 'WHEN'
  | 'COALESCE'
  | 'NULLIF'
  | 'IS_NULL'
  | 'IN'
  | 'BETWEEN'
  | 'DEREFERENCE'
  | 'ROW_CONSTRUCTOR'
  | 'ARRAY_CONSTRUCTOR'
  | 'TRY'
  | 'BIND';

export interface SpecialFormExpression {
  readonly kind: 'special';
  readonly form: SpecialForm;
  readonly type: SqlType;
  readonly arguments: readonly RowExpression[];
}

/** `(a, b) -> body`; the body refers to parameters as `variable`s named like the parameters. */
export interface LambdaExpression {
  readonly kind: 'lambda';
  readonly type: SqlType;
  readonly parameters: readonly { readonly name: string; readonly type: SqlType }[];
  readonly body: RowExpression;
}

export function constant(value: SqlValue, type: SqlType): ConstantExpression {
  return { kind: 'constant', type, value };
}
export function variable(name: string, type: SqlType): VariableExpression {
  return { kind: 'variable', type, name };
}
export function call(fn: ResolvedFunction, args: readonly RowExpression[]): CallExpression {
  return { kind: 'call', type: fn.returnType, function: fn, arguments: args };
}
export function cast(argument: RowExpression, type: SqlType, safe = false): CastExpression {
  return { kind: 'cast', type, argument, safe };
}
export function special(form: SpecialForm, type: SqlType, args: readonly RowExpression[]): SpecialFormExpression {
  return { kind: 'special', form, type, arguments: args };
}
export function and(args: readonly RowExpression[]): RowExpression {
  if (args.length === 1) return args[0]!;
  return special('AND', BOOLEAN, args);
}
export function or(args: readonly RowExpression[]): RowExpression {
  if (args.length === 1) return args[0]!;
  return special('OR', BOOLEAN, args);
}
export function lambda(parameters: readonly { name: string; type: SqlType }[], body: RowExpression, type: SqlType): LambdaExpression {
  return { kind: 'lambda', type, parameters, body };
}
