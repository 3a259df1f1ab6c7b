import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PlanNode } from '../../plan/plan-node.js';
import { planSources } from '../../plan/plan-sources.js';
import { countNodes, planWith, testContext } from '../../testing/planner-test-support.js';
import { predicatePushdown } from './predicate-pushdown.js';
import { reorderJoins } from './reorder-joins.js';

const rules = [predicatePushdown, reorderJoins, predicatePushdown];
const sql = 'SELECT * FROM nation, orders, customer WHERE n_nationkey = c_nationkey AND c_custkey = o_custkey';

describe('ReorderJoins', () => {
  it('never joins unconnected tables when the graph is connected (the written order would cross nation and orders)', async () => {
    const plan = await planWith(sql, rules);
    assert.equal(countNodes(plan, (n) => n.kind === 'join' && n.criteria.length === 0), 0);
    assert.equal(countNodes(plan, (n) => n.kind === 'join'), 2);
  });

  it('does not fire with join_reordering_strategy = NONE', async () => {
    const plan = await planWith(sql, rules, testContext({ session: { systemProperties: { join_reordering_strategy: 'NONE' } } }));
    assert.equal(countNodes(plan, (n) => n.kind === 'join' && n.criteria.length === 0), 1);
  });

  it('keeps the written order where possible with ELIMINATE_CROSS_JOINS', async () => {
    const plan = await planWith(sql, rules, testContext({ session: { systemProperties: { join_reordering_strategy: 'ELIMINATE_CROSS_JOINS' } } }));
    assert.equal(countNodes(plan, (n) => n.kind === 'join' && n.criteria.length === 0), 0);
  });

  it('joins small dimension chains first, making bushy trees (TPC-H Q7: each nation with its supplier or customer before lineitem)', async () => {
    const q7 = `SELECT n1.n_name, n2.n_name, l_extendedprice FROM supplier, lineitem, orders, customer, nation n1, nation n2
      WHERE s_suppkey = l_suppkey AND o_orderkey = l_orderkey AND c_custkey = o_custkey AND s_nationkey = n1.n_nationkey AND c_nationkey = n2.n_nationkey
        AND ((n1.n_name = 'FRANCE' AND n2.n_name = 'GERMANY') OR (n1.n_name = 'GERMANY' AND n2.n_name = 'FRANCE'))`;
    const plan = await planWith(q7, rules);
    assert.equal(countNodes(plan, (n) => n.kind === 'join'), 5);
    assert.equal(countNodes(plan, (n) => n.kind === 'join' && n.criteria.length === 0), 0);
    // supplier joins a nation directly, and so does customer
    for (const table of ['supplier', 'customer']) {
      const joinsNation = countNodes(plan, (n) => n.kind === 'join' && sideTables(n.left).concat(sideTables(n.right)).sort().join() === [table, 'nation'].sort().join());
      assert.equal(joinsNation, 1, `${table} ⋈ nation`);
    }
  });

  it('narrows each source by what a disjunction across sources implies for it', async () => {
    const plan = await planWith(
      `SELECT n1.n_name, n2.n_name FROM nation n1, nation n2, region WHERE n1.n_regionkey = r_regionkey AND n2.n_regionkey = r_regionkey
        AND ((n1.n_name = 'FRANCE' AND n2.n_name = 'GERMANY') OR (n1.n_name = 'GERMANY' AND n2.n_name = 'FRANCE'))`,
      rules,
    );
    // below the joins, both nation scans are filtered on their own name (n_name = 'FRANCE' OR n_name = 'GERMANY')
    const scanFilters = countNodes(plan, (n) => n.kind === 'filter' && n.source.kind === 'tableScan' && JSON.stringify(n.predicate).includes('FRANCE') && JSON.stringify(n.predicate).includes('GERMANY'));
    assert.equal(scanFilters, 2);
  });
});

/** Tables scanned below a node. */
function sideTables(node: PlanNode): string[] {
  if (node.kind === 'tableScan') return [node.table.table];
  return planSources(node).flatMap(sideTables);
}
