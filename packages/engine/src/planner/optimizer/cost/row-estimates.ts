import type { RowExpression } from '../../../ir/row-expression.js';
import { extractConjuncts, symbolsIn } from '../../plan/row-expression-utils.js';
import type { PlanNode } from '../../plan/plan-node.js';
import { collectNodes, planSources } from '../../plan/plan-sources.js';
import type { OptimizerContext } from '../optimizer-context.js';
import { StatsCalculator } from './stats-calculator.js';

export const UNKNOWN_TABLE_ROWS = 1_000_000;

/** Fetches row counts of every table scan in the plan (once per scan) into the context. */
export async function loadTableRowCounts(root: PlanNode, context: OptimizerContext): Promise<void> {
  for (const n of collectNodes(root)) {
    if (n.kind !== 'tableScan' || context.tableRowCounts.has(n.id)) continue;
    let rows = UNKNOWN_TABLE_ROWS;
    try {
      const stats = await context.planner.metadata.getTableStatistics(context.planner.session, {
        catalog: n.table.catalog,
        schema: n.table.schema,
        table: n.table.table,
        connectorHandle: n.handle,
      });
      if (stats.rowCount !== undefined && Number.isFinite(stats.rowCount)) rows = stats.rowCount;
      if (stats.columns !== undefined) context.tableColumnStatistics?.set(n.id, stats.columns);
    } catch {
      rows = UNKNOWN_TABLE_ROWS;
    }
    context.tableRowCounts.set(n.id, rows);
  }
}

export interface RowEstimate {
  /** Estimated output rows. */
  readonly rows: number;
  /** Rows of the largest underlying table before filters (how "wide" a join key domain is). */
  readonly base: number;
}

/** A heuristic filter factor of one conjunct. */
export function conjunctSelectivity(c: RowExpression): number {
  if (c.kind === 'call') {
    const hasConstant = c.arguments.some((a) => a.kind === 'constant' || a.kind === 'cast');
    switch (c.function.name) {
      case '$operator$equal':
        return hasConstant ? 0.1 : 0.5;
      case '$operator$not_equal':
        return 0.9;
      case '$operator$less_than':
      case '$operator$less_than_or_equal':
      case '$operator$greater_than':
      case '$operator$greater_than_or_equal':
        return hasConstant ? 0.5 : 0.5;
      case 'like':
        return 0.25;
      default:
        return 0.9;
    }
  }
  if (c.kind === 'special') {
    if (c.form === 'BETWEEN') return 0.25;
    if (c.form === 'IN') return Math.min(1, 0.1 * (c.arguments.length - 1));
    if (c.form === 'OR') return Math.min(1, c.arguments.map(conjunctSelectivity).reduce((a, b) => a + b, 0));
    if (c.form === 'NOT') return 1 - conjunctSelectivity(c.arguments[0]!) * 0.9;
    if (c.form === 'IS_NULL') return 0.1;
    return 0.9;
  }
  return 0.9;
}

/** Distinct values of a symbol where statistics tell (scan columns, through filters, projections and joins). */
export function symbolDistinctValues(node: PlanNode, symbol: string, context: OptimizerContext): number | undefined {
  if (node.kind === 'tableScan') {
    const assignment = node.assignments.find((a) => a.symbol.name === symbol);
    if (assignment === undefined) return undefined;
    return context.tableColumnStatistics?.get(node.id)?.[assignment.column.name]?.distinctValuesCount;
  }
  if (node.kind === 'project') {
    const a = node.assignments.find((x) => x.symbol.name === symbol);
    if (a === undefined || a.expression.kind !== 'variable') return undefined;
    return symbolDistinctValues(node.source, a.expression.name, context);
  }
  if (node.kind === 'aggregation' && !node.groupingKeys.some((k) => k.name === symbol)) return undefined;
  for (const source of planSources(node)) {
    if (source.outputs.some((o) => o.name === symbol)) {
      const ndv = symbolDistinctValues(source, symbol, context);
      return ndv === undefined ? undefined : Math.min(ndv, estimateRows(node, context).rows);
    }
  }
  return undefined;
}

