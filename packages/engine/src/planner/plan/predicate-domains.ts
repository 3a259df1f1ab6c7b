import type { ColumnDomain, Domain, SqlValue, ValueRange } from '@petrel/spi';
import type { RowExpression } from '../../ir/row-expression.js';

/**
 * The column domain one conjunct implies (comparisons with constants, IN lists, BETWEEN,
 * IS [NOT] NULL), naming columns through `columnOf` (symbol name -> column); used for connector
 * filter pushdown and for filter selectivity estimates.
 */
const COMPARISONS: Record<string, string> = {
  '$operator$equal': '=',
  '$operator$less_than': '<',
  '$operator$less_than_or_equal': '<=',
  '$operator$greater_than': '>',
  '$operator$greater_than_or_equal': '>=',
};
const FLIPPED: Record<string, string> = { '=': '=', '<': '>', '<=': '>=', '>': '<', '>=': '<=' };

export function toColumnDomain(c: RowExpression, columnOf: ReadonlyMap<string, { name: string }>): ColumnDomain | undefined {
  const column = (e: RowExpression | undefined) => (e?.kind === 'variable' ? columnOf.get(e.name) : undefined);
  const value = (e: RowExpression | undefined): { v: SqlValue } | undefined => (e?.kind === 'constant' && e.value !== null ? { v: e.value } : undefined);
  const make = (name: string, type: RowExpression['type'], domain: Domain): ColumnDomain => ({ column: name, type, domain });
  if (c.kind === 'call' && COMPARISONS[c.function.name] !== undefined) {
    let op = COMPARISONS[c.function.name]!;
    let [a, b] = c.arguments;
    if (column(a) === undefined && column(b) !== undefined) {
      [a, b] = [b, a];
      op = FLIPPED[op]!;
    }
    const col = column(a);
    const v = value(b);
    if (col === undefined || v === undefined || !rangeComparable(v.v)) return undefined;
    if (op === '=') return make(col.name, a!.type, { kind: 'values', values: [v.v], nullAllowed: false });
    const range: ValueRange =
      op === '<' || op === '<='
        ? { low: undefined, lowInclusive: false, high: v.v, highInclusive: op === '<=' }
        : { low: v.v, lowInclusive: op === '>=', high: undefined, highInclusive: false };
    return make(col.name, a!.type, { kind: 'ranges', ranges: [range], nullAllowed: false });
  }
  if (c.kind === 'special') {
    if (c.form === 'IN') {
      const col = column(c.arguments[0]);
      const values = c.arguments.slice(1).map(value);
      if (col === undefined || values.some((v) => v === undefined || !rangeComparable(v.v))) return undefined;
      const distinct = [...new Map(values.map((v) => [typeof v!.v === 'bigint' ? `${v!.v}n` : JSON.stringify(v!.v), v!.v])).values()];
      return make(col.name, c.arguments[0]!.type, { kind: 'values', values: distinct, nullAllowed: false });
    }
    if (c.form === 'BETWEEN') {
      const col = column(c.arguments[0]);
      const low = value(c.arguments[1]);
      const high = value(c.arguments[2]);
      if (col === undefined || low === undefined || high === undefined || !rangeComparable(low.v) || !rangeComparable(high.v)) return undefined;
      return make(col.name, c.arguments[0]!.type, { kind: 'ranges', ranges: [{ low: low.v, lowInclusive: true, high: high.v, highInclusive: true }], nullAllowed: false });
    }
    if (c.form === 'IS_NULL') {
      const col = column(c.arguments[0]);
      if (col === undefined) return undefined;
      return make(col.name, c.arguments[0]!.type, { kind: 'none', nullAllowed: true });
    }
    if (c.form === 'NOT' && c.arguments[0]?.kind === 'special' && c.arguments[0].form === 'IS_NULL') {
      const col = column(c.arguments[0].arguments[0]);
      if (col === undefined) return undefined;
      return make(col.name, c.arguments[0].arguments[0]!.type, { kind: 'all', nullAllowed: false });
    }
  }
  return undefined;
}

/** Values whose order the engine and connectors agree on (numbers, strings, booleans). */
function rangeComparable(v: SqlValue): boolean {
  return typeof v === 'number' || typeof v === 'bigint' || typeof v === 'string' || typeof v === 'boolean';
}

