/** One statement a connector sent to its remote database. */
export interface QueryLogEntry {
  readonly sql: string;
  /** Epoch milliseconds when it was sent. */
  readonly sentAt: number;
}

/**
 * The statements sent to one catalog's remote database, newest last, bounded in size. Tests read it
 * to assert what was pushed down; EXPLAIN-like tooling can show it.
 */
export class QueryLog {
  private readonly entries: QueryLogEntry[] = [];
  /** Rows page sources have read from the remote database (all statements, ever). */
  private rowsReadTotal = 0;

  constructor(private readonly capacity = 1000) {}

  record(sql: string): void {
    this.entries.push({ sql, sentAt: Date.now() });
    const excess = this.entries.length - this.capacity;
    if (excess > 0) {
      this.entries.splice(0, excess);
      this.dropped += excess;
    }
  }

  /** Every logged statement, oldest first. */
  statements(): readonly string[] {
    return this.entries.map((e) => e.sql);
  }

  /** Statements logged after `mark()` returned `position`. */
  statementsSince(position: number): readonly string[] {
    return this.entries.slice(Math.max(0, position - this.dropped)).map((e) => e.sql);
  }

  private dropped = 0;

  /** A position to pass to `statementsSince`. */
  mark(): number {
    return this.entries.length + this.dropped;
  }

  /** Counts rows a page source received from the remote database. */
  recordRowsRead(count: number): void {
    this.rowsReadTotal += count;
  }

  /** Rows page sources have read from the remote database since the catalog started. */
  get rowsRead(): number {
    return this.rowsReadTotal;
  }

  clear(): void {
    this.dropped += this.entries.length;
    this.entries.length = 0;
  }
}
