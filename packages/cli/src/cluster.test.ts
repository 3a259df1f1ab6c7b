// Cluster topology with real processes on loopback: a coordinator (127.0.0.1) and three workers
// (127.0.0.2-4) started with `petrel server --etc-dir`, announcing with a signed token, exchanging
// zstd-compressed pages, with a fast failure detector and a short exchange request timeout.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InternalAuthenticator, INTERNAL_BEARER_HEADER } from '@petrel/server';
import { launchNode, submitStatement } from './cluster-launcher.js';
import type { SubmittedOutcome } from './cluster-launcher.js';

const BIN = fileURLToPath(new URL('../bin/petrel.js', import.meta.url));
const SECRET = 'a shared secret for the loopback test cluster';
const children: ChildProcess[] = [];

interface Node {
  readonly child: ChildProcess;
  readonly url: string;
}

/** Starts `petrel server --etc-dir` with the given properties; resolves once it serves. */
async function startNode(name: string, address: string, config: Record<string, string>): Promise<Node> {
  const node = await launchNode({
    name,
    address,
    config: {
      'internal-communication.shared-secret': SECRET,
      'failure-detector.heartbeat-interval': '500ms',
      'failure-detector.timeout': '3s',
      'exchange.compression-codec': 'ZSTD',
      'exchange.http-client.request-timeout': '4s',
      ...config,
    },
    catalogs: { tpch: { 'connector.name': 'tpch' } },
  });
  children.push(node.child);
  return node;
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
let worker3: Node;

before(async () => {
  coordinator = await startNode('coordinator', '127.0.0.1', { coordinator: 'true', 'node-scheduler.include-coordinator': 'false' });
  const discovery = coordinator.url;
  [worker1, worker2, worker3] = await Promise.all([
    startNode('worker-1', '127.0.0.2', { coordinator: 'false', 'discovery.uri': discovery }),
    startNode('worker-2', '127.0.0.3', { coordinator: 'false', 'discovery.uri': discovery }),
    startNode('worker-3', '127.0.0.4', { coordinator: 'false', 'discovery.uri': discovery }),
  ]);
});

after(() => {
  for (const child of children) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    child.kill('SIGCONT');
    child.kill('SIGKILL');
  }
});

function workers(): Node[] {
  return [worker1, worker2, worker3];
}

function nodeIdOf(node: Node): string {
  return `worker-${workers().indexOf(node) + 1}`;
}

