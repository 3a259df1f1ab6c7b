/** The result of one statement on a remote database. */
export interface RemoteResult {
  /** Rows as arrays of driver values, in select-list order. */
  readonly rows: readonly (readonly unknown[])[];
  readonly fieldNames: readonly string[];
  /** Rows changed by INSERT, UPDATE, DELETE. */
  readonly affectedRows: number;
  /** The driver's column metadata, for describing query results. */
  readonly fields?: readonly unknown[];
}

/** One leased connection. Always `release` it, in a `finally`. */
export interface RemoteConnection {
  query(sql: string): Promise<RemoteResult>;
  /**
   * Runs a query and yields its rows in batches of at most `batchSize` without holding the whole
   * result in memory (a server-side cursor or a driver stream). Stopping early (`return()`) leaves the
   * connection in a state only `release(true)` may follow.
   */
  stream?(sql: string, batchSize: number): AsyncGenerator<readonly (readonly unknown[])[], void, undefined>;
  /** The driver's column metadata of a query's result, without running it (where the driver can). */
  describe?(sql: string): Promise<readonly unknown[]>;
  /** Returns the connection to its pool; `broken` destroys it instead. */
  release(broken?: boolean): void;
  /** The server's id for this connection (backend pid, connection id), for cancellation. */
  readonly serverConnectionId: number | undefined;
}

/** A pool of connections to one remote database, wrapping the driver's pool. */
export interface ConnectionPool {
  acquire(): Promise<RemoteConnection>;
  /** Connections currently leased out. */
  readonly leasedCount: number;
  /** Connections open and idle in the pool. */
  readonly idleCount: number;
  /** Connections open (idle or leased). */
  readonly totalCount: number;
  close(): Promise<void>;
}

/** Runs `work` on a leased connection and always releases it (destroying it on connection errors). */
export async function withConnection<T>(pool: ConnectionPool, work: (connection: RemoteConnection) => Promise<T>, isBroken: (error: unknown) => boolean): Promise<T> {
  const connection = await pool.acquire();
  let broken = false;
  try {
    return await work(connection);
  } catch (error) {
    broken = isBroken(error);
    throw error;
  } finally {
    connection.release(broken);
  }
}

/** Runs `work` inside a transaction on one leased connection; rolls back when it throws. */
export async function inTransaction<T>(
  pool: ConnectionPool,
  work: (connection: RemoteConnection) => Promise<T>,
  isBroken: (error: unknown) => boolean,
  begin = 'BEGIN',
): Promise<T> {
  return withConnection(
    pool,
    async (connection) => {
      await connection.query(begin);
      try {
        const result = await work(connection);
        await connection.query('COMMIT');
        return result;
      } catch (error) {
        try {
          await connection.query('ROLLBACK');
        } catch {
          // the connection is gone; the server rolls back on its own
        }
        throw error;
      }
    },
    isBroken,
  );
}
