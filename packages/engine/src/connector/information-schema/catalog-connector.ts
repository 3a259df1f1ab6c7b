import type {
  Connector,
  ConnectorMetadata,
  ConnectorPageSourceProvider,
  ConnectorSession,
  ConnectorSplitManager,
  ConnectorTableHandle,
  SchemaTableName,
} from '@petrel/spi';
import { StandardErrorCode, TrinoError } from '@petrel/spi';
import { INFORMATION_SCHEMA, informationSchemaTables } from './information-schema-tables.js';
import { isSystemTableHandle, SystemTablesConnector } from '../system/system-tables-connector.js';

/** Methods of ConnectorMetadata whose second argument is a table handle. */
const TABLE_HANDLE_METHODS = [
  'getTableMetadata',
  'getColumnHandles',
  'getTableStatistics',
  'applyFilter',
  'applyProjection',
  'applyLimit',
  'applyTopN',
  'applyAggregation',
  'dropTable',
  'renameTable',
  'addColumn',
  'dropColumn',
  'renameColumn',
  'setColumnType',
  'setTableComment',
  'setColumnComment',
  'beginInsert',
  'executeDelete',
  'executeUpdate',
  'truncateTable',
  'getRowIdColumnHandle',
  'applyRowChanges',
] as const;

/** Reading methods the information_schema answers; the rest fail on its tables. */
const READ_METHODS = new Set<string>(['getTableMetadata', 'getColumnHandles', 'getTableStatistics', 'applyFilter']);
const PUSHDOWN_METHODS = new Set<string>(['applyFilter', 'applyProjection', 'applyLimit', 'applyTopN', 'applyAggregation']);

/**
 * A catalog as the engine sees it: the connector plus the `information_schema` schema every
 * catalog has. Calls on information_schema handles go to the information schema; all others to
 * the connector, whose optional capabilities stay optional.
 */
export class CatalogConnector implements Connector {
  readonly metadata: ConnectorMetadata;
  readonly splitManager: ConnectorSplitManager;
  readonly pageSourceProvider: ConnectorPageSourceProvider;
  readonly informationSchema: SystemTablesConnector;

  constructor(
    readonly catalogName: string,
    readonly inner: Connector,
  ) {
    this.informationSchema = new SystemTablesConnector(informationSchemaTables(catalogName, inner.metadata));
    this.metadata = routedMetadata(inner.metadata, this.informationSchema.metadata);
    const info = this.informationSchema;
    this.splitManager = {
      getSplits: (session, handle, dynamicFilter) =>
        isInformationSchemaHandle(handle)
          ? info.splitManager.getSplits(session, handle, dynamicFilter)
          : inner.splitManager.getSplits(session, handle, dynamicFilter),
    };
    this.pageSourceProvider = {
      createPageSource: (session, split, handle, columns, dynamicFilter) =>
        isInformationSchemaHandle(handle)
          ? info.pageSourceProvider.createPageSource(session, split, handle, columns, dynamicFilter)
          : inner.pageSourceProvider.createPageSource(session, split, handle, columns, dynamicFilter),
    };
  }

  get pageSinkProvider(): Connector['pageSinkProvider'] {
    return this.inner.pageSinkProvider;
  }
  get tableFunctions(): Connector['tableFunctions'] {
    return this.inner.tableFunctions;
  }
  get sessionProperties(): Connector['sessionProperties'] {
    return this.inner.sessionProperties;
  }
  get tableProperties(): Connector['tableProperties'] {
    return this.inner.tableProperties;
  }

  async shutdown(): Promise<void> {
    await this.inner.shutdown?.();
  }
}

function isInformationSchemaHandle(handle: ConnectorTableHandle): boolean {
  return isSystemTableHandle(handle) && handle.systemSchema === INFORMATION_SCHEMA && handle['informationSchema'] === true;
}

type AnyMethod = (...args: unknown[]) => unknown;

