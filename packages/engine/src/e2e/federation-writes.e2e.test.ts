/**
 * Federation through SQL on both servers: type round trips (CREATE TABLE AS with typed literals and
 * INSERT, read back with typeof), writes and DDL asserted in each source's query log, failures
 * (unreachable server, wrong credentials, a killed backend, an unreadable value) that must surface as
 * EXTERNAL errors naming the catalog and leave no connection checked out, and parallel key-range reads.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import mysql from 'mysql2/promise';
import type { JdbcConnector, QueryLog, RemoteConnection } from '@petrel/connector-jdbc';
import { jdbcConnectorOf, queryLogOf } from '@petrel/connector-jdbc';
import { Engine } from '../engine.js';
import { pgAdmin } from './source-admin-clients.js';

const suffix = `${process.pid}_${Math.random().toString(16).slice(2, 8)}`;
const pgDatabase = `petrel_fedw_${suffix}`;
const myDatabase = `petrel_fedw_${suffix}`;
const myWriteSchema = `petrel_fedw2_${suffix}`;

let engine: Engine;

async function myAdmin<T>(work: (connection: mysql.Connection) => Promise<T>): Promise<T> {
  const connection = await mysql.createConnection({ host: '127.0.0.1', port: 3306, user: 'root', password: '', multipleStatements: true });
  try {
    return await work(connection);
  } finally {
    await connection.end();
  }
}

function connectorOf(catalog: string): JdbcConnector {
  const connector = jdbcConnectorOf(catalog);
  assert.ok(connector, `connector of ${catalog}`);
  return connector;
}

function log(catalog: string): QueryLog {
  const found = queryLogOf(catalog);
  assert.ok(found, `query log of ${catalog}`);
  return found;
}

/** Runs `sql` and returns the statements the catalog received meanwhile. */
async function sent(catalog: string, sql: string): Promise<{ rows: unknown[][]; statements: readonly string[] }> {
  const position = log(catalog).mark();
  const result = await engine.query(sql);
  return { rows: result.rows, statements: log(catalog).statementsSince(position) };
}

async function leasedSettles(connector: JdbcConnector): Promise<number> {
  for (let i = 0; i < 100 && connector.client.pool.leasedCount > 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
  return connector.client.pool.leasedCount;
}

function isExternalNaming(catalog: string, pattern?: RegExp): (e: unknown) => boolean {
  return (e: unknown) => {
    const error = e as { errorCode?: { type?: string }; message?: string };
    assert.equal(error.errorCode?.type, 'EXTERNAL', String(error.message));
    assert.match(error.message ?? '', new RegExp(`catalog '${catalog}'`));
    if (pattern !== undefined) assert.match(error.message ?? '', pattern);
    return true;
  };
}

before(async () => {
  await pgAdmin('postgres', (c) => c.query(`CREATE DATABASE "${pgDatabase}"`));
  await pgAdmin(pgDatabase, async (c) => {
    await c.query(`CREATE TABLE public.numbers (id bigint PRIMARY KEY, v integer)`);
    await c.query(`INSERT INTO public.numbers SELECT i, i % 97 FROM generate_series(1, 20000) i`);
    await c.query(`CREATE VIEW public.slow AS SELECT x FROM generate_series(1, 2) x, LATERAL (SELECT pg_sleep(30)) s`);
    await c.query(`CREATE TABLE public.bad (id integer, ts timestamp)`);
    await c.query(`INSERT INTO public.bad VALUES (1, 'infinity')`);
  });
  await myAdmin(async (c) => {
    await c.query(`CREATE DATABASE \`${myDatabase}\``);
    await c.query(`CREATE TABLE \`${myDatabase}\`.nations (nationkey bigint PRIMARY KEY, name varchar(25), regionkey bigint)`);
    await c.query(`CREATE TABLE \`${myDatabase}\`.pairs (a integer, b varchar(10), v integer, PRIMARY KEY (a, b))`);
    await c.query(`CREATE VIEW \`${myDatabase}\`.slow AS SELECT 1 AS x FROM DUAL WHERE SLEEP(30) = 0`);
    await c.query(`SET SESSION sql_mode = ''; CREATE TABLE \`${myDatabase}\`.bad (id integer, d date, t time); INSERT INTO \`${myDatabase}\`.bad VALUES (1, '0000-00-00', '12:00:00'), (2, '2024-01-01', '100:00:00')`);
  });
  const pgUrl = `jdbc:postgresql://127.0.0.1:5432/${pgDatabase}`;
  engine = await Engine.create({
    catalogs: [
      { name: 'tpch', connectorName: 'tpch', properties: {} },
      { name: 'pg', connectorName: 'postgresql', properties: { 'connection-url': pgUrl, 'connection-user': 'postgres' } },
      { name: 'pgpar', connectorName: 'postgresql', properties: { 'connection-url': pgUrl, 'connection-user': 'postgres', 'parallel-read.split-count': '4', 'aggregation-pushdown.enabled': 'false' } },
      { name: 'my', connectorName: 'mysql', properties: { 'connection-url': 'jdbc:mysql://127.0.0.1:3306', 'connection-user': 'root', 'connection-password': '' } },
    ],
  });
});

after(async () => {
  await engine?.shutdown();
  await pgAdmin('postgres', (c) => c.query(`DROP DATABASE IF EXISTS "${pgDatabase}" WITH (FORCE)`));
  await myAdmin(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS \`${myDatabase}\``);
    await c.query(`DROP DATABASE IF EXISTS \`${myWriteSchema}\``);
  });
});

