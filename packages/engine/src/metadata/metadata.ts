import type {
  ColumnMetadata,
  Connector,
  ConnectorColumnHandle,
  ConnectorSession,
  ConnectorTableHandle,
  SqlType,
  TableStatistics,
  ViewDefinition,
} from '@petrel/spi';
import type { Session } from '../session/session.js';

export interface QualifiedObjectName {
  readonly catalog: string;
  readonly schema: string;
  readonly name: string;
}

/** A resolved table: where it lives plus the connector's handle. */
export interface TableHandle {
  readonly catalog: string;
  readonly schema: string;
  readonly table: string;
  readonly connectorHandle: ConnectorTableHandle;
}

export interface ResolvedColumn {
  readonly name: string;
  readonly type: SqlType;
  readonly hidden: boolean;
  readonly comment: string | undefined;
  readonly handle: ConnectorColumnHandle;
}

export interface ResolvedTable {
  readonly handle: TableHandle;
  /** Every column in table order, hidden ones included. */
  readonly columns: readonly ResolvedColumn[];
  readonly comment: string | undefined;
}

/**
 * The engine's view of all catalogs: the only way the analyzer, planner and execution reach
 * connectors. Names are already canonical (lower case unless quoted otherwise). All lookups are
 * async because connectors such as PostgreSQL answer over the network.
 */
export interface Metadata {
  listCatalogs(): readonly string[];
  catalogExists(catalog: string): boolean;
  /** The connector behind a catalog; throws CATALOG_NOT_FOUND. */
  getConnector(catalog: string): Connector;
  /** The connector session for `catalog` derived from the engine session. */
  connectorSession(session: Session, catalog: string, queryId: string): ConnectorSession;

  listSchemas(session: Session, catalog: string): Promise<readonly string[]>;
  schemaExists(session: Session, catalog: string, schema: string): Promise<boolean>;
  listTables(session: Session, catalog: string, schema: string | undefined): Promise<readonly QualifiedObjectName[]>;
  listViews(session: Session, catalog: string, schema: string | undefined): Promise<readonly QualifiedObjectName[]>;

  /** undefined when there is no such table (the caller raises TABLE_NOT_FOUND with its location). */
  getTable(session: Session, name: QualifiedObjectName): Promise<ResolvedTable | undefined>;
  getView(session: Session, name: QualifiedObjectName): Promise<ViewDefinition | undefined>;
  getTableStatistics(session: Session, table: TableHandle): Promise<TableStatistics>;
  getColumnMetadata(session: Session, table: TableHandle): Promise<readonly ColumnMetadata[]>;
}
