import type { PlanFragment } from '../../planner/plan/plan-fragment.js';
import type { PlanNode, RemoteSourceNode, TableScanNode } from '../../planner/plan/plan-node.js';
import { planSources } from '../../planner/plan/plan-sources.js';

/** The table scans of a fragment, in plan order. */
export function tableScansOf(node: PlanNode, out: TableScanNode[] = []): TableScanNode[] {
  if (node.kind === 'tableScan') out.push(node);
  for (const source of planSources(node)) tableScansOf(source, out);
  return out;
}

/** The remote sources of a fragment (its cut points), in plan order. */
export function remoteSourcesOf(node: PlanNode, out: RemoteSourceNode[] = []): RemoteSourceNode[] {
  if (node.kind === 'remoteSource') out.push(node);
  for (const source of planSources(node)) remoteSourcesOf(source, out);
  return out;
}

/**
 * Nodes that must run once per query: leaves that produce the same rows wherever they run
 * (several tasks would each produce them again), writes, and row numbering. A fragment holding
 * one runs as a single task.
 */
const FIXED_ROW_NODES: ReadonlySet<PlanNode['kind']> = new Set([
  'values',
  'tableFunction',
  'tableDelete',
  'tableWriter',
  'tableFinish',
  'output',
  'explainAnalyze',
  // numbers rows from 0 in each task: ids would repeat across tasks
  'assignUniqueId',
]);

function producesFixedRows(node: PlanNode): boolean {
  if (FIXED_ROW_NODES.has(node.kind)) return true;
  if (node.kind === 'remoteSource' && node.exchangeType === 'GATHER') return true;
  return planSources(node).some(producesFixedRows);
}

/**
 * Whether a fragment runs as one task per node: source stages (their scans' splits are divided
 * among the tasks) and hash-partitioned stages (each task takes one partition of every
 * repartitioned input, and a full copy of every broadcast input). Anything else is one task.
 */
export function isParallelFragment(fragment: PlanFragment): boolean {
  if (fragment.partitioning !== 'SOURCE' && fragment.partitioning !== 'HASH') return false;
  return !producesFixedRows(fragment.root);
}

/** Whether a parallel fragment reads hash partitions (its task count must equal its producers' partitions). */
export function readsHashPartitions(fragment: PlanFragment): boolean {
  return remoteSourcesOf(fragment.root).some((r) => r.exchangeType === 'REPARTITION');
}

/** The output channels a producer fragment hashes to pick a consumer partition. */
export function partitionChannels(fragment: PlanFragment): number[] {
  const layout = fragment.root.outputs.map((s) => s.name);
  return fragment.outputPartitioning.columns.map((column) => {
    const channel = layout.indexOf(column.name);
    if (channel < 0) throw new Error(`Fragment ${fragment.id} does not output its partitioning column ${column.name}`);
    return channel;
  });
}
