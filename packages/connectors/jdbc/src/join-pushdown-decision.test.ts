import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { JoinStatistics } from '@petrel/spi';
import { parseJdbcConfig, sessionOptions } from './jdbc-config.js';
import { shouldPushJoin } from './join-pushdown-decision.js';

const URL = { scheme: 'postgresql', defaultPort: 5432 };

function options(properties: Record<string, string>, session: Record<string, string> = {}) {
  const config = parseJdbcConfig('c', { 'connection-url': 'jdbc:postgresql://h:1/db', 'join-pushdown.enabled': 'true', ...properties }, URL);
  return sessionOptions(config, { queryId: 'q', user: 'u', timeZone: 'UTC', startTime: 0, properties: session });
}

const stats = (left: number, right: number, join: number, bytes = true): JoinStatistics => ({
  leftRows: left,
  rightRows: right,
  joinRows: join,
  leftDataSize: bytes ? left * 10 : undefined,
  rightDataSize: bytes ? right * 10 : undefined,
  joinDataSize: bytes ? join * 10 : undefined,
});

describe('join pushdown strategy', () => {
  it('defaults to AUTOMATIC with Trino ratio 1.25 and no table size limit', () => {
    const o = options({});
    assert.equal(o.joinPushdownStrategy, 'AUTOMATIC');
    assert.equal(o.joinPushdownAutomaticMaxJoinToTablesRatio, 1.25);
    assert.equal(o.joinPushdownAutomaticMaxTableSize, undefined);
  });

  it('AUTOMATIC pushes only with estimates and when the join is smaller than ratio * both sides', () => {
    const o = options({});
    assert.equal(shouldPushJoin(o, undefined), false);
    assert.equal(shouldPushJoin(o, { leftRows: undefined, rightRows: 10, joinRows: 10, leftDataSize: undefined, rightDataSize: 100, joinDataSize: 100 }), false);
    assert.equal(shouldPushJoin(o, stats(1000, 50, 1000)), true);
    assert.equal(shouldPushJoin(o, stats(1000, 50, 50_000)), false);
    // 1.25 * 1050 = 1312.5
    assert.equal(shouldPushJoin(o, stats(1000, 50, 1312)), true);
    assert.equal(shouldPushJoin(o, stats(1000, 50, 1313)), false);
    // row counts when sizes are unknown
    assert.equal(shouldPushJoin(o, stats(1000, 50, 1000, false)), true);
  });

  it('EAGER pushes without estimates; the session overrides the catalog', () => {
    assert.equal(shouldPushJoin(options({ 'join-pushdown.strategy': 'EAGER' }), undefined), true);
    assert.equal(shouldPushJoin(options({ 'join-pushdown.strategy': 'eager' }), stats(1, 1, 1_000_000)), true);
    assert.equal(shouldPushJoin(options({}, { join_pushdown_strategy: 'EAGER' }), undefined), true);
    assert.equal(shouldPushJoin(options({ 'join-pushdown.strategy': 'EAGER' }, { join_pushdown_strategy: 'AUTOMATIC' }), undefined), false);
  });

  it('honours the automatic ratio and max table size', () => {
    const ratio = options({ 'experimental.join-pushdown.automatic.max-join-to-tables-ratio': '100' });
    assert.equal(shouldPushJoin(ratio, stats(1000, 50, 50_000)), true);
    const small = options({ 'experimental.join-pushdown.automatic.max-table-size': '1kB' });
    assert.equal(small.joinPushdownAutomaticMaxTableSize, 1024);
    assert.equal(shouldPushJoin(small, stats(100, 50, 100)), true);
    assert.equal(shouldPushJoin(small, stats(1000, 50, 1000)), false);
    assert.equal(shouldPushJoin(options({}, { join_pushdown_automatic_max_table_size: '1kB' }), stats(1000, 50, 1000)), false);
  });

  it('rejects invalid values with the property name', () => {
    assert.throws(() => options({ 'join-pushdown.strategy': 'SOMETIMES' }), /join-pushdown.strategy/);
    assert.throws(() => options({ 'experimental.join-pushdown.automatic.max-table-size': 'big' }), /max-table-size/);
  });
});
