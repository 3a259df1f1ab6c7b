// The protocol server over the real engine (catalogs tpch, memory, system): exact JSON and headers.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { Trino } from 'trino-client';
import { Engine } from '@petrel/engine';
import { PetrelServer } from './petrel-server.js';
import { parseJson } from '../protocol/json-value.js';

const require = createRequire(import.meta.url);
const presto = require('presto-client') as {
  Client: new (options: Record<string, unknown>) => { execute(options: Record<string, unknown>): void };
};

/** Runs until cancelled, abandoned or killed (6 billion rows), without producing a row before. */
const LONG = 'SELECT count(*) FROM tpch.sf1000.lineitem';
/** 1..1,000,000 in pages. */
const MANY = 'SELECT a.x * 1000 + b.x + 1 AS n FROM UNNEST(sequence(0, 999)) a(x) CROSS JOIN UNNEST(sequence(0, 999)) b(x)';
/** Streams rows at once and keeps going until cancelled. */
const STREAMING = 'SELECT orderkey FROM tpch.sf1000.lineitem';
const TYPES = `SELECT BIGINT '9223372036854775807' AS b, nan() AS d, DECIMAL '123.45' AS dec, MAP(ARRAY['k'], ARRAY[1]) AS m, ARRAY['x', NULL] AS a, CAST(ROW(7) AS ROW(x INTEGER)) AS r`;

let server: PetrelServer;
let engine: Engine;
let base: string;
/** A second node whose query.client.timeout is 300 ms, for abandonment and long polling. */
let shortServer: PetrelServer;
let shortEngine: Engine;
let shortBase: string;

before(async () => {
  engine = await Engine.create();
  server = new PetrelServer({ engine, port: 0, host: '127.0.0.1', log: () => {} });
  base = `http://127.0.0.1:${await server.listen()}`;
  shortEngine = await Engine.create();
  shortServer = new PetrelServer({ engine: shortEngine, port: 0, host: '127.0.0.1', log: () => {}, queryManager: { clientTimeoutMillis: 300 } });
  shortBase = `http://127.0.0.1:${await shortServer.listen()}`;
});

after(async () => {
  await server.close();
  await shortServer.close();
});

/** Waits (bounded) until the engine reports the query failed; returns its error name via /v1/query. */
async function failedWith(queryId: string, on = base): Promise<string | undefined> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const info = parseJson(await (await fetch(`${on}/v1/query/${queryId}`)).text()) as { state: string; errorCode: { name: string } | null };
    if (info.state === 'FAILED') return info.errorCode?.name;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return undefined;
}

async function post(sql: string, headers: Record<string, string> = { 'X-Trino-User': 'alice' }): Promise<Response> {
  return fetch(`${base}/v1/statement`, { method: 'POST', body: sql, headers });
}

interface Results {
  id: string;
  nextUri?: string;
  columns?: unknown[];
  data?: unknown[][];
  error?: Record<string, unknown>;
  stats: Record<string, unknown>;
  updateType?: string;
  updateCount?: number;
}

async function json(response: Response): Promise<Results> {
  return parseJson(await response.text()) as unknown as Results;
}

async function runAll(sql: string, headers?: Record<string, string>): Promise<{ pages: Results[]; responses: Response[] }> {
  const first = await post(sql, headers);
  const pages = [await json(first)];
  const responses = [first];
  while (pages[pages.length - 1]!.nextUri !== undefined) {
    const response = await fetch(pages[pages.length - 1]!.nextUri!);
    assert.equal(response.status, 200);
    responses.push(response);
    pages.push(await json(response));
  }
  return { pages, responses };
}

