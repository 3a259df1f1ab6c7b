import { typeDisplayName } from '@petrel/spi';
import type { Domain, TupleDomain } from '@petrel/spi';
import type { ExecutionStats, OperatorStats } from '../../execution/execution-context.js';
import { fragmentPlan } from '../fragmenter/fragment-plan.js';
import { estimatesOf, formatEstimate } from '../optimizer/cost/plan-estimates.js';
import type { NodeEstimate } from '../optimizer/cost/plan-estimates.js';
import type { PlanNode, SortItem } from '../plan/plan-node.js';
import { planSources } from '../plan/plan-sources.js';
import type { Symbol } from '../plan/symbol.js';
import { formatExpression } from './format-expression.js';

export interface FormatPlanOptions {
  readonly type: 'LOGICAL' | 'DISTRIBUTED' | 'IO' | 'VALIDATE';
  readonly format: 'TEXT' | 'JSON' | 'GRAPHVIZ';
  readonly stats?: ExecutionStats;
  /** Table handle descriptions from connectors (`describeTableHandle`), by table scan node id. */
  readonly describeHandle?: (node: PlanNode & { kind: 'tableScan' }) => string | undefined;
}

interface NodeDescription {
  readonly name: string;
  readonly arguments: string;
  readonly details: readonly string[];
}

/** EXPLAIN output in Trino's style (`Fragment 0 [SINGLE]`, `Output[columnNames = [...]]`, `└─ ...`). */
export function formatPlan(root: PlanNode, options: FormatPlanOptions): string {
  if (options.type === 'VALIDATE') return 'true';
  if (options.type === 'IO') return formatIo(root);
  if (options.format === 'JSON') {
    if (options.type === 'DISTRIBUTED') {
      const out: Record<string, unknown> = {};
      for (const f of fragmentPlan(root)) out[f.id] = toJson(f.root, options);
      return JSON.stringify(out, null, 2);
    }
    return JSON.stringify(toJson(root, options), null, 2);
  }
  if (options.format === 'GRAPHVIZ') return toGraphviz(root, options);
  const estimates = estimatesOf(root);
  if (options.type === 'DISTRIBUTED') {
    const parts: string[] = [];
    for (const f of fragmentPlan(root)) {
      const lines = [`Fragment ${f.id} [${f.partitioning}]`];
      lines.push(`    Output layout: [${f.outputLayout.map((s) => s.name).join(', ')}]`);
      lines.push(`    Output partitioning: ${f.outputPartitioning.kind} [${f.outputPartitioning.columns.map((s) => s.name).join(', ')}]`);
      renderTree(f.root, '    ', '    ', lines, options, estimates);
      parts.push(lines.join('\n'));
    }
    return `${parts.join('\n\n')}\n`;
  }
  const lines: string[] = [];
  renderTree(root, '', '', lines, options, estimates);
  return `${lines.join('\n')}\n`;
}

function renderTree(node: PlanNode, firstPrefix: string, restPrefix: string, lines: string[], options: FormatPlanOptions, estimates: ReadonlyMap<string, NodeEstimate> | undefined): void {
  const d = describe(node, options);
  const children = planSources(node);
  lines.push(`${firstPrefix}${d.name}${d.arguments.length > 0 ? `[${d.arguments}]` : ''}`);
  const pad = children.length > 0 ? '│   ' : '    ';
  lines.push(`${restPrefix}${pad}Layout: [${node.outputs.map(layout).join(', ')}]`);
  if (estimates !== undefined && node.kind !== 'remoteSource') {
    lines.push(`${restPrefix}${pad}Estimates: ${formatEstimate(estimates.get(node.id))}`);
  }
  const stats = options.stats === undefined ? undefined : operatorStats(options.stats, node.id);
  if (stats !== undefined) {
    lines.push(`${restPrefix}${pad}CPU: ${stats.cpuMillis.toFixed(2)}ms, Scheduled: ${stats.wallMillis.toFixed(2)}ms, Output: ${stats.outputRows} rows (${bytes(stats.outputBytes)})`);
    lines.push(`${restPrefix}${pad}Input: ${stats.inputRows} rows (${bytes(stats.inputBytes)}), Peak memory: ${bytes(stats.peakMemoryBytes)}`);
  }
  for (const detail of d.details) lines.push(`${restPrefix}${pad}${detail}`);
  children.forEach((child, i) => {
    const last = i === children.length - 1;
    renderTree(child, `${restPrefix}${last ? '└─ ' : '├─ '}`, `${restPrefix}${last ? '   ' : '│  '}`, lines, options, estimates);
  });
}

