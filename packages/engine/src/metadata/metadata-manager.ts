import type { ColumnMetadata, Connector, ConnectorFactory, ConnectorSession, TableStatistics, ViewDefinition } from '@petrel/spi';
import { StandardErrorCode, TrinoError } from '@petrel/spi';
import type { CatalogDefinition } from '../config/catalog-definition.js';
import type { Session } from '../session/session.js';
import type { Metadata, QualifiedObjectName, ResolvedColumn, ResolvedTable, TableHandle } from './metadata.js';

export interface CatalogInfo {
  readonly name: string;
  readonly connectorName: string;
  readonly properties: Readonly<Record<string, string>>;
  readonly connector: Connector;
}

/** Turns a connector into what the engine registers as the catalog (e.g. adds information_schema). */
export type CatalogConnectorWrapper = (catalogName: string, connector: Connector) => Connector;

/** Query start times kept at most (older entries are dropped first). */
const MAX_TRACKED_QUERIES = 10_000;

/** Connector properties every catalog accepts besides the factory's own. */
const COMMON_CATALOG_PROPERTIES = new Set(['connector.name']);

/**
 * Catalogs by name and the engine's view of them. Creates catalogs from definitions through the
 * registered connector factories and wraps each connector with its information_schema.
 */
export class MetadataManager implements Metadata {
  private readonly factories = new Map<string, ConnectorFactory>();
  private readonly catalogs = new Map<string, CatalogInfo>();
  /** Query start times, so connector sessions of one query agree on `startTime`. */
  private readonly queryStartTimes = new Map<string, number>();

  constructor(
    private readonly nodeId: string,
    private readonly dataDirectory: string | undefined = undefined,
    private readonly wrapConnector: CatalogConnectorWrapper = (_name, connector) => connector,
  ) {}

  registerConnectorFactory(factory: ConnectorFactory): void {
    this.factories.set(factory.name, factory);
  }

  connectorFactoryNames(): string[] {
    return [...this.factories.keys()].sort();
  }

  /** Creates a catalog; unknown connectors and unsupported properties fail naming the source. */
  createCatalog(definition: CatalogDefinition): CatalogInfo {
    const where = definition.source === undefined ? `Catalog '${definition.name}'` : definition.source;
    if (this.catalogs.has(definition.name)) {
      throw new TrinoError(StandardErrorCode.ALREADY_EXISTS, `Catalog '${definition.name}' already exists`);
    }
    const factory = this.factories.get(definition.connectorName);
    if (factory === undefined) {
      throw new TrinoError(
        StandardErrorCode.CATALOG_NOT_FOUND,
        `${where}: No factory for connector '${definition.connectorName}'. Available factories: [${this.connectorFactoryNames().join(', ')}]`,
      );
    }
    if (factory.supportedProperties !== undefined) {
      const supported = new Set(factory.supportedProperties);
      for (const property of Object.keys(definition.properties)) {
        if (!supported.has(property) && !COMMON_CATALOG_PROPERTIES.has(property)) {
          throw new TrinoError(
            StandardErrorCode.INVALID_CATALOG_PROPERTY,
            `${where}: Configuration property '${property}' was not used (connector '${definition.connectorName}' does not support it)`,
          );
        }
      }
    }
    let connector: Connector;
    try {
      connector = factory.create(definition.name, definition.properties, {
        catalogName: definition.name,
        nodeId: this.nodeId,
        dataDirectory: this.dataDirectory,
      });
    } catch (error) {
      if (error instanceof TrinoError) {
        throw new TrinoError(error.errorCode, `${where}: ${error.rawMessage}`, undefined, { cause: error });
      }
      throw new TrinoError(StandardErrorCode.CONFIGURATION_INVALID, `${where}: ${error instanceof Error ? error.message : String(error)}`, undefined, {
        cause: error,
      });
    }
    return this.addCatalog(definition.name, definition.connectorName, connector, definition.properties);
  }

  /** Registers a ready connector (the system catalog, tests). */
  addCatalog(name: string, connectorName: string, connector: Connector, properties: Readonly<Record<string, string>> = {}): CatalogInfo {
    if (this.catalogs.has(name)) throw new TrinoError(StandardErrorCode.ALREADY_EXISTS, `Catalog '${name}' already exists`);
    const info: CatalogInfo = { name, connectorName, properties, connector: this.wrapConnector(name, connector) };
    this.catalogs.set(name, info);
    return info;
  }

  async dropCatalog(name: string): Promise<void> {
    const info = this.catalogs.get(name);
    if (info === undefined) throw new TrinoError(StandardErrorCode.CATALOG_NOT_FOUND, `Catalog '${name}' not found`);
    this.catalogs.delete(name);
    await info.connector.shutdown?.();
  }

