import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
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
});
