import type { Delete, Explain, Merge, Statement, Update } from '@petrel/sql';
import { mergeRows } from './merge-task.js';
import { deleteRows, updateRows } from './row-change-tasks.js';
import { assertNever, StandardErrorCode, TrinoError, VARCHAR, blockFromValues, page, typeDisplayName } from '@petrel/spi';
import type { PlannedQuery, PlannerContext } from '../planner/planner-context.js';
import { describeParameterTypes } from '../planner/index.js';
import type { StatementResult } from '../query/statement-result.js';
import { pagesSource, updateResult } from '../query/statement-result.js';
import { createCatalog, dropCatalog } from './catalog-tasks.js';
import { evaluateConstant } from './constant-evaluator.js';
import { loc } from './object-names.js';
import { countParameters } from './parameters.js';
import { createSchema, dropSchema, renameSchema } from './schema-tasks.js';
import { commitOrRollback, resetSession, setPath, setSession, setTimeZone, startTransaction, use } from './session-tasks.js';
import {
  describeInput,
  describeOutput,
  showCatalogs,
  showColumns,
  showCreate,
  showFunctions,
  showGrants,
  showRoles,
  showSchemas,
  showSession,
  showStats,
  showTables,
} from './show-tasks.js';
import { textFrom } from './source-text.js';
import type { BoundParameter, StatementContext } from './statement-context.js';
import { addColumn, comment, createTable, createTableAsSelect, dropColumn, dropTable, renameColumn, renameTable, setColumnType, truncateTable } from './table-tasks.js';
import { createView, dropView, renameView } from './view-tasks.js';

/** Trino's update type for statements that run through the planner. */
const PLANNED_UPDATE_TYPES: Partial<Record<Statement['kind'], string>> = { Insert: 'INSERT', Delete: 'DELETE', Update: 'UPDATE', Merge: 'MERGE' };

function plannedUpdateType(statement: Statement): string | undefined {
  return PLANNED_UPDATE_TYPES[statement.kind];
}

/**
 * DELETE and UPDATE go to the planner; while it cannot plan them, the engine runs them as a query
 * for the row ids plus one `applyRowChanges` call.
 */
async function planOrRewriteRowChange(context: StatementContext, statement: Delete | Update | Merge): Promise<StatementResult> {
  try {
    const result = await context.planAndExecute(statement);
    return { ...result, updateType: plannedUpdateType(statement), updateCountFromRows: true };
  } catch (error) {
    const plannerCannot = error instanceof TrinoError && error.errorName === 'NOT_SUPPORTED' && /^Planning (Delete|Update|Merge) statements/.test(error.rawMessage);
    if (!plannerCannot) throw error;
  }
  if (statement.kind === 'Delete') return deleteRows(context, statement);
  if (statement.kind === 'Update') return updateRows(context, statement);
  return mergeRows(context, statement);
}

function notSupported(what: string, statement: Statement): never {
  throw new TrinoError(StandardErrorCode.NOT_SUPPORTED, `${what} is not supported`, loc(statement.location));
}

