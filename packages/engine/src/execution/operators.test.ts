import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BIGINT, BOOLEAN, DOUBLE, INTEGER, VARCHAR, arrayType, mapType, rowType, sqlMap, TrinoError } from '@petrel/spi';
import type { ConnectorPageSink, Page, SqlValue } from '@petrel/spi';
import { pageRows } from '@petrel/spi';
import type { PlanNode, WindowFrame, WindowFunctionCall } from '../planner/plan/plan-node.js';
import type { Symbol } from '../planner/plan/symbol.js';
import { call, variable } from '../ir/row-expression.js';
import { fixedConnector, functions, id, runPlan, sortItem, sortRows, sym, testContext, values } from './testing/execution-test-support.js';

const p = sym('p', VARCHAR);
const o = sym('o', BIGINT);
const x = sym('x', DOUBLE);

const RUNNING: WindowFrame = { type: 'RANGE', startType: 'UNBOUNDED_PRECEDING', startValue: undefined, endType: 'CURRENT_ROW', endValue: undefined, sortKeyForRange: undefined };

function windowCall(name: string, output: Symbol, args: Symbol[], frame: WindowFrame = RUNNING): WindowFunctionCall {
  const fn = functions().resolveFunction(name, args.map((a) => ({ kind: 'value' as const, type: a.type })));
  return { output, function: fn, arguments: args.map((a) => variable(a.name, a.type)), frame, ignoreNulls: false, distinct: false, filter: undefined };
}

