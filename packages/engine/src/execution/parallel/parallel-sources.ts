import type { PlanNode, TableScanNode } from '../../planner/plan/plan-node.js';
import { planSources } from '../../planner/plan/plan-sources.js';

/** A source pipeline that can run as parallel drivers: its plan and the one table it scans. */
export interface ParallelSourceCandidate {
  readonly plan: PlanNode;
  readonly scan: TableScanNode;
  /** The chain ends in a PARTIAL aggregation, PARTIAL TopN or partial limit: few rows cross threads. */
  readonly reduces: boolean;
}

/**
 * The source pipelines of a plan that may run on pool workers: the single source of an exchange
 * when it is a chain of filter, project, PARTIAL aggregation, PARTIAL TopN and partial limit over one table scan
 * that `eligible` accepts. Such a chain computes the same rows (or mergeable partial states)
 * whichever way its splits are divided among drivers, because the step above the exchange
 * (final aggregation, final TopN, sort, join, output) consumes them as an unordered stream.
 */
export function findParallelSources(root: PlanNode, eligible: (scan: TableScanNode) => boolean): ParallelSourceCandidate[] {
  const found: ParallelSourceCandidate[] = [];
  const visit = (node: PlanNode): void => {
    if (node.kind === 'exchange' && node.sources.length === 1) {
      const source = node.sources[0]!;
      const scan = chainScan(source);
      if (scan !== undefined && eligible(scan)) {
        found.push({ plan: source, scan, reduces: reduces(source) });
        return;
      }
    }
    for (const s of planSources(node)) visit(s);
  };
  visit(root);
  return found;
}

function reduces(node: PlanNode): boolean {
  if (node.kind === 'aggregation' || node.kind === 'topN' || node.kind === 'limit') return true;
  if (node.kind === 'filter' || node.kind === 'project') return reduces(node.source);
  return false;
}

function chainScan(node: PlanNode): TableScanNode | undefined {
  if (node.kind === 'tableScan') return node;
  if (node.kind === 'filter' || node.kind === 'project') return chainScan(node.source);
  if ((node.kind === 'aggregation' || node.kind === 'topN') && node.step === 'PARTIAL') return chainScan(node.source);
  if (node.kind === 'limit' && node.partial && node.tiesResolvingScheme === undefined) return chainScan(node.source);
  return undefined;
}
