import type { EnginePort, JsonValue, QueryExecution, Session, StatementStats } from '@petrel/server';
import { encodeValue, toClientTypeSignature, toQueryError } from '@petrel/server';
import type { SqlType } from '@petrel/spi';
import { getValue, toTrinoError, typeDisplayName } from '@petrel/spi';
import type { OutputColumn } from '../output/output-printer.js';
import type { CliQuery, CliQueryResult, QueryClient } from './query-client.js';

/** Runs statements on an in-process engine (no server). */
export class EmbeddedClient implements QueryClient {
  constructor(private readonly engine: EnginePort) {}

  start(sql: string, session: Session): CliQuery {
    return new EmbeddedQuery(this.engine.execute(sql, session));
  }

  close(): Promise<void> {
    return this.engine.shutdown();
  }
}

class EmbeddedQuery implements CliQuery {
  private types: readonly SqlType[] | undefined;
  private failure: unknown;
  private readonly start = Date.now();

  constructor(private readonly execution: QueryExecution) {}

  queryId(): string {
    return this.execution.queryId;
  }

  async columns(): Promise<readonly OutputColumn[] | undefined> {
    try {
      const columns = await this.execution.columns();
      this.types = columns.map((c) => c.type);
      return columns.map((c) => ({ name: c.name, type: typeDisplayName(c.type), typeSignature: toClientTypeSignature(c.type) }));
    } catch (error) {
      this.failure ??= error;
      return undefined;
    }
  }

  async nextRows(): Promise<JsonValue[][] | undefined> {
    if (this.failure !== undefined || this.types === undefined) return undefined;
    try {
      const page = await this.execution.nextPage();
      if (page === undefined) return undefined;
      const types = this.types;
      const rows = new Array<JsonValue[]>(page.positionCount);
      for (let position = 0; position < page.positionCount; position++) {
        const row = new Array<JsonValue>(types.length);
        for (let channel = 0; channel < types.length; channel++) {
          const block = page.blocks[channel];
          row[channel] = encodeValue(types[channel]!, block === undefined ? null : getValue(block, position));
        }
        rows[position] = row;
      }
      return rows;
    } catch (error) {
      this.failure ??= error;
      return undefined;
    }
  }

  async finish(): Promise<CliQueryResult> {
    if (this.failure === undefined && this.types === undefined) await this.columns();
    await this.execution.done;
    const failed = this.failure !== undefined || this.execution.state() === 'FAILED';
    return {
      queryId: this.execution.queryId,
      error: failed ? toQueryError(toTrinoError(this.failure ?? new Error('Query failed'))) : undefined,
      updateType: failed ? undefined : this.execution.updateType(),
      updateCount: failed ? undefined : this.execution.updateCount(),
      sessionUpdates: failed ? [] : this.execution.sessionUpdates(),
    };
  }

  stats(): StatementStats {
    const stats = this.execution.stats();
    const state = this.execution.state();
    return {
      state,
      queued: state === 'QUEUED',
      scheduled: state !== 'QUEUED' && state !== 'PLANNING',
      progressPercentage: stats.totalSplits > 0 ? (stats.completedSplits * 100) / stats.totalSplits : 0,
      nodes: 1,
      totalSplits: stats.totalSplits,
      queuedSplits: stats.queuedSplits,
      runningSplits: stats.runningSplits,
      completedSplits: stats.completedSplits,
      cpuTimeMillis: stats.cpuMillis,
      wallTimeMillis: Date.now() - this.start,
      queuedTimeMillis: stats.queuedMillis,
      elapsedTimeMillis: Date.now() - this.start,
      processedRows: stats.processedRows,
      processedBytes: stats.processedBytes,
      physicalInputBytes: stats.processedBytes,
      physicalWrittenBytes: 0,
      peakMemoryBytes: stats.peakMemoryBytes,
      spilledBytes: 0,
    };
  }

  updateType(): string | undefined {
    try {
      return this.execution.updateType();
    } catch {
      return undefined;
    }
  }

  cancel(): void {
    this.execution.cancel();
  }
}
