import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ConnectorColumnHandle, Domain, SqlType, TupleDomain } from '@petrel/spi';
import {
  BIGINT,
  BOOLEAN,
  DATE,
  DOUBLE,
  INTEGER,
  JSON_TYPE,
  REAL,
  SMALLINT,
  TINYINT,
  TrinoError,
  UUID,
  VARBINARY,
  VARCHAR,
  arrayType,
  charType,
  decimalType,
  longTimestamp,
  timeType,
  timestampType,
  timestampWithTimeZoneType,
  timestampWithTimeZone,
  varcharType,
} from '@petrel/spi';
import type { JdbcConnector } from '@petrel/connector-jdbc';
import { columnHandles, completedDynamicFilter, createTable, insertRows, rowsText, scanTable, tableHandle, testSession } from '@petrel/connector-jdbc';
import { createPostgresqlConnector, postgresqlConnectorFactory } from './index.js';
import type { TestDatabase } from './postgresql-test-database.js';
import { createTestDatabase } from './postgresql-test-database.js';

const session = testSession();
let db: TestDatabase;
let pg: JdbcConnector;

function lastSelect(connector: JdbcConnector, table: string): string {
  const statements = connector.queryLog.statements().filter((s) => s.startsWith('SELECT') && s.includes(table));
  return statements[statements.length - 1] ?? '';
}

function column(columns: readonly ConnectorColumnHandle[], name: string): ConnectorColumnHandle {
  const found = columns.find((c) => c.name === name);
  assert.ok(found, `column ${name}`);
  return found;
}

function domain(columnName: string, type: SqlType, d: Domain): TupleDomain {
  return { kind: 'columns', columns: [{ column: columnName, type, domain: d }] };
}

before(async () => {
  db = await createTestDatabase();
  pg = createPostgresqlConnector('pg', { ...db.properties, 'postgresql.array-mapping': 'AS_ARRAY', 'join-pushdown.enabled': 'true', 'join-pushdown.strategy': 'EAGER' });
  await db.sql(`CREATE TABLE public.orders (id integer PRIMARY KEY, customer integer, amount numeric(10,2), status varchar(10), note text, placed date)`);
  await db.sql(`CREATE TABLE public.customers (id integer PRIMARY KEY, name varchar(20), region varchar(10))`);
  await db.sql(
    `INSERT INTO public.orders SELECT i, i % 7, (i * 1.25)::numeric(10,2), CASE WHEN i % 3 = 0 THEN 'open' WHEN i % 3 = 1 THEN 'closed' ELSE NULL END, 'n' || i, DATE '2020-01-01' + i FROM generate_series(1, 200) i`,
  );
  await db.sql(`INSERT INTO public.customers SELECT i, 'c' || i, CASE WHEN i % 2 = 0 THEN 'East' ELSE 'west' END FROM generate_series(0, 6) i`);
  await db.sql(`ANALYZE public.orders`);
});

after(async () => {
  await pg?.shutdown();
  await db?.drop();
});

