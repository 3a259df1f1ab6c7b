// Fault-tolerant execution (retry_policy=TASK) with real processes on loopback: a coordinator
// (127.0.0.1) and three workers (127.0.0.2-4), each with etc/exchange-manager.properties naming
// one shared temporary exchange directory, spooling LZ4-compressed pages. Workers are killed and
// frozen mid-query; the query must succeed, leave no spool files and no running tasks behind.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InternalAuthenticator } from '@petrel/server';
import { launchNode, submitStatement } from './cluster-launcher.js';
import type { SubmittedOutcome } from './cluster-launcher.js';

const BIN = fileURLToPath(new URL('../bin/petrel.js', import.meta.url));
const SECRET = 'a shared secret for the fault-tolerant test cluster';
const children: ChildProcess[] = [];
const temporaryDirectories: string[] = [];
let exchangeDirectory: string;

interface Node {
  readonly name: string;
  readonly child: ChildProcess;
  readonly url: string;
}

function temporaryDirectory(prefix: string): string {
  const directory = mkdtempSync(join(tmpdir(), prefix));
  temporaryDirectories.push(directory);
  return directory;
}

function etcDirectory(name: string, address: string, config: Record<string, string>, exchangeManager: string | undefined): string {
  const etc = temporaryDirectory(`petrel-fte-${name}-`);
  mkdirSync(join(etc, 'catalog'));
  writeFileSync(join(etc, 'catalog', 'tpch.properties'), 'connector.name=tpch\n');
  const base = {
    'http-server.http.port': '0',
    'internal-communication.shared-secret': SECRET,
    'failure-detector.heartbeat-interval': '500ms',
    'failure-detector.timeout': '3s',
    'exchange.compression-codec': 'LZ4',
    'exchange.http-client.request-timeout': '4s',
  };
  writeFileSync(join(etc, 'config.properties'), Object.entries({ ...base, ...config }).map(([k, v]) => `${k}=${v}\n`).join(''));
  writeFileSync(join(etc, 'node.properties'), `node.environment=test\nnode.id=${name}\nnode.internal-address=${address}\n`);
  if (exchangeManager !== undefined) writeFileSync(join(etc, 'exchange-manager.properties'), exchangeManager);
  return etc;
}

/** Starts `petrel server --etc-dir` with the given properties and the test's exchange manager; resolves once it serves. */
async function startNode(name: string, address: string, config: Record<string, string>): Promise<Node> {
  const node = await launchNode({
    name,
    address,
    config: {
      'internal-communication.shared-secret': SECRET,
      'failure-detector.heartbeat-interval': '500ms',
      'failure-detector.timeout': '3s',
      'exchange.compression-codec': 'LZ4',
      'exchange.http-client.request-timeout': '4s',
      ...config,
    },
    catalogs: { tpch: { 'connector.name': 'tpch' } },
    files: { 'exchange-manager.properties': `exchange-manager.name=filesystem\nexchange.base-directories=${exchangeDirectory}\n` },
  });
  children.push(node.child);
  temporaryDirectories.push(node.etcDir);
  return { name, child: node.child, url: node.url };
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMillis = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMillis;
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

let coordinator: Node;
let workers: Node[];

before(async () => {
  exchangeDirectory = temporaryDirectory('petrel-exchange-');
  coordinator = await startNode('coordinator', '127.0.0.1', { coordinator: 'true', 'node-scheduler.include-coordinator': 'false' });
  workers = await Promise.all(
    ['127.0.0.2', '127.0.0.3', '127.0.0.4'].map((address, i) => startNode(`worker-${i + 1}`, address, { coordinator: 'false', 'discovery.uri': coordinator.url })),
  );
  await waitFor('three active workers', async () => {
    const list = (await (await fetch(`${coordinator.url}/v1/node`)).json()) as unknown[];
    return list.length === 4 ? true : undefined;
  });
});

after(() => {
  for (const child of children) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    child.kill('SIGCONT');
    child.kill('SIGKILL');
  }
  for (const directory of temporaryDirectories) rmSync(directory, { recursive: true, force: true });
});