describe('operators', () => {
  it('computes ranking functions and aggregates over frames', async () => {
    const src = values([p, o, x], [['a', 1, 10], ['a', 2, 20], ['a', 2, 30], ['a', 3, 40], ['b', 1, 5]]);
    const rn = sym('rn', BIGINT);
    const rk = sym('rk', BIGINT);
    const running = sym('running', DOUBLE);
    const moving = sym('moving', DOUBLE);
    const one = sym('one', BIGINT);
    const withOne: PlanNode = {
      kind: 'project',
      id: id(),
      outputs: [p, o, x, one],
      source: src,
      assignments: [
        { symbol: p, expression: variable('p', VARCHAR) },
        { symbol: o, expression: variable('o', BIGINT) },
        { symbol: x, expression: variable('x', DOUBLE) },
        { symbol: one, expression: { kind: 'constant', type: BIGINT, value: 1 } },
      ],
    };
    const rows1: WindowFrame = { type: 'ROWS', startType: 'PRECEDING', startValue: one, endType: 'FOLLOWING', endValue: one, sortKeyForRange: undefined };
    const plan: PlanNode = {
      kind: 'window',
      id: id(),
      outputs: [p, o, x, rn, rk, running, moving],
      source: withOne,
      partitionBy: [p],
      orderBy: [sortItem(o)],
      functions: [windowCall('row_number', rn, []), windowCall('rank', rk, []), windowCall('sum', running, [x]), windowCall('sum', moving, [x], rows1)],
    };
    const rows = await runPlan(plan);
    assert.deepEqual(sortRows(rows), sortRows([
      ['a', 1, 10, 1, 1, 10, 30],
      ['a', 2, 20, 2, 2, 60, 60],
      ['a', 2, 30, 3, 2, 60, 90],
      ['a', 3, 40, 4, 4, 100, 70],
      ['b', 1, 5, 1, 1, 5, 5],
    ]));
  });

  it('unnests arrays, maps and arrays of rows with ordinality and outer padding', async () => {
    const id1 = sym('id', INTEGER);
    const arr = sym('arr', arrayType(BIGINT));
    const map = sym('m', mapType(VARCHAR, BIGINT));
    const e = sym('e', BIGINT);
    const mk = sym('mk', VARCHAR);
    const mv = sym('mv', BIGINT);
    const ord = sym('ord', BIGINT);
    const src = values([id1, arr, map], [[1, [10, 20, 30], sqlMap(['a'], [1])], [2, [], sqlMap([], [])], [3, null, null]]);
    const plan = (outer: boolean): PlanNode => ({
      kind: 'unnest',
      id: id(),
      outputs: [id1, e, mk, mv, ord],
      source: src,
      replicateSymbols: [id1],
      mappings: [
        { input: arr, outputs: [e] },
        { input: map, outputs: [mk, mv] },
      ],
      ordinalitySymbol: ord,
      outer,
      filter: undefined,
    });
    assert.deepEqual(await runPlan(plan(false)), [[1, 10, 'a', 1, 1], [1, 20, null, null, 2], [1, 30, null, null, 3]]);
    assert.deepEqual((await runPlan(plan(true))).slice(3), [[2, null, null, null, null], [3, null, null, null, null]]);
    const rowsArray = sym('ra', arrayType(rowType([{ name: 'f', type: BIGINT }, { name: 'g', type: VARCHAR }])));
    const f = sym('f', BIGINT);
    const g = sym('g', VARCHAR);
    const rowPlan: PlanNode = {
      kind: 'unnest',
      id: id(),
      outputs: [f, g],
      source: values([rowsArray], [[[[1, 'x'], [2, 'y']]]]),
      replicateSymbols: [],
      mappings: [{ input: rowsArray, outputs: [f, g] }],
      ordinalitySymbol: undefined,
      outer: false,
      filter: undefined,
    };
    assert.deepEqual(await runPlan(rowPlan), [[1, 'x'], [2, 'y']]);
  });

  it('aggregates grouping sets through groupId, including the empty set on empty input', async () => {
    const a = sym('a', VARCHAR);
    const b = sym('b', VARCHAR);
    const v = sym('v', BIGINT);
    const a2 = sym('a2', VARCHAR);
    const b2 = sym('b2', VARCHAR);
    const gid = sym('gid', BIGINT);
    const s = sym('s', BIGINT);
    const plan = (rows: SqlValue[][]): PlanNode => ({
      kind: 'aggregation',
      id: id(),
      outputs: [a2, b2, gid, s],
      source: {
        kind: 'groupId',
        id: id(),
        outputs: [a2, b2, v, gid],
        source: values([a, b, v], rows),
        groupingSets: [[a2, b2], [a2], []],
        groupingColumns: [
          { output: a2, input: a },
          { output: b2, input: b },
        ],
        aggregationArguments: [v],
        groupIdSymbol: gid,
      },
      groupingKeys: [a2, b2, gid],
      aggregates: [{ output: s, function: functions().resolveFunction('sum', [{ kind: 'value', type: BIGINT }]), arguments: [v], distinct: false, filter: undefined, orderBy: [], mask: undefined }],
      step: 'SINGLE',
      groupIdSymbol: gid,
      groupingSetCount: 3,
      globalGroupingSets: [2],
    });
    const rows = await runPlan(plan([['x', 'p', 1], ['x', 'q', 2], ['y', 'p', 3]]));
    assert.deepEqual(sortRows(rows), sortRows([['x', 'p', 0, 1], ['x', 'q', 0, 2], ['y', 'p', 0, 3], ['x', null, 1, 3], ['y', null, 1, 3], [null, null, 2, 6]]));
    assert.deepEqual(await runPlan(plan([])), [[null, null, 2, null]]);
  });

  it('marks distinct rows, limits distinct rows, numbers rows and ranks top N per partition', async () => {
    const src = values([p, o], [['a', 1], ['a', 1], ['b', 2], ['a', 3], ['b', 2], ['c', 1]]);
    const marker = sym('mark', BOOLEAN);
    const marked = await runPlan({ kind: 'markDistinct', id: id(), outputs: [p, o, marker], source: src, marker, distinctSymbols: [p, o] });
    assert.deepEqual(marked.map((r) => r[2]), [true, false, true, true, false, true]);
    const distinct = await runPlan({ kind: 'distinctLimit', id: id(), outputs: [p], source: src, limit: 2, distinctSymbols: [p], partial: false });
    assert.deepEqual(distinct, [['a'], ['b']]);
    const rn = sym('rn', BIGINT);
    const numbered = await runPlan({ kind: 'rowNumber', id: id(), outputs: [p, rn], source: src, partitionBy: [p], rowNumberSymbol: rn, maxRowCountPerPartition: 2 });
    assert.deepEqual(numbered, [['a', 1], ['a', 2], ['b', 1], ['b', 2], ['c', 1]]);
    const ranked = await runPlan({
      kind: 'topNRanking',
      id: id(),
      outputs: [p, o, rn],
      source: src,
      partitionBy: [p],
      orderBy: [sortItem(o, false)],
      rankingType: 'RANK',
      rankingSymbol: rn,
      maxRankingPerPartition: 1,
      partial: false,
    });
    assert.deepEqual(sortRows(ranked), sortRows([['a', 3, 1], ['b', 2, 1], ['b', 2, 1], ['c', 1, 1]]));
    const uid = sym('uid', BIGINT);
    const ids = await runPlan({ kind: 'assignUniqueId', id: id(), outputs: [uid], source: src, idSymbol: uid });
    assert.equal(new Set(ids.map((r) => r[0])).size, 6);
  });

  it('aggregates with ORDER BY inside the call', async () => {
    const v = sym('v', BIGINT);
    const arr = sym('arr', arrayType(BIGINT));
    const src = values([p, v, o], [['a', 3, 2], ['a', 1, 3], ['a', 2, 1], ['b', 9, 1]]);
    const rows = await runPlan({
      kind: 'aggregation',
      id: id(),
      outputs: [p, arr],
      source: src,
      groupingKeys: [p],
      aggregates: [{ output: arr, function: functions().resolveFunction('array_agg', [{ kind: 'value', type: BIGINT }]), arguments: [v], distinct: false, filter: undefined, orderBy: [sortItem(o)], mask: undefined }],
      step: 'SINGLE',
      groupIdSymbol: undefined,
      groupingSetCount: 1,
      globalGroupingSets: [],
    });
    assert.deepEqual(sortRows(rows), [['a', [2, 3, 1]], ['b', [9]]]);
  });

  it('gathers exchanges, merging when ordered', async () => {
    const a = sym('a', BIGINT);
    const b = sym('b', BIGINT);
    const out = sym('out', BIGINT);
    const plan: PlanNode = {
      kind: 'exchange',
      id: id(),
      outputs: [out],
      scope: 'REMOTE',
      exchangeType: 'GATHER',
      partitioning: { kind: 'SINGLE', columns: [] },
      sources: [values([a], [[1], [4]]), values([b], [[2], [3]])],
      inputs: [[a], [b]],
      orderBy: [sortItem(out)],
    };
    assert.deepEqual(await runPlan(plan), [[1], [2], [3], [4]]);
  });

  it('writes through a page sink and commits; aborts when the query fails', async () => {
    const written: Page[] = [];
    const events: string[] = [];
    const connector = fixedConnector({});
    const sink: ConnectorPageSink = {
      appendPage: async (page) => {
        written.push(page);
      },
      finish: async () => {
        events.push('finish');
        return ['fragment'];
      },
      abort: () => {
        events.push('abort');
      },
    };
    const withWrites = {
      ...connector,
      pageSinkProvider: { createPageSink: () => sink },
      metadata: {
        ...connector.metadata,
        finishInsert: async (_s: unknown, _h: unknown, fragments: readonly unknown[]) => {
          events.push(`commit ${JSON.stringify(fragments)}`);
        },
        abortInsert: async () => {
          events.push('abortInsert');
        },
      },
    };
    const v = sym('v', BIGINT);
    const rowCount = sym('rows', BIGINT);
    const fragment = sym('fragment', VARCHAR);
    const total = sym('total', BIGINT);
    const writePlan = (source: PlanNode): PlanNode => ({
      kind: 'tableFinish',
      id: id(),
      outputs: [total],
      source: {
        kind: 'tableWriter',
        id: id(),
        outputs: [rowCount, fragment],
        source,
        target: { catalog: 'mem', schema: 's', table: 't' },
        insertHandle: {},
        columns: [v],
        columnNames: ['v'],
        rowCountSymbol: rowCount,
        fragmentSymbol: fragment,
      },
      target: { catalog: 'mem', schema: 's', table: 't' },
      insertHandle: {},
      rowCountSymbol: total,
    });
    const ctx = testContext({ connectors: { mem: withWrites } });
    assert.deepEqual(await runPlan(writePlan(values([v], [[1], [2], [3]])), ctx), [[3]]);
    assert.deepEqual(written.flatMap((pg) => pageRows(pg)), [[1], [2], [3]]);
    assert.deepEqual(events, ['finish', 'commit ["fragment"]']);
    events.length = 0;
    const failing: PlanNode = { kind: 'enforceSingleRow', id: id(), outputs: [v], source: values([v], [[1], [2]]) };
    await assert.rejects(runPlan(writePlan(failing), ctx), (e: unknown) => e instanceof TrinoError);
    assert.ok(events.includes('abortInsert'), `events: ${events.join(', ')}`);
  });

  it('runs EXPLAIN ANALYZE: discards rows and outputs one varchar row of stats', async () => {
    const text = sym('text', VARCHAR);
    const rows = await runPlan({ kind: 'explainAnalyze', id: id(), outputs: [text], source: values([x], [[1], [2]]), outputSymbol: text, verbose: false });
    assert.equal(rows.length, 1);
    assert.match(String(rows[0]![0]), /ValuesOperator/);
  });

  it('rejects apply nodes with an internal error', async () => {
    const plan: PlanNode = { kind: 'apply', id: id(), outputs: [x], input: values([x], [[1]]), subquery: values([x], [[1]]), correlation: [], subqueryAssignments: [] };
    await assert.rejects(runPlan(plan), (e: unknown) => e instanceof TrinoError && e.errorCode.type === 'INTERNAL_ERROR');
  });
});

