import type { Page } from '@petrel/spi';
import { objectBlock, page } from '@petrel/spi';
import type { ExecutionContext, ExecutionStats, PlanExecution } from '../../execution/execution-context.js';
import { defaultExplainAnalyze } from '../../execution/operator/explain-analyze-operator.js';
import type { ExplainAnalyzeNode } from '../../planner/plan/plan-node.js';
import type { StageInfo } from './stage-execution.js';

/** What EXPLAIN ANALYZE needs from a distributed run of its source. */
export interface DistributedSource extends PlanExecution {
  /** Brings every task's stats up to date (the tasks are done). */
  refreshFinalStats(): Promise<void>;
  stageInfos(): StageInfo[];
}

function bytesText(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(2)}${units[unit]}`;
}

/** Per-stage and per-node figures of a distributed query, as lines of EXPLAIN ANALYZE. */
export function formatStageFigures(stages: readonly StageInfo[]): string {
  const lines = ['', 'Distributed stages:'];
  for (const stage of stages) {
    const rows = stage.tasks.reduce((sum, t) => sum + t.outputRows, 0);
    const bytes = stage.tasks.reduce((sum, t) => sum + (t.outputBytes ?? 0), 0);
    lines.push(`Stage ${stage.fragmentId} [${stage.partitioning ?? 'SINGLE'}] ${stage.state}: ${stage.tasks.length} task${stage.tasks.length === 1 ? '' : 's'}, output ${rows} rows (${bytesText(bytes)})`);
    const perNode = new Map<string, { tasks: number; rows: number; bytes: number; inputRows: number; splits: number }>();
    for (const task of stage.tasks) {
      const node = perNode.get(task.nodeId) ?? { tasks: 0, rows: 0, bytes: 0, inputRows: 0, splits: 0 };
      node.tasks++;
      node.rows += task.outputRows;
      node.bytes += task.outputBytes ?? 0;
      node.inputRows += task.processedRows ?? 0;
      node.splits += task.splits ?? 0;
      perNode.set(task.nodeId, node);
    }
    for (const [nodeId, node] of [...perNode].sort(([a], [b]) => (a < b ? -1 : 1))) {
      lines.push(`    ${nodeId}: ${node.tasks} task${node.tasks === 1 ? '' : 's'}, splits ${node.splits}, input ${node.inputRows} rows, output ${node.rows} rows (${bytesText(node.bytes)})`);
    }
  }
  return lines.join('\n');
}

/**
 * EXPLAIN ANALYZE of a distributed query: runs the analyzed plan across the cluster, discards its
 * rows, gathers every task's final operator stats, and outputs the annotated plan (figures summed
 * over tasks) followed by per-stage and per-node figures.
 */
export class DistributedExplainAnalyze implements PlanExecution {
  private emitted = false;

  constructor(
    private readonly node: ExplainAnalyzeNode,
    private readonly source: DistributedSource,
    private readonly context: ExecutionContext,
  ) {}

  async next(): Promise<Page | undefined> {
    if (this.emitted) return undefined;
    while ((await this.source.next()) !== undefined) {
      // rows are discarded
    }
    await this.source.refreshFinalStats();
    const stats = this.source.stats();
    const plan = this.context.formatExplainAnalyze !== undefined ? this.context.formatExplainAnalyze(stats) : defaultExplainAnalyze(stats, this.node.verbose);
    this.emitted = true;
    return page([objectBlock([plan + formatStageFigures(this.source.stageInfos())])], 1);
  }

  close(): Promise<void> {
    return this.source.close();
  }

  stats(): ExecutionStats {
    return this.source.stats();
  }
}