const TASK_RETRIES = { 'X-Trino-Session': 'retry_policy=TASK' };

/** Submits a query and polls it to the end in the background (bounded by a deadline). */
function submit(sql: string, headers: Record<string, string> = {}): ReturnType<typeof submitStatement> {
  return submitStatement(coordinator.url, sql, headers, 120_000);
}

interface TaskStatusJson {
  taskId: string;
  nodeId: string;
  state: string;
  bufferedBytes: number;
}

async function tasksOf(node: Node): Promise<TaskStatusJson[]> {
  const auth = new InternalAuthenticator(SECRET, 'test');
  return (await (await fetch(`${node.url}/v1/task`, { headers: await auth.headers(), signal: AbortSignal.timeout(5000) })).json()) as TaskStatusJson[];
}

const DONE_STATES = new Set(['FINISHED', 'FAILED', 'ABORTED', 'CANCELED']);

/** Waits until a task of the query runs on one of the nodes; returns that node. */
async function nodeRunning(queryId: string, candidates: readonly Node[]): Promise<Node> {
  return waitFor(`a task of ${queryId} to run on ${candidates.map((c) => c.name).join(' or ')}`, async () => {
    for (const node of candidates) {
      const running = (await tasksOf(node)).filter((t) => t.taskId.startsWith(`${queryId}.`) && t.state === 'RUNNING');
      if (running.length > 0) return node;
    }
    return undefined;
  }, 60_000);
}

function attemptOf(taskId: string): number {
  return Number(taskId.split('.').at(-1));
}

test('retry_policy TASK without failures: aggregations, joins and sorts spool through the exchange directory and match retry_policy NONE', async () => {
  const queries = [
    'SELECT regionkey, count(*), sum(nationkey) FROM tpch.tiny.nation GROUP BY regionkey ORDER BY regionkey',
    'SELECT r.name, count(*), min(n.name) FROM tpch.tiny.nation n JOIN tpch.tiny.region r ON n.regionkey = r.regionkey GROUP BY r.name ORDER BY r.name',
    'SELECT o.orderpriority, count(DISTINCT c.nationkey), sum(o.totalprice) FROM tpch.tiny.orders o JOIN tpch.tiny.customer c ON o.custkey = c.custkey WHERE o.orderdate < DATE \'1993-01-01\' GROUP BY o.orderpriority ORDER BY o.orderpriority',
    'SELECT orderkey, totalprice FROM tpch.tiny.orders ORDER BY totalprice DESC, orderkey LIMIT 5',
  ];
  for (const sql of queries) {
    const streamed = await (await submit(sql)).done;
    const { id, done } = await submit(sql, TASK_RETRIES);
    const spooled = await done;
    assert.equal(spooled.error, undefined, `${sql}: ${JSON.stringify(spooled.error)}`);
    assert.ok(spooled.rows.length > 0, sql);
    assert.deepEqual(spooled.rows, streamed.rows, sql);
    const tasks = (await Promise.all(workers.map(tasksOf))).flat().filter((t) => t.taskId.startsWith(`${id}.`));
    // every stage's task finished (a loaded machine may fail a slow node and rerun a task elsewhere: that is the point)
    assert.ok(tasks.some((t) => t.state === 'FINISHED') && tasks.every((t) => DONE_STATES.has(t.state)), JSON.stringify(tasks.map((t) => [t.taskId, t.state])));
  }
  assert.deepEqual(readdirSync(exchangeDirectory), []);
});

