import type { Page } from '@petrel/spi';
import { objectBlock, page } from '@petrel/spi';
import { AbstractOperator, type OperatorContext } from './operator.js';
import type { ExecutionStats } from '../execution-context.js';

/** Runs its source to the end, discards the rows, and outputs the plan annotated with stats. */
export class ExplainAnalyzeOperator extends AbstractOperator {
  private emitted = false;

  constructor(
    context: OperatorContext,
    private readonly stats: () => ExecutionStats,
    private readonly format: ((stats: ExecutionStats) => string) | undefined,
    private readonly verbose: boolean,
  ) {
    super(context);
  }
  addInput(): void {
    // rows are discarded
  }
  getOutput(): Page | undefined {
    if (!this.finishing || this.emitted) return undefined;
    this.emitted = true;
    const stats = this.stats();
    const text = this.format !== undefined ? this.format(stats) : defaultExplainAnalyze(stats, this.verbose);
    return page([objectBlock([text])], 1);
  }
  isFinished(): boolean {
    return this.emitted;
  }
}

/** A plain rendering of per-operator stats, used when no plan formatter is wired in. */
export function defaultExplainAnalyze(stats: ExecutionStats, verbose: boolean): string {
  const lines = [
    `Queued: 0ms, Analysis: 0ms, Planning: 0ms, Execution: ${stats.cpuMillis.toFixed(2)}ms`,
    `Splits: ${stats.totalSplits} total, ${stats.completedSplits} completed; Peak memory: ${stats.peakMemoryBytes}B`,
  ];
  for (const op of stats.operators) {
    if (!verbose && op.operatorType.startsWith('LocalExchange')) continue;
    lines.push(
      `  ${op.operatorType} [${op.planNodeId}]: Input: ${op.inputRows} rows (${op.inputBytes}B), Output: ${op.outputRows} rows (${op.outputBytes}B), CPU: ${op.cpuMillis.toFixed(2)}ms`,
    );
  }
  return lines.join('\n');
}
