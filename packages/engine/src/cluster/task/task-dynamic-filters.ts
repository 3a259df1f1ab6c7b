import type { ConnectorSplit, ConnectorSplitSource, Domain, SqlType } from '@petrel/spi';
import type { RemoteDynamicFilters } from '../../execution/execution-context.js';
import type { DynamicFilterDomain } from './task-types.js';

/**
 * How long a scan consuming a dynamic filter built in another fragment waits for it before reading
 * its splits unfiltered (Trino's `dynamic-filtering.wait-timeout` plays this role).
 */
export const DYNAMIC_FILTER_WAIT_MILLIS = 5_000;

/**
 * A cluster task's dynamic filters across nodes: the domains its join builds collect (reported
 * with the task status, for the coordinator to union over the build tasks) and the merged filters
 * the coordinator sends back for its scans.
 */
export class TaskDynamicFilters implements RemoteDynamicFilters {
  private readonly reported = new Map<string, DynamicFilterDomain>();
  private readonly merged = new Map<string, DynamicFilterDomain>();
  private readonly listeners: ((id: string, type: SqlType, domain: Domain) => void)[] = [];
  private waiting: (() => void)[] = [];

  report(id: string, type: SqlType, domain: Domain | undefined): void {
    this.reported.set(id, { id, type, domain });
  }

  onMerged(listener: (id: string, type: SqlType, domain: Domain) => void): void {
    this.listeners.push(listener);
    for (const f of this.merged.values()) listener(f.id, f.type, f.domain ?? { kind: 'all', nullAllowed: true });
  }

  /** The domains collected by this task's builds (for its status). */
  reports(): readonly DynamicFilterDomain[] {
    return [...this.reported.values()];
  }

  /** A task update carrying merged filters (repeats are ignored). */
  addMerged(filters: readonly DynamicFilterDomain[]): void {
    for (const f of filters) {
      if (this.merged.has(f.id)) continue;
      this.merged.set(f.id, f);
      for (const listener of this.listeners) listener(f.id, f.type, f.domain ?? { kind: 'all', nullAllowed: true });
    }
    for (const wake of this.waiting.splice(0)) wake();
  }

  /** Resolves once every filter of `ids` arrived, after `timeoutMillis`, or when `signal` aborts. */
  async awaitMerged(ids: readonly string[], timeoutMillis: number, signal: AbortSignal): Promise<void> {
    const deadline = Date.now() + timeoutMillis;
    while (!ids.every((id) => this.merged.has(id)) && !signal.aborted) {
      const left = deadline - Date.now();
      if (left <= 0) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        const abort = (): void => resolve();
        signal.addEventListener('abort', abort, { once: true });
        this.waiting.push(() => {
          clearTimeout(timer);
          signal.removeEventListener('abort', abort);
          resolve();
        });
      });
    }
  }
}

/** A scan's assigned splits, handed out only once the scan's remote dynamic filters arrived (or the wait ran out). */
export class DynamicFilterAwaitingSplitSource implements ConnectorSplitSource {
  private ready: Promise<void> | undefined;

  constructor(
    private readonly inner: ConnectorSplitSource,
    private readonly filters: TaskDynamicFilters,
    private readonly ids: readonly string[],
    private readonly signal: AbortSignal,
    private readonly timeoutMillis = DYNAMIC_FILTER_WAIT_MILLIS,
  ) {}

  async nextBatch(maxSize: number): Promise<{ readonly splits: readonly ConnectorSplit[]; readonly done: boolean }> {
    this.ready ??= this.filters.awaitMerged(this.ids, this.timeoutMillis, this.signal);
    await this.ready;
    return this.inner.nextBatch(maxSize);
  }

  close(): void {
    this.inner.close();
  }
}
