import type { TableFunctionInvocation } from '@petrel/sql';
import { canonicalName } from '../../sql/analyzer/expression-translator.js';
import type { QueryLevel } from '../../sql/analyzer/scope.js';
import { Scope } from '../../sql/analyzer/scope.js';
import { semanticError } from '../../sql/analyzer/semantic-error.js';
import type { LogicalPlanner, RelationPlan } from './logical-planner.js';

type CteScope = Parameters<LogicalPlanner['planRelation']>[2];

/** Whether a table function name (canonical parts) is Trino's built-in `exclude_columns`. */
export function isExcludeColumns(parts: readonly string[]): boolean {
  return parts.join('.') === 'exclude_columns' || parts.join('.') === 'system.builtin.exclude_columns';
}

/**
 * `TABLE(exclude_columns(input => TABLE(t), columns => DESCRIPTOR(a, b)))`: the input relation
 * without the named columns (matched case-insensitively), in input order. Nothing runs: the
 * plan is the input's, seen through a scope of the remaining columns.
 */
export async function planExcludeColumns(planner: LogicalPlanner, relation: TableFunctionInvocation, level: QueryLevel, ctes: CteScope | undefined): Promise<RelationPlan> {
  const specs = ['INPUT', 'COLUMNS'] as const;
  const named = relation.arguments.some((a) => a.name !== undefined);
  if (named && relation.arguments.some((a) => a.name === undefined)) {
    throw semanticError('INVALID_ARGUMENTS', 'All arguments must be passed by name or all must be passed positionally', relation.location);
  }
  if (relation.arguments.length > specs.length) {
    throw semanticError('INVALID_ARGUMENTS', `Too many arguments. Expected at most ${specs.length} arguments, got ${relation.arguments.length}`, relation.location);
  }
  const byName = new Map<string, TableFunctionInvocation['arguments'][number]>();
  relation.arguments.forEach((argument, i) => {
    const name = argument.name === undefined ? specs[i]! : argument.name.value.toUpperCase();
    if (!(specs as readonly string[]).includes(name)) throw semanticError('INVALID_ARGUMENTS', `Unexpected argument name: ${name}`, argument.location);
    if (byName.has(name)) throw semanticError('INVALID_ARGUMENTS', `Duplicate argument name: ${name}`, argument.location);
    byName.set(name, argument);
  });
  for (const name of specs) if (!byName.has(name)) throw semanticError('INVALID_ARGUMENTS', `Missing argument: ${name}`, relation.location);
  const input = byName.get('INPUT')!;
  const columns = byName.get('COLUMNS')!;
  if (input.value.kind !== 'TableFunctionTableArgument') throw semanticError('INVALID_FUNCTION_ARGUMENT', 'Invalid argument INPUT. Expected table, got expression', input.location);
  if (columns.value.kind !== 'Descriptor') throw semanticError('INVALID_FUNCTION_ARGUMENT', 'Invalid argument COLUMNS. Expected descriptor, got expression', columns.location);
  const table = input.value;
  if (table.partitionBy !== undefined || table.orderBy !== undefined) {
    throw semanticError('INVALID_FUNCTION_ARGUMENT', 'Invalid argument INPUT. Partitioning and ordering specified for table argument with row semantics', table.location);
  }
  const fields = columns.value.fields;
  if (fields === undefined) throw semanticError('INVALID_FUNCTION_ARGUMENT', 'COLUMNS descriptor is null', columns.location);
  if (fields.some((f) => f.type !== undefined)) throw semanticError('INVALID_FUNCTION_ARGUMENT', 'COLUMNS descriptor contains types', columns.location);
  const excluded = new Set(fields.map((f) => canonicalName(f.name)));

  const source = await planner.planRelation(table.table, level, ctes);
  const visible = source.scope.fields.filter((f) => !f.hidden);
  const present = new Set(visible.map((f) => f.name).filter((n): n is string => n !== undefined));
  const missing = [...excluded].filter((n) => !present.has(n));
  if (missing.length > 0) throw semanticError('INVALID_FUNCTION_ARGUMENT', `Excluded columns: [${missing.join(', ')}] not present in the table`, columns.location);
  const remaining = visible.filter((f) => f.name === undefined || !excluded.has(f.name));
  if (remaining.length === 0) throw semanticError('INVALID_FUNCTION_ARGUMENT', 'All columns are excluded', columns.location);
  // the function's output columns are not qualified by the input table's name
  return { root: source.root, scope: new Scope(remaining.map((f) => ({ ...f, qualifier: undefined })), level) };
}
