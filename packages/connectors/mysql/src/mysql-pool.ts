import type { ConnectionPool, JdbcConfig, QueryLog, RemoteConnection, RemoteResult } from '@petrel/connector-jdbc';
import mysql from 'mysql2/promise';

/** The pool of `mysql2` connections of one catalog, logging every statement to the catalog's query log. */
export class MysqlPool implements ConnectionPool {
  private readonly pool: mysql.Pool;
  private leased = 0;
  private readonly prepared = new WeakSet<object>();

  constructor(config: JdbcConfig, private readonly log: QueryLog) {
    this.pool = mysql.createPool({
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
        const stream = (core as { query(options: object): { stream(options: object): AsyncIterable<unknown[]> } }).query({ sql, rowsAsArray: true }).stream({ highWaterMark: batchSize });
        let batch: unknown[][] = [];
        for await (const row of stream) {
          batch.push(row);
          if (batch.length >= batchSize) {
            yield batch;
            batch = [];
          }
        }
        if (batch.length > 0) yield batch;
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
