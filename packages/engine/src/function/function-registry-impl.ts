import type { LambdaValue, SourceLocation, SqlType } from '@petrel/spi';
import { StandardErrorCode, TrinoError, typeDisplayName } from '@petrel/spi';
import type { ArgumentInfo, FunctionListing, FunctionRegistry, TypeCoercion } from './function-registry.js';
import type { OperatorName, ResolvedFunction } from './resolved-function.js';
import type {
  AggregateImplementation, FunctionContext, ScalarImplementation, WindowImplementation,
} from './function-implementation.js';
import type { BoundSignature, FunctionDefinition } from './function-definition.js';
import type { FunctionCatalog } from './function-catalog.js';
import { bindSignature } from './signature/signature-binder.js';
import { createTypeCoercion } from '../type/type-coercion.js';
import { getCastImplementation } from './cast/cast.js';

interface Applicable {
  readonly definition: FunctionDefinition;
  readonly bound: BoundSignature;
}

const OPERATOR_SYMBOLS: Partial<Record<OperatorName, string>> = {
  add: '+', subtract: '-', multiply: '*', divide: '/', modulus: '%', equal: '=', not_equal: '<>', less_than: '<',
  less_than_or_equal: '<=', greater_than: '>', greater_than_or_equal: '>=',
};

export class DefaultFunctionRegistry implements FunctionRegistry {
  readonly coercion: TypeCoercion = createTypeCoercion();
  private readonly boundCache = new Map<string, Applicable>();
  /** Resolutions by name and actual argument types (calls without lambdas). */
  private readonly resolutionCache = new Map<string, Applicable>();

  constructor(private readonly catalog: FunctionCatalog) {}

  resolveFunction(name: string, args: readonly ArgumentInfo[], location?: SourceLocation): ResolvedFunction {
    const lower = name.toLowerCase();
    const definitions = this.catalog.get(lower);
    if (definitions === undefined) {
      throw new TrinoError(StandardErrorCode.FUNCTION_NOT_FOUND, `Function '${lower}' not registered`, location);
    }
    const chosen = this.choose(definitions, args);
    if (chosen === undefined) {
      const actual = args.map((a) => (a.kind === 'value' ? typeDisplayName(a.type) : `function`)).join(', ');
      const expected = definitions.map((d) => displaySignature(lower, d)).join(', ');
      throw new TrinoError(
        StandardErrorCode.FUNCTION_NOT_FOUND,
        `Unexpected parameters (${actual}) for function ${lower}. Expected: ${expected}`,
        location,
      );
    }
    if (chosen === 'ambiguous') {
      throw new TrinoError(
        StandardErrorCode.AMBIGUOUS_FUNCTION_CALL,
        `Could not choose a best candidate operator. Explicit type casts must be added.`,
        location,
      );
    }
    return this.toResolved(lower, chosen);
  }

  resolveOperator(operator: OperatorName, argumentTypes: readonly SqlType[], location?: SourceLocation): ResolvedFunction {
    const name = `$operator$${operator}`;
    const definitions = this.catalog.get(name) ?? [];
    const args: ArgumentInfo[] = argumentTypes.map((type) => ({ kind: 'value', type }));
    const chosen = this.choose(definitions, args);
    if (chosen === undefined || chosen === 'ambiguous') {
      throw new TrinoError(StandardErrorCode.TYPE_MISMATCH, operatorNotFoundMessage(operator, argumentTypes), location);
    }
    return this.toResolved(name, chosen);
  }

  private choose(definitions: readonly FunctionDefinition[], args: readonly ArgumentInfo[]): Applicable | 'ambiguous' | undefined {
    if (definitions.length === 0) return undefined;
    const cacheable = args.every((a) => a.kind === 'value');
    const key = cacheable ? `${definitions[0]!.name}(${args.map((a) => typeDisplayName((a as { type: SqlType }).type)).join(',')})` : '';
    if (cacheable) {
      const hit = this.resolutionCache.get(key);
      if (hit !== undefined) return hit;
    }
    const chosen = this.chooseUncached(definitions, args);
    if (cacheable && chosen !== undefined && chosen !== 'ambiguous') {
      if (this.resolutionCache.size > 50_000) this.resolutionCache.clear();
      this.resolutionCache.set(key, chosen);
    }
    return chosen;
  }

