import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatExpression } from '../../explain/format-expression.js';
import type { PlanNode } from '../../plan/plan-node.js';
import { planWith, testContext } from '../../testing/planner-test-support.js';
import { simplifyExpressions } from './simplify-expressions.js';

function firstProjection(node: PlanNode): string[] {
  if (node.kind === 'project') return node.assignments.map((a) => formatExpression(a.expression));
  if ('source' in node) return firstProjection(node.source as PlanNode);
  return [];
}
function filterOf(node: PlanNode): string | undefined {
  if (node.kind === 'filter') return formatExpression(node.predicate);
  if ('source' in node) return filterOf(node.source as PlanNode);
  return undefined;
}

describe('SimplifyExpressions', () => {
  const context = () => testContext();
  it('folds deterministic calls on constants', async () => {
    const plan = await planWith("SELECT 1 + 2, DATE '1998-12-01' - INTERVAL '90' DAY, upper('a')", [simplifyExpressions], context());
    assert.deepEqual(firstProjection(plan), ['3', "DATE '1998-09-02'", "'A'"]);
  });

  it('never folds a call that fails, leaving the error for run time', async () => {
    const plan = await planWith('SELECT 1 / 0', [simplifyExpressions], context());
    assert.deepEqual(firstProjection(plan), ['(1 / 0)']);
  });

  it('does not fold non-deterministic calls', async () => {
    const plan = await planWith('SELECT rand()', [simplifyExpressions], context());
    assert.deepEqual(firstProjection(plan), ['rand()']);
  });

  it('simplifies boolean logic and removes always-true filters', async () => {
    const plan = await planWith('SELECT a FROM memory.s.t WHERE (a = 1 AND true) OR false', [simplifyExpressions], context());
    assert.equal(filterOf(plan), '(a = CAST(1 AS bigint))'.replace('CAST(1 AS bigint)', '1'));
    const always = await planWith('SELECT a FROM memory.s.t WHERE 1 = 1', [simplifyExpressions], context());
    assert.equal(filterOf(always), undefined);
  });

  it('factors common conjuncts out of disjunctions', async () => {
    const plan = await planWith('SELECT a FROM memory.s.t WHERE (a = 1 AND c = 2) OR (a = 1 AND c = 3)', [simplifyExpressions], context());
    assert.equal(filterOf(plan), '((a = 1) AND ((c = 2) OR (c = 3)))');
  });
});
