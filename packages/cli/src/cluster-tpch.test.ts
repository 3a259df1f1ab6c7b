// The 22 TPC-H queries on tpch.tiny, distributed over a coordinator (127.0.0.1) and two workers
// (127.0.0.2, 127.0.0.3) started as separate processes: results equal the coordinator's
// single-node results and the dbgen reference answers, with multi-task stages on every worker.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InternalAuthenticator } from '@petrel/server';
import type { LaunchedNode } from './cluster-launcher.js';
import { launchNode, runStatement, stopNodes, waitForActiveNodes } from './cluster-launcher.js';

/** `<repo>/../shared` from packages/cli/dist/. */
const SHARED = process.env['PETREL_SHARED'] ?? fileURLToPath(new URL('../../../../shared/', import.meta.url));
const TPCH = join(SHARED, 'tpch');
const SECRET = 'tpch cluster test secret';
const QUERIES = Array.from({ length: 22 }, (_, i) => `q${String(i + 1).padStart(2, '0')}`);
/** A plan with no remote exchange runs on the coordinator alone: the single-node reference. */
const SINGLE_NODE = { 'X-Trino-Session': 'petrel_add_exchanges=false' };

const nodes: LaunchedNode[] = [];
let coordinator: LaunchedNode;

function launch(name: string, address: string, config: Record<string, string>): Promise<LaunchedNode> {
  return launchNode({
    name,
    address,
    // a generous exchange timeout: this test checks results, and a loaded machine can stall a node's event loop for seconds
    config: { 'internal-communication.shared-secret': SECRET, 'sql.default-catalog': 'tpch', 'sql.default-schema': 'tiny', 'exchange.http-client.request-timeout': '60s', ...config },
    catalogs: {
      tpch: { 'connector.name': 'tpch', 'tpch.column-naming': 'STANDARD' },
      // the same JDBC catalog file on every node: its scans are distributed too
      pg: { 'connector.name': 'postgresql', 'connection-url': 'jdbc:postgresql://127.0.0.1:5432/postgres', 'connection-user': 'postgres', 'parallel-read.split-count': '4' },
    },
  });
}

before(async () => {
  coordinator = await launch('coordinator', '127.0.0.1', { coordinator: 'true', 'node-scheduler.include-coordinator': 'false' });
  nodes.push(coordinator);
  const workers = await Promise.all([
    launch('worker-1', '127.0.0.2', { coordinator: 'false', 'discovery.uri': coordinator.url }),
    launch('worker-2', '127.0.0.3', { coordinator: 'false', 'discovery.uri': coordinator.url }),
  ]);
  nodes.push(...workers);
  await waitForActiveNodes(coordinator.url, 3);
});

after(() => stopNodes(nodes));

function queryText(name: string): string {
  return readFileSync(join(TPCH, 'queries', `${name}.sql`), 'utf8').trim().replace(/;\s*$/, '');
}

function answerRows(name: string): string[][] {
  // a header line, then one line per row (an empty line is a row of one NULL), then a final newline
  const lines = readFileSync(join(TPCH, 'answers', 'sf0.01', `${name}.csv`), 'utf8').split('\n').slice(1);
  if (lines.at(-1) === '') lines.pop();
  return lines.map((l) => l.split('|'));
}

/** Numbers agree within a relative 1e-6 (sums add up in another order across tasks), money within a cent. */
function matchesAnswer(actual: unknown, expected: string): boolean {
  if (actual === null) return expected === '' || expected.toLowerCase() === 'null';
  const text = String(actual);
  if (text === expected) return true;
  if (!/^-?\d+(\.\d+)?$/.test(expected) || !/^-?[\d.e+-]+$/.test(text)) return false;
  const a = Number(text);
  const e = Number(expected);
  const difference = Math.abs(a - e);
  if (difference <= 1e-6 * Math.max(Math.abs(a), Math.abs(e))) return true;
  const decimals = expected.includes('.') ? expected.length - expected.indexOf('.') - 1 : 0;
  return decimals === 2 && difference <= 0.01 + 1e-9;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  return JSON.stringify(a) === JSON.stringify(b);
}

