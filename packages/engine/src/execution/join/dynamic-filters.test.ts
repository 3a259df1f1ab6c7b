import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BIGINT, UUID, VARCHAR, float64Block, objectBlock } from '@petrel/spi';
import type { Block, SqlType } from '@petrel/spi';
import { GroupByHash } from '../hash/group-by-hash.js';
import { DynamicFilterRegistry, keyDomain, MAX_DOMAIN_VALUES } from './dynamic-filters.js';

function keys(type: SqlType, block: Block, count: number): GroupByHash {
  const hash = new GroupByHash([type]);
  hash.getGroupIds([block], count, new Int32Array(count));
  return hash;
}

describe('dynamic filter domains', () => {
  it('hands up to MAX_DOMAIN_VALUES keys as a value list, without NULL', () => {
    const hash = keys(BIGINT, objectBlock([5, 3, null, 5, 9]), 5);
    assert.deepEqual(keyDomain({ type: BIGINT, hash }), { kind: 'values', values: [5, 3, 9], nullAllowed: false });
    assert.deepEqual(keyDomain({ type: BIGINT, hash: keys(BIGINT, objectBlock([null]), 1) }), { kind: 'none', nullAllowed: false });
  });

  it('falls back to the [min, max] range of the keys beyond MAX_DOMAIN_VALUES', () => {
    const n = MAX_DOMAIN_VALUES + 500;
    const values = Float64Array.from({ length: n }, (_, i) => 10_000 - i * 3);
    const domain = keyDomain({ type: BIGINT, hash: keys(BIGINT, float64Block(values), n) });
    assert.deepEqual(domain, { kind: 'ranges', ranges: [{ low: 10_000 - (n - 1) * 3, lowInclusive: true, high: 10_000, highInclusive: true }], nullAllowed: false });
    const strings = Array.from({ length: n }, (_, i) => `k${String(i).padStart(5, '0')}`);
    const text = keyDomain({ type: VARCHAR, hash: keys(VARCHAR, objectBlock(strings), n) });
    assert.deepEqual(text, { kind: 'ranges', ranges: [{ low: 'k00000', lowInclusive: true, high: strings[n - 1], highInclusive: true }], nullAllowed: false });
  });

  it('gives no narrowing for many keys of a type it does not range over', () => {
    const n = MAX_DOMAIN_VALUES + 1;
    const uuids = Array.from({ length: n }, (_, i) => `00000000-0000-0000-0000-${String(i).padStart(12, '0')}`);
    assert.equal(keyDomain({ type: UUID, hash: keys(UUID, objectBlock(uuids), n) }), undefined);
  });

  it('the connector-facing filter reports the range once the build side published its keys', () => {
    const registry = new DynamicFilterRegistry();
    const filter = registry.connectorFilter([{ id: 'df', column: 'custkey' }]);
    assert.ok(filter);
    assert.equal(filter.isComplete(), false);
    assert.deepEqual(filter.currentPredicate(), { kind: 'all' });
    const n = MAX_DOMAIN_VALUES * 2;
    registry.publish('df', BIGINT, keys(BIGINT, float64Block(Float64Array.from({ length: n }, (_, i) => i + 1)), n));
    assert.equal(filter.isComplete(), true);
    const predicate = filter.currentPredicate();
    assert.equal(predicate.kind, 'columns');
    assert.deepEqual(predicate.kind === 'columns' ? predicate.columns : [], [
      { column: 'custkey', type: BIGINT, domain: { kind: 'ranges', ranges: [{ low: 1, lowInclusive: true, high: n, highInclusive: true }], nullAllowed: false } },
    ]);
  });
});