function operatorStats(stats: ExecutionStats, id: string): OperatorStats | undefined {
  const matching = stats.operators.filter((o) => o.planNodeId === id);
  if (matching.length === 0) return undefined;
  const sum = (f: (o: OperatorStats) => number): number => matching.reduce((a, o) => a + f(o), 0);
  return {
    planNodeId: id,
    operatorType: matching[0]!.operatorType,
    inputRows: matching[0]!.inputRows,
    inputBytes: matching[0]!.inputBytes,
    outputRows: matching[matching.length - 1]!.outputRows,
    outputBytes: matching[matching.length - 1]!.outputBytes,
    wallMillis: sum((o) => o.wallMillis),
    cpuMillis: sum((o) => o.cpuMillis),
    peakMemoryBytes: Math.max(...matching.map((o) => o.peakMemoryBytes)),
  };
}

function bytes(n: number): string {
  if (n < 1024) return `${n}B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(2)}kB`;
  if (n < 1024 ** 3) return `${(n / 1024 / 1024).toFixed(2)}MB`;
  return `${(n / 1024 ** 3).toFixed(2)}GB`;
}

function layout(s: Symbol): string {
  return `${s.name}:${typeDisplayName(s.type)}`;
}

function sortItems(items: readonly SortItem[]): string {
  return `[${items.map((o) => `${o.symbol.name} ${o.ascending ? 'ASC' : 'DESC'} NULLS ${o.nullsFirst ? 'FIRST' : 'LAST'}`).join(', ')}]`;
}

function names(symbols: readonly Symbol[]): string {
  return `[${symbols.map((s) => s.name).join(', ')}]`;
}

