import assert from 'node:assert/strict';
import type { SqlType, SqlValue } from '@petrel/spi';
import { TrinoError, typeDisplayName, getValue, objectBlock, blockPositionCount } from '@petrel/spi';
import type { Block } from '@petrel/spi';
import type { ArgumentInfo, FunctionRegistry } from '../function-registry.js';
import type { FunctionContext } from '../function-implementation.js';
import { createFunctionRegistry } from '../create-function-registry.js';
import { parseTypeText } from './parse-type-text.js';

/** Test helpers: resolve through the registry, then invoke the implementation. */
export const registry: FunctionRegistry = createFunctionRegistry();

export const context: FunctionContext = {
  user: 'test',
  timeZone: 'America/Los_Angeles',
  startTime: Date.UTC(2024, 2, 15, 17, 30, 45, 123),
  catalog: 'tpch',
  schema: 'tiny',
  path: '',
  locale: 'en-US',
  queryId: 'q1',
};

export function t(text: string): SqlType {
  return parseTypeText(text);
}

/** Calls a scalar function with NULL-on-NULL handled as the engine does. */
export function call(name: string, types: readonly string[], ...args: SqlValue[]): { value: SqlValue; type: string } {
  const fn = registry.resolveFunction(name, types.map((x) => ({ kind: 'value', type: t(x) })));
  const impl = registry.getScalarImplementation(fn, context);
  if (fn.nullOnNullInput && args.some((a) => a === null)) return { value: null, type: typeDisplayName(fn.returnType) };
  // coerce arguments the way the analyzer would
  const coerced = args.map((a, i) => {
    const from = t(types[i]!);
    const to = fn.argumentTypes[i]!;
    if (typeDisplayName(from) === typeDisplayName(to) || to.kind === 'function') return a;
    return registry.getCastImplementation(from, to, context)(a);
  });
  return { value: impl(...coerced), type: typeDisplayName(fn.returnType) };
}

export function value(name: string, types: readonly string[], ...args: SqlValue[]): SqlValue {
  return call(name, types, ...args).value;
}

export function lambdaArg(arity: number, body: (types: readonly SqlType[]) => SqlType): ArgumentInfo {
  return { kind: 'lambda', arity, analyzeBody: body };
}

export function op(operator: Parameters<FunctionRegistry['resolveOperator']>[0], types: readonly string[], ...args: SqlValue[]): SqlValue {
  const fn = registry.resolveOperator(operator, types.map(t));
  const impl = registry.getScalarImplementation(fn, context);
  const coerced = args.map((a, i) => {
    const from = t(types[i]!);
    const to = fn.argumentTypes[i]!;
    if (a === null || typeDisplayName(from) === typeDisplayName(to)) return a;
    return registry.getCastImplementation(from, to, context)(a);
  });
  if (fn.nullOnNullInput && coerced.some((a) => a === null)) return null;
  return impl(...coerced);
}

export function cast(from: string, to: string, v: SqlValue): SqlValue {
  return registry.getCastImplementation(t(from), t(to), context)(v);
}

export function assertTrinoError(f: () => unknown, errorName: string, message?: string | RegExp): void {
  assert.throws(f, (e: unknown) => {
    assert.ok(e instanceof TrinoError, `expected TrinoError, got ${String(e)}`);
    assert.equal(e.errorName, errorName, e.message);
    if (typeof message === 'string') assert.equal(e.rawMessage, message);
    else if (message !== undefined) assert.match(e.rawMessage, message);
    return true;
  });
}

/** Runs an aggregate over rows split in two partial accumulators, merged by a final one. */
export function aggregate(name: string, types: readonly string[], rows: readonly SqlValue[][], groups?: readonly number[]): SqlValue[] {
  const fn = registry.resolveFunction(name, types.map((x) => ({ kind: 'value', type: t(x) })));
  const impl = registry.getAggregateImplementation(fn, context);
  const groupIds = Int32Array.from(groups ?? rows.map(() => 0));
  const groupCount = groupIds.length === 0 ? 1 : Math.max(...groupIds) + 1;
  const half = Math.floor(rows.length / 2);
  const finalAcc = impl.createAccumulator();
  for (const [start, end] of [[0, half], [half, rows.length]] as const) {
    const acc = impl.createAccumulator();
    const slice = rows.slice(start, end);
    const ids = groupIds.slice(start, end);
    const blocks: Block[] = types.map((_, c) => objectBlock(slice.map((r) => r[c]!)));
    acc.addInput(ids, groupCount, blocks, slice.length);
    const inter = acc.getIntermediate(groupCount);
    assert.equal(blockPositionCount(inter), groupCount);
    finalAcc.addIntermediate(Int32Array.from({ length: groupCount }, (_, i) => i), groupCount, inter, groupCount);
  }
  const out = finalAcc.getFinal(groupCount);
  return Array.from({ length: groupCount }, (_, i) => getValue(out, i));
}
