/**
 * Join pushdown (PushJoinIntoTableScan) against the real PostgreSQL and MariaDB servers: where it
 * fires the plan has one scan whose remote query holds the join and the source receives that SQL;
 * where it must not (other catalog, disabled by catalog or session, a condition or join kind the
 * connector refuses, AUTOMATIC without a paying estimate) the join stays in Petrel. Results are the
 * same either way.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Engine } from '../engine.js';
import { queryLogOf } from '@petrel/connector-jdbc';
import { pgAdmin, myAdmin } from './source-admin-clients.js';

let engine: Engine;
const suffix = `${process.pid}_${Math.random().toString(16).slice(2, 8)}`;
const pgDatabase = `petrel_jpd_${suffix}`;
const myDatabase = `petrel_jpd_${suffix}`;

/** The statements a catalog received while `work` ran. */
async function received(catalog: string, work: () => Promise<unknown>): Promise<string[]> {
  const log = queryLogOf(catalog);
  assert.ok(log, `query log of ${catalog}`);
  const before = log.statements().length;
  await work();
  return log.statements().slice(before);
}

async function explain(sql: string, session: Parameters<Engine['query']>[1] = {}): Promise<string> {
  const result = await engine.query(`EXPLAIN ${sql}`, session);
  return String(result.rows[0]![0]);
}