describe('sort', () => {
  it('merges many sorted runs into one order', async () => {
    const rows: SqlValue[][] = [];
    for (let i = 0; i < 40000; i++) rows.push([`s${(i * 7919) % 100003}`, i % 3 === 0 ? null : (i * 31) % 1000]);
    const src = values([p, o], rows);
    const plan: PlanNode = { kind: 'sort', id: id(), outputs: [p, o], source: src, orderBy: [sortItem(o, true, false), sortItem(p, false)], partial: false };
    const out = await runPlan(plan);
    const expected = [...rows].sort((a, b) => {
      const x = a[1] as number | null;
      const y = b[1] as number | null;
      if (x !== y) return x === null ? 1 : y === null ? -1 : x - y;
      return (a[0] as string) < (b[0] as string) ? 1 : (a[0] as string) > (b[0] as string) ? -1 : 0;
    });
    assert.deepEqual(out, expected);
  });
});

describe('window over many pages', () => {
  it('streams partitions across merged pages', async () => {
    const part = sym('part', BIGINT);
    const ord = sym('ord', BIGINT);
    const rows: SqlValue[][] = [];
    for (let i = 0; i < 45000; i++) rows.push([i % 7 === 0 ? 1 : i % 300, i]);
    const rn = sym('rn', BIGINT);
    const total = sym('total', BIGINT);
    const plan: PlanNode = {
      kind: 'window',
      id: id(),
      outputs: [part, ord, rn, total],
      source: values([part, ord], rows),
      partitionBy: [part],
      orderBy: [sortItem(ord)],
      functions: [windowCall('row_number', rn, []), windowCall('count', total, [], { ...RUNNING, endType: 'UNBOUNDED_FOLLOWING' })],
    };
    const out = await runPlan(plan);
    assert.equal(out.length, 45000);
    const counts = new Map<SqlValue, number>();
    for (const r of rows) counts.set(r[0]!, (counts.get(r[0]!) ?? 0) + 1);
    const seen = new Map<SqlValue, number>();
    for (const r of out) {
      const n = (seen.get(r[0]!) ?? 0) + 1;
      seen.set(r[0]!, n);
      assert.equal(r[2], n);
      assert.equal(r[3], counts.get(r[0]!));
    }
  });
});

