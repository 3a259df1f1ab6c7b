import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PlanNode, TableScanNode } from '../../plan/plan-node.js';
import { countNodes, explain, planWith, shape, testContext } from '../../testing/planner-test-support.js';
import { collectNodes as collect } from '../../plan/plan-sources.js';
import { addDynamicFilters } from './add-dynamic-filters.js';
import { addExchanges } from './add-exchanges.js';
import { chooseJoinSides } from './choose-join-sides.js';
import { mergeAdjacentNodes } from './merge-adjacent-nodes.js';
import { predicatePushdown } from './predicate-pushdown.js';
import { pruneUnusedColumns } from './prune-unused-columns.js';
import { pushIntoTableScan } from './push-into-table-scan.js';
import { pushLimits } from './push-limits.js';
import { removeRedundantNodes } from './remove-redundant-nodes.js';
import { simplifyExpressions } from './simplify-expressions.js';

function scans(node: PlanNode): TableScanNode[] {
  const out: TableScanNode[] = [];
  countNodes(node, (n) => {
    if (n.kind === 'tableScan') out.push(n);
    return false;
  });
  return out;
}

describe('PruneUnusedColumns', () => {
  it('reads only the columns a query uses', async () => {
    const plan = await planWith('SELECT n_name FROM nation WHERE n_regionkey = 1', [pruneUnusedColumns]);
    assert.deepEqual(scans(plan)[0]!.assignments.map((a) => a.column.name), ['n_name', 'n_regionkey']);
  });
  it('keeps join keys and aggregate arguments', async () => {
    const plan = await planWith('SELECT sum(o_totalprice) FROM orders JOIN customer ON o_custkey = c_custkey', [predicatePushdown, pruneUnusedColumns]);
    assert.deepEqual(scans(plan).map((s) => s.assignments.map((a) => a.column.name)), [['o_custkey', 'o_totalprice'], ['c_custkey']]);
  });
});

describe('PushLimits', () => {
  it('turns ORDER BY + LIMIT into TopN', async () => {
    const plan = await planWith('SELECT a FROM memory.s.t ORDER BY a LIMIT 3', [pushLimits, pruneUnusedColumns, removeRedundantNodes]);
    assert.equal(shape(plan), 'output(topN[3](tableScan[t]))');
  });
  it('does not make a TopN from a limit without ORDER BY, but merges limits', async () => {
    const plan = await planWith('SELECT * FROM (SELECT a FROM memory.s.t LIMIT 10) LIMIT 3', [pushLimits, pruneUnusedColumns, removeRedundantNodes]);
    assert.equal(shape(plan), 'output(limit[3](tableScan[t]))');
  });
  it('copies a limit into the branches of UNION ALL', async () => {
    const plan = await planWith('SELECT a FROM memory.s.t UNION ALL SELECT a FROM memory.s.u LIMIT 2', [pushLimits, pruneUnusedColumns, removeRedundantNodes]);
    assert.equal(shape(plan), 'output(limit[2](union(limit[2](tableScan[t]), limit[2](tableScan[u]))))');
  });
});

describe('MergeAdjacentNodes and RemoveRedundantNodes', () => {
  it('merges stacked projections and filters', async () => {
    const plan = await planWith('SELECT x + 1 FROM (SELECT a * 2 AS x FROM (SELECT a FROM memory.s.t WHERE a > 1) WHERE a < 10)', [mergeAdjacentNodes, pruneUnusedColumns, mergeAdjacentNodes, removeRedundantNodes]);
    assert.equal(shape(plan), 'output(project(filter(tableScan[t])))');
  });
  it('keeps a projection that computes something', async () => {
    const plan = await planWith('SELECT a + 1 FROM memory.s.t', [removeRedundantNodes]);
    assert.equal(countNodes(plan, (n) => n.kind === 'project' && n.assignments.some((a) => a.expression.kind === 'call')), 1);
  });
  it('removes plans under LIMIT 0', async () => {
    const plan = await planWith('SELECT a FROM memory.s.t LIMIT 0', [removeRedundantNodes, pruneUnusedColumns]);
    assert.equal(shape(plan), 'output(values)');
  });
});