export function describe(node: PlanNode, options: Pick<FormatPlanOptions, 'describeHandle'> = {}): NodeDescription {
  switch (node.kind) {
    case 'output':
      return { name: 'Output', arguments: `columnNames = [${node.columnNames.join(', ')}]`, details: node.outputs.map((s, i) => (node.columnNames[i] !== s.name ? `${node.columnNames[i]} := ${s.name}` : '')).filter((x) => x) };
    case 'tableScan': {
      const handle = options.describeHandle?.(node);
      const details = node.assignments.map((a) => `${a.symbol.name} := ${node.table.catalog}:${a.column.name}`);
      if (node.enforcedConstraint.kind !== 'all') details.unshift(`constraint on [${constraintColumns(node.enforcedConstraint)}]`);
      if (node.dynamicFilters.length > 0) details.unshift(`dynamicFilters = {${node.dynamicFilters.map((f) => `${f.symbol} = #${f.id}`).join(', ')}}`);
      return { name: 'TableScan', arguments: `table = ${node.table.catalog}:${node.table.schema}:${node.table.table}${handle ? ` ${handle}` : ''}`, details };
    }
    case 'values':
      return { name: 'Values', arguments: '', details: node.rows.slice(0, 20).map((r) => `(${r.map(formatExpression).join(', ')})`) };
    case 'filter':
      return { name: 'Filter', arguments: `filterPredicate = ${formatExpression(node.predicate)}`, details: [] };
    case 'project':
      return {
        name: 'Project',
        arguments: '',
        details: node.assignments.filter((a) => !(a.expression.kind === 'variable' && a.expression.name === a.symbol.name)).map((a) => `${a.symbol.name} := ${formatExpression(a.expression)}`),
      };
    case 'aggregation':
      return {
        name: 'Aggregate',
        arguments: `${node.step === 'SINGLE' ? '' : `type = ${node.step}, `}keys = ${names(node.groupingKeys)}${node.groupIdSymbol ? `, groupIdSymbol = ${node.groupIdSymbol.name}` : ''}`,
        details: node.aggregates.map(
          (a) => `${a.output.name} := ${a.function.name}(${a.distinct ? 'DISTINCT ' : ''}${[...a.arguments.map((s) => s.name), ...(a.lambdas ?? []).map(formatExpression)].join(', ')})${a.filter ? ` FILTER (WHERE ${a.filter.name})` : ''}${a.orderBy.length > 0 ? ` ORDER BY ${sortItems(a.orderBy)}` : ''}`,
        ),
      };
    case 'groupId':
      return { name: 'GroupId', arguments: `[${node.groupingSets.map(names).join(', ')}]`, details: node.groupingColumns.map((c) => `${c.output.name} := ${c.input.name}`) };
    case 'markDistinct':
      return { name: 'MarkDistinct', arguments: `distinct = ${names(node.distinctSymbols)}, marker = ${node.marker.name}`, details: [] };
    case 'join': {
      const name = node.criteria.length === 0 && node.filter === undefined && node.joinType === 'INNER' ? 'CrossJoin' : `${node.joinType[0]}${node.joinType.slice(1).toLowerCase()}Join`;
      const args: string[] = [];
      if (node.criteria.length > 0) args.push(`criteria = (${node.criteria.map((c) => `${c.left.name} = ${c.right.name}`).join(') AND (')})`);
      if (node.filter !== undefined) args.push(`filter = ${formatExpression(node.filter)}`);
      if (node.distribution !== undefined) args.push(`distribution = ${node.distribution}`);
      const details = node.dynamicFilters.length > 0 ? [`dynamicFilterAssignments = {${node.dynamicFilters.map((f) => `${f.buildSymbol} -> #${f.id}`).join(', ')}}`] : [];
      return { name, arguments: args.join(', '), details };
    }
    case 'semiJoin':
      return {
        name: 'SemiJoin',
        arguments: `criteria = (${node.sourceJoinSymbol.name} = ${node.filteringSourceJoinSymbol.name})${node.dynamicFilterId === undefined ? '' : `, dynamicFilterId = #${node.dynamicFilterId}`}${node.distribution ? `, distribution = ${node.distribution}` : ''}`,
        details: [`semiJoinOutput := ${node.semiJoinOutput.name}`],
      };
    case 'sort':
      return { name: node.partial ? 'PartialSort' : 'Sort', arguments: `orderBy = ${sortItems(node.orderBy)}`, details: [] };
    case 'topN':
      return { name: node.step === 'PARTIAL' ? 'TopNPartial' : 'TopN', arguments: `count = ${node.count}, orderBy = ${sortItems(node.orderBy)}`, details: [] };
    case 'limit':
      return { name: node.partial ? 'LimitPartial' : 'Limit', arguments: `count = ${node.count}${node.tiesResolvingScheme ? `, withTies, inputPreSortedBy = ${names(node.tiesResolvingScheme.map((s) => s.symbol))}` : ''}`, details: [] };
    case 'offset':
      return { name: 'Offset', arguments: `count = ${node.count}`, details: [] };
    case 'distinctLimit':
      return { name: node.partial ? 'DistinctLimitPartial' : 'DistinctLimit', arguments: `limit = ${node.limit}`, details: [] };
    case 'window':
      return {
        name: 'Window',
        arguments: `partitionBy = ${names(node.partitionBy)}, orderBy = ${sortItems(node.orderBy)}`,
        details: node.functions.map(
          (f) => `${f.output.name} := ${f.function.name}(${f.arguments.map(formatExpression).join(', ')}) ${f.frame.type} ${f.frame.startType.replace('_', ' ')}${f.frame.startValue ? ` ${f.frame.startValue.name}` : ''} ${f.frame.endType.replace('_', ' ')}${f.frame.endValue ? ` ${f.frame.endValue.name}` : ''}`,
        ),
      };
    case 'union':
    case 'intersect':
    case 'except':
      return {
        name: node.kind === 'union' ? 'Union' : node.kind === 'intersect' ? 'Intersect' : 'Except',
        arguments: node.kind === 'union' ? '' : `distinct = ${node.distinct}`,
        details: node.outputs.map((s, i) => `${s.name} := ${names(node.symbolMapping[i]!)}`),
      };
    case 'unnest':
      return {
        name: 'Unnest',
        arguments: `replicate = ${names(node.replicateSymbols)}, unnest = [${node.mappings.map((m) => `${m.input.name} -> ${names(m.outputs)}`).join(', ')}]${node.ordinalitySymbol ? `, ordinality = ${node.ordinalitySymbol.name}` : ''}${node.outer ? ', outer' : ''}`,
        details: [],
      };
    case 'enforceSingleRow':
      return { name: 'EnforceSingleRow', arguments: '', details: [] };
    case 'assignUniqueId':
      return { name: 'AssignUniqueId', arguments: '', details: [`${node.idSymbol.name} := unique()`] };
    case 'apply':
      return { name: 'Apply', arguments: `correlation = ${names(node.correlation)}`, details: node.subqueryAssignments.map((a) => `${a.output.name} := ${a.kind}`) };
    case 'correlatedJoin':
      return { name: 'CorrelatedJoin', arguments: `correlation = ${names(node.correlation)}, type = ${node.joinType}`, details: [] };
    case 'sample':
      return { name: 'Sample', arguments: `type = ${node.sampleType}, ratio = ${node.ratio}`, details: [] };
    case 'rowNumber':
      return { name: 'RowNumber', arguments: `partitionBy = ${names(node.partitionBy)}`, details: [] };
    case 'topNRanking':
      return { name: 'TopNRanking', arguments: `partitionBy = ${names(node.partitionBy)}, orderBy = ${sortItems(node.orderBy)}, limit = ${node.maxRankingPerPartition}`, details: [] };
    case 'tableFunction':
      return { name: 'TableFunction', arguments: `${node.catalog}.${node.name}`, details: [] };
    case 'tableWriter':
      return { name: 'TableWriter', arguments: `target = ${node.target.catalog}:${node.target.schema}:${node.target.table}`, details: node.columns.map((s, i) => `${node.columnNames[i]} := ${s.name}`) };
    case 'tableFinish':
      return { name: 'TableCommit', arguments: `target = ${node.target.catalog}:${node.target.schema}:${node.target.table}`, details: [] };
    case 'tableDelete':
      return { name: 'TableDelete', arguments: `target = ${node.target.catalog}:${node.target.schema}:${node.target.table}`, details: [] };
    case 'exchange':
      return {
        name: `${node.scope === 'REMOTE' ? 'Remote' : 'Local'}Exchange`,
        arguments: `partitioning = ${node.partitioning.kind}${node.partitioning.columns.length > 0 ? ` ${names(node.partitioning.columns)}` : ''}, type = ${node.exchangeType}`,
        details: [],
      };
    case 'remoteSource':
      return { name: node.orderBy ? 'RemoteMerge' : 'RemoteSource', arguments: `sourceFragmentIds = [${node.sourceFragmentIds.join(', ')}]`, details: [] };
    case 'explainAnalyze':
      return { name: 'ExplainAnalyze', arguments: '', details: [] };
  }
}

function constraintColumns(d: TupleDomain): string {
  if (d.kind !== 'columns') return d.kind;
  return d.columns.map((c) => `${c.column} ${domainText(c.domain)}`).join(', ');
}

function domainText(d: Domain): string {
  const v = (x: unknown): string => (typeof x === 'bigint' ? String(x) : JSON.stringify(x));
  switch (d.kind) {
    case 'all':
      return d.nullAllowed ? 'ALL' : 'NOT NULL';
    case 'none':
      return d.nullAllowed ? 'IS NULL' : 'NONE';
    case 'values':
      return `IN (${d.values.map(v).join(', ')})`;
    case 'ranges':
      return d.ranges
        .map((r) => `${r.lowInclusive ? '[' : '('}${r.low === undefined ? '<min>' : v(r.low)}, ${r.high === undefined ? '<max>' : v(r.high)}${r.highInclusive ? ']' : ')'}`)
        .join(' ∪ ');
  }
}

function toJson(node: PlanNode, options: FormatPlanOptions): unknown {
  const d = describe(node, options);
  return {
    id: node.id,
    name: d.name,
    descriptor: d.arguments,
    outputs: node.outputs.map((s) => ({ symbol: s.name, type: typeDisplayName(s.type) })),
    details: d.details,
    children: planSources(node).map((c) => toJson(c, options)),
  };
}

function toGraphviz(root: PlanNode, options: FormatPlanOptions): string {
  const lines = ['digraph logical_plan {'];
  const visit = (n: PlanNode): void => {
    const d = describe(n, options);
    const label = `${d.name}${d.arguments ? `[${d.arguments}]` : ''}`.replace(/"/g, '\\"');
    lines.push(`  plannode_${n.id}[label="${label}", shape=record];`);
    for (const c of planSources(n)) {
      lines.push(`  plannode_${n.id} -> plannode_${c.id};`);
      visit(c);
    }
  };
  visit(root);
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

function formatIo(root: PlanNode): string {
  const inputs: unknown[] = [];
  let output: unknown = null;
  const visit = (n: PlanNode): void => {
    if (n.kind === 'tableScan') {
      inputs.push({
        table: { catalog: n.table.catalog, schemaTable: { schema: n.table.schema, table: n.table.table } },
        columnConstraints: n.enforcedConstraint.kind === 'columns' ? n.enforcedConstraint.columns.map((c) => ({ columnName: c.column, type: typeDisplayName(c.type), domain: domainText(c.domain) })) : [],
      });
    }
    if (n.kind === 'tableFinish') output = { catalog: n.target.catalog, schemaTable: { schema: n.target.schema, table: n.target.table } };
    planSources(n).forEach(visit);
  };
  visit(root);
  return JSON.stringify({ inputTableColumnInfos: inputs, outputTable: output }, null, 2);
}
