import { readFile } from 'node:fs/promises';
import { isTrinoError } from '@petrel/spi';
import { formatStatement, parseStatements } from '@petrel/sql';

export interface FormatCommandIo {
  readonly stdin: NodeJS.ReadableStream;
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * `petrel format [FILE]`: prints each statement of FILE (standard input when absent) in canonical
 * form, each followed by `;` and a blank line. A syntax error is printed as `line L:C: message`
 * and the command returns 1.
 */
export async function runFormatCommand(args: string[], io: FormatCommandIo): Promise<number> {
  if (args.length > 1 || args.some((arg) => arg === '--help' || arg === '-h')) {
    io.stderr.write('usage: petrel format [FILE]\n');
    return args.some((arg) => arg === '--help' || arg === '-h') ? 0 : 2;
  }
  let sql: string;
  try {
    sql = args.length === 1 && args[0] !== '-' ? await readFile(args[0]!, 'utf8') : await readAll(io.stdin);
  } catch (error) {
    io.stderr.write(`petrel format: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  try {
    const statements = parseStatements(sql);
    io.stdout.write(statements.map((statement) => `${formatStatement(statement)};\n\n`).join(''));
    return 0;
  } catch (error) {
    if (isTrinoError(error)) {
      io.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
