/**
 * Hash join: 6M probe rows (bigint key, double value) against 1.5M build rows, then count.
 *   SELECT count(*), sum(v) FROM probe JOIN build ON probe.k = build.k
 * Run: node packages/engine/dist/execution/bench/join-bench.js [probeRows]
 */
import { BIGINT, DOUBLE, float64Block, page } from '@petrel/spi';
import type { Page } from '@petrel/spi';
import type { PlanNode } from '../../planner/plan/plan-node.js';
import { fixedConnector, functions, id, runPlan, sym, tableScan, testContext } from '../testing/execution-test-support.js';

const probeRows = Number(process.argv[2] ?? 6_000_000);
const buildRows = Math.floor(probeRows / 4);
const pageRows = 16384;
function pagesOf(rows: number, key: (i: number) => number): Page[] {
  const pages: Page[] = [];
  for (let offset = 0; offset < rows; offset += pageRows) {
    const n = Math.min(pageRows, rows - offset);
    const k = new Float64Array(n);
    const v = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      k[i] = key(offset + i);
      v[i] = (offset + i) % 100;
    }
    pages.push(page([float64Block(k), float64Block(v)], n));
  }
  return pages;
}
const connector = fixedConnector({
  probe: { columns: ['k', 'v'], types: [BIGINT, DOUBLE], pages: pagesOf(probeRows, (i) => ((i * 7) % buildRows) * 4 + 1) },
  build: { columns: ['bk', 'bv'], types: [BIGINT, DOUBLE], pages: pagesOf(buildRows, (i) => i * 4 + 1) },
});
const k = sym('k', BIGINT);
const v = sym('v', DOUBLE);
const bk = sym('bk', BIGINT);
const bv = sym('bv', DOUBLE);
const c = sym('c', BIGINT);
const s = sym('s', DOUBLE);
const f = functions();
const plan: PlanNode = {
  kind: 'aggregation',
  id: id(),
  outputs: [c, s],
  source: {
    kind: 'join',
    id: id(),
    outputs: [v, bv],
    joinType: 'INNER',
    left: tableScan('bench', 'probe', [k, v]),
    right: tableScan('bench', 'build', [bk, bv]),
    criteria: [{ left: k, right: bk }],
    filter: undefined,
    distribution: undefined,
    dynamicFilters: [],
  },
  groupingKeys: [],
  aggregates: [
    { output: c, function: f.resolveFunction('count', []), arguments: [], distinct: false, filter: undefined, orderBy: [], mask: undefined },
    { output: s, function: f.resolveFunction('sum', [{ kind: 'value', type: DOUBLE }]), arguments: [bv], distinct: false, filter: undefined, orderBy: [], mask: undefined },
  ],
  step: 'SINGLE',
  groupIdSymbol: undefined,
  groupingSetCount: 1,
  globalGroupingSets: [0],
};
const times: number[] = [];
let result: unknown;
for (let run = 0; run < 3; run++) {
  const start = performance.now();
  result = await runPlan(plan, testContext({ connectors: { bench: connector } }));
  times.push(performance.now() - start);
}
times.sort((a, b) => a - b);
process.stdout.write(`hash join ${probeRows} x ${buildRows}: median ${times[1]!.toFixed(0)} ms = ${((probeRows / times[1]!) * 1000 / 1e6).toFixed(1)} M probe rows/s; result ${JSON.stringify(result)}` + '\n');
if (process.env['BENCH_STATS'] !== undefined) {
  const { executePlan } = await import('../execute-plan.js');
  const execution = executePlan(plan, testContext({ connectors: { bench: connector } }));
  while ((await execution.next()) !== undefined);
  for (const o of execution.stats().operators) process.stdout.write(`${o.operatorType} ${o.wallMillis.toFixed(0)} ms ${o.inputRows} -> ${o.outputRows}\n`);
  await execution.close();
}
