import { pageRows } from '@petrel/spi';
import type { Page, SqlType, SqlValue } from '@petrel/spi';
import { queryFailure, queryRows } from './query-runner.js';
import type { QueryOutcome, QueryRunner, ResultColumn } from './query-runner.js';

/**
 * The slice of `@petrel/engine`'s API the runners use, declared structurally so that this package
 * builds and unit-tests without the engine and loads it only when a runner starts.
 */
export interface EngineLike {
  execute(sql: string, session: SessionLike): ExecutionLike;
  shutdown(): Promise<void>;
}

export interface ExecutionLike {
  columns(): Promise<readonly { readonly name: string; readonly type: SqlType }[]>;
  nextPage(): Promise<Page | undefined>;
  cancel(): void;
  updateType(): string | undefined;
  sessionUpdates(): readonly SessionUpdateLike[];
}

export type SessionUpdateLike =
  | { readonly kind: 'setCatalog'; readonly catalog: string }
  | { readonly kind: 'setSchema'; readonly schema: string }
  | { readonly kind: 'setSessionProperty'; readonly name: string; readonly value: string }
  | { readonly kind: 'resetSessionProperty'; readonly name: string }
  | { readonly kind: string };

export interface SessionLike {
  readonly user: string;
  readonly catalog: string | undefined;
  readonly schema: string | undefined;
  readonly [key: string]: unknown;
}

export interface CatalogDefinitionLike {
  readonly name: string;
  readonly connectorName: string;
  readonly properties: Readonly<Record<string, string>>;
}

interface EngineModule {
  readonly Engine?: { create(options?: { readonly catalogs?: readonly CatalogDefinitionLike[] }): Promise<EngineLike> };
  readonly createSession?: (init?: Record<string, unknown>) => SessionLike;
}

const ENGINE_MODULE = '@petrel/engine';

/** Loads the engine package; fails with a clear message when the `Engine` class is not exported yet. */
export async function loadEngineModule(): Promise<Required<Pick<EngineModule, 'Engine'>> & EngineModule> {
  const moduleName = ENGINE_MODULE;
  const module = (await import(moduleName)) as EngineModule;
  if (module.Engine === undefined) throw new Error(`${ENGINE_MODULE} does not export Engine yet`);
  return module as Required<Pick<EngineModule, 'Engine'>> & EngineModule;
}

export async function isEngineAvailable(): Promise<boolean> {
  try {
    await loadEngineModule();
    return true;
  } catch {
    return false;
  }
}

export interface EngineRunnerOptions {
  readonly catalogs?: readonly CatalogDefinitionLike[];
  readonly catalog?: string;
  readonly schema?: string;
  /** Per-statement time limit; the statement is cancelled and reported as `TIMEOUT`. */
  readonly timeoutMillis?: number;
  /** Stop reading after this many rows (protects against runaway results). */
  readonly maxRows?: number;
}

export async function createEngineQueryRunner(options: EngineRunnerOptions = {}): Promise<EngineQueryRunner> {
  const module = await loadEngineModule();
  const engine = await module.Engine.create(options.catalogs === undefined ? {} : { catalogs: options.catalogs });
  const base: SessionLike =
    module.createSession !== undefined
      ? module.createSession({ user: 'conformance', timeZone: 'UTC' })
      : { user: 'conformance', catalog: undefined, schema: undefined, source: undefined, path: undefined, timeZone: 'UTC', locale: 'en-US', systemProperties: {}, catalogProperties: {}, preparedStatements: {}, clientTags: [], clientInfo: undefined, transactionId: undefined };
  return new EngineQueryRunner(engine, { ...base, catalog: options.catalog, schema: options.schema }, options.timeoutMillis ?? 60_000, options.maxRows ?? 2_000_000);
}

/** A `QueryRunner` over an in-process `Engine`. */
export class EngineQueryRunner implements QueryRunner {
  private session: SessionLike;

  constructor(
    private readonly engine: EngineLike,
    session: SessionLike,
    private readonly timeoutMillis: number,
    private readonly maxRows: number,
  ) {
    this.session = session;
  }

  setDefaultSchema(catalog: string | undefined, schema: string | undefined): void {
    this.session = { ...this.session, catalog, schema };
  }

  async run(sql: string): Promise<QueryOutcome> {
    const start = performance.now();
    let execution: ExecutionLike | undefined;
    let timer: NodeJS.Timeout | undefined;
    let timedOut = false;
    try {
      execution = this.engine.execute(sql, this.session);
      const current = execution;
      timer = setTimeout(() => {
        timedOut = true;
        current.cancel();
      }, this.timeoutMillis);
      const columns: ResultColumn[] = (await current.columns()).map((c) => ({ name: c.name, type: c.type }));
      const rows: SqlValue[][] = [];
      for (;;) {
        const page = await current.nextPage();
        if (page === undefined) break;
        for (const row of pageRows(page)) rows.push(row);
        if (rows.length > this.maxRows) {
          current.cancel();
          return queryFailure('TOO_MANY_ROWS', `result exceeds ${this.maxRows} rows`, performance.now() - start);
        }
      }
      this.applySessionUpdates(current.sessionUpdates());
      return queryRows(columns, rows, current.updateType(), performance.now() - start);
    } catch (error) {
      const elapsed = performance.now() - start;
      if (timedOut) return queryFailure('TIMEOUT', `exceeded ${this.timeoutMillis} ms`, elapsed);
      return describeFailure(error, elapsed);
    } finally {
      if (timer !== undefined) clearTimeout(timer);
    }
  }

  private applySessionUpdates(updates: readonly SessionUpdateLike[]): void {
    for (const update of updates) {
      if (update.kind === 'setCatalog' && 'catalog' in update) this.session = { ...this.session, catalog: update.catalog as string };
      else if (update.kind === 'setSchema' && 'schema' in update) this.session = { ...this.session, schema: update.schema as string };
      else if (update.kind === 'setSessionProperty' && 'name' in update && 'value' in update) {
        const properties = { ...((this.session['systemProperties'] as Record<string, string> | undefined) ?? {}) };
        properties[update.name as string] = update.value as string;
        this.session = { ...this.session, systemProperties: properties };
      }
    }
  }

  async close(): Promise<void> {
    await this.engine.shutdown();
  }
}

/** Turns anything thrown into a failure outcome; non-Trino errors are named `INTERNAL` with their class. */
export function describeFailure(error: unknown, elapsedMillis: number): QueryOutcome {
  if (error !== null && typeof error === 'object') {
    const named = error as { errorName?: unknown; errorCode?: { name?: unknown }; message?: unknown; name?: unknown };
    const message = typeof named.message === 'string' ? named.message : String(error);
    if (typeof named.errorName === 'string') return queryFailure(named.errorName, message, elapsedMillis);
    if (named.errorCode !== undefined && typeof named.errorCode.name === 'string') return queryFailure(named.errorCode.name, message, elapsedMillis);
    const className = typeof named.name === 'string' ? named.name : 'Error';
    return queryFailure('INTERNAL', `${className}: ${message}`, elapsedMillis);
  }
  return queryFailure('INTERNAL', String(error), elapsedMillis);
}
