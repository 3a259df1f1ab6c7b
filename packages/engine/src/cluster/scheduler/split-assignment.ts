import type { ConnectorSplit } from '@petrel/spi';
import type { ExecutionContext } from '../../execution/execution-context.js';
import type { TableScanNode } from '../../planner/plan/plan-node.js';
import type { TaskSplitAssignment } from '../task/task-types.js';

/** Trino's `node-scheduler.max-splits-per-node` default. */
export const DEFAULT_MAX_SPLITS_PER_NODE = 256;

/** Every split of a scan, enumerated on the coordinator with the connector's split manager. */
export async function enumerateSplits(scan: TableScanNode, context: ExecutionContext): Promise<ConnectorSplit[]> {
  const connector = context.metadata.getConnector(scan.table.catalog);
  const session = context.metadata.connectorSession(context.session, scan.table.catalog, context.queryId);
  const source = await connector.splitManager.getSplits(session, scan.handle, undefined);
  const splits: ConnectorSplit[] = [];
  try {
    for (;;) {
      const batch = await source.nextBatch(1000);
      splits.push(...batch.splits);
      if (batch.done) return splits;
    }
  } finally {
    source.close();
  }
}

/**
 * Spreads splits over tasks with balance: task k of n takes splits k, k+n, k+2n ... so the counts
 * differ by at most one.
 */
export function balanceSplits(splits: readonly ConnectorSplit[], taskCount: number): ConnectorSplit[][] {
  const perTask: ConnectorSplit[][] = Array.from({ length: taskCount }, () => []);
  splits.forEach((split, index) => perTask[index % taskCount]!.push(split));
  return perTask;
}

/**
 * The task updates that deliver one task's splits: batches of at most `maxSplitsPerNode` splits
 * across its scans, the last batch of each scan carrying the no-more-splits marker (a scan with no
 * split gets the marker alone in the first update).
 */
export function splitUpdates(perScan: ReadonlyMap<string, readonly ConnectorSplit[]>, maxSplitsPerNode: number): TaskSplitAssignment[][] {
  const updates: TaskSplitAssignment[][] = [];
  const size = Math.max(1, maxSplitsPerNode);
  for (const [planNodeId, splits] of perScan) {
    const batches = Math.max(1, Math.ceil(splits.length / size));
    for (let b = 0; b < batches; b++) {
      (updates[b] ??= []).push({ planNodeId, splits: splits.slice(b * size, (b + 1) * size), noMoreSplits: b === batches - 1 });
    }
  }
  if (updates.length === 0) updates.push([]);
  return updates;
}
