/**
 * Filter + aggregate over 6M doubles, Q6-shaped:
 *   SELECT sum(x * y), count(*) FROM t WHERE x >= 0.2 AND x < 0.6 AND y < 0.5
 * and a grouped variant: SELECT k, sum(x) FROM t GROUP BY k (k has 4 values).
 * Run: node packages/engine/dist/execution/bench/filter-aggregate-bench.js [rows]
 */
import { BIGINT, BOOLEAN, DOUBLE, float64Block, page } from '@petrel/spi';
import type { Page } from '@petrel/spi';
import type { PlanNode } from '../../planner/plan/plan-node.js';
import { call, constant, special, variable } from '../../ir/row-expression.js';
import { fixedConnector, functions, id, runPlan, sym, tableScan, testContext } from '../testing/execution-test-support.js';

const rows = Number(process.argv[2] ?? 6_000_000);
const pageRows = 16384;
const pages: Page[] = [];
let seed = 42;
const random = (): number => {
  seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
  return seed / 4294967296;
};
for (let offset = 0; offset < rows; offset += pageRows) {
  const n = Math.min(pageRows, rows - offset);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const k = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = random();
    y[i] = random();
    k[i] = (offset + i) & 3;
  }
  pages.push(page([float64Block(x), float64Block(y), float64Block(k)], n));
}
const connector = fixedConnector({ t: { columns: ['x', 'y', 'k'], types: [DOUBLE, DOUBLE, BIGINT], pages } });
const f = functions();
const x = sym('x', DOUBLE);
const y = sym('y', DOUBLE);
const k = sym('k', BIGINT);
const product = sym('p', DOUBLE);
const s = sym('s', DOUBLE);
const c = sym('c', BIGINT);
const scan = tableScan('bench', 't', [x, y, k]);
const predicate = special('AND', BOOLEAN, [
  call(f.resolveOperator('greater_than_or_equal', [DOUBLE, DOUBLE]), [variable('x', DOUBLE), constant(0.2, DOUBLE)]),
  call(f.resolveOperator('less_than', [DOUBLE, DOUBLE]), [variable('x', DOUBLE), constant(0.6, DOUBLE)]),
  call(f.resolveOperator('less_than', [DOUBLE, DOUBLE]), [variable('y', DOUBLE), constant(0.5, DOUBLE)]),
]);
const filtered: PlanNode = {
  kind: 'project',
  id: id(),
  outputs: [product],
  source: { kind: 'filter', id: id(), outputs: [x, y, k], source: scan, predicate },
  assignments: [{ symbol: product, expression: call(f.resolveOperator('multiply', [DOUBLE, DOUBLE]), [variable('x', DOUBLE), variable('y', DOUBLE)]) }],
};
const sumFn = f.resolveFunction('sum', [{ kind: 'value', type: DOUBLE }]);
const countFn = f.resolveFunction('count', []);
const q6: PlanNode = {
  kind: 'aggregation',
  id: id(),
  outputs: [s, c],
  source: filtered,
  groupingKeys: [],
  aggregates: [
    { output: s, function: sumFn, arguments: [product], distinct: false, filter: undefined, orderBy: [], mask: undefined },
    { output: c, function: countFn, arguments: [], distinct: false, filter: undefined, orderBy: [], mask: undefined },
  ],
  step: 'SINGLE',
  groupIdSymbol: undefined,
  groupingSetCount: 1,
  globalGroupingSets: [0],
};
const grouped: PlanNode = {
  kind: 'aggregation',
  id: id(),
  outputs: [k, s],
  source: scan,
  groupingKeys: [k],
  aggregates: [{ output: s, function: sumFn, arguments: [x], distinct: false, filter: undefined, orderBy: [], mask: undefined }],
  step: 'SINGLE',
  groupIdSymbol: undefined,
  groupingSetCount: 1,
  globalGroupingSets: [],
};

async function measure(name: string, plan: PlanNode): Promise<void> {
  const times: number[] = [];
  let result: unknown;
  for (let run = 0; run < 5; run++) {
    const start = performance.now();
    result = await runPlan(plan, testContext({ connectors: { bench: connector } }));
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const median = times[2]!;
  process.stdout.write(`${name}: median ${median.toFixed(1)} ms over ${rows} rows = ${((rows / median) * 1000 / 1e6).toFixed(1)} M rows/s; result ${JSON.stringify(result)}` + '\n');
}

await measure('filter+sum (Q6-shaped)', q6);
await measure('group by 4 keys, sum', grouped);
