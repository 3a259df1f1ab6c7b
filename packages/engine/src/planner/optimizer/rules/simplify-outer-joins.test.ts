import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { JoinType } from '../../plan/plan-node.js';
import { countNodes, planWith } from '../../testing/planner-test-support.js';
import { predicatePushdown } from './predicate-pushdown.js';
import { simplifyOuterJoins } from './simplify-outer-joins.js';

const rules = [predicatePushdown, simplifyOuterJoins];

async function joinTypes(sql: string): Promise<JoinType[]> {
  const plan = await planWith(sql, rules);
  const types: JoinType[] = [];
  countNodes(plan, (n) => {
    if (n.kind === 'join') types.push(n.joinType);
    return false;
  });
  return types;
}

describe('SimplifyOuterJoins', () => {
  it('turns a LEFT join into an inner join when the filter above rejects its NULL padding', async () => {
    assert.deepEqual(await joinTypes('SELECT n_name FROM nation LEFT JOIN region ON n_regionkey = r_regionkey WHERE r_regionkey + 1 > n_nationkey'), ['INNER']);
  });

  it('keeps a LEFT join when the filter can pass padded rows', async () => {
    assert.deepEqual(await joinTypes('SELECT n_name FROM nation LEFT JOIN region ON n_regionkey = r_regionkey WHERE r_name IS NULL OR n_nationkey > 3'), ['LEFT']);
    assert.deepEqual(await joinTypes('SELECT n_name FROM nation LEFT JOIN region ON n_regionkey = r_regionkey WHERE coalesce(r_regionkey, 0) < n_nationkey'), ['LEFT']);
  });

  it('narrows a FULL join by the side whose padding the filter rejects', async () => {
    assert.deepEqual(await joinTypes('SELECT n_name FROM nation FULL JOIN region ON n_regionkey = r_regionkey WHERE n_nationkey * 2 < r_regionkey + n_regionkey + 100 AND n_nationkey >= 0'), ['INNER']);
    assert.deepEqual(await joinTypes('SELECT n_name FROM nation FULL JOIN region ON n_regionkey = r_regionkey WHERE n_nationkey >= 0'), ['LEFT']);
  });
});
