import type { TrinoError } from '@petrel/spi';
import type { FailureInfo, QueryError } from './query-results.js';

/** Trino's `QueryError` for a failed query. */
export function toQueryError(error: TrinoError): QueryError {
  const errorLocation = error.location === undefined ? undefined : { lineNumber: error.location.line, columnNumber: error.location.column };
  const failureInfo: FailureInfo = {
    type: failureType(error),
    message: error.message,
    suppressed: [],
    stack: stackLines(error),
    ...(errorLocation === undefined ? {} : { errorLocation }),
  };
  return {
    message: error.message,
    errorCode: error.errorCode.code,
    errorName: error.errorCode.name,
    errorType: error.errorCode.type,
    ...(errorLocation === undefined ? {} : { errorLocation }),
    failureInfo,
  };
}

function failureType(error: TrinoError): string {
  if (error.errorCode.name === 'SYNTAX_ERROR') return 'io.trino.sql.parser.ParsingException';
  if (error.errorCode.type === 'USER_ERROR' && error.location !== undefined) return 'io.trino.spi.TrinoException';
  return 'io.trino.spi.TrinoException';
}

function stackLines(error: Error): string[] {
  const stack = error.stack ?? '';
  return stack
    .split('\n')
    .slice(1)
    .map((line) => line.trim().replace(/^at /, ''))
    .filter((line) => line.length > 0)
    .slice(0, 20);
}