describe('ChooseJoinSides and AddDynamicFilters', () => {
  it('builds on the smaller side and registers dynamic filters on the probe scan', async () => {
    const plan = await planWith('SELECT o_orderkey FROM customer JOIN orders ON c_custkey = o_custkey', [predicatePushdown, pruneUnusedColumns, chooseJoinSides, addDynamicFilters]);
    assert.equal(shape(plan), 'output(project(join[INNER o_custkey=c_custkey](tableScan[orders], tableScan[customer])))');
    const orders = scans(plan).find((s) => s.table.table === 'orders')!;
    assert.equal(orders.dynamicFilters.length, 1);
    assert.equal(orders.dynamicFilters[0]!.symbol, 'o_custkey');
  });
  it('registers a dynamic filter on the source scan of a semi join used as a filter (petrel_semi_join_dynamic_filtering)', async () => {
    const sql = "SELECT o_orderkey FROM orders WHERE o_custkey IN (SELECT c_custkey FROM customer WHERE c_mktsegment = 'BUILDING')";
    const on = testContext({ session: { systemProperties: { petrel_semi_join_dynamic_filtering: 'true' } } });
    const plan = await planWith(sql, undefined, on);
    const semi = collect(plan).find((n): n is PlanNode & { kind: 'semiJoin' } => n.kind === 'semiJoin')!;
    assert.ok(semi.dynamicFilterId !== undefined);
    const orders = scans(plan).find((s) => s.table.table === 'orders')!;
    assert.deepEqual(orders.dynamicFilters, [{ id: semi.dynamicFilterId, symbol: semi.sourceJoinSymbol.name }]);
    assert.match(explain(plan), new RegExp(`SemiJoin\\[criteria = \\(o_custkey = c_custkey\\), dynamicFilterId = #${semi.dynamicFilterId}`));
    // off by default until execution publishes semi join filters; never for a semi join whose output is projected
    const off = await planWith(sql, undefined, testContext());
    assert.equal(collect(off).some((n) => n.kind === 'semiJoin' && n.dynamicFilterId !== undefined), false);
    const projected = await planWith('SELECT o_custkey IN (SELECT c_custkey FROM customer) FROM orders', undefined, on);
    assert.equal(collect(projected).some((n) => n.kind === 'semiJoin' && n.dynamicFilterId !== undefined), false);
  });
  it('does not register dynamic filters for LEFT joins', async () => {
    const plan = await planWith('SELECT o_orderkey FROM orders LEFT JOIN customer ON c_custkey = o_custkey', [predicatePushdown, pruneUnusedColumns, chooseJoinSides, addDynamicFilters]);
    assert.equal(scans(plan).every((s) => s.dynamicFilters.length === 0), true);
  });
  it('builds on the preserved side of an outer join when it is much smaller, turning LEFT into RIGHT', async () => {
    const plan = await planWith('SELECT c_name, o_orderkey FROM customer LEFT JOIN orders ON c_custkey = o_custkey', [predicatePushdown, pruneUnusedColumns, chooseJoinSides, addDynamicFilters]);
    assert.match(shape(plan), /join\[RIGHT o_custkey=c_custkey\]\(tableScan\[orders\], tableScan\[customer\]\)/);
    // rows of orders without a customer are dropped by a RIGHT join: the build keys may narrow the scan
    const orders = scans(plan).find((s) => s.table.table === 'orders')!;
    assert.deepEqual(orders.dynamicFilters.map((f) => f.symbol), ['o_custkey']);
  });
  it('registers a dynamic filter through an aggregation grouping by the probe key', async () => {
    const sql = "SELECT p_name, total FROM part JOIN (SELECT l_partkey, sum(l_quantity) AS total FROM lineitem GROUP BY l_partkey) t ON p_partkey = l_partkey WHERE p_brand = 'Brand#23'";
    const plan = await planWith(sql, [predicatePushdown, pruneUnusedColumns, chooseJoinSides, addDynamicFilters]);
    const lineitem = scans(plan).find((s) => s.table.table === 'lineitem')!;
    assert.deepEqual(lineitem.dynamicFilters.map((f) => f.symbol), ['l_partkey']);
    // not through a global aggregation or grouping sets (a group may exist without input rows)
    const rollup = await planWith('SELECT r_name FROM region JOIN (SELECT n_regionkey, count(*) AS c FROM nation GROUP BY ROLLUP (n_regionkey)) t ON r_regionkey = n_regionkey', [predicatePushdown, pruneUnusedColumns, chooseJoinSides, addDynamicFilters]);
    assert.equal(scans(rollup).find((s) => s.table.table === 'nation')!.dynamicFilters.length, 0);
  });
  it('follows join_distribution_type', async () => {
    const sql = 'SELECT o_orderkey FROM customer JOIN orders ON c_custkey = o_custkey';
    for (const [mode, expected] of [['BROADCAST', 'REPLICATED'], ['PARTITIONED', 'PARTITIONED'], ['AUTOMATIC', 'REPLICATED']] as const) {
      const plan = await planWith(sql, [predicatePushdown, chooseJoinSides], testContext({ session: { systemProperties: { join_distribution_type: mode } } }));
      let distribution: string | undefined;
      countNodes(plan, (n) => {
        if (n.kind === 'join') distribution = n.distribution;
        return false;
      });
      assert.equal(distribution, expected, mode);
    }
  });
});

