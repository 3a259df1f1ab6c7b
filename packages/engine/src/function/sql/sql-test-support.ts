import assert from 'node:assert/strict';
import type { SqlValue } from '@petrel/spi';
import { TrinoError } from '@petrel/spi';
/** What the SQL-level tests need of the engine (tests pass `Engine.create()`; the function layer does not import the engine). */
export interface QueryEngine {
  query(sql: string): Promise<{ readonly rows: SqlValue[][] }>;
  shutdown(): Promise<void>;
}

let shared: Promise<QueryEngine> | undefined;

/** Sets the engine the helpers below run queries on (one per test process). */
export function useEngine(engine: Promise<QueryEngine>): void {
  shared = engine;
}

export function sharedEngine(): Promise<QueryEngine> {
  if (shared === undefined) throw new Error('call useEngine(Engine.create()) first');
  return shared;
}

function plain(v: SqlValue): unknown {
  if (v === null || typeof v !== 'object') return typeof v === 'bigint' ? v : v;
  if (v instanceof Uint8Array) return Buffer.from(v).toString('hex');
  if (Array.isArray(v)) return v.map((x) => plain(x as SqlValue));
  const o = v as unknown as { kind?: string; keys?: SqlValue[]; values?: SqlValue[] };
  if (o.kind === 'map') return Object.fromEntries(o.keys!.map((k, i) => [String(plain(k)), plain(o.values![i]!)]));
  return v;
}

export async function rows(sql: string): Promise<unknown[][]> {
  const engine = await sharedEngine();
  const r = await engine.query(sql);
  return r.rows.map((row) => row.map(plain));
}

/** `SELECT expr, typeof(expr)`: asserts the value (plain JS: maps as objects, varbinary as hex) and the type. */
export async function assertExpression(expression: string, value: unknown, type: string): Promise<void> {
  const r = await rows(`SELECT ${expression}, typeof(${expression})`);
  assert.deepEqual(r[0]![0], value, expression);
  assert.equal(r[0]![1], type, `typeof(${expression})`);
}

export async function assertValue(sql: string, expected: unknown[][]): Promise<void> {
  assert.deepEqual(await rows(sql), expected, sql);
}

/** Asserts the query fails with the Trino error name (and message fragment). */
export async function assertError(expressionOrQuery: string, errorName: string, message?: string | RegExp): Promise<void> {
  const engine = await sharedEngine();
  const sql = /^\s*(SELECT|WITH)\b/i.test(expressionOrQuery) ? expressionOrQuery : `SELECT ${expressionOrQuery}`;
  await assert.rejects(engine.query(sql), (e: unknown) => {
    assert.ok(e instanceof TrinoError, `${sql}: not a TrinoError: ${String(e)}`);
    assert.equal(e.errorName, errorName, `${sql}: ${e.message}`);
    if (typeof message === 'string') assert.ok(e.message.includes(message), `${sql}: ${e.message}`);
    else if (message !== undefined) assert.match(e.message, message, sql);
    return true;
  });
}
