import type { SqlType } from '@petrel/spi';
import { UNKNOWN, arrayType, functionType, isComparableType, isOrderableType, mapType, qdigestType, rowType, typeEquals } from '@petrel/spi';
import type { ArgumentInfo } from '../function-registry.js';
import type { BoundSignature, Signature } from '../function-definition.js';
import { canCoerce, coerceTypeBase, getCommonSuperType } from '../../type/type-coercion.js';
import type { TypePattern } from './type-pattern.js';
import { familyParameters, makeFamilyType, UNBOUNDED_LENGTH } from './type-pattern.js';

/**
 * Binds a signature to actual argument types: solves type variables (to the common super type of
 * what they meet when coercion is allowed, exactly otherwise) and literal parameters (the maximum
 * seen), infers lambda parameter types, then checks every argument coerces to its parameter.
 */
export function bindSignature(signature: Signature, args: readonly ArgumentInfo[], allowCoercion: boolean): BoundSignature | undefined {
  const params = expandParameters(signature, args.length);
  if (params === undefined) return undefined;
  const typeCandidates = new Map<string, SqlType[]>();
  const literalCandidates = new Map<string, number[]>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.kind === 'lambda') {
      if (params[i]!.kind !== 'function') return undefined;
      continue;
    }
    if (!collect(params[i]!, a.type, allowCoercion, typeCandidates, literalCandidates)) return undefined;
  }
  const types = new Map<string, SqlType>();
  for (const [name, candidates] of typeCandidates) {
    let t: SqlType | undefined = candidates[0]!;
    for (let j = 1; j < candidates.length && t !== undefined; j++) {
      const c = candidates[j]!;
      if (typeEquals(t, c)) continue;
      t = allowCoercion ? getCommonSuperType(t, c) : undefined;
    }
    if (t === undefined) return undefined;
    types.set(name, t);
  }
  const literals = new Map<string, number>();
  for (const [name, values] of literalCandidates) literals.set(name, Math.max(...values));

  // Lambdas: infer parameter types, analyze bodies, bind the result variables.
  for (let round = 0; round < 3; round++) {
    let changed = false;
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a.kind !== 'lambda') continue;
      const p = params[i] as Extract<TypePattern, { kind: 'function' }>;
      if (p.args.length !== a.arity) return undefined;
      const parameterTypes: SqlType[] = [];
      for (const ap of p.args) {
        const t = substitute(ap, types, literals, false);
        if (t === undefined) return undefined;
        parameterTypes.push(t);
      }
      const bodyType = a.analyzeBody(parameterTypes);
      const ret = p.ret;
      if (ret.kind === 'variable') {
        const existing = types.get(ret.name);
        if (existing === undefined) {
          types.set(ret.name, bodyType);
          changed = true;
        } else if (!typeEquals(existing, bodyType)) {
          if (!allowCoercion) return undefined;
          const sup = getCommonSuperType(existing, bodyType);
          if (sup === undefined) return undefined;
          if (!typeEquals(sup, existing)) {
            types.set(ret.name, sup);
            changed = true;
          }
        }
      } else {
        const tc = new Map<string, SqlType[]>();
        const lc = new Map<string, number[]>();
        if (!collect(ret, bodyType, allowCoercion, tc, lc)) return undefined;
        for (const [n, c] of tc) {
          if (!types.has(n)) {
            types.set(n, c[0]!);
            changed = true;
          }
        }
        for (const [n, c] of lc) {
          if (!literals.has(n)) {
            literals.set(n, Math.max(...c));
            changed = true;
          }
        }
        const t = substitute(ret, types, literals, true)!;
        if (!(allowCoercion ? canCoerce(bodyType, t) : typeEquals(bodyType, t))) return undefined;
      }
    }
    if (!changed) break;
  }

  for (const name of signature.orderable) {
    const t = types.get(name);
    if (t !== undefined && !isOrderableType(t)) return undefined;
  }
  for (const name of signature.comparable) {
    const t = types.get(name);
    if (t !== undefined && !isComparableType(t)) return undefined;
  }

  const argumentTypes: SqlType[] = [];
  for (let i = 0; i < args.length; i++) {
    const t = substitute(params[i]!, types, literals, true)!;
    const a = args[i]!;
    if (a.kind === 'value') {
      if (allowCoercion ? !canCoerce(a.type, t) : !typeEquals(a.type, t)) return undefined;
    }
    argumentTypes.push(t);
  }
  const partial = { argumentTypes, typeVariables: types, literals };
  const returnType =
    typeof signature.returnType === 'function' ? signature.returnType(partial) : substitute(signature.returnType, types, literals, true)!;
  return { ...partial, returnType };
}

function expandParameters(signature: Signature, count: number): TypePattern[] | undefined {
  const params = signature.parameters;
  if (signature.variadic === undefined) return count === params.length ? [...params] : undefined;
  if (count < signature.minArguments) return undefined;
  const fixed = params.length - 1;
  if (count < fixed) return undefined;
  const out = params.slice(0, fixed);
  const last = params[fixed]!;
  for (let i = fixed; i < count; i++) out.push(signature.variadic === 'any' ? renameVariables(last, `#${i}`) : last);
  return out;
}

