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
  VARBINARY,
  VARCHAR,
  charType,
  decimalType,
  longTimestamp,
  timeType,
  timestampType,
  timestampWithTimeZone,
  timestampWithTimeZoneType,
  varcharType,
} from '@petrel/spi';
import type { JdbcConnector } from '@petrel/connector-jdbc';
import { columnHandles, completedDynamicFilter, createTable, insertRows, rowsText, scanTable, tableHandle, testSession } from '@petrel/connector-jdbc';
import { createMysqlConnector, mysqlConnectorFactory } from './index.js';
import type { TestDatabase } from './mysql-test-database.js';
import { createTestDatabase } from './mysql-test-database.js';

const session = testSession();
let db: TestDatabase;
let my: JdbcConnector;
let schema: string;

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
  schema = db.name;
  my = createMysqlConnector('my', { ...db.properties, 'join-pushdown.enabled': 'true', 'join-pushdown.strategy': 'EAGER' });
  await db.sql(`CREATE TABLE ${schema}.orders (id int PRIMARY KEY, customer int, amount decimal(10,2), status varchar(10), placed date)`);
  await db.sql(`CREATE TABLE ${schema}.customers (id int PRIMARY KEY, name varchar(20))`);
  const values = Array.from({ length: 200 }, (_, k) => {
    const i = k + 1;
    const status = i % 3 === 0 ? `'open'` : i % 3 === 1 ? `'OPEN'` : 'NULL';
    return `(${i}, ${i % 7}, ${(i * 1.25).toFixed(2)}, ${status}, DATE '2020-01-01' + INTERVAL ${i} DAY)`;
  });
  await db.sql(`INSERT INTO ${schema}.orders VALUES ${values.join(', ')}`);
  await db.sql(`INSERT INTO ${schema}.customers VALUES (0, 'c0'), (1, 'c1'), (2, 'c2'), (3, 'c3'), (4, 'c4'), (5, 'c5'), (6, 'c6')`);
  await db.sql(`ANALYZE TABLE ${schema}.orders PERSISTENT FOR ALL`);
});

after(async () => {
  await my?.shutdown();
  await db?.drop();
});

