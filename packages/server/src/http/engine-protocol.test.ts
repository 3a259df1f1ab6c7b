// The protocol over the real engine, with the unmodified trino-client and presto-client packages.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { Trino } from 'trino-client';
import { createEngine } from '../engine-port.js';
import { parseJson } from '../protocol/json-value.js';
import { PetrelServer } from './petrel-server.js';

const require = createRequire(import.meta.url);
const presto = require('presto-client') as { Client: new (options: Record<string, unknown>) => { execute(options: Record<string, unknown>): void } };

let server: PetrelServer;
let base: string;

before(async () => {
  server = new PetrelServer({ engine: await createEngine({}), port: 0, host: '127.0.0.1', log: () => {} });
  base = `http://127.0.0.1:${await server.listen()}`;
});

after(async () => {
  await server.close();
});

interface Results {
  id: string;
  nextUri?: string;
  columns?: { name: string; type: string }[];
  data?: unknown[][];
  error?: { errorName: string; errorLocation?: unknown; message: string };
  updateType?: string;
}

/** Runs a statement with raw HTTP; returns every response's JSON text and the final headers. */
async function runRaw(sql: string, headers: Record<string, string> = {}): Promise<{ texts: string[]; last: Results; finalHeaders: Headers }> {
  let response = await fetch(`${base}/v1/statement`, { method: 'POST', body: sql, headers: { 'X-Trino-User': 'test', ...headers } });
  const texts = [await response.text()];
  let results = parseJson(texts[0]!) as unknown as Results;
  while (results.nextUri !== undefined) {
    response = await fetch(results.nextUri);
    texts.push(await response.text());
    results = parseJson(texts[texts.length - 1]!) as unknown as Results;
  }
  return { texts, last: results, finalHeaders: response.headers };
}

function trino(): Trino {
  return Trino.create({ server: base, catalog: 'tpch', schema: 'tiny', extraHeaders: { 'X-Trino-User': 'test' } });
}

async function rowsOf(client: Trino, sql: string): Promise<{ rows: unknown[][]; error: Results['error'] | undefined; columns: Results['columns'] }> {
  const rows: unknown[][] = [];
  let error: Results['error'];
  let columns: Results['columns'];
  for await (const result of await client.query(sql)) {
    const r = result as unknown as Results;
    if (r.error !== undefined) error = r.error;
    if (r.columns !== undefined) columns = r.columns;
    rows.push(...(r.data ?? []));
  }
  return { rows, error, columns };
}

describe('protocol over the real engine', () => {
  test('values of many types are encoded exactly as Trino does', async () => {
    const { texts } = await runRaw(
      "SELECT 9223372036854775807 AS b, DECIMAL '10.30' AS d, DATE '2001-08-22' AS dt, TIMESTAMP '2001-08-22 03:04:05.321' AS ts, ARRAY[1,2] AS a, X'616263' AS v, nan() AS n, 1e10 AS e, INTERVAL '1' DAY AS i",
    );
    const data = texts.find((t) => t.includes('"data"'))!;
    assert.match(data, /"data":\[\[9223372036854775807,"10.30","2001-08-22","2001-08-22 03:04:05.321",\[1,2\],"YWJj","NaN",1.0E10,"1 00:00:00.000"\]\]/);
    assert.match(data, /\{"name":"d","type":"decimal\(4,2\)","typeSignature":\{"rawType":"decimal","arguments":\[\{"kind":"LONG","value":4\},\{"kind":"LONG","value":2\}\]\}\}/);
  });

  test('syntax and runtime errors', async () => {
    const syntax = (await runRaw('SELECT FROM')).last.error!;
    assert.equal(syntax.errorName, 'SYNTAX_ERROR');
    assert.deepEqual(syntax.errorLocation, { lineNumber: 1, columnNumber: 8 });
    const runtime = (await runRaw('SELECT 1/0')).last.error!;
    assert.equal(runtime.errorName, 'DIVISION_BY_ZERO');
    const missing = (await runRaw('SELECT * FROM tpch.tiny.nope')).last.error!;
    assert.equal(missing.errorName, 'TABLE_NOT_FOUND');
  });

  test('USE and PREPARE come back as headers and round-trip', async () => {
    const use = await runRaw('USE tpch.tiny');
    assert.equal(use.finalHeaders.get('x-trino-set-catalog'), 'tpch');
    assert.equal(use.finalHeaders.get('x-trino-set-schema'), 'tiny');
    const prepare = await runRaw('PREPARE q FROM SELECT ? + 1');
    const added = prepare.finalHeaders.get('x-trino-added-prepare')!;
    assert.equal(added, `q=${encodeURIComponent('SELECT ? + 1')}`);
    const executed = await runRaw('EXECUTE q USING 41', { 'X-Trino-Prepared-Statement': added });
    assert.deepEqual(executed.texts.flatMap((t) => (parseJson(t) as unknown as Results).data ?? []), [[42]]);
  });

  test('trino-client pages through a large result and keeps the session', async () => {
    const client = trino();
    const { rows, error } = await rowsOf(client, 'SELECT orderkey FROM tpch.sf1.orders LIMIT 1000000');
    assert.equal(error, undefined);
    assert.equal(rows.length, 1_000_000);
    const nation = await rowsOf(client, 'SELECT count(*) FROM nation');
    assert.deepEqual(nation.rows, [[25]]);
    await rowsOf(client, 'USE tpch.sf1');
    const after = await rowsOf(client, 'SELECT count(*) FROM region');
    assert.deepEqual(after.rows, [[5]]);
    const failure = await rowsOf(client, 'SELECT x FROM nation');
    assert.equal(failure.error?.errorName, 'COLUMN_NOT_FOUND');
  });

  test('presto-client with engine trino', async () => {
    const client = new presto.Client({ host: '127.0.0.1', port: server.port(), user: 'test', engine: 'trino', catalog: 'tpch', schema: 'tiny', checkInterval: 10 });
    const result = await new Promise<{ rows: unknown[][]; error?: { errorName?: string } }>((resolve) => {
      const rows: unknown[][] = [];
      client.execute({
        query: 'SELECT name FROM nation WHERE nationkey < 3 ORDER BY nationkey',
        data: (_e: unknown, d: unknown[][]) => rows.push(...d),
        success: () => resolve({ rows }),
        error: (error: { errorName?: string }) => resolve({ rows, error }),
      });
    });
    assert.equal(result.error, undefined);
    assert.deepEqual(result.rows, [['ALGERIA'], ['ARGENTINA'], ['BRAZIL']]);
  });

  test('DELETE on nextUri cancels a running query', async () => {
    const first = (await (await fetch(`${base}/v1/statement`, { method: 'POST', body: 'SELECT count(*) FROM tpch.sf1.lineitem', headers: { 'X-Trino-User': 'test' } })).json()) as Results;
    const queued = (await (await fetch(first.nextUri!)).json()) as Results;
    const running = (await (await fetch(`${queued.nextUri!}?maxWait=10ms`)).json()) as Results;
    assert.ok(running.nextUri !== undefined, 'still running after the first poll');
    assert.equal((await fetch(running.nextUri!, { method: 'DELETE' })).status, 204);
    const deadline = Date.now() + 10_000;
    let state = '';
    while (Date.now() < deadline) {
      state = ((await (await fetch(`${base}/v1/query/${first.id}`)).json()) as { state: string }).state;
      if (state === 'FAILED') break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.equal(state, 'FAILED');
  });
});
