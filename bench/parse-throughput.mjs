#!/usr/bin/env node
// Parse throughput of the SQL front end over the TPC-DS queries (Trino product-test copies), on one core.
// Usage: node bench/parse-throughput.mjs [seconds]   (build first: npx tsc -b packages/sql)
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseStatements } from '../packages/sql/dist/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const directory = join(root, '..', 'shared', 'conformance', 'trino-product-tests', 'sql-tests', 'testcases', 'tpcds');
const queries = readdirSync(directory)
  .filter((name) => name.endsWith('.sql'))
  .sort()
  .map((name) =>
    readFileSync(join(directory, name), 'utf8')
      .split('\n')
      .filter((line) => !line.startsWith('-- database:'))
      .join('\n'),
  );
const bytes = queries.reduce((sum, sql) => sum + Buffer.byteLength(sql), 0);
const seconds = Number(process.argv[2] ?? 5);

function pass() {
  let statements = 0;
  for (const sql of queries) statements += parseStatements(sql).length;
  return statements;
}

// warm-up
const warmupEnd = performance.now() + 1500;
while (performance.now() < warmupEnd) pass();

let passes = 0;
const cpuStart = process.cpuUsage();
const start = performance.now();
const end = start + seconds * 1000;
while (performance.now() < end) {
  pass();
  passes++;
}
const elapsed = (performance.now() - start) / 1000;
const cpu = process.cpuUsage(cpuStart);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const megabytes = (bytes * passes) / 1e6;
console.log(`TPC-DS: ${queries.length} files, ${(bytes / 1024).toFixed(1)} KiB per pass, ${passes} passes in ${elapsed.toFixed(2)} s (${cpuSeconds.toFixed(2)} s of CPU)`);
console.log(`parse throughput: ${(megabytes / elapsed).toFixed(1)} MB/s wall clock (${((queries.length * passes) / elapsed).toFixed(0)} queries/s)`);
// On a shared machine the wall clock includes time the process was not scheduled; CPU time does not.
console.log(`parse throughput per CPU second: ${(megabytes / cpuSeconds).toFixed(1)} MB/s`);
