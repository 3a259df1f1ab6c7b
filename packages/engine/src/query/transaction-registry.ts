import type { TransactionInfoRow } from '../connector/system/system-state.js';

/** Trino's default for transactions that do not ask for another level. */
const DEFAULT_ISOLATION_LEVEL = 'READ UNCOMMITTED';

/** Trino's `transaction.idle-timeout` default: an explicit transaction idle this long is dropped. */
const IDLE_TIMEOUT_MILLIS = 5 * 60_000;

interface OpenTransaction {
  readonly transactionId: string;
  readonly autoCommit: boolean;
  readonly createTime: number;
  lastActivity: number;
  writtenCatalog: string | undefined;
  readonly catalogs: Set<string>;
  /** Statements running in it now (an explicit transaction also lives between statements). */
  running: number;
}

/**
 * The transactions open in this engine, for `system.runtime.transactions`: explicit ones from
 * START TRANSACTION until COMMIT or ROLLBACK, and the auto-commit one each statement outside an
 * explicit transaction runs in (it ends with the statement).
 */
export class TransactionRegistry {
  private readonly open = new Map<string, OpenTransaction>();

  /** A statement starts: in the session's transaction, or in a new auto-commit one. Returns its id. */
  statementStarted(sessionTransactionId: string | undefined, now = Date.now()): string {
    this.expireIdle(now);
    const id = sessionTransactionId ?? crypto.randomUUID();
    let transaction = this.open.get(id);
    if (transaction === undefined) {
      transaction = { transactionId: id, autoCommit: sessionTransactionId === undefined, createTime: now, lastActivity: now, writtenCatalog: undefined, catalogs: new Set(), running: 0 };
      this.open.set(id, transaction);
    }
    transaction.running++;
    transaction.lastActivity = now;
    return id;
  }

  /** The catalogs a statement of the transaction reads (and the one it writes). */
  catalogsUsed(transactionId: string, read: Iterable<string>, written: string | undefined): void {
    const transaction = this.open.get(transactionId);
    if (transaction === undefined) return;
    for (const catalog of read) transaction.catalogs.add(catalog);
    if (written !== undefined) {
      transaction.catalogs.add(written);
      transaction.writtenCatalog ??= written;
    }
  }

  /** A statement ended; an auto-commit transaction ends with it. */
  statementFinished(transactionId: string, now = Date.now()): void {
    const transaction = this.open.get(transactionId);
    if (transaction === undefined) return;
    transaction.running = Math.max(0, transaction.running - 1);
    transaction.lastActivity = now;
    if (transaction.autoCommit && transaction.running === 0) this.open.delete(transactionId);
  }

  /** START TRANSACTION handed the client this id. */
  begin(transactionId: string, now = Date.now()): void {
    if (this.open.has(transactionId)) return;
    this.open.set(transactionId, { transactionId, autoCommit: false, createTime: now, lastActivity: now, writtenCatalog: undefined, catalogs: new Set(), running: 0 });
  }

  /** COMMIT or ROLLBACK. */
  end(transactionId: string): void {
    this.open.delete(transactionId);
  }

  /** Drops explicit transactions nobody used for the idle timeout (a client that went away). */
  expireIdle(now = Date.now()): void {
    for (const [id, t] of this.open) {
      if (!t.autoCommit && t.running === 0 && now - t.lastActivity > IDLE_TIMEOUT_MILLIS) this.open.delete(id);
    }
  }

  list(now = Date.now()): TransactionInfoRow[] {
    this.expireIdle(now);
    return [...this.open.values()].map((t) => ({
      transactionId: t.transactionId,
      isolationLevel: DEFAULT_ISOLATION_LEVEL,
      readOnly: false,
      autoCommit: t.autoCommit,
      createTime: t.createTime,
      lastActivity: t.lastActivity,
      writtenCatalog: t.writtenCatalog,
      catalogs: [...t.catalogs].sort(),
    }));
  }
}
