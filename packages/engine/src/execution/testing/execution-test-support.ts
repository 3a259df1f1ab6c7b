import type { Connector, ConnectorSession, Page, SqlType, SqlValue } from '@petrel/spi';
import { TrinoError, StandardErrorCode, pageRows, page as makePage } from '@petrel/spi';
import type { Metadata } from '../../metadata/metadata.js';
import type { FunctionContext } from '../../function/function-implementation.js';
import type { FunctionRegistry } from '../../function/function-registry.js';
import { createFunctionRegistry } from '../../function/create-function-registry.js';
import { createSession } from '../../session/session.js';
import type { PlanNode, SortItem } from '../../planner/plan/plan-node.js';
import type { Symbol } from '../../planner/plan/symbol.js';
import type { RowExpression } from '../../ir/row-expression.js';
import { constant } from '../../ir/row-expression.js';
import type { ExecutionContext } from '../execution-context.js';
import { executePlan } from '../execute-plan.js';
import { blockOf } from '../block/block-builder.js';
import { TUPLE_DOMAIN_ALL } from '@petrel/spi';

let registry: FunctionRegistry | undefined;
export function functions(): FunctionRegistry {
  registry ??= createFunctionRegistry();
  return registry;
}

export const FUNCTION_CONTEXT: FunctionContext = {
  user: 'test',
  timeZone: 'UTC',
  startTime: 0,
  catalog: undefined,
  schema: undefined,
  path: '',
  locale: 'en-US',
  queryId: 'test_query',
};

/** A connector over fixed pages: table name -> pages; each page is one split. */
export function fixedConnector(tables: Record<string, { readonly columns: readonly string[]; readonly types: readonly SqlType[]; readonly pages: readonly Page[] }>, log: string[] = []): Connector {
  return {
    metadata: {
      listSchemaNames: async () => ['s'],
      listTables: async () => Object.keys(tables).map((t) => ({ schema: 's', table: t })),
      getTableHandle: async (_s, name) => (tables[name.table] ? { table: name.table } : undefined),
      getTableMetadata: async (_s, h) => ({ name: { schema: 's', table: String(h.table) }, columns: tables[String(h.table)]!.columns.map((c, i) => ({ name: c, type: tables[String(h.table)]!.types[i]! })) }),
      getColumnHandles: async (_s, h) => new Map(tables[String(h.table)]!.columns.map((c) => [c, { name: c }])),
    },
    splitManager: {
      getSplits: async (_session, handle) => {
        const pages = tables[String(handle.table)]!.pages;
        let given = false;
        return {
          nextBatch: async () => {
            const splits = given ? [] : pages.map((_, i) => ({ index: i }));
            given = true;
            return { splits, done: true };
          },
          close: () => undefined,
        };
      },
    },
    pageSourceProvider: {
      createPageSource: async (_session, split, handle, columns) => {
        const table = tables[String(handle.table)]!;
        const source = table.pages[split.index as number]!;
        let done = false;
        log.push(`open ${String(split.index)}`);
        return {
          next: async () => {
            if (done) return undefined;
            done = true;
            return makePage(
              columns.map((c) => source.blocks[table.columns.indexOf(c.name)]!),
              source.positionCount,
            );
          },
          close: () => {
            log.push(`close ${String(split.index)}`);
          },
        };
      },
    },
  };
}

export function testMetadata(connectors: Record<string, Connector> = {}): Metadata {
  const notUsed = (): never => {
    throw new Error('not used in execution tests');
  };
  return {
    listCatalogs: () => Object.keys(connectors),
    catalogExists: (c) => c in connectors,
    getConnector: (c) => {
      const connector = connectors[c];
      if (connector === undefined) throw new TrinoError(StandardErrorCode.CATALOG_NOT_FOUND, `Catalog '${c}' not found`);
      return connector;
    },
    connectorSession: (session, _catalog, queryId): ConnectorSession => ({ queryId, user: session.user, timeZone: session.timeZone, startTime: 0, properties: {} }),
    listSchemas: notUsed,
    schemaExists: notUsed,
    listTables: notUsed,
    listViews: notUsed,
    getTable: notUsed,
    getView: notUsed,
    getTableStatistics: notUsed,
    getColumnMetadata: notUsed,
  };
}

export function testContext(options: { connectors?: Record<string, Connector>; maxMemoryBytes?: number; signal?: AbortSignal } = {}): ExecutionContext {
  return {
    queryId: 'test_query',
    session: createSession({ user: 'test', timeZone: 'UTC' }),
    metadata: testMetadata(options.connectors),
    functions: functions(),
    functionContext: FUNCTION_CONTEXT,
    maxMemoryBytes: options.maxMemoryBytes ?? 1024 * 1024 * 1024,
    signal: options.signal ?? new AbortController().signal,
  };
}

/** Runs a plan to completion and returns its rows. */
export async function runPlan(root: PlanNode, ctx: ExecutionContext = testContext()): Promise<SqlValue[][]> {
  const execution = executePlan(root, ctx);
  const rows: SqlValue[][] = [];
  try {
    for (;;) {
      const p = await execution.next();
      if (p === undefined) break;
      rows.push(...pageRows(p));
    }
  } finally {
    await execution.close();
  }
  return rows;
}

let nextId = 0;
export function id(): string {
  return `n${nextId++}`;
}

export function sym(name: string, type: SqlType): Symbol {
  return { name, type };
}

/** A values node of constant rows. */
export function values(outputs: readonly Symbol[], rows: readonly (readonly SqlValue[])[]): PlanNode {
  return {
    kind: 'values',
    id: id(),
    outputs,
    rows: rows.map((r) => r.map((v, i) => constant(v, outputs[i]!.type) as RowExpression)),
  };
}

export function sortItem(symbol: Symbol, ascending = true, nullsFirst = false): SortItem {
  return { symbol, ascending, nullsFirst };
}

export function tableScan(catalog: string, table: string, outputs: readonly Symbol[]): PlanNode {
  return {
    kind: 'tableScan',
    id: id(),
    outputs,
    table: { catalog, schema: 's', table },
    handle: { table },
    assignments: outputs.map((s) => ({ symbol: s, column: { name: s.name } })),
    enforcedConstraint: TUPLE_DOMAIN_ALL,
    dynamicFilters: [],
  };
}

export function pageOf(types: readonly SqlType[], rows: readonly (readonly SqlValue[])[]): Page {
  return makePage(
    types.map((t, c) => blockOf(t, rows.map((r) => r[c] ?? null))),
    rows.length,
  );
}

/** Sorts rows for order-insensitive comparison. */
export function sortRows(rows: SqlValue[][]): SqlValue[][] {
  const key = (r: SqlValue[]): string => JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
  return [...rows].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
