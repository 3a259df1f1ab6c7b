import type { SqlType, SqlValue } from '@petrel/spi';
import { TrinoError, StandardErrorCode, typeDisplayName } from '@petrel/spi';
import type { FunctionContext, ScalarImplementation } from '../../function/function-implementation.js';
import type { FunctionRegistry } from '../../function/function-registry.js';
import type { ResolvedFunction } from '../../function/resolved-function.js';
import { valuesEqual } from '../ordering/value-ordering.js';

/**
 * Looks up and caches the implementations expressions need: scalar functions, casts and the
 * equality used by IN and NULLIF. Shared by the interpreter and compiled code of one query.
 */
export class FunctionBinding {
  private readonly scalars = new Map<string, ScalarImplementation>();
  private readonly casts = new Map<string, ScalarImplementation>();
  private readonly equalities = new Map<string, (a: SqlValue, b: SqlValue) => boolean>();

  constructor(
    readonly functions: FunctionRegistry | undefined,
    readonly functionContext: FunctionContext,
  ) {}

  scalar(fn: ResolvedFunction): ScalarImplementation {
    const key = functionKey(fn);
    let impl = this.scalars.get(key);
    if (impl === undefined) {
      if (this.functions === undefined) throw new TrinoError(StandardErrorCode.GENERIC_INTERNAL_ERROR, `No function registry to run ${fn.name}`);
      impl = this.functions.getScalarImplementation(fn, this.functionContext);
      this.scalars.set(key, impl);
    }
    return impl;
  }

  cast(from: SqlType, to: SqlType): ScalarImplementation {
    const key = JSON.stringify([from, to]);
    let impl = this.casts.get(key);
    if (impl === undefined) {
      if (this.functions === undefined) {
        impl = identityCast(from, to);
      } else {
        impl = this.functions.getCastImplementation(from, to, this.functionContext);
      }
      this.casts.set(key, impl);
    }
    return impl;
  }

  /** SQL `=` of two non-null values of `type` (true/false/null), NaN not equal to itself. */
  equality(type: SqlType): (a: SqlValue, b: SqlValue) => boolean {
    const key = JSON.stringify(type);
    let eq = this.equalities.get(key);
    if (eq === undefined) {
      eq = defaultEquality(type);
      if (this.functions !== undefined && !isSimpleEqualityType(type)) {
        try {
          const fn = this.functions.resolveOperator('equal', [type, type]);
          const impl = this.functions.getScalarImplementation(fn, this.functionContext);
          eq = (a, b) => impl(a, b) === true;
        } catch {
          // keep the default
        }
      }
      this.equalities.set(key, eq);
    }
    return eq;
  }
}

const SIMPLE_EQUALITY_KINDS = new Set<SqlType['kind']>([
  'tinyint',
  'smallint',
  'integer',
  'bigint',
  'real',
  'double',
  'date',
  'boolean',
  'varchar',
  'decimal',
  'interval day to second',
  'interval year to month',
]);

function isSimpleEqualityType(type: SqlType): boolean {
  return SIMPLE_EQUALITY_KINDS.has(type.kind);
}

function defaultEquality(type: SqlType): (a: SqlValue, b: SqlValue) => boolean {
  if (type.kind === 'double' || type.kind === 'real') return (a, b) => a === b;
  // eslint-disable-next-line eqeqeq
  if (type.kind === 'bigint' || type.kind === 'decimal') return (a, b) => a == b;
  return (a, b) => valuesEqual(type, a, b);
}

function identityCast(from: SqlType, to: SqlType): ScalarImplementation {
  return (v) => {
    if (from.kind === to.kind || from.kind === 'unknown') return v;
    throw new TrinoError(StandardErrorCode.NOT_SUPPORTED, `Cannot cast ${typeDisplayName(from)} to ${typeDisplayName(to)}`);
  };
}

export function functionKey(fn: ResolvedFunction): string {
  return fn.name + JSON.stringify(fn.argumentTypes) + JSON.stringify(fn.returnType);
}

const TRY_CATCHABLE = new Set(['DIVISION_BY_ZERO', 'INVALID_CAST_ARGUMENT', 'INVALID_FUNCTION_ARGUMENT', 'NUMERIC_VALUE_OUT_OF_RANGE']);

/** true for the errors TRY (and TRY_CAST) turn into NULL. */
export function isTryCatchable(error: unknown): boolean {
  return error instanceof TrinoError && TRY_CATCHABLE.has(error.errorCode.name);
}