describe('joins with residual filters and composite keys', () => {
  it('keeps rows rejected by the filter on the outer sides', async () => {
    const a = sym('a', BIGINT);
    const as = sym('as', VARCHAR);
    const av = sym('av', BIGINT);
    const b = sym('b', BIGINT);
    const bs = sym('bs', VARCHAR);
    const bv = sym('bv', BIGINT);
    const left = values([a, as, av], [[1, 'x', 10], [1, 'y', 20], [2, 'x', 30], [null, 'x', 40], [1, null, 50]]);
    const right = values([b, bs, bv], [[1, 'x', 5], [1, 'x', 15], [2, 'x', 99], [1, null, 1], [3, 'z', 0]]);
    const lt = functions().resolveOperator('less_than', [BIGINT, BIGINT]);
    const join = (joinType: 'INNER' | 'FULL' | 'RIGHT'): PlanNode => ({
      kind: 'join',
      id: id(),
      outputs: [av, bv],
      joinType,
      left,
      right,
      criteria: [
        { left: a, right: b },
        { left: as, right: bs },
      ],
      filter: call(lt, [variable('bv', BIGINT), variable('av', BIGINT)]),
      distribution: undefined,
      dynamicFilters: [],
    });
    assert.deepEqual(sortRows(await runPlan(join('INNER'))), [[10, 5]]);
    assert.deepEqual(
      sortRows(await runPlan(join('FULL'))),
      sortRows([[10, 5], [20, null], [30, null], [40, null], [50, null], [null, 15], [null, 99], [null, 1], [null, 0]]),
    );
    assert.deepEqual(sortRows(await runPlan(join('RIGHT'))), sortRows([[10, 5], [null, 15], [null, 99], [null, 1], [null, 0]]));
  });
});
