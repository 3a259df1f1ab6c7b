import type { PlanNode } from '../../plan/plan-node.js';
import { collectNodes } from '../../plan/plan-sources.js';
import type { OptimizerContext } from '../optimizer-context.js';
import { UNKNOWN_TABLE_ROWS, loadTableRowCounts } from './row-estimates.js';
import { StatsCalculator } from './stats-calculator.js';

/** What EXPLAIN shows of a node's estimates: output rows and bytes (undefined when unknown). */
export interface NodeEstimate {
  readonly rows: number | undefined;
  readonly bytes: number | undefined;
}

/** Estimates of the nodes of optimized plans, by plan root, for EXPLAIN's `Estimates:` lines. */
const ESTIMATES = new WeakMap<PlanNode, ReadonlyMap<string, NodeEstimate>>();

export async function recordEstimates(root: PlanNode, context: OptimizerContext): Promise<void> {
  await loadTableRowCounts(root, context);
  // scans without connector statistics have no estimate (not the planner's fallback guess)
  const known = new Map(context.tableRowCounts);
  for (const [id, rows] of known) if (rows === UNKNOWN_TABLE_ROWS) known.delete(id);
  const calculator = new StatsCalculator({ ...context, tableRowCounts: known });
  const estimates = new Map<string, NodeEstimate>();
  for (const node of collectNodes(root)) {
    const rows = calculator.stats(node).rows;
    estimates.set(node.id, { rows, bytes: rows === undefined ? undefined : calculator.outputSize(node) });
  }
  ESTIMATES.set(root, estimates);
}

export function estimatesOf(root: PlanNode): ReadonlyMap<string, NodeEstimate> | undefined {
  return ESTIMATES.get(root);
}

/** `{rows: 25 (2.15kB), cpu: ?, memory: ?, network: ?}` as Trino prints estimates. */
export function formatEstimate(estimate: NodeEstimate | undefined): string {
  const rows = estimate?.rows === undefined ? '?' : String(Math.round(estimate.rows));
  const bytes = estimate?.bytes === undefined ? '?' : succinctBytes(estimate.bytes);
  return `{rows: ${rows} (${bytes}), cpu: ?, memory: ?, network: ?}`;
}

const UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];

/** Trino's succinct data sizes: the largest unit (powers of 1024) with a value of at least 1, two decimals unless whole. */
export function succinctBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  if (unit === 0) return `${Math.round(value)}B`;
  return Number.isInteger(value) ? `${value}${UNITS[unit]}` : `${value.toFixed(2)}${UNITS[unit]}`;
}
