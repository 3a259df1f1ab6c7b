/**
 * A client session: who runs queries, where unqualified names resolve, and the settings that
 * shape execution. Immutable: statements that change it (USE, SET SESSION, PREPARE ...) report a
 * `SessionUpdate` and the client (CLI, protocol server) applies it to the next query's session.
 */
export interface Session {
  readonly user: string;
  readonly source: string | undefined;
  readonly catalog: string | undefined;
  readonly schema: string | undefined;
  /** SQL path for function resolution (`SET PATH`). */
  readonly path: string | undefined;
  /** IANA zone id or offset (`X-Trino-Time-Zone`); defaults to the server's zone. */
  readonly timeZone: string;
  readonly locale: string;
  /** System session properties set with SET SESSION name = value (values as SQL literal text). */
  readonly systemProperties: Readonly<Record<string, string>>;
  /** Catalog session properties: catalog -> property -> value. */
  readonly catalogProperties: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Prepared statements: name -> SQL text. */
  readonly preparedStatements: Readonly<Record<string, string>>;
  readonly clientTags: readonly string[];
  readonly clientInfo: string | undefined;
  readonly transactionId: string | undefined;
  /** Enabled roles from `X-Trino-Role`: catalog (or `system`) -> `ROLE{name}`, `ALL` or `NONE`. */
  readonly roles?: Readonly<Record<string, string>>;
  /** `X-Trino-Resource-Estimate`: EXECUTION_TIME, CPU_TIME, PEAK_MEMORY -> value text. */
  readonly resourceEstimates?: Readonly<Record<string, string>>;
  /** `X-Trino-Extra-Credential`: name -> value, for connectors; never shown with values. */
  readonly extraCredentials?: Readonly<Record<string, string>>;
}

export function createSession(init: Partial<Session> & { readonly user?: string } = {}): Session {
  return {
    user: init.user ?? 'petrel',
    source: init.source,
    catalog: init.catalog,
    schema: init.schema,
    path: init.path,
    timeZone: init.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC',
    locale: init.locale ?? 'en-US',
    systemProperties: init.systemProperties ?? {},
    catalogProperties: init.catalogProperties ?? {},
    preparedStatements: init.preparedStatements ?? {},
    clientTags: init.clientTags ?? [],
    clientInfo: init.clientInfo,
    transactionId: init.transactionId,
    ...(init.roles === undefined ? {} : { roles: init.roles }),
    ...(init.resourceEstimates === undefined ? {} : { resourceEstimates: init.resourceEstimates }),
    ...(init.extraCredentials === undefined ? {} : { extraCredentials: init.extraCredentials }),
  };
}

/** A change a statement makes to the client's session (mirrors Trino's X-Trino-Set-* headers). */
export type SessionUpdate =
  | { readonly kind: 'setCatalog'; readonly catalog: string }
  | { readonly kind: 'setSchema'; readonly schema: string }
  | { readonly kind: 'setPath'; readonly path: string }
  | { readonly kind: 'setSessionProperty'; readonly name: string; readonly value: string }
  | { readonly kind: 'resetSessionProperty'; readonly name: string }
  | { readonly kind: 'addPreparedStatement'; readonly name: string; readonly sql: string }
  | { readonly kind: 'deallocatePreparedStatement'; readonly name: string }
  | { readonly kind: 'setTimeZone'; readonly timeZone: string | undefined }
  | { readonly kind: 'setRole'; readonly role: string }
  | { readonly kind: 'startTransaction'; readonly transactionId: string }
  | { readonly kind: 'clearTransaction' };
