import { ConnectorErrorCode, StandardErrorCode, TrinoError, isTrinoError } from '@petrel/spi';

/** What a driver error looks like: pg and mysql2 both put a string `code` on their errors. */
interface DriverErrorShape {
  readonly message?: unknown;
  readonly code?: unknown;
  readonly errno?: unknown;
  readonly sqlState?: unknown;
}

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EPIPE', 'PROTOCOL_CONNECTION_LOST']);

function driverMessage(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return driverMessage(error.errors[0]);
  if (error instanceof Error) {
    const message = error.message.trim();
    if (message.length > 0) return message;
    const code = (error as DriverErrorShape).code;
    return typeof code === 'string' ? code : error.name;
  }
  return String(error);
}

function driverCode(error: unknown): string | undefined {
  if (error instanceof AggregateError && error.errors.length > 0) return driverCode(error.errors[0]);
  if (typeof error === 'object' && error !== null) {
    const code = (error as DriverErrorShape).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

/** True when the error says the server could not be reached or the connection broke. */
export function isConnectionFailure(error: unknown): boolean {
  const code = driverCode(error);
  if (code !== undefined && CONNECTION_CODES.has(code)) return true;
  const message = driverMessage(error);
  return /timeout expired|Connection terminated|connect ETIMEDOUT|Connection lost|closed state/i.test(message);
}

/**
 * Translates anything a driver throws into a TrinoError of type EXTERNAL naming the catalog.
 * TrinoErrors pass through unchanged.
 */
export function translateJdbcError(catalog: string, error: unknown, what?: string): TrinoError {
  if (isTrinoError(error)) return error;
  const message = driverMessage(error);
  const prefix = what === undefined ? `Error in catalog '${catalog}'` : `Error in catalog '${catalog}' while ${what}`;
  return new TrinoError(ConnectorErrorCode.JDBC_ERROR, `${prefix}: ${message}`, undefined, { cause: error });
}

export function jdbcError(catalog: string, message: string): TrinoError {
  return new TrinoError(ConnectorErrorCode.JDBC_ERROR, `Error in catalog '${catalog}': ${message}`);
}

export function notSupported(message: string): TrinoError {
  return new TrinoError(StandardErrorCode.NOT_SUPPORTED, message);
}