/** Runs one parsed statement: dispatches to the planner or to a data definition / session task. */
export async function executeStatement(context: StatementContext, statement: Statement): Promise<StatementResult> {
  switch (statement.kind) {
    case 'Delete':
    case 'Update':
    case 'Merge':
      return planOrRewriteRowChange(context, statement);
    case 'Query':
    case 'Insert': {
      const result = await context.planAndExecute(statement);
      const updateType = plannedUpdateType(statement);
      return updateType === undefined ? result : { ...result, updateType, updateCountFromRows: true };
    }
    case 'Explain':
      return explain(context, statement);
    case 'CreateTableAsSelect':
      return createTableAsSelect(context, statement);

    case 'CreateSchema':
      return createSchema(context, statement);
    case 'DropSchema':
      return dropSchema(context, statement);
    case 'RenameSchema':
      return renameSchema(context, statement);
    case 'CreateTable':
      return createTable(context, statement);
    case 'DropTable':
      return dropTable(context, statement);
    case 'RenameTable':
      return renameTable(context, statement);
    case 'AddColumn':
      return addColumn(context, statement);
    case 'DropColumn':
      return dropColumn(context, statement);
    case 'RenameColumn':
      return renameColumn(context, statement);
    case 'SetColumnType':
      return setColumnType(context, statement);
    case 'Comment':
      return comment(context, statement);
    case 'Truncate':
      return truncateTable(context, statement);
    case 'CreateView':
      return createView(context, statement);
    case 'DropView':
      return dropView(context, statement);
    case 'RenameView':
      return renameView(context, statement);
    case 'CreateCatalog':
      return createCatalog(context, statement);
    case 'DropCatalog':
      return dropCatalog(context, statement);

    case 'ShowCatalogs':
      return showCatalogs(context, statement);
    case 'ShowSchemas':
      return showSchemas(context, statement);
    case 'ShowTables':
      return showTables(context, statement);
    case 'ShowColumns':
      return showColumns(context, statement);
    case 'ShowCreate':
      return showCreate(context, statement);
    case 'ShowFunctions':
      return showFunctions(context, statement);
    case 'ShowSession':
      return showSession(context, statement);
    case 'ShowStats':
      return showStats(context, statement);

    case 'Use':
      return use(context, statement);
    case 'SetSession':
      return setSession(context, statement);
    case 'ResetSession':
      return resetSession(context, statement);
    case 'SetTimeZone':
      return setTimeZone(context, statement);
    case 'SetPath':
      return setPath(context, statement);
    case 'StartTransaction':
      return startTransaction(context, statement);
    case 'Commit':
      return commitOrRollback(context, 'COMMIT', loc(statement.location));
    case 'Rollback':
      return commitOrRollback(context, 'ROLLBACK', loc(statement.location));

    case 'Prepare': {
      const name = preparedName(statement.name);
      const sql = textFrom(context.sql, statement.statement.location);
      return updateResult('PREPARE', [{ kind: 'addPreparedStatement', name, sql }]);
    }
    case 'Deallocate': {
      const name = preparedName(statement.name);
      requirePrepared(context, name, statement);
      return updateResult('DEALLOCATE', [{ kind: 'deallocatePreparedStatement', name }]);
    }
    case 'Execute': {
      const name = preparedName(statement.name);
      const sql = requirePrepared(context, name, statement);
      return executePrepared(context, sql, statement.parameters, statement);
    }
    case 'ExecuteImmediate':
      return executePrepared(context, statement.statement.value, statement.parameters, statement);
    case 'DescribeInput': {
      const sql = requirePrepared(context, preparedName(statement.name), statement);
      const prepared = context.collaborators.parseStatement(sql);
      const parameterCount = countParameters(prepared);
      const parameterTypes = prepared.kind === 'Query' && parameterCount > 0 ? (await describeParameterTypes(prepared, parameterCount, plannerContext(context))).map(typeDisplayName) : undefined;
      return describeInput(context, statement, { parameterCount, parameterTypes });
    }
    case 'DescribeOutput': {
      const sql = requirePrepared(context, preparedName(statement.name), statement);
      const prepared = context.collaborators.parseStatement(sql);
      return describeOutput(context, statement, { statement: prepared, parameterCount: countParameters(prepared) });
    }

    case 'ShowGrants':
      return showGrants(context, statement);
    case 'ShowRoles':
    case 'ShowRoleGrants':
      return showRoles(context, statement);
    case 'ShowBranches':
    case 'SetSessionAuthorization':
    case 'ResetSessionAuthorization':
    case 'Call':
    case 'SetSchemaAuthorization':
    case 'DropNotNullConstraint':
    case 'SetProperties':
    case 'SetTableAuthorization':
    case 'TableExecute':
    case 'Analyze':
    case 'CreateMaterializedView':
    case 'RefreshMaterializedView':
    case 'DropMaterializedView':
    case 'RenameMaterializedView':
    case 'SetViewAuthorization':
    case 'Grant':
    case 'Revoke':
    case 'Deny':
    case 'GrantRoles':
    case 'RevokeRoles':
    case 'CreateRole':
    case 'DropRole':
    case 'SetRole':
    case 'CreateFunction':
    case 'DropFunction':
      return notSupported(statementName(statement.kind), statement);
    default:
      return assertNever(statement, 'statement');
  }
}

