#!/usr/bin/env node
// TPC-H side by side: Petrel (memory catalog loaded from the tpch connector) and DuckDB (its own
// tables holding the identical rows), the 22 queries, several runs each, answers checked.
//
//   npm run bench:tpch -- --scale 1 [--runs 3] [--threads 1] [--queries 1,6] [--json] [--no-duckdb]
//   npm run bench:tpch -- --cold-start [--runs 5]        process start -> first result of `petrel --execute`
//   npm run bench:tpch -- --sweep [--sweep-scales 0.1,1,3,10] [--queries 1,6,3,18]
//                                                        straight from the tpch connector, no preloading
//
// Prints per query: Petrel median, DuckDB median, ratio (Petrel / DuckDB), Petrel peak memory,
// then the geometric mean of the ratios and the totals. Run it with Node 22 (`npm run` does).
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { spawn } from 'node:child_process';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { sharedDir, repoRoot, median, formatMillis, formatBytes, printTable, compareAnswer, readAnswer } from './lib/bench-util.mjs';

const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: '0.01' },
    runs: { type: 'string', default: '3' },
    threads: { type: 'string', default: '1' },
    queries: { type: 'string' },
    json: { type: 'boolean', default: false },
    'no-duckdb': { type: 'boolean', default: false },
    'cold-start': { type: 'boolean', default: false },
    sweep: { type: 'boolean', default: false },
    'sweep-scales': { type: 'string', default: '0.1,1' },
    'sweep-child': { type: 'boolean', default: false },
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

if (args['cold-start']) {
  await coldStart();
  process.exit(0);
}
if (args.sweep) {
  await sweep();
  process.exit(0);
}

const { Engine } = await import('@petrel/engine');
const { generateTable, tpchTableDefinition, TPCH_TABLE_NAMES } = await import('@petrel/connector-tpch');
const { getValue } = await import('@petrel/spi');

function queryText(n) {
  return readFileSync(join(shared, 'tpch/queries', `q${String(n).padStart(2, '0')}.sql`), 'utf8').trim().replace(/;\s*$/, '');
}

// ---------------------------------------------------------------- Petrel
if (args['sweep-child']) {
  await sweepChild();
  process.exit(0);
}

