import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ConnectorSplit } from '@petrel/spi';
import { AssignedSplitSource } from '../task/assigned-split-source.js';
import { balanceSplits, splitUpdates } from './split-assignment.js';

function splits(count: number): ConnectorSplit[] {
  return Array.from({ length: count }, (_, part) => ({ part }) as unknown as ConnectorSplit);
}

describe('split assignment', () => {
  test('splits spread over tasks with balance: counts differ by at most one, every split once', () => {
    const perTask = balanceSplits(splits(11), 3);
    assert.deepEqual(perTask.map((s) => s.length), [4, 4, 3]);
    assert.deepEqual(perTask.flat().map((s) => (s as unknown as { part: number }).part).sort((a, b) => a - b), [...Array(11).keys()]);
    assert.deepEqual(balanceSplits(splits(1), 2).map((s) => s.length), [1, 0]);
  });

  test('task updates carry at most max-splits-per-node splits per scan, the last with the no-more-splits marker', () => {
    const updates = splitUpdates(new Map([['scan-a', splits(5)], ['scan-b', []]]), 2);
    assert.deepEqual(
      updates.map((u) => u.map((a) => [a.planNodeId, a.splits.length, a.noMoreSplits])),
      [[['scan-a', 2, false], ['scan-b', 0, true]], [['scan-a', 2, false]], [['scan-a', 1, true]]],
    );
    assert.deepEqual(splitUpdates(new Map(), 256), [[]]);
  });

  test('a task scan reads the assigned splits in batches and waits for more until the marker', async () => {
    const source = new AssignedSplitSource();
    source.add(splits(3), false);
    assert.deepEqual(await source.nextBatch(2), { splits: splits(3).slice(0, 2), done: false });
    assert.deepEqual(await source.nextBatch(2), { splits: splits(3).slice(2), done: false });
    const waiting = source.nextBatch(10);
    source.add(splits(2), true);
    assert.deepEqual(await waiting, { splits: splits(2), done: true });
    assert.equal(source.assigned, 5);
    assert.deepEqual(await source.nextBatch(10), { splits: [], done: true });
  });
});
