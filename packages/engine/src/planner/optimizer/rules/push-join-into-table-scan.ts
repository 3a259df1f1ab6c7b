import { isTrinoError } from '@petrel/spi';
import type { ColumnDomain, ConnectorColumnHandle, JoinCondition, JoinStatistics, TupleDomain } from '@petrel/spi';
import type { RowExpression } from '../../../ir/row-expression.js';
import { combineConjuncts, extractConjuncts, isDeterministic, symbolsIn } from '../../plan/row-expression-utils.js';
import type { Symbol } from '../../plan/symbol.js';
import type { JoinNode, PlanNode, TableScanNode } from '../../plan/plan-node.js';
import { planSources, replaceSources } from '../../plan/plan-sources.js';
import { StatsCalculator } from '../cost/stats-calculator.js';
import { loadTableRowCounts, UNKNOWN_TABLE_ROWS } from '../cost/row-estimates.js';
import type { OptimizerContext, PlanOptimizer } from '../optimizer-context.js';
import { narrowScanProjections, pushIntoNode } from './push-into-table-scan.js';

/**
 * Trino's PushJoinIntoTableScan: a join of two scans of the same catalog becomes one scan of the
 * connector's joined handle when `applyJoin` accepts it (the JDBC connectors run the join in the
 * remote database). The whole join condition must translate: equi-join criteria plus a filter made
 * only of comparisons between a left and a right column; cross joins are never pushed. The engine
 * passes its estimates (rows and bytes of both sides and of the join) so that the connector can
 * decide by cost. Runs after filter, projection and column pruning pushdown and before join sides,
 * dynamic filters and exchanges are chosen; once a join is pushed, the nodes above it get another
 * chance at pushdown (a filter, aggregation, limit or TopN over the joined scan).
 */
export const pushJoinIntoTableScan: PlanOptimizer = {
  name: 'PushJoinIntoTableScan',
  async optimize(root, context) {
    // column pruning ran since the first projection pushdown: scans drop the columns nothing reads
    return (await rewrite(await narrowScanProjections(root, context), context)).node;
  },
};

const OPERATORS: Readonly<Record<string, JoinCondition['operator']>> = {
  '$operator$equal': '=',
  '$operator$not_equal': '<>',
  '$operator$less_than': '<',
  '$operator$less_than_or_equal': '<=',
  '$operator$greater_than': '>',
  '$operator$greater_than_or_equal': '>=',
  '$operator$is_distinct_from': 'IS DISTINCT FROM',
};

const FLIPPED: Readonly<Record<JoinCondition['operator'], JoinCondition['operator']>> = {
  '=': '=',
  '<>': '<>',
  '<': '>',
  '<=': '>=',
  '>': '<',
  '>=': '<=',
  'IS DISTINCT FROM': 'IS DISTINCT FROM',
};

async function rewrite(node: PlanNode, context: OptimizerContext): Promise<{ node: PlanNode; pushed: boolean }> {
  const results = await Promise.all(planSources(node).map((s) => rewrite(s, context)));
  const below = results.some((r) => r.pushed);
  let rewritten = below ? replaceSources(node, results.map((r) => r.node)) : node;
  if (rewritten.kind === 'join') {
    const joined = await pushJoin(rewritten, context);
    if (joined !== undefined) return { node: joined, pushed: true };
  }
  // a node above a pushed join may now push into the joined scan (filter, aggregation, limit, TopN)
  if (below) rewritten = await pushIntoNode(rewritten, context);
  return { node: rewritten, pushed: below };
}

/**
 * One side of a join as the scan it reads: identity or renaming projections and (on a side the join
 * preserves) filters the connector could not take are looked through; the filters move above the
 * joined scan, which is the same result because a preserved side's rows are never padded with NULLs.
 */
interface JoinSide {
  readonly scan: TableScanNode;
  /** Every symbol visible at some level of the side, with the scan column it reads. */
  readonly columns: ReadonlyMap<string, { readonly symbol: Symbol; readonly column: ConnectorColumnHandle }>;
  readonly filters: readonly RowExpression[];
}

