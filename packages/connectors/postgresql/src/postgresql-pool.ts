import type { ConnectionPool, JdbcConfig, QueryLog, RemoteConnection, RemoteResult } from '@petrel/connector-jdbc';
import type pg from 'pg';
import { createRequire } from 'node:module';

/** `pg` loads only when a PostgreSQL catalog opens its pool, keeping it off the engine's start-up path. */
const loadPg = (): typeof pg => createRequire(import.meta.url)('pg') as typeof pg;

/** Every value arrives as the server's text so that no precision is lost in the driver. */
const TEXT_TYPES = { getTypeParser: () => (value: string) => value };

/** The pool of `pg` connections of one catalog, logging every statement to the catalog's query log. */
export class PostgresqlPool implements ConnectionPool {
  private readonly pool: pg.Pool;
  private leased = 0;
  private readonly guarded = new WeakSet<object>();

  constructor(config: JdbcConfig, private readonly log: QueryLog) {
    this.pool = new (loadPg().Pool)({
      host: config.host,
      port: config.port,
      database: config.database ?? 'postgres',
      ...(config.user === undefined ? {} : { user: config.user }),
      ...(config.password === undefined ? {} : { password: config.password }),
      max: config.maxPoolSize,
      connectionTimeoutMillis: config.connectTimeoutMillis,
      idleTimeoutMillis: 10_000,
      allowExitOnIdle: true,
      options: '-c TimeZone=UTC -c DateStyle=ISO -c extra_float_digits=3 -c IntervalStyle=iso_8601',
      types: TEXT_TYPES,
      application_name: `petrel-${config.catalog}`,
    });
    // Errors of idle clients (server restart, terminated backend) must not crash the process.
    this.pool.on('error', () => {});
  }

  async acquire(): Promise<RemoteConnection> {
    const client = await this.pool.connect();
    this.leased++;
    if (!this.guarded.has(client)) {
      // A backend terminated while idle or mid-query reports through the client's error event.
      client.on('error', () => {});
      this.guarded.add(client);
    }
    let released = false;
    const log = this.log;
    const processId = (client as unknown as { processID?: number }).processID;
    return {
      serverConnectionId: processId,
      async query(sql: string): Promise<RemoteResult> {
        log.record(sql);
        const result = await client.query({ text: sql, rowMode: 'array' });
        const last = Array.isArray(result) ? (result[result.length - 1] as pg.QueryArrayResult) : result;
        return { rows: last.rows ?? [], fieldNames: (last.fields ?? []).map((f) => f.name), affectedRows: last.rowCount ?? 0 };
      },
      async *stream(sql: string, batchSize: number): AsyncGenerator<readonly (readonly unknown[])[], void, undefined> {
        log.record(sql);
        await client.query('BEGIN READ ONLY');
        let finished = false;
        try {
          await client.query(`DECLARE petrel_cursor NO SCROLL CURSOR FOR ${sql}`);
          for (;;) {
            const batch = await client.query({ text: `FETCH FORWARD ${batchSize} FROM petrel_cursor`, rowMode: 'array' });
            if (batch.rows.length > 0) yield batch.rows;
            if (batch.rows.length < batchSize) break;
          }
          await client.query('COMMIT');
          finished = true;
        } finally {
          if (!finished) {
            try {
              await client.query('ROLLBACK');
            } catch {
              // the connection is broken; the pool destroys it
            }
          }
        }
      },
      release: (broken?: boolean) => {
        if (released) return;
        released = true;
        this.leased--;
        client.release(broken === true ? true : undefined);
      },
    };
  }

  get leasedCount(): number {
    return this.leased;
  }

  get idleCount(): number {
    return this.pool.idleCount;
  }

  get totalCount(): number {
    return this.pool.totalCount;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