interface StageJson {
  readonly stageId: string;
  readonly partitioning: string;
  readonly state: string;
  readonly tasks: readonly { readonly taskId: string; readonly nodeId: string; readonly state: string; readonly splits: number; readonly outputRows: number }[];
}

test('the 22 TPC-H queries on tpch.tiny give the single-node results and the reference answers when distributed', async () => {
  assert.ok(existsSync(TPCH), `TPC-H queries and answers not found at ${TPCH}`);
  const problems: string[] = [];
  const queryIds: string[] = [];
  for (const name of QUERIES) {
    const sql = queryText(name);
    const distributed = await runStatement(coordinator.url, sql);
    const single = await runStatement(coordinator.url, sql, SINGLE_NODE);
    queryIds.push(distributed.id);
    if (distributed.error !== undefined || single.error !== undefined) {
      problems.push(`${name}: ${distributed.error?.errorName ?? ''} ${distributed.error?.message ?? ''} ${single.error?.message ?? ''}`);
      continue;
    }
    if (distributed.rows.length !== single.rows.length || !distributed.rows.every((row, r) => row.every((v, c) => sameValue(v, single.rows[r]![c])))) {
      problems.push(`${name}: distributed ${JSON.stringify(distributed.rows.slice(0, 3))} != single node ${JSON.stringify(single.rows.slice(0, 3))}`);
      continue;
    }
    const answer = answerRows(name);
    const mismatch = answer.length !== distributed.rows.length ? `expected ${answer.length} rows, got ${distributed.rows.length}` : answer.flatMap((row, r) => row.filter((e, c) => !matchesAnswer(distributed.rows[r]![c] ?? null, e)).map((e) => `row ${r + 1}: expected ${e}`))[0];
    if (mismatch !== undefined) problems.push(`${name}: ${mismatch}`);
  }
  assert.deepEqual(problems, []);

  // every query ran distributed, with stages of several tasks spread over both workers
  const multiTaskStages: StageJson[] = [];
  for (const id of queryIds) {
    const info = (await (await fetch(`${coordinator.url}/v1/query/${id}`)).json()) as { stages: StageJson[] };
    assert.ok(info.stages.length > 0, `query ${id} ran as stages`);
    assert.ok(info.stages.every((s) => s.state === 'FINISHED' || s.state === 'CANCELED'), JSON.stringify(info.stages.map((s) => [s.stageId, s.state])));
    multiTaskStages.push(...info.stages.filter((s) => s.tasks.length > 1));
  }
  assert.ok(multiTaskStages.some((s) => s.partitioning === 'SOURCE'), 'source stages run one task per worker');
  assert.ok(multiTaskStages.some((s) => s.partitioning === 'HASH'), 'hash-partitioned stages run one task per worker');
  for (const stage of multiTaskStages) assert.deepEqual(new Set(stage.tasks.map((t) => t.nodeId)), new Set(['worker-1', 'worker-2']), stage.stageId);
  // the coordinator assigned each source stage's splits with balance
  const lineitemScan = multiTaskStages.filter((s) => s.partitioning === 'SOURCE' && s.tasks.every((t) => t.splits > 0));
  assert.ok(lineitemScan.length > 0, 'source tasks read assigned splits');
  for (const stage of lineitemScan) {
    const counts = stage.tasks.map((t) => t.splits);
    assert.ok(Math.max(...counts) - Math.min(...counts) <= 1, `${stage.stageId} splits ${counts.join(', ')}`);
  }

  // system.runtime.tasks lists the real tasks of every node: the same as each worker's own list
  // (a worker forgets finished tasks after a minute, so early queries may be gone from both)
  const auth = new InternalAuthenticator(SECRET, 'test');
  const ownCounts: [string, number][] = [];
  for (const worker of nodes.slice(1)) {
    const own = (await (await fetch(`${worker.url}/v1/task`, { headers: await auth.headers() })).json()) as { taskId: string; nodeId: string; queryId: string }[];
    assert.ok(own.every((t) => t.nodeId === worker.name));
    ownCounts.push([worker.name, own.filter((t) => queryIds.includes(t.queryId)).length]);
  }
  assert.ok(ownCounts.every(([, count]) => count > 0), JSON.stringify(ownCounts));
  const tasks = await runStatement(coordinator.url, `SELECT node_id, count(*) FROM system.runtime.tasks WHERE query_id IN (${queryIds.map((id) => `'${id}'`).join(', ')}) GROUP BY node_id ORDER BY node_id`);
  assert.equal(tasks.error, undefined, JSON.stringify(tasks.error));
  assert.deepEqual(tasks.rows, ownCounts);
});