const TYPED_SELECT = `SELECT true AS b, TINYINT '-7' AS ti, SMALLINT '-300' AS si, 123456 AS i, BIGINT '-9007199254740993' AS bi,
  REAL '1.5' AS r, DOUBLE '2.25' AS d, DECIMAL '-12.34' AS dec, DECIMAL '12345678901234567890.123456789' AS bigdec,
  CAST('ab' AS char(3)) AS c, CAST('xy' AS varchar(5)) AS vc, CAST('free text' AS varchar) AS v, X'0102ff' AS vb,
  DATE '2024-02-29' AS dt, TIME '12:34:56.123' AS t, TIMESTAMP '2024-01-02 03:04:05.123456' AS ts,
  TIMESTAMP '2024-01-02 03:04:05.123 UTC' AS tstz, JSON '{"a":1}' AS j`;
const READ_BACK = `typeof(b), typeof(ti), typeof(si), typeof(i), typeof(bi), typeof(r), typeof(d), typeof(dec), typeof(bigdec), typeof(c), typeof(vc), typeof(v), typeof(vb),
  typeof(dt), typeof(t), typeof(ts), typeof(tstz), typeof(j),
  CAST(b AS varchar), CAST(ti AS varchar), CAST(si AS varchar), CAST(i AS varchar), CAST(bi AS varchar), CAST(r AS varchar), CAST(d AS varchar), CAST(dec AS varchar),
  CAST(bigdec AS varchar), '[' || CAST(c AS varchar) || ']', CAST(vc AS varchar), v, to_hex(vb), CAST(dt AS varchar), CAST(t AS varchar), CAST(ts AS varchar), CAST(tstz AS varchar), json_format(j)`;
const VALUES_TEXT = ['-7', '-300', '123456', '-9007199254740993', '1.5', '2.25', '-12.34', '12345678901234567890.123456789', '[ab ]', 'xy', 'free text', '0102FF', '2024-02-29', '12:34:56.123'];

