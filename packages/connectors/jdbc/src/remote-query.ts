import type { Domain, SqlType, SqlValue, TupleDomain, ValueRange } from '@petrel/spi';
import { assertNever } from '@petrel/spi';
import type { JdbcColumnHandle, JdbcTableHandle } from './jdbc-handles.js';
import type { SqlDialect } from './sql-dialect.js';

/** Applies a `{}` template to an expression. */
export function applyTemplate(template: string | undefined, expression: string): string {
  return template === undefined ? expression : template.split('{}').join(expression);
}

function relationSql(dialect: SqlDialect, handle: JdbcTableHandle): string {
  const relation = handle.relation;
  switch (relation.kind) {
    case 'named':
      return `${dialect.quoteIdentifier(relation.remoteSchema)}.${dialect.quoteIdentifier(relation.remoteTable)}`;
    case 'query':
      return `(${relation.sql}) o`;
    default:
      return assertNever(relation, 'relation');
  }
}

export interface RenderOptions {
  /** Extra conjuncts (dynamic filters, split ranges) applied after everything the handle holds. */
  readonly extraConditions?: readonly string[];
  /**
   * true for the statement a page source runs (columns read through their read expressions);
   * false for a subquery of another pushdown (columns aliased to their Petrel names).
   */
  readonly forOutput: boolean;
  /** Columns to select instead of the handle's (a subset or superset of the relation's). */
  readonly columns?: readonly JdbcColumnHandle[];
}

/** The SELECT statement reading a handle. */
export function renderQuery(dialect: SqlDialect, handle: JdbcTableHandle, options: RenderOptions): string {
  const extra = options.extraConditions ?? [];
  if (extra.length > 0 && (handle.limit !== undefined || handle.sortOrder !== undefined)) {
    return renderQuery(dialect, { ...wrapHandle(dialect, handle), conditions: extra }, { forOutput: options.forOutput, ...(options.columns === undefined ? {} : { columns: options.columns }) });
  }
  const columns = options.columns ?? handle.columns;
  const selectList =
    columns.length === 0
      ? `1 AS ${dialect.quoteIdentifier('_pfgnrtd_dummy')}`
      : columns
          .map((c) => {
            const ref = dialect.quoteIdentifier(c.remoteName);
            if (options.forOutput) return applyTemplate(c.readExpression, ref);
            return c.remoteName === c.name ? ref : `${ref} AS ${dialect.quoteIdentifier(c.name)}`;
          })
          .join(', ');
  let sql = `SELECT ${selectList} FROM ${relationSql(dialect, handle)}`;
  const conditions = [...handle.conditions, ...extra];
  if (conditions.length > 0) sql += ` WHERE ${conditions.map((c) => (conditions.length > 1 ? `(${c})` : c)).join(' AND ')}`;
  if (handle.sortOrder !== undefined && handle.sortOrder.length > 0) {
    sql += ` ORDER BY ${handle.sortOrder
      .map((s) => dialect.orderByItem(applyTemplate(s.column.sortExpression, dialect.quoteIdentifier(s.column.remoteName)), s.ascending, s.nullsFirst))
      .join(', ')}`;
  }
  if (handle.limit !== undefined) sql += ` LIMIT ${handle.limit}`;
  return sql;
}

/** A handle whose relation is the query of `handle`, so further pushdown applies after all of it. */
export function wrapHandle(dialect: SqlDialect, handle: JdbcTableHandle): JdbcTableHandle {
  return {
    kind: 'jdbc-table',
    schemaTableName: handle.schemaTableName,
    relation: { kind: 'query', sql: renderQuery(dialect, handle, { forOutput: false }) },
    columns: handle.columns.map((c) => ({ ...c, remoteName: c.name })),
    conditions: [],
    sortOrder: undefined,
    limit: undefined,
    pushed: handle.pushed,
  };
}

/** The remote SQL for a column domain; `exact` is false when the SQL only narrows (compaction). */
export interface DomainSql {
  /** undefined when the domain allows everything. */
  readonly sql: string | undefined;
  readonly exact: boolean;
}

function compareForCompaction(type: SqlType, a: SqlValue, b: SqlValue): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if ((typeof a === 'bigint' || typeof a === 'number') && (typeof b === 'bigint' || typeof b === 'number')) {
    const x = BigInt(a);
    const y = BigInt(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null && 'epochMillis' in a && 'epochMillis' in b) {
    const d = a.epochMillis - b.epochMillis;
    if (d !== 0) return d;
    return ('picosOfMilli' in a ? a.picosOfMilli : 0) - ('picosOfMilli' in b ? b.picosOfMilli : 0);
  }
  throw new Error(`cannot order values of ${type.kind}`);
}

function isSingleValue(range: ValueRange): boolean {
  return range.low !== undefined && range.high !== undefined && range.lowInclusive && range.highInclusive && sameValue(range.low, range.high);
}

function sameValue(a: SqlValue, b: SqlValue): boolean {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return a === b || (typeof a === 'bigint' || typeof b === 'bigint' ? String(a) === String(b) : false);
  return JSON.stringify(a, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)) === JSON.stringify(b, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
}

/**
 * Renders a domain over `column` as a remote predicate, or undefined (with exact=false) when the
 * column's pushdown rules do not allow it. Large value lists and range unions compact to their span
 * beyond `compactionThreshold`, which narrows but is no longer exact.
 */
