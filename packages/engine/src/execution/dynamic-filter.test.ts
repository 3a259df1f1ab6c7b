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

  it('stop filtering once they keep nearly every row, without changing the join result', async () => {
    // 150k probe rows in pages of 10k; the build side has every key but the multiples of 1000, so
    // the filter keeps 99.9% of rows and is dropped after its first 100k rows: the join alone
    // must then remove the remaining non-matching rows.
    const pages = [];
    for (let p = 0; p < 15; p++) {
      const rows: SqlValue[][] = [];
      for (let i = p * 10_000; i < (p + 1) * 10_000; i++) rows.push([i]);
      pages.push(pageOf([BIGINT], rows));
    }
    const connector = fixedConnector({ t: { columns: ['k'], types: [BIGINT], pages } });
    const buildRows: SqlValue[][] = [];
    for (let i = 0; i < 150_000; i++) if (i % 1000 !== 0) buildRows.push([i]);
    const k = sym('k', BIGINT);
    const b = sym('b', BIGINT);
    const scan = tableScan('cat', 't', [k]);
    const plan: PlanNode = {
      kind: 'join',
      id: id(),
      outputs: [k],
      joinType: 'INNER',
      left: { ...scan, dynamicFilters: [{ id: 'df_0', symbol: 'k' }] } as PlanNode,
      right: values([b], buildRows),
      criteria: [{ left: k, right: b }],
      filter: undefined,
      distribution: undefined,
      dynamicFilters: [{ id: 'df_0', buildSymbol: 'b' }],
    };
    const execution = executePlan(plan, testContext({ connectors: { cat: connector } }));
    let count = 0;
    let sum = 0;
    for (let p = await execution.next(); p !== undefined; p = await execution.next()) {
      for (const [value] of pageRows(p)) {
        count++;
        sum += value as number;
      }
    }
    const stats = execution.stats();
    await execution.close();
    assert.equal(count, 150_000 - 150);
    let expectedSum = 0;
    for (let i = 0; i < 150_000; i++) if (i % 1000 !== 0) expectedSum += i;
    assert.equal(sum, expectedSum);
    const scanStats = stats.operators.find((o) => o.operatorType === 'ScanFilterAndProjectOperator')!;
    assert.equal(scanStats.inputRows, 150_000);
    // the filter ran over the first pages only: some non-matching rows reached the join
    assert.ok(scanStats.outputRows > 150_000 - 150, `scan output ${scanStats.outputRows}`);
  });
});
