#!/usr/bin/env node
// TPC-H side by side: Petrel (memory catalog loaded from the tpch connector) and DuckDB (its own
// tables holding the identical rows), the 22 queries, several runs each, answers checked.
//
//   npm run bench:tpch -- --scale 1 [--runs 3] [--threads 1] [--queries 1,6] [--json] [--no-duckdb]
//
// Prints per query: Petrel median, DuckDB median, ratio (Petrel / DuckDB), Petrel peak memory,
// then the geometric mean of the ratios and the totals.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sharedDir, median, formatMillis, formatBytes, printTable, compareAnswer, readAnswer } from './lib/bench-util.mjs';

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: '0.01' },
    runs: { type: 'string', default: '3' },
    threads: { type: 'string', default: '1' },
    queries: { type: 'string' },
    json: { type: 'boolean', default: false },
    'no-duckdb': { type: 'boolean', default: false },
  },
});

const scale = Number(args.scale);
const runs = Math.max(1, Number(args.runs));
const threads = Math.max(1, Number(args.threads));
const queryNumbers = args.queries ? args.queries.split(',').map(Number) : Array.from({ length: 22 }, (_, i) => i + 1);
const shared = sharedDir();
const answersDir = scale === 0.01 ? join(shared, 'tpch/answers/sf0.01') : scale === 1 ? join(shared, 'tpch/answers/sf1') : undefined;
const schemaName = scale === 0.01 ? 'tiny' : `sf${scale}`;
const log = (...m) => (args.json ? process.stderr.write(m.join(' ') + '\n') : console.log(...m));

const { Engine } = await import('@petrel/engine');
const { generateTable, tpchTableDefinition, TPCH_TABLE_NAMES } = await import('@petrel/connector-tpch');
const { getValue } = await import('@petrel/spi');

function queryText(n) {
  return readFileSync(join(shared, 'tpch/queries', `q${String(n).padStart(2, '0')}.sql`), 'utf8').trim().replace(/;\s*$/, '');
}

// ---------------------------------------------------------------- Petrel
const engine = await Engine.create({
  catalogs: [
    { name: 'tpch', connectorName: 'tpch', properties: { 'tpch.column-naming': 'STANDARD' } },
    { name: 'memory', connectorName: 'memory', properties: {} },
  ],
});
const session = { catalog: 'memory', schema: 'bench' };
let started = performance.now();
await engine.query('CREATE SCHEMA IF NOT EXISTS memory.bench');
for (const table of TPCH_TABLE_NAMES) {
  await engine.query(`CREATE TABLE memory.bench.${table} AS SELECT * FROM tpch.${schemaName}.${table}`);
}
log(`petrel: loaded TPC-H ${schemaName} into memory in ${formatMillis(performance.now() - started)}`);

async function runPetrel(sql) {
  const execution = engine.execute(sql, { ...defaultSession(), ...session });
  const rows = [];
  const columns = await execution.columns();
  for (;;) {
    const page = await execution.nextPage();
    if (page === undefined) break;
    for (let r = 0; r < page.positionCount; r++) rows.push(page.blocks.map((b) => getValue(b, r)));
  }
  return { columns, rows, peakMemoryBytes: execution.stats().peakMemoryBytes };
}

function defaultSession() {
  return { user: 'bench', source: 'bench', catalog: undefined, schema: undefined, path: undefined, timeZone: 'UTC', locale: 'en-US', systemProperties: {}, catalogProperties: {}, preparedStatements: {}, clientTags: [], clientInfo: undefined, transactionId: undefined };
}