function joinCount(plan: string): number {
  return plan.split('\n').filter((line) => /^\s*[-└├│ ]*(Inner|Left|Right|Full|Cross)?Join\b|\bJoin\[/.test(line) || /\b(InnerJoin|LeftJoin|RightJoin|FullJoin)\b/.test(line)).length;
}

async function rows(sql: string, session: Parameters<Engine['query']>[1] = {}): Promise<unknown[][]> {
  return (await engine.query(sql, session)).rows as unknown[][];
}

before(async () => {
  await pgAdmin('postgres', (c) => c.query(`CREATE DATABASE "${pgDatabase}"`));
  await pgAdmin(pgDatabase, async (c) => {
    await c.query(`CREATE TABLE public.customers (id integer PRIMARY KEY, name varchar(20), region varchar(10))`);
    await c.query(`CREATE TABLE public.orders (id integer PRIMARY KEY, customer integer, amount integer, status varchar(10))`);
    await c.query(`INSERT INTO public.customers SELECT i, 'c' || i, CASE WHEN i % 2 = 0 THEN 'east' ELSE 'west' END FROM generate_series(1, 50) i`);
    await c.query(`INSERT INTO public.orders SELECT i, i % 60, i % 97, CASE WHEN i % 3 = 0 THEN 'open' ELSE 'done' END FROM generate_series(1, 2000) i`);
    await c.query(`CREATE TABLE public.keyed (id bigint PRIMARY KEY, payload varchar(10))`);
    await c.query(`INSERT INTO public.keyed SELECT i, 'p' || i FROM generate_series(1, 6000) i`);
    await c.query(`ANALYZE public.keyed`);
    await c.query(`ANALYZE public.customers`);
    await c.query(`ANALYZE public.orders`);
  });
  await myAdmin(async (c) => {
    await c.query(`CREATE DATABASE \`${myDatabase}\``);
    await c.query(`CREATE TABLE \`${myDatabase}\`.customers (id integer PRIMARY KEY, name varchar(20), region varchar(10))`);
    await c.query(`CREATE TABLE \`${myDatabase}\`.orders (id integer PRIMARY KEY, customer integer, amount integer, status varchar(10))`);
    const customers = Array.from({ length: 50 }, (_, k) => `(${k + 1}, 'c${k + 1}', '${(k + 1) % 2 === 0 ? 'east' : 'west'}')`);
    await c.query(`INSERT INTO \`${myDatabase}\`.customers VALUES ${customers.join(', ')}`);
    const orders = Array.from({ length: 2000 }, (_, k) => `(${k + 1}, ${(k + 1) % 60}, ${(k + 1) % 97}, '${(k + 1) % 3 === 0 ? 'open' : 'done'}')`);
    await c.query(`INSERT INTO \`${myDatabase}\`.orders VALUES ${orders.join(', ')}`);
    await c.query(`ANALYZE TABLE \`${myDatabase}\`.customers, \`${myDatabase}\`.orders`);
  });
  const pgUrl = `jdbc:postgresql://127.0.0.1:5432/${pgDatabase}`;
  const myProperties = { 'connection-url': 'jdbc:mysql://127.0.0.1:3306', 'connection-user': 'root', 'connection-password': '' };
  engine = await Engine.create({
    catalogs: [
      { name: 'tpch', connectorName: 'tpch', properties: {} },
      { name: 'pgj', connectorName: 'postgresql', properties: { 'connection-url': pgUrl, 'connection-user': 'postgres', 'join-pushdown.enabled': 'true', 'join-pushdown.strategy': 'EAGER' } },
      { name: 'pgauto', connectorName: 'postgresql', properties: { 'connection-url': pgUrl, 'connection-user': 'postgres', 'join-pushdown.enabled': 'true' } },
      { name: 'pgoff', connectorName: 'postgresql', properties: { 'connection-url': pgUrl, 'connection-user': 'postgres' } },
      { name: 'myj', connectorName: 'mysql', properties: { ...myProperties, 'join-pushdown.enabled': 'true', 'join-pushdown.strategy': 'EAGER' } },
    ],
  });
});

after(async () => {
  await engine?.shutdown();
  await pgAdmin('postgres', (c) => c.query(`DROP DATABASE IF EXISTS "${pgDatabase}" WITH (FORCE)`));
  await myAdmin((c) => c.query(`DROP DATABASE IF EXISTS \`${myDatabase}\``));
});

/** A join Petrel pushed (the connector's subqueries are aliased l and r). */
const REMOTE_JOIN = /\) l (INNER|LEFT|RIGHT|FULL) JOIN \(/;

const innerJoin = (catalog: string, schema: string) =>
  `SELECT c.name, o.id, o.amount FROM ${catalog}.${schema}.orders o JOIN ${catalog}.${schema}.customers c ON o.customer = c.id WHERE o.status = 'open' AND c.region = 'east' ORDER BY o.id`;

describe('join pushdown', () => {
  it('pushes an inner equi-join of two PostgreSQL tables into one remote query with both filters', async () => {
    const plan = await explain(innerJoin('pgj', 'public'));
    assert.equal(joinCount(plan), 0, plan);
    assert.match(plan, /pgj:Query\[SELECT .*INNER JOIN .* ON l\."customer" = r\."id"/);
    let result: unknown[][] = [];
    const sql = await received('pgj', async () => {
      result = await rows(innerJoin('pgj', 'public'));
    });
    const join = sql.find((s) => REMOTE_JOIN.test(s));
    assert.ok(join, sql.join('\n'));
    assert.match(join, /FROM "public"."orders" WHERE "status" = 'open'.* INNER JOIN .*FROM "public"."customers" WHERE "region" = 'east'.* ON l\."customer" = r\."id"/);
    assert.ok(!sql.some((s) => /FROM "public"."orders"/.test(s) && !REMOTE_JOIN.test(s)), 'orders is not read on its own');
    const expected = await rows(innerJoin('pgoff', 'public'));
    assert.ok(expected.length > 100);
    assert.deepEqual(result, expected);
  });

  it('pushes an inner join of two MariaDB tables', async () => {
    const plan = await explain(innerJoin('myj', myDatabase));
    assert.equal(joinCount(plan), 0, plan);
    let result: unknown[][] = [];
    const sql = await received('myj', async () => {
      result = await rows(innerJoin('myj', myDatabase));
    });
    assert.ok(sql.some((s) => /INNER JOIN .* ON l\.`customer` = r\.`id`/.test(s)), sql.join('\n'));
    assert.deepEqual(result, await rows(innerJoin('pgoff', 'public')));
  });

  it('does not push when join-pushdown.enabled is false or the session turns it off', async () => {
    assert.equal(joinCount(await explain(innerJoin('pgoff', 'public'))), 1);
    const off = { catalogProperties: { pgj: { join_pushdown_enabled: 'false' } } };
    assert.equal(joinCount(await explain(innerJoin('pgj', 'public'), off)), 1);
    const sql = await received('pgj', () => rows(innerJoin('pgj', 'public'), off));
    assert.ok(!sql.some((s) => REMOTE_JOIN.test(s)), sql.join('\n'));
    const on = { catalogProperties: { pgoff: { join_pushdown_enabled: 'true', join_pushdown_strategy: 'EAGER' } } };
    assert.equal(joinCount(await explain(innerJoin('pgoff', 'public'), on)), 0);
  });

  it('does not push a join across catalogs', async () => {
    const sql = `SELECT count(*) FROM pgj.public.orders o JOIN myj.${myDatabase}.customers c ON o.customer = c.id`;
    assert.equal(joinCount(await explain(sql)), 1);
    assert.deepEqual(await rows(sql), [[1670]]);
  });

  it('pushes a non-equi condition the connector can express, keeps one it cannot', async () => {
    const pushable = `SELECT o.id, c.id FROM pgj.public.orders o JOIN pgj.public.customers c ON o.customer = c.id AND o.amount < c.id ORDER BY 1`;
    const plan = await explain(pushable);
    assert.equal(joinCount(plan), 0, plan);
    assert.match(plan, /ON l\."customer" = r\."id" AND l\."amount" < r\."id"/);
    const expected = await rows(pushable.replaceAll('pgj.', 'pgoff.'));
    assert.ok(expected.length > 10);
    assert.deepEqual(await rows(pushable), expected);
    const refused = `SELECT o.id, c.id FROM pgj.public.orders o JOIN pgj.public.customers c ON o.customer = c.id AND o.amount + 1 < c.id ORDER BY 1`;
    assert.equal(joinCount(await explain(refused)), 1);
    assert.deepEqual(await rows(refused), await rows(refused.replaceAll('pgj.', 'pgoff.')));
    const mixedTypes = `SELECT count(*) FROM pgj.public.orders o JOIN pgj.public.customers c ON o.status = c.name`;
    assert.equal(joinCount(await explain(mixedTypes)), 1, 'columns of different types are not joined remotely');
    assert.deepEqual(await rows(mixedTypes), [[0]]);
  });

  it('pushes outer joins PostgreSQL runs and keeps FULL JOIN MariaDB cannot run', async () => {
    const left = (catalog: string) =>
      `SELECT o.id, c.name FROM ${catalog}.public.orders o LEFT JOIN ${catalog}.public.customers c ON o.customer = c.id AND c.region = 'east' WHERE o.id <= 130 ORDER BY o.id`;
    const plan = await explain(left('pgj'));
    assert.equal(joinCount(plan), 0, plan);
    assert.match(plan, /LEFT JOIN/);
    const expected = await rows(left('pgoff'));
    assert.equal(expected.length, 130);
    assert.ok(expected.some((r) => r[1] === null));
    assert.deepEqual(await rows(left('pgj')), expected);
    const full = (catalog: string, schema: string) =>
      `SELECT o.id, c.id FROM ${catalog}.${schema}.orders o FULL JOIN ${catalog}.${schema}.customers c ON o.customer = c.id WHERE coalesce(o.id, 0) < 5 ORDER BY 1, 2`;
    assert.match(await explain(full('pgj', 'public')), /FULL JOIN/);
    assert.equal(joinCount(await explain(full('myj', myDatabase))), 1);
    assert.deepEqual(await rows(full('myj', myDatabase)), await rows(full('pgoff', 'public')));
  });

  it('pushes an aggregation over a pushed join', async () => {
    const sql = (catalog: string) => `SELECT c.region, count(*), sum(o.amount) FROM ${catalog}.public.orders o JOIN ${catalog}.public.customers c ON o.customer = c.id GROUP BY c.region ORDER BY 1`;
    const statements = await received('pgj', () => rows(sql('pgj')));
    assert.ok(statements.some((s) => /GROUP BY/.test(s) && /INNER JOIN/.test(s)), statements.join('\n'));
    assert.deepEqual(await rows(sql('pgj')), await rows(sql('pgoff')));
  });

  it('AUTOMATIC pushes a key join the statistics show does not grow, and not a join that multiplies rows', async () => {
    const keyJoin = `SELECT o.id, c.name FROM pgauto.public.orders o JOIN pgauto.public.customers c ON o.customer = c.id`;
    assert.equal(joinCount(await explain(keyJoin)), 0, await explain(keyJoin));
    const growing = `SELECT o.id, c.name FROM pgauto.public.orders o JOIN pgauto.public.customers c ON o.status = c.region`;
    assert.equal(joinCount(await explain(growing)), 1);
    const eager = { catalogProperties: { pgauto: { join_pushdown_strategy: 'EAGER' } } };
    assert.equal(joinCount(await explain(growing, eager)), 0);
  });
});

describe('dynamic filters from a cross-catalog join', () => {
  it('hand a key range to PostgreSQL when the build side has more than 1000 distinct keys', async () => {
    const sql = `SELECT count(*), min(k.id), max(k.id) FROM pgoff.public.keyed k JOIN tpch.tiny.customer c ON k.id = c.custkey WHERE c.custkey > 200`;
    let result: unknown[][] = [];
    const statements = await received('pgoff', async () => {
      result = await rows(sql);
    });
    assert.deepEqual(result, [[1300, 201, 1500]]);
    assert.ok(
      statements.some((s) => /FROM "public"."keyed" WHERE .*"id" >= 201 AND "id" <= 1500\)?$/.test(s)),
      statements.join('\n'),
    );
  });

  it('hand the key list when the build side is small', async () => {
    const sql = `SELECT count(*) FROM pgoff.public.keyed k JOIN tpch.tiny.nation n ON k.id = n.nationkey`;
    let result: unknown[][] = [];
    const statements = await received('pgoff', async () => {
      result = await rows(sql);
    });
    assert.deepEqual(result, [[24]]);
    assert.ok(statements.some((s) => /FROM "public"."keyed" WHERE "id" IN \(0, 1, 2, .*, 24\)$/.test(s)), statements.join('\n'));
  });
});

describe('aggregation pushdown', () => {
  const noAggregationPushdown = (catalog: string) => ({ catalogProperties: { [catalog]: { aggregation_pushdown_enabled: 'false' } } });

  for (const [catalog, schema, avgSql] of [
    ['pgj', 'public', /avg\(CAST\("amount" AS double precision\)\).*GROUP BY "customer"/],
    ['myj', myDatabase, /avg\(CAST\(`amount` AS DOUBLE\)\).*GROUP BY `customer`/],
  ] as const) {
    it(`pushes grouped avg over integers, sum and count into ${catalog} with Trino's results`, async () => {
      const sql = `SELECT customer, avg(amount), sum(amount), count(*), min(id), max(amount) FROM ${catalog}.${schema}.orders WHERE id > 7 GROUP BY customer ORDER BY customer`;
      let result: unknown[][] = [];
      const statements = await received(catalog, async () => {
        result = await rows(sql);
      });
      assert.ok(statements.some((s) => avgSql.test(s)), statements.join('\n'));
      const expected = await rows(sql, noAggregationPushdown(catalog));
      assert.equal(expected.length, 60);
      assert.deepEqual(result, expected);
      assert.equal(typeof result[0]![1], 'number');
    });
  }

  it('keeps avg in Petrel when aggregation pushdown is off, with the same result', async () => {
    const sql = `SELECT avg(amount) FROM pgj.public.orders`;
    const statements = await received('pgj', () => rows(sql, noAggregationPushdown('pgj')));
    assert.ok(!statements.some((s) => s.includes('avg(')), statements.join('\n'));
    assert.deepEqual(await rows(sql), await rows(sql, noAggregationPushdown('pgj')));
  });
});
