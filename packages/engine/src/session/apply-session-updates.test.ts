import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applySessionUpdates } from './apply-session-updates.js';
import { createSession } from './session.js';

describe('applySessionUpdates', () => {
  it('applies every kind of update', () => {
    let s = createSession({ timeZone: 'UTC' });
    s = applySessionUpdates(s, [
      { kind: 'setCatalog', catalog: 'tpch' },
      { kind: 'setSchema', schema: 'tiny' },
      { kind: 'setSessionProperty', name: 'query_max_memory', value: '1GB' },
      { kind: 'setSessionProperty', name: 'tpch.some_prop', value: 'x' },
      { kind: 'addPreparedStatement', name: 'p', sql: 'SELECT 1' },
      { kind: 'setTimeZone', timeZone: 'Asia/Tokyo' },
      { kind: 'setPath', path: 'a.b' },
      { kind: 'startTransaction', transactionId: 't1' },
    ]);
    assert.equal(s.catalog, 'tpch');
    assert.equal(s.schema, 'tiny');
    assert.deepEqual(s.systemProperties, { query_max_memory: '1GB' });
    assert.deepEqual(s.catalogProperties, { tpch: { some_prop: 'x' } });
    assert.deepEqual(s.preparedStatements, { p: 'SELECT 1' });
    assert.equal(s.timeZone, 'Asia/Tokyo');
    assert.equal(s.path, 'a.b');
    assert.equal(s.transactionId, 't1');
    s = applySessionUpdates(
      s,
      [
        { kind: 'resetSessionProperty', name: 'query_max_memory' },
        { kind: 'resetSessionProperty', name: 'tpch.some_prop' },
        { kind: 'deallocatePreparedStatement', name: 'p' },
        { kind: 'setTimeZone', timeZone: undefined },
        { kind: 'clearTransaction' },
      ],
      'Europe/Paris',
    );
    assert.deepEqual(s.systemProperties, {});
    assert.deepEqual(s.catalogProperties, { tpch: {} });
    assert.deepEqual(s.preparedStatements, {});
    assert.equal(s.timeZone, 'Europe/Paris');
    assert.equal(s.transactionId, undefined);
  });
});
