import assert from 'node:assert/strict';
import type { Connector, ConnectorSession, Domain, SchemaTableName, SqlValue, TupleDomain } from '@petrel/spi';
import { BIGINT, DOUBLE, INTEGER, VARCHAR, assertNever, objectBlock, page } from '@petrel/spi';
import { columnHandles, createTable, insertRows, rowsText, scanTable, tableHandle } from './spi-helpers.js';

/** What a connector declares it can do; the suite checks each declared capability and skips the rest. */
export interface ConnectorCapabilities {
  readonly createTable: boolean;
  readonly insert: boolean;
  readonly dropTable: boolean;
  readonly filterPushdown: boolean;
  readonly projectionPushdown: boolean;
  readonly limitPushdown: boolean;
  readonly topNPushdown: boolean;
  readonly aggregationPushdown: boolean;
  readonly delete: boolean;
  readonly truncate: boolean;
}

export interface ConformanceTarget {
  readonly connector: Connector;
  /** An existing schema the suite may create tables in. */
  readonly schema: string;
  readonly session: ConnectorSession;
  readonly capabilities: ConnectorCapabilities;
}

/** One conformance check; a test file registers each with node:test (`it(c.name, () => c.run(target))`). */
export interface ConformanceCase {
  readonly name: string;
  /** The capabilities the case needs; it is skipped when the target lacks one. */
  readonly requires: readonly (keyof ConnectorCapabilities)[];
  run(target: ConformanceTarget): Promise<void>;
}

const COLUMNS = [
  { name: 'id', type: BIGINT },
  { name: 'name', type: VARCHAR },
  { name: 'score', type: DOUBLE },
  { name: 'bucket', type: INTEGER },
];

const ROWS: SqlValue[][] = Array.from({ length: 30 }, (_, i) => [i, i % 5 === 0 ? null : `name ${i % 4}`, i % 7 === 0 ? null : i * 1.5, i % 3]);

let tableCounter = 0;

function freshName(target: ConformanceTarget, stem: string): SchemaTableName {
  return { schema: target.schema, table: `conformance_${stem}_${process.pid}_${tableCounter++}` };
}

async function seededTable(target: ConformanceTarget, stem: string) {
  const name = freshName(target, stem);
  const handle = await createTable(target.connector, target.session, name, COLUMNS);
  const columns = await columnHandles(target.connector, target.session, handle);
  await insertRows(target.connector, target.session, handle, columns, ROWS);
  return { name, handle: await tableHandle(target.connector, target.session, name), columns };
}

async function dropQuietly(target: ConformanceTarget, name: SchemaTableName): Promise<void> {
  const handle = await target.connector.metadata.getTableHandle(target.session, name);
  if (handle !== undefined) await target.connector.metadata.dropTable?.(target.session, handle);
}

function compare(a: SqlValue, b: SqlValue): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return String(a).localeCompare(String(b));
}

/** Evaluates a domain in the test, as the engine would for the remaining filter. */
export function valueInDomain(domain: Domain, value: SqlValue): boolean {
  if (value === null) return domain.nullAllowed;
  switch (domain.kind) {
    case 'all':
      return true;
    case 'none':
      return false;
    case 'values':
      return domain.values.some((v) => compare(v, value) === 0);
    case 'ranges':
      return domain.ranges.some(
        (r) =>
          (r.low === undefined || (r.lowInclusive ? compare(value, r.low) >= 0 : compare(value, r.low) > 0)) &&
          (r.high === undefined || (r.highInclusive ? compare(value, r.high) <= 0 : compare(value, r.high) < 0)),
      );
    default:
      return assertNever(domain, 'domain');
  }
}

function rowMatches(constraint: TupleDomain, names: readonly string[], row: readonly SqlValue[]): boolean {
  if (constraint.kind === 'all') return true;
  if (constraint.kind === 'none') return false;
  return constraint.columns.every((c) => valueInDomain(c.domain, row[names.indexOf(c.column)] ?? null));
}

