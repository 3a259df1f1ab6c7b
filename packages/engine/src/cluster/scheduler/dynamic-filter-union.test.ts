import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BIGINT } from '@petrel/spi';
import type { Domain } from '@petrel/spi';
import { MAX_DOMAIN_VALUES } from '../../execution/join/dynamic-filters.js';
import { unionDynamicFilterDomains } from './dynamic-filter-union.js';

const values = (...v: number[]): Domain => ({ kind: 'values', values: v, nullAllowed: false });

test('the union of build tasks value lists keeps each key once, and empty builds add nothing', () => {
  const merged = unionDynamicFilterDomains(BIGINT, [values(3, 1), { kind: 'none', nullAllowed: false }, values(1, 7)]);
  assert.equal(merged?.kind, 'values');
  assert.deepEqual(merged.kind === 'values' ? [...merged.values].sort((a, b) => Number(a) - Number(b)) : [], [1, 3, 7]);
  assert.deepEqual(unionDynamicFilterDomains(BIGINT, [{ kind: 'none', nullAllowed: false }, { kind: 'none', nullAllowed: false }]), { kind: 'none', nullAllowed: false });
});

test('too many keys, or a task that reported a range, give the range spanning every task', () => {
  const many = Array.from({ length: MAX_DOMAIN_VALUES }, (_, i) => i + 10);
  assert.deepEqual(unionDynamicFilterDomains(BIGINT, [values(...many), values(5)]), {
    kind: 'ranges',
    ranges: [{ low: 5, lowInclusive: true, high: MAX_DOMAIN_VALUES + 9, highInclusive: true }],
    nullAllowed: false,
  });
  const range: Domain = { kind: 'ranges', ranges: [{ low: 100, lowInclusive: true, high: 200, highInclusive: true }], nullAllowed: false };
  assert.deepEqual(unionDynamicFilterDomains(BIGINT, [range, values(300)]), { kind: 'ranges', ranges: [{ low: 100, lowInclusive: true, high: 300, highInclusive: true }], nullAllowed: false });
});

test('a task without a domain (too many keys of an unordered type) leaves the filter without narrowing', () => {
  assert.equal(unionDynamicFilterDomains(BIGINT, [values(1), undefined]), undefined);
  assert.equal(unionDynamicFilterDomains(BIGINT, [values(1), { kind: 'all', nullAllowed: true }]), undefined);
});
