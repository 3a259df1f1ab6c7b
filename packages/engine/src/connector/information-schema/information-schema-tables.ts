import type {
  ColumnMetadata,
  ConnectorMetadata,
  ConnectorSession,
  SchemaTableName,
  SqlValue,
  TupleDomain,
  ViewDefinition,
} from '@petrel/spi';
import { BIGINT, typeDisplayName, VARCHAR } from '@petrel/spi';
import type { SystemTable } from '../system/system-table.js';
import { constrainedValues } from './constraint-values.js';

export const INFORMATION_SCHEMA = 'information_schema';

function varchar(name: string, hidden = false): ColumnMetadata {
  return { name, type: VARCHAR, nullable: true, hidden };
}

/** Column lists of Trino's information_schema tables. */
export const INFORMATION_SCHEMA_COLUMNS: Readonly<Record<string, readonly ColumnMetadata[]>> = {
  columns: [
    varchar('table_catalog'),
    varchar('table_schema'),
    varchar('table_name'),
    varchar('column_name'),
    { name: 'ordinal_position', type: BIGINT, nullable: true },
    varchar('column_default'),
    varchar('is_nullable'),
    varchar('data_type'),
    varchar('comment', true),
    varchar('extra_info', true),
    varchar('column_comment', true),
  ],
  tables: [varchar('table_catalog'), varchar('table_schema'), varchar('table_name'), varchar('table_type'), varchar('trino_relation_type', true), varchar('table_comment', true)],
  views: [varchar('table_catalog'), varchar('table_schema'), varchar('table_name'), varchar('view_definition')],
  schemata: [varchar('catalog_name'), varchar('schema_name')],
  table_privileges: [
    varchar('grantor'),
    varchar('grantor_type'),
    varchar('grantee'),
    varchar('grantee_type'),
    varchar('table_catalog'),
    varchar('table_schema'),
    varchar('table_name'),
    varchar('privilege_type'),
    varchar('is_grantable'),
    varchar('with_hierarchy'),
  ],
  roles: [varchar('role_name')],
  applicable_roles: [varchar('grantee'), varchar('grantee_type'), varchar('role_name'), varchar('is_grantable')],
  enabled_roles: [varchar('role_name')],
};

type Row = readonly SqlValue[];

/** What one catalog's information_schema reads: the catalog's own connector metadata. */
export interface CatalogContents {
  readonly catalog: string;
  readonly metadata: ConnectorMetadata;
}

/** The information_schema tables of one catalog. */
export function informationSchemaTables(catalog: string, metadata: ConnectorMetadata): SystemTable[] {
  const contents: CatalogContents = { catalog, metadata };
  const table = (name: string, rows: SystemTable['rows']): SystemTable => ({
    name: { schema: INFORMATION_SCHEMA, table: name },
    columns: INFORMATION_SCHEMA_COLUMNS[name]!,
    rows,
  });
  return [
    table('schemata', async (session, constraint) => {
      const schemas = await listSchemas(contents, session, constraint);
      return schemas.map((s) => [catalog, s]);
    }),
    table('tables', async (session, constraint) => {
      const rows: Row[] = [];
      for (const entry of await listRelations(contents, session, constraint)) {
        let comment: string | undefined;
        if (entry.kind === 'view') comment = entry.view?.comment;
        else comment = await tableComment(contents, session, entry.name);
        rows.push([
          catalog,
          entry.name.schema,
          entry.name.table,
          entry.kind === 'view' ? 'VIEW' : 'BASE TABLE',
          entry.kind === 'view' ? 'VIEW' : 'TABLE',
          comment ?? null,
        ]);
      }
      return rows;
    }),
    table('views', async (session, constraint) => {
      const rows: Row[] = [];
      for (const entry of await listRelations(contents, session, constraint)) {
        if (entry.kind === 'view' && entry.view !== undefined) rows.push([catalog, entry.name.schema, entry.name.table, entry.view.originalSql]);
      }
      return rows;
    }),
    table('columns', async (session, constraint) => {
      const rows: Row[] = [];
      for (const entry of await listRelations(contents, session, constraint)) {
        const columns = await relationColumns(contents, session, entry);
        let ordinal = 1;
        for (const c of columns) {
          if (c.hidden === true) continue;
          rows.push([
            catalog,
            entry.name.schema,
            entry.name.table,
            c.name,
            ordinal++,
            null,
            c.nullable === false ? 'NO' : 'YES',
            typeDisplayName(c.type),
            c.comment ?? null,
            c.extraInfo ?? null,
            c.comment ?? null,
          ]);
        }
      }
      return rows;
    }),
    table('table_privileges', async () => []),
    table('roles', async () => []),
    table('applicable_roles', async () => []),
    table('enabled_roles', async () => []),
  ];
}

