#!/usr/bin/env node
// Measures TPC-H generation speed of @petrel/connector-tpch (build first: npm run build).
// Usage: node bench/tpch-generate.mjs [--table lineitem] [--sf 1] [--columns a,b,...] [--part 1 --parts 1]
import { generateTable } from '../packages/connectors/tpch/dist/index.js';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const table = option('table', 'lineitem');
const sf = Number(option('sf', '1'));
const part = Number(option('part', '1'));
const parts = Number(option('parts', '1'));
const columns = option('columns', undefined)?.split(',');

// Warm the text pool first so the figure is generation only (the pool is built lazily, once per process).
let t0 = performance.now();
for (const table of ['partsupp']) for (const _ of generateTable(table, 0.01)) void _;
const poolMs = performance.now() - t0;

t0 = performance.now();
const cpu0 = process.cpuUsage();
let rows = 0;
for (const page of generateTable(table, sf, part, parts, columns ? { columns } : {})) rows += page.positionCount;
const seconds = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const rate = (s) => Math.round(rows / s).toLocaleString('en-US');
console.log(
  `${table} sf${sf} part ${part}/${parts} ${columns ? columns.join(',') : 'all columns'}: ${rows} rows in ${seconds.toFixed(2)} s ` +
    `(${cpuSeconds.toFixed(2)} s CPU) = ${rate(seconds)} rows/s wall, ${rate(cpuSeconds)} rows/s per CPU-second ` +
    `(text pool warm-up ${Math.round(poolMs)} ms)`,
);
