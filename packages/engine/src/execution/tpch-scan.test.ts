import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DOUBLE, BIGINT, VARCHAR, TUPLE_DOMAIN_ALL } from '@petrel/spi';
import type { ConnectorColumnHandle } from '@petrel/spi';
import { tpchConnectorFactory } from '@petrel/connector-tpch';
import type { PlanNode } from '../planner/plan/plan-node.js';
import { functions, id, runPlan, sym, testContext } from './testing/execution-test-support.js';

describe('tpch scan', () => {
  it('scans tpch.tiny lineitem and aggregates it by returnflag', async () => {
    const connector = tpchConnectorFactory.create('tpch', {}, { catalogName: 'tpch', nodeId: 'n', dataDirectory: undefined });
    const session = { queryId: 'q', user: 'u', timeZone: 'UTC', startTime: 0, properties: {} };
    const handle = await connector.metadata.getTableHandle(session, { schema: 'tiny', table: 'lineitem' });
    assert.ok(handle !== undefined);
    const columns = await connector.metadata.getColumnHandles(session, handle);
    const flagColumn = columns.get('returnflag') as ConnectorColumnHandle;
    const quantityColumn = columns.get('quantity') as ConnectorColumnHandle;
    const flag = sym('returnflag', flagColumn.type ?? VARCHAR);
    const quantity = sym('quantity', quantityColumn.type ?? DOUBLE);
    const scan: PlanNode = {
      kind: 'tableScan',
      id: id(),
      outputs: [flag, quantity],
      table: { catalog: 'tpch', schema: 'tiny', table: 'lineitem' },
      handle,
      assignments: [
        { symbol: flag, column: flagColumn },
        { symbol: quantity, column: quantityColumn },
      ],
      enforcedConstraint: TUPLE_DOMAIN_ALL,
      dynamicFilters: [],
    };
    const count = sym('c', BIGINT);
    const plan: PlanNode = {
      kind: 'aggregation',
      id: id(),
      outputs: [flag, count],
      source: scan,
      groupingKeys: [flag],
      aggregates: [{ output: count, function: functions().resolveFunction('count', []), arguments: [], distinct: false, filter: undefined, orderBy: [], mask: undefined }],
      step: 'SINGLE',
      groupIdSymbol: undefined,
      groupingSetCount: 1,
      globalGroupingSets: [],
    };
    const rows = await runPlan(plan, testContext({ connectors: { tpch: connector } }));
    const total = rows.reduce((s, r) => s + (r[1] as number), 0);
    assert.equal(total, 60175);
    assert.deepEqual(rows.map((r) => r[0]).sort(), ['A', 'N', 'R']);
  });
});
