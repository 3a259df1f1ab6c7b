import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AggregateFunctionCall, SqlType, SqlValue } from '@petrel/spi';
import { DATE, INTEGER, VARCHAR } from '@petrel/spi';
import { columnMapping } from './column-mapping.js';
import type { JdbcColumnHandle, JdbcTableHandle } from './jdbc-handles.js';
import { columnHandleFromMapping } from './jdbc-metadata.js';
import { domainToSql, renderQuery, tupleDomainToSql, wrapHandle } from './remote-query.js';
import type { SqlDialect } from './sql-dialect.js';

const dialect: SqlDialect = {
  name: 'test',
  quoteIdentifier: (name) => `"${name}"`,
  literal: (type: SqlType, value: SqlValue) => (typeof value === 'string' ? `'${value}'` : String(value)),
  orderByItem: (e, asc, nullsFirst) => `${e} ${asc ? 'ASC' : 'DESC'} NULLS ${nullsFirst ? 'FIRST' : 'LAST'}`,
  isDistinctFrom: (l, r) => `${l} IS DISTINCT FROM ${r}`,
  aggregate: (_call: AggregateFunctionCall) => undefined,
};

const id: JdbcColumnHandle = columnHandleFromMapping('id', 'ID', undefined, 'integer', columnMapping(INTEGER));
const name: JdbcColumnHandle = columnHandleFromMapping('name', 'Name', undefined, 'varchar', columnMapping(VARCHAR, { predicatePushdown: 'equality', sortable: false }));
const day: JdbcColumnHandle = columnHandleFromMapping('day', 'day', undefined, 'date', columnMapping(DATE, { predicatePushdown: 'none' }));

const table: JdbcTableHandle = {
  kind: 'jdbc-table',
  schemaTableName: { schema: 's', table: 't' },
  relation: { kind: 'named', remoteSchema: 'S', remoteTable: 'T' },
  columns: [id, name],
  conditions: [],
  sortOrder: undefined,
  limit: undefined,
  pushed: [],
};

describe('domainToSql', () => {
  it('renders single values as IN lists and ranges as comparisons, with NULL', () => {
    assert.deepEqual(
      domainToSql(dialect, id, INTEGER, { kind: 'ranges', nullAllowed: true, ranges: [{ low: 1, lowInclusive: true, high: 1, highInclusive: true }, { low: 5, lowInclusive: false, high: undefined, highInclusive: false }] }, 10),
      { sql: `("ID" = 1) OR ("ID" > 5) OR ("ID" IS NULL)`, exact: true },
    );
    assert.deepEqual(domainToSql(dialect, id, INTEGER, { kind: 'none', nullAllowed: true }, 10), { sql: `"ID" IS NULL`, exact: true });
    assert.deepEqual(domainToSql(dialect, id, INTEGER, { kind: 'all', nullAllowed: false }, 10), { sql: `"ID" IS NOT NULL`, exact: true });
  });

  it('compacts beyond the threshold and marks the result inexact', () => {
    assert.deepEqual(domainToSql(dialect, id, INTEGER, { kind: 'values', values: [9, 3, 7], nullAllowed: false }, 2), { sql: `"ID" >= 3 AND "ID" <= 9`, exact: false });
  });

  it('pushes only equality and <> for equality-only columns, and nothing for none', () => {
    assert.deepEqual(domainToSql(dialect, name, VARCHAR, { kind: 'values', values: ['a', 'b'], nullAllowed: false }, 10), { sql: `"Name" IN ('a', 'b')`, exact: true });
    assert.equal(domainToSql(dialect, name, VARCHAR, { kind: 'ranges', nullAllowed: false, ranges: [{ low: 'a', lowInclusive: true, high: undefined, highInclusive: false }] }, 10), undefined);
    assert.deepEqual(
      domainToSql(dialect, name, VARCHAR, { kind: 'ranges', nullAllowed: false, ranges: [{ low: undefined, lowInclusive: false, high: 'x', highInclusive: false }, { low: 'x', lowInclusive: false, high: undefined, highInclusive: false }] }, 10),
      { sql: `"Name" <> 'x'`, exact: true },
    );
    assert.equal(domainToSql(dialect, day, DATE, { kind: 'values', values: [1], nullAllowed: false }, 10), undefined);
  });

  it('splits a tuple domain into pushed conditions and the remaining filter', () => {
    const result = tupleDomainToSql(
      dialect,
      new Map([
        ['id', id],
        ['day', day],
      ]),
      {
        kind: 'columns',
        columns: [
          { column: 'id', type: INTEGER, domain: { kind: 'values', values: [1], nullAllowed: false } },
          { column: 'day', type: DATE, domain: { kind: 'values', values: [1], nullAllowed: false } },
        ],
      },
      10,
    );
    assert.deepEqual(result.conditions, [`"ID" = 1`]);
    assert.deepEqual(result.pushedColumns, ['id']);
    assert.equal(result.remaining.kind === 'columns' ? result.remaining.columns[0]!.column : undefined, 'day');
  });
});

describe('renderQuery', () => {
  it('renders filters, order and limit, and wraps when a filter follows a limit', () => {
    const limited: JdbcTableHandle = { ...table, conditions: [`"ID" > 1`], sortOrder: [{ column: id, ascending: false, nullsFirst: true }], limit: 5 };
    assert.equal(renderQuery(dialect, limited, { forOutput: true }), `SELECT "ID", "Name" FROM "S"."T" WHERE "ID" > 1 ORDER BY "ID" DESC NULLS FIRST LIMIT 5`);
    assert.equal(
      renderQuery(dialect, limited, { forOutput: true, extraConditions: [`"id" = 3`] }),
      `SELECT "id", "name" FROM (SELECT "ID" AS "id", "Name" AS "name" FROM "S"."T" WHERE "ID" > 1 ORDER BY "ID" DESC NULLS FIRST LIMIT 5) o WHERE "id" = 3`,
    );
    assert.equal(wrapHandle(dialect, limited).columns[0]!.remoteName, 'id');
    assert.equal(renderQuery(dialect, table, { forOutput: true, columns: [] }), `SELECT 1 AS "_pfgnrtd_dummy" FROM "S"."T"`);
  });
});
