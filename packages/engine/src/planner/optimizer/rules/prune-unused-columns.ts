import { assertNever } from '@petrel/spi';
import { symbolsIn } from '../../plan/row-expression-utils.js';
import type { PlanNode } from '../../plan/plan-node.js';
import { referencedSymbols } from '../../plan/plan-symbols.js';
import type { Symbol } from '../../plan/symbol.js';
import type { PlanOptimizer } from '../optimizer-context.js';

/**
 * Removes columns no one reads: scans read only needed columns, projections and aggregations drop
 * unused assignments, joins and set operations output only what their parents use.
 */
export const pruneUnusedColumns: PlanOptimizer = {
  name: 'PruneUnusedColumns',
  optimize(root) {
    return prune(root, new Set(root.outputs.map((s) => s.name)));
  },
};

function keep(symbols: readonly Symbol[], required: ReadonlySet<string>): Symbol[] {
  return symbols.filter((s) => required.has(s.name));
}

function union(a: ReadonlySet<string>, b: Iterable<string>): Set<string> {
  const out = new Set(a);
  for (const x of b) out.add(x);
  return out;
}

export function prune(node: PlanNode, required: ReadonlySet<string>): PlanNode {
  switch (node.kind) {
    case 'output':
    case 'tableWriter':
    case 'tableFinish':
    case 'explainAnalyze':
    case 'enforceSingleRow':
    case 'groupId':
    case 'apply':
    case 'correlatedJoin':
    case 'exchange':
    case 'remoteSource':
    case 'tableFunction':
    case 'tableDelete':
    case 'intersect':
    case 'except':
    case 'rowNumber':
    case 'topNRanking':
    case 'markDistinct':
      return pruneChildrenAll(node);
    case 'tableScan': {
      const assignments = node.assignments.filter((a) => required.has(a.symbol.name));
      return { ...node, assignments, outputs: assignments.map((a) => a.symbol) };
    }
    case 'values': {
      const indexes = node.outputs.map((s, i) => (required.has(s.name) ? i : -1)).filter((i) => i >= 0);
      return { ...node, outputs: indexes.map((i) => node.outputs[i]!), rows: node.rows.map((r) => indexes.map((i) => r[i]!)) };
    }
    case 'project': {
      const assignments = node.assignments.filter((a) => required.has(a.symbol.name));
      const needed = new Set<string>();
      for (const a of assignments) symbolsIn(a.expression, needed);
      let source = prune(node.source, needed);
      // a restriction added when pruning a filter is redundant under a projection
      if (source.kind === 'project' && source.id.endsWith('_pruned')) source = source.source;
      return { ...node, source, assignments, outputs: assignments.map((a) => a.symbol) };
    }
    case 'filter': {
      const source = prune(node.source, union(required, symbolsIn(node.predicate)));
      const filtered: PlanNode = { ...node, source, outputs: source.outputs };
      // columns only the predicate reads stop here
      const kept = keep(source.outputs, required);
      if (kept.length === source.outputs.length) return filtered;
      return {
        kind: 'project',
        id: `${node.id}_pruned`,
        outputs: kept,
        source: filtered,
        assignments: kept.map((s) => ({ symbol: s, expression: { kind: 'variable', name: s.name, type: s.type } })),
      };
    }
    case 'sort':
    case 'topN':
    case 'limit':
    case 'offset':
    case 'sample':
    case 'distinctLimit': {
      const source = prune(node.source, union(required, referencedSymbols(node)));
      return { ...node, source, outputs: source.outputs } as PlanNode;
    }
    case 'assignUniqueId': {
      const source = prune(node.source, required);
      return { ...node, source, outputs: [...source.outputs, node.idSymbol] };
    }
    case 'aggregation': {
      const aggregates = node.aggregates.filter((a) => required.has(a.output.name));
      const pruned = { ...node, aggregates };
      const source = prune(node.source, referencedSymbols(pruned));
      return { ...pruned, source, outputs: [...node.groupingKeys, ...aggregates.map((a) => a.output)] };
    }
    case 'window': {
      const functions = node.functions.filter((f) => required.has(f.output.name));
      if (functions.length === 0) return prune(node.source, required);
      const pruned = { ...node, functions };
      const source = prune(node.source, union(required, referencedSymbols(pruned)));
      return { ...pruned, source, outputs: [...source.outputs, ...functions.map((f) => f.output)] };
    }
    case 'join': {
      const needed = union(required, referencedSymbols(node));
      const left = prune(node.left, needed);
      const right = prune(node.right, needed);
      const outputs = [...keep(left.outputs, required), ...keep(right.outputs, required)];
      return { ...node, left, right, outputs };
    }
    case 'semiJoin': {
      const needed = union(required, [node.sourceJoinSymbol.name]);
      const source = prune(node.source, needed);
      const filteringSource = prune(node.filteringSource, new Set([node.filteringSourceJoinSymbol.name]));
      const outputs = [...source.outputs, node.semiJoinOutput];
      return { ...node, source, filteringSource, outputs };
    }
    case 'union': {
      const indexes = node.outputs.map((s, i) => (required.has(s.name) ? i : -1)).filter((i) => i >= 0);
      const symbolMapping = indexes.map((i) => node.symbolMapping[i]!);
      const sources = node.sources.map((s, j) => prune(s, new Set(symbolMapping.map((m) => m[j]!.name))));
      return { ...node, sources, symbolMapping, outputs: indexes.map((i) => node.outputs[i]!) };
    }
    case 'unnest': {
      const replicateSymbols = keep(node.replicateSymbols, required);
      const needed = new Set([...replicateSymbols.map((s) => s.name), ...node.mappings.map((m) => m.input.name)]);
      if (node.filter) symbolsIn(node.filter, needed);
      const source = prune(node.source, needed);
      return {
        ...node,
        source,
        replicateSymbols,
        outputs: [...replicateSymbols, ...node.mappings.flatMap((m) => m.outputs), ...(node.ordinalitySymbol ? [node.ordinalitySymbol] : [])],
      };
    }
    default:
      return assertNever(node, 'plan node');
  }
}