describe('type round trips through SQL', () => {
  it('PostgreSQL: CREATE TABLE AS and INSERT of every mapped type, read back with typeof', async () => {
    await engine.query(`CREATE TABLE pg.public.types AS ${TYPED_SELECT}`);
    await engine.query(`INSERT INTO pg.public.types ${TYPED_SELECT}`);
    await engine.query(`INSERT INTO pg.public.types (i) VALUES (NULL)`);
    const result = await engine.query(`SELECT ${READ_BACK} FROM pg.public.types WHERE i IS NOT NULL`);
    assert.equal(result.rows.length, 2);
    for (const row of result.rows) {
      assert.deepEqual(row.slice(0, 18), [
        'boolean', 'smallint', 'smallint', 'integer', 'bigint', 'real', 'double', 'decimal(4,2)', 'decimal(29,9)', 'char(3)', 'varchar(5)', 'varchar', 'varbinary',
        'date', 'time(3)', 'timestamp(6)', 'timestamp(3) with time zone', 'json',
      ]);
      assert.deepEqual(row.slice(18), ['true', ...VALUES_TEXT, '2024-01-02 03:04:05.123456', '2024-01-02 03:04:05.123 UTC', '{"a":1}']);
    }
    const nulls = await engine.query(`SELECT count(*) FROM pg.public.types WHERE i IS NULL AND b IS NULL AND ts IS NULL AND j IS NULL`);
    assert.deepEqual(nulls.rows, [[1]]);
    const uuid = await engine.query(`CREATE TABLE pg.public.uuids AS SELECT UUID '12151fd2-7586-11e9-8f9e-2a86e4085a59' AS u`);
    assert.equal(uuid.updateCount ?? uuid.rows[0]![0], 1);
    assert.deepEqual((await engine.query(`SELECT typeof(u), CAST(u AS varchar) FROM pg.public.uuids`)).rows, [['uuid', '12151fd2-7586-11e9-8f9e-2a86e4085a59']]);
  });

  it('MySQL: CREATE TABLE AS and INSERT of every mapped type, read back with typeof', async () => {
    // MySQL stores boolean as tinyint(1), read back as tinyint. The engine's CREATE TABLE AS checks the
    // query against the re-read table (tinyint), unlike Trino, so both statements write a tinyint there.
    const select = TYPED_SELECT.replace('SELECT true AS b', "SELECT TINYINT '1' AS b");
    await engine.query(`CREATE TABLE my.${myDatabase}.types AS ${select}`);
    await engine.query(`INSERT INTO my.${myDatabase}.types ${select}`);
    const result = await engine.query(`SELECT ${READ_BACK} FROM my.${myDatabase}.types`);
    assert.equal(result.rows.length, 2);
    for (const row of result.rows) {
      assert.deepEqual(row.slice(0, 18), [
        'tinyint', 'tinyint', 'smallint', 'integer', 'bigint', 'real', 'double', 'decimal(4,2)', 'decimal(29,9)', 'char(3)', 'varchar(255)', 'varchar', 'varbinary',
        'date', 'time(3)', 'timestamp(6)', 'timestamp(3) with time zone', 'json',
      ]);
      assert.deepEqual(row.slice(18), ['1', ...VALUES_TEXT, '2024-01-02 03:04:05.123456', '2024-01-02 03:04:05.123 UTC', '{"a":1}']);
    }
  });
});

