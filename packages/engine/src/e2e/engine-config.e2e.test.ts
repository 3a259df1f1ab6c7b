import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TrinoError } from '@petrel/spi';
import { Engine } from '../engine.js';

function etcWith(files: Readonly<Record<string, string>>): string {
  const dir = mkdtempSync(join(tmpdir(), 'petrel-etc-'));
  mkdirSync(join(dir, 'catalog'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, 'catalog', name), text);
  return dir;
}

describe('Engine.create from an etc directory', () => {
  it('creates one catalog per properties file, plus system', async () => {
    const engine = await Engine.create({
      etcDir: etcWith({ 'tpch_std.properties': 'connector.name=tpch\ntpch.column-naming=STANDARD\n', 'scratch.properties': 'connector.name=memory\n' }),
    });
    try {
      assert.deepEqual((await engine.query('SHOW CATALOGS')).rows, [['scratch'], ['system'], ['tpch_std']]);
      assert.deepEqual((await engine.query('SELECT n_name FROM tpch_std.tiny.nation WHERE n_nationkey = 0')).rows, [['ALGERIA']]);
    } finally {
      await engine.shutdown();
    }
  });

  it('fails on unknown connectors and unsupported properties, naming the file and the property', async () => {
    await assert.rejects(
      Engine.create({ etcDir: etcWith({ 'bad.properties': 'connector.name=memory\nmemory.bogus=1\n' }) }),
      (e: TrinoError) => e.errorName === 'INVALID_CATALOG_PROPERTY' && /bad\.properties/.test(e.message) && e.message.includes("'memory.bogus'"),
    );
    await assert.rejects(
      Engine.create({ etcDir: etcWith({ 'x.properties': 'connector.name=nosuch\n' }) }),
      (e: TrinoError) => /x\.properties/.test(e.message) && e.message.includes("'nosuch'"),
    );
    await assert.rejects(Engine.create({ etcDir: etcWith({ 'y.properties': 'a=b\n' }) }), (e: TrinoError) => e.message.includes('connector.name'));
  });

  it('caps query_max_memory by the engine limit', async () => {
    const engine = await Engine.create({ catalogs: [], queryMaxMemoryBytes: 1024 * 1024 });
    try {
      assert.equal(engine.queryMaxMemoryBytes({ systemProperties: { query_max_memory: '1GB' } } as never), 1024 * 1024);
      assert.equal(engine.queryMaxMemoryBytes({ systemProperties: { query_max_memory: '1kB' } } as never), 1024);
      assert.deepEqual((await engine.query('SHOW CATALOGS')).rows, [['system']]);
    } finally {
      await engine.shutdown();
    }
  });
});
