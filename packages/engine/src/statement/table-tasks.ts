import type {
  AddColumn,
  ColumnDefinition,
  Comment,
  CreateTable,
  CreateTableAsSelect,
  DropColumn,
  DropTable,
  QualifiedName,
  RenameColumn,
  RenameTable,
  SetColumnType,
  Truncate,
} from '@petrel/sql';
import type { ColumnMetadata, SqlValue } from '@petrel/spi';
import { BIGINT, float64Block, page, StandardErrorCode, TrinoError } from '@petrel/spi';
import { dataTypeToSqlType } from '../sql/analyzer/data-type-to-sql-type.js';
import type { StatementResult } from '../query/statement-result.js';
import { pagesSource, updateResult } from '../query/statement-result.js';
import type { QualifiedObjectName, ResolvedColumn } from '../metadata/metadata.js';
import { canonicalName, formatObjectName, loc, qualifyObjectName } from './object-names.js';
import { evaluateProperties } from './properties.js';
import type { StatementContext } from './statement-context.js';
import type { CreateTableAsInsert } from '../planner/plan-statement.js';
import { connectorSessionFor, findTable, requireCatalog, requireSchema, requireTable, unsupported } from './task-support.js';

function columnFromDefinition(definition: ColumnDefinition): ColumnMetadata {
  const parts = definition.name.parts;
  return {
    name: canonicalName(parts[parts.length - 1]!),
    type: dataTypeToSqlType(definition.type),
    nullable: definition.nullable,
    comment: definition.comment,
  };
}

async function ensureNoRelation(context: StatementContext, name: QualifiedObjectName, location: QualifiedName['location']): Promise<'table' | 'view' | undefined> {
  if ((await findTable(context, name, location)) !== undefined) return 'table';
  if ((await context.metadata.getView(context.session, name)) !== undefined) return 'view';
  return undefined;
}

export async function createTable(context: StatementContext, statement: CreateTable): Promise<StatementResult> {
  const name = qualifyObjectName(context.session, statement.name);
  const connector = requireCatalog(context, name.catalog, statement.name.location);
  await requireSchema(context, name.catalog, name.schema, statement.name.location);
  const existing = await ensureNoRelation(context, name, statement.name.location);
  if (existing !== undefined) {
    if (statement.saveMode === 'IGNORE') return updateResult('CREATE TABLE');
    if (statement.saveMode === 'FAIL' || existing === 'view') {
      throw new TrinoError(StandardErrorCode.TABLE_ALREADY_EXISTS, `Table '${formatObjectName(name)}' already exists`, loc(statement.location));
    }
  }
  const columns: ColumnMetadata[] = [];
  const seen = new Set<string>();
  let likeProperties: Readonly<Record<string, SqlValue>> | undefined;
  for (const element of statement.elements) {
    let added: ColumnMetadata[];
    if (element.kind === 'ColumnDefinition') {
      added = [columnFromDefinition(element)];
    } else {
      const likeName = qualifyObjectName(context.session, element.tableName);
      const like = await requireTable(context, likeName, element.tableName.location);
      added = like.columns.filter((c) => !c.hidden).map((c) => ({ name: c.name, type: c.type, comment: c.comment }));
      if (element.propertiesOption === 'INCLUDING') {
        const meta = await context.metadata.getConnector(likeName.catalog).metadata.getTableMetadata(connectorSessionFor(context, likeName.catalog), like.handle.connectorHandle);
        likeProperties = meta.properties;
      }
    }
    for (const column of added) {
      if (seen.has(column.name)) {
        throw new TrinoError(StandardErrorCode.DUPLICATE_COLUMN_NAME, `Column name '${column.name}' specified more than once`, loc(element.location));
      }
      seen.add(column.name);
      columns.push(column);
    }
  }
  if (columns.length === 0) throw new TrinoError(StandardErrorCode.TABLE_HAS_NO_COLUMNS, 'Table must have at least one column', loc(statement.location));
  const create = connector.metadata.createTable;
  if (create === undefined) throw unsupported('creating tables', statement.location);
  const properties = {
    ...(likeProperties ?? {}),
    ...(await evaluateProperties(context, statement.properties, connector.tableProperties ?? [], name.catalog, 'table')),
  };
  const session = connectorSessionFor(context, name.catalog);
  if (existing === 'table' && statement.saveMode === 'REPLACE') {
    const old = await requireTable(context, name, statement.name.location);
    if (connector.metadata.dropTable === undefined) throw unsupported('replacing tables', statement.location);
    await connector.metadata.dropTable(session, old.handle.connectorHandle);
  }
  await create.call(
    connector.metadata,
    session,
    { name: { schema: name.schema, table: name.name }, columns, comment: statement.comment, properties },
    statement.saveMode === 'IGNORE',
  );
  return updateResult('CREATE TABLE');
}