// --threads: Petrel's task.concurrency (drivers per source pipeline, on worker threads) and DuckDB's threads.
const engine = await Engine.create({
  taskConcurrency: threads,
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
// The memory connector computes exact table statistics (for the cost-based optimizer) on first use
// and caches them: do it now, as part of loading, so no query's timing includes it.
started = performance.now();
for (const table of TPCH_TABLE_NAMES) await engine.query(`SHOW STATS FOR memory.bench.${table}`);
const statisticsMillis = performance.now() - started;
log(`petrel: computed table statistics in ${formatMillis(statisticsMillis)}`);

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
let duckdbVersion;
if (!args['no-duckdb']) {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:', { threads: String(threads) });
  duck = await instance.connect();
  duckdbVersion = String((await duck.runAndReadAll('SELECT version()')).getRows()[0][0]);
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
  const entry = { query: `q${String(n).padStart(2, '0')}`, petrelRows: 0, maxStallMillis: 0, petrelMillis: [], duckdbMillis: [], petrelCorrect: undefined, duckdbCorrect: undefined, peakMemoryBytes: 0, error: undefined };
  const expected = answersDir && existsSync(join(answersDir, `${entry.query}.csv`)) ? readAnswer(join(answersDir, `${entry.query}.csv`)) : undefined;
  try {
    for (let i = 0; i < runs; i++) {
      const stalls = monitorEventLoopDelay({ resolution: 5 });
      stalls.enable();
      const t0 = performance.now();
      const result = await runPetrel(sql);
      entry.petrelMillis.push(performance.now() - t0);
      stalls.disable();
      entry.maxStallMillis = Math.max(entry.maxStallMillis, stalls.max / 1e6);
      entry.peakMemoryBytes = Math.max(entry.peakMemoryBytes, result.peakMemoryBytes);
      entry.petrelRows = result.rows.length;
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
    maxStall: r.error ? '-' : formatMillis(r.maxStallMillis),
    correct: r.error ? 'error' : r.petrelCorrect === undefined ? '-' : r.petrelCorrect ? 'yes' : 'NO',
    duckdbCorrect: r.duckdbCorrect === undefined ? '-' : r.duckdbCorrect ? 'yes' : 'NO',
  };
});
const ok = results.filter((r) => !r.error);
const ratios = duck ? ok.map((r) => median(r.petrelMillis) / median(r.duckdbMillis)) : [];
const geomean = ratios.length > 0 ? Math.exp(ratios.reduce((s, x) => s + Math.log(x), 0) / ratios.length) : undefined;
const totalPetrel = ok.reduce((s, r) => s + median(r.petrelMillis), 0);
const totalDuck = duck ? results.reduce((s, r) => s + median(r.duckdbMillis), 0) : undefined;

if (args.json) {
  process.stdout.write(JSON.stringify({ scale, runs, threads, node: process.version, cpus: cpus().length, statisticsMillis, date: new Date().toISOString(), results, geomeanRatio: geomean ?? null, totalPetrelMillis: totalPetrel, totalDuckdbMillis: totalDuck ?? null, duckdbVersion: duckdbVersion ?? null }, null, 2) + '\n');
} else {
  printTable(rows, ['query', 'petrel', 'duckdb', 'ratio', 'peakMemory', 'maxStall', 'correct', 'duckdbCorrect']);
  console.log(`\nqueries run: ${ok.length}/${results.length}; correct: ${results.filter((r) => r.petrelCorrect).length}`);
  console.log(`total (succeeded queries): petrel ${formatMillis(totalPetrel)}` + (totalDuck !== undefined ? `, duckdb ${formatMillis(totalDuck)}` : ''));
  if (geomean !== undefined) console.log(`geometric mean of ratios (petrel/duckdb): ${geomean.toFixed(2)}x`);
  console.log(`scale ${scale}, ${runs} runs, threads ${threads}, node ${process.version}, duckdb ${duckdbVersion ?? '-'}, ${cpus().length} cpus, ${new Date().toISOString()}`);
  console.log('maxStall: the longest event-loop delay seen while Petrel ran the query (5 ms resolution)');
}
await engine.shutdown();
process.exit(0);

// ---------------------------------------------------------------- cold start
/** Spawns `petrel --execute sql` and resolves with the milliseconds to its first byte of output and to its exit. */
function timePetrelProcess(sql, extraArgs = []) {
  const bin = join(repoRoot(), 'packages/cli/bin/petrel.js');
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    let firstOutput;
    let output = '';
    const child = spawn(process.execPath, [bin, ...extraArgs, '--execute', sql], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk) => {
      firstOutput ??= performance.now() - t0;
      output += chunk;
    });
    let errors = '';
    child.stderr.on('data', (chunk) => (errors += chunk));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) reject(new Error(`petrel exited with ${code}: ${errors.trim()}`));
      else resolve({ firstOutputMillis: firstOutput ?? NaN, exitMillis: performance.now() - t0, output: output.trim() });
    });
  });
}

async function coldStart() {
  const cases = [
    { name: 'SELECT 1', sql: 'SELECT 1' },
    // The CLI's default tpch catalog uses Trino's default column naming (no `l_` prefixes).
    { name: 'Q6 on tpch.tiny', sql: queryText(6).replace(/\bl_/g, ''), args: ['--catalog', 'tpch', '--schema', 'tiny'] },
  ];
  // `node --version` alone: the floor any Node process pays on this machine.
  const nodeOnly = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await new Promise((resolve, reject) => spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' }).on('exit', resolve).on('error', reject));
    nodeOnly.push(performance.now() - t0);
  }
  const rows = [{ case: 'node -e 0 (floor)', firstResult: formatMillis(median(nodeOnly)), exit: formatMillis(median(nodeOnly)), output: '' }];
  const report = { node: process.version, runs, floorMillis: median(nodeOnly), cases: [] };
  for (const c of cases) {
    const first = [];
    const exit = [];
    let output = '';
    for (let i = 0; i < runs; i++) {
      const r = await timePetrelProcess(c.sql, c.args);
      first.push(r.firstOutputMillis);
      exit.push(r.exitMillis);
      output = r.output;
    }
    rows.push({ case: c.name, firstResult: formatMillis(median(first)), exit: formatMillis(median(exit)), output: output.slice(0, 40) });
    report.cases.push({ name: c.name, firstResultMillis: median(first), exitMillis: median(exit), output });
  }
  if (args.json) process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  else {
    printTable(rows, ['case', 'firstResult', 'exit', 'output']);
    console.log(`cold start: ${runs} runs (median), node ${process.version}`);
  }
}