describe('postgresql type mapping', () => {
  it('reads every mapped PostgreSQL type in the runtime representation', async () => {
    await db.sql(
      `CREATE TABLE public.types (b boolean, s smallint, i integer, big bigint, r real, d double precision, n numeric(38,5), c char(3), v varchar(10), tx text, by bytea, dt date, tm time(3), ts timestamp(6), ts3 timestamp(3), tz timestamptz(3), j json, jb jsonb, u uuid, arr varchar[], bt bit(1), mood_col text, unbounded numeric, money_col money)`,
    );
    await db.sql(
      `INSERT INTO public.types VALUES (true, -32768, 2147483647, -9223372036854775808, 3.5, -1e300, 123456789012345678901234567890123.45678, 'x', 'héllo', 'long text', '\\xdeadbeef', '1900-02-28', '23:59:59.999', '2021-12-31 23:59:59.999999', '1970-01-01 00:00:00.001', '2020-06-01 12:00:00.25-05:00', '{"k": [1, 2.50]}', '{"z": 1, "a": null}', '123e4567-e89b-12d3-a456-426614174000', '{"a b","c\\"d",NULL}', B'0', 'sad', 1.5, 12.5)`,
    );
    const handle = await tableHandle(pg, session, { schema: 'public', table: 'types' });
    const columns = await columnHandles(pg, session, handle);
    const types = Object.fromEntries(columns.map((c) => [c.name, c.type]));
    assert.deepEqual(types, {
      b: BOOLEAN,
      s: SMALLINT,
      i: INTEGER,
      big: BIGINT,
      r: REAL,
      d: DOUBLE,
      n: decimalType(38, 5),
      c: charType(3),
      v: varcharType(10),
      tx: VARCHAR,
      by: VARBINARY,
      dt: DATE,
      tm: timeType(3),
      ts: timestampType(6),
      ts3: timestampType(3),
      tz: timestampWithTimeZoneType(3),
      j: JSON_TYPE,
      jb: JSON_TYPE,
      u: UUID,
      arr: arrayType(VARCHAR),
      bt: BOOLEAN,
      mood_col: VARCHAR,
    });
    const [row] = await scanTable(pg, session, handle);
    assert.deepEqual(row, [
      true,
      -32768,
      2147483647,
      -9223372036854775808n,
      3.5,
      -1e300,
      12345678901234567890123456789012345678n,
      'x  ',
      'héllo',
      'long text',
      new Uint8Array([0xde, 0xad, 0xbe, 0xef]),
      -25509,
      86399999000000000n,
      longTimestamp(1640995199999, 999000000),
      1,
      timestampWithTimeZone(Date.UTC(2020, 5, 1, 17, 0, 0, 250), 0, 'UTC'),
      '{"k":[1,2.50]}',
      '{"a":null,"z":1}',
      '123e4567-e89b-12d3-a456-426614174000',
      ['a b', 'c"d', null],
      false,
      'sad',
    ]);
  });

  it('skips unsupported types by default and converts them with unsupported-type-handling=CONVERT_TO_VARCHAR', async () => {
    const converting = createPostgresqlConnector('pg_convert', { ...db.properties, 'unsupported-type-handling': 'CONVERT_TO_VARCHAR', 'decimal-mapping': 'ALLOW_OVERFLOW', 'decimal-default-scale': '2' });
    try {
      const handle = await tableHandle(converting, session, { schema: 'public', table: 'types' });
      const columns = await columnHandles(converting, session, handle);
      assert.deepEqual(column(columns, 'money_col').type, VARCHAR);
      assert.deepEqual(column(columns, 'unbounded').type, decimalType(38, 2));
      assert.deepEqual(column(columns, 'arr').type, VARCHAR, 'arrays are unsupported without postgresql.array-mapping');
      const rows = await scanTable(converting, session, handle, [column(columns, 'money_col'), column(columns, 'unbounded'), column(columns, 'arr')]);
      assert.deepEqual(rows, [['$12.50', 150n, '{"a b","c\\"d",NULL}']]);
    } finally {
      await converting.shutdown();
    }
  });

  it('round-trips every writable Petrel type through CREATE TABLE and INSERT', async () => {
    const columns = [
      { name: 'b', type: BOOLEAN },
      { name: 'ti', type: TINYINT },
      { name: 's', type: SMALLINT },
      { name: 'i', type: INTEGER },
      { name: 'big', type: BIGINT },
      { name: 'r', type: REAL },
      { name: 'd', type: DOUBLE },
      { name: 'n', type: decimalType(20, 3) },
      { name: 'c', type: charType(4) },
      { name: 'v', type: varcharType(5) },
      { name: 'vu', type: VARCHAR },
      { name: 'by', type: VARBINARY },
      { name: 'j', type: JSON_TYPE },
      { name: 'dt', type: DATE },
      { name: 'tm', type: timeType(6) },
      { name: 'ts', type: timestampType(3) },
      { name: 'ts6', type: timestampType(6) },
      { name: 'tz', type: timestampWithTimeZoneType(6) },
      { name: 'u', type: UUID },
      { name: 'arr', type: arrayType(BIGINT) },
    ];
    const handle = await createTable(pg, session, { schema: 'public', table: 'written' }, columns);
    const handles = await columnHandles(pg, session, handle);
    const row = [
      false,
      -128,
      7,
      -5,
      2n ** 62n,
      Math.fround(0.1),
      Number.MAX_VALUE,
      -12345678901234567n,
      'ab  ',
      "it's",
      'a\\b\u00e9',
      new Uint8Array([0, 255]),
      '{"a":1}',
      -719162,
      3723000004000000n,
      Date.UTC(1999, 11, 31, 23, 59, 59, 999),
      longTimestamp(Date.UTC(2000, 0, 1), 123_000_000),
      timestampWithTimeZone(Date.UTC(2030, 0, 1, 5), 999_000_000, 'UTC'),
      'ffffffff-ffff-ffff-ffff-ffffffffffff',
      [1, null, 2n ** 60n],
    ];
    await insertRows(pg, session, handle, handles, [row, columns.map(() => null)]);
    const types = handles.map((h) => h.type);
    assert.deepEqual(types[1], SMALLINT, 'tinyint is stored as smallint, as Trino');
    assert.deepEqual(column(handles, 'j').type, JSON_TYPE);
    const read = await scanTable(pg, session, handle);
    assert.deepEqual(rowsText(read), rowsText([row, columns.map(() => null)]));
  });
});

