#!/usr/bin/env node
// Cluster benchmark: TPC-H straight from the tpch connector on one node versus a coordinator with
// two workers on this machine (separate processes on 127.0.0.1-3; the coordinator only schedules,
// `node-scheduler.include-coordinator=false`). Reports each query's time on both, the bytes its
// tasks put into exchanges (serialized pages, from /v1/query/{id}), and checks the cluster's rows
// against the single node's.
//
//   node bench/cluster.mjs [--scale sf1|tiny] [--queries q01,q03,...|all] [--runs N]
//
// Needs a build (`npx tsc -b packages/cli`). Defaults: sf1, q01 q03 q05 q06 q10 q12 q14 q18, best
// of 2 runs. Every process first runs the queries once on tpch.tiny (warm-up, not measured).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatBytes, formatMillis, repoRoot, sharedDir } from './lib/bench-util.mjs';

const { launchNode, runStatement, stopNodes, waitForActiveNodes } = await import(join(repoRoot(), 'packages/cli/dist/cluster-launcher.js'));

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 && args[index + 1] !== undefined ? args[index + 1] : fallback;
};
const scale = option('scale', 'sf1');
const queryOption = option('queries', 'q01,q03,q05,q06,q10,q12,q14,q18');
const queries = queryOption === 'all' ? Array.from({ length: 22 }, (_, i) => `q${String(i + 1).padStart(2, '0')}`) : queryOption.split(',');
const runs = Number(option('runs', '2'));
const SECRET = 'cluster benchmark secret';
const catalogs = { tpch: { 'connector.name': 'tpch', 'tpch.column-naming': 'STANDARD' } };
const session = { 'sql.default-catalog': 'tpch', 'sql.default-schema': scale, 'query.max-memory': '4GB', 'query.max-memory-per-node': '4GB' };
// a loaded machine can stall a node's event loop for seconds: do not fail queries for that
const exchangeTimeout = { 'exchange.http-client.request-timeout': '120s' };
const nodeArguments = ['--max-old-space-size=4096'];

function queryText(name) {
  return readFileSync(join(sharedDir(), 'tpch', 'queries', `${name}.sql`), 'utf8').trim().replace(/;\s*$/, '');
}

function sameRows(a, b) {
  if (a.length !== b.length) return false;
  return a.every((row, r) =>
    row.every((v, c) => {
      const w = b[r][c];
      if (typeof v === 'number' && typeof w === 'number') return Math.abs(v - w) <= 1e-6 * Math.max(1, Math.abs(v), Math.abs(w));
      return JSON.stringify(v) === JSON.stringify(w);
    }),
  );
}

async function exchangedBytes(url, queryId) {
  const info = await (await fetch(`${url}/v1/query/${queryId}`)).json();
  let bytes = 0;
  let tasks = 0;
  for (const stage of info.stages ?? []) {
    for (const task of stage.tasks) {
      bytes += task.outputBytes ?? 0;
      tasks++;
    }
  }
  return { bytes, tasks, stages: (info.stages ?? []).length };
}

/** Runs every query once on tpch.tiny: JIT and the tpch text pool warm up in every process first. */
async function warmUp(url) {
  for (const name of queries) await runStatement(url, queryText(name), { 'X-Trino-Catalog': 'tpch', 'X-Trino-Schema': 'tiny' });
}

async function timeQueries(url, label) {
  await warmUp(url);
  const results = new Map();
  for (const name of queries) {
    const times = [];
    let outcome;
    for (let run = 0; run < runs; run++) {
      const start = performance.now();
      outcome = await runStatement(url, queryText(name));
      times.push(performance.now() - start);
      if (outcome.error !== undefined) break;
    }
    const exchange = outcome.error === undefined ? await exchangedBytes(url, outcome.id) : { bytes: 0, tasks: 0, stages: 0 };
    results.set(name, { millis: Math.min(...times), rows: outcome.rows, error: outcome.error, ...exchange });
    process.stderr.write(`${label} ${name} ${times.map(formatMillis).join(' ')}${outcome.error ? ` ${outcome.error.errorName}: ${outcome.error.message}` : ''}\n`);
  }
  return results;
}

const single = [await launchNode({ name: 'single', address: '127.0.0.1', config: session, catalogs, nodeArguments })];
let singleResults;
try {
  singleResults = await timeQueries(single[0].url, 'single');
} finally {
  stopNodes(single);
}

const cluster = [];
let clusterResults;
try {
  const coordinator = await launchNode({ name: 'coordinator', address: '127.0.0.1', config: { ...session, ...exchangeTimeout, coordinator: 'true', 'node-scheduler.include-coordinator': 'false', 'internal-communication.shared-secret': SECRET }, catalogs, nodeArguments });
  cluster.push(coordinator);
  for (const [name, address] of [['worker-1', '127.0.0.2'], ['worker-2', '127.0.0.3']]) {
    cluster.push(await launchNode({ name, address, config: { ...session, ...exchangeTimeout, coordinator: 'false', 'discovery.uri': coordinator.url, 'internal-communication.shared-secret': SECRET }, catalogs, nodeArguments }));
  }
  await waitForActiveNodes(coordinator.url, 3);
  clusterResults = await timeQueries(coordinator.url, 'cluster');
} finally {
  stopNodes(cluster);
}

console.log(`\nTPC-H ${scale} from the tpch connector, ${runs === 1 ? 'one run' : `best of ${runs} runs`} per query after a warm-up on tiny\n`);
console.log('| query | 1 node | coordinator + 2 workers | cluster / 1 node | stages | tasks | bytes exchanged | same rows |');
console.log('|---|---|---|---|---|---|---|---|');
let singleTotal = 0;
let clusterTotal = 0;
let bytesTotal = 0;
for (const name of queries) {
  const s = singleResults.get(name);
  const c = clusterResults.get(name);
  const failed = s.error ?? c.error;
  if (failed === undefined) {
    singleTotal += s.millis;
    clusterTotal += c.millis;
    bytesTotal += c.bytes;
  }
  const same = failed !== undefined ? `error: ${failed.errorName}` : sameRows(s.rows, c.rows) ? 'yes' : 'NO';
  console.log(`| ${name} | ${formatMillis(s.millis)} | ${formatMillis(c.millis)} | ${(c.millis / s.millis).toFixed(2)}x | ${c.stages} | ${c.tasks} | ${formatBytes(c.bytes)} | ${same} |`);
}
console.log(`| total | ${formatMillis(singleTotal)} | ${formatMillis(clusterTotal)} | ${(clusterTotal / singleTotal).toFixed(2)}x | | | ${formatBytes(bytesTotal)} | |`);
