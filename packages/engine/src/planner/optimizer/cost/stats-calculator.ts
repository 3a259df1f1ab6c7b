import type { ColumnDomain, ColumnStatistics, SqlType, SqlValue } from '@petrel/spi';
import type { RowExpression } from '../../../ir/row-expression.js';
import { toColumnDomain } from '../../plan/predicate-domains.js';
import { extractConjuncts } from '../../plan/row-expression-utils.js';
import type { PlanNode } from '../../plan/plan-node.js';
import { planSources } from '../../plan/plan-sources.js';
import type { OptimizerContext } from '../optimizer-context.js';

/**
 * Trino-style statistics propagation: an output row count and per-symbol statistics (distinct
 * values, null fraction, numeric low/high, average width) for every plan node, from connector
 * table statistics through filters (TupleDomain selectivity against ranges and distinct counts),
 * projections, aggregations (distinct counts of the keys) and joins
 * (|L| * |R| / max(ndv(l), ndv(r)) for the most selective equi-join clause). `undefined` rows
 * mean unknown (EXPLAIN prints `?`).
 */
export interface SymbolStatistics {
  readonly distinctValues: number | undefined;
  readonly nullsFraction: number;
  readonly low: number | undefined;
  readonly high: number | undefined;
  /** Average bytes of a non-null value, when known. */
  readonly averageSize: number | undefined;
}

export interface PlanNodeStatistics {
  readonly rows: number | undefined;
  readonly symbols: ReadonlyMap<string, SymbolStatistics>;
}

/** Trino's coefficient for predicates it cannot estimate. */
export const UNKNOWN_FILTER_COEFFICIENT = 0.9;

const UNKNOWN: PlanNodeStatistics = { rows: undefined, symbols: new Map() };

export class StatsCalculator {
  private readonly cache = new Map<PlanNode, PlanNodeStatistics>();

  constructor(private readonly context: OptimizerContext) {}

  stats(node: PlanNode): PlanNodeStatistics {
    let result = this.cache.get(node);
    if (result === undefined) {
      result = this.compute(node);
      this.cache.set(node, result);
    }
    return result;
  }

  /** Estimated bytes of the node's output: rows times the average width of its symbols; undefined when a width is unknown. */
  outputSize(node: PlanNode): number | undefined {
    const s = this.stats(node);
    if (s.rows === undefined) return undefined;
    if (s.rows === 0) return 0;
    let width = 0;
    for (const symbol of node.outputs) {
      const fixed = fixedWidth(symbol.type);
      const stats = s.symbols.get(symbol.name);
      const size = fixed ?? stats?.averageSize;
      if (size === undefined) return undefined;
      width += size * (1 - (stats?.nullsFraction ?? 0)) + 1 / 8;
    }
    return s.rows * width;
  }

