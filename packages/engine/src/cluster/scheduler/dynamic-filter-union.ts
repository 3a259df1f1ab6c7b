import type { Domain, SqlType, SqlValue } from '@petrel/spi';
import { assertNever } from '@petrel/spi';
import { MAX_DOMAIN_VALUES } from '../../execution/join/dynamic-filters.js';
import { compareValues } from '../../execution/ordering/value-ordering.js';
import { encodePlanJson } from '../task/plan-codec.js';

/**
 * The union of one dynamic filter's domains collected by its build tasks: a value list while it
 * stays within `MAX_DOMAIN_VALUES`, else the range spanning all of them; undefined (no narrowing)
 * when any task had no domain or a domain is unbounded.
 */
export function unionDynamicFilterDomains(type: SqlType, domains: readonly (Domain | undefined)[]): Domain | undefined {
  const values = new Map<string, SqlValue>();
  let ranged = false;
  let min: SqlValue | undefined;
  let max: SqlValue | undefined;
  const widen = (v: SqlValue): void => {
    if (min === undefined || compareValues(type, v, min) < 0) min = v;
    if (max === undefined || compareValues(type, v, max) > 0) max = v;
  };
  for (const domain of domains) {
    if (domain === undefined) return undefined;
    switch (domain.kind) {
      case 'all':
        return undefined;
      case 'none':
        break;
      case 'values':
        for (const v of domain.values) {
          values.set(encodePlanJson(v), v);
          widen(v);
        }
        break;
      case 'ranges':
        ranged = true;
        for (const r of domain.ranges) {
          if (r.low === undefined || r.high === undefined || r.low === null || r.high === null) return undefined;
          widen(r.low);
          widen(r.high);
        }
        break;
      default:
        return assertNever(domain, 'domain');
    }
  }
  if (!ranged && values.size <= MAX_DOMAIN_VALUES) {
    return values.size === 0 ? { kind: 'none', nullAllowed: false } : { kind: 'values', values: [...values.values()], nullAllowed: false };
  }
  if (min === undefined || max === undefined) return { kind: 'none', nullAllowed: false };
  return { kind: 'ranges', ranges: [{ low: min, lowInclusive: true, high: max, highInclusive: true }], nullAllowed: false };
}

