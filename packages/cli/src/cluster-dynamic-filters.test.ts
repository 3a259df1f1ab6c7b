// Dynamic filtering across nodes: a partitioned join's build tasks (on the workers) report their
// key domains, the coordinator unions them and sends the result to the probe-side scan tasks of
// another fragment, which then read fewer rows; results equal those without the filter.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { LaunchedNode } from './cluster-launcher.js';
import { launchNode, runStatement, stopNodes, waitForActiveNodes } from './cluster-launcher.js';

const SECRET = 'dynamic filter cluster test secret';
const nodes: LaunchedNode[] = [];
let coordinator: LaunchedNode;

function launch(name: string, address: string, config: Record<string, string>): Promise<LaunchedNode> {
  return launchNode({
    name,
    address,
    config: { 'internal-communication.shared-secret': SECRET, 'sql.default-catalog': 'tpch', 'sql.default-schema': 'tiny', 'exchange.http-client.request-timeout': '60s', ...config },
    catalogs: { tpch: { 'connector.name': 'tpch', 'tpch.column-naming': 'STANDARD' } },
  });
}

before(async () => {
  coordinator = await launch('coordinator', '127.0.0.1', { coordinator: 'true', 'node-scheduler.include-coordinator': 'false' });
  nodes.push(coordinator);
  nodes.push(...(await Promise.all([launch('worker-1', '127.0.0.2', { coordinator: 'false', 'discovery.uri': coordinator.url }), launch('worker-2', '127.0.0.3', { coordinator: 'false', 'discovery.uri': coordinator.url })])));
  await waitForActiveNodes(coordinator.url, 3);
});

after(() => stopNodes(nodes));

const QUERY = 'SELECT count(*), sum(l_quantity) FROM lineitem JOIN orders ON l_orderkey = o_orderkey WHERE o_custkey = 370';
const PARTITIONED = 'join_distribution_type=PARTITIONED';

/**
 * The rows the lineitem scan's fragment sent to the join (EXPLAIN ANALYZE: the output of the
 * remote source reading that fragment, summed over its tasks). The scan's input counts rows
 * before its dynamic row filter; what it passes on is what the filter kept.
 */
function lineitemRowsSent(text: string): number {
  const fragments = text.split(/^(?=Fragment \d+ )/m);
  const scanFragment = fragments.find((f) => f.includes('tpch:tiny:lineitem'));
  const id = scanFragment === undefined ? undefined : /^Fragment (\d+)/.exec(scanFragment)?.[1];
  assert.ok(id !== undefined, text);
  const lines = text.split('\n');
  const at = lines.findIndex((l) => l.includes(`RemoteSource[sourceFragmentIds = [${id}]]`));
  assert.ok(at >= 0, text);
  for (const line of lines.slice(at + 1, at + 5)) {
    const m = /Output: (\d+) rows/.exec(line);
    if (m !== null) return Number(m[1]);
  }
  return assert.fail(`no Output figure under the remote source of fragment ${id}:\n${text}`);
}

test('a partitioned join sends its build keys to the probe scans of another fragment across nodes', async (t) => {
  const plan = await runStatement(coordinator.url, `EXPLAIN (TYPE DISTRIBUTED) ${QUERY}`, { 'X-Trino-Session': PARTITIONED });
  assert.equal(plan.error, undefined, JSON.stringify(plan.error));
  const planText = plan.rows.map((r) => String(r[0])).join('\n');
  // the probe scan and the join run in different fragments: a local registry cannot connect them
  assert.match(planText, /dynamicFilters = \{/);
  assert.match(planText, /distribution = PARTITIONED/);

  const filtered = await runStatement(coordinator.url, `EXPLAIN ANALYZE ${QUERY}`, { 'X-Trino-Session': PARTITIONED });
  assert.equal(filtered.error, undefined, JSON.stringify(filtered.error));
  const unfiltered = await runStatement(coordinator.url, `EXPLAIN ANALYZE ${QUERY}`, { 'X-Trino-Session': `${PARTITIONED},enable_dynamic_filtering=false` });
  assert.equal(unfiltered.error, undefined, JSON.stringify(unfiltered.error));
  const filteredText = filtered.rows.map((r) => String(r[0])).join('\n');
  const unfilteredText = unfiltered.rows.map((r) => String(r[0])).join('\n');
  const withFilter = lineitemRowsSent(filteredText);
  const withoutFilter = lineitemRowsSent(unfilteredText);
  assert.equal(withoutFilter, 60175, unfilteredText);
  t.diagnostic(`lineitem rows sent to the join: ${withFilter} with the dynamic filter, ${withoutFilter} without`);
  assert.ok(withFilter < withoutFilter / 10, `lineitem scan fragment sent ${withFilter} rows with the filter, ${withoutFilter} without`);

  const a = await runStatement(coordinator.url, QUERY, { 'X-Trino-Session': PARTITIONED });
  const b = await runStatement(coordinator.url, QUERY, { 'X-Trino-Session': `${PARTITIONED},enable_dynamic_filtering=false` });
  assert.equal(a.error, undefined, JSON.stringify(a.error));
  assert.deepEqual(a.rows, b.rows);
  assert.ok(Number(a.rows[0]![0]) > 0);
});

test('a distributed ORDER BY merges the sorted task outputs (RemoteMerge) with the single-node order', async () => {
  const sql = 'SELECT l_orderkey, l_linenumber, l_extendedprice, l_shipdate FROM lineitem ORDER BY l_extendedprice DESC, l_orderkey, l_linenumber';
  const plan = await runStatement(coordinator.url, `EXPLAIN (TYPE DISTRIBUTED) ${sql}`);
  assert.equal(plan.error, undefined, JSON.stringify(plan.error));
  const planText = plan.rows.map((r) => String(r[0])).join('\n');
  assert.match(planText, /RemoteMerge\[sourceFragmentIds = \[\d+\]\]/, planText);
  // the merge replaces the coordinator's sort: no Sort node above it
  assert.doesNotMatch(planText.split(/^Fragment 1 /m)[0]!, /\bSort\[/, planText);
  const analyzed = await runStatement(coordinator.url, `EXPLAIN ANALYZE ${sql}`);
  assert.equal(analyzed.error, undefined, JSON.stringify(analyzed.error));
  // two producer tasks: the merge has two sorted streams to interleave
  assert.match(analyzed.rows.map((r) => String(r[0])).join('\n'), /Stage 1 \[SOURCE\] FINISHED: 2 tasks/);
  const distributed = await runStatement(coordinator.url, sql);
  const single = await runStatement(coordinator.url, sql, { 'X-Trino-Session': 'petrel_add_exchanges=false' });
  assert.equal(distributed.error, undefined, JSON.stringify(distributed.error));
  assert.equal(distributed.rows.length, 60175);
  assert.deepEqual(distributed.rows, single.rows);
});
