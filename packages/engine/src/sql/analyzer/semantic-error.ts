import { StandardErrorCode, TrinoError } from '@petrel/spi';
import type { StandardErrorCodeName } from '@petrel/spi';
import type { NodeLocation } from '@petrel/sql';

/** A user error located at an AST node, as Trino's `semanticException`. */
export function semanticError(code: StandardErrorCodeName, message: string, location?: NodeLocation): TrinoError {
  return new TrinoError(StandardErrorCode[code], message, location === undefined ? undefined : { line: location.line, column: location.column });
}