test('retry_policy TASK: a worker killed and another frozen mid-query, the failed tasks rerun elsewhere and the query succeeds', async () => {
  const { id, done } = await submit('SELECT orderstatus, count(*), sum(shippriority) FROM tpch.sf1.orders GROUP BY orderstatus ORDER BY orderstatus', TASK_RETRIES);
  const killed = await nodeRunning(id, workers);
  killed.child.kill('SIGKILL');
  const frozen = await nodeRunning(
    id,
    workers.filter((w) => w !== killed),
  );
  frozen.child.kill('SIGSTOP');
  let results: SubmittedOutcome;
  try {
    results = await done;
  } finally {
    frozen.child.kill('SIGCONT');
  }
  assert.equal(results.error, undefined, JSON.stringify(results.error));
  assert.deepEqual(results.rows, [
    ['F', 729413, 0],
    ['O', 732044, 0],
    ['P', 38543, 0],
  ]);
  // spool files are removed when the query ends
  assert.deepEqual(readdirSync(exchangeDirectory), []);
  const survivor = workers.find((w) => w !== killed && w !== frozen)!;
  const survivorTasks = (await tasksOf(survivor)).filter((t) => t.taskId.startsWith(`${id}.`));
  assert.ok(
    survivorTasks.some((t) => attemptOf(t.taskId) > 0 && t.state === 'FINISHED'),
    `a retried attempt finished on the survivor: ${JSON.stringify(survivorTasks.map((t) => [t.taskId, t.state]))}`,
  );
  assert.deepEqual(
    survivorTasks.filter((t) => !DONE_STATES.has(t.state)),
    [],
    'no task of the query is left running on the survivor',
  );
  assert.ok(
    survivorTasks.every((t) => t.bufferedBytes === 0),
    'spooling tasks hold no buffered output',
  );
  // the frozen worker comes back: the coordinator keeps asking it to abort its abandoned attempt
  const leftOnFrozen = await waitFor(
    `${frozen.name}'s abandoned attempt of ${id} to end`,
    async () => {
      const tasks = (await tasksOf(frozen)).filter((t) => t.taskId.startsWith(`${id}.`));
      return tasks.every((t) => DONE_STATES.has(t.state)) ? tasks : undefined;
    },
    30_000,
  );
  assert.ok(leftOnFrozen.length > 0, 'the frozen worker had run a task of the query');
  assert.deepEqual(readdirSync(exchangeDirectory), [], 'the abandoned attempt left no spool files behind');
});

test('retry_policy TASK: a user error fails the query at once with its own error name, without retrying', async () => {
  const alive = workers.filter((w) => w.child.exitCode === null && w.child.signalCode === null);
  const { id, done } = await submit('SELECT orderstatus, sum(orderkey / (custkey - custkey)) FROM tpch.tiny.orders GROUP BY orderstatus', { 'X-Trino-Session': 'retry_policy=TASK' });
  const results = await done;
  assert.equal(results.error?.errorName, 'DIVISION_BY_ZERO', JSON.stringify(results.error));
  const tasks = (await Promise.all(alive.map(tasksOf))).flat().filter((t) => t.taskId.startsWith(`${id}.`));
  assert.ok(tasks.some((t) => t.state === 'FAILED'), JSON.stringify(tasks));
  assert.deepEqual(
    tasks.filter((t) => attemptOf(t.taskId) > 0).map((t) => t.taskId),
    [],
    'no task was retried',
  );
  assert.deepEqual(readdirSync(exchangeDirectory), []);
});

test('exchange-manager.properties is validated at startup', async () => {
  const etc = etcDirectory('bad-exchange', '127.0.0.5', { coordinator: 'true' }, 'exchange-manager.name=hdfs\nexchange.base-directories=/tmp/x\n');
  const child = spawn(process.execPath, [BIN, 'server', '--etc-dir', etc], { stdio: ['ignore', 'ignore', 'pipe'] });
  children.push(child);
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  assert.equal(code, 1);
  assert.match(stderr, /exchange-manager\.properties: property 'exchange-manager\.name': exchange manager 'hdfs' is not supported/);
});
