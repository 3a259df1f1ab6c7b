import type { IncomingHttpHeaders } from 'node:http';
import { assertNever } from '@petrel/spi';
import type { Session, SessionUpdate } from '../engine-port.js';
import { createSession } from '../engine-port.js';
import type { ClientCapabilities } from './client-type-signature.js';

/** `Trino` or `Presto`: the header prefix a client used; responses answer in the same dialect. */
export type HeaderDialect = 'Trino' | 'Presto';

export class ProtocolRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProtocolRequestError';
  }
}

export interface StatementRequest {
  readonly dialect: HeaderDialect;
  readonly session: Session;
  readonly capabilities: ClientCapabilities;
  readonly clientCapabilities: readonly string[];
  readonly resourceEstimates: Readonly<Record<string, string>>;
  readonly extraCredentials: Readonly<Record<string, string>>;
  readonly role: string | undefined;
  readonly queryDataEncoding: string | undefined;
}

export function headerDialect(headers: IncomingHttpHeaders): HeaderDialect {
  const hasTrino = Object.keys(headers).some((name) => name.startsWith('x-trino-'));
  if (hasTrino) return 'Trino';
  return Object.keys(headers).some((name) => name.startsWith('x-presto-')) ? 'Presto' : 'Trino';
}

function values(headers: IncomingHttpHeaders, dialect: HeaderDialect, name: string): string[] {
  const raw = headers[`x-${dialect.toLowerCase()}-${name}`];
  if (raw === undefined) return [];
  return Array.isArray(raw) ? raw : [raw];
}

function single(headers: IncomingHttpHeaders, dialect: HeaderDialect, name: string): string | undefined {
  const all = values(headers, dialect, name);
  if (all.length === 0) return undefined;
  const value = all.join(',').trim();
  return value === '' ? undefined : value;
}

function decode(text: string, what: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    throw new ProtocolRequestError(`Invalid ${what} header: malformed URL encoding`);
  }
}

/** `a=1,b=2` lists (each header may repeat); values URL-decoded. */
function keyValueList(headers: IncomingHttpHeaders, dialect: HeaderDialect, name: string, decodeKeys: boolean): Map<string, string> {
  const result = new Map<string, string>();
  for (const header of values(headers, dialect, name)) {
    for (const item of header.split(',')) {
      const trimmed = item.trim();
      if (trimmed === '') continue;
      const eq = trimmed.indexOf('=');
      if (eq <= 0) throw new ProtocolRequestError(`Invalid X-${dialect}-${headerTitle(name)} header: '${trimmed}' is not name=value`);
      const key = trimmed.slice(0, eq).trim();
      result.set(decodeKeys ? decode(key, `X-${dialect}-${headerTitle(name)}`) : key, decode(trimmed.slice(eq + 1).trim(), `X-${dialect}-${headerTitle(name)}`));
    }
  }
  return result;
}

function headerTitle(name: string): string {
  return name
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('-');
}

