import type { RuleStatsSink } from '../planner-context.js';

/** Timings kept per rule for percentiles: the most recent ones (memory stays bounded). */
const SAMPLES_PER_RULE = 1024;

interface RuleCounters {
  invocations: number;
  matches: number;
  failures: number;
  totalNanos: number;
  readonly samples: number[];
  nextSample: number;
}

/** One rule's statistics as `system.runtime.optimizer_rule_stats` shows them. */
export interface RuleStats {
  readonly rule: string;
  readonly invocations: number;
  readonly matches: number;
  readonly failures: number;
  readonly averageNanos: number;
  /** Percentile (0.01 ... 0.99) to nanoseconds, over the recent invocations. */
  readonly percentiles: ReadonlyMap<number, number>;
}

/**
 * Counts optimizer rule invocations, matches (the rule changed the plan), failures and timing,
 * for the life of an engine.
 */
export class RuleStatsRecorder implements RuleStatsSink {
  private readonly rules = new Map<string, RuleCounters>();

  record(rule: string, nanos: number, outcome: 'matched' | 'unchanged' | 'failed'): void {
    let counters = this.rules.get(rule);
    if (counters === undefined) {
      counters = { invocations: 0, matches: 0, failures: 0, totalNanos: 0, samples: [], nextSample: 0 };
      this.rules.set(rule, counters);
    }
    counters.invocations++;
    if (outcome === 'matched') counters.matches++;
    if (outcome === 'failed') counters.failures++;
    counters.totalNanos += nanos;
    if (counters.samples.length < SAMPLES_PER_RULE) counters.samples.push(nanos);
    else counters.samples[counters.nextSample] = nanos;
    counters.nextSample = (counters.nextSample + 1) % SAMPLES_PER_RULE;
  }

  snapshot(percentiles: readonly number[] = [0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99]): RuleStats[] {
    return [...this.rules.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([rule, c]) => {
        const sorted = [...c.samples].sort((x, y) => x - y);
        const at = (p: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? 0;
        return {
          rule,
          invocations: c.invocations,
          matches: c.matches,
          failures: c.failures,
          averageNanos: c.invocations === 0 ? 0 : c.totalNanos / c.invocations,
          percentiles: new Map(percentiles.map((p) => [p, at(p)])),
        };
      });
  }
}
