import type { ExchangeNode, Partitioning, PartitioningKind, PlanNode, RemoteSourceNode } from '../plan/plan-node.js';
import type { PlanFragment } from '../plan/plan-fragment.js';
import { planSources, replaceSources } from '../plan/plan-sources.js';

/**
 * Cuts a plan at its REMOTE exchanges into fragments, root fragment first ("0"). Each exchange
 * source becomes its own fragment, replaced in the parent by a `remoteSource` node.
 */
export function fragmentPlan(root: PlanNode): PlanFragment[] {
  const fragments: PlanFragment[] = [];
  let next = 0;
  const build = (node: PlanNode, id: string, outputPartitioning: Partitioning): void => {
    const children: string[] = [];
    const pending: { node: PlanNode; id: string; partitioning: Partitioning }[] = [];
    const cut = (n: PlanNode): PlanNode => {
      if (n.kind === 'exchange' && n.scope === 'REMOTE') {
        const ids = n.sources.map((s) => {
          const childId = String(next++);
          pending.push({ node: renameOutputs(s, n, n.sources.indexOf(s)), id: childId, partitioning: n.partitioning });
          return childId;
        });
        children.push(...ids);
        const remote: RemoteSourceNode = { kind: 'remoteSource', id: n.id, outputs: n.outputs, sourceFragmentIds: ids, orderBy: n.orderBy, exchangeType: n.exchangeType };
        return remote;
      }
      return replaceSources(n, planSources(n).map(cut));
    };
    const fragmentRoot = cut(node);
    const index = fragments.length;
    fragments.push({ id, root: fragmentRoot, partitioning: 'SINGLE', outputPartitioning, outputLayout: fragmentRoot.outputs, childFragmentIds: children });
    for (const p of pending) build(p.node, p.id, p.partitioning);
    fragments[index] = { ...fragments[index]!, partitioning: fragmentPartitioning(fragmentRoot, fragments) };
  };
  build(root, String(next++), { kind: 'SINGLE', columns: [] });
  return fragments.sort((a, b) => Number(a.id) - Number(b.id));
}

/** A source of a multi-source exchange produces its `inputs` symbols; single-source exchanges keep names. */
function renameOutputs(source: PlanNode, _exchange: ExchangeNode, _index: number): PlanNode {
  return source;
}

function fragmentPartitioning(root: PlanNode, fragments: readonly PlanFragment[]): PartitioningKind {
  let hasScan = false;
  let hash = false;
  let single = false;
  const visit = (n: PlanNode): void => {
    if (n.kind === 'tableScan') hasScan = true;
    if (n.kind === 'remoteSource') {
      if (n.exchangeType === 'REPARTITION') hash = true;
      if (n.exchangeType === 'GATHER') single = true;
    }
    if (n.kind === 'output' || n.kind === 'tableFinish') single = true;
    planSources(n).forEach(visit);
  };
  visit(root);
  void fragments;
  if (single) return 'SINGLE';
  if (hash) return 'HASH';
  if (hasScan) return 'SOURCE';
  return 'SINGLE';
}