/** Exact schema and table names a listing is limited to (undefined: all). */
export interface RelationFilter {
  readonly schemas: ReadonlySet<SqlValue> | undefined;
  readonly tables: ReadonlySet<SqlValue> | undefined;
}

function informationSchemaFilter(constraint: TupleDomain): RelationFilter {
  return {
    schemas: constrainedValues(constraint, 'table_schema') ?? constrainedValues(constraint, 'schema_name'),
    tables: constrainedValues(constraint, 'table_name'),
  };
}

/** The schemas of a catalog (always including information_schema), in name order. */
export async function listSchemas(contents: CatalogContents, session: ConnectorSession, filter: TupleDomain | RelationFilter): Promise<string[]> {
  const all = [...(await contents.metadata.listSchemaNames(session))];
  if (!all.includes(INFORMATION_SCHEMA)) all.push(INFORMATION_SCHEMA);
  const wanted = 'kind' in filter ? informationSchemaFilter(filter).schemas : filter.schemas;
  return all.filter((s) => wanted === undefined || wanted.has(s)).sort();
}

export interface RelationEntry {
  readonly kind: 'table' | 'view';
  readonly name: SchemaTableName;
  readonly view: ViewDefinition | undefined;
}

/** The tables and views of a catalog (information_schema included), by schema then name. */
export async function listRelations(contents: CatalogContents, session: ConnectorSession, constraint: TupleDomain | RelationFilter): Promise<RelationEntry[]> {
  const filter = 'kind' in constraint ? informationSchemaFilter(constraint) : constraint;
  const wantedTables = filter.tables;
  const result: RelationEntry[] = [];
  for (const schema of await listSchemas(contents, session, filter)) {
    const names: SchemaTableName[] =
      schema === INFORMATION_SCHEMA
        ? Object.keys(INFORMATION_SCHEMA_COLUMNS).map((table) => ({ schema, table }))
        : [...(await contents.metadata.listTables(session, schema))];
    const viewNames = schema === INFORMATION_SCHEMA || contents.metadata.listViews === undefined ? [] : await contents.metadata.listViews(session, schema);
    const viewSet = new Set(viewNames.map((v) => v.table));
    for (const name of names) {
      if (viewSet.has(name.table)) continue;
      if (wantedTables !== undefined && !wantedTables.has(name.table)) continue;
      result.push({ kind: 'table', name, view: undefined });
    }
    for (const name of viewNames) {
      if (wantedTables !== undefined && !wantedTables.has(name.table)) continue;
      result.push({ kind: 'view', name, view: await contents.metadata.getView?.(session, name) });
    }
  }
  return result.sort((a, b) => (a.name.schema === b.name.schema ? cmp(a.name.table, b.name.table) : cmp(a.name.schema, b.name.schema)));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The columns of a listed relation (hidden ones included); [] when it disappeared meanwhile. */
export async function relationColumns(contents: CatalogContents, session: ConnectorSession, entry: RelationEntry): Promise<readonly ColumnMetadata[]> {
  if (entry.kind === 'view') return (entry.view?.columns ?? []).map((c) => ({ name: c.name, type: c.type }));
  if (entry.name.schema === INFORMATION_SCHEMA) return INFORMATION_SCHEMA_COLUMNS[entry.name.table] ?? [];
  try {
    const handle = await contents.metadata.getTableHandle(session, entry.name);
    if (handle === undefined) return [];
    return (await contents.metadata.getTableMetadata(session, handle)).columns;
  } catch {
    // A table that disappears or fails while listing is skipped, as Trino does.
    return [];
  }
}

async function tableComment(contents: CatalogContents, session: ConnectorSession, name: SchemaTableName): Promise<string | undefined> {
  if (name.schema === INFORMATION_SCHEMA) return undefined;
  try {
    const handle = await contents.metadata.getTableHandle(session, name);
    if (handle === undefined) return undefined;
    return (await contents.metadata.getTableMetadata(session, handle)).comment;
  } catch {
    return undefined;
  }
}