export function domainToSql(dialect: SqlDialect, column: JdbcColumnHandle, type: SqlType, domain: Domain, compactionThreshold: number): DomainSql | undefined {
  const ref = dialect.quoteIdentifier(column.remoteName);
  const nullSql = `${ref} IS NULL`;
  switch (domain.kind) {
    case 'all':
      return domain.nullAllowed ? { sql: undefined, exact: true } : { sql: `${ref} IS NOT NULL`, exact: true };
    case 'none':
      return domain.nullAllowed ? { sql: nullSql, exact: true } : { sql: 'FALSE', exact: true };
    case 'values': {
      if (column.predicatePushdown === 'none') return undefined;
      if (domain.values.length === 0) return domain.nullAllowed ? { sql: nullSql, exact: true } : { sql: 'FALSE', exact: true };
      let exact = true;
      let body: string;
      if (domain.values.length > compactionThreshold) {
        if (column.predicatePushdown !== 'full') return undefined;
        const sorted = [...domain.values].sort((a, b) => compareForCompaction(type, a, b));
        body = `${ref} >= ${dialect.literal(type, sorted[0]!)} AND ${ref} <= ${dialect.literal(type, sorted[sorted.length - 1]!)}`;
        exact = false;
      } else body = inList(dialect, ref, type, domain.values);
      return { sql: domain.nullAllowed ? `(${body}) OR ${nullSql}` : body, exact };
    }
    case 'ranges': {
      const singles = domain.ranges.filter(isSingleValue).map((r) => r.low!);
      const others = domain.ranges.filter((r) => !isSingleValue(r));
      if (column.predicatePushdown === 'none') return undefined;
      if (column.predicatePushdown === 'equality' && others.length > 0) {
        // Only `<> value` (two ranges around one hole) can be pushed without ordering.
        const hole = notEqualHole(domain.ranges);
        if (hole === undefined) return undefined;
        const body = `${ref} <> ${dialect.literal(type, hole)}`;
        return { sql: domain.nullAllowed ? `(${body}) OR ${nullSql}` : body, exact: true };
      }
      if (domain.ranges.length > compactionThreshold && domain.ranges.length > 0) {
        const first = domain.ranges[0]!;
        const last = domain.ranges[domain.ranges.length - 1]!;
        const span: ValueRange = { low: first.low, lowInclusive: first.lowInclusive, high: last.high, highInclusive: last.highInclusive };
        const body = rangeSql(dialect, ref, type, span) ?? 'TRUE';
        return { sql: domain.nullAllowed ? `(${body}) OR ${nullSql}` : body, exact: false };
      }
      const disjuncts: string[] = [];
      if (singles.length > 0) disjuncts.push(inList(dialect, ref, type, singles));
      for (const r of others) {
        const s = rangeSql(dialect, ref, type, r);
        if (s === undefined) return domain.nullAllowed ? { sql: undefined, exact: true } : { sql: `${ref} IS NOT NULL`, exact: true };
        disjuncts.push(s);
      }
      if (domain.nullAllowed) disjuncts.push(nullSql);
      if (disjuncts.length === 0) return { sql: 'FALSE', exact: true };
      return { sql: disjuncts.length === 1 ? disjuncts[0]! : disjuncts.map((d) => `(${d})`).join(' OR '), exact: true };
    }
    default:
      return assertNever(domain, 'domain');
  }
}

function notEqualHole(ranges: readonly ValueRange[]): SqlValue | undefined {
  if (ranges.length !== 2) return undefined;
  const [a, b] = ranges as [ValueRange, ValueRange];
  if (a.low !== undefined || b.high !== undefined || a.high === undefined || b.low === undefined) return undefined;
  if (a.highInclusive || b.lowInclusive || !sameValue(a.high, b.low)) return undefined;
  return a.high;
}

function inList(dialect: SqlDialect, ref: string, type: SqlType, values: readonly SqlValue[]): string {
  if (values.length === 1) return `${ref} = ${dialect.literal(type, values[0]!)}`;
  return `${ref} IN (${values.map((v) => dialect.literal(type, v)).join(', ')})`;
}

/** undefined when the range is unbounded on both sides. */
function rangeSql(dialect: SqlDialect, ref: string, type: SqlType, range: ValueRange): string | undefined {
  const parts: string[] = [];
  if (range.low !== undefined) parts.push(`${ref} ${range.lowInclusive ? '>=' : '>'} ${dialect.literal(type, range.low)}`);
  if (range.high !== undefined) parts.push(`${ref} ${range.highInclusive ? '<=' : '<'} ${dialect.literal(type, range.high)}`);
  if (parts.length === 0) return undefined;
  return parts.join(' AND ');
}

/** What part of a tuple domain became remote SQL and what the engine must still evaluate. */
export interface TupleDomainSql {
  readonly conditions: readonly string[];
  readonly remaining: TupleDomain;
  readonly pushedColumns: readonly string[];
}

export function tupleDomainToSql(
  dialect: SqlDialect,
  columns: ReadonlyMap<string, JdbcColumnHandle>,
  constraint: TupleDomain,
  compactionThreshold: number,
): TupleDomainSql {
  if (constraint.kind === 'all') return { conditions: [], remaining: constraint, pushedColumns: [] };
  if (constraint.kind === 'none') return { conditions: ['FALSE'], remaining: { kind: 'all' }, pushedColumns: [] };
  const conditions: string[] = [];
  const remaining: (typeof constraint.columns)[number][] = [];
  const pushed: string[] = [];
  for (const cd of constraint.columns) {
    const column = columns.get(cd.column);
    const rendered = column === undefined ? undefined : domainToSql(dialect, column, cd.type, cd.domain, compactionThreshold);
    if (rendered === undefined) {
      remaining.push(cd);
      continue;
    }
    if (rendered.sql !== undefined) conditions.push(rendered.sql);
    if (!rendered.exact) remaining.push(cd);
    pushed.push(cd.column);
  }
  return { conditions, remaining: remaining.length === 0 ? { kind: 'all' } : { kind: 'columns', columns: remaining }, pushedColumns: pushed };
}
