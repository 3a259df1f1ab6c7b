import type { ErrorCode } from './error-code.js';
import { StandardErrorCode } from './error-code.js';

/** A 1-based line and column in the query text. */
export interface SourceLocation {
  readonly line: number;
  readonly column: number;
}

/**
 * The one error type that reaches users. Its message is what Trino prints; when a location is
 * known the message starts with `line L:C: `, as Trino's semantic and syntax errors do.
 */
export class TrinoError extends Error {
  readonly errorCode: ErrorCode;
  readonly location: SourceLocation | undefined;
  /** The message without the `line L:C: ` prefix. */
  readonly rawMessage: string;

  constructor(errorCode: ErrorCode, message: string, location?: SourceLocation, options?: { cause?: unknown }) {
    super(location === undefined ? message : `line ${location.line}:${location.column}: ${message}`, options);
    this.name = 'TrinoError';
    this.errorCode = errorCode;
    this.location = location;
    this.rawMessage = message;
  }

  get errorName(): string {
    return this.errorCode.name;
  }
}

export function isTrinoError(error: unknown): error is TrinoError {
  return error instanceof TrinoError;
}

/** Wraps anything thrown into a TrinoError; unexpected errors become GENERIC_INTERNAL_ERROR. */
export function toTrinoError(error: unknown): TrinoError {
  if (error instanceof TrinoError) return error;
  if (error instanceof RangeError && /call stack/i.test(error.message)) {
    return new TrinoError(StandardErrorCode.STACK_OVERFLOW, 'Query is too deeply nested', undefined, { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new TrinoError(StandardErrorCode.GENERIC_INTERNAL_ERROR, message, undefined, { cause: error });
}

export function userError(code: ErrorCode, message: string, location?: SourceLocation): TrinoError {
  return new TrinoError(code, message, location);
}
