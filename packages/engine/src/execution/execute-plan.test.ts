import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BIGINT, BOOLEAN, DOUBLE, INTEGER, VARCHAR, TrinoError } from '@petrel/spi';
import type { SqlValue } from '@petrel/spi';
import type { AggregateCall, AggregationNode, PlanNode } from '../planner/plan/plan-node.js';
import { fusePartialAggregation } from './local-execution-planner.js';
import { call, constant, special, variable } from '../ir/row-expression.js';
import { functions, id, runPlan, sortRows, sym, values, sortItem, testContext, fixedConnector, tableScan, pageOf } from './testing/execution-test-support.js';

const k = sym('k', VARCHAR);
const v = sym('v', DOUBLE);
const n = sym('n', BIGINT);

function agg(name: string, output: ReturnType<typeof sym>, args: ReturnType<typeof sym>[], extra: Partial<AggregateCall> = {}): AggregateCall {
  const fn = functions().resolveFunction(name, args.map((a) => ({ kind: 'value' as const, type: a.type })));
  return { output, function: fn, arguments: args, distinct: false, filter: undefined, orderBy: [], mask: undefined, ...extra };
}

function aggregation(source: PlanNode, keys: ReturnType<typeof sym>[], aggregates: AggregateCall[], step: 'SINGLE' | 'PARTIAL' | 'FINAL' = 'SINGLE'): PlanNode {
  return {
    kind: 'aggregation',
    id: id(),
    outputs: [...keys, ...aggregates.map((a) => a.output)],
    source,
    groupingKeys: keys,
    aggregates,
    step,
    groupIdSymbol: undefined,
    groupingSetCount: 1,
    globalGroupingSets: keys.length === 0 ? [0] : [],
  };
}

