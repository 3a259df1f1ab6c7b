/**
 * CREATE TABLE AS and INSERT of every Trino type the PostgreSQL and MySQL connectors can store,
 * read back with the types Trino's connectors document (MySQL stores BOOLEAN as TINYINT(1) and
 * VARCHAR(n <= 255) as TINYTEXT; PostgreSQL stores TINYINT as SMALLINT), and a clear NOT_SUPPORTED
 * error for the types they cannot.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TrinoError } from '@petrel/spi';
import { Engine } from '../engine.js';
import { queryLogOf } from '@petrel/connector-jdbc';
import mysql from 'mysql2/promise';
import { pgAdmin } from './source-admin-clients.js';

let engine: Engine;
const suffix = `${process.pid}_${Math.random().toString(16).slice(2, 8)}`;
const pgDatabase = `petrel_wt_${suffix}`;
const mySchema = `petrel_wt_${suffix}`;

before(async () => {
  await pgAdmin('postgres', (c) => c.query(`CREATE DATABASE "${pgDatabase}"`));
  engine = await Engine.create({
    catalogs: [
      { name: 'pg', connectorName: 'postgresql', properties: { 'connection-url': `jdbc:postgresql://127.0.0.1:5432/${pgDatabase}`, 'connection-user': 'postgres' } },
      { name: 'my', connectorName: 'mysql', properties: { 'connection-url': 'jdbc:mysql://127.0.0.1:3306', 'connection-user': 'root', 'connection-password': '' } },
    ],
  });
  await engine.query(`CREATE SCHEMA my.${mySchema}`);
});

after(async () => {
  await engine?.shutdown();
  await pgAdmin('postgres', (c) => c.query(`DROP DATABASE IF EXISTS "${pgDatabase}" WITH (FORCE)`));
  const connection = await mysql.createConnection({ host: '127.0.0.1', port: 3306, user: 'root', password: '' });
  await connection.query(`DROP DATABASE IF EXISTS \`${mySchema}\``);
  await connection.end();
});

/** [expression, MySQL read-back type, PostgreSQL read-back type]; undefined: the connector cannot store it. */
const CASES: readonly (readonly [string, string | undefined, string | undefined])[] = [
  ['true', 'tinyint', 'boolean'],
  ["TINYINT '5'", 'tinyint', 'smallint'],
  ["SMALLINT '7'", 'smallint', 'smallint'],
  ['42', 'integer', 'integer'],
  ["BIGINT '9000000000'", 'bigint', 'bigint'],
  ["REAL '1.5'", 'real', 'real'],
  ["DOUBLE '2.25'", 'double', 'double'],
  ["DECIMAL '12.34'", 'decimal(4,2)', 'decimal(4,2)'],
  ["DECIMAL '12345678901234567890.123'", 'decimal(23,3)', 'decimal(23,3)'],
  ["CAST('abc' AS varchar(5))", 'varchar(255)', 'varchar(5)'],
  ["CAST('x' AS char(3))", 'char(3)', 'char(3)'],
  ["X'DEADBEEF'", 'varbinary', 'varbinary'],
  ["DATE '2020-02-29'", 'date', 'date'],
  ["TIME '12:34:56.123'", 'time(3)', 'time(3)'],
  ["TIMESTAMP '2020-01-02 03:04:05.123456'", 'timestamp(6)', 'timestamp(6)'],
  ["TIMESTAMP '2020-01-02 03:04:05.123 UTC'", 'timestamp(3) with time zone', 'timestamp(3) with time zone'],
  [`JSON '{"a":1}'`, 'json', 'json'],
  ["UUID '123e4567-e89b-12d3-a456-426614174000'", undefined, 'uuid'],
  ['ARRAY[1, 2]', undefined, undefined],
  ["TIME '01:02:03 +01:00'", undefined, undefined],
];

async function roundTrip(table: string, expression: string, expectedType: string | undefined): Promise<void> {
  if (expectedType === undefined) {
    await assert.rejects(engine.query(`CREATE TABLE ${table} AS SELECT ${expression} AS v`), (e: unknown) => e instanceof TrinoError && /Unsupported column type/.test(e.message));
    return;
  }
  await engine.query(`CREATE TABLE ${table} AS SELECT ${expression} AS v`);
  const comparable = (e: string) => (expectedType === 'json' ? `json_format(${e})` : expectedType === 'varbinary' ? `to_hex(${e})` : e);
  const typed = await engine.query(`SELECT typeof(v), ${comparable('v')} = ${comparable(`CAST(${expression} AS ${expectedType})`)} FROM ${table}`);
  assert.deepEqual(typed.rows, [[expectedType, true]], expression);
  await engine.query(`INSERT INTO ${table} SELECT v FROM ${table}`);
  assert.deepEqual((await engine.query(`SELECT count(DISTINCT ${comparable('v')}), count(*) FROM ${table}`)).rows, [[1, 2]], expression);
  await engine.query(`DROP TABLE ${table}`);
}

function rethrowFor(expression: string): (error: unknown) => never {
  return (error: unknown) => {
    throw new Error(`${expression}: ${error instanceof Error ? error.message : String(error)}`);
  };
}

describe('CREATE TABLE AS and INSERT of every storable type', () => {
  it('MySQL', async () => {
    for (const [i, [expression, mysqlType]] of CASES.entries()) await roundTrip(`my.${mySchema}.t${i}`, expression, mysqlType).catch(rethrowFor(expression));
  });

  it('PostgreSQL', async () => {
    for (const [i, [expression, , postgresqlType]] of CASES.entries()) await roundTrip(`pg.public.t${i}`, expression, postgresqlType).catch(rethrowFor(expression));
  });

  it('MySQL reads a CREATE TABLE AS boolean back as tinyint 1 / 0 / NULL', async () => {
    await engine.query(`CREATE TABLE my.${mySchema}.flags AS SELECT * FROM (VALUES (1, true), (2, false), (3, CAST(NULL AS boolean))) t(id, b)`);
    assert.deepEqual((await engine.query(`SELECT id, b FROM my.${mySchema}.flags ORDER BY id`)).rows, [
      [1, 1],
      [2, 0],
      [3, null],
    ]);
  });
});

