import type { PlanNode } from '../../planner/plan/plan-node.js';
import type { ExecutionContext } from '../execution-context.js';
import type { Operator, OperatorContext } from '../operator/operator.js';
import type { SplitCounters } from '../operator/table-scan-operator.js';
import { ParallelSourceOperator } from './parallel-source-operator.js';
import { findParallelSources } from './parallel-sources.js';
import { PARALLEL_CONNECTORS } from './split-transfer.js';

export type SourceSubstitute = (context: OperatorContext, counters: SplitCounters) => Operator;

/**
 * Which subtrees of `root` run on parallel drivers, by plan node id, with the operator that stands
 * in for each on this thread. Empty (today's single-thread execution) unless the context asks for
 * more than one driver. Scans that consume dynamic filters stay here: the filters are collected on
 * this thread while the join's build side runs. Over memory tables only data-reducing chains run in
 * workers (measured: scan + filter pipelines feeding a join on this thread got slower, since the
 * transfer adds work and the join probe stays here).
 */
export function parallelSubstitutes(root: PlanNode, ctx: ExecutionContext): ReadonlyMap<string, SourceSubstitute> {
  const parallelism = ctx.parallelism;
  const substitutes = new Map<string, SourceSubstitute>();
  if (parallelism === undefined || parallelism.drivers <= 1) return substitutes;
  const candidates = findParallelSources(root, (scan) => {
    const definition = parallelism.catalog(scan.table.catalog);
    return (
      definition !== undefined &&
      PARALLEL_CONNECTORS.has(definition.connectorName) &&
      scan.table.schema !== 'information_schema' &&
      scan.dynamicFilters.length === 0
    );
  });
  for (const { plan, scan, reduces } of candidates) {
    const catalog = parallelism.catalog(scan.table.catalog)!;
    // Without a partial step, every scanned row crosses to this thread, which then does the heavy
    // work (a join probe) alone: only worth it when producing the rows is the cost (tpch generates them).
    if (!reduces && catalog.connectorName !== 'tpch') continue;
    substitutes.set(plan.id, (context, counters) => new ParallelSourceOperator(context, { plan, scan, drivers: parallelism.drivers, catalog }, ctx, counters));
  }
  return substitutes;
}
