/**
 * Federation end to end: one Engine with tpch, a PostgreSQL catalog and a MySQL catalog on the real
 * servers, joined in single queries; pushdown asserted in the SQL each source received.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Engine } from '../engine.js';
import { queryLogOf } from '@petrel/connector-jdbc';
import { pgAdmin, myAdmin } from './source-admin-clients.js';

let engine: Engine;
const pgDatabase = `petrel_fed_${process.pid}_${Math.random().toString(16).slice(2, 8)}`;
const myDatabase = `petrel_fed_${process.pid}_${Math.random().toString(16).slice(2, 8)}`;

function statements(catalog: string): readonly string[] {
  const log = queryLogOf(catalog);
  assert.ok(log, `query log of ${catalog}`);
  return log.statements();
}

before(async () => {
  await pgAdmin('postgres', (c) => c.query(`CREATE DATABASE "${pgDatabase}"`));
  await pgAdmin(pgDatabase, async (c) => {
    await c.query(`CREATE TABLE public.customer_notes (custkey bigint PRIMARY KEY, note varchar(40), score integer)`);
    await c.query(`INSERT INTO public.customer_notes SELECT i, 'note ' || i, i % 10 FROM generate_series(1, 1500) i`);
    await c.query(`ANALYZE public.customer_notes`);
  });
  await myAdmin(async (c) => {
    await c.query(`CREATE DATABASE \`${myDatabase}\``);
    await c.query(`CREATE TABLE \`${myDatabase}\`.segments (mktsegment varchar(10) PRIMARY KEY, discount decimal(4,2))`);
    await c.query(`INSERT INTO \`${myDatabase}\`.segments VALUES ('AUTOMOBILE', 0.10), ('BUILDING', 0.20), ('FURNITURE', 0.05), ('HOUSEHOLD', 0.00), ('MACHINERY', 0.15)`);
  });
  engine = await Engine.create({
    catalogs: [
      { name: 'tpch', connectorName: 'tpch', properties: {} },
      { name: 'memory', connectorName: 'memory', properties: {} },
      { name: 'pg', connectorName: 'postgresql', properties: { 'connection-url': `jdbc:postgresql://127.0.0.1:5432/${pgDatabase}`, 'connection-user': 'postgres' } },
      { name: 'my', connectorName: 'mysql', properties: { 'connection-url': 'jdbc:mysql://127.0.0.1:3306', 'connection-user': 'root', 'connection-password': '' } },
    ],
  });
});

after(async () => {
  await engine?.shutdown();
  await pgAdmin('postgres', (c) => c.query(`DROP DATABASE IF EXISTS "${pgDatabase}" WITH (FORCE)`));
  await myAdmin((c) => c.query(`DROP DATABASE IF EXISTS \`${myDatabase}\``));
});

describe('federated queries', () => {
  it('joins a PostgreSQL table, a MySQL table and tpch.tiny in one query', async () => {
    const result = await engine.query(
      `SELECT c.mktsegment, count(*) AS customers, sum(n.score) AS score, max(s.discount) AS discount
       FROM tpch.tiny.customer c
       JOIN pg.public.customer_notes n ON n.custkey = c.custkey
       JOIN my.${myDatabase}.segments s ON s.mktsegment = c.mktsegment
       GROUP BY c.mktsegment ORDER BY c.mktsegment`,
    );
    const expected = await engine.query(
      `SELECT mktsegment, count(*), sum(custkey % 10), max(CASE mktsegment WHEN 'AUTOMOBILE' THEN DECIMAL '0.10' WHEN 'BUILDING' THEN DECIMAL '0.20' WHEN 'FURNITURE' THEN DECIMAL '0.05' WHEN 'HOUSEHOLD' THEN DECIMAL '0.00' ELSE DECIMAL '0.15' END)
       FROM tpch.tiny.customer GROUP BY mktsegment ORDER BY mktsegment`,
    );
    assert.equal(result.rows.length, 5);
    assert.deepEqual(result.rows, expected.rows);
  });

  it('pushes filters and limits into the remote query', async () => {
    const result = await engine.query(`SELECT note FROM pg.public.customer_notes WHERE custkey BETWEEN 10 AND 12 ORDER BY note`);
    assert.deepEqual(result.rows, [['note 10'], ['note 11'], ['note 12']]);
    assert.ok(statements('pg').some((s) => /FROM "public"."customer_notes" WHERE "custkey" >= 10 AND "custkey" <= 12/.test(s)));
  });

  it('pushes aggregations and TopN chosen by the engine into the remote query', async () => {
    const grouped = await engine.query(`SELECT score, count(*), max(custkey) FROM pg.public.customer_notes GROUP BY score ORDER BY score LIMIT 2`);
    assert.deepEqual(grouped.rows, [
      [0, 150, 1500],
      [1, 150, 1491],
    ]);
    assert.ok(statements('pg').some((s) => /count\(\*\).*max\("custkey"\).*FROM "public"."customer_notes" GROUP BY "score"/.test(s)));
    const top = await engine.query(`SELECT custkey FROM pg.public.customer_notes ORDER BY custkey DESC LIMIT 2`);
    assert.deepEqual(top.rows, [[1500], [1499]]);
    assert.ok(statements('pg').includes('SELECT "custkey" FROM "public"."customer_notes" ORDER BY "custkey" DESC NULLS LAST LIMIT 2'));
  });

  it('writes into PostgreSQL and MySQL with CREATE TABLE AS and INSERT, then reads back', async () => {
    await engine.query(`CREATE TABLE pg.public.nations AS SELECT nationkey, name FROM tpch.tiny.nation`);
    await engine.query(`INSERT INTO my.${myDatabase}.segments VALUES ('OTHER', 0.01)`);
    const result = await engine.query(`SELECT count(*) FROM pg.public.nations n JOIN my.${myDatabase}.segments s ON n.nationkey < 2`);
    assert.deepEqual(result.rows, [[12]]);
    assert.ok(statements('my').some((s) => s.startsWith('INSERT INTO `') && s.includes("'OTHER'")));
  });

  it('shows the remote query in EXPLAIN', async () => {
    const result = await engine.query(`EXPLAIN SELECT note FROM pg.public.customer_notes WHERE custkey = 7`);
    assert.match(String(result.rows[0]![0]), /pg:Query\[SELECT .* FROM "public"."customer_notes" WHERE "custkey" = 7\]/);
  });

  it('reports an unreachable catalog as an EXTERNAL error naming it', async () => {
    const broken = await Engine.create({
      catalogs: [{ name: 'down', connectorName: 'postgresql', properties: { 'connection-url': 'jdbc:postgresql://127.0.0.1:1/x', 'connection-user': 'postgres' } }],
    });
    try {
      await assert.rejects(broken.query('SELECT * FROM down.public.t'), (e: unknown) => {
        const error = e as { errorCode?: { type?: string }; message?: string };
        return error.errorCode?.type === 'EXTERNAL' && /catalog 'down'/.test(error.message ?? '');
      });
    } finally {
      await broken.shutdown();
    }
  });
});