describe('writes through SQL', () => {
  it('PostgreSQL: schema, DELETE, UPDATE, ALTER, COMMENT, TRUNCATE, DROP', async () => {
    let step = await sent('pg', 'CREATE SCHEMA pg.w');
    assert.ok(step.statements.includes('CREATE SCHEMA "w"'), step.statements.join('\n'));
    await engine.query('CREATE TABLE pg.w.nations AS SELECT nationkey, name, regionkey FROM tpch.tiny.nation');

    step = await sent('pg', 'DELETE FROM pg.w.nations WHERE regionkey = 4');
    assert.deepEqual(step.rows, [[5]]);
    assert.ok(step.statements.some((s) => /FROM "w"."nations" WHERE "regionkey" = 4/.test(s)), step.statements.join('\n'));
    assert.ok(step.statements.some((s) => s.startsWith('DELETE FROM "w"."nations"')), step.statements.join('\n'));
    assert.deepEqual((await engine.query('SELECT count(*) FROM pg.w.nations')).rows, [[20]]);

    step = await sent('pg', `UPDATE pg.w.nations SET name = 'X-' || name, regionkey = regionkey + 10 WHERE nationkey < 3`);
    assert.deepEqual(step.rows, [[3]]);
    assert.ok(step.statements.some((s) => s.startsWith('UPDATE "w"."nations" SET ') && s.includes(`'X-ALGERIA'`)), step.statements.join('\n'));
    assert.ok(step.statements.includes('BEGIN') && step.statements.includes('COMMIT'));
    assert.deepEqual((await engine.query('SELECT nationkey, name, regionkey FROM pg.w.nations WHERE nationkey < 4 ORDER BY 1')).rows, [
      [0, 'X-ALGERIA', 10],
      [1, 'X-ARGENTINA', 11],
      [2, 'X-BRAZIL', 11],
      [3, 'CANADA', 1],
    ]);

    step = await sent('pg', 'ALTER TABLE pg.w.nations ADD COLUMN note varchar(10)');
    assert.ok(step.statements.some((s) => /ALTER TABLE "w"."nations" ADD COLUMN "note" varchar\(10\)/.test(s)), step.statements.join('\n'));
    await engine.query('ALTER TABLE pg.w.nations RENAME COLUMN note TO remark');
    await engine.query(`UPDATE pg.w.nations SET remark = 'r' WHERE nationkey = 3`);
    assert.deepEqual((await engine.query('SELECT remark FROM pg.w.nations WHERE nationkey = 3')).rows, [['r']]);
    step = await sent('pg', 'ALTER TABLE pg.w.nations DROP COLUMN remark');
    assert.ok(step.statements.some((s) => /ALTER TABLE "w"."nations" DROP COLUMN "remark"/.test(s)), step.statements.join('\n'));
    assert.deepEqual((await engine.query('SELECT * FROM pg.w.nations WHERE nationkey = 3')).rows, [[3, 'CANADA', 1]]);

    step = await sent('pg', `COMMENT ON TABLE pg.w.nations IS 'the nations'`);
    assert.ok(step.statements.some((s) => s.startsWith('COMMENT ON TABLE "w"."nations" IS ')), step.statements.join('\n'));
    await engine.query(`COMMENT ON COLUMN pg.w.nations.name IS 'nation name'`);
    const comments = await pgAdmin(pgDatabase, (c) => c.query(`SELECT obj_description('w.nations'::regclass), col_description('w.nations'::regclass, 2)`));
    assert.deepEqual(Object.values(comments.rows[0] as object), ['the nations', 'nation name']);

    step = await sent('pg', 'TRUNCATE TABLE pg.w.nations');
    assert.ok(step.statements.includes('TRUNCATE TABLE "w"."nations"'));
    assert.deepEqual((await engine.query('SELECT count(*) FROM pg.w.nations')).rows, [[0]]);
    await engine.query('DROP TABLE pg.w.nations');
    step = await sent('pg', 'DROP SCHEMA pg.w');
    assert.ok(step.statements.some((s) => s.startsWith('DROP SCHEMA "w"')));
    assert.deepEqual((await engine.query(`SHOW SCHEMAS FROM pg LIKE 'w'`)).rows, []);
  });

  it('MySQL: schema, DELETE, UPDATE by primary key (also composite), ALTER, COMMENT, TRUNCATE, DROP', async () => {
    let step = await sent('my', `CREATE SCHEMA my.${myWriteSchema}`);
    assert.ok(step.statements.some((s) => s.startsWith(`CREATE`) && s.includes(myWriteSchema)), step.statements.join('\n'));
    const table = `my.${myDatabase}.nations`;
    await engine.query(`INSERT INTO ${table} SELECT nationkey, name, regionkey FROM tpch.tiny.nation`);

    step = await sent('my', `DELETE FROM ${table} WHERE regionkey = 4`);
    assert.deepEqual(step.rows, [[5]]);
    assert.ok(step.statements.some((s) => /WHERE `regionkey` = 4/.test(s)), step.statements.join('\n'));
    assert.ok(step.statements.some((s) => s.startsWith('DELETE FROM `')), step.statements.join('\n'));
    assert.deepEqual((await engine.query(`SELECT count(*) FROM ${table}`)).rows, [[20]]);

    step = await sent('my', `UPDATE ${table} SET name = 'X-' || name WHERE nationkey IN (0, 1, 2)`);
    assert.deepEqual(step.rows, [[3]]);
    assert.ok(step.statements.some((s) => s.startsWith('UPDATE `') && s.includes("'X-ALGERIA'") && s.includes('WHERE `nationkey` IN (0)')), step.statements.join('\n'));
    assert.deepEqual((await engine.query(`SELECT nationkey, name FROM ${table} WHERE nationkey < 4 ORDER BY 1`)).rows, [
      [0, 'X-ALGERIA'],
      [1, 'X-ARGENTINA'],
      [2, 'X-BRAZIL'],
      [3, 'CANADA'],
    ]);

    await engine.query(`INSERT INTO my.${myDatabase}.pairs VALUES (1, 'a', 10), (1, 'b', 20), (2, 'a', 30)`);
    step = await sent('my', `UPDATE my.${myDatabase}.pairs SET v = v + 1 WHERE v >= 20`);
    assert.deepEqual(step.rows, [[2]]);
    assert.ok(step.statements.some((s) => s.includes("WHERE (`a`, `b`) IN ((1, 'b'))")), step.statements.join('\n'));
    await engine.query(`DELETE FROM my.${myDatabase}.pairs WHERE v = 10`);
    assert.deepEqual((await engine.query(`SELECT a, b, v FROM my.${myDatabase}.pairs ORDER BY 1, 2`)).rows, [
      [1, 'b', 21],
      [2, 'a', 31],
    ]);

    step = await sent('my', `ALTER TABLE ${table} ADD COLUMN note integer`);
    assert.ok(step.statements.some((s) => /ALTER TABLE .* ADD (COLUMN )?`note`/.test(s)), step.statements.join('\n'));
    await engine.query(`ALTER TABLE ${table} RENAME COLUMN note TO remark`);
    await engine.query(`UPDATE ${table} SET remark = 7 WHERE nationkey = 3`);
    assert.deepEqual((await engine.query(`SELECT remark FROM ${table} WHERE nationkey = 3`)).rows, [[7]]);
    await engine.query(`ALTER TABLE ${table} DROP COLUMN remark`);
    assert.deepEqual((await engine.query(`SELECT * FROM ${table} WHERE nationkey = 3`)).rows, [[3, 'CANADA', 1]]);

    await engine.query(`COMMENT ON TABLE ${table} IS 'the nations'`);
    await engine.query(`COMMENT ON COLUMN ${table}.name IS 'nation name'`);
    const [comments] = await myAdmin((c) =>
      c.query(
        `SELECT t.TABLE_COMMENT, c.COLUMN_COMMENT FROM information_schema.TABLES t JOIN information_schema.COLUMNS c ON c.TABLE_SCHEMA = t.TABLE_SCHEMA AND c.TABLE_NAME = t.TABLE_NAME WHERE t.TABLE_SCHEMA = '${myDatabase}' AND t.TABLE_NAME = 'nations' AND c.COLUMN_NAME = 'name'`,
      ),
    );
    assert.deepEqual(Object.values((comments as object[])[0]!), ['the nations', 'nation name']);

    step = await sent('my', `TRUNCATE TABLE ${table}`);
    assert.ok(step.statements.some((s) => s.startsWith('TRUNCATE TABLE `')));
    assert.deepEqual((await engine.query(`SELECT count(*) FROM ${table}`)).rows, [[0]]);
    await engine.query(`CREATE TABLE my.${myWriteSchema}.t AS SELECT 1 AS x`);
    await engine.query(`DROP TABLE my.${myWriteSchema}.t`);
    step = await sent('my', `DROP SCHEMA my.${myWriteSchema}`);
    assert.ok(step.statements.some((s) => s.startsWith('DROP')));
    assert.deepEqual((await engine.query(`SHOW SCHEMAS FROM my LIKE '${myWriteSchema}'`)).rows, []);
  });
});

