import { readFileSync } from 'node:fs';
import type { Session } from '@petrel/server';
import { createEngine, createSession } from '@petrel/server';
import type { ClientArguments } from './cli-arguments.js';
import type { QueryClient } from './client/query-client.js';
import { EmbeddedClient } from './client/embedded-client.js';
import { RemoteClient } from './client/remote-client.js';
import type { OutputSink } from './output-sink.js';
import { StreamSink } from './output-sink.js';
import { isEmptyStatement, splitStatements } from './statement-splitter.js';
import { runStatement } from './statement-runner.js';

/** The session the CLI's options describe. */
export function sessionFromArguments(args: ClientArguments): Session {
  const systemProperties: Record<string, string> = {};
  const catalogProperties: Record<string, Record<string, string>> = {};
  for (const [name, value] of args.session) {
    const dot = name.indexOf('.');
    if (dot < 0) systemProperties[name] = value;
    else (catalogProperties[name.slice(0, dot)] ??= {})[name.slice(dot + 1)] = value;
  }
  return createSession({
    user: args.user ?? process.env['USER'] ?? 'petrel',
    source: args.source ?? 'petrel-cli',
    catalog: args.catalog,
    schema: args.schema,
    ...(args.timeZone === undefined ? {} : { timeZone: args.timeZone }),
    systemProperties,
    catalogProperties,
    clientTags: args.clientTags,
    clientInfo: args.clientInfo,
  });
}

async function promptPassword(): Promise<string> {
  const { createInterface } = await import('node:readline');
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    const output = rl as unknown as { _writeToOutput: (text: string) => void; output: NodeJS.WritableStream };
    output._writeToOutput = (text: string) => {
      if (text.startsWith('Password:')) process.stderr.write(text);
    };
    rl.question('Password: ', (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolve(answer);
    });
  });
}

async function createClient(args: ClientArguments): Promise<QueryClient> {
  if (args.server !== undefined) {
    const server = /^https?:\/\//.test(args.server) ? args.server : `http://${args.server}`;
    const password = args.password ? await promptPassword() : undefined;
    return new RemoteClient({ server, ...(password === undefined ? {} : { password }) });
  }
  const engine = await createEngine(args.etcDir === undefined ? {} : { etcDir: args.etcDir });
  return new EmbeddedClient(engine);
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** `petrel [options]`: batch mode with --execute/--file/piped input, else the interactive console. */
export async function runClient(args: ClientArguments): Promise<number> {
  let script: string | undefined = args.execute;
  if (args.file !== undefined) {
    try {
      script = readFileSync(args.file, 'utf8');
    } catch (error) {
      process.stderr.write(`Error reading from file ${args.file}: ${(error as Error).message}\n`);
      return 1;
    }
  }
  const interactive = script === undefined && process.stdin.isTTY === true;
  if (script === undefined && !interactive) script = await readStdin();
  let client: QueryClient;
  try {
    client = await createClient(args);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  try {
    const session = sessionFromArguments(args);
    if (interactive) {
      const { runConsole } = await import('./console.js');
      return await runConsole(client, session, args);
    }
    return await runBatch(client, session, script ?? '', args);
  } finally {
    await client.close().catch(() => undefined);
  }
}

/** Runs each statement of `script` in order, carrying session changes; stops at the first failure unless --ignore-errors. */
export async function runBatch(
  client: QueryClient,
  initial: Session,
  script: string,
  args: Pick<ClientArguments, 'outputFormat' | 'ignoreErrors' | 'debug' | 'progress'>,
  io: { readonly out: OutputSink; readonly err: (text: string) => void } = { out: new StreamSink(process.stdout), err: (text) => process.stderr.write(text) },
): Promise<number> {
  const { statements, remainder } = splitStatements(script);
  const all = isEmptyStatement(remainder) ? statements : [...statements, remainder.trim()];
  let session = initial;
  let success = true;
  for (const sql of all) {
    const result = await runStatement(client, session, sql, {
      format: args.outputFormat ?? 'CSV',
      out: io.out,
      err: io.err,
      debug: args.debug,
      progress: args.progress && process.stderr.isTTY === true,
      colorErrors: false,
      failureStyle: 'batch',
    });
    session = result.session;
    if (!result.ok) {
      success = false;
      if (!args.ignoreErrors) break;
    }
  }
  return success ? 0 : 1;
}
