import type { NodeLocation } from '@petrel/sql';
import type { Connector, ConnectorSession } from '@petrel/spi';
import { StandardErrorCode, TrinoError } from '@petrel/spi';
import type { QualifiedObjectName, ResolvedTable } from '../metadata/metadata.js';
import { formatObjectName, loc } from './object-names.js';
import type { StatementContext } from './statement-context.js';

export function requireCatalog(context: StatementContext, catalog: string, location: NodeLocation): Connector {
  if (!context.metadata.catalogExists(catalog)) {
    throw new TrinoError(StandardErrorCode.CATALOG_NOT_FOUND, `Catalog '${catalog}' not found`, loc(location));
  }
  return context.metadata.getConnector(catalog);
}

export function connectorSessionFor(context: StatementContext, catalog: string): ConnectorSession {
  return context.metadata.connectorSession(context.session, catalog, context.queryId);
}

export function unsupported(what: string, location: NodeLocation): TrinoError {
  return new TrinoError(StandardErrorCode.NOT_SUPPORTED, `This connector does not support ${what}`, loc(location));
}

export async function requireSchema(context: StatementContext, catalog: string, schema: string, location: NodeLocation): Promise<void> {
  if (!(await context.metadata.schemaExists(context.session, catalog, schema))) {
    throw new TrinoError(StandardErrorCode.SCHEMA_NOT_FOUND, `Schema '${schema}' does not exist`, loc(location));
  }
}

/** The table, or TABLE_NOT_FOUND (with a hint when a view has the name). */
export async function requireTable(context: StatementContext, name: QualifiedObjectName, location: NodeLocation): Promise<ResolvedTable> {
  requireCatalog(context, name.catalog, location);
  const table = await context.metadata.getTable(context.session, name);
  if (table !== undefined) return table;
  const view = await context.metadata.getView(context.session, name);
  if (view !== undefined) {
    throw new TrinoError(
      StandardErrorCode.TABLE_NOT_FOUND,
      `Table '${formatObjectName(name)}' does not exist, but a view with that name exists.`,
      loc(location),
    );
  }
  throw new TrinoError(StandardErrorCode.TABLE_NOT_FOUND, `Table '${formatObjectName(name)}' does not exist`, loc(location));
}

export async function findTable(context: StatementContext, name: QualifiedObjectName, location: NodeLocation): Promise<ResolvedTable | undefined> {
  requireCatalog(context, name.catalog, location);
  return context.metadata.getTable(context.session, name);
}
