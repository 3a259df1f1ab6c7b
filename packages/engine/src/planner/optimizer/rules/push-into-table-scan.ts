import { assertNever, isTrinoError } from '@petrel/spi';
import type { ColumnDomain, ConnectorColumnHandle, ConnectorFilterExpression, TupleDomain } from '@petrel/spi';
import type { RowExpression } from '../../../ir/row-expression.js';
import { combineConjuncts, extractConjuncts } from '../../plan/row-expression-utils.js';
import { toColumnDomain } from '../../plan/predicate-domains.js';
import type { PlanNode, TableScanNode } from '../../plan/plan-node.js';
import { planSources, replaceSources } from '../../plan/plan-sources.js';
import type { OptimizerContext, PlanOptimizer } from '../optimizer-context.js';

/**
 * Connector pushdown through the SPI: filters over a scan become a TupleDomain for `applyFilter`
 * (comparisons with constants, IN lists, BETWEEN, IS [NOT] NULL) plus `column LIKE constant` as connector
 * filter expressions, the scan's columns go to
 * `applyProjection`, LIMIT and TopN over a scan to `applyLimit` / `applyTopN`.
 */
export const pushIntoTableScan: PlanOptimizer = {
  name: 'PushIntoTableScan',
  async optimize(root, context) {
    return rewrite(root, context);
  },
};

async function rewrite(node: PlanNode, context: OptimizerContext): Promise<PlanNode> {
  const sources = await Promise.all(planSources(node).map((s) => rewrite(s, context)));
  return pushIntoNode(replaceSources(node, sources), context);
}

/** Pushes one node (whose sources are already rewritten) into the scan below it, when the connector takes it. */
export async function pushIntoNode(rewritten: PlanNode, context: OptimizerContext): Promise<PlanNode> {
  try {
    switch (rewritten.kind) {
      case 'tableScan':
        return await pushProjection(rewritten, context);
      case 'filter':
        if (rewritten.source.kind === 'tableScan') return await pushFilter(rewritten.source, rewritten.predicate, context, rewritten);
        return rewritten;
      case 'aggregation':
        return await pushAggregation(rewritten, context);
      case 'limit': {
        const scan = scanBelow(rewritten.source);
        if (scan === undefined || rewritten.tiesResolvingScheme !== undefined) return rewritten;
        const metadata = context.planner.metadata.getConnector(scan.table.catalog).metadata;
        if (metadata.applyLimit === undefined) return rewritten;
        const result = await metadata.applyLimit(session(scan, context), scan.handle, rewritten.count);
        if (result === undefined) return rewritten;
        return { ...rewritten, source: replaceScan(rewritten.source, { ...scan, handle: result.handle }) };
      }
      case 'topN': {
        const scan = rewritten.source.kind === 'tableScan' ? rewritten.source : undefined;
        if (scan === undefined) return rewritten;
        const metadata = context.planner.metadata.getConnector(scan.table.catalog).metadata;
        if (metadata.applyTopN === undefined) return rewritten;
        const items = rewritten.orderBy.map((o) => ({ column: scan.assignments.find((a) => a.symbol.name === o.symbol.name)?.column, ascending: o.ascending, nullsFirst: o.nullsFirst }));
        if (items.some((i) => i.column === undefined)) return rewritten;
        const result = await metadata.applyTopN(session(scan, context), scan.handle, rewritten.count, items as { column: NonNullable<(typeof items)[number]['column']>; ascending: boolean; nullsFirst: boolean }[]);
        if (result === undefined) return rewritten;
        return { ...rewritten, source: { ...scan, handle: result.handle } };
      }
      case 'output':
      case 'values':
      case 'project':
      case 'groupId':
      case 'markDistinct':
      case 'join':
      case 'semiJoin':
      case 'sort':
      case 'offset':
      case 'distinctLimit':
      case 'window':
      case 'union':
      case 'intersect':
      case 'except':
      case 'unnest':
      case 'enforceSingleRow':
      case 'assignUniqueId':
      case 'apply':
      case 'correlatedJoin':
      case 'sample':
      case 'rowNumber':
      case 'topNRanking':
      case 'tableFunction':
      case 'tableWriter':
      case 'tableFinish':
      case 'tableDelete':
      case 'exchange':
      case 'remoteSource':
      case 'explainAnalyze':
        return rewritten;
    }
  } catch (error) {
    if (isTrinoError(error)) throw error;
    return rewritten;
  }
}

