import type { OutputFormat } from './output/output-printer.js';
import { OUTPUT_FORMATS } from './output/output-printer.js';

export interface ClientArguments {
  readonly kind: 'client';
  readonly server: string | undefined;
  readonly user: string | undefined;
  readonly password: boolean;
  readonly catalog: string | undefined;
  readonly schema: string | undefined;
  readonly session: readonly (readonly [string, string])[];
  readonly source: string | undefined;
  readonly clientTags: readonly string[];
  readonly clientInfo: string | undefined;
  readonly timeZone: string | undefined;
  readonly execute: string | undefined;
  readonly file: string | undefined;
  readonly outputFormat: OutputFormat | undefined;
  readonly outputFormatInteractive: OutputFormat | undefined;
  readonly ignoreErrors: boolean;
  readonly progress: boolean;
  readonly debug: boolean;
  readonly etcDir: string | undefined;
}

export interface ServerArguments {
  readonly kind: 'server';
  readonly port: number | undefined;
  readonly etcDir: string | undefined;
}

export interface FormatArguments {
  readonly kind: 'format';
  readonly args: readonly string[];
}

export type CliCommand = ClientArguments | ServerArguments | FormatArguments | { readonly kind: 'help'; readonly topic: 'client' | 'server' } | { readonly kind: 'version' };

export class UsageError extends Error {}

export const CLIENT_USAGE = `Usage: petrel [OPTIONS]
       petrel server [--port N] [--etc-dir DIR]
       petrel format [FILE]

Runs SQL on a Petrel server (--server), or in-process when no server is given.

Options:
      --server <url>           Petrel/Trino server location (default: run an embedded engine)
      --user <user>            Username (default: $USER)
      --password               Prompt for a password
      --catalog <catalog>      Default catalog
      --schema <schema>        Default schema
      --session <k=v>          Session property (repeatable)
      --source <source>        Name of the client source (default: petrel-cli)
      --client-tags <tags>     Comma-separated client tags
      --client-info <info>     Extra information about the client
      --time-zone <zone>       Session time zone
  -e, --execute <sql>          Execute the statements and exit
  -f, --file <file>            Execute the statements in a file and exit
      --output-format <fmt>    Output format for batch mode: ${OUTPUT_FORMATS.join(', ')} (default: CSV)
      --output-format-interactive <fmt>
                               Output format for the interactive console (default: ALIGNED)
      --ignore-errors          Continue processing in batch mode when an error occurs
      --progress               Show query progress
      --debug                  Enable debug information
      --etc-dir <dir>          Embedded engine: load catalogs from <dir>/catalog/*.properties
  -h, --help                   Show this help message and exit
      --version                Print version information and exit
`;

export const SERVER_USAGE = `Usage: petrel server [--port N] [--etc-dir DIR]

Starts a single Petrel node (coordinator and worker) speaking the Trino client protocol.

Options:
      --port <n>        HTTP port (overrides http-server.http.port; default 8080)
      --etc-dir <dir>   Read config.properties, node.properties, log.properties and catalog/*.properties
  -h, --help            Show this help message and exit
`;

/** Parses `petrel` command-line arguments (`--name value`, `--name=value`). */
export function parseArguments(argv: readonly string[]): CliCommand {
  if (argv[0] === 'server') return parseServerArguments(argv.slice(1));
  if (argv[0] === 'format') return { kind: 'format', args: argv.slice(1) };
  const values: Record<string, string | undefined> = {};
  const session: [string, string][] = [];
  const flags = new Set<string>();
  const takesValue = new Set([
    'server',
    'user',
    'catalog',
    'schema',
    'session',
    'source',
    'client-tags',
    'client-info',
    'time-zone',
    'execute',
    'file',
    'output-format',
    'output-format-interactive',
    'etc-dir',
  ]);
  const booleans = new Set(['password', 'ignore-errors', 'progress', 'debug', 'help', 'version']);
  const aliases: Record<string, string> = { e: 'execute', f: 'file', h: 'help' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    let name: string;
    let inline: string | undefined;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
      inline = eq < 0 ? undefined : arg.slice(eq + 1);
    } else if (/^-[a-zA-Z]$/.test(arg)) {
      name = aliases[arg.slice(1)] ?? '';
      if (name === '') throw new UsageError(`Unknown option: '${arg}'`);
    } else {
      throw new UsageError(`Unmatched argument: '${arg}'`);
    }
    if (booleans.has(name)) {
      if (inline !== undefined) throw new UsageError(`Option '--${name}' does not take a value`);
      flags.add(name);
      continue;
    }
    if (!takesValue.has(name)) throw new UsageError(`Unknown option: '--${name}'`);
    const value = inline ?? argv[++i];
    if (value === undefined) throw new UsageError(`Missing required parameter for option '--${name}'`);
    if (name === 'session') {
      const eq = value.indexOf('=');
      if (eq <= 0) throw new UsageError(`Session property must be name=value: '${value}'`);
      session.push([value.slice(0, eq).trim(), value.slice(eq + 1).trim()]);
      continue;
    }
    values[name] = value;
  }
  if (flags.has('help')) return { kind: 'help', topic: 'client' };
  if (flags.has('version')) return { kind: 'version' };
  const outputFormat = (option: string): OutputFormat | undefined => {
    const value = values[option]?.toUpperCase();
    if (value !== undefined && !(OUTPUT_FORMATS as readonly string[]).includes(value)) {
      throw new UsageError(`Invalid value for option '--${option}': expected one of ${OUTPUT_FORMATS.join(', ')} but was '${values[option]}'`);
    }
    return value as OutputFormat | undefined;
  };
  const format = outputFormat('output-format');
  const formatInteractive = outputFormat('output-format-interactive');
  if (values['execute'] !== undefined && values['file'] !== undefined) throw new UsageError('Only one of --execute and --file may be specified');
  return {
    kind: 'client',
    server: values['server'],
    user: values['user'],
    password: flags.has('password'),
    catalog: values['catalog'],
    schema: values['schema'],
    session,
    source: values['source'],
    clientTags: (values['client-tags'] ?? '').split(',').map((t) => t.trim()).filter((t) => t !== ''),
    clientInfo: values['client-info'],
    timeZone: values['time-zone'],
    execute: values['execute'],
    file: values['file'],
    outputFormat: format,
    outputFormatInteractive: formatInteractive,
    ignoreErrors: flags.has('ignore-errors'),
    progress: flags.has('progress'),
    debug: flags.has('debug'),
    etcDir: values['etc-dir'],
  };
}

function parseServerArguments(argv: readonly string[]): CliCommand {
  let port: number | undefined;
  let etcDir: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') ? (eq < 0 ? arg.slice(2) : arg.slice(2, eq)) : arg;
    if (name === 'help' || arg === '-h') return { kind: 'help', topic: 'server' };
    if (name !== 'port' && name !== 'etc-dir') throw new UsageError(`Unknown option for 'petrel server': '${arg}'`);
    const value = eq >= 0 && arg.startsWith('--') ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined) throw new UsageError(`Missing required parameter for option '--${name}'`);
    if (name === 'port') {
      if (!/^\d+$/.test(value) || Number(value) > 65535) throw new UsageError(`Invalid value for option '--port': '${value}' is not a port number`);
      port = Number(value);
    } else etcDir = value;
  }
  return { kind: 'server', port, etcDir };
}
