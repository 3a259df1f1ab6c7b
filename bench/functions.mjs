#!/usr/bin/env node
// Function library throughput: representative scalar functions over ~1M rows of tpch.sf1.orders
// (orderkey < 4,000,000: 1,000,000 rows), side by side with DuckDB on identical rows, in one run.
//
//   node bench/functions.mjs [--runs 3] [--threads 1] [--only lower,transform] [--rows-limit 4000000]
//
// Each query aggregates the function's result (sum of lengths, count_if, max) so that result
// transfer does not dominate. Prints rows/second for Petrel and DuckDB and the ratio DuckDB/Petrel
// (how many times faster DuckDB is). `baseline` is the same aggregate without a function call.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { median, formatMillis, printTable } from './lib/bench-util.mjs';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    threads: { type: 'string', default: '1' },
    only: { type: 'string' },
    'orderkey-limit': { type: 'string', default: '4000000' },
  },
});
const runs = Math.max(1, Number(args.runs));
const limit = Number(args['orderkey-limit']);

/** name -> [Petrel SQL, DuckDB SQL] over table o(orderkey bigint, orderdate date, comment varchar, js varchar) */
const QUERIES = {
  baseline: ['SELECT sum(length(comment)) FROM o', 'SELECT sum(length(comment)) FROM o'],
  lower: ['SELECT sum(length(lower(comment))) FROM o', 'SELECT sum(length(lower(comment))) FROM o'],
  substr: ['SELECT sum(length(substr(comment, 5, 10))) FROM o', 'SELECT sum(length(substr(comment, 5, 10))) FROM o'],
  concat: ["SELECT sum(length(concat(comment, '-', comment))) FROM o", "SELECT sum(length(concat(comment, '-', comment))) FROM o"],
  replace: ["SELECT sum(length(replace(comment, 'e', 'EE'))) FROM o", "SELECT sum(length(replace(comment, 'e', 'EE'))) FROM o"],
  regexp_like: ["SELECT count_if(regexp_like(comment, 'fur.*ly')) FROM o", "SELECT count_if(regexp_matches(comment, 'fur.*ly')) FROM o"],
  regexp_extract: ["SELECT sum(length(regexp_extract(comment, '[a-z]+ly'))) FROM o", "SELECT sum(length(nullif(regexp_extract(comment, '[a-z]+ly'), ''))) FROM o"],
  json_extract_scalar: ["SELECT sum(length(json_extract_scalar(js, '$.c'))) FROM o", "SELECT sum(length(json_extract_string(js, '$.c'))) FROM o"],
  date_trunc: ["SELECT CAST(max(date_trunc('month', orderdate)) AS varchar) FROM o", "SELECT CAST(max(CAST(date_trunc('month', orderdate) AS DATE)) AS VARCHAR) FROM o"],
  date_format: ["SELECT sum(length(date_format(CAST(orderdate AS timestamp), '%Y/%m/%d'))) FROM o", "SELECT sum(length(strftime(orderdate, '%Y/%m/%d'))) FROM o"],
  date_add: ["SELECT CAST(max(date_add('day', 30, orderdate)) AS varchar) FROM o", 'SELECT CAST(max(CAST(orderdate + INTERVAL 30 DAY AS DATE)) AS VARCHAR) FROM o'],
  transform: ["SELECT sum(array_max(transform(split(comment, ' '), w -> length(w)))) FROM o", "SELECT sum(list_max(list_transform(string_split(comment, ' '), w -> length(w)))) FROM o"],
  filter: ["SELECT sum(cardinality(filter(split(comment, ' '), w -> length(w) > 4))) FROM o", "SELECT sum(len(list_filter(string_split(comment, ' '), w -> length(w) > 4))) FROM o"],
};
const selected = args.only ? args.only.split(',') : Object.keys(QUERIES);