describe('postgresql metadata', () => {
  it('lists schemas, tables and views, and describes columns and comments', async () => {
    await db.sql(`CREATE SCHEMA "MixedCase"`);
    await db.sql(`CREATE TABLE "MixedCase"."Items" ("Id" integer NOT NULL, label text)`);
    await db.sql(`COMMENT ON TABLE public.customers IS 'people who order'`);
    await db.sql(`COMMENT ON COLUMN public.customers.name IS 'full name'`);
    await db.sql(`CREATE VIEW public.open_orders AS SELECT id, amount FROM public.orders WHERE status = 'open'`);
    const schemas = await pg.metadata.listSchemaNames(session);
    assert.ok(schemas.includes('public') && schemas.includes('mixedcase'));
    assert.ok(!schemas.includes('pg_catalog') && !schemas.includes('information_schema'));
    const tables = (await pg.metadata.listTables(session, 'public')).map((t) => t.table);
    assert.ok(['customers', 'open_orders', 'orders', 'types'].every((t) => tables.includes(t)));
    const view = await tableHandle(pg, session, { schema: 'public', table: 'open_orders' });
    assert.equal((await scanTable(pg, session, view)).length, 66);
    const metadata = await pg.metadata.getTableMetadata(session, await tableHandle(pg, session, { schema: 'public', table: 'customers' }));
    assert.equal(metadata.comment, 'people who order');
    assert.deepEqual(
      metadata.columns.map((c) => [c.name, c.type, c.nullable, c.comment, c.hidden === true]),
      [
        ['id', INTEGER, false, undefined, false],
        ['name', varcharType(20), true, 'full name', false],
        ['region', varcharType(10), true, undefined, false],
        ['$row_id', VARCHAR, false, undefined, true],
      ],
    );
    assert.equal(await pg.metadata.getTableHandle(session, { schema: 'public', table: 'missing' }), undefined);
  });

  it('matches mixed-case remote names only with case-insensitive-name-matching', async () => {
    assert.equal(await pg.metadata.getTableHandle(session, { schema: 'mixedcase', table: 'items' }), undefined);
    const insensitive = createPostgresqlConnector('pg_ci', { ...db.properties, 'case-insensitive-name-matching': 'true' });
    try {
      const handle = await tableHandle(insensitive, session, { schema: 'mixedcase', table: 'items' });
      const columns = await columnHandles(insensitive, session, handle);
      assert.deepEqual(columns.map((c) => c.name), ['id', 'label']);
      await db.sql(`INSERT INTO "MixedCase"."Items" VALUES (1, 'one')`);
      assert.deepEqual(await scanTable(insensitive, session, handle), [[1, 'one']]);
    } finally {
      await insensitive.shutdown();
    }
  });

  it('caches remote metadata for metadata.cache-ttl', async () => {
    const cached = createPostgresqlConnector('pg_cached', { ...db.properties, 'metadata.cache-ttl': '1m' });
    try {
      await cached.metadata.listTables(session, 'public');
      await cached.metadata.listTables(session, 'public');
      await tableHandle(cached, session, { schema: 'public', table: 'orders' });
      await tableHandle(cached, session, { schema: 'public', table: 'orders' });
      const statements = cached.queryLog.statements();
      assert.equal(statements.filter((s) => s.startsWith('SELECT n.nspname, c.relname')).length, 1);
      assert.equal(statements.filter((s) => s.includes('FROM pg_attribute a')).length, 1);
    } finally {
      await cached.shutdown();
    }
  });

  it('reads row counts, distinct counts and null fractions from pg_class and pg_stats', async () => {
    const stats = await pg.metadata.getTableStatistics!(session, await tableHandle(pg, session, { schema: 'public', table: 'orders' }));
    assert.equal(stats.rowCount, 200);
    assert.equal(stats.columns?.['id']?.distinctValuesCount, 200);
    assert.equal(stats.columns?.['customer']?.distinctValuesCount, 7);
    assert.ok(Math.abs((stats.columns?.['status']?.nullsFraction ?? 0) - 67 / 200) < 1e-6);
    assert.ok((stats.columns?.['note']?.dataSize ?? 0) > 0);
  });
});

