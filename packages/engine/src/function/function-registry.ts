import type { LambdaValue, SqlType } from '@petrel/spi';
import type { SourceLocation } from '@petrel/spi';
import type { FunctionKind, OperatorName, ResolvedFunction } from './resolved-function.js';
import type {
  AggregateImplementation,
  FunctionContext,
  ScalarImplementation,
  WindowImplementation,
} from './function-implementation.js';

/**
 * An argument as the analyzer knows it when resolving a call: a type, or a lambda whose
 * parameter types are not yet known. For a lambda, the resolver calls `analyzeBody` with the
 * parameter types it infers from the other arguments and gets the body's type back.
 */
export type ArgumentInfo =
  | { readonly kind: 'value'; readonly type: SqlType }
  | { readonly kind: 'lambda'; readonly arity: number; readonly analyzeBody: (parameterTypes: readonly SqlType[]) => SqlType };

/** A line of SHOW FUNCTIONS. */
export interface FunctionListing {
  readonly name: string;
  readonly returnType: string;
  readonly argumentTypes: string;
  readonly kind: FunctionKind;
  readonly deterministic: boolean;
  readonly description: string;
}

/**
 * The engine's function library. Resolution errors are TrinoErrors with Trino's names and
 * messages (FUNCTION_NOT_FOUND `Function 'foo' not registered`, `Unexpected parameters (varchar)
 * for function length. Expected: length(varchar(x))`, OPERATOR_NOT_FOUND / TYPE_MISMATCH for
 * operators), located at `location`.
 */
export interface FunctionRegistry {
  /**
   * Resolves a call by name and argument types, choosing the overload that needs the fewest
   * implicit coercions (Trino's rules). The returned `argumentTypes` tell the caller what to
   * coerce each argument to. For lambda arguments the entry is a `function` type.
   */
  resolveFunction(name: string, args: readonly ArgumentInfo[], location?: SourceLocation): ResolvedFunction;
  resolveOperator(operator: OperatorName, argumentTypes: readonly SqlType[], location?: SourceLocation): ResolvedFunction;
  /** true when `name` names an aggregate function (so `name(...)` makes the query aggregating). */
  isAggregateFunction(name: string): boolean;
  isWindowFunction(name: string): boolean;
  exists(name: string): boolean;

  getScalarImplementation(fn: ResolvedFunction, context: FunctionContext): ScalarImplementation;
  /**
   * `lambdas` are the values of the call's lambda arguments (reduce_agg's input and combine
   * functions), in argument order; accumulators then receive only the value arguments. They may be
   * omitted when only `intermediateType` is wanted.
   */
  getAggregateImplementation(fn: ResolvedFunction, context: FunctionContext, lambdas?: readonly LambdaValue[]): AggregateImplementation;
  getWindowImplementation(fn: ResolvedFunction, context: FunctionContext): WindowImplementation;
  /** CAST(x AS to) for x of type `from`; throws INVALID_CAST_ARGUMENT (and friends) on bad input. */
  getCastImplementation(from: SqlType, to: SqlType, context: FunctionContext): ScalarImplementation;
  readonly coercion: TypeCoercion;

  listFunctions(): readonly FunctionListing[];
}

/**
 * Trino's type coercion rules, used by the analyzer and by function resolution.
 */
export interface TypeCoercion {
  /** true when a value of `from` may be implicitly coerced to `to`. */
  canCoerce(from: SqlType, to: SqlType): boolean;
  /** The common super type of two types (for CASE, UNION, IN, comparisons), or undefined. */
  getCommonSuperType(a: SqlType, b: SqlType): SqlType | undefined;
  /** true when CAST(from AS to) exists. */
  canCast(from: SqlType, to: SqlType): boolean;
}