function rowsResult(updateType: string, count: number): StatementResult {
  return {
    columns: [{ name: 'rows', type: BIGINT }],
    source: pagesSource([page([float64Block(Float64Array.of(count))], 1)]),
    updateType,
    updateCount: undefined,
    updateCountFromRows: true,
    sessionUpdates: [],
  };
}

export async function createTableAsSelect(context: StatementContext, statement: CreateTableAsSelect): Promise<StatementResult> {
  const name = qualifyObjectName(context.session, statement.name);
  const connector = requireCatalog(context, name.catalog, statement.name.location);
  await requireSchema(context, name.catalog, name.schema, statement.name.location);
  const existing = await ensureNoRelation(context, name, statement.name.location);
  if (existing !== undefined) {
    if (statement.saveMode === 'IGNORE') return rowsResult('CREATE TABLE', 0);
    if (statement.saveMode === 'FAIL' || existing === 'view') {
      throw new TrinoError(StandardErrorCode.TABLE_ALREADY_EXISTS, `Table '${formatObjectName(name)}' already exists`, loc(statement.location));
    }
  }
  const planned = await context.plan(statement.query);
  const aliases = statement.columnAliases;
  if (aliases !== undefined && aliases.length !== planned.columns.length) {
    throw new TrinoError(
      StandardErrorCode.MISMATCHED_COLUMN_ALIASES,
      'Column alias list has ' + aliases.length + ' entries but subquery has ' + planned.columns.length + ' columns',
      loc(statement.location),
    );
  }
  const seen = new Set<string>();
  const columns: ColumnMetadata[] = planned.columns.map((c, i) => {
    const columnName = aliases !== undefined ? canonicalName(aliases[i]!) : c.name.toLowerCase();
    if (columnName === '' || (aliases === undefined && /^_col\d+$/.test(columnName))) {
      throw new TrinoError(StandardErrorCode.MISSING_COLUMN_NAME, `Column name not specified at position ${i + 1}`, loc(statement.location));
    }
    if (seen.has(columnName)) {
      throw new TrinoError(StandardErrorCode.DUPLICATE_COLUMN_NAME, `Column name '${columnName}' specified more than once`, loc(statement.location));
    }
    seen.add(columnName);
    if (c.type.kind === 'unknown') {
      throw new TrinoError(StandardErrorCode.COLUMN_TYPE_UNKNOWN, `Column type is unknown at position ${i + 1}`, loc(statement.location));
    }
    return { name: columnName, type: c.type };
  });
  const create = connector.metadata.createTable;
  if (create === undefined) throw unsupported('creating tables with data', statement.location);
  const properties = await evaluateProperties(context, statement.properties, connector.tableProperties ?? [], name.catalog, 'table');
  const session = connectorSessionFor(context, name.catalog);
  if (existing === 'table' && statement.saveMode === 'REPLACE') {
    const old = await requireTable(context, name, statement.name.location);
    await connector.metadata.dropTable?.(session, old.handle.connectorHandle);
  }
  await create.call(connector.metadata, session, { name: { schema: name.schema, table: name.name }, columns, comment: statement.comment, properties }, false);
  if (!statement.withData) return rowsResult('CREATE TABLE', 0);

  const insert: CreateTableAsInsert = {
    kind: 'Insert',
    target: { kind: 'Table', name: statement.name, queryPeriod: undefined, location: statement.name.location },
    columns: undefined,
    query: statement.query,
    location: statement.location,
    writeTypes: new Map(columns.map((c) => [c.name, c.type] as const)),
  };
  const dropCreated = async (): Promise<void> => {
    const created = await context.metadata.getTable(context.session, name);
    if (created !== undefined) await connector.metadata.dropTable?.(session, created.handle.connectorHandle).catch(() => undefined);
  };
  let result: StatementResult;
  try {
    result = await context.planAndExecute(insert);
  } catch (error) {
    await dropCreated();
    throw error;
  }
  // The table must not survive a failed load: drop it when the insert fails.
  return {
    ...result,
    updateType: 'CREATE TABLE',
    updateCountFromRows: true,
    source: {
      next: async () => {
        try {
          return await result.source.next();
        } catch (error) {
          await dropCreated();
          throw error;
        }
      },
      close: () => result.source.close(),
      ...(result.source.stats === undefined ? {} : { stats: () => result.source.stats!() }),
    },
  };
}

