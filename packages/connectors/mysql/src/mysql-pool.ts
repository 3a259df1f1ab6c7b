import type { ConnectionPool, JdbcConfig, QueryLog, RemoteConnection, RemoteResult } from '@petrel/connector-jdbc';
import type mysql from 'mysql2/promise';
import { createRequire } from 'node:module';

/** `mysql2` loads only when a MySQL catalog opens its pool, keeping it off the engine's start-up path. */
const loadMysql = (): typeof mysql => createRequire(import.meta.url)('mysql2/promise') as typeof mysql;

/** The pool of `mysql2` connections of one catalog, logging every statement to the catalog's query log. */
export class MysqlPool implements ConnectionPool {
  private readonly pool: mysql.Pool;
  private leased = 0;
  private readonly prepared = new WeakSet<object>();

  constructor(config: JdbcConfig, private readonly log: QueryLog) {
    this.pool = loadMysql().createPool({
      host: config.host,
      port: config.port,
      ...(config.user === undefined ? {} : { user: config.user }),
      ...(config.password === undefined ? {} : { password: config.password }),
      ...(config.database === undefined ? {} : { database: config.database }),
      connectionLimit: config.maxPoolSize,
      connectTimeout: config.connectTimeoutMillis,
      waitForConnections: true,
      maxIdle: config.maxPoolSize,
      idleTimeout: 10_000,
      rowsAsArray: true,
      dateStrings: true,
      supportBigNumbers: true,
      bigNumberStrings: true,
      decimalNumbers: false,
      jsonStrings: true,
      timezone: 'Z',
      charset: 'utf8mb4',
      multipleStatements: false,
      // UPDATE counts the rows it matched, not only those it changed (as MySQL Connector/J reports for Trino)
      flags: ['FOUND_ROWS'],
    });
    (this.pool as unknown as { pool?: { on?: (event: string, listener: () => void) => void } }).pool?.on?.('error', () => {});
  }

  async acquire(): Promise<RemoteConnection> {
    const connection = await this.pool.getConnection();
    this.leased++;
    let released = false;
    const core = (connection as unknown as { connection: object }).connection ?? connection;
    const release = (broken?: boolean): void => {
      if (released) return;
      released = true;
      this.leased--;
      if (broken === true) (connection as unknown as { destroy(): void }).destroy();
      else connection.release();
    };
    if (!this.prepared.has(core)) {
      try {
        await connection.query(`SET time_zone = '+00:00'`);
      } catch (error) {
        release(true);
        throw error;
      }
      this.prepared.add(core);
    }
    const log = this.log;
    return {
      serverConnectionId: connection.threadId ?? undefined,
      async query(sql: string): Promise<RemoteResult> {
        log.record(sql);
        const [result, fields] = await connection.query({ sql, rowsAsArray: true });
        if (Array.isArray(result)) {
          return { rows: result as unknown as unknown[][], fieldNames: (fields ?? []).map((f) => f.name), affectedRows: 0, fields: fields ?? [] };
        }
        return { rows: [], fieldNames: [], affectedRows: (result as { affectedRows?: number }).affectedRows ?? 0 };
      },
      async *stream(sql: string, batchSize: number): AsyncGenerator<readonly (readonly unknown[])[], void, undefined> {
        log.record(sql);
        yield* streamRows(core as CoreConnection, sql, batchSize);
      },
      async describe(sql: string): Promise<readonly unknown[]> {
        log.record(`PREPARE ${sql}`);
        const statement = await connection.prepare(sql);
        try {
          const inner = (statement as unknown as { statement?: { columns?: readonly unknown[] } }).statement;
          return inner?.columns ?? [];
        } finally {
          await statement.close();
        }
      },
      release,
    };
  }

  get leasedCount(): number {
    return this.leased;
  }

  get idleCount(): number {
    const inner = (this.pool as unknown as { pool?: { _freeConnections?: { length: number } } }).pool;
    return inner?._freeConnections?.length ?? 0;
  }

  get totalCount(): number {
    const inner = (this.pool as unknown as { pool?: { _allConnections?: { length: number } } }).pool;
    return inner?._allConnections?.length ?? 0;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** The callback-style connection under a mysql2 promise connection. */
interface CoreConnection {
  query(options: object): EventSource;
  pause(): void;
  resume(): void;
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  off(event: string, listener: (...args: unknown[]) => void): unknown;
}

interface EventSource {
  on(event: string, listener: (...args: unknown[]) => void): unknown;
}

/**
 * Streams a query's rows in batches, pausing the connection while a batch waits to be consumed. A
 * connection that dies mid-query (killed, server gone) fails the stream instead of leaving it pending.
 */
async function* streamRows(core: CoreConnection, sql: string, batchSize: number): AsyncGenerator<readonly (readonly unknown[])[], void, undefined> {
  const queue: unknown[][] = [];
  let done = false;
  let failure: unknown;
  let paused = false;
  let wake: (() => void) | undefined;
  const notify = (): void => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const onConnectionError = (error: unknown): void => {
    failure ??= error;
    notify();
  };
  const onConnectionEnd = (): void => {
    if (!done) failure ??= new Error('Connection lost: The server closed the connection.');
    notify();
  };
  core.on('error', onConnectionError);
  core.on('end', onConnectionEnd);
  const query = core.query({ sql, rowsAsArray: true });
  query.on('result', (row: unknown) => {
    queue.push(row as unknown[]);
    if (queue.length >= batchSize && !paused) {
      paused = true;
      core.pause();
    }
    notify();
  });
  query.on('error', (error: unknown) => {
    failure ??= error;
    notify();
  });
  query.on('end', () => {
    done = true;
    notify();
  });
  try {
    for (;;) {
      if (failure !== undefined) throw failure;
      if (queue.length >= batchSize || (done && queue.length > 0)) {
        const batch = queue.splice(0, batchSize);
        if (paused) {
          paused = false;
          core.resume();
        }
        yield batch;
        continue;
      }
      if (done) return;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  } finally {
    core.off('error', onConnectionError);
    core.off('end', onConnectionEnd);
  }
}