export function connectorConformanceCases(): readonly ConformanceCase[] {
  return [
    {
      name: 'creates a table and lists it with its columns',
      requires: ['createTable', 'dropTable'],
      async run(target) {
        const name = freshName(target, 'create');
        try {
          const handle = await createTable(target.connector, target.session, name, COLUMNS);
          const tables = await target.connector.metadata.listTables(target.session, target.schema);
          assert.ok(tables.some((t) => t.table === name.table), 'listTables shows the new table');
          const metadata = await target.connector.metadata.getTableMetadata(target.session, handle);
          assert.deepEqual(metadata.columns.filter((c) => c.hidden !== true).map((c) => [c.name, c.type]), COLUMNS.map((c) => [c.name, c.type]));
        } finally {
          await dropQuietly(target, name);
        }
        assert.equal(await target.connector.metadata.getTableHandle(target.session, name), undefined, 'dropTable removes it');
      },
    },
    {
      name: 'inserts rows and reads them back through splits and page sources',
      requires: ['createTable', 'insert', 'dropTable'],
      async run(target) {
        const { name, handle } = await seededTable(target, 'insert');
        try {
          assert.deepEqual(rowsText(await scanTable(target.connector, target.session, handle)), rowsText(ROWS));
        } finally {
          await dropQuietly(target, name);
        }
      },
    },
    {
      name: 'an aborted INSERT leaves no rows behind',
      requires: ['createTable', 'insert', 'dropTable'],
      async run(target) {
        const name = freshName(target, 'abort');
        const { connector, session } = target;
        try {
          const handle = await createTable(connector, session, name, COLUMNS);
          const columns = await columnHandles(connector, session, handle);
          const insert = await connector.metadata.beginInsert!(session, handle, columns);
          const sink = await connector.pageSinkProvider!.createPageSink(session, insert);
          await sink.appendPage(page(columns.map((_, channel) => objectBlock(ROWS.map((r) => r[channel] ?? null))), ROWS.length));
          await sink.abort();
          await connector.metadata.abortInsert?.(session, insert);
          assert.deepEqual(await scanTable(connector, session, await tableHandle(connector, session, name)), []);
        } finally {
          await dropQuietly(target, name);
        }
      },
    },
    {
      name: 'filter pushdown gives the rows the engine would compute',
      requires: ['createTable', 'insert', 'dropTable', 'filterPushdown'],
      async run(target) {
        const { name, handle, columns } = await seededTable(target, 'filter');
        const names = columns.map((c) => c.name);
        try {
          const constraints: TupleDomain[] = [
            { kind: 'columns', columns: [{ column: 'id', type: BIGINT, domain: { kind: 'ranges', nullAllowed: false, ranges: [{ low: 3, lowInclusive: true, high: 12, highInclusive: false }] } }] },
            { kind: 'columns', columns: [{ column: 'id', type: BIGINT, domain: { kind: 'values', values: [1, 5, 29, 100], nullAllowed: false } }] },
            { kind: 'columns', columns: [{ column: 'score', type: DOUBLE, domain: { kind: 'none', nullAllowed: true } }] },
            { kind: 'columns', columns: [{ column: 'name', type: VARCHAR, domain: { kind: 'values', values: ['name 1'], nullAllowed: false } }] },
            {
              kind: 'columns',
              columns: [
                { column: 'bucket', type: INTEGER, domain: { kind: 'values', values: [1], nullAllowed: false } },
                { column: 'score', type: DOUBLE, domain: { kind: 'ranges', nullAllowed: false, ranges: [{ low: 10, lowInclusive: false, high: undefined, highInclusive: false }] } },
              ],
            },
          ];
          for (const constraint of constraints) {
            const expected = ROWS.filter((r) => rowMatches(constraint, names, r));
            const result = await target.connector.metadata.applyFilter!(target.session, handle, constraint);
            const pushedHandle = result?.handle ?? handle;
            const remaining = result?.remainingFilter ?? constraint;
            const rows = (await scanTable(target.connector, target.session, pushedHandle, columns)).filter((r) => rowMatches(remaining, names, r));
            assert.deepEqual(rowsText(rows), rowsText(expected), JSON.stringify(constraint));
          }
        } finally {
          await dropQuietly(target, name);
        }
      },
    },
    {
      name: 'projection and limit pushdown return the projected columns and at most the limit',
      requires: ['createTable', 'insert', 'dropTable', 'projectionPushdown', 'limitPushdown'],
      async run(target) {
        const { name, handle, columns } = await seededTable(target, 'limit');
        try {
          const projected = await target.connector.metadata.applyProjection!(target.session, handle, [columns[1]!, columns[0]!]);
          const projectedHandle = projected?.handle ?? handle;
          const limit = await target.connector.metadata.applyLimit!(target.session, projectedHandle, 7);
          assert.ok(limit, 'applyLimit accepts a smaller limit');
          const rows = await scanTable(target.connector, target.session, limit.handle, [columns[1]!, columns[0]!]);
          if (limit.limitGuaranteed) assert.equal(rows.length, 7);
          else assert.ok(rows.length >= 7);
          assert.ok(rows.every((r) => r.length === 2 && (r[0] === null || typeof r[0] === 'string') && typeof r[1] === 'number'));
        } finally {
          await dropQuietly(target, name);
        }
      },
    },
    {
      name: 'TopN pushdown returns the first rows in order with NULLS LAST',
      requires: ['createTable', 'insert', 'dropTable', 'topNPushdown'],
      async run(target) {
        const { name, handle, columns } = await seededTable(target, 'topn');
        try {
          const score = columns.find((c) => c.name === 'score')!;
          const id = columns.find((c) => c.name === 'id')!;
          const result = await target.connector.metadata.applyTopN!(target.session, handle, 4, [{ column: score, ascending: false, nullsFirst: false }]);
          assert.ok(result?.topNGuaranteed);
          const rows = await scanTable(target.connector, target.session, result.handle, [id, score]);
          assert.deepEqual(rows, [
            [29, 43.5],
            [27, 40.5],
            [26, 39],
            [25, 37.5],
          ]);
        } finally {
          await dropQuietly(target, name);
        }
      },
    },
    {
      name: 'aggregation pushdown of count(*) and max(id) matches the data',
      requires: ['createTable', 'insert', 'dropTable', 'aggregationPushdown'],
      async run(target) {
        const { name, handle, columns } = await seededTable(target, 'aggregate');
        try {
          const id = columns.find((c) => c.name === 'id')!;
          const result = await target.connector.metadata.applyAggregation!(
            target.session,
            handle,
            [
              { name: 'count', arguments: [], outputType: BIGINT, distinct: false },
              { name: 'max', arguments: [id], outputType: BIGINT, distinct: false },
            ],
            [],
          );
          assert.ok(result);
          const rows = await scanTable(target.connector, target.session, result.handle, result.outputColumns);
          assert.deepEqual(rows, [[30, 29]]);
        } finally {
          await dropQuietly(target, name);
        }
      },
    },
    {
      name: 'DELETE with a pushed-down predicate and TRUNCATE remove rows',
      requires: ['createTable', 'insert', 'dropTable', 'filterPushdown', 'delete', 'truncate'],
      async run(target) {
        const { name, handle } = await seededTable(target, 'delete');
        try {
          const filtered = await target.connector.metadata.applyFilter!(target.session, handle, {
            kind: 'columns',
            columns: [{ column: 'id', type: BIGINT, domain: { kind: 'ranges', nullAllowed: false, ranges: [{ low: 20, lowInclusive: true, high: undefined, highInclusive: false }] } }],
          });
          assert.ok(filtered);
          assert.equal(await target.connector.metadata.executeDelete!(target.session, filtered.handle), 10);
          assert.equal((await scanTable(target.connector, target.session, handle)).length, 20);
          await target.connector.metadata.truncateTable!(target.session, handle);
          assert.equal((await scanTable(target.connector, target.session, handle)).length, 0);
        } finally {
          await dropQuietly(target, name);
        }
      },
    },
  ];
}
