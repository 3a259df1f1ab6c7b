#!/usr/bin/env node
// Federation benchmark: a selective join of PostgreSQL `orders` (TPC-H SF1, 1.5M rows) with a filtered
// tpch `customer`, run with and without dynamic filtering / pushdown. Reports wall time and the rows
// each remote source sent (the catalog's page-source row counter) plus the statements it received.
//
//   node bench/federation.mjs [--scale sf1] [--runs 3] [--drop]
//
// The PostgreSQL database `petrel_bench_federation` is created and loaded on the first run (through
// the engine: CREATE TABLE pg.bench.orders AS SELECT * FROM tpch.sf1.orders) and reused afterwards;
// --drop removes it at the end. Needs PostgreSQL at 127.0.0.1:5432 (user postgres, trust).
import { parseArgs } from 'node:util';
import pg from 'pg';
import { Engine } from '../packages/engine/dist/index.js';
import { jdbcConnectorOf } from '../packages/connectors/jdbc/dist/index.js';

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: 'sf1' },
    runs: { type: 'string', default: '3' },
    drop: { type: 'boolean', default: false },
  },
});
const DATABASE = `petrel_bench_federation_${args.scale}`;
const runs = Number(args.runs);

async function admin(database, sql) {
  const client = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

const exists = (await admin('postgres', `SELECT 1 FROM pg_database WHERE datname = '${DATABASE}'`)).rows.length > 0;
if (!exists) await admin('postgres', `CREATE DATABASE "${DATABASE}"`);

const engine = await Engine.create({
  catalogs: [
    { name: 'tpch', connectorName: 'tpch', properties: { 'tpch.column-naming': 'STANDARD' } },
    { name: 'pg', connectorName: 'postgresql', properties: { 'connection-url': `jdbc:postgresql://127.0.0.1:5432/${DATABASE}`, 'connection-user': 'postgres', 'write.batch-size': '5000' } },
  ],
});

const loaded = exists && (await admin(DATABASE, `SELECT 1 FROM pg_tables WHERE schemaname = 'bench' AND tablename = 'orders'`)).rows.length > 0;
if (!loaded) {
  const started = performance.now();
  await engine.query('CREATE SCHEMA IF NOT EXISTS pg.bench');
  await engine.query(`CREATE TABLE pg.bench.orders AS SELECT * FROM tpch.${args.scale}.orders`);
  await admin(DATABASE, 'ANALYZE bench.orders');
  console.log(`loaded pg.bench.orders from tpch.${args.scale}.orders in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

// A build side of at most 1000 distinct keys reaches PostgreSQL as a value list (compacted to its
// [min, max] span beyond domain-compaction-threshold); beyond 1000 keys the engine hands over only
// the [min, max] range of the keys (Trino's fallback). The first filter has ~1200 keys at SF1, the
// second fewer than 1000.
const FILTERS = [`c.c_mktsegment = 'BUILDING' AND c.c_nationkey = 3`, `c.c_mktsegment = 'BUILDING' AND c.c_nationkey = 3 AND c.c_acctbal > 4000`];
const queryFor = (filter) => `SELECT c.c_name, count(*) AS orders, sum(o.o_totalprice) AS total
FROM tpch.${args.scale}.customer c JOIN pg.bench.orders o ON o.o_custkey = c.c_custkey
WHERE ${filter}
GROUP BY c.c_name`;

const MODES = [
  {
    name: 'dynamic filtering, domain-compaction-threshold 5000',
    session: { catalogProperties: { pg: { domain_compaction_threshold: '5000' } } },
  },
  { name: 'dynamic filtering, default threshold (256)', session: {} },
  {
    name: 'no dynamic filtering, no pushdown',
    session: {
      systemProperties: { enable_dynamic_filtering: 'false' },
      catalogProperties: { pg: { dynamic_filtering_enabled: 'false', aggregation_pushdown_enabled: 'false', topn_pushdown_enabled: 'false' } },
    },
  },
];

const connector = jdbcConnectorOf('pg');
const ordersRows = Number((await admin(DATABASE, 'SELECT count(*) FROM bench.orders')).rows[0].count);
const customerCount = Number((await engine.query(`SELECT count(*) FROM tpch.${args.scale}.customer`)).rows[0][0]);
console.log(`orders rows in PostgreSQL: ${ordersRows}; customers: ${customerCount}`);
for (const filter of FILTERS) {
  const QUERY = queryFor(filter);
  const reference = await engine.query(QUERY, MODES[2].session);
  const passing = Number((await engine.query(`SELECT count(*) FROM tpch.${args.scale}.customer c WHERE ${filter}`)).rows[0][0]);
  const expectedOrders = Number((await engine.query(`SELECT count(*) FROM tpch.${args.scale}.orders o WHERE o.o_custkey IN (SELECT c.c_custkey FROM tpch.${args.scale}.customer c WHERE ${filter})`)).rows[0][0]);
  console.log('');
  console.log(`filter: ${filter} -> ${passing} customers (selectivity ${((passing / customerCount) * 100).toFixed(2)} %), ${expectedOrders} matching orders, ${reference.rows.length} result rows`);
  console.log('');
  console.log('| mode | wall time (median of ' + runs + ') | rows from PostgreSQL | PostgreSQL statement |');
  console.log('|---|---|---|---|');
  for (const mode of MODES) {
    const times = [];
    let rows = 0;
    let statement = '';
    for (let i = 0; i < runs; i++) {
      const mark = connector.queryLog.mark();
      const before = connector.queryLog.rowsRead;
      const started = performance.now();
      const result = await engine.query(QUERY, mode.session);
      times.push(performance.now() - started);
      rows = connector.queryLog.rowsRead - before;
      const sent = connector.queryLog.statementsSince(mark).filter((s) => s.includes('"orders"'));
      statement = sent.at(-1) ?? '';
      if (JSON.stringify(sortRows(result.rows)) !== JSON.stringify(sortRows(reference.rows))) throw new Error(`${mode.name}: different result`);
    }
    times.sort((a, b) => a - b);
    const shown = statement.length > 110 ? `${statement.slice(0, 107)}...` : statement;
    console.log(`| ${mode.name} | ${(times[Math.floor(times.length / 2)] / 1000).toFixed(2)} s | ${rows} | \`${shown.replace(/\|/g, '\\|')}\` |`);
  }
}

await engine.shutdown();
if (args.drop) await admin('postgres', `DROP DATABASE IF EXISTS "${DATABASE}" WITH (FORCE)`);

function sortRows(rows) {
  return rows.map((r) => JSON.stringify(r, (_k, v) => (typeof v === 'bigint' ? v.toString() : v))).sort();
}
