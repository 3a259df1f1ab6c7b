import type { StatementStats } from '@petrel/server';
import type { CliQuery } from './client/query-client.js';

function formatCount(count: number): string {
  const units = ['', 'K', 'M', 'B', 'T', 'Q'];
  let value = count;
  let unit = 0;
  while (value > 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${trimNumber(value)}${units[unit]}`;
}

function formatBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${trimNumber(value)}${units[unit]}`;
}

function trimNumber(value: number): string {
  if (value < 10) return String(Math.round(value * 100) / 100);
  if (value < 100) return String(Math.round(value * 10) / 10);
  return String(Math.round(value));
}

function formatElapsed(millis: number): string {
  const seconds = Math.round(millis / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** The one-line status Trino's CLI shows while a query runs: elapsed, state, splits, rates, progress. */
export function formatProgress(stats: StatementStats, width = 80): string {
  const elapsedSeconds = Math.max(stats.elapsedTimeMillis / 1000, 0.001);
  const percentage = stats.progressPercentage ?? 0;
  const barWidth = 20;
  const complete = Math.min(barWidth, Math.ceil((percentage * barWidth) / 100));
  const running = stats.runningSplits > 0 && complete < barWidth ? 1 : 0;
  const bar = '='.repeat(complete) + '>'.repeat(running) + ' '.repeat(barWidth - complete - running);
  const line =
    `${formatElapsed(stats.elapsedTimeMillis)} [${stats.state}] ` +
    `splits ${stats.completedSplits}/${stats.totalSplits} (${stats.runningSplits} running) ` +
    `[${formatCount(stats.processedRows)} rows, ${formatBytes(stats.processedBytes)}] ` +
    `[${formatCount(stats.processedRows / elapsedSeconds)} rows/s, ${formatBytes(stats.processedBytes / elapsedSeconds)}/s] ` +
    `[${bar}] ${Math.round(percentage)}%`;
  return line.length > width ? line.slice(0, width) : line;
}

/** Redraws the progress line on stderr while a query runs. */
export class ProgressLine {
  private timer: NodeJS.Timeout | undefined;
  private shown = false;

  constructor(
    private readonly query: CliQuery,
    private readonly write: (text: string) => void,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.draw(), 250);
    this.timer.unref();
  }

  private draw(): void {
    const stats = this.query.stats();
    if (stats === undefined) return;
    this.write(`\r\x1b[K${formatProgress(stats, Math.max(40, (process.stderr.columns ?? 80) - 1))}`);
    this.shown = true;
  }

  clear(): void {
    if (this.shown) this.write('\r\x1b[K');
    this.shown = false;
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    this.clear();
  }
}