describe('postgresql pushdown', () => {
  async function orders() {
    const handle = await tableHandle(pg, session, { schema: 'public', table: 'orders' });
    const columns = await columnHandles(pg, session, handle);
    return { handle, columns };
  }

  it('pushes ranges, IN lists, IS NULL and varchar equality, but keeps varchar ranges', async () => {
    const { handle, columns } = await orders();
    const constraint: TupleDomain = {
      kind: 'columns',
      columns: [
        { column: 'id', type: INTEGER, domain: { kind: 'ranges', nullAllowed: false, ranges: [{ low: 10, lowInclusive: false, high: 20, highInclusive: true }, { low: 150, lowInclusive: true, high: undefined, highInclusive: false }] } },
        { column: 'customer', type: INTEGER, domain: { kind: 'values', values: [1, 2, 3], nullAllowed: false } },
        { column: 'status', type: varcharType(10), domain: { kind: 'values', values: ['open'], nullAllowed: true } },
        { column: 'note', type: VARCHAR, domain: { kind: 'ranges', nullAllowed: false, ranges: [{ low: 'n1', lowInclusive: true, high: 'n5', highInclusive: false }] } },
      ],
    };
    const result = await pg.metadata.applyFilter!(session, handle, constraint);
    assert.ok(result);
    assert.deepEqual(result.remainingFilter, { kind: 'columns', columns: [constraint.kind === 'columns' ? constraint.columns[3]! : undefined!] });
    const rows = await scanTable(pg, session, result.handle, columns);
    assert.match(lastSelect(pg, '"orders"'), /WHERE \(\("id" > 10 AND "id" <= 20\) OR \("id" >= 150\)\) AND \("customer" IN \(1, 2, 3\)\) AND \(\("status" = 'open'\) OR "status" IS NULL\)$/);
    const all = await scanTable(pg, session, handle, columns);
    const expected = all.filter((r) => {
      const id = r[0] as number;
      return ((id > 10 && id <= 20) || id >= 150) && [1, 2, 3].includes(r[1] as number) && (r[3] === 'open' || r[3] === null);
    });
    assert.deepEqual(rowsText(rows), rowsText(expected));
    assert.ok(rows.length > 0);
  });

  it('compacts IN lists beyond domain-compaction-threshold to a range and keeps the exact filter in Petrel', async () => {
    const { handle } = await orders();
    const values = Array.from({ length: 40 }, (_, i) => i * 2 + 1);
    const constraint = domain('id', INTEGER, { kind: 'values', values, nullAllowed: false });
    const small = testSession({ domain_compaction_threshold: '10' });
    const result = await pg.metadata.applyFilter!(small, handle, constraint);
    assert.ok(result);
    assert.deepEqual(result.remainingFilter, constraint);
    await scanTable(pg, small, result.handle);
    assert.match(lastSelect(pg, '"orders"'), /WHERE "id" >= 1 AND "id" <= 79$/);
    const exact = await pg.metadata.applyFilter!(session, handle, constraint);
    assert.deepEqual(exact!.remainingFilter, { kind: 'all' });
    assert.equal((await scanTable(pg, session, exact!.handle)).length, 40);
  });

  it('pushes projection, LIMIT and TopN with NULLS FIRST/LAST and varchar order in the C collation', async () => {
    const { handle, columns } = await orders();
    const projected = await pg.metadata.applyProjection!(session, handle, [column(columns, 'status'), column(columns, 'id')]);
    assert.ok(projected);
    const topN = await pg.metadata.applyTopN!(session, projected.handle, 4, [
      { column: column(columns, 'status'), ascending: true, nullsFirst: true },
      { column: column(columns, 'id'), ascending: false, nullsFirst: false },
    ]);
    assert.ok(topN?.topNGuaranteed);
    const rows = await scanTable(pg, session, topN.handle, projected.columns);
    assert.equal(lastSelect(pg, '"orders"'), `SELECT "status", "id" FROM "public"."orders" ORDER BY "status" COLLATE "C" ASC NULLS FIRST, "id" DESC NULLS LAST LIMIT 4`);
    assert.deepEqual(rows, [
      [null, 200],
      [null, 197],
      [null, 194],
      [null, 191],
    ]);
    const limited = await pg.metadata.applyLimit!(session, handle, 3);
    assert.ok(limited?.limitGuaranteed);
    assert.equal((await scanTable(pg, session, limited.handle)).length, 3);
    assert.match(lastSelect(pg, '"orders"'), / LIMIT 3$/);
    assert.equal(await pg.metadata.applyLimit!(session, limited.handle, 5), undefined);
  });

  it('pushes count, sum, min, max and avg with GROUP BY, giving the same results as reading everything', async () => {
    const { handle, columns } = await orders();
    const filtered = await pg.metadata.applyFilter!(session, handle, domain('id', INTEGER, { kind: 'ranges', nullAllowed: false, ranges: [{ low: 100, lowInclusive: false, high: undefined, highInclusive: false }] }));
    const aggregation = await pg.metadata.applyAggregation!(
      session,
      filtered!.handle,
      [
        { name: 'count', arguments: [], outputType: BIGINT, distinct: false },
        { name: 'sum', arguments: [column(columns, 'amount')], outputType: decimalType(38, 2), distinct: false },
        { name: 'min', arguments: [column(columns, 'status')], outputType: varcharType(10), distinct: false },
        { name: 'max', arguments: [column(columns, 'id')], outputType: INTEGER, distinct: false },
        { name: 'avg', arguments: [column(columns, 'amount')], outputType: decimalType(10, 2), distinct: false },
        { name: 'sum', arguments: [column(columns, 'id')], outputType: BIGINT, distinct: false },
      ],
      [column(columns, 'customer')],
    );
    assert.ok(aggregation);
    const rows = await scanTable(pg, session, aggregation.handle, aggregation.outputColumns);
    assert.match(lastSelect(pg, '"orders"'), /^SELECT .* FROM \(SELECT count\(\*\) AS "_pfgnrtd_\d+", CAST\(sum\("amount"\) AS numeric\(38, 2\)\) .*min\("status" COLLATE "C"\).* FROM "public"."orders" WHERE "id" > 100 GROUP BY "customer"\) o$/);
    const all = (await scanTable(pg, session, handle, columns)).filter((r) => (r[0] as number) > 100);
    const expected = [0, 1, 2, 3, 4, 5, 6].map((customer) => {
      const group = all.filter((r) => r[1] === customer);
      const sum = group.reduce((acc, r) => acc + (r[2] as bigint), 0n);
      const statuses = group.map((r) => r[3]).filter((s): s is string => s !== null).sort();
      const avg = (sum * 10n + BigInt(group.length) * 5n) / (BigInt(group.length) * 10n);
      return [BigInt(group.length) <= Number.MAX_SAFE_INTEGER ? group.length : 0, sum, statuses[0] ?? null, Math.max(...group.map((r) => r[0] as number)), avg, group.reduce((a, r) => a + (r[0] as number), 0), customer];
    });
    assert.deepEqual(rowsText(rows), rowsText(expected));
  });

  it('pushes joins within the catalog when join-pushdown.enabled', async () => {
    const { handle, columns } = await orders();
    const customers = await tableHandle(pg, session, { schema: 'public', table: 'customers' });
    const customerColumns = await columnHandles(pg, session, customers);
    const joined = await pg.metadata.applyJoin!(session, 'INNER', handle, customers, [{ left: column(columns, 'customer'), operator: '=', right: column(customerColumns, 'id') }]);
    assert.ok(joined);
    const out = [joined.leftColumns.get('id')!, joined.rightColumns.get('name')!];
    const rows = await scanTable(pg, session, joined.handle, out);
    assert.match(lastSelect(pg, 'INNER JOIN'), /FROM \(SELECT "id", "customer", .* FROM "public"."orders"\) l INNER JOIN \(SELECT "id", "name", "region" FROM "public"."customers"\) r ON l."customer" = r."id"\) o$/);
    assert.equal(rows.length, 200);
    assert.ok(rows.every((r) => r[1] === `c${(r[0] as number) % 7}`));
    const disabled = await pg.metadata.applyJoin!(testSession({ join_pushdown_enabled: 'false' }), 'INNER', handle, customers, []);
    assert.equal(disabled, undefined);
  });

  it('adds a complete dynamic filter to the remote query', async () => {
    const { handle, columns } = await orders();
    const filter = completedDynamicFilter(domain('customer', INTEGER, { kind: 'values', values: [4], nullAllowed: false }));
    const rows = await scanTable(pg, session, handle, [column(columns, 'id'), column(columns, 'customer')], filter);
    assert.match(lastSelect(pg, '"orders"'), /WHERE "customer" = 4$/);
    assert.equal(rows.length, 29);
    // A filter that never completes: splits wait up to dynamic_filtering_wait_timeout, then read unfiltered.
    const pending = { currentPredicate: () => ({ kind: 'all' }) as TupleDomain, isComplete: () => false, whenComplete: new Promise<void>(() => {}) };
    await scanTable(pg, testSession({ dynamic_filtering_wait_timeout: '50ms' }), handle, [column(columns, 'id')], pending);
    assert.doesNotMatch(lastSelect(pg, '"orders"'), /WHERE/);
    // A filter completing while splits wait is applied.
    let complete = false;
    let markComplete: () => void = () => {};
    const later = {
      currentPredicate: () => (complete ? domain('customer', INTEGER, { kind: 'values', values: [4], nullAllowed: false }) : ({ kind: 'all' } as TupleDomain)),
      isComplete: () => complete,
      whenComplete: new Promise<void>((resolve) => {
        markComplete = resolve;
      }),
    };
    setTimeout(() => {
      complete = true;
      markComplete();
    }, 20);
    const waited = await scanTable(pg, session, handle, [column(columns, 'id'), column(columns, 'customer')], later);
    assert.match(lastSelect(pg, '"orders"'), /WHERE "customer" = 4$/);
    assert.equal(waited.length, 29);
  });

  it('describes the remote query for EXPLAIN', async () => {
    const { handle } = await orders();
    const limited = await pg.metadata.applyLimit!(session, handle, 2);
    assert.equal(pg.metadata.describeTableHandle(limited!.handle), 'pg:Query[SELECT "id", "customer", "amount", "status", "note", "placed" FROM "public"."orders" LIMIT 2]');
  });

  it('reads a table in parallel splits over integer key ranges with parallel-read.split-count', async () => {
    const parallel = createPostgresqlConnector('pg_parallel', { ...db.properties, 'parallel-read.split-count': '4' });
    try {
      const handle = await tableHandle(parallel, session, { schema: 'public', table: 'orders' });
      const source = await parallel.splitManager.getSplits(session, handle, undefined);
      assert.equal((await source.nextBatch(10)).splits.length, 4);
      const rows = await scanTable(parallel, session, handle);
      assert.equal(rows.length, 200);
      assert.equal(new Set(rows.map((r) => r[0])).size, 200);
    } finally {
      await parallel.shutdown();
    }
  });
});

