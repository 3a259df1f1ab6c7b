import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { planWith, shape } from '../../testing/planner-test-support.js';
import { predicatePushdown } from './predicate-pushdown.js';
import { pruneUnusedColumns } from './prune-unused-columns.js';
import { removeRedundantNodes } from './remove-redundant-nodes.js';

const rules = [predicatePushdown, pruneUnusedColumns, removeRedundantNodes];

describe('PredicatePushdown', () => {
  it('turns a cross join plus an equality into an equi-join and pushes single-table conjuncts', async () => {
    const plan = await planWith("SELECT n_name FROM nation, region WHERE n_regionkey = r_regionkey AND r_name = 'ASIA'", rules);
    assert.equal(shape(plan), 'output(join[INNER n_regionkey=r_regionkey](tableScan[nation], project(filter(tableScan[region]))))');
  });

  it('copies conjuncts across equi-join keys', async () => {
    const plan = await planWith('SELECT n_name FROM nation JOIN region ON n_regionkey = r_regionkey WHERE n_regionkey = 1', rules);
    assert.equal(shape(plan), 'output(join[INNER n_regionkey=r_regionkey](filter(tableScan[nation]), filter(tableScan[region])))');
  });

  it('does not push a conjunct on the inner side of a LEFT JOIN below the join', async () => {
    const plan = await planWith('SELECT n_name FROM nation LEFT JOIN region ON n_regionkey = r_regionkey WHERE r_name IS NULL', rules);
    assert.equal(shape(plan), 'output(project(filter(join[LEFT n_regionkey=r_regionkey](tableScan[nation], tableScan[region]))))');
  });

  it('turns a LEFT JOIN into an inner join when a filter rejects the padded NULLs', async () => {
    const plan = await planWith("SELECT n_name FROM nation LEFT JOIN region ON n_regionkey = r_regionkey WHERE r_name = 'ASIA'", rules);
    assert.equal(shape(plan), 'output(join[INNER n_regionkey=r_regionkey](tableScan[nation], project(filter(tableScan[region]))))');
  });

  it('pushes ON conjuncts of the inner side of a LEFT JOIN into that side only', async () => {
    const plan = await planWith("SELECT n_name FROM nation LEFT JOIN region ON n_regionkey = r_regionkey AND r_name = 'ASIA' AND n_name = 'X'", rules);
    assert.equal(shape(plan), 'output(join[LEFT n_regionkey=r_regionkey +filter](tableScan[nation], project(filter(tableScan[region]))))');
  });

  it('pushes through aggregations only on grouping keys', async () => {
    const plan = await planWith('SELECT * FROM (SELECT n_regionkey, count(*) c FROM nation GROUP BY n_regionkey) WHERE n_regionkey = 1 AND c > 2', rules);
    assert.equal(shape(plan), 'output(filter(aggregation[SINGLE n_regionkey](filter(tableScan[nation]))))');
  });

  it('pushes into every branch of a UNION ALL', async () => {
    const plan = await planWith('SELECT * FROM (SELECT a FROM memory.s.t UNION ALL SELECT a FROM memory.s.u) WHERE a = 1', rules);
    assert.equal(shape(plan), 'output(union(filter(tableScan[t]), filter(tableScan[u])))');
  });

  it('keeps a filter above a LIMIT', async () => {
    const plan = await planWith('SELECT * FROM (SELECT a FROM memory.s.t LIMIT 5) WHERE a = 1', rules);
    assert.equal(shape(plan), 'output(filter(limit[5](tableScan[t])))');
  });
});
