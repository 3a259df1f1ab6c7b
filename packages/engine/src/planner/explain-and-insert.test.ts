import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { formatPlan } from './explain/format-plan.js';
import { fragmentPlan } from './fragmenter/fragment-plan.js';
import { beginPlannedInserts, PENDING_INSERT_HANDLE, planInsertInto, planStatement } from './plan-statement.js';
import type { PlannedQuery } from './planner-context.js';
import type { TableHandle } from '../metadata/metadata.js';
import { countNodes, parse, testContext } from './testing/planner-test-support.js';
import { BIGINT, TrinoError, VARCHAR } from '@petrel/spi';
import type { Query } from '@petrel/sql';

async function plan(sql: string) {
  return planStatement(parse(sql), testContext());
}

describe('EXPLAIN text', () => {
  it('renders a logical plan in Trino style', async () => {
    const planned = await plan('SELECT a, b FROM memory.s.t WHERE a > 1 ORDER BY b LIMIT 5');
    const expected = [
      'Output[columnNames = [a, b]]',
      '│   Layout: [a:bigint, b:varchar]',
      '│   Estimates: {rows: 0 (0B), cpu: ?, memory: ?, network: ?}',
      '└─ TopN[count = 5, orderBy = [b ASC NULLS LAST]]',
      '   │   Layout: [a:bigint, b:varchar]',
      '   │   Estimates: {rows: 0 (0B), cpu: ?, memory: ?, network: ?}',
      '   └─ RemoteExchange[partitioning = SINGLE, type = GATHER]',
      '      │   Layout: [a:bigint, b:varchar]',
      '      │   Estimates: {rows: 0 (0B), cpu: ?, memory: ?, network: ?}',
      '      └─ TopNPartial[count = 5, orderBy = [b ASC NULLS LAST]]',
      '         │   Layout: [a:bigint, b:varchar]',
      '         │   Estimates: {rows: 0 (0B), cpu: ?, memory: ?, network: ?}',
      '         └─ Filter[filterPredicate = (a > 1)]',
      '            │   Layout: [a:bigint, b:varchar]',
      '            │   Estimates: {rows: 0 (0B), cpu: ?, memory: ?, network: ?}',
      '            └─ TableScan[table = memory:s:t]',
      '                   Layout: [a:bigint, b:varchar]',
      '                   Estimates: {rows: 0 (0B), cpu: ?, memory: ?, network: ?}',
      '                   a := memory:a',
      '                   b := memory:b',
    ].join('\n');
    assert.equal(formatPlan(planned.root, { type: 'LOGICAL', format: 'TEXT' }), `${expected}\n`);
  });

  it('renders a distributed plan fragment by fragment', async () => {
    const planned = await plan("SELECT n_name, count(*) AS c FROM nation JOIN region ON n_regionkey = r_regionkey WHERE r_name = 'ASIA' GROUP BY n_name ORDER BY c DESC LIMIT 3");
    const expected = [
      'Fragment 0 [SINGLE]',
      '    Output layout: [n_name, count]',
      '    Output partitioning: SINGLE []',
      '    Output[columnNames = [n_name, c]]',
      '    │   Layout: [n_name:varchar(25), count:bigint]',
      '    │   Estimates: {rows: 3 (46B), cpu: ?, memory: ?, network: ?}',
      '    │   c := count',
      '    └─ TopN[count = 3, orderBy = [count DESC NULLS LAST]]',
      '       │   Layout: [n_name:varchar(25), count:bigint]',
      '       │   Estimates: {rows: 3 (46B), cpu: ?, memory: ?, network: ?}',
      '       └─ RemoteSource[sourceFragmentIds = [1]]',
      '              Layout: [n_name:varchar(25), count:bigint]',
      '',
      'Fragment 1 [HASH]',
      '    Output layout: [n_name, count]',
      '    Output partitioning: SINGLE []',
      '    TopNPartial[count = 3, orderBy = [count DESC NULLS LAST]]',
      '    │   Layout: [n_name:varchar(25), count:bigint]',
      '    │   Estimates: {rows: 3 (46B), cpu: ?, memory: ?, network: ?}',
      '    └─ Aggregate[type = FINAL, keys = [n_name]]',
      '       │   Layout: [n_name:varchar(25), count:bigint]',
      '       │   Estimates: {rows: 5 (76B), cpu: ?, memory: ?, network: ?}',
      '       │   count := count(count_partial)',
      '       └─ RemoteSource[sourceFragmentIds = [2]]',
      '              Layout: [n_name:varchar(25), count_partial:bigint]',
      '',
      'Fragment 2 [SOURCE]',
      '    Output layout: [n_name, count_partial]',
      '    Output partitioning: HASH [n_name]',
      '    Aggregate[type = PARTIAL, keys = [n_name]]',
      '    │   Layout: [n_name:varchar(25), count_partial:bigint]',
      '    │   Estimates: {rows: 5 (76B), cpu: ?, memory: ?, network: ?}',
      '    │   count_partial := count()',
      '    └─ InnerJoin[criteria = (n_regionkey = r_regionkey), distribution = REPLICATED]',
      '       │   Layout: [n_name:varchar(25)]',
      '       │   Estimates: {rows: 5 (36B), cpu: ?, memory: ?, network: ?}',
      '       │   dynamicFilterAssignments = {r_regionkey -> #df_0}',
      '       ├─ TableScan[table = tpch:sf1:nation]',
      '       │      Layout: [n_name:varchar(25), n_regionkey:bigint]',
      '       │      Estimates: {rows: 25 (381B), cpu: ?, memory: ?, network: ?}',
      '       │      dynamicFilters = {n_regionkey = #df_0}',
      '       │      n_name := tpch:n_name',
      '       │      n_regionkey := tpch:n_regionkey',
      '       └─ RemoteSource[sourceFragmentIds = [3]]',
      '              Layout: [r_regionkey:bigint]',
      '',
      'Fragment 3 [SOURCE]',
      '    Output layout: [r_regionkey]',
      '    Output partitioning: BROADCAST []',
      '    Project',
      '    │   Layout: [r_regionkey:bigint]',
      '    │   Estimates: {rows: 1 (8B), cpu: ?, memory: ?, network: ?}',
      "    └─ Filter[filterPredicate = (r_name = 'ASIA')]",
      '       │   Layout: [r_regionkey:bigint, r_name:varchar(25)]',
      '       │   Estimates: {rows: 1 (14B), cpu: ?, memory: ?, network: ?}',
      '       └─ TableScan[table = tpch:sf1:region]',
      '              Layout: [r_regionkey:bigint, r_name:varchar(25)]',
      '              Estimates: {rows: 5 (71B), cpu: ?, memory: ?, network: ?}',
      '              r_regionkey := tpch:r_regionkey',
      '              r_name := tpch:r_name',
    ].join('\n');
    assert.equal(formatPlan(planned.root, { type: 'DISTRIBUTED', format: 'TEXT' }), `${expected}\n`);
  });

  it('renders JSON, GRAPHVIZ and IO formats, and per-operator stats for EXPLAIN ANALYZE', async () => {
    const planned = await plan('SELECT a FROM memory.s.t WHERE a > 1');
    const json = JSON.parse(formatPlan(planned.root, { type: 'LOGICAL', format: 'JSON' })) as { name: string };
    assert.equal(json.name, 'Output');
    assert.match(formatPlan(planned.root, { type: 'LOGICAL', format: 'GRAPHVIZ' }), /^digraph logical_plan \{/);
    const io = JSON.parse(formatPlan(planned.root, { type: 'IO', format: 'TEXT' })) as { inputTableColumnInfos: { table: { catalog: string } }[] };
    assert.equal(io.inputTableColumnInfos[0]!.table.catalog, 'memory');
    const scanId = (() => {
      let id = '';
      countNodes(planned.root, (n) => {
        if (n.kind === 'tableScan') id = n.id;
        return false;
      });
      return id;
    })();
    const text = formatPlan(planned.root, {
      type: 'DISTRIBUTED',
      format: 'TEXT',
      stats: {
        totalSplits: 1,
        completedSplits: 1,
        processedRows: 100,
        processedBytes: 800,
        peakMemoryBytes: 0,
        cpuMillis: 1,
        operators: [{ planNodeId: scanId, operatorType: 'TableScanOperator', inputRows: 100, inputBytes: 800, outputRows: 100, outputBytes: 800, wallMillis: 2, cpuMillis: 1, peakMemoryBytes: 0 }],
      },
    });
    assert.match(text, /CPU: 1\.00ms, Scheduled: 2\.00ms, Output: 100 rows \(800B\)/);
  });
});

describe('fragmentPlan', () => {
  it('cuts at remote exchanges into fragments with remote sources', async () => {
    const planned = await plan('SELECT n_regionkey, count(*) FROM nation GROUP BY n_regionkey');
    const fragments = fragmentPlan(planned.root);
    assert.deepEqual(fragments.map((f) => `${f.id}:${f.partitioning}:${f.outputPartitioning.kind}`), ['0:SINGLE:SINGLE', '1:HASH:SINGLE', '2:SOURCE:HASH']);
    assert.equal(countNodes(fragments[0]!.root, (n) => n.kind === 'remoteSource'), 1);
    for (const f of fragments) assert.equal(countNodes(f.root, (n) => n.kind === 'exchange'), 0);
  });
});

describe('INSERT planning', () => {
  const columns = [
    { name: 'a', type: BIGINT },
    { name: 'b', type: VARCHAR },
  ];
  const context = () => testContext({ session: { catalog: 'memory', schema: 's' } });
  let target: TableHandle;
  before(async () => {
    const ctx = context();
    target = (await ctx.metadata.getTable(ctx.session, { catalog: 'memory', schema: 's', name: 't' }))!.handle;
  });
  it('coerces inserted values to the column types and ends in tableWriter and tableFinish', async () => {
    const planned = await planInsertInto(target, columns, parse("SELECT 1, 'x'") as Query, context());
    assert.deepEqual(planned.columns.map((c) => c.name), ['rows']);
    assert.equal(countNodes(planned.root, (n) => n.kind === 'tableWriter'), 1);
    assert.equal(planned.root.source.kind, 'tableFinish');
  });
  it('with deferInsertBegin plans a placeholder insert handle that beginPlannedInserts replaces', async () => {
    const ctx = { ...context(), deferInsertBegin: true };
    const planned = await planStatement(parse("INSERT INTO memory.s.t (b) VALUES ('x')"), ctx);
    const handles = (p: PlannedQuery) => {
      const found: unknown[] = [];
      countNodes(p.root, (n) => ((n.kind === 'tableWriter' || n.kind === 'tableFinish') && found.push(n.insertHandle), false));
      return found;
    };
    assert.deepEqual(handles(planned), [PENDING_INSERT_HANDLE, PENDING_INSERT_HANDLE]);
    const begun = await beginPlannedInserts(planned, ctx);
    const [finishHandle, writerHandle] = handles(begun);
    assert.notEqual(writerHandle, PENDING_INSERT_HANDLE);
    assert.equal(finishHandle, writerHandle);
    assert.deepEqual(handles(planned), [PENDING_INSERT_HANDLE, PENDING_INSERT_HANDLE]);
  });
  it('fails with Trino\'s message for mismatched column types', async () => {
    await assert.rejects(
      planInsertInto(target, columns, parse('SELECT true, 1') as Query, context()),
      (e: unknown) => e instanceof TrinoError && e.errorName === 'TYPE_MISMATCH' && e.rawMessage === 'Insert query has mismatched column types: Table: [bigint, varchar], Query: [boolean, integer]',
    );
  });
  it('maps a column list and fills missing columns with NULL', async () => {
    const planned = await planStatement(parse("INSERT INTO memory.s.t (b) VALUES ('x')"), context());
    assert.equal(countNodes(planned.root, (n) => n.kind === 'tableWriter' && n.columnNames.join() === 'a,b,c'), 1);
    await assert.rejects(planStatement(parse("INSERT INTO memory.s.t (zz) VALUES ('x')"), context()), (e: unknown) => e instanceof TrinoError && e.errorName === 'COLUMN_NOT_FOUND');
  });
});
