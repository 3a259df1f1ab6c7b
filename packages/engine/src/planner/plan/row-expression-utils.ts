import { BOOLEAN, assertNever, typeDisplayName } from '@petrel/spi';
import type { SqlValue } from '@petrel/spi';
import type { RowExpression } from '../../ir/row-expression.js';
import { constant, special } from '../../ir/row-expression.js';

export const TRUE_CONSTANT = constant(true, BOOLEAN);
export const FALSE_CONSTANT = constant(false, BOOLEAN);

/** A canonical text of an expression: equal texts mean structurally equal expressions. */
export function expressionKey(e: RowExpression): string {
  switch (e.kind) {
    case 'constant':
      return `${valueKey(e.value)}:${typeDisplayName(e.type)}`;
    case 'variable':
      return `$${e.name}`;
    case 'call':
      return `${e.function.name}<${e.function.argumentTypes.map(typeDisplayName).join(',')}>(${e.arguments.map(expressionKey).join(',')})`;
    case 'cast':
      return `${e.safe ? 'try_cast' : 'cast'}(${expressionKey(e.argument)} as ${typeDisplayName(e.type)})`;
    case 'special':
      return `${e.form}:${typeDisplayName(e.type)}(${e.arguments.map(expressionKey).join(',')})`;
    case 'lambda':
      return `(${e.parameters.map((p) => p.name).join(',')})->${expressionKey(e.body)}`;
    default:
      return assertNever(e, 'expression');
  }
}

function valueKey(v: SqlValue): string {
  if (v === null) return 'null';
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Uint8Array) return `X'${Buffer.from(v).toString('hex')}'`;
  if (typeof v === 'function') return 'lambda';
  return JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? `${x}n` : x instanceof Uint8Array ? Buffer.from(x).toString('hex') : x));
}

/** Names of the symbols an expression reads (lambda parameters excluded). */
export function symbolsIn(e: RowExpression, out: Set<string> = new Set(), bound: ReadonlySet<string> = new Set()): Set<string> {
  switch (e.kind) {
    case 'constant':
      return out;
    case 'variable':
      if (!bound.has(e.name)) out.add(e.name);
      return out;
    case 'call':
    case 'special':
      for (const a of e.arguments) symbolsIn(a, out, bound);
      return out;
    case 'cast':
      return symbolsIn(e.argument, out, bound);
    case 'lambda': {
      const inner = new Set(bound);
      for (const p of e.parameters) inner.add(p.name);
      return symbolsIn(e.body, out, inner);
    }
    default:
      return assertNever(e, 'expression');
  }
}

/** Replaces variables by expressions (lambda parameters shadow). */
export function substitute(e: RowExpression, mapping: ReadonlyMap<string, RowExpression>): RowExpression {
  if (mapping.size === 0) return e;
  switch (e.kind) {
    case 'constant':
      return e;
    case 'variable':
      return mapping.get(e.name) ?? e;
    case 'call': {
      const args = e.arguments.map((a) => substitute(a, mapping));
      return args.every((a, i) => a === e.arguments[i]) ? e : { ...e, arguments: args };
    }
    case 'special': {
      const args = e.arguments.map((a) => substitute(a, mapping));
      return args.every((a, i) => a === e.arguments[i]) ? e : { ...e, arguments: args };
    }
    case 'cast': {
      const a = substitute(e.argument, mapping);
      return a === e.argument ? e : { ...e, argument: a };
    }
    case 'lambda': {
      const inner = new Map(mapping);
      for (const p of e.parameters) inner.delete(p.name);
      const body = substitute(e.body, inner);
      return body === e.body ? e : { ...e, body };
    }
    default:
      return assertNever(e, 'expression');
  }
}

export function renameSymbols(e: RowExpression, renames: ReadonlyMap<string, string>): RowExpression {
  return substituteVariables(e, renames);
}

function substituteVariables(e: RowExpression, renames: ReadonlyMap<string, string>): RowExpression {
  const mapping = new Map<string, RowExpression>();
  for (const name of symbolsIn(e)) {
    const to = renames.get(name);
    if (to !== undefined) mapping.set(name, { kind: 'variable', name: to, type: findVariableType(e, name) ?? BOOLEAN });
  }
  return substitute(e, mapping);
}

function findVariableType(e: RowExpression, name: string): RowExpression['type'] | undefined {
  switch (e.kind) {
    case 'constant':
      return undefined;
    case 'variable':
      return e.name === name ? e.type : undefined;
    case 'call':
    case 'special':
      for (const a of e.arguments) {
        const t = findVariableType(a, name);
        if (t !== undefined) return t;
      }
      return undefined;
    case 'cast':
      return findVariableType(e.argument, name);
    case 'lambda':
      return findVariableType(e.body, name);
    default:
      return assertNever(e, 'expression');
  }
}

/** Flattens nested ANDs. */
export function extractConjuncts(e: RowExpression): RowExpression[] {
  if (e.kind === 'special' && e.form === 'AND') return e.arguments.flatMap(extractConjuncts);
  if (e.kind === 'constant' && e.value === true) return [];
  return [e];
}

export function extractDisjuncts(e: RowExpression): RowExpression[] {
  if (e.kind === 'special' && e.form === 'OR') return e.arguments.flatMap(extractDisjuncts);
  return [e];
}

/** AND of conjuncts, deduplicated; TRUE when empty. */
export function combineConjuncts(list: readonly RowExpression[]): RowExpression {
  const seen = new Set<string>();
  const out: RowExpression[] = [];
  for (const c of list.flatMap(extractConjuncts)) {
    const k = expressionKey(c);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(c);
  }
  if (out.length === 0) return TRUE_CONSTANT;
  if (out.length === 1) return out[0]!;
  return special('AND', BOOLEAN, out);
}

export function combineDisjuncts(list: readonly RowExpression[]): RowExpression {
  if (list.length === 0) return FALSE_CONSTANT;
  if (list.length === 1) return list[0]!;
  return special('OR', BOOLEAN, list.flatMap(extractDisjuncts));
}

export function isTrueConstant(e: RowExpression): boolean {
  return e.kind === 'constant' && e.value === true;
}

/** true when evaluating the expression twice gives the same result for the same input. */
export function isDeterministic(e: RowExpression): boolean {
  switch (e.kind) {
    case 'constant':
    case 'variable':
      return true;
    case 'call':
      return e.function.deterministic && e.arguments.every(isDeterministic);
    case 'special':
      return e.arguments.every(isDeterministic);
    case 'cast':
      return isDeterministic(e.argument);
    case 'lambda':
      return isDeterministic(e.body);
    default:
      return assertNever(e, 'expression');
  }
}

/** `a = b` between two variables: the pair of names, else undefined. */
export function asVariableEquality(e: RowExpression): { left: string; right: string } | undefined {
  if (e.kind !== 'call' || e.function.name !== '$operator$equal') return undefined;
  const [a, b] = e.arguments;
  if (a?.kind === 'variable' && b?.kind === 'variable') return { left: a.name, right: b.name };
  return undefined;
}