describe('statement protocol', () => {
  test('the nextUri chain goes queued then executing and ends without nextUri', async () => {
    const { pages } = await runAll(`SELECT 1 AS x, 'a' AS y`);
    const first = pages[0]!;
    assert.match(first.id, /^\d{8}_\d{6}_\d{5}_[a-z0-9]{5}$/);
    assert.match(first.nextUri!, new RegExp(`^${base}/v1/statement/queued/${first.id}/y[0-9a-f]{32}/1$`));
    assert.equal(first.stats['state'], 'QUEUED');
    assert.equal(first.columns, undefined);
    assert.match(pages[1]!.nextUri!, /\/v1\/statement\/executing\/[^/]+\/[^/]+\/0$/);
    const last = pages[pages.length - 1]!;
    assert.equal(last.nextUri, undefined);
    assert.equal(last.stats['state'], 'FINISHED');
    const data = pages.flatMap((p) => p.data ?? []);
    assert.deepEqual(data, [[1, 'a']]);
    const withData = pages.find((p) => (p as Results & { partialCancelUri?: string }).partialCancelUri !== undefined) as (Results & { partialCancelUri?: string }) | undefined;
    assert.ok(withData !== undefined, 'a running executing response carries partialCancelUri');
    assert.match(withData.partialCancelUri!, new RegExp(`^${base}/v1/statement/executing/partialCancel/${first.id}/0/y[0-9a-f]{32}/0$`));
    assert.equal((await fetch(withData.partialCancelUri!, { method: 'DELETE' })).status, 204);
    const withColumns = pages.find((p) => p.columns !== undefined)!;
    assert.deepEqual(withColumns.columns, [
      { name: 'x', type: 'integer', typeSignature: { rawType: 'integer', arguments: [] } },
      { name: 'y', type: 'varchar(1)', typeSignature: { rawType: 'varchar', arguments: [{ kind: 'LONG', value: 1 }] } },
    ]);
  });

  test('the exact JSON of the final response', async () => {
    let text = await (await post(`SELECT 1 AS x, 'a' AS y`)).text();
    for (let next = (parseJson(text) as unknown as Results).nextUri; next !== undefined; next = (parseJson(text) as unknown as Results).nextUri) {
      text = await (await fetch(next)).text();
    }
    text = text
      .replace(/"\d{8}_\d{6}_\d{5}_[a-z0-9]{5}"/g, '"ID"')
      .replace(/\?\d{8}_\d{6}_\d{5}_[a-z0-9]{5}"/g, '?ID"')
      .replace(/"(cpuTimeMillis|wallTimeMillis|queuedTimeMillis|elapsedTimeMillis)":\d+/g, '"$1":0');
    assert.equal(
      text,
      `{"id":"ID","infoUri":"${base}/ui/query.html?ID","columns":[{"name":"x","type":"integer","typeSignature":{"rawType":"integer","arguments":[]}},` +
        `{"name":"y","type":"varchar(1)","typeSignature":{"rawType":"varchar","arguments":[{"kind":"LONG","value":1}]}}],` +
        `"stats":{"state":"FINISHED","queued":false,"scheduled":true,"progressPercentage":100.0,"runningPercentage":0.0,"nodes":1,"totalSplits":0,"queuedSplits":0,"runningSplits":0,"completedSplits":0,` +
        `"cpuTimeMillis":0,"wallTimeMillis":0,"queuedTimeMillis":0,"elapsedTimeMillis":0,"processedRows":0,"processedBytes":0,"physicalInputBytes":0,"physicalWrittenBytes":0,"peakMemoryBytes":0,"spilledBytes":0,` +
        `"rootStage":{"stageId":"0","state":"FINISHED","done":true,"nodes":1,"totalSplits":0,"queuedSplits":0,"runningSplits":0,"completedSplits":0,"cpuTimeMillis":0,"wallTimeMillis":0,"processedRows":0,"processedBytes":0,"physicalInputBytes":0,"failedTasks":0,"coordinatorOnly":false,"subStages":[]}},"warnings":[]}`,
    );
  });

  test('values of every shape are encoded as Trino does, bigint exact in the JSON text', async () => {
    const first = await json(await post(TYPES));
    let uri = first.nextUri;
    let text = '';
    while (uri !== undefined) {
      const body = await (await fetch(uri)).text();
      if (body.includes('"data"')) text = body;
      uri = (parseJson(body) as unknown as Results).nextUri;
    }
    assert.match(text, /"data":\[\[9223372036854775807,"NaN","123.45",\{"k":1\},\["x",null\],\[7\]\]\]/);
    assert.match(text, /"typeSignature":\{"rawType":"decimal","arguments":\[\{"kind":"LONG","value":5\},\{"kind":"LONG","value":2\}\]\}/);
  });

  test('the same token returns the same response; other tokens are gone; bad slugs are not found', async () => {
    const first = await json(await post('SELECT name FROM tpch.tiny.nation'));
    const queued = await fetch(first.nextUri!);
    const queuedAgain = await fetch(first.nextUri!);
    const queuedBody = await queued.text();
    assert.equal(await queuedAgain.text(), queuedBody);
    const executing = (parseJson(queuedBody) as unknown as Results).nextUri!;
    const a = await (await fetch(executing)).text();
    const b = await (await fetch(executing)).text();
    assert.equal(a, b);
    const newer = executing.replace(/\/0$/, '/5');
    assert.equal((await fetch(newer)).status, 410);
    const next = (parseJson(a) as unknown as Results).nextUri;
    if (next !== undefined) {
      await (await fetch(next)).text();
      const older = await fetch(executing);
      assert.equal(older.status, 410);
    }
    const badSlug = executing.replace(/\/y[0-9a-f]{32}\//, '/yffffffffffffffffffffffffffffffff/');
    const notFound = await fetch(badSlug);
    assert.equal(notFound.status, 404);
    assert.equal(await notFound.text(), 'Query not found');
    assert.equal((await fetch(`${base}/v1/statement/executing/nope/x/0`)).status, 404);
  });

  test('DELETE on nextUri cancels the query', async () => {
    const first = await json(await post(LONG));
    const queued = await json(await fetch(first.nextUri!));
    const running = await json(await fetch(`${queued.nextUri!}?maxWait=10ms`));
    assert.notEqual(running.nextUri, undefined);
    const deleted = await fetch(running.nextUri!, { method: 'DELETE' });
    assert.equal(deleted.status, 204);
    assert.equal(await failedWith(first.id), 'USER_CANCELED');
    assert.equal(engine.getQuery(first.id)?.state(), 'FAILED');
    const info = await json(await fetch(`${base}/v1/query/${first.id}`));
    assert.equal(info.stats, undefined);
    assert.equal((info as unknown as { state: string }).state, 'FAILED');
  });

  test('errors carry errorName, errorCode, errorType and errorLocation', async () => {
    const { pages } = await runAll('SELECT x');
    const last = pages[pages.length - 1]!;
    assert.equal(last.nextUri, undefined);
    assert.equal(last.stats['state'], 'FAILED');
    const error = last.error!;
    assert.equal(error['message'], "line 1:8: Column 'x' cannot be resolved");
    assert.equal(error['errorCode'], 47);
    assert.equal(error['errorName'], 'COLUMN_NOT_FOUND');
    assert.equal(error['errorType'], 'USER_ERROR');
    assert.deepEqual(error['errorLocation'], { lineNumber: 1, columnNumber: 8 });
    const failure = error['failureInfo'] as Record<string, unknown>;
    assert.equal(failure['type'], 'io.trino.spi.TrinoException');
    assert.deepEqual(failure['errorLocation'], { lineNumber: 1, columnNumber: 8 });
    assert.ok(Array.isArray(failure['stack']));
    const syntax = (await runAll('BOGUS')).pages.at(-1)!.error!;
    assert.equal(syntax['errorName'], 'SYNTAX_ERROR');
    assert.equal((syntax['failureInfo'] as Record<string, unknown>)['type'], 'io.trino.sql.parser.ParsingException');
    const runtime = (await runAll('SELECT 1/0')).pages.at(-1)!.error!;
    assert.equal(runtime['errorName'], 'DIVISION_BY_ZERO');
  });

  test('update statements report updateType and updateCount', async () => {
    const created = (await runAll('CREATE TABLE memory.default.protocol_t (a bigint)')).pages.at(-1)!;
    assert.equal(created.updateType, 'CREATE TABLE');
    const last = (await runAll('INSERT INTO memory.default.protocol_t VALUES (1), (2), (3)')).pages.at(-1)!;
    assert.equal(last.updateType, 'INSERT');
    assert.equal(last.updateCount, 3);
  });

  test('session headers reach the engine and session changes come back as headers', async () => {
    const headers = {
      'X-Trino-User': 'bob',
      'X-Trino-Catalog': 'tpch',
      'X-Trino-Schema': 'tiny',
      'X-Trino-Session': 'query_max_memory=1GB, join_distribution_type=BROADCAST',
      'X-Trino-Prepared-Statement': `my%20q=${encodeURIComponent('SELECT 1, 2')}`,
    };
    const rowsOf = async (sql: string): Promise<unknown[][]> => (await runAll(sql, headers)).pages.flatMap((p) => p.data ?? []);
    assert.deepEqual(await rowsOf('SELECT current_user, current_catalog, current_schema, count(*) FROM region'), [['bob', 'tpch', 'tiny', 5]]);
    assert.deepEqual(await rowsOf(`SHOW SESSION LIKE 'join_distribution_type'`), [['join_distribution_type', 'BROADCAST', 'AUTOMATIC', 'varchar', 'Join distribution type']]);
    assert.deepEqual((await rowsOf(`SHOW SESSION LIKE 'query_max_memory'`)).map((r) => r.slice(0, 2)), [['query_max_memory', '1GB']]);
    assert.deepEqual(await rowsOf('EXECUTE "my q"'), [[1, 2]]);
    const use = await runAll('USE memory.default');
    const final = use.responses.at(-1)!;
    assert.equal(final.headers.get('x-trino-set-catalog'), 'memory');
    assert.equal(final.headers.get('x-trino-set-schema'), 'default');
    assert.equal(use.pages.at(-1)!.updateType, 'USE');
    const set = (await runAll(`SET SESSION join_distribution_type = 'PARTITIONED'`)).responses.at(-1)!;
    assert.equal(set.headers.get('x-trino-set-session'), 'join_distribution_type=PARTITIONED');
    const prepare = (await runAll('PREPARE q1 FROM SELECT 1')).responses.at(-1)!;
    assert.equal(prepare.headers.get('x-trino-added-prepare'), 'q1=SELECT%201');
  });

  test('X-Presto-* headers are accepted and answered in kind', async () => {
    const use = await runAll('USE tpch.sf1', { 'X-Presto-User': 'carol' });
    const final = use.responses.at(-1)!;
    assert.equal(final.headers.get('x-presto-set-catalog'), 'tpch');
    assert.equal(final.headers.get('x-presto-set-schema'), 'sf1');
    assert.equal(final.headers.get('x-trino-set-catalog'), null);
  });

  test('bad requests get 4xx with a message and never crash the server', async () => {
    const empty = await post('  ');
    assert.equal(empty.status, 400);
    assert.equal(await empty.text(), 'SQL statement is empty');
    const noUser = await post('SELECT 1', {});
    assert.equal(noUser.status, 400);
    assert.equal(await noUser.text(), 'User must be set');
    const badZone = await post('SELECT 1', { 'X-Trino-User': 'a', 'X-Trino-Time-Zone': 'Mars/Olympus' });
    assert.equal(badZone.status, 400);
    const badSession = await post('SELECT 1', { 'X-Trino-User': 'a', 'X-Trino-Session': 'novalue' });
    assert.equal(badSession.status, 400);
    const badWait = await fetch(`${base}/v1/statement?maxWait=forever`, { method: 'POST', body: 'SELECT 1', headers: { 'X-Trino-User': 'a' } });
    assert.equal(badWait.status, 400);
    assert.equal((await fetch(`${base}/v1/nothing`)).status, 404);
    assert.equal((await fetch(`${base}/v1/statement`)).status, 405);
    const state = await fetch(`${base}/v1/info/state`, { method: 'PUT', body: '{not json', headers: { 'Content-Type': 'application/json' } });
    assert.equal(state.status, 400);
    const huge = await fetch(`${base}/v1/statement`, { method: 'POST', body: 'x'.repeat(17 * 1024 * 1024), headers: { 'X-Trino-User': 'a' } }).catch(() => undefined);
    if (huge !== undefined) assert.equal(huge.status, 413);
    const info = await fetch(`${base}/v1/info`);
    assert.equal(info.status, 200);
  });

  test('odd requests never crash the server', async () => {
    const odd: [string, RequestInit][] = [
      [`${base}/v1/statement`, { method: 'POST', body: new Uint8Array([0xff, 0xfe, 0x00, 0xc3]), headers: { 'X-Trino-User': 'a' } }],
      [`${base}/v1/statement`, { method: 'POST', body: 'SELECT 1', headers: { 'X-Trino-User': 'a', 'X-Trino-Prepared-Statement': 'x=%zz' } }],
      [`${base}/v1/statement/executing/abc/def/notanumber`, { method: 'GET' }],
      [`${base}/v1/statement/executing/abc/def/99999999999999999999`, { method: 'GET' }],
      [`${base}/v1/statement/queued/abc/def/1`, { method: 'DELETE' }],
      [`${base}/v1/query/%zz`, { method: 'GET' }],
      [`${base}/v1/query/x/killed`, { method: 'PUT', body: '' }],
      [`${base}/ui/../../package.json`, { method: 'GET' }],
      [`${base}/ui/%2e%2e/%2e%2e/package.json`, { method: 'GET' }],
      [`${base}/v1/info/state`, { method: 'PUT', body: '"NOT_A_STATE"' }],
      [`${base}/v1/info`, { method: 'POST', body: 'x' }],
    ];
    for (const [url, init] of odd) {
      const response = await fetch(url, init);
      assert.ok(response.status < 500 || response.status === 503, `${init.method} ${url} answered ${response.status}`);
      await response.arrayBuffer();
    }
    const info = await fetch(`${base}/v1/info`);
    assert.equal(info.status, 200);
  });

  test('a query nobody polls is abandoned', async () => {
    const first = await json(await fetch(`${shortBase}/v1/statement`, { method: 'POST', body: LONG, headers: { 'X-Trino-User': 'alice' } }));
    assert.equal(await failedWith(first.id, shortBase), 'ABANDONED_QUERY');
    assert.equal(shortEngine.getQuery(first.id)?.state(), 'FAILED', 'the engine query is stopped too');
  });
});

describe('long polling', () => {
  test('a poll waits up to maxWait for data, and a client in a long poll is not abandoned', async () => {
    // maxWait (1 s) is longer than this server's query.client.timeout (300 ms).
    const first = await json(await fetch(`${shortBase}/v1/statement`, { method: 'POST', body: LONG, headers: { 'X-Trino-User': 'alice' } }));
    const queued = await json(await fetch(first.nextUri!));
    let next = queued.nextUri!;
    for (let i = 0; i < 2; i++) {
      const response = await json(await fetch(`${next}?maxWait=1s`));
      assert.equal(response.error, undefined, 'still running after a poll longer than the client timeout');
      assert.equal(response.stats['state'], 'RUNNING');
      assert.deepEqual(response.data ?? [], []);
      next = response.nextUri!;
    }
    assert.equal((await fetch(next, { method: 'DELETE' })).status, 204);
    assert.equal(await failedWith(first.id, shortBase), 'USER_CANCELED');
  });
});

describe('REST API', () => {
  test('query info carries operator statistics and the session, roles, resource estimates and credential names', async () => {
    const headers = {
      'X-Trino-User': 'erin',
      'X-Trino-Role': 'system=ROLE{admin},tpch=ALL',
      'X-Trino-Resource-Estimate': 'EXECUTION_TIME=10m,PEAK_MEMORY=1GB',
      'X-Trino-Extra-Credential': 'token=s3cr3t',
    };
    const { pages } = await runAll('SELECT regionkey, count(*) FROM tpch.tiny.nation GROUP BY regionkey', headers);
    const id = pages[0]!.id;
    assert.equal(pages.flatMap((p) => p.data ?? []).length, 5);
    const text = await (await fetch(`${base}/v1/query/${id}`)).text();
    assert.ok(!text.includes('s3cr3t'), 'credential values never appear in query info');
    const info = parseJson(text) as {
      session: { user: string; roles: unknown; resourceEstimates: unknown; extraCredentialNames: unknown };
      operatorStats: { planNodeId: string; operatorType: string; inputRows: number; outputRows: number; outputPositions: number; outputDataSize: string }[];
    };
    assert.equal(info.session.user, 'erin');
    assert.deepEqual(info.session.roles, { system: 'ROLE{admin}', tpch: 'ALL' });
    assert.deepEqual(info.session.resourceEstimates, { EXECUTION_TIME: '10m', PEAK_MEMORY: '1GB' });
    assert.deepEqual(info.session.extraCredentialNames, ['token']);
    assert.ok(info.operatorStats.length > 0, 'operators are reported');
    for (const operator of info.operatorStats) {
      assert.equal(typeof operator.planNodeId, 'string');
      assert.equal(typeof operator.operatorType, 'string');
      assert.equal(operator.outputPositions, operator.outputRows);
    }
    assert.ok(info.operatorStats.some((o) => o.outputRows === 25), 'the scan of nation outputs 25 rows');
    assert.ok(info.operatorStats.some((o) => o.outputRows === 5), 'the aggregation outputs 5 groups');
    const badRole = await post('SELECT 1', { 'X-Trino-User': 'a', 'X-Trino-Role': 'system=admin' });
    assert.equal(badRole.status, 400);
  });


  test('/v1/info, /v1/info/state, /v1/status, /v1/query', async () => {
    const info = parseJson(await (await fetch(`${base}/v1/info`)).text()) as Record<string, unknown>;
    assert.deepEqual(info['nodeVersion'], { version: '0.1.0' });
    assert.equal(info['coordinator'], true);
    assert.equal(info['starting'], false);
    assert.equal(await (await fetch(`${base}/v1/info/state`)).text(), '"ACTIVE"');
    const status = parseJson(await (await fetch(`${base}/v1/status`)).text()) as Record<string, unknown>;
    assert.equal(status['coordinator'], true);
    await runAll('SELECT 1');
    const list = parseJson(await (await fetch(`${base}/v1/query?state=FINISHED`)).text()) as { state: string; query: string }[];
    assert.ok(list.length > 0);
    assert.ok(list.every((q) => q.state === 'FINISHED'));
    const killedTarget = await json(await post(LONG));
    await fetch(killedTarget.nextUri!);
    const kill = await fetch(`${base}/v1/query/${killedTarget.id}/killed`, { method: 'PUT', body: 'enough' });
    assert.equal(kill.status, 202);
    const detail = parseJson(await (await fetch(`${base}/v1/query/${killedTarget.id}`)).text()) as { state: string; errorCode: { name: string }; errorMessage: string };
    assert.equal(detail.state, 'FAILED');
    assert.equal(detail.errorCode.name, 'ADMINISTRATIVELY_KILLED');
    assert.equal(detail.errorMessage, 'Query killed. Message: enough');
    assert.equal((await fetch(`${base}/v1/query/nope`)).status, 410);
  });
});

describe('real clients', () => {
  test('trino-client pages through 1,000,000 rows', async () => {
    const trino = Trino.create({ server: base, catalog: 'tpch', schema: 'tiny', extraHeaders: { 'X-Trino-User': 'test' } });
    const iterator = await trino.query(MANY);
    let count = 0;
    let sum = 0;
    let pages = 0;
    for await (const result of iterator) {
      assert.equal(result.error, undefined);
      const data = result.data ?? [];
      if (data.length > 0) pages++;
      for (const row of data) {
        count++;
        sum += row[0] as number;
      }
    }
    assert.equal(count, 1_000_000);
    assert.equal(sum, 500000500000);
    assert.ok(pages > 1, 'results arrive in several responses');
  });

  test('trino-client sees errors and session changes', async () => {
    const trino = Trino.create({ server: base, extraHeaders: { 'X-Trino-User': 'test' } });
    const failed = await (await trino.query('SELECT x')).fold<Results | undefined>(undefined, (r, acc) => acc ?? (r.error === undefined ? undefined : (r as unknown as Results)));
    assert.equal(failed?.error?.['errorName'], 'COLUMN_NOT_FOUND');
    await (await trino.query('USE memory.default')).fold(0, (_r, acc) => acc);
    const rows = await (await trino.query('SELECT current_catalog, current_schema')).fold<unknown[][]>([], (r, acc) => acc.concat(r.data ?? []));
    assert.deepEqual(rows, [['memory', 'default']]);
  });

  test('trino-client cancels through /v1/query', async () => {
    const trino = Trino.create({ server: base, extraHeaders: { 'X-Trino-User': 'test' } });
    const iterator = await trino.query(STREAMING);
    const first = await iterator.next();
    const id = first.value.id;
    await trino.cancel(id);
    assert.equal(await failedWith(id), 'USER_CANCELED');
  });

  test('presto-client with engine trino runs queries, prepared statements and errors', async () => {
    const port = server.port();
    const client = new presto.Client({ host: '127.0.0.1', port, user: 'dave', engine: 'trino', checkInterval: 10 });
    const run = (options: Record<string, unknown>): Promise<{ error?: { errorName?: string }; rows: unknown[][]; columns: unknown[] }> =>
      new Promise((resolve) => {
        const rows: unknown[][] = [];
        let columns: unknown[] = [];
        client.execute({
          ...options,
          columns: (_error: unknown, c: unknown[]) => {
            columns = c;
          },
          data: (_error: unknown, d: unknown[][]) => {
            rows.push(...d);
          },
          success: () => resolve({ rows, columns }),
          error: (error: { errorName?: string }) => resolve({ error, rows, columns }),
        });
      });
    const ok = await run({ query: 'SELECT 1' });
    assert.deepEqual(ok.rows, [[1]]);
    const prepared = await run({ query: 'EXECUTE query0', prepares: ['SELECT 1'] });
    assert.deepEqual(prepared.rows, [[1]]);
    const failed = await run({ query: 'SELECT x' });
    assert.equal(failed.error?.errorName, 'COLUMN_NOT_FOUND');
  });
});

describe('graceful shutdown', () => {
  test('PUT /v1/info/state SHUTTING_DOWN refuses new queries, lets running ones finish, then stops', async () => {
    const node = new PetrelServer({ engine: await Engine.create(), port: 0, host: '127.0.0.1', log: () => {}, shutdownGracePeriodMillis: 30_000 });
    const url = `http://127.0.0.1:${await node.listen()}`;
    const stopped = new Promise<void>((resolve) => {
      node.onShutdown = resolve;
    });
    const first = (parseJson(await (await fetch(`${url}/v1/statement`, { method: 'POST', body: 'SELECT 1', headers: { 'X-Trino-User': 'a' } })).text()) as unknown) as Results;
    const put = await fetch(`${url}/v1/info/state`, { method: 'PUT', body: '"SHUTTING_DOWN"', headers: { 'Content-Type': 'application/json' } });
    assert.equal(put.status, 200);
    assert.equal(await (await fetch(`${url}/v1/info/state`)).text(), '"SHUTTING_DOWN"');
    const refused = await fetch(`${url}/v1/statement`, { method: 'POST', body: 'SELECT 1', headers: { 'X-Trino-User': 'a' } });
    assert.equal(refused.status, 503);
    const rows: unknown[][] = [];
    let next = first.nextUri;
    while (next !== undefined) {
      const page = parseJson(await (await fetch(next)).text()) as unknown as Results;
      rows.push(...(page.data ?? []));
      next = page.nextUri;
    }
    assert.deepEqual(rows, [[1]]);
    await stopped;
    await assert.rejects(fetch(`${url}/v1/info`));
  });
});