  private compute(node: PlanNode): PlanNodeStatistics {
    switch (node.kind) {
      case 'tableScan': {
        const rows = this.context.tableRowCounts.get(node.id);
        const columns = this.context.tableColumnStatistics?.get(node.id) ?? {};
        const symbols = new Map<string, SymbolStatistics>();
        for (const a of node.assignments) {
          const c = columns[a.column.name];
          if (c !== undefined) symbols.set(a.symbol.name, fromColumnStatistics(c, rows));
        }
        const base: PlanNodeStatistics = { rows, symbols };
        if (node.enforcedConstraint.kind === 'none') return { rows: 0, symbols };
        if (node.enforcedConstraint.kind === 'all') return base;
        // a constraint the connector enforces: the same selectivity as the filter it replaced
        const byColumn = new Map(node.assignments.map((a) => [a.column.name, a.symbol.name] as const));
        return node.enforcedConstraint.columns.reduce(
          (s, d) => (byColumn.has(d.column) ? applyDomain(s, byColumn.get(d.column)!, d) : scaleRows(s, UNKNOWN_FILTER_COEFFICIENT)),
          base,
        );
      }
      case 'values':
        return { rows: node.rows.length, symbols: new Map() };
      case 'filter':
        return this.filter(this.stats(node.source), node.predicate);
      case 'project': {
        const source = this.stats(node.source);
        const symbols = new Map<string, SymbolStatistics>();
        for (const a of node.assignments) {
          if (a.expression.kind === 'variable') {
            const s = source.symbols.get(a.expression.name);
            if (s !== undefined) symbols.set(a.symbol.name, s);
          } else if (a.expression.kind === 'constant') {
            const v = numeric(a.expression.value);
            symbols.set(a.symbol.name, { distinctValues: 1, nullsFraction: a.expression.value === null ? 1 : 0, low: v, high: v, averageSize: valueSize(a.expression.value) });
          }
        }
        return { rows: source.rows, symbols };
      }
      case 'aggregation': {
        const source = this.stats(node.source);
        if (node.groupingKeys.length === 0) return { rows: 1, symbols: new Map() };
        if (node.step === 'FINAL' || node.step === 'INTERMEDIATE') return { rows: source.rows, symbols: source.symbols };
        let groups = 1;
        for (const key of node.groupingKeys) {
          const s = source.symbols.get(key.name);
          if (s?.distinctValues === undefined) return { rows: undefined, symbols: keysOnly(source, node.groupingKeys) };
          groups *= s.distinctValues + (s.nullsFraction > 0 ? 1 : 0);
        }
        const rows = source.rows === undefined ? groups : Math.min(groups, source.rows);
        return { rows, symbols: keysOnly(source, node.groupingKeys) };
      }
      case 'join':
        return this.join(node);
      case 'semiJoin':
      case 'sort':
      case 'exchange':
      case 'window':
      case 'markDistinct':
      case 'assignUniqueId':
      case 'rowNumber':
      case 'explainAnalyze':
      case 'output':
        return this.stats(planSources(node)[0]!);
      case 'limit':
      case 'topN':
      case 'distinctLimit':
      case 'topNRanking': {
        const source = this.stats(planSources(node)[0]!);
        const count = node.kind === 'topNRanking' ? node.maxRankingPerPartition : node.kind === 'distinctLimit' ? node.limit : node.count;
        return { rows: source.rows === undefined ? (node.kind === 'topNRanking' ? undefined : count) : Math.min(source.rows, count), symbols: source.symbols };
      }
      case 'offset': {
        const source = this.stats(node.source);
        return { rows: source.rows === undefined ? undefined : Math.max(0, source.rows - node.count), symbols: source.symbols };
      }
      case 'enforceSingleRow':
        return { rows: 1, symbols: this.stats(node.source).symbols };
      case 'union': {
        const all = node.sources.map((s) => this.stats(s).rows);
        return { rows: all.some((r) => r === undefined) ? undefined : all.reduce((a, b) => a! + b!, 0), symbols: new Map() };
      }
      case 'sample': {
        const source = this.stats(node.source);
        return scaleRows(source, node.ratio);
      }
      case 'groupId':
      case 'intersect':
      case 'except':
      case 'unnest':
      case 'apply':
      case 'correlatedJoin':
      case 'tableFunction':
      case 'tableWriter':
      case 'tableFinish':
      case 'tableDelete':
      case 'remoteSource':
        return UNKNOWN;
    }
  }

  private filter(source: PlanNodeStatistics, predicate: RowExpression): PlanNodeStatistics {
    let result = source;
    const columnOf = new Map<string, { name: string }>();
    for (const name of source.symbols.keys()) columnOf.set(name, { name });
    for (const conjunct of extractConjuncts(predicate)) {
      if (conjunct.kind === 'constant') {
        if (conjunct.value === true) continue;
        return { rows: 0, symbols: result.symbols };
      }
      const domain = toColumnDomain(conjunct, columnOf);
      if (domain !== undefined) {
        result = applyDomain(result, domain.column, domain);
        continue;
      }
      const equality = variableEquality(conjunct);
      if (equality !== undefined) {
        const a = result.symbols.get(equality[0])?.distinctValues;
        const b = result.symbols.get(equality[1])?.distinctValues;
        result = scaleRows(result, a !== undefined && b !== undefined ? 1 / Math.max(a, b, 1) : UNKNOWN_FILTER_COEFFICIENT);
        continue;
      }
      result = scaleRows(result, UNKNOWN_FILTER_COEFFICIENT);
    }
    return result;
  }

