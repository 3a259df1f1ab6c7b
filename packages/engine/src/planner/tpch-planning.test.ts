import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { planStatement } from './plan-statement.js';
import type { PlanNode } from './plan/plan-node.js';
import { planSources } from './plan/plan-sources.js';
import { countNodes, parse, testContext } from './testing/planner-test-support.js';
import { SHARED_DIR } from '../e2e/shared-data.js';
import { join } from 'node:path';

const QUERIES = join(SHARED_DIR, 'tpch', 'queries');

function leftmostScan(node: PlanNode): string | undefined {
  if (node.kind === 'tableScan') return node.table.table;
  const sources = planSources(node);
  return sources.length === 0 ? undefined : leftmostScan(sources[0]!);
}

/** true when the subtree yields at most one row (global aggregation, EnforceSingleRow, one-row VALUES). */
function singleRow(node: PlanNode): boolean {
  switch (node.kind) {
    case 'aggregation':
      return node.groupingKeys.length === 0 && node.step !== 'PARTIAL';
    case 'enforceSingleRow':
      return true;
    case 'values':
      return node.rows.length <= 1;
    case 'project':
    case 'filter':
    case 'exchange':
      return planSources(node).every(singleRow);
    case 'output':
    case 'tableScan':
    case 'groupId':
    case 'markDistinct':
    case 'join':
    case 'semiJoin':
    case 'sort':
    case 'topN':
    case 'limit':
    case 'offset':
    case 'distinctLimit':
    case 'window':
    case 'union':
    case 'intersect':
    case 'except':
    case 'unnest':
    case 'assignUniqueId':
    case 'apply':
    case 'correlatedJoin':
    case 'sample':
    case 'rowNumber':
    case 'topNRanking':
    case 'tableFunction':
    case 'tableWriter':
    case 'tableFinish':
    case 'tableDelete':
    case 'remoteSource':
    case 'explainAnalyze':
      return false;
  }
}

describe('planning the 22 TPC-H queries (standard column names, sf1 row counts)', () => {
  const context = testContext();
  for (let i = 1; i <= 22; i++) {
    const n = String(i).padStart(2, '0');
    it(`q${n} plans with hash joins and no cross product of tables`, async () => {
      const sql = readFileSync(`${QUERIES}/q${n}.sql`, 'utf8').replace(/;\s*$/, '');
      const planned = await planStatement(parse(sql), context);
      const root = planned.root;
      assert.equal(countNodes(root, (x) => x.kind === 'apply' || x.kind === 'correlatedJoin'), 0);
      const crossJoins = countNodes(root, (x) => x.kind === 'join' && x.criteria.length === 0 && !singleRow(x.left) && !singleRow(x.right));
      assert.equal(crossJoins, 0, 'cross join of two multi-row inputs');
      // every scan reads only some columns of lineitem (pruning)
      countNodes(root, (x) => {
        if (x.kind === 'tableScan' && x.table.table === 'lineitem') assert.ok(x.assignments.length < 16, `lineitem scan reads ${x.assignments.length} columns`);
        return false;
      });
      assert.ok(planned.columns.length > 0);
    });
  }

  it('q05 probes lineitem (the largest table) and builds the dimensions', async () => {
    const sql = readFileSync(`${QUERIES}/q05.sql`, 'utf8').replace(/;\s*$/, '');
    const planned = await planStatement(parse(sql), context);
    let join: PlanNode | undefined;
    countNodes(planned.root, (x) => {
      if (join === undefined && x.kind === 'join') join = x;
      return false;
    });
    assert.ok(join !== undefined);
    assert.equal(leftmostScan(join!), 'lineitem');
  });

  it('q05 joins orders (by l_orderkey) before customer, so customer joins on c_custkey, not only on c_nationkey', async () => {
    const sql = readFileSync(`${QUERIES}/q05.sql`, 'utf8').replace(/;\s*$/, '');
    const planned = await planStatement(parse(sql), context);
    let customerJoin: string[] = [];
    countNodes(planned.root, (x) => {
      if (x.kind === 'join' && x.criteria.some((c) => c.left.name.startsWith('c_') || c.right.name.startsWith('c_'))) customerJoin = x.criteria.map((c) => `${c.left.name}=${c.right.name}`);
      return false;
    });
    assert.ok(customerJoin.some((c) => c.includes('c_custkey')), customerJoin.join(','));
  });

  it('q02 turns the correlated min() subquery into a join with min() grouped by the correlation key', async () => {
    const sql = readFileSync(`${QUERIES}/q02.sql`, 'utf8').replace(/;\s*$/, '');
    const planned = await planStatement(parse(sql), context);
    const grouped = countNodes(planned.root, (x) => x.kind === 'aggregation' && x.step === 'FINAL' && x.groupingKeys.length === 1 && x.groupingKeys[0]!.name.startsWith('ps_partkey'));
    assert.equal(grouped, 1);
    // `ps_supplycost = min` rejects the NULLs of unmatched rows: the left join became an inner join
    assert.equal(countNodes(planned.root, (x) => x.kind === 'join' && x.joinType === 'LEFT'), 0);
  });

  it('q16 plans NOT IN as a semi join and q04 EXISTS as a join with the distinct lineitem keys', async () => {
    const q16 = await planStatement(parse(readFileSync(`${QUERIES}/q16.sql`, 'utf8').replace(/;\s*$/, '')), context);
    assert.equal(countNodes(q16.root, (x) => x.kind === 'semiJoin'), 1, 'q16');
    // EXISTS over far more lineitems than the quarter's orders: orders are built and filter the lineitem scan
    const q04 = await planStatement(parse(readFileSync(`${QUERIES}/q04.sql`, 'utf8').replace(/;\s*$/, '')), context);
    assert.equal(countNodes(q04.root, (x) => x.kind === 'semiJoin'), 0, 'q04');
    assert.equal(countNodes(q04.root, (x) => x.kind === 'join' && x.joinType === 'INNER' && x.dynamicFilters.length === 1), 1, 'q04');
  });
});
