import type { SqlValue, TupleDomain } from '@petrel/spi';

/**
 * The exact values a constraint allows for `column` when it is an equality or IN list over it;
 * undefined when the column is unconstrained (or constrained otherwise).
 */
export function constrainedValues(constraint: TupleDomain, column: string): ReadonlySet<SqlValue> | undefined {
  if (constraint.kind === 'none') return new Set();
  if (constraint.kind === 'all') return undefined;
  const domain = constraint.columns.find((c) => c.column === column)?.domain;
  if (domain === undefined) return undefined;
  switch (domain.kind) {
    case 'none':
      return new Set();
    case 'values':
      return new Set(domain.values);
    case 'ranges':
      if (domain.ranges.every((r) => r.low !== undefined && r.lowInclusive && r.highInclusive && r.low === r.high)) {
        return new Set(domain.ranges.map((r) => r.low!));
      }
      return undefined;
    case 'all':
      return undefined;
  }
}