function unwrapSide(node: PlanNode, preserved: boolean): JoinSide | undefined {
  if (node.kind === 'tableScan') return { scan: node, columns: new Map(node.assignments.map((a) => [a.symbol.name, a] as const)), filters: [] };
  if (node.kind === 'project') {
    const inner = unwrapSide(node.source, preserved);
    if (inner === undefined) return undefined;
    const columns = new Map(inner.columns);
    for (const a of node.assignments) {
      if (a.expression.kind !== 'variable') return undefined;
      const column = inner.columns.get(a.expression.name);
      if (column === undefined) return undefined;
      columns.set(a.symbol.name, { symbol: a.symbol, column: column.column });
    }
    return { ...inner, columns };
  }
  if (node.kind === 'filter') {
    if (!preserved || !isDeterministic(node.predicate)) return undefined;
    const inner = unwrapSide(node.source, preserved);
    if (inner === undefined) return undefined;
    return { ...inner, filters: [...inner.filters, ...extractConjuncts(node.predicate)] };
  }
  return undefined;
}

async function pushJoin(join: JoinNode, context: OptimizerContext): Promise<PlanNode | undefined> {
  if (join.criteria.length === 0) return undefined;
  const left = unwrapSide(join.left, join.joinType === 'INNER' || join.joinType === 'LEFT');
  const right = unwrapSide(join.right, join.joinType === 'INNER' || join.joinType === 'RIGHT');
  if (left === undefined || right === undefined) return undefined;
  if (left.scan.table.catalog !== right.scan.table.catalog) return undefined;
  if (left.scan.dynamicFilters.length > 0 || right.scan.dynamicFilters.length > 0) return undefined;
  const metadata = context.planner.metadata.getConnector(left.scan.table.catalog).metadata;
  if (metadata.applyJoin === undefined) return undefined;
  const conditions: JoinCondition[] = [];
  for (const clause of join.criteria) {
    const l = left.columns.get(clause.left.name);
    const r = right.columns.get(clause.right.name);
    if (l === undefined || r === undefined) return undefined;
    conditions.push({ left: l.column, operator: '=', right: r.column });
  }
  if (join.filter !== undefined) {
    for (const conjunct of extractConjuncts(join.filter)) {
      const condition = toJoinCondition(conjunct, left.columns, right.columns);
      if (condition === undefined) return undefined;
      conditions.push(condition);
    }
  }
  const session = context.planner.metadata.connectorSession(context.planner.session, left.scan.table.catalog, context.planner.queryId);
  let result;
  try {
    result = await metadata.applyJoin(session, join.joinType, left.scan.handle, right.scan.handle, conditions, await joinStatistics(join, context));
  } catch (error) {
    if (isTrinoError(error)) throw error;
    return undefined;
  }
  if (result === undefined) return undefined;
  // the joined scan produces the join's outputs plus what the lifted filters read
  const wanted = new Map<string, { symbol: Symbol; column: ConnectorColumnHandle }>();
  const filters = [...left.filters, ...right.filters];
  const needed = [...join.outputs.map((s) => s.name), ...filters.flatMap((f) => [...symbolsIn(f)])];
  for (const name of needed) {
    if (wanted.has(name)) continue;
    const fromLeft = left.columns.get(name);
    const side = fromLeft === undefined ? right.columns.get(name) : fromLeft;
    const mapping = fromLeft === undefined ? result.rightColumns : result.leftColumns;
    const mapped = side === undefined ? undefined : mapping.get(side.column.name);
    if (side === undefined || mapped === undefined) return undefined;
    wanted.set(name, { symbol: side.symbol, column: mapped });
  }
  let assignments = [...wanted.values()];
  let handle = result.handle;
  // the connector's joined handle produces both sides' columns: keep only what is read
  if (metadata.applyProjection !== undefined) {
    const projected = await metadata.applyProjection(session, handle, assignments.map((a) => a.column));
    if (projected !== undefined && projected.columns.length === assignments.length) {
      handle = projected.handle;
      assignments = assignments.map((a, i) => ({ symbol: a.symbol, column: projected.columns[i]! }));
    }
  }
  const scan: TableScanNode = {
    kind: 'tableScan',
    id: join.id,
    outputs: assignments.map((a) => a.symbol),
    table: left.scan.table,
    handle,
    assignments,
    enforcedConstraint: joinedConstraint(join, left.scan, right.scan, result.leftColumns, result.rightColumns),
    dynamicFilters: [],
  };
  if (filters.length === 0) return context.nodes.restrict(scan, join.outputs);
  return context.nodes.restrict(context.nodes.filter(scan, combineConjuncts(filters)), join.outputs);
}