function renameVariables(p: TypePattern, suffix: string): TypePattern {
  switch (p.kind) {
    case 'variable':
      return { kind: 'variable', name: p.name + suffix };
    case 'array':
      return { kind: 'array', element: renameVariables(p.element, suffix) };
    case 'map':
      return { kind: 'map', key: renameVariables(p.key, suffix), value: renameVariables(p.value, suffix) };
    case 'qdigest':
      return { kind: 'qdigest', value: renameVariables(p.value, suffix) };
    case 'row':
    case 'function':
    case 'concrete':
    case 'parametric':
      return p;
  }
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

function collect(
  p: TypePattern,
  actual: SqlType,
  allowCoercion: boolean,
  types: Map<string, SqlType[]>,
  literals: Map<string, number[]>,
): boolean {
  switch (p.kind) {
    case 'concrete':
      return true;
    case 'variable':
      push(types, p.name, actual);
      return true;
    case 'parametric': {
      let t: SqlType | undefined = actual;
      if (actual.kind !== p.family) t = allowCoercion ? coerceTypeBase(actual, p.family) : undefined;
      if (t === undefined) return false;
      const values = familyParameters(t);
      if (values === undefined) return false;
      for (let i = 0; i < p.params.length; i++) {
        const name = p.params[i]!;
        if (typeof name === 'string') push(literals, name, values[i]!);
      }
      return true;
    }
    case 'array':
      if (actual.kind === 'array') return collect(p.element, actual.elementType, allowCoercion, types, literals);
      return actual.kind === 'unknown' && allowCoercion;
    case 'map':
      if (actual.kind === 'map') {
        return collect(p.key, actual.keyType, allowCoercion, types, literals) && collect(p.value, actual.valueType, allowCoercion, types, literals);
      }
      return actual.kind === 'unknown' && allowCoercion;
    case 'qdigest':
      if (actual.kind === 'qdigest') return collect(p.value, actual.valueType, allowCoercion, types, literals);
      return actual.kind === 'unknown' && allowCoercion;
    case 'row':
      if (actual.kind === 'row' && actual.fields.length === p.fields.length) {
        return p.fields.every((f, i) => collect(f, actual.fields[i]!.type, allowCoercion, types, literals));
      }
      return actual.kind === 'unknown' && allowCoercion;
    case 'function':
      if (actual.kind !== 'function' || actual.argumentTypes.length !== p.args.length) return false;
      return (
        p.args.every((a, i) => collect(a, actual.argumentTypes[i]!, false, types, literals)) &&
        collect(p.ret, actual.returnType, false, types, literals)
      );
  }
}

/** The concrete type of a pattern under the bindings; unbound variables become `unknown` when `defaultUnbound`. */
export function substitute(
  p: TypePattern,
  types: ReadonlyMap<string, SqlType>,
  literals: ReadonlyMap<string, number>,
  defaultUnbound: boolean,
): SqlType | undefined {
  switch (p.kind) {
    case 'concrete':
      return p.type;
    case 'variable': {
      const t = types.get(p.name);
      return t ?? (defaultUnbound ? UNKNOWN : undefined);
    }
    case 'parametric': {
      const values: number[] = [];
      for (const x of p.params) {
        if (typeof x === 'number') values.push(x);
        else {
          const v = literals.get(x);
          if (v === undefined) {
            if (!defaultUnbound) return undefined;
            values.push(p.family === 'varchar' ? UNBOUNDED_LENGTH : p.family === 'decimal' ? (values.length === 0 ? 38 : 0) : 3);
          } else values.push(v);
        }
      }
      return makeFamilyType(p.family, values);
    }
    case 'array': {
      const e = substitute(p.element, types, literals, defaultUnbound);
      return e === undefined ? undefined : arrayType(e);
    }
    case 'map': {
      const k = substitute(p.key, types, literals, defaultUnbound);
      const v = substitute(p.value, types, literals, defaultUnbound);
      return k === undefined || v === undefined ? undefined : mapType(k, v);
    }
    case 'qdigest': {
      const v = substitute(p.value, types, literals, defaultUnbound);
      return v === undefined ? undefined : qdigestType(v);
    }
    case 'row': {
      const fields = p.fields.map((f) => substitute(f, types, literals, defaultUnbound));
      if (fields.some((f) => f === undefined)) return undefined;
      return rowType(fields.map((t) => ({ name: undefined, type: t! })));
    }
    case 'function': {
      const args = p.args.map((a) => substitute(a, types, literals, defaultUnbound));
      const ret = substitute(p.ret, types, literals, defaultUnbound);
      if (ret === undefined || args.some((a) => a === undefined)) return undefined;
      return functionType(args as SqlType[], ret);
    }
  }
}
