import type { Delete, Expression, Identifier, NodeLocation, Query, Relation, SelectItem, Update } from '@petrel/sql';
import { parseDataType } from '@petrel/sql';
import type { SqlValue } from '@petrel/spi';
import { BIGINT, float64Block, getValue, page, StandardErrorCode, TrinoError, typeDisplayName } from '@petrel/spi';
import type { ResolvedTable } from '../metadata/metadata.js';
import type { StatementResult } from '../query/statement-result.js';
import { pagesSource } from '../query/statement-result.js';
import { tryPushDelete, tryPushUpdate } from './row-change-pushdown.js';
import { canonicalName, loc, qualifyObjectName } from './object-names.js';
import type { StatementContext } from './statement-context.js';
import { connectorSessionFor, requireCatalog, requireTable } from './task-support.js';

/**
 * DELETE and UPDATE for connectors with row-level changes (`getRowIdColumnHandle` +
 * `applyRowChanges`): the engine selects the row id (and the new values) of the matching rows
 * through the normal query path, then hands the changes to the connector in one call.
 */

export function targetTable(relation: Relation): { readonly name: import('@petrel/sql').QualifiedName; readonly location: NodeLocation } {
  if (relation.kind === 'Table') return { name: relation.name, location: relation.location };
  if (relation.kind === 'AliasedRelation' && relation.relation.kind === 'Table') return { name: relation.relation.name, location: relation.relation.location };
  throw new TrinoError(StandardErrorCode.NOT_SUPPORTED, 'Only tables can be modified', loc(relation.location));
}

export function identifier(value: string, location: NodeLocation): Identifier {
  return { kind: 'Identifier', value, quoted: true, location };
}

export function selectQuery(items: readonly SelectItem[], from: Relation | undefined, where: Expression | undefined, location: NodeLocation): Query {
  return {
    kind: 'Query',
    functions: [],
    with: undefined,
    queryBody: {
      kind: 'QuerySpecification',
      select: { kind: 'Select', distinct: false, selectItems: items, location },
      from,
      where,
      groupBy: undefined,
      having: undefined,
      windows: [],
      orderBy: undefined,
      offset: undefined,
      limit: undefined,
      location,
    },
    orderBy: undefined,
    offset: undefined,
    limit: undefined,
    location,
  };
}

export async function rowChangeTarget(context: StatementContext, relation: Relation, location: NodeLocation): Promise<{ table: ResolvedTable; rowIdName: string }> {
  const target = targetTable(relation);
  const name = qualifyObjectName(context.session, target.name);
  const connector = requireCatalog(context, name.catalog, target.location);
  const table = await requireTable(context, name, target.location);
  if (connector.metadata.getRowIdColumnHandle === undefined || connector.metadata.applyRowChanges === undefined) {
    throw new TrinoError(StandardErrorCode.NOT_SUPPORTED, 'This connector does not support modifying table rows', loc(location));
  }
  const rowId = await connector.metadata.getRowIdColumnHandle(connectorSessionFor(context, name.catalog), table.handle.connectorHandle);
  return { table, rowIdName: rowId.name };
}

export async function collectRows(context: StatementContext, query: Query): Promise<SqlValue[][]> {
  const result = await context.planAndExecute(query);
  const rows: SqlValue[][] = [];
  try {
    for (let p = await result.source.next(); p !== undefined; p = await result.source.next()) {
      for (let i = 0; i < p.positionCount; i++) rows.push(p.blocks.map((b) => getValue(b, i)));
    }
  } finally {
    await result.source.close();
  }
  return rows;
}

export function countResult(updateType: string, count: number): StatementResult {
  return {
    columns: [{ name: 'rows', type: BIGINT }],
    source: pagesSource([page([float64Block(Float64Array.of(count))], 1)]),
    updateType,
    updateCount: undefined,
    updateCountFromRows: true,
    sessionUpdates: [],
  };
}

export async function deleteRows(context: StatementContext, statement: Delete): Promise<StatementResult> {
  const pushed = await tryPushDelete(context, statement);
  if (pushed !== undefined) return pushed;
  const { table, rowIdName } = await rowChangeTarget(context, statement.table, statement.location);
  const location = statement.location;
  const query = selectQuery([{ kind: 'SingleColumn', expression: identifier(rowIdName, location), alias: undefined, location }], statement.table, statement.where, location);
  const rows = await collectRows(context, query);
  const connector = context.metadata.getConnector(table.handle.catalog);
  await connector.metadata.applyRowChanges!(connectorSessionFor(context, table.handle.catalog), table.handle.connectorHandle, {
    deletedRowIds: rows.map((r) => r[0]!),
    insertedRows: [],
    updatedRows: [],
  });
  return countResult('DELETE', rows.length);
}

export async function updateRows(context: StatementContext, statement: Update): Promise<StatementResult> {
  const pushed = await tryPushUpdate(context, statement);
  if (pushed !== undefined) return pushed;
  const { table, rowIdName } = await rowChangeTarget(context, statement.table, statement.location);
  const location = statement.location;
  const columns = table.columns.filter((c) => !c.hidden);
  const assignments = new Map<string, Expression>();
  for (const assignment of statement.assignments) {
    const name = canonicalName(assignment.name);
    if (!columns.some((c) => c.name === name)) {
      throw new TrinoError(StandardErrorCode.COLUMN_NOT_FOUND, `The UPDATE SET target column ${name} doesn't exist`, loc(assignment.location));
    }
    if (assignments.has(name)) {
      throw new TrinoError(StandardErrorCode.DUPLICATE_COLUMN_NAME, `Multiple assignments to column ${name}`, loc(assignment.location));
    }
    assignments.set(name, assignment.value);
  }
  const items: SelectItem[] = [{ kind: 'SingleColumn', expression: identifier(rowIdName, location), alias: undefined, location }];
  for (const column of columns) {
    const value = assignments.get(column.name);
    const expression: Expression =
      value === undefined
        ? identifier(column.name, location)
        : { kind: 'Cast', expression: value, type: parseDataType(typeDisplayName(column.type)), safe: false, location: value.location };
    items.push({ kind: 'SingleColumn', expression, alias: undefined, location });
  }
  const rows = await collectRows(context, selectQuery(items, statement.table, statement.where, location));
  const connector = context.metadata.getConnector(table.handle.catalog);
  await connector.metadata.applyRowChanges!(connectorSessionFor(context, table.handle.catalog), table.handle.connectorHandle, {
    deletedRowIds: [],
    insertedRows: [],
    updatedRows: rows.map((r) => ({ rowId: r[0]!, row: r.slice(1) })),
  });
  return countResult('UPDATE', rows.length);
}
