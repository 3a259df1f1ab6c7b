import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TEXT_POOL_CHECKPOINTS } from './text-pool-checkpoints.js';
import { TEXT_POOL_CHUNK_SIZE, computeChunkCheckpoints, defaultTextPool, generateTextPoolBytes } from './text-pool.js';

test('the pool starts with dbgen text', () => {
  const pool = defaultTextPool();
  assert.equal(
    pool.text(0, 120),
    'furiously special foxes haggle furiously blithely ironic deposits. slyly final theodolites boost slyly even asymptotes. ',
  );
});

test('the stored chunk checkpoints are where sequential generation puts them', () => {
  const recomputed = computeChunkCheckpoints(4).flatMap((c) => [c.position, c.seed]);
  assert.deepEqual(recomputed, TEXT_POOL_CHECKPOINTS.slice(0, recomputed.length));
});

test('lazily materialized chunks equal the sequentially generated pool, across chunk borders', () => {
  const size = 3 * TEXT_POOL_CHUNK_SIZE + 1000;
  const bytes = Buffer.from(generateTextPoolBytes(size));
  const pool = defaultTextPool();
  for (const offset of [0, 17, TEXT_POOL_CHUNK_SIZE - 100, TEXT_POOL_CHUNK_SIZE, 2 * TEXT_POOL_CHUNK_SIZE - 5, 3 * TEXT_POOL_CHUNK_SIZE - 199]) {
    assert.equal(pool.text(offset, 198), bytes.toString('latin1', offset, offset + 198), `offset ${offset}`);
  }
});