test('workers announce to the coordinator, which lists them in /v1/node and system.runtime.nodes', async () => {
  const nodes = await waitFor('three active nodes', async () => {
    const list = (await (await fetch(`${coordinator.url}/v1/node`)).json()) as { nodeId: string; uri: string; coordinator: boolean; state: string }[];
    return list.length === 4 ? list : undefined;
  });
  assert.deepEqual(
    nodes.map((n) => [n.nodeId, n.uri, n.coordinator, n.state]),
    [
      ['coordinator', coordinator.url, true, 'active'],
      ['worker-1', worker1.url, false, 'active'],
      ['worker-2', worker2.url, false, 'active'],
      ['worker-3', worker3.url, false, 'active'],
    ],
  );
  const rows = await query(coordinator.url, 'SELECT node_id, http_uri, coordinator, state FROM system.runtime.nodes ORDER BY node_id');
  assert.deepEqual(rows, [
    ['coordinator', coordinator.url, true, 'active'],
    ['worker-1', worker1.url, false, 'active'],
    ['worker-2', worker2.url, false, 'active'],
    ['worker-3', worker3.url, false, 'active'],
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
  const tasks = (await Promise.all(workers().map(tasksOf))).flat();
  assert.ok(tasks.length >= 4, `tasks ran on the workers: ${JSON.stringify(tasks)}`);
  assert.ok(new Set(tasks.map((t) => t.nodeId)).size >= 2, 'several workers ran tasks');
  assert.ok(tasks.every((t) => t.state === 'FINISHED'), JSON.stringify(tasks.map((t) => [t.taskId, t.state])));
  // the memory and system catalogs live on the coordinator: their queries are not distributed
  assert.deepEqual(await query(coordinator.url, 'SELECT count(*) FROM system.runtime.nodes'), [[4]]);
});

test('a worker without internal-communication.shared-secret refuses to start with a clear error', async () => {
  const etc = mkdtempSync(join(tmpdir(), 'petrel-nosecret-'));
  writeFileSync(join(etc, 'config.properties'), `coordinator=false\nhttp-server.http.port=0\ndiscovery.uri=${coordinator.url}\n`);
  writeFileSync(join(etc, 'node.properties'), 'node.environment=test\nnode.id=no-secret\n');
  const child = spawn(process.execPath, [BIN, 'server', '--etc-dir', etc], { stdio: ['ignore', 'ignore', 'pipe'] });
  children.push(child);
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  assert.equal(code, 1);
  assert.match(stderr, /property 'internal-communication.shared-secret': required when the cluster has more than one node \(coordinator=false\)/);
});

/** Submits a query and polls it to the end in the background (bounded by a deadline). */
function submit(sql: string, headers: Record<string, string> = {}): ReturnType<typeof submitStatement> {
  return submitStatement(coordinator.url, sql, headers, 60_000);
}

/** Waits until a task of the query runs on a live worker; returns that worker. */
async function workerRunning(queryId: string, candidates: readonly Node[]): Promise<Node> {
  return waitFor(`a task of ${queryId} to run on a worker`, async () => {
    for (const node of candidates) {
      const running = (await tasksOf(node)).filter((t) => t.taskId.startsWith(queryId) && t.state === 'RUNNING');
      if (running.length > 0) return node;
    }
    return undefined;
  });
}

test('a worker frozen with SIGSTOP fails the query promptly (retry_policy NONE), naming the node; it rejoins after SIGCONT', async () => {
  const { id, done } = await submit('SELECT returnflag, count(*) FROM tpch.sf1000.lineitem GROUP BY returnflag');
  const frozen = await workerRunning(id, workers());
  frozen.child.kill('SIGSTOP');
  let results: SubmittedOutcome;
  try {
    results = await done;
  } finally {
    frozen.child.kill('SIGCONT');
  }
  assert.ok(['PAGE_TRANSPORT_TIMEOUT', 'REMOTE_HOST_GONE'].includes(results.error?.errorName ?? ''), JSON.stringify(results.error));
  assert.match(results.error!.message, new RegExp(`^Node ${nodeIdOf(frozen)} at `));
  // the node announces again and is active; abort what is left of its tasks
  await waitFor(`${nodeIdOf(frozen)} to be active again`, async () => {
    const list = (await (await fetch(`${coordinator.url}/v1/node`)).json()) as { nodeId: string }[];
    return list.some((n) => n.nodeId === nodeIdOf(frozen)) ? true : undefined;
  });
  const auth = new InternalAuthenticator(SECRET, 'test');
  for (const node of workers()) {
    for (const task of (await tasksOf(node)).filter((t) => t.taskId.startsWith(id) && t.state === 'RUNNING')) {
      await fetch(`${node.url}/v1/task/${encodeURIComponent(task.taskId)}?abort=true`, { method: 'DELETE', headers: await auth.headers() });
    }
  }
});

let killedByRetryTest: Node | undefined;

test('retry_policy QUERY: a worker killed mid-query is excluded and the query runs again, with correct results', async () => {
  const { id, done } = await submit('SELECT orderstatus, count(*) FROM tpch.sf1.orders GROUP BY orderstatus ORDER BY orderstatus', { 'X-Trino-Session': 'retry_policy=QUERY' });
  const victim = await workerRunning(id, workers());
  victim.child.kill('SIGKILL');
  killedByRetryTest = victim;
  const results = await done;
  assert.equal(results.error, undefined, JSON.stringify(results.error));
  assert.deepEqual(results.rows, [
    ['F', 729413],
    ['O', 732044],
    ['P', 38543],
  ]);
  // the second attempt ran its tasks elsewhere (attempt 1 in the task ids)
  const survivors = workers().filter((w) => w !== victim);
  const retried = (await Promise.all(survivors.map(tasksOf))).flat().filter((t) => t.taskId.startsWith(`${id}.`) && t.taskId.split('.').at(-2) === '1');
  assert.ok(retried.length > 0, 'attempt 1 ran on the surviving workers');
  assert.ok(retried.every((t) => t.nodeId !== nodeIdOf(victim)));
});

test('a worker killed with SIGKILL mid-query fails the query with REMOTE_HOST_GONE; the next query runs on the remaining nodes', async () => {
  const alive = workers().filter((w) => w !== killedByRetryTest);
  // Until the coordinator has marked the worker the previous test killed as failed, a new query may
  // still schedule a task there and fail at once (as Trino's would): start from a settled cluster.
  if (killedByRetryTest !== undefined) {
    const gone = nodeIdOf(killedByRetryTest);
    await waitFor('the worker killed by the previous test to leave the active nodes', async () => {
      const active = ((await (await fetch(`${coordinator.url}/v1/node`)).json()) as { nodeId: string }[]).map((n) => n.nodeId);
      return active.includes(gone) ? undefined : true;
    });
  }
  const { id, done } = await submit('SELECT returnflag, count(*) FROM tpch.sf1000.lineitem GROUP BY returnflag');
  const victim = await workerRunning(id, alive);
  victim.child.kill('SIGKILL');
  const results = await done;
  const victimId = nodeIdOf(victim);
  assert.equal(results.error?.errorName, 'REMOTE_HOST_GONE');
  assert.match(results.error!.message, new RegExp(`^Node ${victimId} at http://127\\.0\\.0\\.\\d:\\d+ is gone`));
  const dead = [killedByRetryTest, victim].filter((n): n is Node => n !== undefined).map(nodeIdOf).sort();
  const failed = await waitFor('the killed workers to be failed', async () => {
    const list = (await (await fetch(`${coordinator.url}/v1/node/failed`)).json()) as { nodeId: string; state: string }[];
    return list.length === dead.length ? list : undefined;
  });
  assert.deepEqual(failed.map((n) => [n.nodeId, n.state]).sort(), dead.map((d) => [d, 'failed']));
  const survivor = alive.find((w) => w !== victim)!;
  const active = ((await (await fetch(`${coordinator.url}/v1/node`)).json()) as { nodeId: string }[]).map((n) => n.nodeId);
  assert.deepEqual(active, ['coordinator', nodeIdOf(survivor)]);
  const rows = await query(coordinator.url, 'SELECT node_id, state FROM system.runtime.nodes ORDER BY node_id');
  assert.deepEqual(rows, ['coordinator', ...workers().map(nodeIdOf)].map((n) => [n, n === 'coordinator' || n === nodeIdOf(survivor) ? 'active' : 'failed']));
  const before = (await tasksOf(survivor)).length;
  assert.deepEqual(await query(coordinator.url, 'SELECT count(*) FROM tpch.tiny.orders'), [[15000]]);
  assert.ok((await tasksOf(survivor)).length > before, 'the next query ran its tasks on the surviving worker');
});

test('graceful shutdown: a worker put in SHUTTING_DOWN mid-query finishes its tasks, the query succeeds, new queries avoid it', async () => {
  const leaving = workers().find((w) => w.child.exitCode === null && w.child.signalCode === null)!;
  const { id, done } = await submit('SELECT orderstatus, count(*) FROM tpch.sf1.orders GROUP BY orderstatus ORDER BY orderstatus');
  await workerRunning(id, [leaving]);
  const exited = new Promise<number | null>((resolve) => leaving.child.on('exit', resolve));
  const response = await fetch(`${leaving.url}/v1/info/state`, { method: 'PUT', body: '"SHUTTING_DOWN"', headers: { 'Content-Type': 'application/json', 'X-Trino-User': 'admin' } });
  assert.equal(response.status, 200);
  const results = await done;
  assert.equal(results.error, undefined, JSON.stringify(results.error));
  assert.deepEqual(results.rows, [
    ['F', 729413],
    ['O', 732044],
    ['P', 38543],
  ]);
  const states = (await tasksOfSafe(leaving)).filter((t) => t.taskId.startsWith(id)).map((t) => t.state);
  assert.ok(states.every((s) => s === 'FINISHED'), states.join(', '));
  assert.equal(await exited, 0);
  const all = (await query(coordinator.url, 'SELECT node_id, state FROM system.runtime.nodes')) as [string, string][];
  assert.deepEqual(all.find(([n]) => n === nodeIdOf(leaving)), [nodeIdOf(leaving), 'shutting_down']);
  // no worker is left: the next query runs on the coordinator
  assert.deepEqual(await query(coordinator.url, 'SELECT count(*) FROM tpch.tiny.orders'), [[15000]]);
});

/** A node's tasks, or none once it is gone. */
async function tasksOfSafe(node: Node): Promise<TaskStatusJson[]> {
  try {
    return await tasksOf(node);
  } catch {
    return [];
  }
}
