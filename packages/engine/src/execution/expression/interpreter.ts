import type { SqlValue, LambdaValue } from '@petrel/spi';
import { TrinoError, StandardErrorCode, assertNever } from '@petrel/spi';
import type { RowExpression, SpecialFormExpression } from '../../ir/row-expression.js';
import type { FunctionBinding } from './function-binding.js';
import { isTryCatchable } from './function-binding.js';
import { compareValues } from '../ordering/value-ordering.js';

/** Resolves a variable (symbol or lambda parameter) to its value for the current row. */
export type Environment = (name: string) => SqlValue;

/**
 * The reference evaluator of `RowExpression`s, one row at a time. Compiled code must agree with
 * it on every input.
 */
export class ExpressionInterpreter {
  constructor(private readonly binding: FunctionBinding) {}

  evaluate(expression: RowExpression, env: Environment): SqlValue {
    switch (expression.kind) {
      case 'constant':
        return expression.value;
      case 'variable':
        return env(expression.name);
      case 'call': {
        const fn = expression.function;
        // every argument is evaluated (errors surface) before NULL short-cuts the call
        const args = new Array<SqlValue>(expression.arguments.length);
        let anyNull = false;
        for (let i = 0; i < args.length; i++) {
          const v = this.evaluate(expression.arguments[i]!, env);
          if (v === null) anyNull = true;
          args[i] = v;
        }
        if (anyNull && fn.nullOnNullInput) return null;
        return normalizeResult(this.binding.scalar(fn)(...args));
      }
      case 'cast': {
        const v = this.evaluate(expression.argument, env);
        if (v === null) return null;
        const impl = this.binding.cast(expression.argument.type, expression.type);
        if (!expression.safe) return normalizeResult(impl(v));
        try {
          return normalizeResult(impl(v));
        } catch (error) {
          if (error instanceof TrinoError && error.errorCode.type === 'USER_ERROR') return null;
          throw error;
        }
      }
      case 'special':
        return this.evaluateSpecial(expression, env);
      case 'lambda': {
        const params = expression.parameters;
        const body = expression.body;
        const fn: LambdaValue = (...args: SqlValue[]) =>
          this.evaluate(body, (name) => {
            for (let i = params.length - 1; i >= 0; i--) if (params[i]!.name === name) return args[i] ?? null;
            return env(name);
          });
        return fn;
      }
      default:
        return assertNever(expression, 'expression');
    }
  }

  private evaluateSpecial(e: SpecialFormExpression, env: Environment): SqlValue {
    const args = e.arguments;
    switch (e.form) {
      case 'AND': {
        let sawNull = false;
        for (const a of args) {
          const v = this.evaluate(a, env);
          if (v === false) return false;
          if (v === null) sawNull = true;
        }
        return sawNull ? null : true;
      }
      case 'OR': {
        let sawNull = false;
        for (const a of args) {
          const v = this.evaluate(a, env);
          if (v === true) return true;
          if (v === null) sawNull = true;
        }
        return sawNull ? null : false;
      }
      case 'NOT': {
        const v = this.evaluate(args[0]!, env);
        return v === null ? null : !v;
      }
      case 'IF': {
        const c = this.evaluate(args[0]!, env);
        if (c === true) return this.evaluate(args[1]!, env);
        return args.length > 2 ? this.evaluate(args[2]!, env) : null;
      }
      case 'SWITCH': {
        for (const a of args) {
          if (a.kind === 'special' && a.form === 'WHEN') {
            if (this.evaluate(a.arguments[0]!, env) === true) return this.evaluate(a.arguments[1]!, env);
          } else {
            return this.evaluate(a, env);
          }
        }
        return null;
      }
      case 'WHEN':
        throw new TrinoError(StandardErrorCode.GENERIC_INTERNAL_ERROR, 'WHEN outside SWITCH');
      case 'COALESCE': {
        for (const a of args) {
          const v = this.evaluate(a, env);
          if (v !== null) return v;
        }
        return null;
      }
      case 'NULLIF': {
        const a = this.evaluate(args[0]!, env);
        const b = this.evaluate(args[1]!, env);
        if (a === null) return null;
        if (b === null) return a;
        return this.binding.equality(args[0]!.type)(a, b) ? null : a;
      }
      case 'IS_NULL':
        return this.evaluate(args[0]!, env) === null;
      case 'IN': {
        const v = this.evaluate(args[0]!, env);
        if (v === null) return null;
        const eq = this.binding.equality(args[0]!.type);
        let sawNull = false;
        for (let i = 1; i < args.length; i++) {
          const c = this.evaluate(args[i]!, env);
          if (c === null) sawNull = true;
          else if (eq(v, c)) return true;
        }
        return sawNull ? null : false;
      }
      case 'BETWEEN': {
        const v = this.evaluate(args[0]!, env);
        const lo = this.evaluate(args[1]!, env);
        const hi = this.evaluate(args[2]!, env);
        if (v === null) return null;
        const type = args[0]!.type;
        const geLow = lo === null ? null : sqlCompare(type, v, lo) >= 0;
        const leHigh = hi === null ? null : sqlCompare(type, v, hi) <= 0;
        if (geLow === false || leHigh === false) return false;
        if (geLow === null || leHigh === null) return null;
        return true;
      }
      case 'DEREFERENCE': {
        const row = this.evaluate(args[0]!, env);
        if (row === null) return null;
        const index = Number(this.evaluate(args[1]!, env));
        return (row as readonly SqlValue[])[index] ?? null;
      }
      case 'ROW_CONSTRUCTOR':
      case 'ARRAY_CONSTRUCTOR': {
        const out = new Array<SqlValue>(args.length);
        for (let i = 0; i < args.length; i++) out[i] = this.evaluate(args[i]!, env);
        return out;
      }
      case 'TRY':
        try {
          return this.evaluate(args[0]!, env);
        } catch (error) {
          if (isTryCatchable(error)) return null;
          throw error;
        }
      case 'BIND': {
        const captured = new Array<SqlValue>(args.length - 1);
        for (let i = 0; i < captured.length; i++) captured[i] = this.evaluate(args[i]!, env);
        const fn = this.evaluate(args[args.length - 1]!, env) as LambdaValue;
        const bound: LambdaValue = (...rest: SqlValue[]) => fn(...captured, ...rest);
        return bound;
      }
      default:
        return assertNever(e.form, 'special form');
    }
  }
}

/** Comparison for BETWEEN: NaN compares unequal to everything (IEEE), else type order. */
export function sqlCompare(type: RowExpression['type'], a: SqlValue, b: SqlValue): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : a === b ? 0 : NaN;
  return compareValues(type, a, b);
}

/** Implementations may return undefined by mistake; SQL has only null. BIGINT values stay canonical. */
export function normalizeResult(v: SqlValue | undefined): SqlValue {
  if (v === undefined) return null;
  if (typeof v === 'bigint' && v >= -9007199254740991n && v <= 9007199254740991n) return v;
  return v;
}
