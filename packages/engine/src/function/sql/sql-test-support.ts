import assert from 'node:assert/strict';
import type { SqlValue } from '@petrel/spi';
import { TrinoError } from '@petrel/spi';
import { Engine } from '../../engine.js';

let shared: Promise<Engine> | undefined;

/** One engine for all SQL-level function tests of a process (default catalogs). */
export function sharedEngine(): Promise<Engine> {
  shared ??= Engine.create();
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