describe('AddExchanges', () => {
  const context = () => testContext();
  it('splits aggregations into PARTIAL and FINAL around a hash exchange and gathers under the output', async () => {
    const plan = await planWith('SELECT n_regionkey, count(*) FROM nation GROUP BY n_regionkey', [pruneUnusedColumns, addExchanges], context());
    assert.equal(shape(plan), 'output(exchange[GATHER](aggregation[FINAL n_regionkey](exchange[REPARTITION](aggregation[PARTIAL n_regionkey](tableScan[nation])))))');
  });
  it('does not split DISTINCT aggregates', async () => {
    const plan = await planWith('SELECT count(DISTINCT n_regionkey) FROM nation', [pruneUnusedColumns, addExchanges], context());
    assert.equal(shape(plan), 'output(aggregation[SINGLE](exchange[GATHER](tableScan[nation])))');
  });
  it('adds nothing to a single-row VALUES plan or when petrel_add_exchanges = false', async () => {
    assert.equal(shape(await planWith('SELECT 1', [addExchanges], context())), 'output(project(values))');
    const off = testContext({ session: { systemProperties: { petrel_add_exchanges: 'false' } } });
    assert.equal(countNodes(await planWith('SELECT count(*) FROM nation', [addExchanges], off), (n) => n.kind === 'exchange'), 0);
  });
});

describe('PushIntoTableScan', () => {
  it('pushes comparisons, IN lists and BETWEEN into applyFilter and removes what the connector enforces', async () => {
    const plan = await planWith('SELECT n_name FROM nation WHERE n_regionkey = 1 AND n_nationkey BETWEEN 1 AND 5 AND n_name LIKE \'A%\'', [simplifyExpressions, predicatePushdown, pushIntoTableScan], testContext({ pushdown: true }));
    const scan = scans(plan)[0]!;
    assert.equal(scan.enforcedConstraint.kind, 'columns');
    assert.deepEqual(scan.enforcedConstraint.kind === 'columns' ? scan.enforcedConstraint.columns.map((c) => `${c.column}:${c.domain.kind}`) : [], ['n_regionkey:values', 'n_nationkey:ranges']);
    assert.equal(shape(plan), 'output(project(filter(tableScan[nation])))');
  });
  it('leaves filters alone when the connector has no applyFilter', async () => {
    const plan = await planWith('SELECT n_name FROM nation WHERE n_regionkey = 1', [predicatePushdown, pushIntoTableScan], testContext());
    assert.equal(scans(plan)[0]!.enforcedConstraint.kind, 'all');
  });
  it('pushes a grouped aggregation over a scan into applyAggregation, and not one it refuses', async () => {
    const plan = await planWith('SELECT n_regionkey, count(*), sum(n_nationkey) FROM nation GROUP BY n_regionkey', [pruneUnusedColumns, pushIntoTableScan], testContext({ pushdown: true }));
    assert.equal(shape(plan), 'output(tableScan[nation])');
    assert.equal(scans(plan)[0]!.handle['aggregated'], 'count();sum(n_nationkey);n_regionkey');
    const refused = await planWith('SELECT max(n_nationkey) FROM nation', [pruneUnusedColumns, pushIntoTableScan], testContext({ pushdown: true }));
    assert.equal(countNodes(refused, (n) => n.kind === 'aggregation'), 1);
  });
  it('pushes a limit into applyLimit', async () => {
    const plan = await planWith('SELECT n_name FROM nation LIMIT 3', [pushIntoTableScan], testContext({ pushdown: true }));
    assert.equal(scans(plan)[0]!.handle['limit'], 3);
  });
});