// ---------------------------------------------------------------- DuckDB
let duck;
if (!args['no-duckdb']) {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:', { threads: String(threads) });
  duck = await instance.connect();
  const dir = mkdtempSync(join(tmpdir(), 'petrel-bench-'));
  started = performance.now();
  try {
    for (const table of TPCH_TABLE_NAMES) {
      const definition = tpchTableDefinition(table);
      const file = join(dir, `${table}.tbl`);
      const lines = [];
      for (const page of generateTable(table, scale)) {
        for (let r = 0; r < page.positionCount; r++) {
          lines.push(
            definition.columns
              .map((c, i) => {
                const v = getValue(page.blocks[i], r);
                return c.kind === 'date' ? new Date(v * 86_400_000).toISOString().slice(0, 10) : String(v);
              })
              .join('|'),
          );
        }
        if (lines.length > 200_000) {
          writeFileSync(file, lines.join('\n') + '\n', { flag: 'a' });
          lines.length = 0;
        }
      }
      writeFileSync(file, lines.join('\n') + (lines.length > 0 ? '\n' : ''), { flag: 'a' });
      const columns = definition.columns.map((c) => `${c.standardName} ${duckType(c.kind)}`).join(', ');
      await duck.run(`CREATE TABLE ${table} (${columns})`);
      await duck.run(`COPY ${table} FROM '${file}' (DELIMITER '|', HEADER false, QUOTE '')`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  log(`duckdb: loaded the same rows in ${formatMillis(performance.now() - started)} (threads=${threads})`);
}

function duckType(kind) {
  switch (kind) {
    case 'identifier':
      return 'BIGINT';
    case 'integer':
      return 'INTEGER';
    case 'date':
      return 'DATE';
    case 'hundredths':
      return 'DOUBLE';
    case 'varchar':
      return 'VARCHAR';
    default:
      throw new Error(`unknown column kind ${kind}`);
  }
}

async function runDuck(sql) {
  const reader = await duck.runAndReadAll(sql);
  return { rows: reader.getRows() };
}

// ---------------------------------------------------------------- runs
const results = [];
for (const n of queryNumbers) {
  const sql = queryText(n);
  const entry = { query: `q${String(n).padStart(2, '0')}`, petrelMillis: [], duckdbMillis: [], petrelCorrect: undefined, duckdbCorrect: undefined, peakMemoryBytes: 0, error: undefined };
  const expected = answersDir && existsSync(join(answersDir, `${entry.query}.csv`)) ? readAnswer(join(answersDir, `${entry.query}.csv`)) : undefined;
  try {
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      const result = await runPetrel(sql);
      entry.petrelMillis.push(performance.now() - t0);
      entry.peakMemoryBytes = Math.max(entry.peakMemoryBytes, result.peakMemoryBytes);
      if (i === 0 && expected) entry.petrelCorrect = compareAnswer(result.rows, expected);
    }
  } catch (error) {
    entry.error = String(error?.message ?? error).split('\n')[0];
  }
  if (duck) {
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      const result = await runDuck(sql);
      entry.duckdbMillis.push(performance.now() - t0);
      if (i === 0 && expected) entry.duckdbCorrect = compareAnswer(result.rows, expected);
    }
  }
  results.push(entry);
  log(`${entry.query}: petrel ${entry.error ? 'FAILED ' + entry.error : formatMillis(median(entry.petrelMillis))}` + (duck ? `, duckdb ${formatMillis(median(entry.duckdbMillis))}` : ''));
}

const rows = results.map((r) => {
  const p = r.error ? undefined : median(r.petrelMillis);
  const d = duck ? median(r.duckdbMillis) : undefined;
  return {
    query: r.query,
    petrel: p === undefined ? 'failed' : formatMillis(p),
    duckdb: d === undefined ? '-' : formatMillis(d),
    ratio: p !== undefined && d !== undefined ? (p / d).toFixed(1) + 'x' : '-',
    peakMemory: formatBytes(r.peakMemoryBytes),
    correct: r.error ? 'error' : r.petrelCorrect === undefined ? '-' : r.petrelCorrect ? 'yes' : 'NO',
  };
});
const ok = results.filter((r) => !r.error);
const ratios = duck ? ok.map((r) => median(r.petrelMillis) / median(r.duckdbMillis)) : [];
const geomean = ratios.length > 0 ? Math.exp(ratios.reduce((s, x) => s + Math.log(x), 0) / ratios.length) : undefined;
const totalPetrel = ok.reduce((s, r) => s + median(r.petrelMillis), 0);
const totalDuck = duck ? results.reduce((s, r) => s + median(r.duckdbMillis), 0) : undefined;

if (args.json) {
  process.stdout.write(JSON.stringify({ scale, runs, threads, node: process.version, results, geomeanRatio: geomean, totalPetrelMillis: totalPetrel, totalDuckdbMillis: totalDuck }, null, 2) + '\n');
} else {
  printTable(rows, ['query', 'petrel', 'duckdb', 'ratio', 'peakMemory', 'correct']);
  console.log(`\nqueries run: ${ok.length}/${results.length}; correct: ${results.filter((r) => r.petrelCorrect).length}`);
  console.log(`total (succeeded queries): petrel ${formatMillis(totalPetrel)}` + (totalDuck !== undefined ? `, duckdb ${formatMillis(totalDuck)}` : ''));
  if (geomean !== undefined) console.log(`geometric mean of ratios (petrel/duckdb): ${geomean.toFixed(2)}x`);
  console.log(`scale ${scale}, ${runs} runs, threads ${threads}, node ${process.version}`);
}
await engine.shutdown();
process.exit(0);