  private chooseUncached(definitions: readonly FunctionDefinition[], args: readonly ArgumentInfo[]): Applicable | 'ambiguous' | undefined {
    const exact: Applicable[] = [];
    for (const d of definitions) {
      const bound = bindSignature(d.signature, args, false);
      if (bound !== undefined) exact.push({ definition: d, bound });
    }
    if (exact.length === 1) return exact[0];
    const applicable: Applicable[] = exact.length > 0 ? exact : [];
    if (applicable.length === 0) {
      for (const d of definitions) {
        const bound = bindSignature(d.signature, args, true);
        if (bound !== undefined) applicable.push({ definition: d, bound });
      }
    }
    if (applicable.length === 0) return undefined;
    if (applicable.length === 1) return applicable[0];
    const representatives: Applicable[] = [];
    for (const current of applicable) {
      let found = false;
      for (let i = 0; i < representatives.length; i++) {
        const r = representatives[i]!;
        const currentMore = isMoreSpecific(current, r);
        if (currentMore) representatives[i] = current;
        if (currentMore || isMoreSpecific(r, current)) {
          found = true;
          break;
        }
      }
      if (!found) representatives.push(current);
    }
    if (representatives.length === 1) return representatives[0];
    // Prefer the candidate needing the fewest coercions of non-NULL arguments.
    let best: Applicable[] = [];
    let bestCost = Infinity;
    for (const r of representatives) {
      const cost = coercionCost(r, args);
      if (cost < bestCost) {
        best = [r];
        bestCost = cost;
      } else if (cost === bestCost) best.push(r);
    }
    if (best.length === 1) return best[0];
    const someUnknown = args.some((a) => a.kind === 'value' && a.type.kind === 'unknown');
    const sameReturn = best.every((b) => typeDisplayName(b.bound.returnType) === typeDisplayName(best[0]!.bound.returnType));
    if (someUnknown || sameReturn) return best[0];
    return 'ambiguous';
  }

  private toResolved(name: string, a: Applicable): ResolvedFunction {
    const d = a.definition;
    const resolved: ResolvedFunction = {
      name,
      kind: d.kind,
      argumentTypes: a.bound.argumentTypes,
      returnType: a.bound.returnType,
      deterministic: d.deterministic,
      nullOnNullInput: d.kind === 'scalar' ? d.nullOnNullInput : false,
    };
    this.boundCache.set(cacheKey(name, a.bound.argumentTypes), a);
    return resolved;
  }

  /** Finds the definition a ResolvedFunction was bound to (exact binding of its argument types). */
  private lookup(fn: ResolvedFunction): Applicable {
    const key = cacheKey(fn.name, fn.argumentTypes);
    const cached = this.boundCache.get(key);
    if (cached !== undefined) return cached;
    const definitions = this.catalog.get(fn.name);
    if (definitions !== undefined) {
      const args: ArgumentInfo[] = fn.argumentTypes.map((type) => ({ kind: 'value', type }));
      for (const d of definitions) {
        if (d.kind !== fn.kind) continue;
        const bound = bindSignature(d.signature, args, false);
        if (bound !== undefined) {
          const a = { definition: d, bound };
          this.boundCache.set(key, a);
          return a;
        }
      }
    }
    throw new TrinoError(
      StandardErrorCode.FUNCTION_IMPLEMENTATION_MISSING,
      `Function implementation missing: ${fn.name}(${fn.argumentTypes.map(typeDisplayName).join(', ')})`,
    );
  }

  isAggregateFunction(name: string): boolean {
    return this.catalog.get(name)?.some((d) => d.kind === 'aggregate') ?? false;
  }

  isWindowFunction(name: string): boolean {
    return this.catalog.get(name)?.some((d) => d.kind === 'window') ?? false;
  }