// ---------------------------------------------------------------- scale sweep
/**
 * Q1, Q6, Q3, Q18 (or --queries) at several scales, read straight from the tpch connector (no
 * preloading): each query in a fresh process, reporting its time and the process's peak RSS and
 * the engine's peak accounted memory, to show linear time and bounded memory.
 */
async function sweep() {
  const scales = args['sweep-scales'].split(',').map(Number);
  const queries = args.queries ? args.queries.split(',').map(Number) : [1, 6, 3, 18];
  const self = fileURLToPath(import.meta.url);
  const results = [];
  for (const s of scales) {
    for (const n of queries) {
      const child = await new Promise((resolve, reject) => {
        let out = '';
        let err = '';
        const p = spawn(process.execPath, [self, '--sweep-child', '--scale', String(s), '--queries', String(n), '--threads', String(threads)], { stdio: ['ignore', 'pipe', 'pipe'] });
        p.stdout.on('data', (c) => (out += c));
        p.stderr.on('data', (c) => (err += c));
        p.on('error', reject);
        p.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : resolve({ error: err.trim().split('\n').pop() })));
      });
      const entry = { scale: s, query: `q${String(n).padStart(2, '0')}`, ...child };
      results.push(entry);
      log(`sf${s} ${entry.query}: ${entry.error ? 'FAILED ' + entry.error : `${formatMillis(entry.millis)}, peak RSS ${formatBytes(entry.maxRssBytes)}, engine peak ${formatBytes(entry.peakMemoryBytes)}`}`);
    }
  }
  if (args.json) {
    process.stdout.write(JSON.stringify({ node: process.version, results }, null, 2) + '\n');
    return;
  }
  const rows = results.map((r) => {
    const base = results.find((b) => b.query === r.query && b.scale === scales[0] && !b.error);
    return {
      scale: `sf${r.scale}`,
      query: r.query,
      time: r.error ? 'failed' : formatMillis(r.millis),
      'ms per sf': r.error ? '-' : (r.millis / r.scale).toFixed(0),
      'vs first scale': r.error || !base ? '-' : `${(r.millis / base.millis).toFixed(1)}x for ${(r.scale / base.scale).toFixed(0)}x data`,
      peakRss: r.error ? '-' : formatBytes(r.maxRssBytes),
      enginePeak: r.error ? '-' : formatBytes(r.peakMemoryBytes),
      rows: r.rows ?? '-',
    };
  });
  printTable(rows, ['scale', 'query', 'time', 'ms per sf', 'vs first scale', 'peakRss', 'enginePeak', 'rows']);
  console.log(`sweep straight from the tpch connector, one fresh process per query, node ${process.version}`);
}

async function sweepChild() {
  const engine = await Engine.create({
    taskConcurrency: threads,
    catalogs: [{ name: 'tpch', connectorName: 'tpch', properties: { 'tpch.column-naming': 'STANDARD' } }],
  });
  const schema = scale === 0.01 ? 'tiny' : `sf${scale}`;
  const sql = queryText(queryNumbers[0]);
  const t0 = performance.now();
  const execution = engine.execute(sql, { ...defaultSession(), catalog: 'tpch', schema });
  await execution.columns();
  let rowCount = 0;
  for (;;) {
    const page = await execution.nextPage();
    if (page === undefined) break;
    rowCount += page.positionCount;
  }
  const millis = performance.now() - t0;
  process.stdout.write(JSON.stringify({ millis, rows: rowCount, peakMemoryBytes: execution.stats().peakMemoryBytes, maxRssBytes: process.resourceUsage().maxRSS * 1024 }) + '\n');
  await engine.shutdown();
}
