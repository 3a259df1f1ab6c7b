import type { CreateView, DropView, RenameView } from '@petrel/sql';
import type { ViewDefinition } from '@petrel/spi';
import { StandardErrorCode, TrinoError } from '@petrel/spi';
import type { StatementResult } from '../query/statement-result.js';
import { updateResult } from '../query/statement-result.js';
import { formatObjectName, loc, qualifyObjectName } from './object-names.js';
import { textFrom } from './source-text.js';
import type { StatementContext } from './statement-context.js';
import { connectorSessionFor, requireCatalog, requireSchema, unsupported } from './task-support.js';

export async function createView(context: StatementContext, statement: CreateView): Promise<StatementResult> {
  const name = qualifyObjectName(context.session, statement.name);
  const connector = requireCatalog(context, name.catalog, statement.name.location);
  await requireSchema(context, name.catalog, name.schema, statement.name.location);
  const existingView = await context.metadata.getView(context.session, name);
  if (existingView !== undefined && !statement.replace) {
    throw new TrinoError(StandardErrorCode.TABLE_ALREADY_EXISTS, `View already exists: '${formatObjectName(name)}'`, loc(statement.location));
  }
  if ((await context.metadata.getTable(context.session, name)) !== undefined) {
    throw new TrinoError(StandardErrorCode.TABLE_ALREADY_EXISTS, `Table already exists: '${formatObjectName(name)}'`, loc(statement.location));
  }
  // Analyze the query now: a view that does not analyze cannot be created.
  const planned = await context.plan(statement.query);
  const seen = new Set<string>();
  for (const [i, c] of planned.columns.entries()) {
    if (c.name === '' || /^_col\d+$/.test(c.name)) {
      throw new TrinoError(StandardErrorCode.MISSING_COLUMN_NAME, `Column name not specified at position ${i + 1}`, loc(statement.location));
    }
    if (seen.has(c.name.toLowerCase())) {
      throw new TrinoError(StandardErrorCode.DUPLICATE_COLUMN_NAME, `Column name '${c.name}' specified more than once`, loc(statement.location));
    }
    seen.add(c.name.toLowerCase());
  }
  const definition: ViewDefinition = {
    originalSql: textFrom(context.sql, statement.query.location),
    catalog: context.session.catalog,
    schema: context.session.schema,
    columns: planned.columns.map((c) => ({ name: c.name, type: c.type })),
    comment: statement.comment,
    owner: statement.security === 'INVOKER' ? undefined : context.session.user,
    runAsInvoker: statement.security === 'INVOKER',
  };
  const create = connector.metadata.createView;
  if (create === undefined) throw unsupported('creating views', statement.location);
  await create.call(connector.metadata, connectorSessionFor(context, name.catalog), { schema: name.schema, table: name.name }, definition, statement.replace);
  return updateResult('CREATE VIEW');
}

export async function dropView(context: StatementContext, statement: DropView): Promise<StatementResult> {
  const name = qualifyObjectName(context.session, statement.name);
  const connector = requireCatalog(context, name.catalog, statement.name.location);
  const view = await context.metadata.getView(context.session, name);
  if (view === undefined) {
    if ((await context.metadata.getTable(context.session, name)) !== undefined) {
      throw new TrinoError(
        StandardErrorCode.GENERIC_USER_ERROR,
        `View '${formatObjectName(name)}' does not exist, but a table with that name exists. Did you mean DROP TABLE ${formatObjectName(name)}?`,
        loc(statement.location),
      );
    }
    if (statement.exists) return updateResult('DROP VIEW');
    throw new TrinoError(StandardErrorCode.TABLE_NOT_FOUND, `View '${formatObjectName(name)}' does not exist`, loc(statement.location));
  }
  const drop = connector.metadata.dropView;
  if (drop === undefined) throw unsupported('dropping views', statement.location);
  await drop.call(connector.metadata, connectorSessionFor(context, name.catalog), { schema: name.schema, table: name.name });
  return updateResult('DROP VIEW');
}

export async function renameView(context: StatementContext, statement: RenameView): Promise<StatementResult> {
  const source = qualifyObjectName(context.session, statement.source);
  const target = qualifyObjectName(context.session, statement.target);
  const connector = requireCatalog(context, source.catalog, statement.source.location);
  const view = await context.metadata.getView(context.session, source);
  if (view === undefined) throw new TrinoError(StandardErrorCode.TABLE_NOT_FOUND, `View '${formatObjectName(source)}' does not exist`, loc(statement.location));
  if (target.catalog !== source.catalog) throw new TrinoError(StandardErrorCode.NOT_SUPPORTED, 'View rename across catalogs is not supported', loc(statement.location));
  if ((await context.metadata.getView(context.session, target)) !== undefined || (await context.metadata.getTable(context.session, target)) !== undefined) {
    throw new TrinoError(StandardErrorCode.TABLE_ALREADY_EXISTS, `Target view '${formatObjectName(target)}' already exists`, loc(statement.location));
  }
  const { createView: create, dropView: drop } = connector.metadata;
  if (create === undefined || drop === undefined) throw unsupported('renaming views', statement.location);
  const session = connectorSessionFor(context, source.catalog);
  await create.call(connector.metadata, session, { schema: target.schema, table: target.name }, view, false);
  await drop.call(connector.metadata, session, { schema: source.schema, table: source.name });
  return updateResult('RENAME VIEW');
}