  exists(name: string): boolean {
    return this.catalog.get(name) !== undefined;
  }

  getScalarImplementation(fn: ResolvedFunction, context: FunctionContext): ScalarImplementation {
    const a = this.lookup(fn);
    if (a.definition.kind !== 'scalar') throw new Error(`${fn.name} is not a scalar function`);
    return a.definition.implement(a.bound, context);
  }

  getAggregateImplementation(fn: ResolvedFunction, context: FunctionContext, lambdas: readonly LambdaValue[] = []): AggregateImplementation {
    const a = this.lookup(fn);
    if (a.definition.kind !== 'aggregate') throw new Error(`${fn.name} is not an aggregate function`);
    return a.definition.implement(a.bound, context, lambdas);
  }

  getWindowImplementation(fn: ResolvedFunction, context: FunctionContext): WindowImplementation {
    const a = this.lookup(fn);
    if (a.definition.kind === 'window') return a.definition.implement(a.bound, context);
    throw new Error(`${fn.name} is not a window function`);
  }

  getCastImplementation(from: SqlType, to: SqlType, context: FunctionContext): ScalarImplementation {
    return getCastImplementation(from, to, context);
  }

  listFunctions(): readonly FunctionListing[] {
    const rows: FunctionListing[] = [];
    for (const d of this.catalog.all()) {
      if (d.hidden) continue;
      const sig = d.signature;
      // Trino lists a variadic parameter once, without an ellipsis (`concat | varchar | varchar`)
      const args = sig.parameterText;
      rows.push({
        name: d.name,
        returnType: sig.returnText !== '' ? sig.returnText : returnTextOf(d),
        argumentTypes: args.join(', '),
        kind: d.kind,
        deterministic: d.deterministic,
        description: d.description,
      });
    }
    rows.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.argumentTypes < b.argumentTypes ? -1 : 1));
    return rows;
  }
}

function returnTextOf(d: FunctionDefinition): string {
  const first = d.signature.parameterText[0];
  return first !== undefined && /decimal/.test(first) ? 'decimal(p,s)' : '';
}

function cacheKey(name: string, types: readonly SqlType[]): string {
  return `${name}(${types.map(typeDisplayName).join(',')})`;
}

function isMoreSpecific(a: Applicable, b: Applicable): boolean {
  const args: ArgumentInfo[] = a.bound.argumentTypes.map((type) => ({ kind: 'value', type }));
  return bindSignature(b.definition.signature, args, true) !== undefined;
}

function coercionCost(a: Applicable, args: readonly ArgumentInfo[]): number {
  let cost = 0;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg.kind !== 'value' || arg.type.kind === 'unknown') continue;
    if (typeDisplayName(arg.type) !== typeDisplayName(a.bound.argumentTypes[i]!)) cost++;
  }
  return cost;
}

function displaySignature(name: string, d: FunctionDefinition): string {
  const sig = d.signature;
  const params = sig.parameterText.map((t, i) => (sig.variadic !== undefined && i === sig.parameterText.length - 1 ? `${t}...` : t));
  const constraints = [...sig.orderable.map((v) => `${v}:orderable`), ...sig.comparable.map((v) => `${v}:comparable`)];
  return `${name}(${params.join(', ')})${constraints.length > 0 ? ' ' + constraints.join(', ') : ''}`;
}

export function operatorNotFoundMessage(operator: OperatorName, types: readonly SqlType[]): string {
  const names = types.map(typeDisplayName);
  const symbol = OPERATOR_SYMBOLS[operator];
  if (symbol !== undefined && names.length === 2) return `Cannot apply operator: ${names[0]} ${symbol} ${names[1]}`;
  switch (operator) {
    case 'negate':
      return `Cannot negate ${names[0]}`;
    case 'is_distinct_from':
      return `Cannot check if ${names[0]} is distinct from ${names[1]}`;
    case 'subscript':
      return `Cannot use ${names[1]} for subscript of ${names[0]}`;
    default:
      return `Operator '${operator}' cannot be applied to ${names.join(', ')}`;
  }
}
