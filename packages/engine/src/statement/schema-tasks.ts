import type { CreateSchema, DropSchema, RenameSchema } from '@petrel/sql';
import { StandardErrorCode, TrinoError } from '@petrel/spi';
import type { StatementResult } from '../query/statement-result.js';
import { updateResult } from '../query/statement-result.js';
import { canonicalName, loc, qualifySchemaName } from './object-names.js';
import { connectorSessionFor, requireCatalog, unsupported } from './task-support.js';
import type { StatementContext } from './statement-context.js';
import { evaluateProperties } from './properties.js';

export async function createSchema(context: StatementContext, statement: CreateSchema): Promise<StatementResult> {
  const name = qualifySchemaName(context.session, statement.schemaName);
  const connector = requireCatalog(context, name.catalog, statement.schemaName.location);
  if (await context.metadata.schemaExists(context.session, name.catalog, name.schema)) {
    if (statement.notExists) return updateResult('CREATE SCHEMA');
    throw new TrinoError(StandardErrorCode.SCHEMA_ALREADY_EXISTS, `Schema '${name.catalog}.${name.schema}' already exists`, loc(statement.location));
  }
  const create = connector.metadata.createSchema;
  if (create === undefined) throw unsupported('creating schemas', statement.location);
  const properties = await evaluateProperties(context, statement.properties, [], name.catalog, 'schema');
  await create.call(connector.metadata, connectorSessionFor(context, name.catalog), name.schema, properties);
  return updateResult('CREATE SCHEMA');
}

export async function dropSchema(context: StatementContext, statement: DropSchema): Promise<StatementResult> {
  const name = qualifySchemaName(context.session, statement.schemaName);
  const connector = requireCatalog(context, name.catalog, statement.schemaName.location);
  if (!(await context.metadata.schemaExists(context.session, name.catalog, name.schema))) {
    if (statement.exists) return updateResult('DROP SCHEMA');
    throw new TrinoError(StandardErrorCode.SCHEMA_NOT_FOUND, `Schema '${name.catalog}.${name.schema}' does not exist`, loc(statement.location));
  }
  const drop = connector.metadata.dropSchema;
  if (drop === undefined) throw unsupported('dropping schemas', statement.location);
  if (!statement.cascade) {
    const tables = await context.metadata.listTables(context.session, name.catalog, name.schema);
    const views = await context.metadata.listViews(context.session, name.catalog, name.schema);
    if (tables.length > 0 || views.length > 0) {
      throw new TrinoError(StandardErrorCode.SCHEMA_NOT_EMPTY, `Cannot drop non-empty schema '${name.schema}'`, loc(statement.location));
    }
  }
  await drop.call(connector.metadata, connectorSessionFor(context, name.catalog), name.schema, statement.cascade);
  return updateResult('DROP SCHEMA');
}

export async function renameSchema(context: StatementContext, statement: RenameSchema): Promise<StatementResult> {
  const source = qualifySchemaName(context.session, statement.source);
  const target = canonicalName(statement.target);
  const connector = requireCatalog(context, source.catalog, statement.source.location);
  if (!(await context.metadata.schemaExists(context.session, source.catalog, source.schema))) {
    throw new TrinoError(StandardErrorCode.SCHEMA_NOT_FOUND, `Schema '${source.catalog}.${source.schema}' does not exist`, loc(statement.location));
  }
  if (await context.metadata.schemaExists(context.session, source.catalog, target)) {
    throw new TrinoError(StandardErrorCode.SCHEMA_ALREADY_EXISTS, `Target schema '${source.catalog}.${target}' already exists`, loc(statement.location));
  }
  const rename = connector.metadata.renameSchema;
  if (rename === undefined) throw unsupported('renaming schemas', statement.location);
  await rename.call(connector.metadata, connectorSessionFor(context, source.catalog), source.schema, target);
  return updateResult('RENAME SCHEMA');
}
