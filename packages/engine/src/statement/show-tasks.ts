import type { DescribeInput, DescribeOutput, ShowCatalogs, ShowColumns, ShowCreate, ShowFunctions, ShowSchemas, ShowSession, ShowStats, ShowTables } from '@petrel/sql';
import type { SqlValue } from '@petrel/spi';
import { StandardErrorCode, TrinoError, typeDisplayName } from '@petrel/spi';
import type { StatementResult } from '../query/statement-result.js';
import { SYSTEM_SESSION_PROPERTIES } from '../session/session-property.js';
import { canonicalName, formatObjectName, loc, qualifyObjectName, qualifySchemaName } from './object-names.js';
import { formatIdentifier, likeClause, stringLiteral, valuesQuery, whereClause } from './sql-text.js';
import type { StatementContext } from './statement-context.js';
import { connectorSessionFor, requireCatalog } from './task-support.js';

function catalogRef(catalog: string): string {
  return formatIdentifier(catalog);
}

export async function showCatalogs(context: StatementContext, statement: ShowCatalogs): Promise<StatementResult> {
  const rows = context.metadata.listCatalogs().map((c) => [stringLiteral(c)]);
  const like = likeClause('"Catalog"', statement.likePattern, statement.escape);
  return context.runSql(valuesQuery([{ name: 'Catalog', type: 'varchar' }], rows, `${whereClause([like])} ORDER BY "Catalog"`));
}

export async function showSchemas(context: StatementContext, statement: ShowSchemas): Promise<StatementResult> {
  const catalog = statement.catalog === undefined ? context.session.catalog : canonicalName(statement.catalog);
  if (catalog === undefined) {
    throw new TrinoError(StandardErrorCode.MISSING_CATALOG_NAME, 'Catalog must be specified when session catalog is not set', loc(statement.location));
  }
  requireCatalog(context, catalog, statement.location);
  const like = likeClause('schema_name', statement.likePattern, statement.escape);
  return context.runSql(`SELECT schema_name AS "Schema" FROM ${catalogRef(catalog)}.information_schema.schemata${whereClause([like])} ORDER BY schema_name`);
}

export async function showTables(context: StatementContext, statement: ShowTables): Promise<StatementResult> {
  let catalog: string;
  let schema: string;
  if (statement.schema === undefined) {
    if (context.session.catalog === undefined) {
      throw new TrinoError(StandardErrorCode.MISSING_CATALOG_NAME, 'Catalog must be specified when session catalog is not set', loc(statement.location));
    }
    if (context.session.schema === undefined) {
      throw new TrinoError(StandardErrorCode.MISSING_SCHEMA_NAME, 'Schema must be specified when session schema is not set', loc(statement.location));
    }
    catalog = context.session.catalog;
    schema = context.session.schema;
  } else {
    ({ catalog, schema } = qualifySchemaName(context.session, statement.schema));
  }
  if (!context.metadata.catalogExists(catalog)) {
    throw new TrinoError(StandardErrorCode.CATALOG_NOT_FOUND, `Catalog '${catalog}' does not exist`, loc(statement.location));
  }
  if (!(await context.metadata.schemaExists(context.session, catalog, schema))) {
    throw new TrinoError(StandardErrorCode.SCHEMA_NOT_FOUND, `Schema '${schema}' does not exist`, loc(statement.location));
  }
  const like = likeClause('table_name', statement.likePattern, statement.escape);
  return context.runSql(
    `SELECT table_name AS "Table" FROM ${catalogRef(catalog)}.information_schema.tables${whereClause([`table_schema = ${stringLiteral(schema)}`, like])} ORDER BY table_name`,
  );
}

export async function showColumns(context: StatementContext, statement: ShowColumns): Promise<StatementResult> {
  const name = qualifyObjectName(context.session, statement.table);
  requireCatalog(context, name.catalog, statement.table.location);
  if (!(await context.metadata.schemaExists(context.session, name.catalog, name.schema))) {
    throw new TrinoError(StandardErrorCode.SCHEMA_NOT_FOUND, `Schema '${name.schema}' does not exist`, loc(statement.location));
  }
  const view = await context.metadata.getView(context.session, name);
  if (view === undefined && (await context.metadata.getTable(context.session, name)) === undefined) {
    throw new TrinoError(StandardErrorCode.TABLE_NOT_FOUND, `Table '${formatObjectName(name)}' does not exist`, loc(statement.location));
  }
  const like = likeClause('column_name', statement.likePattern, statement.escape);
  return context.runSql(
    `SELECT column_name AS "Column", data_type AS "Type", coalesce(extra_info, '') AS "Extra", coalesce(comment, '') AS "Comment" ` +
      `FROM ${catalogRef(name.catalog)}.information_schema.columns` +
      whereClause([`table_schema = ${stringLiteral(name.schema)}`, `table_name = ${stringLiteral(name.name)}`, like]) +
      ' ORDER BY ordinal_position',
  );
}

