import type { Delete, Expression, Relation, Update } from '@petrel/sql';
import { parseDataType } from '@petrel/sql';
import type { ConnectorColumnHandle, SqlType, SqlValue } from '@petrel/spi';
import { typeDisplayName } from '@petrel/spi';
import type { PlanNode, TableScanNode } from '../planner/plan/plan-node.js';
import type { StatementResult } from '../query/statement-result.js';
import { canonicalName, qualifyObjectName } from './object-names.js';
import { collectRows, countResult, selectQuery, targetTable } from './row-change-tasks.js';
import type { StatementContext } from './statement-context.js';
import { connectorSessionFor, requireCatalog, requireTable } from './task-support.js';

/**
 * Trino's metadata DELETE and UPDATE (applyDelete / executeDelete, applyUpdate / executeUpdate):
 * when the connector takes the whole WHERE clause into the table handle, the rows change by one
 * statement in the source (`DELETE ... WHERE`, `UPDATE ... SET c = constant WHERE` for the JDBC
 * connectors) and the connector reports the count; no row ids are read. Each function returns
 * undefined when the statement cannot be pushed (the caller then changes rows by row id).
 */
export async function tryPushDelete(context: StatementContext, statement: Delete): Promise<StatementResult | undefined> {
  const target = await pushableTarget(context, statement.table, statement.where, statement.location);
  if (target === undefined || target.connector.metadata.executeDelete === undefined) return undefined;
  const deleted = await target.connector.metadata.executeDelete(target.session, target.scan.handle);
  return deleted === undefined ? undefined : countResult('DELETE', deleted);
}

export async function tryPushUpdate(context: StatementContext, statement: Update): Promise<StatementResult | undefined> {
  // only constants: an expression over columns (or a non-deterministic one) needs the rows
  if (!statement.assignments.every((a) => isConstant(a.value))) return undefined;
  const target = await pushableTarget(context, statement.table, statement.where, statement.location);
  if (target === undefined || target.connector.metadata.executeUpdate === undefined) return undefined;
  const columns = new Map(target.columns.map((c) => [c.name, c] as const));
  const assigned = statement.assignments.map((a) => columns.get(canonicalName(a.name)));
  if (assigned.some((c) => c === undefined) || new Set(assigned.map((c) => c!.name)).size !== assigned.length) return undefined;
  // the values, coerced to the column types as the row-id path would
  const location = statement.location;
  const items = statement.assignments.map((a, i) => ({
    kind: 'SingleColumn' as const,
    expression: { kind: 'Cast' as const, expression: a.value, type: parseDataType(typeDisplayName(assigned[i]!.type)), safe: false, location: a.value.location },
    alias: undefined,
    location,
  }));
  const [values] = await collectRows(context, selectQuery(items, undefined, undefined, location));
  if (values === undefined) return undefined;
  const assignments = assigned.map((c, i) => ({ column: c!.handle, value: values[i] as SqlValue }));
  const updated = await target.connector.metadata.executeUpdate(target.session, target.scan.handle, assignments);
  return updated === undefined ? undefined : countResult('UPDATE', updated);
}

/** The optimized scan of the rows a DELETE or UPDATE matches, when the connector took the whole predicate. */
async function pushableTarget(context: StatementContext, relation: Relation, where: Expression | undefined, location: Parameters<typeof selectQuery>[3]) {
  const target = targetTable(relation);
  const name = qualifyObjectName(context.session, target.name);
  const connector = requireCatalog(context, name.catalog, target.location);
  if (connector.metadata.executeDelete === undefined && connector.metadata.executeUpdate === undefined) return undefined;
  const table = await requireTable(context, name, target.location);
  const planned = await context.plan(selectQuery([{ kind: 'AllColumns', target: undefined, aliases: [], location }], relation, where, location));
  const scan = soleScan(planned.root.source);
  if (scan === undefined || scan.table.catalog !== name.catalog || scan.table.schema !== name.schema || scan.table.table !== name.name) return undefined;
  const columns: { name: string; type: SqlType; handle: ConnectorColumnHandle }[] = table.columns
    .filter((c) => !c.hidden)
    .map((c) => ({ name: c.name, type: c.type, handle: c.handle }));
  return { connector, scan, columns, session: connectorSessionFor(context, name.catalog) };
}

/** The table scan a plan reads when nothing but projections and exchanges sit above it (no filter left). */
function soleScan(node: PlanNode): TableScanNode | undefined {
  if (node.kind === 'tableScan') return node.dynamicFilters.length === 0 ? node : undefined;
  if (node.kind === 'project') return soleScan(node.source);
  if (node.kind === 'exchange' && node.sources.length === 1) return soleScan(node.sources[0]!);
  return undefined;
}

const LITERALS: ReadonlySet<Expression['kind']> = new Set([
  'LongLiteral',
  'DecimalLiteral',
  'DoubleLiteral',
  'StringLiteral',
  'BinaryLiteral',
  'BooleanLiteral',
  'NullLiteral',
  'GenericLiteral',
  'IntervalLiteral',
]);

function isConstant(e: Expression): boolean {
  if (LITERALS.has(e.kind)) return true;
  if (e.kind === 'Cast') return isConstant(e.expression);
  if (e.kind === 'ArithmeticUnaryExpression') return isConstant(e.value);
  return false;
}