function scanBelow(node: PlanNode): TableScanNode | undefined {
  if (node.kind === 'tableScan') return node;
  if (node.kind === 'project') return scanBelow(node.source);
  return undefined;
}

function replaceScan(node: PlanNode, scan: TableScanNode): PlanNode {
  if (node.kind === 'tableScan') return scan;
  if (node.kind === 'project') return { ...node, source: replaceScan(node.source, scan) };
  return node;
}

function session(scan: TableScanNode, context: OptimizerContext) {
  return context.planner.metadata.connectorSession(context.planner.session, scan.table.catalog, context.planner.queryId);
}

/**
 * Offers every scan's current columns to `applyProjection` again. Runs after column pruning: the
 * first projection pushdown happens bottom-up, before a pushed filter is known to be fully enforced,
 * so a column read only by that filter would otherwise stay in the remote select list.
 */
export async function narrowScanProjections(node: PlanNode, context: OptimizerContext): Promise<PlanNode> {
  if (node.kind === 'tableScan') {
    try {
      return await pushProjection(node, context);
    } catch (error) {
      if (isTrinoError(error)) throw error;
      return node;
    }
  }
  const sources = planSources(node);
  if (sources.length === 0) return node;
  const narrowed = await Promise.all(sources.map((s) => narrowScanProjections(s, context)));
  return narrowed.every((n, i) => n === sources[i]) ? node : replaceSources(node, narrowed);
}

async function pushProjection(scan: TableScanNode, context: OptimizerContext): Promise<PlanNode> {
  const metadata = context.planner.metadata.getConnector(scan.table.catalog).metadata;
  if (metadata.applyProjection === undefined) return scan;
  const result = await metadata.applyProjection(session(scan, context), scan.handle, scan.assignments.map((a) => a.column));
  if (result === undefined || result.columns.length !== scan.assignments.length) return scan;
  return { ...scan, handle: result.handle, assignments: scan.assignments.map((a, i) => ({ symbol: a.symbol, column: result.columns[i]! })) };
}

async function pushFilter(scan: TableScanNode, predicate: RowExpression, context: OptimizerContext, filter: PlanNode & { kind: 'filter' }): Promise<PlanNode> {
  const metadata = context.planner.metadata.getConnector(scan.table.catalog).metadata;
  if (metadata.applyFilter === undefined) return filter;
  const columnOf = new Map(scan.assignments.map((a) => [a.symbol.name, a.column] as const));
  const conjuncts = extractConjuncts(predicate);
  const domains = new Map<string, ColumnDomain>();
  const translated: { readonly conjunct: RowExpression; readonly column: string }[] = [];
  const remaining: RowExpression[] = [];
  const offered: { readonly conjunct: RowExpression; readonly expression: ConnectorFilterExpression }[] = [];
  for (const c of conjuncts) {
    const like = toLikeExpression(c, columnOf);
    if (like !== undefined) {
      offered.push({ conjunct: c, expression: like });
      continue;
    }
    const d = toColumnDomain(c, columnOf);
    if (d === undefined || domains.has(d.column)) {
      remaining.push(c);
      continue;
    }
    domains.set(d.column, d);
    translated.push({ conjunct: c, column: d.column });
  }
  if (domains.size === 0 && offered.length === 0) return filter;
  const constraint: TupleDomain = domains.size === 0 ? { kind: 'all' } : { kind: 'columns', columns: [...domains.values()] };
  const expressions = offered.map((o) => o.expression);
  const result = await (expressions.length === 0
    ? metadata.applyFilter(session(scan, context), scan.handle, constraint)
    : metadata.applyFilter(session(scan, context), scan.handle, constraint, expressions));
  if (result === undefined) return filter;
  const newScan: TableScanNode = { ...scan, handle: result.handle, enforcedConstraint: domains.size === 0 ? scan.enforcedConstraint : constraint };
  const notTaken = new Set(result.remainingExpressions ?? expressions);
  const untranslated = [...remaining, ...offered.filter((o) => notTaken.has(o.expression)).map((o) => o.conjunct)];
  const rest = unenforcedConjuncts(conjuncts, translated, untranslated, result.remainingFilter);
  if (rest.length === 0) return newScan;
  return { ...filter, source: newScan, predicate: combineConjuncts(rest) };
}

/**
 * `column LIKE 'constant' [ESCAPE 'constant']` over a varchar column of the scan, as a connector
 * filter expression (char(n) is not offered: its padding changes LIKE).
 */