describe('postgresql writes and DDL', () => {
  it('inserts in batches through a temporary table, and a failed INSERT leaves nothing behind', async () => {
    await db.sql(`CREATE TABLE public.strict (id integer NOT NULL, v varchar(3))`);
    const handle = await tableHandle(pg, session, { schema: 'public', table: 'strict' });
    const columns = await columnHandles(pg, session, handle);
    const rows = Array.from({ length: 25 }, (_, i) => [i, `v${i % 10}`]);
    const mark = pg.queryLog.mark();
    await insertRows(pg, testSession({ write_batch_size: '10' }), handle, columns, rows);
    assert.equal(pg.queryLog.statementsSince(mark).filter((s) => s.startsWith('INSERT INTO "public"."tmp_petrel_')).length, 3);
    assert.deepEqual(await db.sql(`SELECT count(*) FROM public.strict`), [['25']]);
    await assert.rejects(insertRows(pg, session, handle, columns, [[100, 'ok'], [null, 'bad']]), (e: unknown) => e instanceof TrinoError && e.errorCode.type === 'EXTERNAL' && /catalog 'pg'/.test(e.message));
    assert.deepEqual(await db.sql(`SELECT count(*) FROM public.strict`), [['25']]);
    assert.deepEqual(await db.sql(`SELECT count(*) FROM pg_tables WHERE tablename LIKE 'tmp_petrel_%'`), [['0']]);
  });

  it('deletes with a pushed-down predicate, truncates, and changes columns, comments, tables and schemas', async () => {
    const handle = await tableHandle(pg, session, { schema: 'public', table: 'strict' });
    const filtered = await pg.metadata.applyFilter!(session, handle, domain('id', INTEGER, { kind: 'ranges', nullAllowed: false, ranges: [{ low: undefined, lowInclusive: false, high: 10, highInclusive: false }] }));
    assert.equal(await pg.metadata.executeDelete!(session, filtered!.handle), 10);
    assert.ok(pg.queryLog.statements().includes(`DELETE FROM "public"."strict" WHERE "id" < 10`));
    await pg.metadata.addColumn!(session, handle, { name: 'extra', type: BIGINT, comment: 'added' });
    let fresh = await tableHandle(pg, session, { schema: 'public', table: 'strict' });
    let columns = await columnHandles(pg, session, fresh);
    assert.deepEqual(columns.map((c) => c.name), ['id', 'v', 'extra']);
    await pg.metadata.renameColumn!(session, fresh, column(columns, 'extra'), 'renamed');
    fresh = await tableHandle(pg, session, { schema: 'public', table: 'strict' });
    columns = await columnHandles(pg, session, fresh);
    await pg.metadata.setColumnComment!(session, fresh, column(columns, 'renamed'), 'a comment');
    await pg.metadata.setTableComment!(session, fresh, 'table comment');
    fresh = await tableHandle(pg, session, { schema: 'public', table: 'strict' });
    const metadata = await pg.metadata.getTableMetadata(session, fresh);
    assert.equal(metadata.comment, 'table comment');
    assert.equal(metadata.columns.find((c) => c.name === 'renamed')?.comment, 'a comment');
    await pg.metadata.dropColumn!(session, fresh, column(columns, 'renamed'));
    await pg.metadata.truncateTable!(session, fresh);
    assert.deepEqual(await db.sql(`SELECT count(*) FROM public.strict`), [['0']]);
    await pg.metadata.createSchema!(session, 'made_here', {});
    await assert.rejects(pg.metadata.createSchema!(session, 'made_here', {}), (e: unknown) => e instanceof TrinoError && e.errorName === 'SCHEMA_ALREADY_EXISTS');
    await pg.metadata.renameTable!(session, fresh, { schema: 'public', table: 'strict2' });
    const moved = await tableHandle(pg, session, { schema: 'public', table: 'strict2' });
    await pg.metadata.dropTable!(session, moved);
    assert.equal(await pg.metadata.getTableHandle(session, { schema: 'public', table: 'strict2' }), undefined);
    await pg.metadata.dropSchema!(session, 'made_here', false);
    assert.ok(!(await pg.metadata.listSchemaNames(session)).includes('made_here'));
  });
});

