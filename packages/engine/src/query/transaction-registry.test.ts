import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TransactionRegistry } from './transaction-registry.js';

describe('TransactionRegistry', () => {
  it('ends an auto-commit transaction with its statement and keeps an explicit one until it ends', () => {
    const registry = new TransactionRegistry();
    const auto = registry.statementStarted(undefined, 1000);
    registry.catalogsUsed(auto, ['tpch'], 'memory');
    assert.deepEqual(
      registry.list(1000).map((t) => [t.autoCommit, t.catalogs, t.writtenCatalog]),
      [[true, ['memory', 'tpch'], 'memory']],
    );
    registry.statementFinished(auto, 1001);
    assert.deepEqual(registry.list(1001), []);

    registry.begin('tx1', 2000);
    const id = registry.statementStarted('tx1', 2001);
    assert.equal(id, 'tx1');
    registry.statementFinished(id, 2002);
    assert.deepEqual(registry.list(2003).map((t) => [t.transactionId, t.autoCommit]), [['tx1', false]]);
    registry.end('tx1');
    assert.deepEqual(registry.list(2004), []);
  });

  it('drops an explicit transaction left idle past the idle timeout', () => {
    const registry = new TransactionRegistry();
    registry.begin('abandoned', 0);
    assert.equal(registry.list(60_000).length, 1);
    assert.equal(registry.list(5 * 60_000 + 1).length, 0);
  });
});
