// Cluster topology with real processes on loopback: a coordinator (127.0.0.1) and two workers
// (127.0.0.2, 127.0.0.3) started with `petrel server --etc-dir`, announcing with a signed token.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InternalAuthenticator, INTERNAL_BEARER_HEADER } from '@petrel/server';

const BIN = fileURLToPath(new URL('../bin/petrel.js', import.meta.url));
const SECRET = 'a shared secret for the loopback test cluster';
const children: ChildProcess[] = [];

interface Node {
  readonly child: ChildProcess;
  readonly url: string;
}

/** Starts `petrel server --etc-dir` with the given properties; resolves once it serves. */
async function startNode(name: string, address: string, config: Record<string, string>): Promise<Node> {
  const etc = mkdtempSync(join(tmpdir(), `petrel-${name}-`));
  mkdirSync(join(etc, 'catalog'));
  writeFileSync(join(etc, 'catalog', 'tpch.properties'), 'connector.name=tpch\n');
  writeFileSync(join(etc, 'config.properties'), Object.entries({ 'http-server.http.port': '0', 'internal-communication.shared-secret': SECRET, ...config }).map(([k, v]) => `${k}=${v}\n`).join(''));
  writeFileSync(join(etc, 'node.properties'), `node.environment=test\nnode.id=${name}\nnode.internal-address=${address}\n`);
  const child = spawn(process.execPath, [BIN, 'server', '--etc-dir', etc], { stdio: ['ignore', 'ignore', 'pipe'] });
  children.push(child);
  let stderr = '';
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start: ${stderr}`)), 30_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const match = /listening on http:\/\/[\d.]+:(\d+)/.exec(stderr);
      if (match !== null && stderr.includes('======== SERVER STARTED ========')) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code}: ${stderr}`));
    });
  });
  child.stderr!.resume();
  return { child, url: `http://${address}:${port}` };
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + 20_000;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.fail(`timed out waiting for ${what}${last === undefined ? '' : `: ${String(last)}`}`);
}

async function query(url: string, sql: string): Promise<unknown[][]> {
  let results = (await (await fetch(`${url}/v1/statement`, { method: 'POST', body: sql, headers: { 'X-Trino-User': 'test' } })).json()) as { nextUri?: string; data?: unknown[][]; error?: { message: string } };
  const rows: unknown[][] = [];
  for (;;) {
    if (results.error !== undefined) throw new Error(results.error.message);
    rows.push(...(results.data ?? []));
    if (results.nextUri === undefined) return rows;
    results = (await (await fetch(results.nextUri)).json()) as typeof results;
  }
}

let coordinator: Node;
let worker1: Node;
let worker2: Node;

before(async () => {
  coordinator = await startNode('coordinator', '127.0.0.1', { coordinator: 'true', 'node-scheduler.include-coordinator': 'false' });
  const discovery = coordinator.url;
  [worker1, worker2] = await Promise.all([
    startNode('worker-1', '127.0.0.2', { coordinator: 'false', 'discovery.uri': discovery }),
    startNode('worker-2', '127.0.0.3', { coordinator: 'false', 'discovery.uri': discovery }),
  ]);
});

