import { StandardErrorCode, TrinoError } from '@petrel/spi';

export function syntaxError(message: string, line: number, column: number): TrinoError {
  return new TrinoError(StandardErrorCode.SYNTAX_ERROR, message, { line, column });
}
