import type { PlanNode, TableScanNode } from '../../plan/plan-node.js';
import { planSources, replaceSources } from '../../plan/plan-sources.js';
import { extractConjuncts } from '../../plan/row-expression-utils.js';
import type { PlanOptimizer } from '../optimizer-context.js';

/**
 * Registers a dynamic filter for each equi-clause of inner joins whose probe-side key comes
 * straight from a table scan column: the join lists it (id -> build symbol) and the scan lists it
 * (id -> probe symbol), so execution can narrow the scan with the build side's keys. The probe
 * key may reach the scan through projections, filters, joins and aggregations grouping by it.
 */
export const addDynamicFilters: PlanOptimizer = {
  name: 'AddDynamicFilters',
  optimize(root, context) {
    if ((context.planner.session.systemProperties['enable_dynamic_filtering'] ?? 'true').toLowerCase() === 'false') return root;
    let counter = 0;
    // semi joins publish dynamic filters only once execution does (see SemiJoinNode.dynamicFilterId)
    const semiJoinFilters = (context.planner.session.systemProperties['petrel_semi_join_dynamic_filtering'] ?? 'false').toLowerCase() === 'true';
    const rewrite = (node: PlanNode): PlanNode => {
      const rewritten = replaceSources(node, planSources(node).map(rewrite));
      if (rewritten.kind === 'filter' && semiJoinFilters) return semiJoinDynamicFilter(rewritten, () => `df_${counter++}`) ?? rewritten;
      if (rewritten.kind !== 'join' || rewritten.joinType !== 'INNER' && rewritten.joinType !== 'RIGHT' || rewritten.criteria.length === 0) return rewritten;
      const filters: { id: string; buildSymbol: string }[] = [];
      let left = rewritten.left;
      for (const c of rewritten.criteria) {
        const id = `df_${counter++}`;
        const updated = attach(left, c.left.name, id);
        if (updated === undefined) {
          counter--;
          continue;
        }
        left = updated;
        filters.push({ id, buildSymbol: c.right.name });
      }
      return filters.length === 0 ? rewritten : { ...rewritten, left, dynamicFilters: [...rewritten.dynamicFilters, ...filters] };
    };
    return rewrite(root);
  },
};

/**
 * `Filter(semiJoinOutput AND ...)` over a semi join (possibly through a projection passing the
 * output on): rows without a match are dropped anyway, so the semi join's filtering keys may
 * narrow the scan producing its source key.
 */
function semiJoinDynamicFilter(filter: PlanNode & { kind: 'filter' }, nextId: () => string): PlanNode | undefined {
  let semi: PlanNode = filter.source;
  let project: (PlanNode & { kind: 'project' }) | undefined;
  if (semi.kind === 'project') {
    project = semi;
    semi = semi.source;
  }
  if (semi.kind !== 'semiJoin' || semi.dynamicFilterId !== undefined) return undefined;
  const output = semi.semiJoinOutput.name;
  const passed = project === undefined ? output : project.assignments.find((a) => a.expression.kind === 'variable' && a.expression.name === output)?.symbol.name;
  if (passed === undefined || !extractConjuncts(filter.predicate).some((c) => c.kind === 'variable' && c.name === passed)) return undefined;
  const id = nextId();
  const source = attach(semi.source, semi.sourceJoinSymbol.name, id);
  if (source === undefined) return undefined;
  const withFilter: PlanNode = { ...semi, source, dynamicFilterId: id };
  return { ...filter, source: project === undefined ? withFilter : { ...project, source: withFilter } };
}

/** Adds the dynamic filter to the scan producing `symbol` below `node`, or undefined when there is none. */
function attach(node: PlanNode, symbol: string, id: string): PlanNode | undefined {
  switch (node.kind) {
    case 'tableScan': {
      if (!node.outputs.some((s) => s.name === symbol)) return undefined;
      const scan: TableScanNode = { ...node, dynamicFilters: [...node.dynamicFilters, { id, symbol }] };
      return scan;
    }
    case 'filter':
    case 'sort':
    case 'assignUniqueId': {
      const s = attach(node.source, symbol, id);
      return s === undefined ? undefined : ({ ...node, source: s } as PlanNode);
    }
    case 'project': {
      const a = node.assignments.find((x) => x.symbol.name === symbol);
      if (a === undefined || a.expression.kind !== 'variable') return undefined;
      const s = attach(node.source, a.expression.name, id);
      return s === undefined ? undefined : { ...node, source: s };
    }
    case 'join': {
      if (node.left.outputs.some((s) => s.name === symbol) && (node.joinType === 'INNER' || node.joinType === 'LEFT')) {
        const s = attach(node.left, symbol, id);
        return s === undefined ? undefined : { ...node, left: s };
      }
      if (node.right.outputs.some((s) => s.name === symbol) && (node.joinType === 'INNER' || node.joinType === 'RIGHT')) {
        const s = attach(node.right, symbol, id);
        return s === undefined ? undefined : { ...node, right: s };
      }
      return undefined;
    }
    case 'semiJoin': {
      const s = attach(node.source, symbol, id);
      return s === undefined ? undefined : { ...node, source: s };
    }
    case 'aggregation': {
      // a filter on a grouping key drops whole groups: it may run before the aggregation
      if (node.groupingSetCount !== 1 || node.globalGroupingSets.length > 0 || node.groupIdSymbol !== undefined) return undefined;
      if (!node.groupingKeys.some((k) => k.name === symbol)) return undefined;
      const s = attach(node.source, symbol, id);
      return s === undefined ? undefined : { ...node, source: s };
    }
    case 'output':
    case 'values':
    case 'groupId':
    case 'markDistinct':
    case 'topN':
    case 'limit':
    case 'offset':
    case 'distinctLimit':
    case 'window':
    case 'union':
    case 'intersect':
    case 'except':
    case 'unnest':
    case 'enforceSingleRow':
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
      return undefined;
  }
}