  catalogInfos(): CatalogInfo[] {
    return [...this.catalogs.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  getCatalogInfo(name: string): CatalogInfo | undefined {
    return this.catalogs.get(name);
  }

  async shutdown(): Promise<void> {
    for (const info of this.catalogs.values()) await info.connector.shutdown?.();
  }

  // ---- Metadata ----

  listCatalogs(): readonly string[] {
    return this.catalogInfos().map((c) => c.name);
  }

  catalogExists(catalog: string): boolean {
    return this.catalogs.has(catalog);
  }

  getConnector(catalog: string): Connector {
    const info = this.catalogs.get(catalog);
    if (info === undefined) throw new TrinoError(StandardErrorCode.CATALOG_NOT_FOUND, `Catalog '${catalog}' not found`);
    return info.connector;
  }

  connectorSession(session: Session, catalog: string, queryId: string): ConnectorSession {
    let startTime = this.queryStartTimes.get(queryId);
    if (startTime === undefined) {
      startTime = Date.now();
      this.rememberQueryStart(queryId, startTime);
    }
    return {
      queryId,
      user: session.user,
      timeZone: session.timeZone,
      startTime,
      properties: session.catalogProperties[catalog] ?? {},
    };
  }

  /** Records when a query started, so connector sessions report it. */
  registerQueryStart(queryId: string, startTime: number): void {
    this.rememberQueryStart(queryId, startTime);
  }

  /** Forgets a finished query's start time (the engine calls this when the query ends). */
  queryFinished(queryId: string): void {
    this.queryStartTimes.delete(queryId);
  }

  /** Start times of queries in flight; bounded, in case a caller never reports the end. */
  trackedQueryCount(): number {
    return this.queryStartTimes.size;
  }

  private rememberQueryStart(queryId: string, startTime: number): void {
    this.queryStartTimes.set(queryId, startTime);
    if (this.queryStartTimes.size > MAX_TRACKED_QUERIES) {
      const oldest = this.queryStartTimes.keys().next().value;
      if (oldest !== undefined) this.queryStartTimes.delete(oldest);
    }
  }

  async listSchemas(session: Session, catalog: string): Promise<readonly string[]> {
    const connector = this.getConnector(catalog);
    return [...(await connector.metadata.listSchemaNames(this.connectorSession(session, catalog, metadataQueryId(session))))].sort();
  }

  async schemaExists(session: Session, catalog: string, schema: string): Promise<boolean> {
    if (!this.catalogExists(catalog)) return false;
    return (await this.listSchemas(session, catalog)).includes(schema);
  }

  async listTables(session: Session, catalog: string, schema: string | undefined): Promise<readonly QualifiedObjectName[]> {
    const connector = this.getConnector(catalog);
    const names = await connector.metadata.listTables(this.connectorSession(session, catalog, metadataQueryId(session)), schema);
    return names.map((n) => ({ catalog, schema: n.schema, name: n.table }));
  }

  async listViews(session: Session, catalog: string, schema: string | undefined): Promise<readonly QualifiedObjectName[]> {
    const connector = this.getConnector(catalog);
    if (connector.metadata.listViews === undefined) return [];
    const names = await connector.metadata.listViews(this.connectorSession(session, catalog, metadataQueryId(session)), schema);
    return names.map((n) => ({ catalog, schema: n.schema, name: n.table }));
  }

  async getTable(session: Session, name: QualifiedObjectName): Promise<ResolvedTable | undefined> {
    const info = this.catalogs.get(name.catalog);
    if (info === undefined) return undefined;
    const metadata = info.connector.metadata;
    const cs = this.connectorSession(session, name.catalog, metadataQueryId(session));
    const handle = await metadata.getTableHandle(cs, { schema: name.schema, table: name.name });
    if (handle === undefined) return undefined;
    const [tableMetadata, columnHandles] = await Promise.all([metadata.getTableMetadata(cs, handle), metadata.getColumnHandles(cs, handle)]);
    const columns: ResolvedColumn[] = tableMetadata.columns.map((c) => {
      const columnHandle = columnHandles.get(c.name);
      if (columnHandle === undefined) {
        throw new TrinoError(StandardErrorCode.GENERIC_INTERNAL_ERROR, `Connector returned no handle for column '${c.name}' of ${name.catalog}.${name.schema}.${name.name}`);
      }
      return { name: c.name, type: c.type, hidden: c.hidden === true, comment: c.comment, handle: columnHandle };
    });
    return {
      handle: { catalog: name.catalog, schema: name.schema, table: name.name, connectorHandle: handle },
      columns,
      comment: tableMetadata.comment,
    };
  }

  async getView(session: Session, name: QualifiedObjectName): Promise<ViewDefinition | undefined> {
    const info = this.catalogs.get(name.catalog);
    if (info === undefined || info.connector.metadata.getView === undefined) return undefined;
    return info.connector.metadata.getView(this.connectorSession(session, name.catalog, metadataQueryId(session)), {
      schema: name.schema,
      table: name.name,
    });
  }

  async getTableStatistics(session: Session, table: TableHandle): Promise<TableStatistics> {
    const metadata = this.getConnector(table.catalog).metadata;
    if (metadata.getTableStatistics === undefined) return {};
    try {
      return await metadata.getTableStatistics(this.connectorSession(session, table.catalog, metadataQueryId(session)), table.connectorHandle);
    } catch {
      // Statistics are advisory: a connector that cannot compute them must not fail planning.
      return {};
    }
  }

  async getColumnMetadata(session: Session, table: TableHandle): Promise<readonly ColumnMetadata[]> {
    const metadata = this.getConnector(table.catalog).metadata;
    const tableMetadata = await metadata.getTableMetadata(this.connectorSession(session, table.catalog, metadataQueryId(session)), table.connectorHandle);
    return tableMetadata.columns;
  }
}

/** Metadata calls do not know their query; the session's transaction id (or a constant) stands in. */
function metadataQueryId(session: Session): string {
  return session.transactionId ?? 'metadata';
}
