import { test } from 'node:test';
import assert from 'node:assert/strict';
import { retryPolicyOf } from './distributed-execution.js';

test('retry_policy is read from the session as SQL literal text or a bare word, NONE by default', () => {
  assert.equal(retryPolicyOf({}), 'NONE');
  assert.equal(retryPolicyOf({ retry_policy: "'QUERY'" }), 'QUERY');
  assert.equal(retryPolicyOf({ retry_policy: 'query' }), 'QUERY');
  assert.equal(retryPolicyOf({ retry_policy: "'TASK'" }), 'TASK');
  assert.equal(retryPolicyOf({ retry_policy: "'NONE'" }), 'NONE');
});
