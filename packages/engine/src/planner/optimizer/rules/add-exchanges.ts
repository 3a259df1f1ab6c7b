import type { FunctionContext } from '../../../function/function-implementation.js';
import type { AggregateCall, AggregationNode, ExchangeNode, ExchangeType, PlanNode, SortItem } from '../../plan/plan-node.js';
import type { Symbol } from '../../plan/symbol.js';
import type { OptimizerContext, PlanOptimizer } from '../optimizer-context.js';

/**
 * Makes the plan distributed: REMOTE exchanges cut it into fragments (GATHER to a single stream,
 * REPARTITION by hash on join/aggregation keys, REPLICATE for broadcast joins), aggregations split
 * into PARTIAL and FINAL steps around their exchange (when every aggregate can be split), and
 * TopN / Limit / DistinctLimit get a partial step before gathering. On one node the exchanges run
 * in-process. `petrel_add_exchanges = false` keeps the plan single-stream.
 */
export const addExchanges: PlanOptimizer = {
  name: 'AddExchanges',
  optimize(root, context) {
    if ((context.planner.session.systemProperties['petrel_add_exchanges'] ?? 'true').replace(/'/g, '').toLowerCase() === 'false') return root;
    return new ExchangeAdder(context).visit(root).node;
  },
};

type Distribution = { readonly kind: 'single' } | { readonly kind: 'source' } | { readonly kind: 'hash'; readonly columns: readonly string[] };

const SINGLE: Distribution = { kind: 'single' };
const SOURCE: Distribution = { kind: 'source' };

interface Result {
  readonly node: PlanNode;
  readonly distribution: Distribution;
}

class ExchangeAdder {
  private readonly functionContext: FunctionContext;
  constructor(private readonly context: OptimizerContext) {
    const s = context.planner.session;
    this.functionContext = { user: s.user, timeZone: s.timeZone, startTime: Date.now(), catalog: s.catalog, schema: s.schema, path: s.path ?? '', locale: s.locale, queryId: context.planner.queryId };
  }

  private exchange(source: PlanNode, type: ExchangeType, columns: readonly Symbol[] = [], orderBy?: readonly SortItem[]): ExchangeNode {
    return {
      kind: 'exchange',
      id: this.context.ids.nextId(),
      outputs: source.outputs,
      scope: 'REMOTE',
      exchangeType: type,
      partitioning: { kind: type === 'GATHER' ? 'SINGLE' : type === 'REPLICATE' ? 'BROADCAST' : 'HASH', columns },
      sources: [source],
      inputs: [source.outputs],
      orderBy,
    };
  }

  private gather(r: Result): PlanNode {
    return r.distribution.kind === 'single' ? r.node : this.exchange(r.node, 'GATHER');
  }

  private repartition(r: Result, keys: readonly Symbol[]): PlanNode {
    if (r.distribution.kind === 'single' && keys.length === 0) return r.node;
    if (r.distribution.kind === 'hash' && sameKeys(r.distribution.columns, keys)) return r.node;
    return this.exchange(r.node, 'REPARTITION', keys);
  }

  visit(node: PlanNode): Result {
    switch (node.kind) {
      case 'tableScan':
        return { node, distribution: SOURCE };
      case 'values':
      case 'remoteSource':
      case 'tableFunction':
      case 'tableDelete':
        return { node, distribution: SINGLE };
      case 'output':
      case 'explainAnalyze':
      case 'offset':
      case 'enforceSingleRow': {
        const s = this.visit(node.source);
        return { node: { ...node, source: this.gather(s) } as PlanNode, distribution: SINGLE };
      }
      case 'tableFinish': {
        const s = this.visit(node.source);
        return { node: { ...node, source: this.gather(s) }, distribution: SINGLE };
      }
      case 'sort': {
        const s = this.visit(node.source);
        if (s.distribution.kind === 'single') return { node: { ...node, source: s.node }, distribution: SINGLE };
        // each task sorts its rows; the ordered gathering exchange merges them (Trino's RemoteMerge), so no sort follows
        const partial: PlanNode = { ...node, id: this.context.ids.nextId(), source: s.node, partial: true };
        return { node: this.exchange(partial, 'GATHER', [], node.orderBy), distribution: SINGLE };
      }
      case 'topN': {
        const s = this.visit(node.source);
        if (s.distribution.kind === 'single') return { node: { ...node, source: s.node }, distribution: SINGLE };
        const partial: PlanNode = { ...node, id: this.context.ids.nextId(), source: s.node, step: 'PARTIAL' };
        return { node: { ...node, step: 'FINAL', source: this.exchange(partial, 'GATHER') }, distribution: SINGLE };
      }
      case 'limit': {
        const s = this.visit(node.source);
        if (s.distribution.kind === 'single' || node.tiesResolvingScheme !== undefined) return { node: { ...node, source: this.gather(s) }, distribution: SINGLE };
        const partial: PlanNode = { ...node, id: this.context.ids.nextId(), source: s.node, partial: true };
        return { node: { ...node, source: this.exchange(partial, 'GATHER') }, distribution: SINGLE };
      }
      case 'distinctLimit': {
        const s = this.visit(node.source);
        if (s.distribution.kind === 'single') return { node: { ...node, source: s.node }, distribution: SINGLE };
        const partial: PlanNode = { ...node, id: this.context.ids.nextId(), source: s.node, partial: true };
        return { node: { ...node, source: this.exchange(partial, 'GATHER') }, distribution: SINGLE };
      }
      case 'aggregation':
        return this.aggregation(node);
      case 'join': {
        const left = this.visit(node.left);
        const right = this.visit(node.right);
        if (left.distribution.kind === 'single' && right.distribution.kind === 'single') {
          return { node: { ...node, left: left.node, right: right.node }, distribution: SINGLE };
        }
        if (node.distribution === 'REPLICATED' || node.criteria.length === 0) {
          if (left.distribution.kind === 'single') {
            return { node: { ...node, left: left.node, right: this.gather(right), distribution: 'REPLICATED' }, distribution: SINGLE };
          }
          return { node: { ...node, left: left.node, right: this.exchange(right.node, 'REPLICATE'), distribution: 'REPLICATED' }, distribution: left.distribution };
        }
        const leftKeys = node.criteria.map((c) => c.left);
        const rightKeys = node.criteria.map((c) => c.right);
        return {
          node: { ...node, left: this.repartition(left, leftKeys), right: this.repartition(right, rightKeys), distribution: 'PARTITIONED' },
          distribution: { kind: 'hash', columns: leftKeys.map((k) => k.name) },
        };
      }
      case 'semiJoin': {
        const source = this.visit(node.source);
        const filtering = this.visit(node.filteringSource);
        if (source.distribution.kind === 'single') {
          return { node: { ...node, source: source.node, filteringSource: this.gather(filtering), distribution: 'REPLICATED' }, distribution: SINGLE };
        }
        if (node.distribution === 'PARTITIONED') {
          return {
            node: { ...node, source: this.repartition(source, [node.sourceJoinSymbol]), filteringSource: this.repartition(filtering, [node.filteringSourceJoinSymbol]) },
            distribution: { kind: 'hash', columns: [node.sourceJoinSymbol.name] },
          };
        }
        return { node: { ...node, source: source.node, filteringSource: this.exchange(filtering.node, 'REPLICATE'), distribution: 'REPLICATED' }, distribution: source.distribution };
      }
      case 'window': {
        const s = this.visit(node.source);
        const src = node.partitionBy.length === 0 ? this.gather(s) : this.repartition(s, node.partitionBy);
        return { node: { ...node, source: src }, distribution: node.partitionBy.length === 0 ? SINGLE : { kind: 'hash', columns: node.partitionBy.map((p) => p.name) } };
      }
      case 'markDistinct':
      case 'rowNumber':
      case 'topNRanking': {
        const keys = node.kind === 'markDistinct' ? node.distinctSymbols : node.partitionBy;
        const s = this.visit(node.source);
        const src = keys.length === 0 ? this.gather(s) : this.repartition(s, keys);
        return { node: { ...node, source: src } as PlanNode, distribution: keys.length === 0 ? SINGLE : { kind: 'hash', columns: keys.map((k) => k.name) } };
      }
      case 'union': {
        const parts = node.sources.map((s) => this.visit(s));
        if (parts.every((p) => p.distribution.kind === 'single')) return { node: { ...node, sources: parts.map((p) => p.node) }, distribution: SINGLE };
        return { node: { ...node, sources: parts.map((p) => p.node) }, distribution: SOURCE };
      }
      case 'intersect':
      case 'except': {
        const parts = node.sources.map((s) => this.gather(this.visit(s)));
        return { node: { ...node, sources: parts }, distribution: SINGLE };
      }
      case 'apply':
      case 'correlatedJoin':
        return { node, distribution: SINGLE };
      case 'exchange':
        return { node, distribution: node.exchangeType === 'GATHER' ? SINGLE : SOURCE };
      case 'filter':
      case 'project':
      case 'groupId':
      case 'unnest':
      case 'assignUniqueId':
      case 'sample':
      case 'tableWriter': {
        const s = this.visit(node.source);
        return { node: { ...node, source: s.node } as PlanNode, distribution: node.kind === 'filter' || node.kind === 'sample' ? s.distribution : s.distribution.kind === 'single' ? SINGLE : SOURCE };
      }
    }
  }

  private aggregation(node: AggregationNode): Result {
    const s = this.visit(node.source);
    if (s.distribution.kind === 'single') return { node: { ...node, source: s.node }, distribution: SINGLE };
    const keys = node.groupingKeys;
    const splittable = node.step === 'SINGLE' && node.aggregates.every((a) => !a.distinct && a.orderBy.length === 0 && a.mask === undefined);
    const intermediates = splittable ? this.intermediateTypes(node.aggregates) : undefined;
    if (intermediates === undefined) {
      const src = keys.length === 0 ? this.gather(s) : this.repartition(s, keys);
      return { node: { ...node, source: src }, distribution: keys.length === 0 ? SINGLE : { kind: 'hash', columns: keys.map((k) => k.name) } };
    }
    const partialCalls: AggregateCall[] = node.aggregates.map((a, i) => ({ ...a, output: this.context.symbols.newSymbol(`${a.output.name}_partial`, intermediates[i]!) }));
    const partial: AggregationNode = {
      ...node,
      id: this.context.ids.nextId(),
      source: s.node,
      step: 'PARTIAL',
      aggregates: partialCalls,
      outputs: [...keys, ...partialCalls.map((a) => a.output)],
    };
    const moved = keys.length === 0 ? this.exchange(partial, 'GATHER') : this.exchange(partial, 'REPARTITION', keys);
    const finalCalls: AggregateCall[] = node.aggregates.map((a, i) => ({ ...a, arguments: [partialCalls[i]!.output], filter: undefined, mask: undefined }));
    const final: AggregationNode = { ...node, source: moved, step: 'FINAL', aggregates: finalCalls };
    return { node: final, distribution: keys.length === 0 ? SINGLE : { kind: 'hash', columns: keys.map((k) => k.name) } };
  }

  private intermediateTypes(aggregates: readonly AggregateCall[]) {
    try {
      return aggregates.map((a) => this.context.planner.functions.getAggregateImplementation(a.function, this.functionContext).intermediateType);
    } catch {
      return undefined;
    }
  }
}

function sameKeys(a: readonly string[], b: readonly Symbol[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]!.name);
}
