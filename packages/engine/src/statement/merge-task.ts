import type { Expression, Identifier, Merge, NodeLocation, SelectItem, WhenClause } from '@petrel/sql';
import { parseDataType } from '@petrel/sql';
import type { SqlValue } from '@petrel/spi';
import { StandardErrorCode, TrinoError, typeDisplayName } from '@petrel/spi';
import type { StatementResult } from '../query/statement-result.js';
import { canonicalName, loc } from './object-names.js';
import { collectRows, countResult, identifier, rowChangeTarget, selectQuery, targetTable } from './row-change-tasks.js';
import type { StatementContext } from './statement-context.js';
import { connectorSessionFor } from './task-support.js';

/**
 * MERGE for connectors with row-level changes: one query over `source LEFT JOIN target ON ...`
 * numbers the case that applies to each source row (0 for none) and computes the row each case
 * writes; the changes then go to the connector in one `applyRowChanges` call.
 */
export async function mergeRows(context: StatementContext, statement: Merge): Promise<StatementResult> {
  const location = statement.location;
  const { table, rowIdName } = await rowChangeTarget(context, statement.target, location);
  const columns = table.columns.filter((c) => !c.hidden);
  const target = targetTable(statement.target);
  const qualifier: Identifier =
    statement.target.kind === 'AliasedRelation' ? statement.target.alias : target.name.parts[target.name.parts.length - 1]!;
  const targetColumn = (name: string, at: NodeLocation): Expression => ({
    kind: 'DereferenceExpression',
    base: qualifier,
    field: identifier(name, at),
    location: at,
  });
  const rowId = targetColumn(rowIdName, location);
  const matched: Expression = { kind: 'IsNotNullPredicate', value: rowId, location };
  const notMatched: Expression = { kind: 'IsNullPredicate', value: rowId, location };
  const cast = (value: Expression, index: number): Expression => ({
    kind: 'Cast',
    expression: value,
    type: parseDataType(typeDisplayName(columns[index]!.type)),
    safe: false,
    location: value.location,
  });
  const nullValue: Expression = { kind: 'NullLiteral', location };

  const whenClauses: WhenClause[] = [];
  const valueItems: Expression[] = [];
  statement.mergeCases.forEach((mergeCase, i) => {
    const condition = mergeCase.kind === 'MergeInsert' ? notMatched : matched;
    const when: Expression =
      mergeCase.expression === undefined ? condition : { kind: 'LogicalExpression', operator: 'AND', terms: [condition, mergeCase.expression], location: mergeCase.location };
    whenClauses.push({ kind: 'WhenClause', operand: when, result: { kind: 'LongLiteral', value: String(i + 1), location }, location });
    if (mergeCase.kind === 'MergeUpdate') {
      const assigned = new Map<string, Expression>();
      for (const assignment of mergeCase.assignments) {
        const name = canonicalName(assignment.name);
        if (!columns.some((c) => c.name === name)) {
          throw new TrinoError(StandardErrorCode.COLUMN_NOT_FOUND, `Merge column name does not exist in target table: ${name}`, loc(assignment.location));
        }
        if (assigned.has(name)) throw new TrinoError(StandardErrorCode.DUPLICATE_COLUMN_NAME, `Merge column name is specified more than once: ${name}`, loc(assignment.location));
        assigned.set(name, assignment.value);
      }
      columns.forEach((c, index) => valueItems.push(cast(assigned.get(c.name) ?? targetColumn(c.name, location), index)));
    } else if (mergeCase.kind === 'MergeInsert') {
      const names = mergeCase.columns?.map(canonicalName) ?? columns.map((c) => c.name);
      if (names.length !== mergeCase.values.length) {
        throw new TrinoError(StandardErrorCode.GENERIC_USER_ERROR, 'Values and insert column names must be the same size', loc(mergeCase.location));
      }
      for (const name of names) {
        if (!columns.some((c) => c.name === name)) {
          throw new TrinoError(StandardErrorCode.COLUMN_NOT_FOUND, `Merge column name does not exist in target table: ${name}`, loc(mergeCase.location));
        }
      }
      columns.forEach((c, index) => {
        const position = names.indexOf(c.name);
        valueItems.push(position < 0 ? cast(nullValue, index) : cast(mergeCase.values[position]!, index));
      });
    }
  });
  const caseNumber: Expression = {
    kind: 'SearchedCaseExpression',
    whenClauses,
    defaultValue: { kind: 'LongLiteral', value: '0', location },
    location,
  };
  const items: SelectItem[] = [rowId, caseNumber, ...valueItems].map((expression) => ({ kind: 'SingleColumn', expression, alias: undefined, location }));
  const from = {
    kind: 'Join' as const,
    type: 'LEFT' as const,
    left: statement.source,
    right: statement.target,
    criteria: { kind: 'JoinOn' as const, expression: statement.predicate, location: statement.predicate.location },
    location,
  };
  const rows = await collectRows(context, selectQuery(items, from, undefined, location));

  // Where each case's values start in a result row.
  const valueOffsets: (number | undefined)[] = [];
  let offset = 2;
  for (const mergeCase of statement.mergeCases) {
    if (mergeCase.kind === 'MergeDelete') valueOffsets.push(undefined);
    else {
      valueOffsets.push(offset);
      offset += columns.length;
    }
  }
  const deletedRowIds: SqlValue[] = [];
  const updatedRows: { rowId: SqlValue; row: SqlValue[] }[] = [];
  const insertedRows: SqlValue[][] = [];
  const touched = new Set<string>();
  let count = 0;
  for (const row of rows) {
    const caseIndex = Number(row[1]) - 1;
    if (caseIndex < 0) continue;
    count++;
    const mergeCase = statement.mergeCases[caseIndex]!;
    const start = valueOffsets[caseIndex];
    if (mergeCase.kind === 'MergeInsert') {
      insertedRows.push(row.slice(start!, start! + columns.length));
      continue;
    }
    const key = String(row[0]);
    if (touched.has(key)) {
      throw new TrinoError(StandardErrorCode.MERGE_TARGET_ROW_MULTIPLE_MATCHES, 'One MERGE target table row matched more than one source row', loc(location));
    }
    touched.add(key);
    if (mergeCase.kind === 'MergeDelete') deletedRowIds.push(row[0]!);
    else updatedRows.push({ rowId: row[0]!, row: row.slice(start!, start! + columns.length) });
  }
  const connector = context.metadata.getConnector(table.handle.catalog);
  await connector.metadata.applyRowChanges!(connectorSessionFor(context, table.handle.catalog), table.handle.connectorHandle, {
    deletedRowIds,
    updatedRows,
    insertedRows,
  });
  return countResult('MERGE', count);
}