describe('failures', () => {
  it('unreachable servers and wrong credentials are EXTERNAL errors naming the catalog', async () => {
    const broken = await Engine.create({
      catalogs: [
        { name: 'pgdown', connectorName: 'postgresql', properties: { 'connection-url': 'jdbc:postgresql://127.0.0.1:1/x', 'connection-user': 'postgres' } },
        { name: 'mydown', connectorName: 'mysql', properties: { 'connection-url': 'jdbc:mysql://127.0.0.1:1', 'connection-user': 'root' } },
        { name: 'pgauth', connectorName: 'postgresql', properties: { 'connection-url': `jdbc:postgresql://127.0.0.1:5432/${pgDatabase}`, 'connection-user': 'no_such_user' } },
        { name: 'myauth', connectorName: 'mysql', properties: { 'connection-url': 'jdbc:mysql://127.0.0.1:3306', 'connection-user': 'root', 'connection-password': 'wrong' } },
      ],
    });
    try {
      await assert.rejects(broken.query('SELECT * FROM pgdown.public.t'), isExternalNaming('pgdown'));
      await assert.rejects(broken.query('SELECT * FROM mydown.x.t'), isExternalNaming('mydown'));
      await assert.rejects(broken.query('SELECT * FROM pgauth.public.numbers'), isExternalNaming('pgauth', /no_such_user/));
      await assert.rejects(broken.query(`SHOW TABLES FROM myauth.${myDatabase}`), isExternalNaming('myauth', /[Aa]ccess denied/));
      for (const catalog of ['pgdown', 'mydown', 'pgauth', 'myauth']) assert.equal(await leasedSettles(connectorOf(catalog)), 0, catalog);
    } finally {
      await broken.shutdown();
    }
  });

  it('PostgreSQL: a backend terminated mid-query fails the query and returns the pool to zero leases', async () => {
    const running = engine.query('SELECT * FROM pg.public.slow').then(
      () => assert.fail('the query should fail'),
      (error: unknown) => error,
    );
    const killed = await pgAdmin(pgDatabase, async (c) => {
      for (let i = 0; i < 200; i++) {
        const r = await c.query(`SELECT pg_terminate_backend(pid) AS killed FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'FETCH FORWARD % FROM petrel_cursor' AND state = 'active' AND pid <> pg_backend_pid()`);
        if (r.rows.length > 0) return true;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      return false;
    });
    assert.ok(killed, 'found the backend');
    assert.ok(isExternalNaming('pg', /terminating connection/)(await running));
    assert.equal(await leasedSettles(connectorOf('pg')), 0);
    assert.deepEqual((await engine.query('SELECT count(*) FROM pg.public.numbers')).rows, [[20000]]);
  });

  it('MySQL: a connection killed mid-query fails the query and returns the pool to zero leases', async () => {
    const running = engine.query(`SELECT * FROM my.${myDatabase}.slow`).then(
      () => assert.fail('the query should fail'),
      (error: unknown) => error,
    );
    const killed = await myAdmin(async (c) => {
      for (let i = 0; i < 200; i++) {
        const [rows] = await c.query(`SELECT ID FROM information_schema.PROCESSLIST WHERE INFO LIKE '%FROM \`${myDatabase}\`.\`slow\`%' AND ID <> CONNECTION_ID()`);
        const ids = (rows as { ID: number }[]).map((r) => r.ID);
        if (ids.length > 0) {
          for (const id of ids) await c.query(`KILL ${id}`);
          return true;
        }
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      return false;
    });
    assert.ok(killed, 'found the connection');
    assert.ok(isExternalNaming('my', /[Cc]onnection/)(await running));
    assert.equal(await leasedSettles(connectorOf('my')), 0);
    assert.deepEqual((await engine.query(`SELECT count(*) FROM my.${myDatabase}.pairs`)).rows.length, 1);
  });

  it('an unreadable value is an EXTERNAL error naming the catalog and the column', async () => {
    await assert.rejects(engine.query('SELECT * FROM pg.public.bad'), isExternalNaming('pg', /column 'ts'.*invalid timestamp 'infinity'/));
    assert.equal(await leasedSettles(connectorOf('pg')), 0);
    await assert.rejects(engine.query(`SELECT d FROM my.${myDatabase}.bad`), isExternalNaming('my', /column 'd'.*invalid date '0000-00-00'/));
    await assert.rejects(engine.query(`SELECT t FROM my.${myDatabase}.bad`), isExternalNaming('my', /column 't'.*invalid time '100:00:00'/));
    assert.equal(await leasedSettles(connectorOf('my')), 0);
  });
});

describe('parallel reads', () => {
  it('reads N key-range splits concurrently with equal results', async () => {
    const connector = connectorOf('pgpar');
    const pool = connector.client.pool;
    const acquire = pool.acquire.bind(pool);
    let leased = 0;
    let maxLeased = 0;
    (pool as { acquire: () => Promise<RemoteConnection> }).acquire = async () => {
      const connection = await acquire();
      leased++;
      maxLeased = Math.max(maxLeased, leased);
      const release = connection.release.bind(connection);
      return Object.assign(Object.create(connection) as RemoteConnection, {
        release: (broken?: boolean) => {
          leased--;
          release(broken);
        },
      });
    };
    try {
      const position = log('pgpar').mark();
      const parallel = await engine.query('SELECT count(*), sum(v), min(id), max(id) FROM pgpar.public.numbers');
      const reads = log('pgpar').statementsSince(position).filter((s) => s.startsWith('SELECT') && s.includes('FROM "public"."numbers" WHERE'));
      assert.equal(reads.length, 4, reads.join('\n'));
      assert.ok(reads.some((s) => s.includes('"id" IS NULL')));
      assert.ok(maxLeased >= 2, `max concurrently leased connections: ${maxLeased}`);
      const single = await engine.query('SELECT count(*), sum(v), min(id), max(id) FROM pg.public.numbers', { catalogProperties: { pg: { aggregation_pushdown_enabled: 'false' } } });
      assert.deepEqual(parallel.rows, single.rows);
      assert.deepEqual(parallel.rows, [[20000, 959_307, 1, 20000]]);
    } finally {
      (pool as { acquire: () => Promise<RemoteConnection> }).acquire = acquire;
    }
  });
});
