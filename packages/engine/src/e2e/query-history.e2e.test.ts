import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Engine } from '../engine.js';

describe('engine state stays bounded over many queries', () => {
  it('keeps at most maxQueryHistory finished queries and forgets finished queries in metadata', async () => {
    const engine = await Engine.create({ catalogs: [{ name: 'memory', connectorName: 'memory', properties: {} }], maxQueryHistory: 20 });
    try {
      for (let i = 0; i < 120; i++) {
        await engine.query(`CREATE TABLE memory.default.t${i} AS SELECT ${i} AS x`);
        assert.deepEqual((await engine.query(`SELECT x FROM memory.default.t${i}`)).rows, [[i]]);
        await engine.query(`DROP TABLE memory.default.t${i}`);
      }
      assert.ok(engine.listQueries().length <= 20, `history holds ${engine.listQueries().length} queries`);
      // only connector sessions outside any query (the session's metadata key) remain
      assert.ok(engine.metadata.trackedQueryCount() <= 1, `metadata tracks ${engine.metadata.trackedQueryCount()} queries`);
      const open = await engine.query('SELECT count(*) FROM system.runtime.transactions');
      assert.deepEqual(open.rows, [[1]]);
      assert.deepEqual((await engine.query("SELECT count(*) FROM memory.information_schema.tables WHERE table_schema = 'default'")).rows, [[0]]);
    } finally {
      await engine.shutdown();
    }
  });
});
