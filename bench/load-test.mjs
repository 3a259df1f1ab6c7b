#!/usr/bin/env node
// Load test of the Trino client protocol: many concurrent clients running a mix of short and long
// queries (and some that fail on purpose) for a fixed time, then one large result streamed through
// the protocol. Prints queries/s, latency percentiles, errors by kind, rows/s, and the heap before
// and after (after a forced GC), so growth after the load ends is visible.
//
// Usage: npm exec -- node --expose-gc bench/load-test.mjs [--server URL] [--clients 200] [--seconds 60] [--rows N] [--rounds 1]
//   Without --server it starts an in-process Petrel server (real engine) on a random port on
//   127.0.0.1; the heap figures are then the server's. Every loop is bounded by --seconds; with
//   --rounds N the load repeats N times and the heap after each round shows whether memory grows.
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    server: { type: 'string' },
    clients: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '60' },
    rows: { type: 'string', default: '1000000' },
    rounds: { type: 'string', default: '1' },
  },
});
const clients = Number(args.clients);
const durationMillis = Number(args.seconds) * 1000;
const bigRows = Number(args.rows);
const rounds = Math.max(1, Number(args.rounds));

// Mostly short queries, some long ones, and some that fail on purpose (expected errors).
const WORKLOAD = [
  { sql: 'SELECT 1', kind: 'short' },
  { sql: 'SELECT count(*) FROM tpch.tiny.nation', kind: 'short' },
  { sql: 'SELECT regionkey, count(*) FROM tpch.tiny.nation GROUP BY regionkey ORDER BY regionkey', kind: 'short' },
  { sql: "SELECT name FROM tpch.tiny.region WHERE name LIKE 'A%'", kind: 'short' },
  { sql: 'SELECT c.mktsegment, count(*), sum(o.totalprice) FROM tpch.tiny.orders o JOIN tpch.tiny.customer c ON o.custkey = c.custkey GROUP BY 1 ORDER BY 1', kind: 'long' },
  { sql: 'SELECT orderpriority, count(*) FROM tpch.sf1.orders WHERE orderdate < DATE \'1993-01-01\' GROUP BY 1 ORDER BY 1', kind: 'long' },
  { sql: 'SELECT * FROM tpch.tiny.no_such_table', kind: 'expected-error', errorName: 'TABLE_NOT_FOUND' },
  { sql: 'SELECT 1 / 0', kind: 'expected-error', errorName: 'DIVISION_BY_ZERO' },
];
// Of every 20 queries a client runs: 14 short, 2 long, 4 failing on purpose.
const SCHEDULE = [0, 1, 2, 3, 0, 1, 2, 3, 4, 0, 1, 2, 3, 0, 6, 1, 5, 2, 7, 3];

function heapAfterGc() {
  globalThis.gc?.();
  return process.memoryUsage().heapUsed;
}
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

let server;
let base = args.server;
if (base === undefined) {
  const { PetrelServer, createEngine } = await import('../packages/server/dist/index.js');
  server = new PetrelServer({ engine: await createEngine({}), port: 0, host: '127.0.0.1', log: () => {} });
  base = `http://127.0.0.1:${await server.listen()}`;
}

class QueryError extends Error {
  constructor(errorName, message) {
    super(message);
    this.errorName = errorName;
  }
}

async function run(sql) {
  let response = await fetch(`${base}/v1/statement`, { method: 'POST', body: sql, headers: { 'X-Trino-User': 'load-test' } });
  if (response.status !== 200) throw new QueryError(`HTTP_${response.status}`, await response.text());
  let results = await response.json();
  let rows = 0;
  for (;;) {
    if (results.error) throw new QueryError(results.error.errorName, results.error.message);
    rows += results.data?.length ?? 0;
    if (!results.nextUri) return rows;
    response = await fetch(results.nextUri);
    if (response.status !== 200) throw new QueryError(`HTTP_${response.status}`, `${sql}: HTTP ${response.status}`);
    results = await response.json();
  }
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

// Warm up once so the heap baseline includes the engine's lazily built state (tpch text pool ...).
for (const w of WORKLOAD) await run(w.sql).catch(() => undefined);
const heapBefore = heapAfterGc();

let unexpectedCount = 0;
for (let round = 1; round <= rounds; round++) {
  const latencies = { short: [], long: [] };
  const unexpected = new Map();
  let expectedErrors = 0;
  const started = performance.now();
  const deadline = started + durationMillis;
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      for (let i = client; performance.now() < deadline; i++) {
        const w = WORKLOAD[SCHEDULE[i % SCHEDULE.length]];
        const t0 = performance.now();
        try {
          await run(w.sql);
          if (w.kind === 'expected-error') unexpected.set('no error where one was expected', (unexpected.get('no error where one was expected') ?? 0) + 1);
          else latencies[w.kind].push(performance.now() - t0);
        } catch (error) {
          if (w.kind === 'expected-error' && error.errorName === w.errorName) expectedErrors++;
          else {
            const key = `${error.errorName ?? 'CLIENT'}: ${String(error.message).slice(0, 120)}`;
            unexpected.set(key, (unexpected.get(key) ?? 0) + 1);
          }
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const total = latencies.short.length + latencies.long.length + expectedErrors;
  console.log(`${clients} clients for ${seconds.toFixed(0)} s: ${total} queries (${(total / seconds).toFixed(1)}/s): ${latencies.short.length} short, ${latencies.long.length} long, ${expectedErrors} expected errors`);
  for (const kind of ['short', 'long']) {
    const sorted = latencies[kind].sort((a, b) => a - b);
    if (sorted.length > 0) console.log(`${kind} latency ms: p50 ${percentile(sorted, 50).toFixed(0)}  p95 ${percentile(sorted, 95).toFixed(0)}  p99 ${percentile(sorted, 99).toFixed(0)}  max ${sorted.at(-1).toFixed(0)}`);
  }
  unexpectedCount += [...unexpected.values()].reduce((a, b) => a + b, 0);
  console.log(`unexpected errors: ${unexpectedCount}`);
  for (const [key, count] of unexpected) console.log(`  ${count} x ${key}`);

  if (server !== undefined && rounds > 1) {
    await new Promise((resolve) => setTimeout(resolve, 2000));
    console.log(`round ${round}: server heap after GC ${mb(heapAfterGc())}`);
  }
}

const t0 = performance.now();
const rows = await run(`SELECT orderkey, custkey, totalprice FROM tpch.sf1.orders LIMIT ${bigRows}`);
const bigSeconds = (performance.now() - t0) / 1000;
console.log(`large result: ${rows} rows in ${bigSeconds.toFixed(2)} s = ${Math.round(rows / bigSeconds)} rows/s through the protocol`);

if (server !== undefined) {
  // Let finished queries leave the history's memory-holding state, then compare heaps.
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const heapAfter = heapAfterGc();
  console.log(`server heap after GC: before ${mb(heapBefore)}, after ${mb(heapAfter)} (${globalThis.gc ? 'forced GC' : 'run with --expose-gc for a forced GC'})`);
  await server.close();
}
process.exit(unexpectedCount > 0 ? 1 : 0);