after(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

test('workers announce to the coordinator, which lists them in /v1/node and system.runtime.nodes', async () => {
  const nodes = await waitFor('three active nodes', async () => {
    const list = (await (await fetch(`${coordinator.url}/v1/node`)).json()) as { nodeId: string; uri: string; coordinator: boolean; state: string }[];
    return list.length === 3 ? list : undefined;
  });
  assert.deepEqual(
    nodes.map((n) => [n.nodeId, n.uri, n.coordinator, n.state]),
    [
      ['coordinator', coordinator.url, true, 'active'],
      ['worker-1', worker1.url, false, 'active'],
      ['worker-2', worker2.url, false, 'active'],
    ],
  );
  const rows = await query(coordinator.url, 'SELECT node_id, http_uri, coordinator, state FROM system.runtime.nodes ORDER BY node_id');
  assert.deepEqual(rows, [
    ['coordinator', coordinator.url, true, 'active'],
    ['worker-1', worker1.url, false, 'active'],
    ['worker-2', worker2.url, false, 'active'],
  ]);
  const info = (await (await fetch(`${worker1.url}/v1/info`)).json()) as { coordinator: boolean; environment: string };
  assert.deepEqual([info.coordinator, info.environment], [false, 'test']);
});

test('workers refuse client queries; announcements need a valid token and the same environment', async () => {
  const refused = await fetch(`${worker1.url}/v1/statement`, { method: 'POST', body: 'SELECT 1', headers: { 'X-Trino-User': 'test' } });
  assert.equal(refused.status, 404);
  assert.match(await refused.text(), /worker: submit queries to the coordinator/);
  const body = JSON.stringify({ nodeId: 'intruder', environment: 'test', httpUri: 'http://127.0.0.9:1', nodeVersion: '0.1.0', coordinator: false });
  const unsigned = await fetch(`${coordinator.url}/v1/announcement/intruder`, { method: 'PUT', body, headers: { 'Content-Type': 'application/json' } });
  assert.equal(unsigned.status, 401);
  const forged = new InternalAuthenticator('another secret', 'intruder');
  const wrongKey = await fetch(`${coordinator.url}/v1/announcement/intruder`, { method: 'PUT', body, headers: { [INTERNAL_BEARER_HEADER]: await forged.token() } });
  assert.equal(wrongKey.status, 401);
  const auth = new InternalAuthenticator(SECRET, 'prod-node');
  const otherEnvironment = await fetch(`${coordinator.url}/v1/announcement/prod-node`, {
    method: 'PUT',
    body: JSON.stringify({ environment: 'production', httpUri: 'http://127.0.0.9:1', nodeVersion: '0.1.0', coordinator: false }),
    headers: await auth.headers(),
  });
  assert.equal(otherEnvironment.status, 400);
  assert.equal(await otherEnvironment.text(), "Node prod-node is in environment 'production', this cluster is 'test'");
  const ids = ((await (await fetch(`${coordinator.url}/v1/node`)).json()) as { nodeId: string }[]).map((n) => n.nodeId);
  assert.ok(!ids.includes('intruder') && !ids.includes('prod-node'), ids.join(', '));
});

interface TaskStatusJson {
  taskId: string;
  nodeId: string;
  state: string;
  outputRows: number;
}

async function tasksOf(node: Node): Promise<TaskStatusJson[]> {
  const auth = new InternalAuthenticator(SECRET, 'test');
  return (await (await fetch(`${node.url}/v1/task`, { headers: await auth.headers() })).json()) as TaskStatusJson[];
}

test('the coordinator runs plan fragments as tasks on the workers and reads their output through exchanges', async () => {
  const grouped = await query(coordinator.url, 'SELECT regionkey, count(*) AS c, sum(nationkey) AS s FROM tpch.tiny.nation GROUP BY regionkey ORDER BY regionkey');
  assert.deepEqual(grouped, [
    [0, 5, 50],
    [1, 5, 47],
    [2, 5, 68],
    [3, 5, 77],
    [4, 5, 58],
  ]);
  const joined = await query(coordinator.url, 'SELECT r.name, count(*) FROM tpch.tiny.nation n JOIN tpch.tiny.region r ON n.regionkey = r.regionkey GROUP BY r.name ORDER BY r.name');
  assert.deepEqual(joined, [
    ['AFRICA', 5],
    ['AMERICA', 5],
    ['ASIA', 5],
    ['EUROPE', 5],
    ['MIDDLE EAST', 5],
  ]);
  const lineitems = await query(coordinator.url, 'SELECT count(*) FROM tpch.tiny.lineitem');
  assert.deepEqual(lineitems, [[60175]]);
  const tasks = [...(await tasksOf(worker1)), ...(await tasksOf(worker2))];
  assert.ok(tasks.length >= 4, `tasks ran on the workers: ${JSON.stringify(tasks)}`);
  assert.ok(tasks.some((t) => t.nodeId === 'worker-1') && tasks.some((t) => t.nodeId === 'worker-2'), 'both workers ran tasks');
  assert.ok(tasks.every((t) => t.state === 'FINISHED'), JSON.stringify(tasks.map((t) => [t.taskId, t.state])));
  // the memory and system catalogs live on the coordinator: their queries are not distributed
  assert.deepEqual(await query(coordinator.url, 'SELECT count(*) FROM system.runtime.nodes'), [[3]]);
});

test('a worker killed with SIGKILL mid-query fails the query with REMOTE_HOST_GONE; the next query runs on the remaining nodes', async () => {
  const first = (await (await fetch(`${coordinator.url}/v1/statement`, { method: 'POST', body: 'SELECT returnflag, count(*) FROM tpch.sf1000.lineitem GROUP BY returnflag', headers: { 'X-Trino-User': 'test' } })).json()) as {
    id: string;
    nextUri?: string;
  };
  // a client polling the query (bounded: it fails or the test times out at the deadline below)
  type Results = { nextUri?: string; error?: { errorName: string; message: string } };
  const deadline = Date.now() + 30_000;
  const polling = (async (): Promise<Results> => {
    let results: Results = first;
    while (results.nextUri !== undefined && Date.now() < deadline) results = (await (await fetch(results.nextUri)).json()) as Results;
    return results;
  })();
  await waitFor('the long query to run on both workers', async () => {
    const running = [...(await tasksOf(worker1)), ...(await tasksOf(worker2))].filter((t) => t.taskId.startsWith(first.id) && t.state === 'RUNNING');
    return new Set(running.map((t) => t.nodeId)).size === 2 ? running : undefined;
  });
  worker2.child.kill('SIGKILL');
  const results = await polling;
  assert.equal(results.error?.errorName, 'REMOTE_HOST_GONE');
  assert.match(results.error!.message, /^Node worker-2 at http:\/\/127\.0\.0\.3:\d+ is gone/);
  const failed = await waitFor('worker-2 to be failed', async () => {
    const list = (await (await fetch(`${coordinator.url}/v1/node/failed`)).json()) as { nodeId: string; state: string }[];
    return list.length > 0 ? list : undefined;
  });
  assert.deepEqual(failed.map((n) => [n.nodeId, n.state]), [['worker-2', 'failed']]);
  const active = ((await (await fetch(`${coordinator.url}/v1/node`)).json()) as { nodeId: string }[]).map((n) => n.nodeId);
  assert.deepEqual(active, ['coordinator', 'worker-1']);
  const rows = await query(coordinator.url, 'SELECT node_id, state FROM system.runtime.nodes ORDER BY node_id');
  assert.deepEqual(rows, [
    ['coordinator', 'active'],
    ['worker-1', 'active'],
    ['worker-2', 'failed'],
  ]);
  const before = (await tasksOf(worker1)).length;
  assert.deepEqual(await query(coordinator.url, 'SELECT count(*) FROM tpch.tiny.orders'), [[15000]]);
  assert.ok((await tasksOf(worker1)).length > before, 'the next query ran its tasks on worker-1');
});