describe('postgresql system.query', () => {
  it('runs a passthrough query in PostgreSQL SQL', async () => {
    const fn = pg.tableFunctions.find((f) => f.schema === 'system' && f.name === 'query');
    assert.ok(fn);
    const analysis = await fn.analyze(session, { QUERY: `SELECT customer, count(*)::int AS n, string_agg(DISTINCT status, ',' ORDER BY status) AS s FROM public.orders GROUP BY 1 ORDER BY 1` });
    assert.deepEqual(analysis.columns.map((c) => [c.name, c.type]), [
      ['customer', INTEGER],
      ['n', INTEGER],
      ['s', VARCHAR],
    ]);
    const rows = await scanTable(pg, session, analysis.handle, analysis.columnHandles);
    assert.equal(rows.length, 7);
    assert.deepEqual(rows[0], [0, 28, 'closed,open']);
  });
});

describe('postgresql failures', () => {
  it('fails fast with an EXTERNAL error naming the catalog when the server refuses connections', async () => {
    const refused = postgresqlConnectorFactory.create('pg_down', { 'connection-url': 'jdbc:postgresql://127.0.0.1:1/x', 'connection-user': 'postgres' }, { catalogName: 'pg_down', nodeId: 'n', dataDirectory: undefined });
    try {
      await assert.rejects(refused.metadata.listSchemaNames(session), (e: unknown) => {
        assert.ok(e instanceof TrinoError);
        assert.equal(e.errorName, 'JDBC_ERROR');
        assert.equal(e.errorCode.type, 'EXTERNAL');
        assert.match(e.message, /catalog 'pg_down'.*ECONNREFUSED/);
        return true;
      });
    } finally {
      await refused.shutdown?.();
    }
  });

  it('reports a broken connection mid-query as EXTERNAL and keeps the pool usable', async () => {
    const fn = pg.tableFunctions[0]!;
    const analysis = await fn.analyze(session, { QUERY: 'SELECT pg_sleep(5)::text AS slept' });
    const scan = scanTable(pg, session, analysis.handle, analysis.columnHandles);
    const killer = (async () => {
      for (let i = 0; i < 50; i++) {
        await new Promise((r) => setTimeout(r, 50));
        const killed = await db.sql(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'petrel-pg' AND state = 'active' AND query LIKE 'FETCH%'`);
        if (killed.length > 0) return;
      }
    })();
    await assert.rejects(scan, (e: unknown) => e instanceof TrinoError && e.errorCode.type === 'EXTERNAL' && /catalog 'pg'/.test(e.message));
    await killer;
    assert.equal(pg.client.pool.leasedCount, 0);
    assert.equal((await scanTable(pg, session, await tableHandle(pg, session, { schema: 'public', table: 'customers' }))).length, 7);
  });

  it('streams large results page by page and releases the connection when a reader stops early', async () => {
    const fn = pg.tableFunctions[0]!;
    const analysis = await fn.analyze(session, { QUERY: 'SELECT i FROM generate_series(1, 3000) i' });
    const split = (await (await pg.splitManager.getSplits(session, analysis.handle, undefined)).nextBatch(1)).splits[0]!;
    const source = await pg.pageSourceProvider.createPageSource(session, split, analysis.handle, analysis.columnHandles, undefined);
    const first = await source.next();
    assert.equal(first?.positionCount, 1024);
    assert.equal(pg.client.pool.leasedCount, 1);
    await source.close();
    assert.equal(pg.client.pool.leasedCount, 0);
    const all = await scanTable(pg, session, analysis.handle, analysis.columnHandles);
    assert.equal(all.length, 3000);
    assert.equal(all[2999]![0], 3000);
  });

  it('releases pooled connections after 50 failing queries', async () => {
    const fn = pg.tableFunctions[0]!;
    const analysis = await fn.analyze(session, { QUERY: 'SELECT 1 / (id - id) AS boom FROM public.customers' });
    for (let i = 0; i < 50; i++) {
      await assert.rejects(scanTable(pg, session, analysis.handle, analysis.columnHandles), (e: unknown) => e instanceof TrinoError && /division by zero/.test(e.message));
    }
    assert.equal(pg.client.pool.leasedCount, 0);
    assert.ok(pg.client.pool.totalCount <= 8);
    assert.equal(pg.client.pool.idleCount, pg.client.pool.totalCount);
  });
});
