import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from '@petrel/spi';
import { BIGINT, float64Block, page, StandardErrorCode, TrinoError } from '@petrel/spi';
import { LocalQueryExecution } from './local-query-execution.js';
import { QUERY_ID_PATTERN, QueryIdGenerator } from './query-id.js';
import type { ResultSource } from './statement-result.js';
import { pagesSource, updateResult } from './statement-result.js';

function rowsPage(...values: number[]): Page {
  return page([float64Block(Float64Array.from(values))]);
}

describe('query ids', () => {
  it('look like Trino ids and count up within a day', () => {
    const ids = new QueryIdGenerator('abcde');
    const first = ids.next(new Date(Date.UTC(2026, 10, 24, 1, 15, 23)));
    const second = ids.next(new Date(Date.UTC(2026, 10, 24, 1, 15, 24)));
    assert.equal(first, '20261124_011523_00000_abcde');
    assert.equal(second, '20261124_011524_00001_abcde');
    assert.match(new QueryIdGenerator().next(), QUERY_ID_PATTERN);
  });
});

describe('LocalQueryExecution', () => {
  it('streams pages, then finishes with update information', async () => {
    const q = new LocalQueryExecution('q1', 'INSERT ...', 'u', undefined, async () => ({
      columns: [{ name: 'rows', type: BIGINT }],
      source: pagesSource([rowsPage(5)]),
      updateType: 'INSERT',
      updateCount: undefined,
      updateCountFromRows: true,
      sessionUpdates: [],
    }));
    assert.deepEqual((await q.columns()).map((c) => c.name), ['rows']);
    assert.equal((await q.nextPage())?.positionCount, 1);
    assert.equal(q.updateCount(), undefined);
    assert.equal(await q.nextPage(), undefined);
    await q.done;
    assert.equal(q.state(), 'FINISHED');
    assert.equal(q.updateType(), 'INSERT');
    assert.equal(q.updateCount(), 5);
    assert.equal(q.stats().outputRows, 1);
  });

  it('exposes the execution layer stats, operators included, as executionStats()', async () => {
    const operators = [{ planNodeId: '3', operatorType: 'ValuesOperator', inputRows: 0, inputBytes: 0, outputRows: 2, outputBytes: 16, wallMillis: 1, cpuMillis: 1, peakMemoryBytes: 0 }];
    const source: ResultSource = {
      ...pagesSource([rowsPage(1, 2)]),
      stats: () => ({ totalSplits: 1, completedSplits: 1, processedRows: 2, processedBytes: 16, peakMemoryBytes: 0, cpuMillis: 1, operators }),
    };
    const q = new LocalQueryExecution('q3', 'VALUES 1, 2', 'u', undefined, async () => ({
      columns: [{ name: '_col0', type: BIGINT }],
      source,
      updateType: undefined,
      updateCount: undefined,
      updateCountFromRows: false,
      sessionUpdates: [],
    }));
    assert.equal(q.executionStats(), undefined, 'nothing before the plan runs');
    await q.columns();
    while ((await q.nextPage()) !== undefined);
    assert.deepEqual(q.executionStats()?.operators, operators);
    assert.equal(q.stats().processedRows, 2);
  });

  it('reports session updates of statements once finished', async () => {
    const q = new LocalQueryExecution('q2', 'USE x.y', 'u', undefined, async () => updateResult('USE', [{ kind: 'setSchema', schema: 'y' }]));
    assert.deepEqual(await q.columns(), []);
    assert.equal(await q.nextPage(), undefined);
    assert.deepEqual(q.sessionUpdates(), [{ kind: 'setSchema', schema: 'y' }]);
  });

  it('turns failures into TrinoErrors and FAILED', async () => {
    const q = new LocalQueryExecution('q3', 'x', 'u', undefined, async () => {
      throw new Error('boom');
    });
    await assert.rejects(q.columns(), (e: TrinoError) => e.errorName === 'GENERIC_INTERNAL_ERROR' && e.message === 'boom');
    await assert.rejects(q.nextPage(), (e: TrinoError) => e.errorName === 'GENERIC_INTERNAL_ERROR');
    await q.done;
    assert.equal(q.state(), 'FAILED');

    let closed = false;
    const failing: ResultSource = {
      next: async () => {
        throw new TrinoError(StandardErrorCode.DIVISION_BY_ZERO, 'Division by zero');
      },
      close: async () => {
        closed = true;
      },
    };
    const q2 = new LocalQueryExecution('q4', 'x', 'u', undefined, async () => ({ columns: [], source: failing, updateType: undefined, updateCount: undefined, updateCountFromRows: false, sessionUpdates: [] }));
    await assert.rejects(q2.nextPage(), (e: TrinoError) => e.errorName === 'DIVISION_BY_ZERO');
    assert.equal(q2.state(), 'FAILED');
    assert.ok(closed);
  });

  it('cancels: pending and later nextPage calls reject with USER_CANCELED', async () => {
    let release!: () => void;
    const blocked = new Promise<void>((resolve) => (release = resolve));
    const source: ResultSource = {
      next: async () => {
        await blocked;
        return rowsPage(1);
      },
      close: async () => undefined,
    };
    const q = new LocalQueryExecution('q5', 'x', 'u', undefined, async () => ({ columns: [], source, updateType: undefined, updateCount: undefined, updateCountFromRows: false, sessionUpdates: [] }));
    await q.columns();
    const pending = q.nextPage();
    q.cancel();
    release();
    await assert.rejects(pending, (e: TrinoError) => e.errorName === 'USER_CANCELED');
    await assert.rejects(q.nextPage(), (e: TrinoError) => e.errorName === 'USER_CANCELED');
    assert.equal(q.state(), 'FAILED');
  });
});