  private join(node: PlanNode & { kind: 'join' }): PlanNodeStatistics {
    const left = this.stats(node.left);
    const right = this.stats(node.right);
    const symbols = new Map([...left.symbols, ...right.symbols]);
    if (left.rows === undefined || right.rows === undefined) return { rows: undefined, symbols };
    let rows = left.rows * right.rows;
    if (node.criteria.length > 0) {
      // the most selective equi-join clause drives; the others are treated as unknown filters
      const factors = node.criteria.map((c) => {
        const l = left.symbols.get(c.left.name);
        const r = right.symbols.get(c.right.name);
        if (l?.distinctValues === undefined || r?.distinctValues === undefined) return undefined;
        const nonNull = (1 - l.nullsFraction) * (1 - r.nullsFraction);
        return nonNull / Math.max(l.distinctValues, r.distinctValues, 1);
      });
      if (factors.some((f) => f === undefined)) {
        if (factors.every((f) => f === undefined)) return { rows: undefined, symbols };
      }
      const known = factors.filter((f): f is number => f !== undefined).sort((a, b) => a - b);
      rows *= known[0]!;
      rows *= UNKNOWN_FILTER_COEFFICIENT ** (node.criteria.length - 1);
    }
    if (node.filter !== undefined) rows = this.filter({ rows, symbols }, node.filter).rows ?? rows * UNKNOWN_FILTER_COEFFICIENT;
    if (node.joinType === 'LEFT') rows = Math.max(rows, left.rows);
    if (node.joinType === 'RIGHT') rows = Math.max(rows, right.rows);
    if (node.joinType === 'FULL') rows = Math.max(rows, left.rows, right.rows);
    return { rows, symbols: capDistinct(symbols, rows) };
  }
}

function fromColumnStatistics(c: ColumnStatistics, rows: number | undefined): SymbolStatistics {
  const nullsFraction = c.nullsFraction ?? 0;
  const nonNullRows = rows === undefined ? undefined : rows * (1 - nullsFraction);
  return {
    distinctValues: c.distinctValuesCount,
    nullsFraction,
    low: c.min,
    high: c.max,
    averageSize: c.dataSize !== undefined && nonNullRows !== undefined && nonNullRows > 0 ? c.dataSize / nonNullRows : undefined,
  };
}