test('EXPLAIN (TYPE DISTRIBUTED) shows the remote exchanges between fragments', async () => {
  const explained = await runStatement(coordinator.url, `EXPLAIN (TYPE DISTRIBUTED) ${queryText('q03')}`);
  assert.equal(explained.error, undefined, JSON.stringify(explained.error));
  const text = explained.rows.map((r) => String(r[0])).join('\n');
  assert.match(text, /Fragment 1 \[(SOURCE|HASH)\]/);
  assert.match(text, /RemoteSource\[/);
  assert.match(text, /Output layout|Output partitioning: (HASH|BROADCAST|SINGLE)/);
});

test('EXPLAIN ANALYZE of a distributed query shows operator figures summed over tasks, and per-stage and per-node figures', async () => {
  const analyzed = await runStatement(coordinator.url, 'EXPLAIN ANALYZE SELECT l_returnflag, count(*) FROM lineitem GROUP BY l_returnflag');
  assert.equal(analyzed.error, undefined, JSON.stringify(analyzed.error));
  const text = analyzed.rows.map((r) => String(r[0])).join('\n');
  assert.match(text, /Distributed stages:/);
  assert.match(text, /Stage \d+ \[SOURCE\] FINISHED: 2 tasks/);
  assert.match(text, /worker-1: 1 task, splits \d+, input \d+ rows/);
  assert.match(text, /worker-2: 1 task, splits \d+, input \d+ rows/);
  // the scan's rows over both workers add up to the whole table
  const inputs = [...text.matchAll(/worker-\d: 1 task, splits \d+, input (\d+) rows/g)].map((m) => Number(m[1]));
  assert.ok(inputs.includes(60175) || inputs.reduce((a, b) => a + b, 0) >= 60175, text);
});

test('a PostgreSQL catalog present on every node is read by a task on a worker, with the single-node result', async () => {
  const schema = `h4_cluster_${process.pid}`;
  const setup = await runStatement(coordinator.url, `CREATE SCHEMA pg.${schema}`);
  assert.equal(setup.error, undefined, JSON.stringify(setup.error));
  try {
    // writes run on the coordinator
    const created = await runStatement(coordinator.url, `CREATE TABLE pg.${schema}.orders_copy AS SELECT o_orderkey, o_custkey, o_totalprice FROM tpch.tiny.orders`);
    assert.equal(created.error, undefined, JSON.stringify(created.error));
    const sql = `SELECT count(*), count(DISTINCT o.o_custkey), round(sum(o.o_totalprice), 2) FROM pg.${schema}.orders_copy o JOIN tpch.tiny.customer c ON o.o_custkey = c.c_custkey`;
    const distributed = await runStatement(coordinator.url, sql);
    const single = await runStatement(coordinator.url, sql, SINGLE_NODE);
    assert.equal(distributed.error, undefined, JSON.stringify(distributed.error));
    assert.deepEqual(distributed.rows, single.rows);
    assert.equal(distributed.rows[0]![0], 15000);
    const info = (await (await fetch(`${coordinator.url}/v1/query/${distributed.id}`)).json()) as { stages: StageJson[] };
    // the table has no primary key, so the connector reads it as one split: one task, on a worker
    const scans = info.stages.flatMap((s) => s.tasks).filter((t) => (t as { processedRows?: number }).processedRows === 15000);
    assert.ok(scans.length === 1 && scans[0]!.nodeId.startsWith('worker-') && scans[0]!.splits === 1, JSON.stringify(info.stages));
  } finally {
    await runStatement(coordinator.url, `DROP TABLE IF EXISTS pg.${schema}.orders_copy`);
    await runStatement(coordinator.url, `DROP SCHEMA IF EXISTS pg.${schema}`);
  }
});
