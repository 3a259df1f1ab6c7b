import type { ConnectorInsertHandle, ConnectorPageSink, ConnectorPageSinkProvider, ConnectorSession, Page } from '@petrel/spi';
import { getValue } from '@petrel/spi';
import type { JdbcClient } from './jdbc-client.js';
import { sessionOptions } from './jdbc-config.js';
import { translateJdbcError } from './jdbc-error.js';
import type { JdbcInsertHandle } from './jdbc-handles.js';
import { withConnection } from './remote-database.js';

/**
 * Writes pages as multi-row INSERT statements of at most `write.batch-size` rows into the insert's write
 * table (a temporary table that `finishInsert` moves into the target in one transaction, unless
 * non-transactional inserts are enabled). `finish` returns the number of rows written.
 */
export class JdbcPageSink implements ConnectorPageSink {
  private pending: string[] = [];
  private written = 0;

  constructor(
    private readonly client: JdbcClient,
    private readonly insert: JdbcInsertHandle,
    private readonly batchSize: number,
  ) {}

  async appendPage(p: Page): Promise<void> {
    const dialect = this.client.dialect;
    for (let position = 0; position < p.positionCount; position++) {
      const values = this.insert.columns.map((column, channel) => {
        const value = getValue(p.blocks[channel]!, position);
        return value === null ? 'NULL' : dialect.literal(column.type, value);
      });
      this.pending.push(`(${values.join(', ')})`);
      if (this.pending.length >= this.batchSize) await this.flush();
    }
  }

  private async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const q = this.client.dialect.quoteIdentifier;
    const rows = this.pending;
    this.pending = [];
    const sql = `INSERT INTO ${q(this.insert.remoteSchema)}.${q(this.insert.writeTable)} (${this.insert.columns.map((c) => q(c.remoteName)).join(', ')}) VALUES ${rows.join(', ')}`;
    try {
      await withConnection(this.client.pool, (c) => c.query(sql), (e) => this.client.isConnectionError(e));
    } catch (error) {
      throw translateJdbcError(this.client.config.catalog, error, 'inserting');
    }
    this.written += rows.length;
  }

  async finish(): Promise<readonly unknown[]> {
    await this.flush();
    return [this.written];
  }

  abort(): void {
    this.pending = [];
  }
}

export class JdbcPageSinkProvider implements ConnectorPageSinkProvider {
  constructor(private readonly client: JdbcClient) {}

  createPageSink(session: ConnectorSession, insert: ConnectorInsertHandle): ConnectorPageSink {
    return new JdbcPageSink(this.client, insert as unknown as JdbcInsertHandle, sessionOptions(this.client.config, session).writeBatchSize);
  }
}
