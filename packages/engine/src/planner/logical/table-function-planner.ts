import { typeDisplayName, typeEquals } from '@petrel/spi';
import type { ConnectorTableFunction, SqlType, SqlValue } from '@petrel/spi';
import type { TableFunctionInvocation } from '@petrel/sql';
import { canonicalName } from '../../sql/analyzer/expression-translator.js';
import { QueryLevel, Scope, field } from '../../sql/analyzer/scope.js';
import { semanticError } from '../../sql/analyzer/semantic-error.js';
import type { PlanNode } from '../plan/plan-node.js';
import type { LogicalPlanner, RelationPlan } from './logical-planner.js';
import { isExcludeColumns, planExcludeColumns } from './exclude-columns-planner.js';

/**
 * `TABLE(catalog.schema.fn(name => value, ...))` over a connector's table functions: the scalar
 * arguments (constants, named or positional, coerced to the declared types) go to the function's
 * `analyze`, whose table handle and columns become a `tableFunction` node read like a table scan.
 */
export async function planTableFunction(
  planner: LogicalPlanner,
  relation: TableFunctionInvocation,
  level: QueryLevel,
  ctes?: Parameters<LogicalPlanner['planRelation']>[2],
): Promise<RelationPlan> {
  const ctx = planner.ctx;
  const parts = relation.name.parts.map((p) => canonicalName(p));
  if (isExcludeColumns(parts)) return planExcludeColumns(planner, relation, level, ctes);
  const written = relation.name.parts.map((p) => p.value).join('.');
  if (parts.length === 1) throw semanticError('FUNCTION_NOT_FOUND', `Table function '${written}' not registered`, relation.location);
  const name = planner.qualify(parts, relation.location);
  if (!ctx.metadata.catalogExists(name.catalog)) throw semanticError('CATALOG_NOT_FOUND', `Catalog '${name.catalog}' does not exist`, relation.location);
  const connector = ctx.metadata.getConnector(name.catalog);
  const fn = connector.tableFunctions?.find((f) => f.schema === name.schema && f.name === name.name);
  if (fn === undefined) throw semanticError('FUNCTION_NOT_FOUND', `Table function '${name.catalog}.${name.schema}.${name.name}' not registered`, relation.location);
  if (relation.copartitioning.length > 0) throw semanticError('NOT_SUPPORTED', 'COPARTITION is not supported for table functions', relation.location);
  const args = argumentValues(planner, fn, relation);
  const session = ctx.metadata.connectorSession(ctx.session, name.catalog, ctx.queryId);
  const analysis = await fn.analyze(session, args);
  const assignments = analysis.columns.map((c, i) => ({ symbol: planner.symbols.newSymbol(c.name, c.type), column: analysis.columnHandles[i]! }));
  const root: PlanNode = {
    kind: 'tableFunction',
    id: planner.ids.nextId(),
    outputs: assignments.map((a) => a.symbol),
    catalog: name.catalog,
    name: `${name.schema}.${name.name}`,
    handle: analysis.handle,
    assignments,
  };
  return { root, scope: new Scope(analysis.columns.map((c, i) => field(c.name, assignments[i]!.symbol, undefined, c.hidden ?? false)), level) };
}

function argumentValues(planner: LogicalPlanner, fn: ConnectorTableFunction, relation: TableFunctionInvocation): Record<string, SqlValue> {
  const values: Record<string, SqlValue> = {};
  const named = relation.arguments.some((a) => a.name !== undefined);
  if (named && relation.arguments.some((a) => a.name === undefined)) {
    throw semanticError('INVALID_ARGUMENTS', 'All arguments must be passed by name or all must be passed positionally', relation.location);
  }
  if (relation.arguments.length > fn.arguments.length) {
    throw semanticError('INVALID_ARGUMENTS', `Too many arguments. Expected at most ${fn.arguments.length} arguments, got ${relation.arguments.length}`, relation.location);
  }
  relation.arguments.forEach((argument, i) => {
    const spec = argument.name === undefined ? fn.arguments[i]! : fn.arguments.find((s) => s.name.toUpperCase() === argument.name!.value.toUpperCase());
    if (spec === undefined) throw semanticError('INVALID_ARGUMENTS', `Unexpected argument name: ${argument.name!.value.toUpperCase()}`, argument.location);
    if (spec.name in values) throw semanticError('INVALID_ARGUMENTS', `Duplicate argument name: ${spec.name}`, argument.location);
    const value = argument.value;
    if (value.kind === 'TableFunctionTableArgument' || value.kind === 'Descriptor') {
      throw semanticError('NOT_SUPPORTED', `Table and descriptor arguments of table functions are not supported`, argument.location);
    }
    const translated = planner.translator.translate(value, { scope: new Scope([], new QueryLevel(undefined)), clause: 'table function argument' });
    values[spec.name] = constantValue(translated.kind === 'constant' ? translated : undefined, spec.type, spec.name, argument.location);
  });
  for (const spec of fn.arguments) {
    if (spec.required && !(spec.name in values)) throw semanticError('INVALID_ARGUMENTS', `Missing argument: ${spec.name}`, relation.location);
  }
  return values;
}

/** A constant argument's value as the declared type (same-family types share their representation). */
function constantValue(
  c: { readonly value: SqlValue; readonly type: SqlType } | undefined,
  type: SqlType,
  name: string,
  location: TableFunctionInvocation['location'],
): SqlValue {
  if (c === undefined) throw semanticError('INVALID_ARGUMENTS', `Argument ${name} must be a constant`, location);
  if (c.value === null || typeEquals(c.type, type)) return c.value;
  const text = (t: SqlType) => t.kind === 'varchar' || t.kind === 'char';
  const integral = (t: SqlType) => t.kind === 'tinyint' || t.kind === 'smallint' || t.kind === 'integer' || t.kind === 'bigint';
  if ((text(c.type) && type.kind === 'varchar') || (integral(c.type) && integral(type))) return c.value;
  if (c.type.kind === 'boolean' && type.kind === 'boolean') return c.value;
  throw semanticError('INVALID_ARGUMENTS', `Invalid argument ${name}. Expected expression of type ${typeDisplayName(type)}, got ${typeDisplayName(c.type)}`, location);
}
