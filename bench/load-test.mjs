#!/usr/bin/env node
// Load test of the Trino client protocol: concurrent clients running short queries, then one large
// result streamed through the protocol. Prints queries/s, latency percentiles and rows/s.
//
// Usage: node bench/load-test.mjs [--server URL] [--clients N] [--queries N] [--rows N]
//   Without --server it starts an in-process Petrel server (real engine) on a random port.
import { performance } from 'node:perf_hooks';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, arg, i, all) => (arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []),
);
const clients = Number(args.clients ?? 8);
const queriesPerClient = Number(args.queries ?? 25);
const bigRows = Number(args.rows ?? 1_000_000);
const QUERIES = [
  'SELECT 1',
  'SELECT count(*) FROM tpch.tiny.nation',
  'SELECT regionkey, count(*) FROM tpch.tiny.nation GROUP BY regionkey ORDER BY regionkey',
  "SELECT name FROM tpch.tiny.region WHERE name LIKE 'A%'",
];

let server;
let base = args.server;
if (base === undefined) {
  const { PetrelServer, createEngine } = await import('../packages/server/dist/index.js');
  server = new PetrelServer({ engine: await createEngine({}), port: 0, host: '127.0.0.1', log: () => {} });
  base = `http://127.0.0.1:${await server.listen()}`;
}

async function run(sql) {
  let response = await fetch(`${base}/v1/statement`, { method: 'POST', body: sql, headers: { 'X-Trino-User': 'load-test' } });
  let results = await response.json();
  let rows = 0;
  while (true) {
    if (results.error) throw new Error(`${sql}: ${results.error.errorName}: ${results.error.message}`);
    rows += results.data?.length ?? 0;
    if (!results.nextUri) return rows;
    response = await fetch(results.nextUri);
    if (response.status !== 200) throw new Error(`${sql}: HTTP ${response.status}`);
    results = await response.json();
  }
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const latencies = [];
let failures = 0;
const started = performance.now();
await Promise.all(
  Array.from({ length: clients }, async (_, client) => {
    for (let i = 0; i < queriesPerClient; i++) {
      const sql = QUERIES[(client + i) % QUERIES.length];
      const t0 = performance.now();
      try {
        await run(sql);
        latencies.push(performance.now() - t0);
      } catch (error) {
        failures++;
        if (failures <= 3) console.error(String(error));
      }
    }
  }),
);
const seconds = (performance.now() - started) / 1000;
latencies.sort((a, b) => a - b);
console.log(`short queries: ${latencies.length} ok, ${failures} failed, ${clients} clients, ${(latencies.length / seconds).toFixed(1)} queries/s`);
console.log(`latency ms: p50 ${percentile(latencies, 50)?.toFixed(1)}  p95 ${percentile(latencies, 95)?.toFixed(1)}  p99 ${percentile(latencies, 99)?.toFixed(1)}  max ${latencies.at(-1)?.toFixed(1)}`);

const t0 = performance.now();
const rows = await run(`SELECT orderkey, custkey, totalprice FROM tpch.sf1.orders LIMIT ${bigRows}`);
const bigSeconds = (performance.now() - t0) / 1000;
console.log(`large result: ${rows} rows in ${bigSeconds.toFixed(2)} s = ${Math.round(rows / bigSeconds)} rows/s through the protocol`);

await server?.close();
process.exit(failures > 0 ? 1 : 0);