/** The statements a catalog received while `work` ran. */
async function received(catalog: string, work: () => Promise<unknown>): Promise<string[]> {
  const log = queryLogOf(catalog);
  assert.ok(log, `query log of ${catalog}`);
  const before = log.statements().length;
  await work();
  return log.statements().slice(before);
}

describe('DELETE pushdown', () => {
  const rows = `SELECT * FROM (VALUES (1, 'a'), (2, 'b'), (3, 'c'), (4, 'd'), (5, 'e'), (6, 'f')) t(id, tag)`;

  it('runs a DELETE whose predicate PostgreSQL takes entirely as one DELETE ... WHERE and reports the count', async () => {
    await engine.query(`CREATE TABLE pg.public.del AS ${rows}`);
    let count: unknown;
    const statements = await received('pg', async () => {
      count = (await engine.query(`DELETE FROM pg.public.del WHERE id > 4 AND tag IN ('a', 'e', 'f')`)).rows;
    });
    assert.deepEqual(count, [[2]]);
    assert.ok(statements.some((s) => /^DELETE FROM "public"."del" WHERE/.test(s)), statements.join('\n'));
    assert.ok(!statements.some((s) => /ctid/.test(s)), 'no row ids are read');
    assert.deepEqual((await engine.query(`SELECT id FROM pg.public.del ORDER BY id`)).rows, [[1], [2], [3], [4]]);
    // a predicate PostgreSQL cannot take: rows are deleted by row id
    const fallback = await received('pg', async () => {
      count = (await engine.query(`DELETE FROM pg.public.del WHERE id % 2 = 0`)).rows;
    });
    assert.deepEqual(count, [[2]]);
    assert.ok(fallback.some((s) => /ctid/.test(s)), fallback.join('\n'));
    assert.deepEqual((await engine.query(`SELECT id FROM pg.public.del ORDER BY id`)).rows, [[1], [3]]);
  });

  it('deletes from a MySQL table without a primary key when the predicate is pushed', async () => {
    await engine.query(`CREATE TABLE my.${mySchema}.del AS ${rows}`);
    let count: unknown;
    const statements = await received('my', async () => {
      count = (await engine.query(`DELETE FROM my.${mySchema}.del WHERE id BETWEEN 2 AND 3`)).rows;
    });
    assert.deepEqual(count, [[2]]);
    assert.ok(statements.some((s) => s.startsWith(`DELETE FROM \`${mySchema}\`.\`del\` WHERE`)), statements.join('\n'));
    assert.deepEqual((await engine.query(`DELETE FROM my.${mySchema}.del`)).rows, [[4]]);
    assert.deepEqual((await engine.query(`SELECT count(*) FROM my.${mySchema}.del`)).rows, [[0]]);
    await assert.rejects(engine.query(`DELETE FROM my.${mySchema}.del WHERE id % 2 = 0`), /primary key|not support/i);
  });
});

describe('UPDATE pushdown', () => {
  it('runs UPDATE ... SET column = constant with a pushed predicate as one remote UPDATE and reports the matched count', async () => {
    await engine.query(`CREATE TABLE pg.public.upd AS SELECT * FROM (VALUES (1, 'a', 10), (2, 'b', 20), (3, 'c', 30)) t(id, tag, amount)`);
    let count: unknown;
    const statements = await received('pg', async () => {
      count = (await engine.query(`UPDATE pg.public.upd SET tag = 'z', amount = -5 WHERE id >= 2`)).rows;
    });
    assert.deepEqual(count, [[2]]);
    assert.ok(statements.includes(`UPDATE "public"."upd" SET "tag" = 'z', "amount" = -5 WHERE "id" >= 2`), statements.join('\n'));
    assert.ok(!statements.some((s) => /ctid/.test(s)), 'no row ids are read');
    // an expression over a column needs the rows: by row id, same result
    const fallback = await received('pg', async () => {
      count = (await engine.query(`UPDATE pg.public.upd SET amount = amount + 1 WHERE id >= 2`)).rows;
    });
    assert.deepEqual(count, [[2]]);
    assert.ok(fallback.some((s) => /ctid/.test(s)), fallback.join('\n'));
    assert.deepEqual((await engine.query(`SELECT id, tag, amount FROM pg.public.upd ORDER BY id`)).rows, [
      [1, 'a', 10],
      [2, 'z', -4],
      [3, 'z', -4],
    ]);
  });

  it('counts matched rows in MySQL, also those already holding the value', async () => {
    await engine.query(`CREATE TABLE my.${mySchema}.upd AS SELECT * FROM (VALUES (1, 10), (2, 10), (3, 30)) t(id, amount)`);
    let count: unknown;
    const statements = await received('my', async () => {
      count = (await engine.query(`UPDATE my.${mySchema}.upd SET amount = 10 WHERE id IN (1, 2, 3)`)).rows;
    });
    assert.deepEqual(count, [[3]]);
    assert.ok(statements.some((s) => s.startsWith(`UPDATE \`${mySchema}\`.\`upd\` SET \`amount\` = 10 WHERE`)), statements.join('\n'));
    assert.deepEqual((await engine.query(`SELECT DISTINCT amount FROM my.${mySchema}.upd`)).rows, [[10]]);
  });
});
