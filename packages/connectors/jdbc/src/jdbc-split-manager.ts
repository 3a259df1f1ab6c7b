import type { ConnectorSession, ConnectorSplit, ConnectorSplitManager, ConnectorSplitSource, ConnectorTableHandle, DynamicFilter } from '@petrel/spi';
import type { JdbcClient } from './jdbc-client.js';
import { sessionOptions } from './jdbc-config.js';
import { translateJdbcError } from './jdbc-error.js';
import type { JdbcSplit } from './jdbc-handles.js';
import { asTableHandle } from './jdbc-metadata.js';
import { withConnection } from './remote-database.js';

class FixedSplitSource implements ConnectorSplitSource {
  private done = false;
  constructor(private readonly splits: readonly ConnectorSplit[]) {}
  async nextBatch(): Promise<{ readonly splits: readonly ConnectorSplit[]; readonly done: boolean }> {
    if (this.done) return { splits: [], done: true };
    this.done = true;
    return { splits: this.splits, done: true };
  }
  close(): void {}
}

/**
 * One split per table by default. With `parallel-read.split-count` N > 1, a plain table scan (no limit,
 * TopN, aggregation or join pushed) over a table with a single-column integer primary key is read as N
 * splits covering equal ranges between the key's MIN and MAX (the first and last ranges open-ended, plus
 * NULL keys in the first).
 */
export class JdbcSplitManager implements ConnectorSplitManager {
  constructor(private readonly client: JdbcClient) {}

  /**
   * Like Trino's JDBC connectors, splits wait (up to `dynamic-filtering.wait-timeout`) for the scan's
   * dynamic filters, so the page source can add the complete filter to the remote WHERE.
   */
  private async awaitDynamicFilter(session: ConnectorSession, dynamicFilter: DynamicFilter | undefined): Promise<void> {
    if (dynamicFilter === undefined || dynamicFilter.isComplete()) return;
    const options = sessionOptions(this.client.config, session);
    if (!options.dynamicFilteringEnabled || options.dynamicFilteringWaitTimeoutMillis <= 0) return;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, options.dynamicFilteringWaitTimeoutMillis);
      timer.unref();
    });
    try {
      await Promise.race([dynamicFilter.whenComplete, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async getSplits(session: ConnectorSession, table: ConnectorTableHandle, dynamicFilter: DynamicFilter | undefined): Promise<ConnectorSplitSource> {
    const handle = asTableHandle(table);
    await this.awaitDynamicFilter(session, dynamicFilter);
    const count = this.client.config.parallelReadSplitCount;
    const single: JdbcSplit = { kind: 'jdbc-split', conditions: [] };
    if (count <= 1 || handle.relation.kind !== 'named' || handle.limit !== undefined || handle.sortOrder !== undefined) {
      return new FixedSplitSource([single as unknown as ConnectorSplit]);
    }
    const { remoteSchema, remoteTable } = handle.relation;
    const q = this.client.dialect.quoteIdentifier;
    let bounds: { key: string; min: bigint; max: bigint } | undefined;
    try {
      bounds = await withConnection(
        this.client.pool,
        async (c) => {
          const key = await this.client.integerPrimaryKey(c, remoteSchema, remoteTable);
          if (key === undefined) return undefined;
          const result = await c.query(`SELECT MIN(${q(key)}), MAX(${q(key)}) FROM ${q(remoteSchema)}.${q(remoteTable)}`);
          const row = result.rows[0];
          if (row === undefined || row[0] === null || row[1] === null) return undefined;
          return { key, min: BigInt(String(row[0])), max: BigInt(String(row[1])) };
        },
        (e) => this.client.isConnectionError(e),
      );
    } catch (error) {
      throw translateJdbcError(this.client.config.catalog, error, 'planning splits');
    }
    if (bounds === undefined) return new FixedSplitSource([single as unknown as ConnectorSplit]);
    const ref = q(bounds.key);
    const span = bounds.max - bounds.min + 1n;
    const n = BigInt(count) > span ? Number(span) : count;
    const splits: JdbcSplit[] = [];
    for (let i = 0; i < n; i++) {
      const low = bounds.min + (span * BigInt(i)) / BigInt(n);
      const high = bounds.min + (span * BigInt(i + 1)) / BigInt(n);
      const conditions: string[] = [];
      if (i === 0) conditions.push(`${ref} < ${high} OR ${ref} IS NULL`);
      else if (i === n - 1) conditions.push(`${ref} >= ${low}`);
      else conditions.push(`${ref} >= ${low} AND ${ref} < ${high}`);
      splits.push({ kind: 'jdbc-split', conditions: n === 1 ? [] : conditions });
    }
    return new FixedSplitSource(splits as unknown as ConnectorSplit[]);
  }
}
