import { appendFileSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Session } from '@petrel/server';
import type { ClientArguments } from './cli-arguments.js';
import type { CliQuery, QueryClient } from './client/query-client.js';
import { complete, CompletionNames } from './completion.js';
import type { OutputSink } from './output-sink.js';
import { PagerSink, StreamSink } from './output-sink.js';
import { splitStatements } from './statement-splitter.js';
import { runStatement } from './statement-runner.js';

const HELP = `
Supported commands:
QUIT
EXIT
CLEAR
EXPLAIN [ ( option [, ...] ) ] <query>
    options: FORMAT { TEXT | GRAPHVIZ | JSON }
             TYPE { LOGICAL | DISTRIBUTED | VALIDATE | IO }
DESCRIBE <table>
SHOW COLUMNS FROM <table>
SHOW FUNCTIONS
SHOW CATALOGS [LIKE <pattern>]
SHOW SCHEMAS [FROM <catalog>] [LIKE <pattern>]
SHOW TABLES [{FROM | IN} <schema>] [LIKE <pattern>]
USE [<catalog>.]<schema>

`;

export function promptFor(session: Session): string {
  return session.schema === undefined ? 'petrel> ' : `petrel:${session.schema}> `;
}

function historyPath(): string {
  return process.env['PETREL_HISTORY_FILE'] ?? join(homedir(), '.petrel_history');
}

function loadHistory(): string[] {
  try {
    return readFileSync(historyPath(), 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => l.replace(/\\n/g, '\n'))
      .reverse()
      .slice(0, 10_000);
  } catch {
    return [];
  }
}

/** Collects catalog, schema, table and column names for completion (failures are ignored). */
async function loadNames(client: QueryClient, session: Session, names: CompletionNames): Promise<void> {
  const rows = async (sql: string): Promise<unknown[][]> => {
    const query = client.start(sql, session);
    const result: unknown[][] = [];
    if ((await query.columns()) === undefined) return result;
    for (;;) {
      const batch = await query.nextRows();
      if (batch === undefined) break;
      result.push(...batch);
    }
    await query.finish();
    return result;
  };
  try {
    const catalogs = (await rows('SHOW CATALOGS')).map((r) => String(r[0]));
    names.add(...catalogs);
    for (const catalog of catalogs.filter((c) => c === session.catalog || catalogs.length <= 5)) {
      const columns = await rows(`SELECT table_schema, table_name, column_name FROM ${catalog}.information_schema.columns`);
      for (const [schema, table, column] of columns as string[][]) {
        names.add(schema, `${catalog}.${schema}`, table, `${schema}.${table}`, `${catalog}.${schema}.${table}`, column);
      }
    }
  } catch {
    // completion is best effort
  }
}

/** The interactive console: prompt, multi-line statements, history, completion, pager, Ctrl-C cancels. */
export async function runConsole(client: QueryClient, initial: Session, args: ClientArguments): Promise<number> {
  let session = initial;
  const names = new CompletionNames();
  void loadNames(client, session, names);
  const rl = createInterface({
    input: process.stdin,
    output: process.stdout,
    terminal: true,
    history: loadHistory(),
    historySize: 10_000,
    removeHistoryDuplicates: true,
    completer: (line: string) => complete(line, names),
  });
  let buffer = '';
  let running: CliQuery | undefined;
  let queue = Promise.resolve();
  let closed = false;

  const prompt = (): void => {
    const main = promptFor(session);
    rl.setPrompt(buffer === '' ? main : `${' '.repeat(Math.max(0, main.length - 3))}-> `);
    rl.prompt();
  };

  rl.on('SIGINT', () => {
    if (running !== undefined) {
      running.cancel();
      return;
    }
    buffer = '';
    process.stdout.write('\n');
    prompt();
  });

  const execute = async (sql: string): Promise<void> => {
    try {
      appendFileSync(historyPath(), sql.replace(/\n/g, '\\n') + ';\n');
    } catch {
      // history is best effort
    }
    const pager = process.env['PAGER'];
    const usePager = process.stdout.isTTY === true && pager !== '';
    const sink: OutputSink & { isClosed?: () => boolean } = usePager ? new PagerSink(process.stdout, process.stdout.rows ?? 24, pager ?? 'less -SRFX') : new StreamSink(process.stdout);
    const started = Date.now();
    const result = await runStatement(client, session, sql, {
      format: args.outputFormatInteractive ?? 'ALIGNED',
      out: sink,
      err: (text) => process.stderr.write(text),
      debug: args.debug,
      progress: process.stderr.isTTY === true,
      colorErrors: process.stderr.isTTY === true,
      failureStyle: 'interactive',
      onStart: (query) => {
        running = query;
      },
      stopRequested: () => sink.isClosed?.() === true,
    });
    await sink.close();
    const query = running;
    running = undefined;
    session = result.session;
    if (result.ok && query !== undefined) {
      const stats = query.stats();
      if (stats !== undefined) {
        const seconds = ((Date.now() - started) / 1000).toFixed(2);
        const done = stats.totalSplits > 0 ? ((stats.completedSplits * 100) / stats.totalSplits).toFixed(2) : '100.00';
        process.stderr.write(
          `\nQuery ${query.queryId() ?? ''}, ${stats.state === 'FINISHED' || stats.state === 'RUNNING' ? 'FINISHED' : stats.state}, ${Math.max(1, stats.nodes)} node\n` +
            `Splits: ${stats.totalSplits} total, ${stats.completedSplits} done (${done}%)\n` +
            `${seconds} [${stats.processedRows} rows, ${stats.processedBytes}B] [${Math.round(stats.processedRows / Math.max(0.001, Number(seconds)))} rows/s]\n\n`,
        );
      }
    }
  };

  const handleLine = async (line: string): Promise<void> => {
    const trimmed = line.trim();
    if (buffer === '') {
      const command = trimmed.replace(/;$/, '').trim().toLowerCase();
      if (command === 'quit' || command === 'exit') {
        rl.close();
        return;
      }
      if (command === 'help') {
        process.stdout.write(HELP);
        prompt();
        return;
      }
      if (command === 'clear') {
        process.stdout.write('\x1b[2J\x1b[H');
        prompt();
        return;
      }
      if (trimmed === '') {
        prompt();
        return;
      }
    }
    buffer += line + '\n';
    const { statements, remainder } = splitStatements(buffer);
    if (statements.length === 0) {
      prompt();
      return;
    }
    buffer = remainder.trim() === '' ? '' : remainder;
    for (const statement of statements) {
      if (closed) return;
      await execute(statement);
    }
    if (!closed) prompt();
  };

  rl.on('line', (line) => {
    queue = queue.then(() => handleLine(line)).catch((error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      prompt();
    });
  });

  prompt();
  await new Promise<void>((resolve) => {
    rl.on('close', () => {
      closed = true;
      running?.cancel();
      resolve();
    });
  });
  await queue;
  process.stdout.write('\n');
  return 0;
}
