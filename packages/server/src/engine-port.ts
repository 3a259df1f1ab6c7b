/**
 * The part of `@petrel/engine` the server and CLI consume. Types come from the engine; the few
 * runtime helpers here keep the engine itself out of the CLI's start-up path (it loads lazily).
 */
import { assertNever } from '@petrel/spi';

// The engine's own definitions; type-only, so nothing of the engine loads with this module.
export type {
  Session,
  SessionUpdate,
  QueryResultColumn,
  QueryState,
  QueryStats,
  QueryExecution,
  ExecutionStats,
  OperatorStats,
} from '@petrel/engine';
import type { QueryExecution, Session, SessionUpdate } from '@petrel/engine';

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
