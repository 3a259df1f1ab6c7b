import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { BIGINT, float64Block, page } from '@petrel/spi';
import type { ExecutionStats } from '../execution/execution-context.js';
import { LocalQueryExecution } from './local-query-execution.js';
import type { ResultSource } from './statement-result.js';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/** Collects until `ref` is cleared (finalization may need more than one cycle) or gives up. */
async function collected(ref: WeakRef<object>): Promise<boolean> {
  // deref() keeps the target alive until the current job ends: collect in a job that does not deref
  for (let i = 0; i < 10; i++) {
    await new Promise((resolve) => setImmediate(resolve));
    collectGarbage();
    await new Promise((resolve) => setImmediate(resolve));
    if (ref.deref() === undefined) return true;
  }
  return false;
}

/** A source whose operators hold `state` (as hash tables and page buffers do) until released. */
function sourceHolding(state: { readonly buffer: Float64Array }): ResultSource {
  let sent = false;
  const stats: ExecutionStats = { totalSplits: 1, completedSplits: 1, processedRows: state.buffer.length, processedBytes: state.buffer.byteLength, peakMemoryBytes: 0, cpuMillis: 0, operators: [] };
  return {
    async next() {
      if (sent) return undefined;
      sent = true;
      return page([float64Block(Float64Array.of(state.buffer[0]!))]);
    },
    async close() {},
    stats: () => stats,
  };
}

/** A one-column query whose execution holds `state` until it is released. */
function queryHolding(queryId: string, state: { buffer: Float64Array }): LocalQueryExecution {
  return new LocalQueryExecution(queryId, 'SELECT ...', 'u', undefined, async () => ({
    columns: [{ name: 'x', type: BIGINT }],
    source: sourceHolding(state),
    updateType: undefined,
    updateCount: undefined,
    updateCountFromRows: false,
    sessionUpdates: [],
  }));
}

describe('finished queries release their execution', () => {
  it('keeps the final statistics but not the operators of a finished query', async () => {
    let state: { buffer: Float64Array } | undefined = { buffer: new Float64Array(1 << 20) };
    const ref = new WeakRef(state);
    const q = queryHolding('q1', state);
    await q.columns();
    state = undefined;
    while ((await q.nextPage()) !== undefined);
    await q.done;
    assert.equal(q.state(), 'FINISHED');
    assert.ok(await collected(ref), 'the execution state of a finished query is garbage');
    assert.equal(q.stats().processedRows, 1 << 20);
    assert.deepEqual((await q.columns()).map((c) => c.name), ['x']);
  });

  it('releases a failed query as well', async () => {
    let state: { buffer: Float64Array } | undefined = { buffer: new Float64Array(1 << 20) };
    const ref = new WeakRef(state);
    const q = queryHolding('q2', state);
    await q.nextPage();
    state = undefined;
    q.cancel();
    await q.done;
    assert.equal(q.state(), 'FAILED');
    assert.ok(await collected(ref), 'the execution state of a cancelled query is garbage');
  });
});