export function isValidTimeZone(zone: string): boolean {
  if (/^[+-]\d{1,2}(:?\d{2})?$/.test(zone)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Reads a statement request's session from its headers (Trino's `ProtocolHeaders`, X-Presto-* alike). */
export function parseStatementHeaders(headers: IncomingHttpHeaders, defaults: { readonly catalog?: string; readonly schema?: string } = {}): StatementRequest {
  const dialect = headerDialect(headers);
  const user = single(headers, dialect, 'user');
  if (user === undefined) throw new ProtocolRequestError('User must be set');
  const timeZone = single(headers, dialect, 'time-zone');
  if (timeZone !== undefined && !isValidTimeZone(timeZone)) throw new ProtocolRequestError(`Time zone not supported: ${timeZone}`);
  const systemProperties: Record<string, string> = {};
  const catalogProperties: Record<string, Record<string, string>> = {};
  for (const [name, value] of keyValueList(headers, dialect, 'session', false)) {
    const dot = name.indexOf('.');
    if (dot < 0) systemProperties[name] = value;
    else {
      const catalog = name.slice(0, dot);
      (catalogProperties[catalog] ??= {})[name.slice(dot + 1)] = value;
    }
  }
  const preparedStatements: Record<string, string> = {};
  for (const [name, sql] of keyValueList(headers, dialect, 'prepared-statement', true)) preparedStatements[name] = sql;
  const clientCapabilities = (single(headers, dialect, 'client-capabilities') ?? '')
    .split(',')
    .map((c) => c.trim())
    .filter((c) => c !== '');
  const clientTags = (single(headers, dialect, 'client-tags') ?? '')
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '');
  const transaction = single(headers, dialect, 'transaction-id');
  const roles = Object.fromEntries(keyValueList(headers, dialect, 'role', true));
  for (const [catalog, role] of Object.entries(roles)) {
    if (!/^(ALL|NONE|ROLE\{.+\})$/.test(role)) throw new ProtocolRequestError(`Invalid X-${dialect}-Role header: role for '${catalog}' must be ALL, NONE or ROLE{name}`);
  }
  const resourceEstimates = Object.fromEntries(keyValueList(headers, dialect, 'resource-estimate', false));
  const extraCredentials = Object.fromEntries(keyValueList(headers, dialect, 'extra-credential', false));
  const session = createSession({
    user,
    source: single(headers, dialect, 'source'),
    catalog: single(headers, dialect, 'catalog') ?? defaults.catalog,
    schema: single(headers, dialect, 'schema') ?? defaults.schema,
    path: single(headers, dialect, 'path'),
    ...(timeZone === undefined ? {} : { timeZone }),
    ...(single(headers, dialect, 'language') === undefined ? {} : { locale: single(headers, dialect, 'language')! }),
    systemProperties,
    catalogProperties,
    preparedStatements,
    clientTags,
    clientInfo: single(headers, dialect, 'client-info'),
    transactionId: transaction === undefined || transaction.toUpperCase() === 'NONE' ? undefined : transaction,
    ...(Object.keys(roles).length === 0 ? {} : { roles }),
    ...(Object.keys(resourceEstimates).length === 0 ? {} : { resourceEstimates }),
    ...(Object.keys(extraCredentials).length === 0 ? {} : { extraCredentials }),
  });
  return {
    dialect,
    session,
    capabilities: { parametricDatetime: clientCapabilities.includes('PARAMETRIC_DATETIME') },
    clientCapabilities,
    resourceEstimates,
    extraCredentials,
    role: single(headers, dialect, 'role'),
    queryDataEncoding: single(headers, dialect, 'query-data-encoding'),
  };
}

/** Response headers that carry a finished statement's session changes (X-Trino-Set-Catalog ...). */
export function sessionUpdateHeaders(updates: readonly SessionUpdate[], dialect: HeaderDialect): Record<string, string[]> {
  const headers: Record<string, string[]> = {};
  const add = (name: string, value: string): void => {
    (headers[`X-${dialect}-${name}`] ??= []).push(value);
  };
  for (const update of updates) {
    switch (update.kind) {
      case 'setCatalog':
        add('Set-Catalog', update.catalog);
        break;
      case 'setSchema':
        add('Set-Schema', update.schema);
        break;
      case 'setPath':
        add('Set-Path', update.path);
        break;
      case 'setSessionProperty':
        add('Set-Session', `${update.name}=${encodeURIComponent(update.value)}`);
        break;
      case 'resetSessionProperty':
        add('Clear-Session', update.name);
        break;
      case 'addPreparedStatement':
        add('Added-Prepare', `${encodeURIComponent(update.name)}=${encodeURIComponent(update.sql)}`);
        break;
      case 'deallocatePreparedStatement':
        add('Deallocated-Prepare', encodeURIComponent(update.name));
        break;
      case 'setTimeZone':
        if (update.timeZone !== undefined) add('Set-Time-Zone', update.timeZone);
        break;
      case 'setRole':
        add('Set-Role', `system=${encodeURIComponent(update.role)}`);
        break;
      case 'startTransaction':
        add('Started-Transaction-Id', update.transactionId);
        break;
      case 'clearTransaction':
        add('Clear-Transaction-Id', 'true');
        break;
      default:
        assertNever(update, 'session update');
    }
  }
  return headers;
}
