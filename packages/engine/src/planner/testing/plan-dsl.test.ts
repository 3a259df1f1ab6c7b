import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mergeAdjacentNodes } from '../optimizer/rules/merge-adjacent-nodes.js';
import { predicatePushdown } from '../optimizer/rules/predicate-pushdown.js';
import { pushLimits } from '../optimizer/rules/push-limits.js';
import { removeRedundantNodes } from '../optimizer/rules/remove-redundant-nodes.js';
import { PlanDsl } from './plan-dsl.js';
import { shape } from './planner-test-support.js';

describe('rules on hand-built plans', () => {
  it('PushLimits: sort + limit -> topN; fires not on a bare limit', async () => {
    const p = new PlanDsl();
    const a = p.symbol('a');
    assert.equal(shape(await p.apply(pushLimits, p.output(p.limit(3, p.sort([a], p.scan('t', [a])))))), 'output(topN[3](tableScan[t]))');
    assert.equal(shape(await p.apply(pushLimits, p.output(p.limit(3, p.scan('t', [a]))))), 'output(limit[3](tableScan[t]))');
  });

  it('MergeAdjacentNodes: filter over filter merges; filter over project stays', async () => {
    const p = new PlanDsl();
    const a = p.symbol('a');
    const b = p.symbol('b');
    const merged = await p.apply(mergeAdjacentNodes, p.output(p.filter(p.gt(p.ref(a), p.bigint(1)), p.filter(p.gt(p.ref(a), p.bigint(0)), p.scan('t', [a])))));
    assert.equal(shape(merged), 'output(filter(tableScan[t]))');
    const kept = await p.apply(mergeAdjacentNodes, p.output(p.filter(p.gt(p.ref(b), p.bigint(1)), p.project([[b, p.ref(a)]], p.scan('t', [a])))));
    assert.equal(shape(kept), 'output(filter(project(tableScan[t])))');
  });

  it('PredicatePushdown: a cross join under an equality becomes an equi-join; a false-free filter on VALUES stays', async () => {
    const p = new PlanDsl();
    const a = p.symbol('a');
    const b = p.symbol('b');
    const plan = p.output(p.filter(p.eq(p.ref(a), p.ref(b)), p.join('INNER', p.scan('t', [a]), p.scan('u', [b]))));
    assert.equal(shape(await p.apply(predicatePushdown, plan)), 'output(join[INNER a=b](tableScan[t], tableScan[u]))');
    const x = p.symbol('x');
    const values = p.output(p.filter(p.gt(p.ref(x), p.bigint(1)), p.values([x], [[p.bigint(1)], [p.bigint(2)]])));
    assert.equal(shape(await p.apply(predicatePushdown, values)), 'output(filter(values))');
  });

  it('RemoveRedundantNodes: an identity projection goes, a renaming one stays', async () => {
    const p = new PlanDsl();
    const a = p.symbol('a');
    const b = p.symbol('b');
    assert.equal(shape(await p.apply(removeRedundantNodes, p.output(p.project([[a, p.ref(a)]], p.scan('t', [a]))))), 'output(tableScan[t])');
    assert.equal(shape(await p.apply(removeRedundantNodes, p.output(p.project([[b, p.ref(a)]], p.scan('t', [a]))))), 'output(project(tableScan[t]))');
  });
});