const { Engine } = await import('@petrel/engine');
const { generateTable } = await import('@petrel/connector-tpch');
const { getValue } = await import('@petrel/spi');
const { DuckDBInstance } = await import('@duckdb/node-api');

const JS = "'{\"k\": ' || CAST(orderkey AS varchar) || ', \"c\": \"' || comment || '\"}'";
const engine = await Engine.create();
let started = performance.now();
await engine.query('CREATE SCHEMA IF NOT EXISTS memory.bench');
await engine.query(`CREATE TABLE memory.bench.o AS SELECT orderkey, orderdate, comment, ${JS} AS js FROM tpch.sf1.orders WHERE orderkey < ${limit}`);
const [[rowCount]] = (await engine.query('SELECT count(*) FROM memory.bench.o')).rows;
console.log(`petrel: loaded ${rowCount} rows into memory.bench.o in ${formatMillis(performance.now() - started)}`);
const session = { catalog: 'memory', schema: 'bench' };

const instance = await DuckDBInstance.create(':memory:', { threads: String(args.threads) });
const duck = await instance.connect();
started = performance.now();
const dir = mkdtempSync(join(tmpdir(), 'petrel-bench-functions-'));
try {
  const file = join(dir, 'o.tsv');
  const lines = [];
  for (const page of generateTable('orders', 1)) {
    for (let r = 0; r < page.positionCount; r++) {
      const orderkey = Number(getValue(page.blocks[0], r));
      if (orderkey >= limit) continue;
      const date = new Date(getValue(page.blocks[4], r) * 86_400_000).toISOString().slice(0, 10);
      const comment = getValue(page.blocks[8], r);
      lines.push(`${orderkey}\t${date}\t${comment}\t{"k": ${orderkey}, "c": "${comment}"}`);
    }
  }
  writeFileSync(file, lines.join('\n') + '\n');
  await duck.run('CREATE TABLE o (orderkey BIGINT, orderdate DATE, comment VARCHAR, js VARCHAR)');
  await duck.run(`COPY o FROM '${file}' (DELIMITER '\t', HEADER false, QUOTE '')`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const duckCount = Number((await (await duck.runAndReadAll('SELECT count(*) FROM o')).getRows())[0][0]);
console.log(`duckdb: loaded ${duckCount} rows in ${formatMillis(performance.now() - started)} (threads=${args.threads})`);
if (duckCount !== Number(rowCount)) throw new Error('row counts differ');

const rows = [];
for (const name of selected) {
  const [petrelSql, duckSql] = QUERIES[name];
  const petrel = [];
  const duckdb = [];
  let petrelAnswer;
  let duckAnswer;
  for (let i = 0; i < runs; i++) {
    let t0 = performance.now();
    const r = await engine.query(petrelSql, session);
    petrel.push(performance.now() - t0);
    petrelAnswer = r.rows[0][0];
    t0 = performance.now();
    const d = await duck.runAndReadAll(duckSql);
    duckdb.push(performance.now() - t0);
    duckAnswer = d.getRows()[0][0];
  }
  const p = median(petrel);
  const d = median(duckdb);
  const same = String(petrelAnswer) === String(duckAnswer) || (typeof petrelAnswer === 'number' && Math.abs(petrelAnswer - Number(duckAnswer)) < 1e-6);
  rows.push({
    function: name,
    petrel: formatMillis(p),
    'petrel rows/s': Math.round((Number(rowCount) / p) * 1000).toLocaleString('en-US'),
    duckdb: formatMillis(d),
    'duckdb rows/s': Math.round((Number(rowCount) / d) * 1000).toLocaleString('en-US'),
    'ratio (petrel/duckdb time)': (p / d).toFixed(1),
    'same answer': same ? 'yes' : `NO (${String(petrelAnswer)} vs ${String(duckAnswer)})`,
  });
  console.log(`${name}: petrel ${formatMillis(p)}, duckdb ${formatMillis(d)}`);
}
printTable(rows, Object.keys(rows[0]));
await engine.shutdown();
