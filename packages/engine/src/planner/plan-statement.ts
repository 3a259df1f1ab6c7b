import { BIGINT, UNKNOWN, typeDisplayName, typeEquals } from '@petrel/spi';
import type { ConnectorInsertHandle, SqlType } from '@petrel/spi';
import type { Identifier, Insert, Query, Statement } from '@petrel/sql';
import type { RowExpression } from '../ir/row-expression.js';
import { variable } from '../ir/row-expression.js';
import type { TableHandle } from '../metadata/metadata.js';
import { canonicalName } from '../sql/analyzer/expression-translator.js';
import { semanticError } from '../sql/analyzer/semantic-error.js';
import { LogicalPlanner } from './logical/logical-planner.js';
import type { RelationPlan } from './logical/logical-planner.js';
import { optimize } from './optimizer/optimizer.js';
import type { OutputNode, PlanNode } from './plan/plan-node.js';
import { collectNodes, planSources, replaceSources } from './plan/plan-sources.js';
import { nodeExpressions } from './plan/plan-symbols.js';
import type { PlannedQuery, PlannerContext } from './planner-context.js';

/** Analyzes, plans and optimizes a statement (queries and INSERT). */
export async function planStatement(statement: Statement, ctx: PlannerContext): Promise<PlannedQuery> {
  if (statement.kind === 'Query') return planQueryStatement(statement, ctx);
  if (statement.kind === 'Insert') return planInsert(statement, ctx);
  throw semanticError('NOT_SUPPORTED', `Planning ${statement.kind} statements is not supported`, statement.location);
}

/** The logical (unoptimized) plan of a query, for tests and EXPLAIN of analysis. */
export async function planQueryLogical(query: Query, ctx: PlannerContext): Promise<{ planner: LogicalPlanner; root: OutputNode }> {
  const planner = new LogicalPlanner(ctx);
  const plan = await planner.planQuery(query, undefined, undefined, true);
  return { planner, root: outputNode(planner, plan) };
}

async function planQueryStatement(query: Query, ctx: PlannerContext): Promise<PlannedQuery> {
  const { planner, root } = await planQueryLogical(query, ctx);
  const optimized = await optimize(root, ctx, planner.ids, planner.symbols);
  return { root: optimized, columns: optimized.columnNames.map((name, i) => ({ name, type: optimized.outputs[i]!.type })), access: planner.access };
}

function outputNode(planner: LogicalPlanner, plan: RelationPlan): OutputNode {
  const fields = plan.scope.fields.filter((f) => !f.hidden);
  return {
    kind: 'output',
    id: planner.ids.nextId(),
    outputs: fields.map((f) => f.symbol),
    source: plan.root,
    columnNames: fields.map((f, i) => f.displayName ?? `_col${i}`),
  };
}

/**
 * DESCRIBE INPUT: the type of each parameter `?` of a query, inferred from where it is used
 * (`x = ?` gives x's type, `LIMIT ?` bigint); `unknown` where nothing tells.
 */
export async function describeParameterTypes(query: Query, parameterCount: number, ctx: PlannerContext): Promise<readonly SqlType[]> {
  const { planner, root } = await planQueryLogical(query, { ...ctx, parameters: [], inferParameterTypes: true });
  const types = new Map<number, SqlType>();
  for (const position of planner.rowCountParameters) types.set(position, BIGINT);
  const visit = (e: RowExpression): void => {
    if (e.kind === 'cast' && e.argument.kind === 'variable' && e.argument.type.kind === 'unknown') {
      const m = /^\$parameter(\d+)$/.exec(e.argument.name);
      if (m !== null && !types.has(Number(m[1]))) types.set(Number(m[1]), e.type);
    }
    if (e.kind === 'call' || e.kind === 'special') e.arguments.forEach(visit);
    else if (e.kind === 'cast') visit(e.argument);
    else if (e.kind === 'lambda') visit(e.body);
  };
  for (const node of collectNodes(root)) nodeExpressions(node).forEach(visit);
  return Array.from({ length: parameterCount }, (_, i) => types.get(i) ?? UNKNOWN);
}

/** Column names and types of a query without planning it for execution (DESCRIBE OUTPUT, CREATE VIEW, CTAS). */
export async function analyzeQueryColumns(query: Query, ctx: PlannerContext): Promise<readonly { readonly name: string; readonly type: SqlType }[]> {
  const { root } = await planQueryLogical(query, ctx);
  return root.columnNames.map((name, i) => ({ name, type: root.outputs[i]!.type }));
}

/**
 * The INSERT half of CREATE TABLE AS: the query's values are written with the types the table was
 * created with (`writeTypes`, by column name) even where the connector reads the column back as
 * another type (MySQL stores BOOLEAN as TINYINT(1)), as Trino writes through the created handle.
 */