describe('executePlan', () => {
  it('runs values through filter and project', async () => {
    const src = values([k, v], [['a', 1], ['b', 2], ['c', null], ['d', 4]]);
    const gt = functions().resolveOperator('greater_than', [DOUBLE, DOUBLE]);
    const mul = functions().resolveOperator('multiply', [DOUBLE, DOUBLE]);
    const doubled = sym('d', DOUBLE);
    const plan: PlanNode = {
      kind: 'project',
      id: id(),
      outputs: [k, doubled],
      source: { kind: 'filter', id: id(), outputs: [k, v], source: src, predicate: call(gt, [variable('v', DOUBLE), constant(1.5, DOUBLE)]) },
      assignments: [
        { symbol: k, expression: variable('k', VARCHAR) },
        { symbol: doubled, expression: call(mul, [variable('v', DOUBLE), constant(2, DOUBLE)]) },
      ],
    };
    assert.deepEqual(await runPlan(plan), [['b', 4], ['d', 8]]);
  });

  it('aggregates by key with sum and count, and globally on empty input', async () => {
    const src = values([k, v], [['a', 1], ['b', 2], ['a', 3], [null, 5], ['b', null]]);
    const s = sym('s', DOUBLE);
    const c = sym('c', BIGINT);
    const rows = await runPlan(aggregation(src, [k], [agg('sum', s, [v]), agg('count', c, [v])]));
    assert.deepEqual(sortRows(rows), sortRows([['a', 4, 2], ['b', 2, 1], [null, 5, 1]]));
    const empty = values([k, v], []);
    const global = await runPlan(aggregation(empty, [], [agg('sum', s, [v]), agg('count', c, [v])]));
    assert.deepEqual(global, [[null, 0]]);
  });

  it('runs PARTIAL then FINAL aggregation, fusing them when only an exchange separates them', async () => {
    const src = values([k, v], [['a', 1], ['b', 2], ['a', 3]]);
    const s = sym('s', DOUBLE);
    const sumFn = functions().resolveFunction('sum', [{ kind: 'value', type: DOUBLE }]);
    const intermediateType = functions().getAggregateImplementation(sumFn, testContext().functionContext).intermediateType;
    const partialOut = sym('s_partial', intermediateType);
    const partial = aggregation(src, [k], [{ output: partialOut, function: sumFn, arguments: [v], distinct: false, filter: undefined, orderBy: [], mask: undefined }], 'PARTIAL');
    // an exchange that renames its symbols keeps the two steps apart
    const k2 = sym('k2', VARCHAR);
    const p2 = sym('p2', intermediateType);
    const renaming: PlanNode = {
      kind: 'exchange',
      id: id(),
      outputs: [k2, p2],
      scope: 'LOCAL',
      exchangeType: 'REPARTITION',
      partitioning: { kind: 'HASH', columns: [k] },
      sources: [partial],
      inputs: [[k, partialOut]],
      orderBy: undefined,
    };
    const final = aggregation(renaming, [k2], [{ output: s, function: sumFn, arguments: [p2], distinct: false, filter: undefined, orderBy: [], mask: undefined }], 'FINAL');
    assert.equal(fusePartialAggregation(final as AggregationNode), final);
    assert.deepEqual(sortRows(await runPlan(final)), [['a', 4], ['b', 2]]);
    const direct = aggregation(partial, [k], [{ output: s, function: sumFn, arguments: [partialOut], distinct: false, filter: undefined, orderBy: [], mask: undefined }], 'FINAL');
    const fused = fusePartialAggregation(direct as AggregationNode);
    assert.equal(fused.step, 'SINGLE');
    assert.deepEqual(sortRows(await runPlan(direct)), [['a', 4], ['b', 2]]);
  });

  it('aggregates DISTINCT and FILTER', async () => {
    const f = sym('f', BOOLEAN);
    const src = values([k, v, f], [['a', 1, true], ['a', 1, true], ['a', 2, false], ['b', 3, true]]);
    const s = sym('s', DOUBLE);
    const c = sym('c', BIGINT);
    const rows = await runPlan(aggregation(src, [k], [agg('sum', s, [v], { distinct: true }), agg('count', c, [v], { filter: f })]));
    assert.deepEqual(sortRows(rows), [['a', 3, 2], ['b', 3, 1]]);
  });

  it('joins INNER, LEFT, RIGHT and FULL; NULL keys never match', async () => {
    const lk = sym('lk', BIGINT);
    const lv = sym('lv', VARCHAR);
    const rk = sym('rk', BIGINT);
    const rv = sym('rv', VARCHAR);
    const left = values([lk, lv], [[1, 'l1'], [2, 'l2'], [2, 'l2b'], [null, 'lnull'], [4, 'l4']]);
    const right = values([rk, rv], [[1, 'r1'], [2, 'r2'], [3, 'r3'], [null, 'rnull']]);
    const join = (joinType: 'INNER' | 'LEFT' | 'RIGHT' | 'FULL'): PlanNode => ({
      kind: 'join',
      id: id(),
      outputs: [lv, rv],
      joinType,
      left,
      right,
      criteria: [{ left: lk, right: rk }],
      filter: undefined,
      distribution: undefined,
      dynamicFilters: [],
    });
    assert.deepEqual(sortRows(await runPlan(join('INNER'))), [['l1', 'r1'], ['l2', 'r2'], ['l2b', 'r2']]);
    assert.deepEqual(sortRows(await runPlan(join('LEFT'))), sortRows([['l1', 'r1'], ['l2', 'r2'], ['l2b', 'r2'], ['lnull', null], ['l4', null]]));
    assert.deepEqual(sortRows(await runPlan(join('RIGHT'))), sortRows([['l1', 'r1'], ['l2', 'r2'], ['l2b', 'r2'], [null, 'r3'], [null, 'rnull']]));
    assert.deepEqual(
      sortRows(await runPlan(join('FULL'))),
      sortRows([['l1', 'r1'], ['l2', 'r2'], ['l2b', 'r2'], ['lnull', null], ['l4', null], [null, 'r3'], [null, 'rnull']]),
    );
  });

  it('applies a residual join filter and cross joins', async () => {
    const a = sym('a', BIGINT);
    const b = sym('b', BIGINT);
    const left = values([a], [[1], [2], [3]]);
    const right = values([b], [[1], [2]]);
    const lt = functions().resolveOperator('less_than', [BIGINT, BIGINT]);
    const plan: PlanNode = {
      kind: 'join',
      id: id(),
      outputs: [a, b],
      joinType: 'LEFT',
      left,
      right,
      criteria: [],
      filter: call(lt, [variable('a', BIGINT), variable('b', BIGINT)]),
      distribution: undefined,
      dynamicFilters: [],
    };
    assert.deepEqual(sortRows(await runPlan(plan)), [[1, 2], [2, null], [3, null]]);
  });

  it('sorts by several keys with NULLS FIRST/LAST and code point order', async () => {
    const src = values([k, v], [['b', 1], ['a', 2], [null, 3], ['\u{1F600}', 4], ['\uFFFD', 5], ['a', null], ['a', 1]]);
    const plan: PlanNode = { kind: 'sort', id: id(), outputs: [k, v], source: src, orderBy: [sortItem(k, true, true), sortItem(v, false, false)], partial: false };
    assert.deepEqual(await runPlan(plan), [[null, 3], ['a', 2], ['a', 1], ['a', null], ['b', 1], ['\uFFFD', 5], ['\u{1F600}', 4]]);
  });

  it('keeps the top N, limits with ties, offsets', async () => {
    const rows: SqlValue[][] = [];
    for (let i = 0; i < 10000; i++) rows.push([`k${i % 7}`, (i * 7919) % 10007]);
    const src = values([k, v], rows);
    const topN: PlanNode = { kind: 'topN', id: id(), outputs: [k, v], source: src, count: 3, orderBy: [sortItem(v, false)], step: 'SINGLE' };
    const expected = rows.map((r) => r[1] as number).sort((x, y) => y - x).slice(0, 3);
    assert.deepEqual((await runPlan(topN)).map((r) => r[1]), expected);

    const tied = values([v], [[1], [2], [2], [2], [3]]);
    const limit: PlanNode = { kind: 'limit', id: id(), outputs: [v], source: tied, count: 2, tiesResolvingScheme: [sortItem(v)], partial: false };
    assert.deepEqual(await runPlan(limit), [[1], [2], [2], [2]]);
    const offset: PlanNode = { kind: 'offset', id: id(), outputs: [v], source: tied, count: 3 };
    assert.deepEqual(await runPlan(offset), [[2], [3]]);
  });

  it('semi join has three-valued NULL semantics', async () => {
    const x = sym('x', BIGINT);
    const y = sym('y', BIGINT);
    const m = sym('m', BOOLEAN);
    const semi = (probe: SqlValue[], build: SqlValue[]): PlanNode => ({
      kind: 'semiJoin',
      id: id(),
      outputs: [x, m],
      source: values([x], probe.map((p) => [p])),
      filteringSource: values([y], build.map((b) => [b])),
      sourceJoinSymbol: x,
      filteringSourceJoinSymbol: y,
      semiJoinOutput: m,
      distribution: undefined,
    });
    assert.deepEqual(await runPlan(semi([1, 2, null], [1, 3])), [[1, true], [2, false], [null, null]]);
    assert.deepEqual(await runPlan(semi([1, 2, null], [1, null])), [[1, true], [2, null], [null, null]]);
    assert.deepEqual(await runPlan(semi([1, null], [])), [[1, false], [null, false]]);
  });

  it('fails enforceSingleRow with SUBQUERY_MULTIPLE_ROWS and pads an empty input', async () => {
    const plan: PlanNode = { kind: 'enforceSingleRow', id: id(), outputs: [v], source: values([v], [[1], [2]]) };
    await assert.rejects(runPlan(plan), (e: unknown) => e instanceof TrinoError && e.errorName === 'SUBQUERY_MULTIPLE_ROWS' && e.message === 'Scalar sub-query has returned multiple rows');
    assert.deepEqual(await runPlan({ kind: 'enforceSingleRow', id: id(), outputs: [v], source: values([v], []) }), [[null]]);
  });

  it('fails with EXCEEDED_LOCAL_MEMORY_LIMIT in Trino format', async () => {
    const rows: SqlValue[][] = [];
    for (let i = 0; i < 20000; i++) rows.push([`key${i}`, i]);
    const plan: PlanNode = { kind: 'sort', id: id(), outputs: [k, v], source: values([k, v], rows), orderBy: [sortItem(v)], partial: false };
    await assert.rejects(runPlan(plan, testContext({ maxMemoryBytes: 100_000 })), (e: unknown) => {
      assert.ok(e instanceof TrinoError);
      assert.equal(e.errorName, 'EXCEEDED_LOCAL_MEMORY_LIMIT');
      assert.match(e.message, /^Query exceeded per-node memory limit of 97\.66kB \[Allocated: .*, Delta: .*, Top Consumers: \{OrderByOperator=.*\}\]$/);
      return true;
    });
  });

  it('scans a connector with several splits and closes every page source', async () => {
    const log: string[] = [];
    const connector = fixedConnector(
      {
        t: {
          columns: ['k', 'n'],
          types: [VARCHAR, BIGINT],
          pages: [pageOf([VARCHAR, BIGINT], [['a', 1], ['b', 2]]), pageOf([VARCHAR, BIGINT], [['c', 3]]), pageOf([VARCHAR, BIGINT], [['d', 4]])],
        },
      },
      log,
    );
    const ctx = testContext({ connectors: { cat: connector } });
    const rows = await runPlan(tableScan('cat', 't', [n, k]), ctx);
    // splits are read concurrently but emitted in split order (deterministic floating-point sums)
    assert.deepEqual(rows, [[1, 'a'], [2, 'b'], [3, 'c'], [4, 'd']]);
    assert.equal(log.filter((l) => l.startsWith('open')).length, 3);
    assert.equal(log.filter((l) => l.startsWith('close')).length, 3);
  });

  it('cancels through the signal', async () => {
    const controller = new AbortController();
    const rows: SqlValue[][] = [];
    for (let i = 0; i < 50000; i++) rows.push([`k${i}`, i]);
    const plan: PlanNode = { kind: 'sort', id: id(), outputs: [k, v], source: values([k, v], rows), orderBy: [sortItem(k)], partial: false };
    const run = runPlan(plan, testContext({ signal: controller.signal }));
    controller.abort();
    await assert.rejects(run, (e: unknown) => e instanceof TrinoError && e.errorName === 'USER_CANCELED');
  });

  it('runs set operations with ALL and DISTINCT semantics', async () => {
    const a = sym('a', INTEGER);
    const b = sym('b', INTEGER);
    const o = sym('o', INTEGER);
    const left = values([a], [[1], [1], [1], [2], [null], [null], [3]]);
    const right = values([b], [[1], [1], [null], [3], [3]]);
    const setOp = (kind: 'intersect' | 'except', distinct: boolean): PlanNode => ({ kind, id: id(), outputs: [o], sources: [left, right], symbolMapping: [[a, b]], distinct });
    assert.deepEqual(sortRows(await runPlan(setOp('intersect', false))), sortRows([[1], [1], [null], [3]]));
    assert.deepEqual(sortRows(await runPlan(setOp('intersect', true))), sortRows([[1], [null], [3]]));
    assert.deepEqual(sortRows(await runPlan(setOp('except', false))), sortRows([[1], [2], [null]]));
    assert.deepEqual(sortRows(await runPlan(setOp('except', true))), [[2]]);
    const union: PlanNode = { kind: 'union', id: id(), outputs: [o], sources: [left, right], symbolMapping: [[a, b]] };
    assert.equal((await runPlan(union)).length, 12);
  });

  it('evaluates IN, BETWEEN, COALESCE and TRY in projections', async () => {
    const x = sym('x', BIGINT);
    const out = sym('o', BOOLEAN);
    const src = values([x], [[1], [5], [null]]);
    const plan: PlanNode = {
      kind: 'project',
      id: id(),
      outputs: [out],
      source: src,
      assignments: [{ symbol: out, expression: special('IN', BOOLEAN, [variable('x', BIGINT), constant(1, BIGINT), constant(2, BIGINT)]) }],
    };
    assert.deepEqual(await runPlan(plan), [[true], [false], [null]]);
  });
});