export async function dropTable(context: StatementContext, statement: DropTable): Promise<StatementResult> {
  const name = qualifyObjectName(context.session, statement.tableName);
  const connector = requireCatalog(context, name.catalog, statement.tableName.location);
  const table = await context.metadata.getTable(context.session, name);
  if (table === undefined) {
    if ((await context.metadata.getView(context.session, name)) !== undefined) {
      throw new TrinoError(
        StandardErrorCode.GENERIC_USER_ERROR,
        `Table '${formatObjectName(name)}' does not exist, but a view with that name exists. Did you mean DROP VIEW ${formatObjectName(name)}?`,
        loc(statement.location),
      );
    }
    if (statement.exists) return updateResult('DROP TABLE');
    throw new TrinoError(StandardErrorCode.TABLE_NOT_FOUND, `Table '${formatObjectName(name)}' does not exist`, loc(statement.location));
  }
  const drop = connector.metadata.dropTable;
  if (drop === undefined) throw unsupported('dropping tables', statement.location);
  await drop.call(connector.metadata, connectorSessionFor(context, name.catalog), table.handle.connectorHandle);
  return updateResult('DROP TABLE');
}

export async function renameTable(context: StatementContext, statement: RenameTable): Promise<StatementResult> {
  const source = qualifyObjectName(context.session, statement.source);
  const connector = requireCatalog(context, source.catalog, statement.source.location);
  const table = await context.metadata.getTable(context.session, source);
  if (table === undefined) {
    if (statement.exists) return updateResult('RENAME TABLE');
    throw new TrinoError(StandardErrorCode.TABLE_NOT_FOUND, `Table '${formatObjectName(source)}' does not exist`, loc(statement.location));
  }
  const target = qualifyObjectName(context.session, statement.target);
  if (target.catalog !== source.catalog) {
    throw new TrinoError(StandardErrorCode.NOT_SUPPORTED, 'Table rename across catalogs is not supported', loc(statement.location));
  }
  await requireSchema(context, target.catalog, target.schema, statement.target.location);
  if ((await ensureNoRelation(context, target, statement.target.location)) !== undefined) {
    throw new TrinoError(StandardErrorCode.TABLE_ALREADY_EXISTS, `Target table '${formatObjectName(target)}' already exists`, loc(statement.location));
  }
  const rename = connector.metadata.renameTable;
  if (rename === undefined) throw unsupported('renaming tables', statement.location);
  await rename.call(connector.metadata, connectorSessionFor(context, source.catalog), table.handle.connectorHandle, { schema: target.schema, table: target.name });
  return updateResult('RENAME TABLE');
}

function findColumn(columns: readonly ResolvedColumn[], name: string): ResolvedColumn | undefined {
  return columns.find((c) => c.name === name);
}