function toJoinCondition(conjunct: RowExpression, leftColumns: JoinSide['columns'], rightColumns: JoinSide['columns']): JoinCondition | undefined {
  const leftColumn = (name: string) => leftColumns.get(name)?.column;
  const rightColumn = (name: string) => rightColumns.get(name)?.column;
  if (conjunct.kind !== 'call' || conjunct.arguments.length !== 2) return undefined;
  const operator = OPERATORS[conjunct.function.name];
  if (operator === undefined) return undefined;
  const [a, b] = conjunct.arguments;
  if (a?.kind !== 'variable' || b?.kind !== 'variable') return undefined;
  const al = leftColumn(a.name);
  const br = rightColumn(b.name);
  if (al !== undefined && br !== undefined) return { left: al, operator, right: br };
  const bl = leftColumn(b.name);
  const ar = rightColumn(a.name);
  if (bl !== undefined && ar !== undefined) return { left: bl, operator: FLIPPED[operator], right: ar };
  return undefined;
}

/** The constraints both scans enforced, on the joined handle's column names (for EXPLAIN and estimates). */
function joinedConstraint(
  join: JoinNode,
  left: TableScanNode,
  right: TableScanNode,
  leftColumns: ReadonlyMap<string, ConnectorColumnHandle>,
  rightColumns: ReadonlyMap<string, ConnectorColumnHandle>,
): TupleDomain {
  const sides = [
    [left.enforcedConstraint, leftColumns, join.joinType === 'INNER' || join.joinType === 'LEFT'],
    [right.enforcedConstraint, rightColumns, join.joinType === 'INNER' || join.joinType === 'RIGHT'],
  ] as const;
  const columns: ColumnDomain[] = [];
  for (const [constraint, mapping, preserved] of sides) {
    if (constraint.kind === 'none') {
      if (join.joinType === 'INNER') return constraint;
      continue;
    }
    // a side padded with NULLs by an outer join no longer satisfies its own constraint
    if (constraint.kind !== 'columns' || !preserved) continue;
    for (const c of constraint.columns) {
      const mapped = mapping.get(c.column);
      if (mapped !== undefined) columns.push({ ...c, column: mapped.name });
    }
  }
  return columns.length === 0 ? { kind: 'all' } : { kind: 'columns', columns };
}

/** Rows and bytes of both sides and of the join, from connector statistics (undefined when unknown). */
async function joinStatistics(join: JoinNode, context: OptimizerContext): Promise<JoinStatistics> {
  await loadTableRowCounts(join, context);
  const known = new Map(context.tableRowCounts);
  for (const [id, rows] of known) if (rows === UNKNOWN_TABLE_ROWS) known.delete(id);
  const stats = new StatsCalculator({ ...context, tableRowCounts: known });
  return {
    leftRows: stats.stats(join.left).rows,
    rightRows: stats.stats(join.right).rows,
    joinRows: stats.stats(join).rows,
    leftDataSize: stats.outputSize(join.left),
    rightDataSize: stats.outputSize(join.right),
    joinDataSize: stats.outputSize(join),
  };
}
