/**
 * The part of `@petrel/engine` the server and CLI consume. Types come from the engine; the few
 * runtime helpers here keep the engine itself out of the CLI's start-up path (it loads lazily).
 */

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
import type { QueryExecution, Session } from '@petrel/engine';

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

// Session helpers come from the engine's light `session` entry, which loads no planner or execution code.
export { createSession, applySessionUpdates } from '@petrel/engine/session';

/** Loads the engine lazily (keeps CLI start-up fast) and creates one. */
export async function createEngine(options: EngineCreateOptions): Promise<EnginePort> {
  const module = (await import('@petrel/engine')) as unknown as { Engine?: { create(options: EngineCreateOptions): Promise<EnginePort> } };
  if (module.Engine === undefined) throw new Error('@petrel/engine does not export Engine yet');
  return module.Engine.create(options);
}