export async function addColumn(context: StatementContext, statement: AddColumn): Promise<StatementResult> {
  const name = qualifyObjectName(context.session, statement.name);
  const connector = requireCatalog(context, name.catalog, statement.name.location);
  const table = await context.metadata.getTable(context.session, name);
  if (table === undefined) {
    if (statement.tableExists) return updateResult('ADD COLUMN');
    throw new TrinoError(StandardErrorCode.TABLE_NOT_FOUND, `Table '${formatObjectName(name)}' does not exist`, loc(statement.location));
  }
  const column = columnFromDefinition(statement.column);
  if (findColumn(table.columns, column.name) !== undefined) {
    if (statement.columnNotExists) return updateResult('ADD COLUMN');
    throw new TrinoError(StandardErrorCode.COLUMN_ALREADY_EXISTS, `Column '${column.name}' already exists`, loc(statement.location));
  }
  if (!statement.column.nullable && (await hasRows(context, name))) {
    throw new TrinoError(StandardErrorCode.NOT_SUPPORTED, `Unable to add NOT NULL column '${column.name}' for non-empty table: ${formatObjectName(name)}`, loc(statement.location));
  }
  const add = connector.metadata.addColumn;
  if (add === undefined) throw unsupported('adding columns', statement.location);
  await add.call(connector.metadata, connectorSessionFor(context, name.catalog), table.handle.connectorHandle, column);
  return updateResult('ADD COLUMN');
}

async function hasRows(context: StatementContext, name: QualifiedObjectName): Promise<boolean> {
  const table = await context.metadata.getTable(context.session, name);
  if (table === undefined) return false;
  const stats = await context.metadata.getTableStatistics(context.session, table.handle);
  return stats.rowCount === undefined || stats.rowCount > 0;
}

export async function dropColumn(context: StatementContext, statement: DropColumn): Promise<StatementResult> {
  const name = qualifyObjectName(context.session, statement.table);
  const connector = requireCatalog(context, name.catalog, statement.table.location);
  const table = await context.metadata.getTable(context.session, name);
  if (table === undefined) {
    if (statement.tableExists) return updateResult('DROP COLUMN');
    throw new TrinoError(StandardErrorCode.TABLE_NOT_FOUND, `Table '${formatObjectName(name)}' does not exist`, loc(statement.location));
  }
  if (statement.field.parts.length > 1) {
    throw new TrinoError(StandardErrorCode.NOT_SUPPORTED, 'This connector does not support dropping fields', loc(statement.location));
  }
  const columnName = canonicalName(statement.field.parts[0]!);
  const column = findColumn(table.columns, columnName);
  if (column === undefined || column.hidden) {
    if (statement.columnExists) return updateResult('DROP COLUMN');
    throw new TrinoError(StandardErrorCode.COLUMN_NOT_FOUND, `Column '${columnName}' does not exist`, loc(statement.location));
  }
  if (table.columns.filter((c) => !c.hidden).length === 1) {
    throw new TrinoError(StandardErrorCode.NOT_SUPPORTED, 'Cannot drop the only column in a table', loc(statement.location));
  }
  const drop = connector.metadata.dropColumn;
  if (drop === undefined) throw unsupported('dropping columns', statement.location);
  await drop.call(connector.metadata, connectorSessionFor(context, name.catalog), table.handle.connectorHandle, column.handle);
  return updateResult('DROP COLUMN');
}

export async function renameColumn(context: StatementContext, statement: RenameColumn): Promise<StatementResult> {
  const name = qualifyObjectName(context.session, statement.table);
  const connector = requireCatalog(context, name.catalog, statement.table.location);
  const table = await context.metadata.getTable(context.session, name);
  if (table === undefined) {
    if (statement.tableExists) return updateResult('RENAME COLUMN');
    throw new TrinoError(StandardErrorCode.TABLE_NOT_FOUND, `Table '${formatObjectName(name)}' does not exist`, loc(statement.location));
  }
  const source = canonicalName(statement.source.parts[statement.source.parts.length - 1]!);
  const target = canonicalName(statement.target);
  const column = findColumn(table.columns, source);
  if (column === undefined || column.hidden) {
    if (statement.columnExists) return updateResult('RENAME COLUMN');
    throw new TrinoError(StandardErrorCode.COLUMN_NOT_FOUND, `Column '${source}' does not exist`, loc(statement.location));
  }
  if (findColumn(table.columns, target) !== undefined) {
    throw new TrinoError(StandardErrorCode.COLUMN_ALREADY_EXISTS, `Column '${target}' already exists`, loc(statement.location));
  }
  const rename = connector.metadata.renameColumn;
  if (rename === undefined) throw unsupported('renaming columns', statement.location);
  await rename.call(connector.metadata, connectorSessionFor(context, name.catalog), table.handle.connectorHandle, column.handle, target);
  return updateResult('RENAME COLUMN');
}

