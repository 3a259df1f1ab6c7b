#!/usr/bin/env node
import { resolve } from 'node:path';
import { installRejectionLogger, lastValue, parseArguments } from '../common/arguments.js';
import { createEngineQueryRunner } from '../common/engine-query-runner.js';
import { TPCH_STANDARD_CATALOG, formatTpchLine, runTpchQueries, tpchQueryNames } from './tpch-runner.js';
import type { TpchScale } from './tpch-runner.js';

const USAGE = `usage: node packages/testing/dist/tpch/run.js --scale tiny|sf1 [--queries q01,q05] [--timeout MS] [--json] [--strict]`;

async function main(): Promise<number> {
  const args = parseArguments(process.argv.slice(2), ['scale', 'queries', 'timeout']);
  if (args.flags.has('help')) {
    console.log(USAGE);
    return 0;
  }
  const scale = (lastValue(args, 'scale') ?? 'tiny') as TpchScale;
  if (scale !== 'tiny' && scale !== 'sf1') throw new Error(`unknown scale ${scale}`);
  const queries = lastValue(args, 'queries')?.split(',').map((q) => (/^\d+$/.test(q) ? `q${q.padStart(2, '0')}` : q)) ?? tpchQueryNames();
  const json = args.flags.has('json');
  const runner = await createEngineQueryRunner({
    catalogs: [TPCH_STANDARD_CATALOG],
    timeoutMillis: Number(lastValue(args, 'timeout') ?? (scale === 'sf1' ? 1_800_000 : 120_000)),
  });
  try {
    const start = performance.now();
    const results = await runTpchQueries(runner, scale, queries, json ? undefined : (r) => console.log(formatTpchLine(r)));
    const passed = results.filter((r) => r.passed).length;
    const total = (performance.now() - start) / 1000;
    if (json) console.log(JSON.stringify({ scale, passed, total: results.length, seconds: total, results }, null, 2));
    else console.log(`\nTPC-H ${scale}: ${passed}/${results.length} queries passed in ${total.toFixed(1)}s`);
    return args.flags.has('strict') && passed < results.length ? 1 : 0;
  } finally {
    await runner.close();
  }
}

if (process.argv[1] !== undefined && import.meta.url === new URL(`file://${resolve(process.argv[1])}`).href) {
  installRejectionLogger();
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      console.error(USAGE);
      process.exit(2);
    },
  );
}
