import type {
  ConnectorColumnHandle,
  ConnectorPageSource,
  ConnectorPageSourceProvider,
  ConnectorSession,
  ConnectorSplit,
  ConnectorTableHandle,
  DynamicFilter,
  Page,
  SqlValue,
} from '@petrel/spi';
import { objectBlock, page } from '@petrel/spi';
import type { JdbcClient } from './jdbc-client.js';
import { sessionOptions } from './jdbc-config.js';
import { translateJdbcError } from './jdbc-error.js';
import type { JdbcColumnHandle, JdbcSplit, JdbcTableHandle } from './jdbc-handles.js';
import { asColumnHandle, asTableHandle } from './jdbc-metadata.js';
import { renderQuery, tupleDomainToSql } from './remote-query.js';
import type { RemoteConnection } from './remote-database.js';
import { decodeValue } from './value-decoder.js';

export const ROWS_PER_PAGE = 1024;

/** The SELECT a page source runs for one split, with a complete dynamic filter folded in. */
export function splitQuery(
  client: JdbcClient,
  session: ConnectorSession,
  handle: JdbcTableHandle,
  split: JdbcSplit,
  columns: readonly JdbcColumnHandle[],
  dynamicFilter: DynamicFilter | undefined,
): string {
  const extra = [...split.conditions];
  const options = sessionOptions(client.config, session);
  if (dynamicFilter !== undefined && options.dynamicFilteringEnabled && dynamicFilter.isComplete()) {
    const byName = new Map(handle.columns.map((c) => [c.name, c]));
    const rendered = tupleDomainToSql(client.dialect, byName, dynamicFilter.currentPredicate(), options.domainCompactionThreshold);
    extra.push(...rendered.conditions);
  }
  return renderQuery(client.dialect, handle, { forOutput: true, extraConditions: extra, columns });
}

/**
 * Reads one split: runs the remote query on a pooled connection and turns its rows into pages of at
 * most ROWS_PER_PAGE rows, streaming through a cursor where the driver offers one. The connection is
 * released when the rows are exhausted, on the first error, and on `close`.
 */
export class JdbcPageSource implements ConnectorPageSource {
  private connection: RemoteConnection | undefined;
  private batches: AsyncGenerator<readonly (readonly unknown[])[], void, undefined> | undefined;
  private finished = false;
  private read = 0;

  constructor(
    private readonly client: JdbcClient,
    private readonly sql: string,
    private readonly columns: readonly JdbcColumnHandle[],
  ) {}

  private async *allRows(connection: RemoteConnection): AsyncGenerator<readonly (readonly unknown[])[], void, undefined> {
    const rows = (await connection.query(this.sql)).rows;
    for (let i = 0; i < rows.length; i += ROWS_PER_PAGE) yield rows.slice(i, i + ROWS_PER_PAGE);
  }

  async next(): Promise<Page | undefined> {
    if (this.finished) return undefined;
    let rows: readonly (readonly unknown[])[] | undefined;
    try {
      if (this.batches === undefined) {
        this.connection = await this.client.pool.acquire();
        this.batches = this.connection.stream !== undefined ? this.connection.stream(this.sql, ROWS_PER_PAGE) : this.allRows(this.connection);
      }
      const step = await this.batches.next();
      if (step.done === true) {
        this.finish(false);
        return undefined;
      }
      rows = step.value;
    } catch (error) {
      this.finish(this.client.isConnectionError(error));
      throw translateJdbcError(this.client.config.catalog, error, 'reading');
    }
    const count = rows.length;
    const blocks = this.columns.map((column, channel) => {
      const values = new Array<SqlValue>(count);
      for (let i = 0; i < count; i++) {
        try {
          values[i] = decodeValue(column.read, column.type, rows[i]![channel]);
        } catch (error) {
          void this.close();
          throw translateJdbcError(this.client.config.catalog, error, `reading column '${column.name}'`);
        }
      }
      return objectBlock(values);
    });
    this.read += count;
    this.client.queryLog.recordRowsRead(count);
    return page(blocks, count);
  }

  /** Releases the connection; `broken` destroys it (an abandoned stream or a failed connection). */
  private finish(broken: boolean): void {
    this.finished = true;
    const connection = this.connection;
    this.connection = undefined;
    connection?.release(broken);
  }

  readonly completedPositions = (): number => this.read;

  async close(): Promise<void> {
    if (this.finished) return;
    const batches = this.batches;
    const abandoned = batches !== undefined;
    if (batches !== undefined) {
      try {
        await Promise.race([batches.return(undefined), new Promise((resolve) => setTimeout(resolve, 1000))]);
      } catch {
        // closing a failed stream
      }
    }
    this.finish(abandoned);
  }
}

export class JdbcPageSourceProvider implements ConnectorPageSourceProvider {
  constructor(private readonly client: JdbcClient) {}

  createPageSource(
    session: ConnectorSession,
    split: ConnectorSplit,
    table: ConnectorTableHandle,
    columns: readonly ConnectorColumnHandle[],
    dynamicFilter: DynamicFilter | undefined,
  ): ConnectorPageSource {
    const handle = asTableHandle(table);
    const byName = new Map(handle.columns.map((c) => [c.name, c]));
    const jdbcColumns = columns.map((c) => byName.get(c.name) ?? asColumnHandle(c));
    const sql = splitQuery(this.client, session, handle, split as unknown as JdbcSplit, jdbcColumns, dynamicFilter);
    return new JdbcPageSource(this.client, sql, jdbcColumns);
  }
}