export interface CreateTableAsInsert extends Insert {
  readonly writeTypes: ReadonlyMap<string, SqlType>;
}

async function planInsert(statement: Insert, ctx: PlannerContext): Promise<PlannedQuery> {
  const planner = new LogicalPlanner(ctx);
  const parts = statement.target.name.parts.map((p) => p.value.toLowerCase());
  const name = planner.qualify(parts, statement.target.location);
  if (!ctx.metadata.catalogExists(name.catalog)) throw semanticError('CATALOG_NOT_FOUND', `Catalog '${name.catalog}' does not exist`, statement.target.location);
  const table = await ctx.metadata.getTable(ctx.session, name);
  if (table === undefined) {
    if ((await ctx.metadata.getView(ctx.session, name)) !== undefined) throw semanticError('NOT_SUPPORTED', `Inserting into views is not supported`, statement.target.location);
    if (!(await ctx.metadata.schemaExists(ctx.session, name.catalog, name.schema))) {
      throw semanticError('SCHEMA_NOT_FOUND', `Schema '${name.schema}' does not exist`, statement.target.location);
    }
    throw semanticError('TABLE_NOT_FOUND', `Table '${name.catalog}.${name.schema}.${name.name}' does not exist`, statement.target.location);
  }
  const writeTypes = 'writeTypes' in statement ? (statement as CreateTableAsInsert).writeTypes : undefined;
  const columns = table.columns
    .filter((c) => !c.hidden)
    .map((c) => {
      const written = writeTypes?.get(c.name);
      if (written === undefined || typeEquals(written, c.type)) return { name: c.name, type: c.type, handle: c.handle };
      return { name: c.name, type: written, handle: { ...c.handle, type: written } };
    });
  return planInsertInto(table.handle, columns, statement.query, ctx, statement.columns, planner, statement.location);
}

/**
 * Plans `INSERT INTO target [(columns)] query`: the query, coerced to the table's column types,
 * feeding a tableWriter and a tableFinish. Also used for CREATE TABLE AS after the table exists.
 */
export async function planInsertInto(
  target: TableHandle,
  tableColumns: readonly { readonly name: string; readonly type: SqlType; readonly handle?: unknown }[],
  query: Query,
  ctx: PlannerContext,
  columnList?: readonly Identifier[],
  existingPlanner?: LogicalPlanner,
  errorLocation?: { readonly line: number; readonly column: number },
): Promise<PlannedQuery> {
  const planner = existingPlanner ?? new LogicalPlanner(ctx);
  const connector = ctx.metadata.getConnector(target.catalog);
  let targetColumns = tableColumns;
  if (columnList !== undefined) {
    const seen = new Set<string>();
    targetColumns = columnList.map((id) => {
      const n = canonicalName(id);
      if (seen.has(n)) throw semanticError('DUPLICATE_COLUMN_NAME', `Insert column name is specified more than once: ${n}`, id.location);
      seen.add(n);
      const c = tableColumns.find((col) => col.name === n);
      if (c === undefined) throw semanticError('COLUMN_NOT_FOUND', `Insert column name does not exist in target table: ${n}`, id.location);
      return c;
    });
  }
  const plan = await planner.planQuery(query, undefined, undefined, false);
  const fields = plan.scope.fields.filter((f) => !f.hidden);
  const coercion = ctx.functions.coercion;
  const mismatch = (): never => {
    throw semanticError(
      'TYPE_MISMATCH',
      `Insert query has mismatched column types: Table: [${targetColumns.map((c) => typeDisplayName(c.type)).join(', ')}], Query: [${fields.map((f) => typeDisplayName(f.symbol.type)).join(', ')}]`,
      errorLocation ?? query.location,
    );
  };
  if (fields.length !== targetColumns.length) mismatch();
  fields.forEach((f, i) => {
    const to = targetColumns[i]!.type;
    if (!typeEquals(f.symbol.type, to) && !coercion.canCoerce(f.symbol.type, to) && !insertCastAllowed(f.symbol.type, to)) mismatch();
  });
  // values for every table column in table order (NULL for columns not listed)
  const byName = new Map(targetColumns.map((c, i) => [c.name, fields[i]!] as const));
  const exprs: RowExpression[] = tableColumns.map((c) => {
    const f = byName.get(c.name);
    if (f === undefined) return { kind: 'constant', type: c.type, value: null };
    const v = variable(f.symbol.name, f.symbol.type);
    return typeEquals(f.symbol.type, c.type) ? v : { kind: 'cast', type: c.type, argument: v, safe: false };
  });
  const projected = planner.nodes.appendProjections(plan.root, exprs, tableColumns.map((c) => c.name));
  const source = planner.nodes.restrict(projected.root, dedupe(projected.symbols));
  if (connector.metadata.beginInsert === undefined) {
    throw semanticError('NOT_SUPPORTED', 'This connector does not support inserts', query.location);
  }
  // Planning has no side effects: the writer carries a placeholder until `beginPlannedInserts`.
  const insertHandle: ConnectorInsertHandle = PENDING_INSERT_HANDLE;
  const reference = { catalog: target.catalog, schema: target.schema, table: target.table };
  const rowCount = planner.symbols.newSymbol('partialrows', BIGINT);
  const fragment = planner.symbols.newSymbol('fragment', { kind: 'varbinary' });
  const writer: PlanNode = {
    kind: 'tableWriter',
    id: planner.ids.nextId(),
    outputs: [rowCount, fragment],
    source,
    target: reference,
    insertHandle,
    columns: projected.symbols,
    columnNames: tableColumns.map((c) => c.name),
    rowCountSymbol: rowCount,
    fragmentSymbol: fragment,
  };
  const rows = planner.symbols.newSymbol('rows', BIGINT);
  const finish: PlanNode = { kind: 'tableFinish', id: planner.ids.nextId(), outputs: [rows], source: writer, target: reference, insertHandle, rowCountSymbol: rows };
  const root: OutputNode = { kind: 'output', id: planner.ids.nextId(), outputs: [rows], source: finish, columnNames: ['rows'] };
  const optimized = await optimize(root, ctx, planner.ids, planner.symbols);
  const planned: PlannedQuery = { root: optimized, columns: [{ name: 'rows', type: BIGINT }], access: planner.access };
  return ctx.deferInsertBegin === true ? planned : beginPlannedInserts(planned, ctx);
}