function pruneChildrenAll(node: PlanNode): PlanNode {
  switch (node.kind) {
    case 'output':
    case 'tableWriter':
    case 'tableFinish':
    case 'explainAnalyze':
    case 'enforceSingleRow':
    case 'groupId':
    case 'rowNumber':
    case 'topNRanking':
    case 'markDistinct': {
      const needed = union(new Set(node.kind === 'enforceSingleRow' || node.kind === 'rowNumber' || node.kind === 'topNRanking' || node.kind === 'markDistinct' ? node.source.outputs.map((s) => s.name) : []), referencedSymbols(node));
      if (node.kind === 'groupId') for (const c of node.groupingColumns) needed.add(c.input.name);
      const source = prune(node.source, needed);
      return { ...node, source } as PlanNode;
    }
    case 'intersect':
    case 'except':
    case 'exchange':
      return { ...node, sources: node.sources.map((s) => prune(s, new Set(s.outputs.map((o) => o.name)))) } as PlanNode;
    case 'apply':
    case 'correlatedJoin':
      return { ...node, input: prune(node.input, new Set(node.input.outputs.map((o) => o.name))), subquery: prune(node.subquery, new Set(node.subquery.outputs.map((o) => o.name))) } as PlanNode;
    case 'tableScan':
    case 'values':
    case 'filter':
    case 'project':
    case 'aggregation':
    case 'join':
    case 'semiJoin':
    case 'sort':
    case 'topN':
    case 'limit':
    case 'offset':
    case 'distinctLimit':
    case 'window':
    case 'union':
    case 'unnest':
    case 'assignUniqueId':
    case 'sample':
    case 'tableFunction':
    case 'tableDelete':
    case 'remoteSource':
      return node;
  }
}