function routedMetadata(inner: ConnectorMetadata, info: ConnectorMetadata): ConnectorMetadata {
  const innerAny = inner as unknown as Record<string, AnyMethod | undefined>;
  const infoAny = info as unknown as Record<string, AnyMethod | undefined>;
  // Start from the connector's own methods (optional capabilities stay as the connector declares them).
  const routed: Record<string, unknown> = {};
  let proto: object | null = inner;
  const names = new Set<string>();
  while (proto !== null && proto !== Object.prototype) {
    for (const name of Object.getOwnPropertyNames(proto)) if (name !== 'constructor') names.add(name);
    proto = Object.getPrototypeOf(proto) as object | null;
  }
  for (const name of names) {
    const fn = innerAny[name];
    if (typeof fn === 'function') routed[name] = fn.bind(inner);
  }
  for (const name of TABLE_HANDLE_METHODS) {
    const innerFn = innerAny[name];
    const isRead = READ_METHODS.has(name);
    if (innerFn === undefined && !isRead && !PUSHDOWN_METHODS.has(name)) continue;
    routed[name] = (session: ConnectorSession, handle: ConnectorTableHandle, ...rest: unknown[]): unknown => {
      if (isInformationSchemaHandle(handle)) {
        const infoFn = infoAny[name];
        if (infoFn !== undefined) return infoFn.call(info, session, handle, ...rest);
        if (PUSHDOWN_METHODS.has(name)) return Promise.resolve(undefined);
        return Promise.reject(new TrinoError(StandardErrorCode.NOT_SUPPORTED, 'Cannot modify information_schema tables'));
      }
      if (innerFn === undefined) {
        if (name === 'getTableStatistics') return Promise.resolve({});
        return Promise.resolve(undefined);
      }
      return innerFn.call(inner, session, handle, ...rest);
    };
  }
  routed['describeTableHandle'] = (handle: ConnectorTableHandle): string =>
    isInformationSchemaHandle(handle)
      ? info.describeTableHandle!(handle)
      : inner.describeTableHandle?.(handle) ?? JSON.stringify(handle);
  routed['listSchemaNames'] = async (session: ConnectorSession): Promise<readonly string[]> => {
    const schemas = [...(await inner.listSchemaNames(session))];
    if (!schemas.includes(INFORMATION_SCHEMA)) schemas.push(INFORMATION_SCHEMA);
    return schemas.sort();
  };
  routed['listTables'] = async (session: ConnectorSession, schema: string | undefined): Promise<readonly SchemaTableName[]> => {
    if (schema === INFORMATION_SCHEMA) return info.listTables(session, schema);
    const tables = [...(await inner.listTables(session, schema))];
    if (schema === undefined) tables.push(...(await info.listTables(session, INFORMATION_SCHEMA)));
    return tables;
  };
  routed['getTableHandle'] = async (session: ConnectorSession, name: SchemaTableName): Promise<ConnectorTableHandle | undefined> => {
    if (name.schema === INFORMATION_SCHEMA) {
      const handle = await info.getTableHandle(session, name);
      return handle === undefined ? undefined : { ...handle, informationSchema: true };
    }
    return inner.getTableHandle(session, name);
  };
  if (inner.applyJoin !== undefined) {
    routed['applyJoin'] = (session: ConnectorSession, kind: never, left: ConnectorTableHandle, right: ConnectorTableHandle, conditions: never, statistics?: never) =>
      isInformationSchemaHandle(left) || isInformationSchemaHandle(right)
        ? Promise.resolve(undefined)
        : inner.applyJoin!(session, kind, left, right, conditions, statistics);
  }
  if (inner.listViews !== undefined) {
    routed['listViews'] = (session: ConnectorSession, schema: string | undefined) =>
      schema === INFORMATION_SCHEMA ? Promise.resolve([]) : inner.listViews!(session, schema);
  }
  if (inner.getView !== undefined) {
    routed['getView'] = (session: ConnectorSession, name: SchemaTableName) =>
      name.schema === INFORMATION_SCHEMA ? Promise.resolve(undefined) : inner.getView!(session, name);
  }
  return routed as unknown as ConnectorMetadata;
}

/** Wraps a catalog's connector with its information_schema (what the engine registers as the catalog). */
export function withInformationSchema(catalogName: string, connector: Connector): Connector {
  return new CatalogConnector(catalogName, connector);
}