/** The insert handle of a planned but not yet begun write (EXPLAIN shows it; execution must never see it). */
export const PENDING_INSERT_HANDLE: ConnectorInsertHandle = Object.freeze({ pendingInsert: true });

/**
 * Begins the connector writes of a plan planned with `deferInsertBegin`: calls `beginInsert` of each
 * target table's connector with the writer's columns and puts the returned handle into the
 * tableWriter and tableFinish nodes. Call it right before execution, never for EXPLAIN.
 */
export async function beginPlannedInserts(
  planned: PlannedQuery,
  ctx: Pick<PlannerContext, 'metadata' | 'session' | 'queryId'>,
): Promise<PlannedQuery> {
  const handles = new Map<string, ConnectorInsertHandle>();
  const begin = async (node: PlanNode): Promise<void> => {
    if (node.kind === 'tableWriter' && node.insertHandle === PENDING_INSERT_HANDLE) {
      const table = await ctx.metadata.getTable(ctx.session, { catalog: node.target.catalog, schema: node.target.schema, name: node.target.table });
      if (table === undefined) throw semanticError('TABLE_NOT_FOUND', `Table '${node.target.catalog}.${node.target.schema}.${node.target.table}' does not exist`, undefined);
      const connector = ctx.metadata.getConnector(node.target.catalog);
      if (connector.metadata.beginInsert === undefined) throw semanticError('NOT_SUPPORTED', 'This connector does not support inserts', undefined);
      const byName = new Map(table.columns.map((c) => [c.name, c] as const));
      const columnHandles = node.columnNames.map((name) => {
        const column = byName.get(name);
        return (column?.handle ?? { name, type: column?.type }) as { name: string };
      });
      const session = ctx.metadata.connectorSession(ctx.session, node.target.catalog, ctx.queryId);
      handles.set(targetKey(node.target), await connector.metadata.beginInsert(session, table.handle.connectorHandle, columnHandles));
    }
    for (const source of planSources(node)) await begin(source);
  };
  await begin(planned.root);
  if (handles.size === 0) return planned;
  const replace = (node: PlanNode): PlanNode => {
    const sources = planSources(node);
    const replaced = sources.map(replace);
    let result = replaced.some((s, i) => s !== sources[i]) ? replaceSources(node, replaced) : node;
    if ((result.kind === 'tableWriter' || result.kind === 'tableFinish') && result.insertHandle === PENDING_INSERT_HANDLE) {
      const handle = handles.get(targetKey(result.target));
      if (handle !== undefined) result = { ...result, insertHandle: handle };
    }
    return result;
  };
  return { ...planned, root: replace(planned.root) as OutputNode };
}

function targetKey(target: { readonly catalog: string; readonly schema: string; readonly table: string }): string {
  return `${target.catalog}.${target.schema}.${target.table}`;
}

/** Trino allows inserting values whose types only need an implicit widening or varchar/char length change. */
function insertCastAllowed(from: SqlType, to: SqlType): boolean {
  if ((from.kind === 'varchar' || from.kind === 'char') && (to.kind === 'varchar' || to.kind === 'char')) return true;
  return false;
}

function dedupe<T extends { name: string }>(list: readonly T[]): T[] {
  const seen = new Set<string>();
  return list.filter((s) => (seen.has(s.name) ? false : (seen.add(s.name), true)));
}
