import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PlanNode } from '../../plan/plan-node.js';
import { planSources } from '../../plan/plan-sources.js';
import { countNodes, planWith } from '../../testing/planner-test-support.js';
import { decorrelateSubqueries } from './decorrelate-subqueries.js';
import { predicatePushdown } from './predicate-pushdown.js';
import { pushSemiJoinFilters } from './push-semi-join-filters.js';

const rules = [predicatePushdown, decorrelateSubqueries, predicatePushdown, pushSemiJoinFilters];

/** Tables scanned by the source side of each semi join. */
function semiJoinSources(plan: PlanNode): string[][] {
  const out: string[][] = [];
  countNodes(plan, (n) => {
    if (n.kind === 'semiJoin') out.push(tables(n.source));
    return false;
  });
  return out;
}

function tables(node: PlanNode): string[] {
  if (node.kind === 'tableScan') return [node.table.table];
  return planSources(node).flatMap(tables);
}

describe('PushSemiJoinFilters', () => {
  it('moves an IN-subquery filter below the joins to the table producing its key (TPC-H Q18)', async () => {
    const plan = await planWith(
      `SELECT c_name, o_orderkey, sum(l_quantity) FROM customer, orders, lineitem
        WHERE o_orderkey IN (SELECT l_orderkey FROM lineitem GROUP BY l_orderkey HAVING sum(l_quantity) > 300)
          AND c_custkey = o_custkey AND o_orderkey = l_orderkey
        GROUP BY c_name, o_orderkey`,
      rules,
    );
    assert.deepEqual(semiJoinSources(plan), [['orders']]);
    assert.equal(countNodes(plan, (n) => n.kind === 'join'), 2);
  });

  it('leaves a semi join whose result is projected, and does not cross the padded side of an outer join', async () => {
    const projected = await planWith('SELECT o_orderkey IN (SELECT l_orderkey FROM lineitem) FROM orders JOIN customer ON o_custkey = c_custkey', rules);
    assert.deepEqual(semiJoinSources(projected), [['orders', 'customer']]);
    const outer = await planWith('SELECT c_name FROM customer LEFT JOIN orders ON o_custkey = c_custkey WHERE o_orderkey IN (SELECT l_orderkey FROM lineitem)', rules);
    assert.equal(semiJoinSources(outer).every((s) => s.length === 2), true);
  });
});