/** Narrows a symbol to a domain: equality / IN by distinct counts, ranges by the fraction of [low, high] they cover. */
function applyDomain(stats: PlanNodeStatistics, symbol: string, domain: ColumnDomain): PlanNodeStatistics {
  const s = stats.symbols.get(symbol);
  const d = domain.domain;
  const nonNull = 1 - (s?.nullsFraction ?? 0);
  let factor: number;
  let next: SymbolStatistics | undefined = s;
  switch (d.kind) {
    case 'all':
      factor = d.nullAllowed ? 1 : nonNull;
      if (s !== undefined) next = { ...s, nullsFraction: d.nullAllowed ? s.nullsFraction : 0 };
      break;
    case 'none':
      factor = d.nullAllowed ? (s?.nullsFraction ?? 1 - UNKNOWN_FILTER_COEFFICIENT) : 0;
      if (s !== undefined) next = { ...s, distinctValues: 0, nullsFraction: 1 };
      break;
    case 'values': {
      const inRange = d.values.filter((v) => {
        const n = numeric(v);
        return n === undefined || s?.low === undefined || s.high === undefined || (n >= s.low && n <= s.high);
      });
      if (s?.distinctValues === undefined) factor = Math.min(1, inRange.length * (1 - UNKNOWN_FILTER_COEFFICIENT));
      else factor = Math.min(1, inRange.length / Math.max(s.distinctValues, 1)) * nonNull;
      const numbers = inRange.map(numeric).filter((n): n is number => n !== undefined);
      next = {
        distinctValues: Math.min(inRange.length, s?.distinctValues ?? inRange.length),
        nullsFraction: 0,
        low: numbers.length === inRange.length && numbers.length > 0 ? Math.min(...numbers) : s?.low,
        high: numbers.length === inRange.length && numbers.length > 0 ? Math.max(...numbers) : s?.high,
        averageSize: s?.averageSize,
      };
      break;
    }
    case 'ranges': {
      if (s === undefined || s.low === undefined || s.high === undefined) {
        factor = 0.5 * nonNull;
        break;
      }
      let covered = 0;
      let low = Infinity;
      let high = -Infinity;
      for (const r of d.ranges) {
        const from = Math.max(s.low, numeric(r.low) ?? s.low);
        const to = Math.min(s.high, numeric(r.high) ?? s.high);
        if (to < from) continue;
        low = Math.min(low, from);
        high = Math.max(high, to);
        covered += s.high === s.low ? 1 : (to - from) / (s.high - s.low);
      }
      if (d.ranges.some((r) => (r.low !== undefined && numeric(r.low) === undefined) || (r.high !== undefined && numeric(r.high) === undefined))) {
        factor = 0.5 * nonNull;
        break;
      }
      covered = Math.min(1, covered);
      factor = covered * nonNull;
      next = { ...s, nullsFraction: 0, low: low === Infinity ? undefined : low, high: high === -Infinity ? undefined : high, distinctValues: s.distinctValues === undefined ? undefined : Math.max(covered > 0 ? 1 : 0, s.distinctValues * covered) };
      break;
    }
  }
  const scaled = scaleRows(stats, factor);
  const symbols = new Map(scaled.symbols);
  if (next !== undefined) symbols.set(symbol, next);
  return { rows: scaled.rows, symbols };
}

function scaleRows(stats: PlanNodeStatistics, factor: number): PlanNodeStatistics {
  if (stats.rows === undefined) return stats;
  const rows = stats.rows * factor;
  return { rows, symbols: capDistinct(stats.symbols, rows) };
}

function capDistinct(symbols: ReadonlyMap<string, SymbolStatistics>, rows: number): Map<string, SymbolStatistics> {
  const result = new Map<string, SymbolStatistics>();
  for (const [name, s] of symbols) result.set(name, s.distinctValues !== undefined && s.distinctValues > rows ? { ...s, distinctValues: rows } : s);
  return result;
}

function keysOnly(source: PlanNodeStatistics, keys: readonly { readonly name: string }[]): Map<string, SymbolStatistics> {
  const result = new Map<string, SymbolStatistics>();
  for (const k of keys) {
    const s = source.symbols.get(k.name);
    if (s !== undefined) result.set(k.name, s);
  }
  return result;
}

function variableEquality(e: RowExpression): [string, string] | undefined {
  if (e.kind !== 'call' || e.function.name !== '$operator$equal') return undefined;
  const [a, b] = e.arguments;
  return a?.kind === 'variable' && b?.kind === 'variable' ? [a.name, b.name] : undefined;
}

/** Numbers (and dates as days) for range arithmetic. */
function numeric(v: SqlValue | undefined): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  return undefined;
}

function valueSize(v: SqlValue): number | undefined {
  if (typeof v === 'string') return v.length;
  return undefined;
}

const FIXED_WIDTHS: Readonly<Partial<Record<SqlType['kind'], number>>> = {
  boolean: 1,
  tinyint: 1,
  smallint: 2,
  integer: 4,
  real: 4,
  date: 4,
  bigint: 8,
  double: 8,
  time: 8,
  'interval day to second': 8,
  'interval year to month': 8,
  timestamp: 12,
  'timestamp with time zone': 12,
  'time with time zone': 12,
  uuid: 16,
  ipaddress: 16,
};

/** Bytes of a value of a fixed-width type. */
function fixedWidth(type: SqlType): number | undefined {
  if (type.kind === 'decimal') return type.precision <= 18 ? 8 : 16;
  return FIXED_WIDTHS[type.kind];
}