export async function setColumnType(context: StatementContext, statement: SetColumnType): Promise<StatementResult> {
  const name = qualifyObjectName(context.session, statement.tableName);
  const connector = requireCatalog(context, name.catalog, statement.tableName.location);
  const table = await context.metadata.getTable(context.session, name);
  if (table === undefined) {
    if (statement.tableExists) return updateResult('SET COLUMN TYPE');
    throw new TrinoError(StandardErrorCode.TABLE_NOT_FOUND, `Table '${formatObjectName(name)}' does not exist`, loc(statement.location));
  }
  const columnName = canonicalName(statement.columnName.parts[statement.columnName.parts.length - 1]!);
  const column = findColumn(table.columns, columnName);
  if (column === undefined || column.hidden) {
    throw new TrinoError(StandardErrorCode.COLUMN_NOT_FOUND, `Column '${columnName}' does not exist`, loc(statement.location));
  }
  const type = dataTypeToSqlType(statement.type);
  const set = connector.metadata.setColumnType;
  if (set === undefined) throw unsupported('setting column types', statement.location);
  try {
    await set.call(connector.metadata, connectorSessionFor(context, name.catalog), table.handle.connectorHandle, column.handle, type);
  } catch (error) {
    if (error instanceof TrinoError && error.location === undefined) throw new TrinoError(error.errorCode, error.rawMessage, loc(statement.location));
    throw error;
  }
  return updateResult('SET COLUMN TYPE');
}

export async function comment(context: StatementContext, statement: Comment): Promise<StatementResult> {
  if (statement.type === 'COLUMN') {
    const parts = statement.name.parts;
    if (parts.length < 2) throw new TrinoError(StandardErrorCode.MISSING_TABLE, 'Table is required', loc(statement.location));
    const tableName = qualifyObjectName(context.session, { ...statement.name, parts: parts.slice(0, -1) });
    const connector = requireCatalog(context, tableName.catalog, statement.name.location);
    const table = await requireTable(context, tableName, statement.location);
    const columnName = canonicalName(parts[parts.length - 1]!);
    const column = findColumn(table.columns, columnName);
    if (column === undefined) throw new TrinoError(StandardErrorCode.COLUMN_NOT_FOUND, `Column does not exist: ${columnName}`, loc(statement.location));
    const set = connector.metadata.setColumnComment;
    if (set === undefined) throw unsupported('setting column comments', statement.location);
    await set.call(connector.metadata, connectorSessionFor(context, tableName.catalog), table.handle.connectorHandle, column.handle, statement.comment);
    return updateResult('COMMENT');
  }
  const name = qualifyObjectName(context.session, statement.name);
  const connector = requireCatalog(context, name.catalog, statement.name.location);
  if (statement.type === 'VIEW') {
    const view = await context.metadata.getView(context.session, name);
    if (view === undefined) throw new TrinoError(StandardErrorCode.TABLE_NOT_FOUND, `View '${formatObjectName(name)}' does not exist`, loc(statement.location));
    const createView = connector.metadata.createView;
    if (createView === undefined) throw unsupported('setting view comments', statement.location);
    await createView.call(connector.metadata, connectorSessionFor(context, name.catalog), { schema: name.schema, table: name.name }, { ...view, comment: statement.comment }, true);
    return updateResult('COMMENT');
  }
  const table = await requireTable(context, name, statement.location);
  const set = connector.metadata.setTableComment;
  if (set === undefined) throw unsupported('setting table comments', statement.location);
  await set.call(connector.metadata, connectorSessionFor(context, name.catalog), table.handle.connectorHandle, statement.comment);
  return updateResult('COMMENT');
}

export async function truncateTable(context: StatementContext, statement: Truncate): Promise<StatementResult> {
  const name = qualifyObjectName(context.session, statement.tableName);
  const connector = requireCatalog(context, name.catalog, statement.tableName.location);
  const table = await requireTable(context, name, statement.location);
  const truncate = connector.metadata.truncateTable;
  if (truncate === undefined) throw unsupported('truncating tables', statement.location);
  await truncate.call(connector.metadata, connectorSessionFor(context, name.catalog), table.handle.connectorHandle);
  return updateResult('TRUNCATE TABLE');
}