function propertyLiteral(value: SqlValue): string {
  if (value === null) return 'NULL';
  if (typeof value === 'string') return stringLiteral(value);
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `ARRAY[${value.map(propertyLiteral).join(', ')}]`;
  return stringLiteral(JSON.stringify(value));
}

function singleValue(context: StatementContext, column: string, text: string): Promise<StatementResult> {
  return context.runSql(valuesQuery([{ name: column, type: 'varchar' }], [[stringLiteral(text)]]));
}

export async function showCreate(context: StatementContext, statement: ShowCreate): Promise<StatementResult> {
  switch (statement.type) {
    case 'SCHEMA': {
      const name = qualifySchemaName(context.session, statement.name);
      requireCatalog(context, name.catalog, statement.name.location);
      if (!(await context.metadata.schemaExists(context.session, name.catalog, name.schema))) {
        throw new TrinoError(StandardErrorCode.SCHEMA_NOT_FOUND, `Schema '${name.catalog}.${name.schema}' does not exist`, loc(statement.location));
      }
      return singleValue(context, 'Create Schema', `CREATE SCHEMA ${formatIdentifier(name.catalog)}.${formatIdentifier(name.schema)}`);
    }
    case 'VIEW': {
      const name = qualifyObjectName(context.session, statement.name);
      requireCatalog(context, name.catalog, statement.name.location);
      const view = await context.metadata.getView(context.session, name);
      if (view === undefined) {
        if ((await context.metadata.getTable(context.session, name)) !== undefined) {
          throw new TrinoError(StandardErrorCode.NOT_SUPPORTED, `Relation '${formatObjectName(name)}' is a table, not a view`, loc(statement.location));
        }
        throw new TrinoError(StandardErrorCode.TABLE_NOT_FOUND, `View '${formatObjectName(name)}' does not exist`, loc(statement.location));
      }
      const qualified = [name.catalog, name.schema, name.name].map(formatIdentifier).join('.');
      const comment = view.comment === undefined ? '' : ` COMMENT ${stringLiteral(view.comment)}`;
      const security = view.runAsInvoker ? 'INVOKER' : 'DEFINER';
      return singleValue(context, 'Create View', `CREATE VIEW ${qualified}${comment} SECURITY ${security} AS\n${view.originalSql}`);
    }
    case 'TABLE': {
      const name = qualifyObjectName(context.session, statement.name);
      requireCatalog(context, name.catalog, statement.name.location);
      const table = await context.metadata.getTable(context.session, name);
      if (table === undefined) {
        if ((await context.metadata.getView(context.session, name)) !== undefined) {
          throw new TrinoError(StandardErrorCode.NOT_SUPPORTED, `Relation '${formatObjectName(name)}' is a view, not a table`, loc(statement.location));
        }
        throw new TrinoError(StandardErrorCode.TABLE_NOT_FOUND, `Table '${formatObjectName(name)}' does not exist`, loc(statement.location));
      }
      const connector = context.metadata.getConnector(name.catalog);
      const meta = await connector.metadata.getTableMetadata(connectorSessionFor(context, name.catalog), table.handle.connectorHandle);
      const columns = meta.columns
        .filter((c) => c.hidden !== true)
        .map((c) => {
          let line = `   ${formatIdentifier(c.name)} ${typeDisplayName(c.type)}`;
          if (c.nullable === false) line += ' NOT NULL';
          if (c.comment !== undefined && c.comment !== null) line += ` COMMENT ${stringLiteral(c.comment)}`;
          return line;
        });
      const qualified = [name.catalog, name.schema, name.name].map(formatIdentifier).join('.');
      let text = `CREATE TABLE ${qualified} (\n${columns.join(',\n')}\n)`;
      if (meta.comment !== undefined && meta.comment !== null) text += `\nCOMMENT ${stringLiteral(meta.comment)}`;
      const properties = Object.entries(meta.properties ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      if (properties.length > 0) {
        text += `\nWITH (\n${properties.map(([k, v]) => `   ${formatIdentifier(k)} = ${propertyLiteral(v)}`).join(',\n')}\n)`;
      }
      return singleValue(context, 'Create Table', text);
    }
    case 'MATERIALIZED_VIEW':
    case 'FUNCTION':
      throw new TrinoError(StandardErrorCode.NOT_SUPPORTED, `SHOW CREATE ${statement.type === 'FUNCTION' ? 'FUNCTION' : 'MATERIALIZED VIEW'} is not supported`, loc(statement.location));
  }
}

export async function showSession(context: StatementContext, statement: ShowSession): Promise<StatementResult> {
  const rows: string[][] = [];
  const row = (name: string, value: string, defaultValue: string, type: string, description: string): void => {
    rows.push([stringLiteral(name), stringLiteral(value), stringLiteral(defaultValue), stringLiteral(type), stringLiteral(description)]);
  };
  for (const p of SYSTEM_SESSION_PROPERTIES) {
    if (p.hidden === true) continue;
    row(p.name, context.session.systemProperties[p.name] ?? p.defaultValue, p.defaultValue, typeDisplayName(p.type), p.description);
  }
  for (const catalog of context.metadata.listCatalogs()) {
    for (const p of context.metadata.getConnector(catalog).sessionProperties ?? []) {
      if (p.hidden === true) continue;
      const value = context.session.catalogProperties[catalog]?.[p.name] ?? p.defaultValue;
      row(`${catalog}.${p.name}`, value, p.defaultValue, typeDisplayName(p.type), p.description);
    }
  }
  const like = likeClause('"Name"', statement.likePattern, statement.escape);
  return context.runSql(
    valuesQuery(
      ['Name', 'Value', 'Default', 'Type', 'Description'].map((name) => ({ name, type: 'varchar' })),
      rows,
      `${whereClause([like])} ORDER BY "Name"`,
    ),
  );
}

export async function showFunctions(context: StatementContext, statement: ShowFunctions): Promise<StatementResult> {
  const listings = [...context.functions.listFunctions()].sort((a, b) =>
    a.name === b.name ? (a.argumentTypes < b.argumentTypes ? -1 : 1) : a.name < b.name ? -1 : 1,
  );
  const rows = listings.map((f) => [
    stringLiteral(f.name),
    stringLiteral(f.returnType),
    stringLiteral(f.argumentTypes),
    stringLiteral(f.kind),
    f.deterministic ? 'true' : 'false',
    stringLiteral(f.description),
  ]);
  const like = likeClause('"Function"', statement.likePattern, statement.escape);
  return context.runSql(
    valuesQuery(
      [
        { name: 'Function', type: 'varchar' },
        { name: 'Return Type', type: 'varchar' },
        { name: 'Argument Types', type: 'varchar' },
        { name: 'Function Type', type: 'varchar' },
        { name: 'Deterministic', type: 'boolean' },
        { name: 'Description', type: 'varchar' },
      ],
      rows,
      `${whereClause([like])} ORDER BY "Function", "Return Type", "Argument Types", "Function Type"`,
    ),
  );
}

function doubleLiteral(value: number | undefined): string {
  return value === undefined || !Number.isFinite(value) ? 'CAST(NULL AS double)' : `CAST(${stringLiteral(String(value))} AS double)`;
}

export async function showStats(context: StatementContext, statement: ShowStats): Promise<StatementResult> {
  const relation = statement.relation;
  if (relation.kind !== 'Table') {
    throw new TrinoError(StandardErrorCode.NOT_SUPPORTED, 'SHOW STATS is only supported for tables', loc(statement.location));
  }
  const name = qualifyObjectName(context.session, relation.name);
  requireCatalog(context, name.catalog, relation.location);
  const table = await context.metadata.getTable(context.session, name);
  if (table === undefined) {
    throw new TrinoError(StandardErrorCode.TABLE_NOT_FOUND, `Table '${formatObjectName(name)}' does not exist`, loc(relation.location));
  }
  const stats = await context.metadata.getTableStatistics(context.session, table.handle);
  const rows: string[][] = [];
  const bound = (v: number | undefined, type: string): string =>
    v === undefined ? 'CAST(NULL AS varchar)' : stringLiteral(type === 'date' ? new Date(v * 86_400_000).toISOString().slice(0, 10) : String(v));
  for (const column of table.columns) {
    if (column.hidden) continue;
    const s = stats.columns?.[column.name];
    rows.push([
      stringLiteral(column.name),
      doubleLiteral(s?.dataSize),
      doubleLiteral(s?.distinctValuesCount),
      doubleLiteral(s?.nullsFraction),
      'CAST(NULL AS double)',
      bound(s?.min, column.type.kind),
      bound(s?.max, column.type.kind),
    ]);
  }
  rows.push(['CAST(NULL AS varchar)', 'CAST(NULL AS double)', 'CAST(NULL AS double)', 'CAST(NULL AS double)', doubleLiteral(stats.rowCount), 'CAST(NULL AS varchar)', 'CAST(NULL AS varchar)']);
  return context.runSql(
    valuesQuery(
      [
        { name: 'column_name', type: 'varchar' },
        { name: 'data_size', type: 'double' },
        { name: 'distinct_values_count', type: 'double' },
        { name: 'nulls_fraction', type: 'double' },
        { name: 'row_count', type: 'double' },
        { name: 'low_value', type: 'varchar' },
        { name: 'high_value', type: 'varchar' },
      ],
      rows,
    ),
  );
}

export async function describeOutput(
  context: StatementContext,
  statement: DescribeOutput,
  prepared: { readonly statement: import('@petrel/sql').Statement; readonly parameterCount: number },
): Promise<StatementResult> {
  const columns = [
    { name: 'Column Name', type: 'varchar' },
    { name: 'Catalog', type: 'varchar' },
    { name: 'Schema', type: 'varchar' },
    { name: 'Table', type: 'varchar' },
    { name: 'Type', type: 'varchar' },
    { name: 'Type Size', type: 'bigint' },
    { name: 'Aliased', type: 'boolean' },
  ];
  const kind = prepared.statement.kind;
  if (kind !== 'Query') return context.runSql(valuesQuery(columns, []));
  const parameters = Array.from({ length: prepared.parameterCount }, () => ({ value: null, type: { kind: 'unknown' } as const }));
  const planned = await context.plan(prepared.statement, { parameters });
  void statement;
  const rows = planned.columns.map((c) => [
    stringLiteral(c.name),
    "''",
    "''",
    "''",
    stringLiteral(typeDisplayName(c.type)),
    String(typeSize(c.type.kind)),
    'false',
  ]);
  return context.runSql(valuesQuery(columns, rows));
}

function typeSize(kind: string): number {
  switch (kind) {
    case 'boolean':
    case 'tinyint':
      return 1;
    case 'smallint':
      return 2;
    case 'integer':
    case 'real':
    case 'date':
      return 4;
    case 'bigint':
    case 'double':
    case 'timestamp':
    case 'interval day to second':
    case 'interval year to month':
      return 8;
    default:
      return 0;
  }
}

export async function describeInput(
  context: StatementContext,
  _statement: DescribeInput,
  prepared: { readonly parameterCount: number; readonly parameterTypes?: readonly string[] },
): Promise<StatementResult> {
  const rows = Array.from({ length: prepared.parameterCount }, (_, i) => [String(i), stringLiteral(prepared.parameterTypes?.[i] ?? 'unknown')]);
  return context.runSql(
    valuesQuery(
      [
        { name: 'Position', type: 'bigint' },
        { name: 'Type', type: 'varchar' },
      ],
      rows.map((r) => [`BIGINT '${r[0]}'`, r[1]!]),
      ' ORDER BY "Position"',
    ),
  );
}

export async function showGrants(context: StatementContext, statement: import('@petrel/sql').ShowGrants): Promise<StatementResult> {
  let catalog = context.session.catalog;
  const conditions: string[] = [];
  if (statement.table !== undefined) {
    const name = qualifyObjectName(context.session, statement.table);
    requireCatalog(context, name.catalog, statement.table.location);
    if ((await context.metadata.getTable(context.session, name)) === undefined && (await context.metadata.getView(context.session, name)) === undefined) {
      throw new TrinoError(StandardErrorCode.TABLE_NOT_FOUND, `Table '${formatObjectName(name)}' does not exist`, loc(statement.location));
    }
    catalog = name.catalog;
    conditions.push(`table_schema = ${stringLiteral(name.schema)}`, `table_name = ${stringLiteral(name.name)}`);
  }
  if (catalog === undefined) {
    throw new TrinoError(StandardErrorCode.MISSING_CATALOG_NAME, 'Catalog must be specified when session catalog is not set', loc(statement.location));
  }
  requireCatalog(context, catalog, statement.location);
  return context.runSql(
    'SELECT grantor AS "Grantor", grantor_type AS "Grantor Type", grantee AS "Grantee", grantee_type AS "Grantee Type", ' +
      'table_catalog AS "Catalog", table_schema AS "Schema", table_name AS "Table", privilege_type AS "Privilege", ' +
      `is_grantable AS "Grantable", with_hierarchy AS "With Hierarchy" FROM ${catalogRef(catalog)}.information_schema.table_privileges${whereClause(conditions)}`,
  );
}

/** SHOW [CURRENT] ROLES and SHOW ROLE GRANTS: Petrel has no roles yet, so the lists are empty. */
export async function showRoles(context: StatementContext, statement: import('@petrel/sql').ShowRoles | import('@petrel/sql').ShowRoleGrants): Promise<StatementResult> {
  if (statement.catalog !== undefined) requireCatalog(context, canonicalName(statement.catalog), statement.catalog.location);
  const column = statement.kind === 'ShowRoles' ? 'Role' : 'Role Grants';
  return context.runSql(valuesQuery([{ name: column, type: 'varchar' }], []));
}
