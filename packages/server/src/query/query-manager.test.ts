import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine } from '@petrel/engine';
import { createSession } from '../engine-port.js';
import type { StatementRequest } from '../protocol/protocol-headers.js';
import { QueryManager } from './query-manager.js';
import { parseJson } from '../protocol/json-value.js';

const request: StatementRequest = {
  dialect: 'Trino',
  session: createSession({ user: 'u' }),
  capabilities: { parametricDatetime: true },
  clientCapabilities: [],
  resourceEstimates: {},
  extraCredentials: {},
  role: undefined,
  queryDataEncoding: undefined,
};
const options = { baseUri: 'http://x', maxWaitMillis: 1000, targetResultBytes: 1 << 20 };

test('finished queries are kept up to query.max-history and hang queries are abandoned', async () => {
  const engine = await Engine.create();
  const manager = new QueryManager(engine, { clientTimeoutMillis: 60_000, maxHistory: 2, minExpireAgeMillis: 0 });
  try {
    for (let i = 0; i < 4; i++) {
      const query = manager.submit('SELECT 1', request);
      query.initialResponse(options);
      await query.poll('queued', query.slug, 1, options);
      for (let token = 0; ; token++) {
        const response = await query.poll('executing', query.slug, token, options);
        if ((parseJson(response.body) as { nextUri?: string }).nextUri === undefined) break;
      }
      assert.equal(query.state(), 'FINISHED');
    }
    const hung = manager.submit('SELECT count(*) FROM tpch.sf1000.lineitem', request);
    manager.sweep(Date.now());
    assert.equal(manager.list().length, 3, 'two finished queries and the running one remain');
    manager.sweep(Date.now() + 120_000);
    assert.equal(hung.state(), 'FAILED');
    assert.equal(hung.error()?.errorName, 'ABANDONED_QUERY');
    assert.match(hung.error()!.message, /was abandoned by the client, as it may have exited or stopped checking for query results/);
    assert.equal(engine.getQuery(hung.queryId)?.state(), 'FAILED', 'the engine query is stopped');
  } finally {
    manager.close();
    await engine.shutdown();
  }
});