function filterFactor(c: RowExpression, source: PlanNode, context: OptimizerContext): number {
  // col = constant: 1 / distinct values when statistics have them
  if (c.kind === 'call' && c.function.name === '$operator$equal') {
    const [a, b] = c.arguments;
    const column = a?.kind === 'variable' && b?.kind === 'constant' ? a : b?.kind === 'variable' && a?.kind === 'constant' ? b : undefined;
    if (column !== undefined) {
      const ndv = symbolDistinctValues(source, column.name, context);
      if (ndv !== undefined && ndv > 0) return 1 / ndv;
    }
  }
  if (c.kind === 'special' && c.form === 'IN' && c.arguments[0]?.kind === 'variable') {
    const ndv = symbolDistinctValues(source, c.arguments[0].name, context);
    if (ndv !== undefined && ndv > 0) return Math.min(1, (c.arguments.length - 1) / ndv);
  }
  return conjunctSelectivity(c);
}

/**
 * Estimated output rows of a node: the statistics-based estimate (`StatsCalculator`) where
 * connector statistics make one, else the heuristic below; `base` is the heuristic's input width.
 */
export function estimateRows(node: PlanNode, context: OptimizerContext): RowEstimate {
  const heuristic = heuristicRows(node, context);
  const known = new Map(context.tableRowCounts);
  for (const [id, rows] of known) if (rows === UNKNOWN_TABLE_ROWS) known.delete(id);
  const rows = new StatsCalculator({ ...context, tableRowCounts: known }).stats(node).rows;
  return rows === undefined ? heuristic : { rows: Math.max(rows, 1), base: heuristic.base };
}

function heuristicRows(node: PlanNode, context: OptimizerContext): RowEstimate {
  if (node.kind === 'tableScan') {
    const rows = context.tableRowCounts.get(node.id) ?? UNKNOWN_TABLE_ROWS;
    const constrained = node.enforcedConstraint.kind === 'columns' ? 0.5 ** node.enforcedConstraint.columns.length : 1;
    return { rows: Math.max(1, rows * constrained), base: rows };
  }
  if (node.kind === 'values') return { rows: node.rows.length, base: node.rows.length };
  if (node.kind === 'filter') {
    const s = estimateRows(node.source, context);
    const factor = extractConjuncts(node.predicate).map((c) => filterFactor(c, node.source, context)).reduce((a, b) => a * b, 1);
    return { rows: Math.max(1, s.rows * factor), base: s.base };
  }
  if (node.kind === 'aggregation') {
    const s = estimateRows(node.source, context);
    if (node.groupingKeys.length === 0) return { rows: 1, base: 1 };
    const rows = Math.max(1, Math.min(s.rows, s.rows * 0.1 * node.groupingKeys.length));
    return { rows, base: rows };
  }
  if (node.kind === 'join') {
    const l = estimateRows(node.left, context);
    const r = estimateRows(node.right, context);
    if (node.criteria.length === 0) {
      const rows = l.rows * r.rows * (node.filter === undefined ? 1 : 0.5);
      return { rows, base: Math.max(l.base, r.base, rows) };
    }
    const [big, small] = l.base >= r.base ? [l, r] : [r, l];
    let rows = big.rows * Math.min(1, small.rows / Math.max(1, small.base));
    // with distinct counts: |L| * |R| / max(ndv(l), ndv(r)) for the most selective clause
    let divisor = 0;
    for (const c of node.criteria) {
      const ndvLeft = symbolDistinctValues(node.left, c.left.name, context);
      const ndvRight = symbolDistinctValues(node.right, c.right.name, context);
      if (ndvLeft !== undefined && ndvRight !== undefined) divisor = Math.max(divisor, ndvLeft, ndvRight);
    }
    if (divisor > 0) rows = (l.rows * r.rows) / divisor;
    if (node.joinType === 'LEFT') rows = Math.max(rows, l.rows);
    if (node.joinType === 'RIGHT') rows = Math.max(rows, r.rows);
    if (node.joinType === 'FULL') rows = Math.max(rows, l.rows, r.rows);
    if (node.filter !== undefined) rows *= 0.5;
    return { rows: Math.max(1, rows), base: big.base };
  }
  if (node.kind === 'semiJoin') return estimateRows(node.source, context);
  if (node.kind === 'limit' || node.kind === 'topN') {
    const s = estimateRows(node.source, context);
    return { rows: Math.min(s.rows, node.count), base: s.base };
  }
  if (node.kind === 'union') {
    const rows = node.sources.map((s) => estimateRows(s, context)).reduce((a, b) => a + b.rows, 0);
    return { rows, base: rows };
  }
  if (node.kind === 'enforceSingleRow') return { rows: 1, base: 1 };
  const sources = planSources(node);
  if (sources.length >= 1) return estimateRows(sources[0]!, context);
  return { rows: UNKNOWN_TABLE_ROWS, base: UNKNOWN_TABLE_ROWS };
}

export function referencedNames(e: RowExpression): Set<string> {
  return symbolsIn(e);
}
