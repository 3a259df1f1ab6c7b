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

test('a failed query stays until its client has fetched the final response, however full the history', async () => {
  const engine = await Engine.create();
  const manager = new QueryManager(engine, { clientTimeoutMillis: 60_000, maxHistory: 1, minExpireAgeMillis: 0 });
  try {
    // The failure is known after planning, before the client's next poll.
    const failing = manager.submit('SELECT * FROM tpch.tiny.no_such_table', request);
    failing.initialResponse(options);
    await engine.getQuery(failing.queryId)?.done;
    assert.equal(failing.isDone(), true);
    // Fill the history far beyond its bound with finished queries.
    for (let i = 0; i < 12; i++) {
      const query = manager.submit('SELECT 1', request);
      query.initialResponse(options);
      await query.poll('queued', query.slug, 1, options);
      for (let token = 0; ; token++) {
        const response = await query.poll('executing', query.slug, token, options);
        if ((parseJson(response.body) as { nextUri?: string }).nextUri === undefined) break;
      }
    }
    manager.sweep(Date.now());
    assert.equal(manager.get(failing.queryId), failing, 'the client still has to fetch the error');
    let response = await failing.poll('queued', failing.slug, 1, options);
    for (let token = 0; (parseJson(response.body) as { nextUri?: string }).nextUri !== undefined; token++) {
      assert.equal(response.status, 200);
      response = await failing.poll('executing', failing.slug, token, options);
    }
    assert.equal((parseJson(response.body) as { error?: { errorName: string } }).error?.errorName, 'TABLE_NOT_FOUND');
    manager.sweep(Date.now());
    assert.equal(manager.get(failing.queryId), undefined, 'delivered, so it may leave the history');
  } finally {
    manager.close();
    await engine.shutdown();
  }
});