describe('mysql type mapping', () => {
  it('reads every mapped MySQL type, widening UNSIGNED integers', async () => {
    await db.sql(
      `CREATE TABLE ${schema}.types (ti tinyint, tb tinyint(1), tu tinyint unsigned, s smallint, su smallint unsigned, mi mediumint, i int, iu int unsigned, b bigint, bu bigint unsigned, f float, d double, dc decimal(38,4), c char(3), v varchar(10), tt tinytext, tx text, mt mediumtext, lt longtext, bi binary(2), vb varbinary(4), bl blob, dt date, tm time(3), dtt datetime(6), ts timestamp(3) NULL, j json, e enum('a','bb'), bt bit(1), y year)`,
    );
    await db.sql(
      `INSERT INTO ${schema}.types VALUES (-128, 1, 255, -32768, 65535, -8388608, -2147483648, 4294967295, -9223372036854775808, 18446744073709551615, 0.5, -1e300, 1234567890123456789012345678901234.5678, 'x', 'héllo', 'tiny', 'text', 'medium', 'long', X'0102', X'ff', X'00', '1900-02-28', '23:59:59.999', '2021-12-31 23:59:59.999999', '2020-06-01 12:00:00.250', '{"k": [1, 2]}', 'bb', b'1', 2024)`,
    );
    const handle = await tableHandle(my, session, { schema, table: 'types' });
    const columns = await columnHandles(my, session, handle);
    assert.deepEqual(Object.fromEntries(columns.map((c) => [c.name, c.type])), {
      ti: TINYINT,
      tb: TINYINT,
      tu: SMALLINT,
      s: SMALLINT,
      su: INTEGER,
      mi: INTEGER,
      i: INTEGER,
      iu: BIGINT,
      b: BIGINT,
      bu: decimalType(20, 0),
      f: REAL,
      d: DOUBLE,
      dc: decimalType(38, 4),
      c: charType(3),
      v: varcharType(10),
      tt: varcharType(255),
      tx: varcharType(65535),
      mt: varcharType(16777215),
      lt: VARCHAR,
      bi: VARBINARY,
      vb: VARBINARY,
      bl: VARBINARY,
      dt: DATE,
      tm: timeType(3),
      dtt: timestampType(6),
      ts: timestampWithTimeZoneType(3),
      j: JSON_TYPE,
      e: varcharType(2),
      bt: BOOLEAN,
    });
    const [row] = await scanTable(my, session, handle);
    assert.deepEqual(row, [
      -128,
      1,
      255,
      -32768,
      65535,
      -8388608,
      -2147483648,
      4294967295,
      -9223372036854775808n,
      18446744073709551615n,
      0.5,
      -1e300,
      12345678901234567890123456789012345678n,
      'x  ',
      'héllo',
      'tiny',
      'text',
      'medium',
      'long',
      new Uint8Array([1, 2]),
      new Uint8Array([255]),
      new Uint8Array([0]),
      -25509,
      86399999000000000n,
      longTimestamp(1640995199999, 999000000),
      timestampWithTimeZone(Date.UTC(2020, 5, 1, 12, 0, 0, 250), 0, 'UTC'),
      '{"k":[1,2]}',
      'bb',
      true,
    ]);
    const converting = createMysqlConnector('my_convert', { ...db.properties, 'unsupported-type-handling': 'CONVERT_TO_VARCHAR' });
    try {
      const h = await tableHandle(converting, session, { schema, table: 'types' });
      const y = column(await columnHandles(converting, session, h), 'y');
      assert.deepEqual(y.type, VARCHAR);
      assert.deepEqual(await scanTable(converting, session, h, [y]), [['2024']]);
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
    ];
    const handle = await createTable(my, session, { schema, table: 'written' }, columns);
    const handles = await columnHandles(my, session, handle);
    assert.deepEqual(
      handles.map((h) => h.type),
      [TINYINT, TINYINT, SMALLINT, INTEGER, BIGINT, REAL, DOUBLE, decimalType(20, 3), charType(4), varcharType(255), VARCHAR, VARBINARY, JSON_TYPE, DATE, timeType(6), timestampType(3), timestampType(6), timestampWithTimeZoneType(6)],
      'boolean is stored as tinyint(1) and varchar(5) as tinytext, as Trino',
    );
    const row = [
      1,
      -128,
      7,
      -5,
      2n ** 62n,
      Math.fround(0.5),
      Number.MAX_VALUE,
      -12345678901234567n,
      'ab  ',
      "it's",
      'a\\b\u00e9',
      new Uint8Array([0, 255, 39]),
      '{"a":1}',
      0,
      3723000004000000n,
      Date.UTC(1999, 11, 31, 23, 59, 59, 999),
      longTimestamp(Date.UTC(2000, 0, 1), 123_000_000),
      timestampWithTimeZone(Date.UTC(2030, 0, 1, 5), 999_000_000, 'UTC'),
    ];
    await insertRows(my, session, handle, handles, [row, columns.map(() => null)]);
    const read = await scanTable(my, session, handle);
    assert.deepEqual(rowsText(read), rowsText([row, columns.map(() => null)]));
  });
});

describe('mysql metadata', () => {
  it('lists schemas and tables and reads comments, row counts and statistics', async () => {
    await db.sql(`ALTER TABLE ${schema}.customers COMMENT = 'people'`);
    const schemas = await my.metadata.listSchemaNames(session);
    assert.ok(schemas.includes(schema));
    assert.ok(!schemas.includes('mysql') && !schemas.includes('information_schema') && !schemas.includes('performance_schema'));
    const tables = (await my.metadata.listTables(session, schema)).map((t) => t.table);
    assert.ok(['customers', 'orders'].every((t) => tables.includes(t)));
    const handle = await tableHandle(my, session, { schema, table: 'customers' });
    assert.equal((await my.metadata.getTableMetadata(session, handle)).comment, 'people');
    const stats = await my.metadata.getTableStatistics!(session, await tableHandle(my, session, { schema, table: 'orders' }));
    // TABLE_ROWS is InnoDB's estimate; ANALYZE makes it close for a small table.
    assert.ok(Math.abs((stats.rowCount ?? 0) - 200) <= 20, `row count ${stats.rowCount}`);
    assert.ok(Math.abs((stats.columns?.['id']?.distinctValuesCount ?? 0) - 200) <= 20);
    assert.equal(stats.columns?.['customer']?.distinctValuesCount, 7);
    assert.ok(Math.abs((stats.columns?.['status']?.nullsFraction ?? 0) - 66 / 200) < 0.01);
  });
});

