/**
 * The part of `@petrel/engine` the server and CLI consume, declared structurally so that this
 * package compiles and is tested on its own; the real `Engine` satisfies it. Mirrors
 * `packages/engine/src/session/session.ts` and `query/query-execution.ts`.
 */
import type { Page, SqlType } from '@petrel/spi';
import { assertNever } from '@petrel/spi';

export interface Session {
  readonly user: string;
  readonly source: string | undefined;
  readonly catalog: string | undefined;
  readonly schema: string | undefined;
  readonly path: string | undefined;
  readonly timeZone: string;
  readonly locale: string;
  readonly systemProperties: Readonly<Record<string, string>>;
  readonly catalogProperties: Readonly<Record<string, Readonly<Record<string, string>>>>;
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

export interface QueryResultColumn {
  readonly name: string;
  readonly type: SqlType;
}

export type QueryState = 'QUEUED' | 'WAITING_FOR_RESOURCES' | 'DISPATCHING' | 'PLANNING' | 'STARTING' | 'RUNNING' | 'FINISHING' | 'FINISHED' | 'FAILED';

export interface QueryStats {
  readonly createTime: number;
  readonly endTime: number | undefined;
  readonly elapsedMillis: number;
  readonly queuedMillis: number;
  readonly planningMillis: number;
  readonly cpuMillis: number;
  readonly totalSplits: number;
  readonly queuedSplits: number;
  readonly runningSplits: number;
  readonly completedSplits: number;
  readonly processedRows: number;
  readonly processedBytes: number;
  readonly outputRows: number;
  readonly outputBytes: number;
  readonly peakMemoryBytes: number;
}

export interface QueryExecution {
  readonly queryId: string;
  readonly sql: string;
  columns(): Promise<readonly QueryResultColumn[]>;
  nextPage(): Promise<Page | undefined>;
  cancel(): void;
  state(): QueryState;
  stats(): QueryStats;
  updateType(): string | undefined;
  updateCount(): number | undefined;
  sessionUpdates(): readonly SessionUpdate[];
  /** The execution layer's figures, per-operator statistics included (mirrors the engine's `ExecutionStats`). */
  executionStats?(): ExecutionStats | undefined;
  readonly done: Promise<void>;
}

export interface OperatorStats {
  readonly planNodeId: string;
  readonly operatorType: string;
  readonly inputRows: number;
  readonly inputBytes: number;
  readonly outputRows: number;
  readonly outputBytes: number;
  readonly wallMillis: number;
  readonly cpuMillis: number;
  readonly peakMemoryBytes: number;
}

export interface ExecutionStats {
  readonly totalSplits: number;
  readonly completedSplits: number;
  readonly processedRows: number;
  readonly processedBytes: number;
  readonly peakMemoryBytes: number;
  readonly cpuMillis: number;
  readonly operators: readonly OperatorStats[];
}

/** What the server and CLI need of an engine. */
export interface EnginePort {
  execute(sql: string, session: Session, options?: { readonly queryId?: string }): QueryExecution;
  shutdown(): Promise<void>;
}

export interface CatalogDefinition {
  readonly name: string;
  readonly connectorName: string;
  readonly properties: Readonly<Record<string, string>>;
}

export interface EngineCreateOptions {
  readonly catalogs?: readonly CatalogDefinition[];
  readonly etcDir?: string;
  readonly nodeId?: string;
  readonly environment?: string;
  readonly queryMaxMemoryBytes?: number;
}

export function createSession(init: Partial<Session> = {}): Session {
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

/** Applies a statement's session updates to a session (what clients do with X-Trino-Set-* headers). */
export function applySessionUpdates(session: Session, updates: readonly SessionUpdate[]): Session {
  let result = session;
  for (const update of updates) {
    switch (update.kind) {
      case 'setCatalog':
        result = { ...result, catalog: update.catalog };
        break;
      case 'setSchema':
        result = { ...result, schema: update.schema };
        break;
      case 'setPath':
        result = { ...result, path: update.path };
        break;
      case 'setSessionProperty': {
        const dot = update.name.indexOf('.');
        if (dot < 0) result = { ...result, systemProperties: { ...result.systemProperties, [update.name]: update.value } };
        else {
          const catalog = update.name.slice(0, dot);
          const property = update.name.slice(dot + 1);
          result = {
            ...result,
            catalogProperties: { ...result.catalogProperties, [catalog]: { ...(result.catalogProperties[catalog] ?? {}), [property]: update.value } },
          };
        }
        break;
      }
      case 'resetSessionProperty': {
        const dot = update.name.indexOf('.');
        if (dot < 0) {
          const { [update.name]: _removed, ...rest } = result.systemProperties;
          result = { ...result, systemProperties: rest };
        } else {
          const catalog = update.name.slice(0, dot);
          const { [update.name.slice(dot + 1)]: _removed, ...rest } = result.catalogProperties[catalog] ?? {};
          result = { ...result, catalogProperties: { ...result.catalogProperties, [catalog]: rest } };
        }
        break;
      }
      case 'addPreparedStatement':
        result = { ...result, preparedStatements: { ...result.preparedStatements, [update.name]: update.sql } };
        break;
      case 'deallocatePreparedStatement': {
        const { [update.name]: _removed, ...rest } = result.preparedStatements;
        result = { ...result, preparedStatements: rest };
        break;
      }
      case 'setTimeZone':
        result = { ...result, timeZone: update.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC' };
        break;
      case 'setRole':
        break;
      case 'startTransaction':
        result = { ...result, transactionId: update.transactionId };
        break;
      case 'clearTransaction':
        result = { ...result, transactionId: undefined };
        break;
      default:
        assertNever(update, 'session update');
    }
  }
  return result;
}

/** Loads the engine lazily (keeps CLI start-up fast) and creates one. */
export async function createEngine(options: EngineCreateOptions): Promise<EnginePort> {
  const module = (await import('@petrel/engine')) as unknown as { Engine?: { create(options: EngineCreateOptions): Promise<EnginePort> } };
  if (module.Engine === undefined) throw new Error('@petrel/engine does not export Engine yet');
  return module.Engine.create(options);
}
