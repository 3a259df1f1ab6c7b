import type { JsonValue, QueryError, Session, StatementStats } from '@petrel/server';
import { applySessionUpdates } from '@petrel/server';
import type { CliQuery, QueryClient } from './client/query-client.js';
import type { OutputSink } from './output-sink.js';
import type { OutputFormat } from './output/output-printer.js';
import { createOutputPrinter } from './output/output-printer.js';
import { ProgressLine } from './progress-line.js';

/** Rows are handed to printers in batches of this many (Trino's CLI buffers 10,000). */
const MAX_BUFFERED_ROWS = 10_000;

export interface RunOptions {
  readonly format: OutputFormat;
  /** Rows go here. */
  readonly out: OutputSink;
  /** Status, errors and warnings go here. */
  readonly err: (text: string) => void;
  readonly debug: boolean;
  /** Show the live progress line (stderr must be a terminal). */
  readonly progress: boolean;
  /** Colour the error location (stderr is a terminal). */
  readonly colorErrors: boolean;
  /**
   * `batch` (--execute, --file, piped input): a failure prints exactly `Query failed: <message>`;
   * `interactive` (the console): `Query <id> failed: <message>` and the error location, as Trino's console does.
   */
  readonly failureStyle: 'batch' | 'interactive';
  /** Set while the statement runs, so Ctrl-C can cancel it. */
  readonly onStart?: (query: CliQuery) => void;
  /** Stop reading rows (pager quit). */
  readonly stopRequested?: () => boolean;
}

export interface RunResult {
  readonly ok: boolean;
  readonly session: Session;
  readonly canceled: boolean;
}

/** Runs one statement and prints it the way Trino's CLI does. */
export async function runStatement(client: QueryClient, session: Session, sql: string, options: RunOptions): Promise<RunResult> {
  const query = client.start(sql, session);
  options.onStart?.(query);
  const progress = options.progress ? new ProgressLine(query, options.err) : undefined;
  progress?.start();
  let canceled = false;
  try {
    const columns = await query.columns();
    if (columns !== undefined && columns.length > 0 && query.updateType() === undefined) {
      const printer = createOutputPrinter(options.format, columns);
      let buffer: JsonValue[][] = [];
      for (;;) {
        const rows = await query.nextRows();
        if (rows === undefined) break;
        for (const row of rows) buffer.push(row);
        if (buffer.length >= MAX_BUFFERED_ROWS) {
          progress?.clear();
          await options.out.write(printer.printRows(buffer, false));
          buffer = [];
        }
        if (options.stopRequested?.() === true) {
          canceled = true;
          query.cancel();
          break;
        }
      }
      const result = await query.finish();
      progress?.stop();
      if (result.error === undefined && !canceled) {
        if (buffer.length > 0) await options.out.write(printer.printRows(buffer, true));
        await options.out.write(printer.finish());
      } else if (buffer.length > 0 && result.error === undefined) {
        await options.out.write(printer.printRows(buffer, true));
      }
      return finishRun(session, sql, query, result, options, canceled);
    }
    // Statements without a result set (DDL, SET, USE ...) or with an update count: drain.
    while ((await query.nextRows()) !== undefined) {
      // discard, as Trino's CLI does for update statements
    }
    const result = await query.finish();
    progress?.stop();
    return finishRun(session, sql, query, result, options, canceled);
  } finally {
    progress?.stop();
  }
}

function finishRun(
  session: Session,
  sql: string,
  query: CliQuery,
  result: Awaited<ReturnType<CliQuery['finish']>>,
  options: RunOptions,
  canceled: boolean,
): RunResult {
  if (result.error !== undefined) {
    if (result.error.errorName === 'USER_CANCELED' || canceled) {
      options.err('Query aborted by user\n');
      return { ok: false, session, canceled: true };
    }
    options.err(
      options.failureStyle === 'batch'
        ? renderBatchFailure(result.error, options)
        : renderFailure(result.queryId ?? query.queryId() ?? 'unknown', sql, result.error, options),
    );
    return { ok: false, session, canceled: false };
  }
  if (result.updateType !== undefined) {
    const count = result.updateCount;
    options.err(count === undefined ? `${result.updateType}\n` : `${result.updateType}: ${count} row${count !== 1 ? 's' : ''}\n`);
  }
  return { ok: true, session: applySessionUpdates(session, result.sessionUpdates), canceled };
}

/** Batch mode: exactly `Query failed: <message>` (the message carries `line L:C: ` when located); --debug adds the stack. */
export function renderBatchFailure(error: QueryError, options: { readonly debug: boolean }): string {
  let out = `Query failed: ${error.message}\n`;
  if (options.debug) out += [error.failureInfo.type + ': ' + error.failureInfo.message, ...error.failureInfo.stack.map((s) => `\tat ${s}`)].join('\n') + '\n';
  return out;
}

/** Interactive console: `Query <id> failed: <message>`, then the error location as Trino's CLI shows it, then a blank line. */
export function renderFailure(queryId: string, sql: string, error: QueryError, options: { readonly debug: boolean; readonly colorErrors: boolean }): string {
  let out = `Query ${queryId} failed: ${error.message}\n`;
  if (options.debug) out += [error.failureInfo.type + ': ' + error.failureInfo.message, ...error.failureInfo.stack.map((s) => `\tat ${s}`)].join('\n') + '\n';
  const location = error.errorLocation;
  if (location !== undefined) {
    const lines = sql.split('\n');
    const errorLine = lines[location.lineNumber - 1];
    if (errorLine !== undefined) {
      const good = errorLine.slice(0, location.columnNumber - 1);
      let bad = errorLine.slice(location.columnNumber - 1);
      if (location.lineNumber === lines.length && bad.trim() === '') bad = ' <EOF>';
      if (options.colorErrors) {
        out += '\x1b[36m' + lines.slice(0, location.lineNumber - 1).map((l) => l + '\n').join('') + good + '\x1b[31m' + bad + '\n';
        out += lines.slice(location.lineNumber).map((l) => l + '\n').join('') + '\x1b[0m';
      } else {
        const prefix = `LINE ${location.lineNumber}: `;
        out += `${prefix}${errorLine}\n${' '.repeat(prefix.length + location.columnNumber - 1)}^\n`;
      }
    }
  }
  return out + '\n';
}

export type { StatementStats };
