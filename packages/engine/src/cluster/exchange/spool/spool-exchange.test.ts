import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { float64Block, int64Block, objectBlock, page, pageRows } from '@petrel/spi';
import type { Page } from '@petrel/spi';
import { exchangeManagerFromProperties, FileSystemExchangeManager } from './filesystem-exchange-manager.js';
import { SpoolExchangeReader } from './spool-reader.js';
import { spoolFileOf, SpoolWriter } from './spool-writer.js';

const root = mkdtempSync(join(tmpdir(), 'petrel-spool-test-'));
after(() => rmSync(root, { recursive: true, force: true }));

const SINGLE = { kind: 'PARTITIONED', partitions: 1, hashChannels: [] } as const;

function numbers(from: number, count: number): Page {
  return page([int64Block(BigInt64Array.from({ length: count }, (_, i) => BigInt(from + i))), float64Block(Float64Array.from({ length: count }, (_, i) => (from + i) / 2)), objectBlock(Array.from({ length: count }, (_, i) => `row ${from + i}`))], count);
}

async function readAll(reader: SpoolExchangeReader): Promise<unknown[][]> {
  const rows: unknown[][] = [];
  for (let p = await reader.next(); p !== undefined; p = await reader.next()) rows.push(...pageRows(p));
  await reader.close();
  return rows;
}

describe('filesystem exchange manager (spooling for retry_policy=TASK)', () => {
  test('a task attempt spools pages under a temporary directory and commits them atomically; readers see them in order', async () => {
    const manager = new FileSystemExchangeManager([join(root, 'a'), join(root, 'b')]);
    const stage = await manager.createStageDirectory('q1', '2');
    const target = { stageDirectory: stage, attemptName: '0.0' };
    for (const codec of ['NONE', 'LZ4', 'ZSTD'] as const) {
      const attempt = { stageDirectory: stage, attemptName: `0.${codec}` };
      const writer = new SpoolWriter(attempt, SINGLE, { codec, minCompressBytes: 0 }, manager);
      // many pages: more than one flush of the write batch
      for (let i = 0; i < 40; i++) await writer.write(numbers(i * 1000, 1000));
      assert.equal(existsSync(spoolFileOf(attempt, 0)), false, 'nothing visible before the commit');
      await writer.commit();
      assert.deepEqual(readdirSync(stage).filter((n) => n.endsWith('.tmp')), []);
      const rows = await readAll(new SpoolExchangeReader([spoolFileOf(attempt, 0)]));
      assert.equal(rows.length, 40_000);
      assert.deepEqual(rows[12_345], [12345, 6172.5, 'row 12345']);
    }
    // two producers read one after the other
    const writer = new SpoolWriter(target, SINGLE, { codec: 'LZ4', minCompressBytes: 0 }, manager);
    await writer.write(numbers(0, 3));
    await writer.commit();
    const other = { stageDirectory: stage, attemptName: '1.2' };
    const second = new SpoolWriter(other, SINGLE, { codec: 'NONE', minCompressBytes: 0 }, manager);
    await second.write(numbers(10, 2));
    await second.write(page([], 0));
    await second.commit();
    assert.deepEqual(
      (await readAll(new SpoolExchangeReader([spoolFileOf(target, 0), spoolFileOf(other, 0)]))).map((r) => r[0]),
      [0, 1, 2, 10, 11],
    );
    await manager.removeQuery('q1');
    assert.deepEqual(manager.spooledQueries(), []);
  });

  test('an aborted attempt leaves nothing; a reader of an uncommitted attempt fails clearly', async () => {
    const manager = new FileSystemExchangeManager([join(root, 'c')]);
    const stage = await manager.createStageDirectory('q2', '1');
    const target = { stageDirectory: stage, attemptName: '0.0' };
    const writer = new SpoolWriter(target, SINGLE, { codec: 'NONE', minCompressBytes: 0 }, manager);
    await writer.write(numbers(0, 10));
    await writer.abort();
    assert.deepEqual(readdirSync(stage), []);
    await assert.rejects(readAll(new SpoolExchangeReader([spoolFileOf(target, 0)])), /Cannot read spooled exchange data .*0\.0\/0\.pages/);
    await manager.removeQuery('q2');
  });

  test('a task whose query directory is gone (query ended) fails instead of writing; paths stay inside the base directories', async () => {
    const manager = new FileSystemExchangeManager([join(root, 'd')]);
    const stage = manager.stageDirectory('q3', '1');
    const writer = new SpoolWriter({ stageDirectory: stage, attemptName: '0.0' }, SINGLE, { codec: 'NONE', minCompressBytes: 0 }, manager);
    await assert.rejects(
      (async () => {
        await writer.write(numbers(0, 1));
        await writer.commit();
      })(),
      /ENOENT/,
    );
    assert.deepEqual(manager.spooledQueries(), []);
    assert.throws(() => new SpoolWriter({ stageDirectory: join(root, 'elsewhere'), attemptName: '0.0' }, SINGLE, { codec: 'NONE', minCompressBytes: 0 }, manager), /outside this node's exchange.base-directories/);
    assert.throws(() => new SpoolWriter({ stageDirectory: stage, attemptName: '0.0' }, SINGLE, { codec: 'NONE', minCompressBytes: 0 }, undefined), /Exchange manager must be configured/);
    assert.throws(() => manager.stageDirectory('../escape', '1'), /Invalid query id/);
    assert.equal(manager.contains(join(root, 'd', 'q', '1')), true);
    assert.equal(manager.contains(join(root, 'd', '..', 'x')), false);
  });

  test('exchange-manager.properties: name and base directories as Trino spells them', () => {
    const manager = exchangeManagerFromProperties(new Map([['exchange-manager.name', 'filesystem'], ['exchange.base-directories', `${join(root, 'e1')}, file://${join(root, 'e2')}`]]));
    assert.deepEqual(manager.baseDirectories, [join(root, 'e1'), join(root, 'e2')]);
    assert.throws(() => exchangeManagerFromProperties(new Map([['exchange-manager.name', 'hdfs']])), /exchange manager 'hdfs' is not supported/);
    assert.throws(() => exchangeManagerFromProperties(new Map([['exchange-manager.name', 'filesystem']])), /'exchange.base-directories': required/);
    assert.throws(() => exchangeManagerFromProperties(new Map([['exchange-manager.name', 'filesystem'], ['exchange.base-directories', 's3://bucket/x']])), /only local directories/);
    assert.throws(() => exchangeManagerFromProperties(new Map([['exchange-manager.name', 'filesystem'], ['exchange.base-directories', 'relative/dir']])), /not an absolute path/);
    assert.throws(() => exchangeManagerFromProperties(new Map([['exchange-manager.name', 'filesystem'], ['exchange.base-directories', '/tmp/x'], ['bogus', '1']])), /'bogus': unknown property/);
  });
});
