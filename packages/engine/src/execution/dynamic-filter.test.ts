import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BIGINT, VARCHAR, pageRows } from '@petrel/spi';
import type { DynamicFilter, SqlValue } from '@petrel/spi';
import type { PlanNode } from '../planner/plan/plan-node.js';
import { executePlan } from './execute-plan.js';
import { fixedConnector, id, pageOf, sortRows, sym, tableScan, testContext, values } from './testing/execution-test-support.js';

describe('dynamic filters', () => {
  it('drop probe rows whose key the build side does not have, and reach the connector', async () => {
    const rows: SqlValue[][] = [];
    for (let i = 0; i < 1000; i++) rows.push([i, `v${i}`]);
    const connector = fixedConnector({ t: { columns: ['k', 'v'], types: [BIGINT, VARCHAR], pages: [pageOf([BIGINT, VARCHAR], rows.slice(0, 500)), pageOf([BIGINT, VARCHAR], rows.slice(500))] } });
    const seen: DynamicFilter[] = [];
    const original = connector.pageSourceProvider.createPageSource.bind(connector.pageSourceProvider);
    const spying = {
      ...connector,
      pageSourceProvider: {
        createPageSource: (...args: Parameters<typeof original>) => {
          if (args[4] !== undefined) seen.push(args[4]);
          return original(...args);
        },
      },
    };
    const k = sym('k', BIGINT);
    const v = sym('v', VARCHAR);
    const b = sym('b', BIGINT);
    const scan = tableScan('cat', 't', [k, v]);
    const plan: PlanNode = {
      kind: 'join',
      id: id(),
      outputs: [k, v],
      joinType: 'INNER',
      left: { ...scan, dynamicFilters: [{ id: 'df_0', symbol: 'k' }] } as PlanNode,
      right: values([b], [[3], [700], [null]]),
      criteria: [{ left: k, right: b }],
      filter: undefined,
      distribution: undefined,
      dynamicFilters: [{ id: 'df_0', buildSymbol: 'b' }],
    };
    const execution = executePlan(plan, testContext({ connectors: { cat: spying } }));
    const out: SqlValue[][] = [];
    for (let p = await execution.next(); p !== undefined; p = await execution.next()) out.push(...pageRows(p));
    const stats = execution.stats();
    await execution.close();
    assert.deepEqual(sortRows(out), [[3, 'v3'], [700, 'v700']]);
    const scanStats = stats.operators.find((o) => o.operatorType === 'ScanFilterAndProjectOperator')!;
    assert.equal(scanStats.inputRows, 1000);
    assert.equal(scanStats.outputRows, 2);
    assert.ok(seen.length > 0);
    await seen[0]!.whenComplete;
    const domain = seen[0]!.currentPredicate();
    assert.equal(domain.kind, 'columns');
  });
});
