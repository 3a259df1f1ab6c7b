import { CLIENT_USAGE, parseArguments, SERVER_USAGE, UsageError } from './cli-arguments.js';
import type { CliCommand } from './cli-arguments.js';

export const CLI_VERSION = '0.1.0';

/** Entry point of the `petrel` command; resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  let command: CliCommand;
  try {
    command = parseArguments(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n\n${CLIENT_USAGE}`);
      return 2;
    }
    throw error;
  }
  switch (command.kind) {
    case 'help':
      process.stdout.write(command.topic === 'server' ? SERVER_USAGE : CLIENT_USAGE);
      return 0;
    case 'version':
      process.stdout.write(`Petrel CLI ${CLI_VERSION}\n`);
      return 0;
    case 'format': {
      const { runFormatCommand } = await import('./format-command.js');
      return runFormatCommand([...command.args], { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr });
    }
    case 'server': {
      const { runServer } = await import('./server-command.js');
      return runServer(command);
    }
    case 'client': {
      const { runClient } = await import('./client-command.js');
      return runClient(command);
    }
  }
}

/** Runs `main` and exits once output is flushed (the engine may keep worker threads alive). */
export function runAndExit(argv: readonly string[]): void {
  main(argv).then(
    (code) => exitAfterFlush(code),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      exitAfterFlush(1);
    },
  );
}

function exitAfterFlush(code: number): void {
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}