describe('mysql pushdown', () => {
  async function orders() {
    const handle = await tableHandle(my, session, { schema, table: 'orders' });
    const columns = await columnHandles(my, session, handle);
    return { handle, columns };
  }

  it('pushes numeric and date predicates but never varchar ones, which the collation would change', async () => {
    const { handle, columns } = await orders();
    const constraint: TupleDomain = {
      kind: 'columns',
      columns: [
        { column: 'id', type: INTEGER, domain: { kind: 'ranges', nullAllowed: false, ranges: [{ low: 10, lowInclusive: false, high: 100, highInclusive: true }] } },
        { column: 'placed', type: DATE, domain: { kind: 'ranges', nullAllowed: true, ranges: [{ low: 18270, lowInclusive: true, high: undefined, highInclusive: false }] } },
        { column: 'status', type: varcharType(10), domain: { kind: 'values', values: ['open'], nullAllowed: false } },
      ],
    };
    const result = await my.metadata.applyFilter!(session, handle, constraint);
    assert.ok(result);
    assert.deepEqual(result.remainingFilter, { kind: 'columns', columns: [constraint.kind === 'columns' ? constraint.columns[2]! : undefined!] });
    const rows = await scanTable(my, session, result.handle, columns);
    assert.match(lastSelect(my, '`orders`'), /WHERE \(`id` > 10 AND `id` <= 100\) AND \(\(`placed` >= DATE '2020-01-09'\) OR \(`placed` IS NULL\)\)$/);
    // MySQL's default collation matches 'open' and 'OPEN': the varchar filter must stay in Petrel.
    const remote = rows.filter((r) => r[3] !== null).map((r) => r[3]);
    assert.ok(remote.includes('OPEN') && remote.includes('open'));
    const all = await scanTable(my, session, handle, columns);
    assert.deepEqual(rowsText(rows), rowsText(all.filter((r) => (r[0] as number) > 10 && (r[0] as number) <= 100 && (r[4] as number) >= 18270)));
  });

  it('pushes TopN with emulated NULLS FIRST/LAST and refuses varchar ordering', async () => {
    const { handle, columns } = await orders();
    const topN = await my.metadata.applyTopN!(session, handle, 3, [
      { column: column(columns, 'customer'), ascending: false, nullsFirst: true },
      { column: column(columns, 'id'), ascending: true, nullsFirst: false },
    ]);
    assert.ok(topN);
    const rows = await scanTable(my, session, topN.handle, [column(columns, 'id'), column(columns, 'customer')]);
    assert.match(lastSelect(my, '`orders`'), /ORDER BY ISNULL\(`customer`\) DESC, `customer` DESC, ISNULL\(`id`\) ASC, `id` ASC LIMIT 3$/);
    assert.deepEqual(rows, [
      [6, 6],
      [13, 6],
      [20, 6],
    ]);
    assert.equal(await my.metadata.applyTopN!(session, handle, 3, [{ column: column(columns, 'status'), ascending: true, nullsFirst: false }]), undefined);
    const limited = await my.metadata.applyLimit!(session, handle, 5);
    assert.equal((await scanTable(my, session, limited!.handle)).length, 5);
    assert.match(lastSelect(my, '`orders`'), / LIMIT 5$/);
  });

  it('pushes aggregations over numeric groups only', async () => {
    const { handle, columns } = await orders();
    const aggregation = await my.metadata.applyAggregation!(
      session,
      handle,
      [
        { name: 'count', arguments: [column(columns, 'status')], outputType: BIGINT, distinct: false },
        { name: 'sum', arguments: [column(columns, 'amount')], outputType: decimalType(38, 2), distinct: false },
        { name: 'max', arguments: [column(columns, 'placed')], outputType: DATE, distinct: false },
        { name: 'sum', arguments: [column(columns, 'id')], outputType: BIGINT, distinct: false },
      ],
      [column(columns, 'customer')],
    );
    assert.ok(aggregation);
    const rows = await scanTable(my, session, aggregation.handle, aggregation.outputColumns);
    assert.match(lastSelect(my, '`orders`'), /count\(`status`\).*CAST\(sum\(`amount`\) AS DECIMAL\(38, 2\)\).*GROUP BY `customer`\) o$/);
    const all = await scanTable(my, session, handle, columns);
    const expected = [0, 1, 2, 3, 4, 5, 6].map((customer) => {
      const group = all.filter((r) => r[1] === customer);
      return [
        group.filter((r) => r[3] !== null).length,
        group.reduce((a, r) => a + (r[2] as bigint), 0n),
        Math.max(...group.map((r) => r[4] as number)),
        group.reduce((a, r) => a + (r[0] as number), 0),
        customer,
      ];
    });
    assert.deepEqual(rowsText(rows), rowsText(expected));
    assert.equal(await my.metadata.applyAggregation!(session, handle, [{ name: 'count', arguments: [], outputType: BIGINT, distinct: false }], [column(columns, 'status')]), undefined);
  });

  it('pushes inner joins on numeric keys, not FULL joins, and applies complete dynamic filters', async () => {
    const { handle, columns } = await orders();
    const customers = await tableHandle(my, session, { schema, table: 'customers' });
    const customerColumns = await columnHandles(my, session, customers);
    const condition = [{ left: column(columns, 'customer'), operator: '=' as const, right: column(customerColumns, 'id') }];
    const joined = await my.metadata.applyJoin!(session, 'LEFT', handle, customers, condition);
    assert.ok(joined);
    const rows = await scanTable(my, session, joined.handle, [joined.leftColumns.get('id')!, joined.rightColumns.get('name')!]);
    assert.match(lastSelect(my, 'LEFT JOIN'), /l LEFT JOIN \(SELECT `id`, `name` FROM `[^`]+`.`customers`\) r ON l.`customer` = r.`id`\) o$/);
    assert.equal(rows.length, 200);
    assert.ok(rows.every((r) => r[1] === `c${(r[0] as number) % 7}`));
    assert.equal(await my.metadata.applyJoin!(session, 'FULL', handle, customers, condition), undefined);
    const filtered = await scanTable(my, session, handle, [column(columns, 'id')], completedDynamicFilter(domain('customer', INTEGER, { kind: 'values', values: [2, 3], nullAllowed: false })));
    assert.match(lastSelect(my, '`orders`'), /WHERE `customer` IN \(2, 3\)$/);
    assert.equal(filtered.length, 58);
  });
});

describe('mysql writes, DDL and system.query', () => {
  it('inserts atomically, deletes with pushed predicates and alters tables', async () => {
    await db.sql(`CREATE TABLE ${schema}.strict (id int NOT NULL, v varchar(3))`);
    const handle = await tableHandle(my, session, { schema, table: 'strict' });
    const columns = await columnHandles(my, session, handle);
    await insertRows(my, testSession({ write_batch_size: '7' }), handle, columns, Array.from({ length: 20 }, (_, i) => [i, `v${i}`]));
    await assert.rejects(insertRows(my, session, handle, columns, [[100, 'ok'], [null, 'bad']]), (e: unknown) => e instanceof TrinoError && e.errorCode.type === 'EXTERNAL' && /catalog 'my'/.test(e.message));
    assert.deepEqual(await db.sql(`SELECT count(*) FROM ${schema}.strict`), [['20']]);
    assert.deepEqual(await db.sql(`SELECT count(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '${schema}' AND TABLE_NAME LIKE 'tmp_petrel_%'`), [['0']]);
    const filtered = await my.metadata.applyFilter!(session, handle, domain('id', INTEGER, { kind: 'values', values: [1, 2, 3], nullAllowed: false }));
    assert.equal(await my.metadata.executeDelete!(session, filtered!.handle), 3);
    await my.metadata.addColumn!(session, handle, { name: 'extra', type: DOUBLE, comment: 'added' });
    let fresh = await tableHandle(my, session, { schema, table: 'strict' });
    await my.metadata.renameColumn!(session, fresh, column(await columnHandles(my, session, fresh), 'extra'), 'renamed');
    fresh = await tableHandle(my, session, { schema, table: 'strict' });
    await my.metadata.setColumnComment!(session, fresh, column(await columnHandles(my, session, fresh), 'id'), 'key');
    await my.metadata.setTableComment!(session, fresh, 'strict table');
    fresh = await tableHandle(my, session, { schema, table: 'strict' });
    const metadata = await my.metadata.getTableMetadata(session, fresh);
    assert.equal(metadata.comment, 'strict table');
    assert.deepEqual(metadata.columns.map((c) => [c.name, c.nullable, c.comment]), [
      ['id', false, 'key'],
      ['v', true, undefined],
      ['renamed', true, 'added'],
    ]);
    await my.metadata.dropColumn!(session, fresh, column(await columnHandles(my, session, fresh), 'renamed'));
    await my.metadata.truncateTable!(session, fresh);
    assert.deepEqual(await db.sql(`SELECT count(*) FROM ${schema}.strict`), [['0']]);
    await my.metadata.dropTable!(session, fresh);
    assert.equal(await my.metadata.getTableHandle(session, { schema, table: 'strict' }), undefined);
    const other = `${schema}_x`;
    await my.metadata.createSchema!(session, other, {});
    assert.ok((await my.metadata.listSchemaNames(session)).includes(other));
    await my.metadata.dropSchema!(session, other, false);
  });

  it('runs system.query passthrough in MySQL SQL', async () => {
    const fn = my.tableFunctions[0]!;
    const analysis = await fn.analyze(session, { QUERY: `SELECT customer, GROUP_CONCAT(DISTINCT status ORDER BY status) AS s, COUNT(*) AS n FROM ${schema}.orders WHERE customer < 2 GROUP BY customer ORDER BY customer` });
    assert.deepEqual(analysis.columns.map((c) => c.name), ['customer', 's', 'n']);
    const rows = await scanTable(my, session, analysis.handle, analysis.columnHandles);
    assert.deepEqual(rows.map((r) => [r[0], r[2]]), [
      [0, 28],
      [1, 29],
    ]);
  });
});

describe('mysql failures', () => {
  it('reports wrong credentials and refused connections as EXTERNAL errors naming the catalog', async () => {
    const wrong = mysqlConnectorFactory.create('my_bad', { ...db.properties, 'connection-password': 'definitely-wrong' }, { catalogName: 'my_bad', nodeId: 'n', dataDirectory: undefined });
    try {
      await assert.rejects(wrong.metadata.listSchemaNames(session), (e: unknown) => e instanceof TrinoError && e.errorName === 'JDBC_ERROR' && /catalog 'my_bad'.*Access denied/.test(e.message));
    } finally {
      await wrong.shutdown?.();
    }
    const refused = createMysqlConnector('my_down', { 'connection-url': 'jdbc:mysql://127.0.0.1:1', 'connection-user': 'root' });
    try {
      await assert.rejects(refused.metadata.listTables(session, undefined), (e: unknown) => e instanceof TrinoError && e.errorCode.type === 'EXTERNAL' && /catalog 'my_down'.*ECONNREFUSED/.test(e.message));
    } finally {
      await refused.shutdown();
    }
  });

  it('streams large results page by page and releases the connection when a reader stops early', async () => {
    const fn = my.tableFunctions[0]!;
    const analysis = await fn.analyze(session, { QUERY: `SELECT a.id * 1000 + b.id AS i FROM ${schema}.orders a JOIN ${schema}.orders b ON b.id <= 15 ORDER BY 1` });
    const split = (await (await my.splitManager.getSplits(session, analysis.handle, undefined)).nextBatch(1)).splits[0]!;
    const source = await my.pageSourceProvider.createPageSource(session, split, analysis.handle, analysis.columnHandles, undefined);
    const first = await source.next();
    assert.equal(first?.positionCount, 1024);
    assert.equal(my.client.pool.leasedCount, 1);
    await source.close();
    assert.equal(my.client.pool.leasedCount, 0);
    const all = await scanTable(my, session, analysis.handle, analysis.columnHandles);
    assert.equal(all.length, 3000);
    assert.equal(all[2999]![0], 200015);
  });

  it('releases pooled connections after 50 failing queries and a killed connection', async () => {
    const fn = my.tableFunctions[0]!;
    const analysis = await fn.analyze(session, { QUERY: `SELECT id FROM ${schema}.orders` });
    const broken = { ...(analysis.handle as object), relation: { kind: 'query', sql: `SELECT no_such_column FROM ${schema}.orders` } };
    for (let i = 0; i < 50; i++) {
      await assert.rejects(scanTable(my, session, broken, analysis.columnHandles), (e: unknown) => e instanceof TrinoError && /Unknown column/.test(e.message));
    }
    assert.equal(my.client.pool.leasedCount, 0);
    assert.ok(my.client.pool.totalCount <= 8);
    const sleeping = await fn.analyze(session, { QUERY: 'SELECT SLEEP(5) AS slept' });
    const scan = scanTable(my, session, sleeping.handle, sleeping.columnHandles);
    const killer = (async () => {
      for (let i = 0; i < 50; i++) {
        await new Promise((r) => setTimeout(r, 50));
        const ids = await db.sql(`SELECT ID FROM information_schema.PROCESSLIST WHERE INFO LIKE 'SELECT \`slept\`%'`);
        if (ids.length > 0) {
          await db.sql(`KILL ${String(ids[0]![0])}`);
          return;
        }
      }
    })();
    await assert.rejects(scan, (e: unknown) => e instanceof TrinoError && e.errorCode.type === 'EXTERNAL' && /catalog 'my'/.test(e.message));
    await killer;
    assert.equal(my.client.pool.leasedCount, 0);
    assert.equal((await scanTable(my, session, await tableHandle(my, session, { schema, table: 'customers' }))).length, 7);
  });
});