function statementName(kind: string): string {
  return kind.replace(/([a-z])([A-Z])/g, '$1 $2').toUpperCase();
}

function preparedName(identifier: { readonly value: string; readonly quoted: boolean }): string {
  return identifier.quoted ? identifier.value : identifier.value.toLowerCase();
}

function requirePrepared(context: StatementContext, name: string, statement: Statement): string {
  const sql = context.session.preparedStatements[name];
  if (sql === undefined) {
    throw new TrinoError(StandardErrorCode.NOT_FOUND, `Prepared statement not found: ${name}`, loc(statement.location));
  }
  return sql;
}

async function executePrepared(
  context: StatementContext,
  sql: string,
  parameterExpressions: readonly import('@petrel/sql').Expression[],
  statement: Statement,
): Promise<StatementResult> {
  const prepared = context.collaborators.parseStatement(sql);
  const expected = countParameters(prepared);
  if (expected !== parameterExpressions.length) {
    throw new TrinoError(
      StandardErrorCode.INVALID_PARAMETER_USAGE,
      `Incorrect number of parameters: expected ${expected} but found ${parameterExpressions.length}`,
      loc(statement.location),
    );
  }
  const parameters: BoundParameter[] = [];
  for (const expression of parameterExpressions) parameters.push(await evaluateConstant(context, expression));
  if (prepared.kind === 'Prepare' || prepared.kind === 'Execute' || prepared.kind === 'ExecuteImmediate') {
    throw new TrinoError(StandardErrorCode.NOT_SUPPORTED, 'Invalid statement type for prepared statement: ' + statementName(prepared.kind), loc(statement.location));
  }
  return executeStatement(context.withParameters(parameters, sql), prepared);
}

async function explain(context: StatementContext, statement: Explain): Promise<StatementResult> {
  const inner = statement.statement;
  if (statement.analyze) {
    if (!isPlannable(inner)) throw new TrinoError(StandardErrorCode.NOT_SUPPORTED, 'EXPLAIN ANALYZE only supports statements that are planned', loc(statement.location));
    return context.explainAnalyze(inner, statement.verbose);
  }
  const type = statement.options.find((o) => o.kind === 'ExplainType')?.type ?? 'LOGICAL';
  const format = statement.options.find((o) => o.kind === 'ExplainFormat')?.type ?? 'TEXT';
  if (type === 'VALIDATE') {
    if (isPlannable(inner)) await planWithoutSideEffects(context, inner);
    return context.runSql(`SELECT true AS "Valid"`);
  }
  let text: string;
  if (!isPlannable(inner)) {
    // Data definition statements have no plan: Trino prints the statement itself.
    text = statementName(inner.kind);
  } else {
    const planned = await planWithoutSideEffects(context, inner);
    text = context.collaborators.formatPlan(planned.root, { type, format, describeHandle: context.describeTableScan });
  }
  return {
    columns: [{ name: 'Query Plan', type: VARCHAR }],
    source: pagesSource([page([blockFromValues([text])], 1)]),
    updateType: undefined,
    updateCount: undefined,
    updateCountFromRows: false,
    sessionUpdates: [],
  };
}

/** Plans for EXPLAIN: writes are planned with a placeholder handle, so no connector insert begins. */
function planWithoutSideEffects(context: StatementContext, statement: Statement): Promise<PlannedQuery> {
  return context.collaborators.planStatement(statement, { ...plannerContext(context), deferInsertBegin: true });
}

function plannerContext(context: StatementContext): PlannerContext {
  return { queryId: context.queryId, session: context.session, metadata: context.metadata, functions: context.functions, parameters: context.parameters };
}

function isPlannable(statement: Statement): boolean {
  return (
    statement.kind === 'Query' ||
    statement.kind === 'Insert' ||
    statement.kind === 'Delete' ||
    statement.kind === 'Update' ||
    statement.kind === 'Merge' ||
    statement.kind === 'CreateTableAsSelect'
  );
}