function toLikeExpression(conjunct: RowExpression, columnOf: ReadonlyMap<string, ConnectorColumnHandle>): ConnectorFilterExpression | undefined {
  if (conjunct.kind !== 'call' || conjunct.function.name !== 'like') return undefined;
  const [value, pattern, escape] = conjunct.arguments;
  if (value === undefined || pattern === undefined || conjunct.arguments.length > 3) return undefined;
  if (value.kind !== 'variable' || value.type.kind !== 'varchar') return undefined;
  const column = columnOf.get(value.name);
  if (column === undefined) return undefined;
  if (pattern.kind !== 'constant' || typeof pattern.value !== 'string') return undefined;
  if (escape === undefined) return { kind: 'like', column: column.name, pattern: pattern.value };
  if (escape.kind !== 'constant' || typeof escape.value !== 'string') return undefined;
  return { kind: 'like', column: column.name, pattern: pattern.value, escape: escape.value };
}

/**
 * The conjuncts Petrel must still evaluate after `applyFilter`: the untranslated ones plus those whose
 * column the connector left in its remaining filter (a column it took exactly is not re-checked, so
 * the scan need not read a column used only there).
 */
function unenforcedConjuncts(
  conjuncts: readonly RowExpression[],
  translated: readonly { readonly conjunct: RowExpression; readonly column: string }[],
  untranslated: readonly RowExpression[],
  remainingFilter: TupleDomain,
): readonly RowExpression[] {
  switch (remainingFilter.kind) {
    case 'all':
      return untranslated;
    case 'none':
      return conjuncts;
    case 'columns': {
      const unenforced = new Set(remainingFilter.columns.map((c) => c.column));
      const kept = new Set([...untranslated, ...translated.filter((t) => unenforced.has(t.column)).map((t) => t.conjunct)]);
      return conjuncts.filter((c) => kept.has(c));
    }
    default:
      return assertNever(remainingFilter, 'tuple domain');
  }
}

/**
 * An aggregation over a scan (possibly through projections of plain columns) becomes a scan of the
 * connector's aggregated handle when `applyAggregation` accepts it: aggregate outputs then grouping
 * columns map to the returned column handles.
 */
async function pushAggregation(node: PlanNode & { kind: 'aggregation' }, context: OptimizerContext): Promise<PlanNode> {
  if (node.step !== 'SINGLE' || node.groupIdSymbol !== undefined) return node;
  if (node.aggregates.some((a) => a.filter !== undefined || a.mask !== undefined || a.orderBy.length > 0)) return node;
  // resolve symbols through identity-like projections down to the scan
  let source = node.source;
  const rename = new Map<string, string>();
  while (source.kind === 'project') {
    for (const a of source.assignments) {
      if (a.expression.kind !== 'variable') continue;
      rename.set(a.symbol.name, rename.get(a.expression.name) ?? a.expression.name);
    }
    source = source.source;
  }
  if (source.kind !== 'tableScan') return node;
  const scan = source;
  const metadata = context.planner.metadata.getConnector(scan.table.catalog).metadata;
  if (metadata.applyAggregation === undefined) return node;
  const columnOf = (name: string) => {
    const resolved = rename.get(name) ?? name;
    return scan.assignments.find((a) => a.symbol.name === resolved)?.column;
  };
  const aggregates = [];
  for (const a of node.aggregates) {
    const columns = a.arguments.map((s) => columnOf(s.name));
    if (columns.some((c) => c === undefined)) return node;
    aggregates.push({ name: a.function.name, arguments: columns as NonNullable<(typeof columns)[number]>[], outputType: a.output.type, distinct: a.distinct });
  }
  const grouping = node.groupingKeys.map((k) => columnOf(k.name));
  if (grouping.some((c) => c === undefined)) return node;
  const result = await metadata.applyAggregation(session(scan, context), scan.handle, aggregates, grouping as NonNullable<(typeof grouping)[number]>[]);
  if (result === undefined || result.outputColumns.length !== aggregates.length + grouping.length) return node;
  const symbols = [...node.aggregates.map((a) => a.output), ...node.groupingKeys];
  const columnBySymbol = new Map(symbols.map((symbol, i) => [symbol.name, result.outputColumns[i]!] as const));
  const assignments = node.outputs.map((symbol) => ({ symbol, column: columnBySymbol.get(symbol.name)! }));
  const pushed: TableScanNode = { ...scan, id: node.id, handle: result.handle, assignments, outputs: node.outputs, enforcedConstraint: scan.enforcedConstraint, dynamicFilters: [] };
  return pushed;
}
