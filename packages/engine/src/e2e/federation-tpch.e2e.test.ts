/**
 * Federated TPC-H: tpch.tiny split across PostgreSQL (customer, orders), MySQL/MariaDB (lineitem,
 * partsupp) and tpch (nation, region, part, supplier), loaded through the engine with CREATE TABLE AS
 * into freshly created databases; the 22 queries run unchanged over views in a memory schema that
 * point at the right catalogs, and are compared with the reference answers. A subset runs again with
 * every pushdown disabled and must give the same rows.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { queryLogOf } from '@petrel/connector-jdbc';
import { Engine } from '../engine.js';
import { compareResult, readAnswer } from './result-comparison.js';
import { SHARED_DIR } from './shared-data.js';
import { join } from 'node:path';

const TPCH_DIR = join(SHARED_DIR, 'tpch');
const QUERIES = Array.from({ length: 22 }, (_, i) => `q${String(i + 1).padStart(2, '0')}`);
const suffix = `${process.pid}_${Math.random().toString(16).slice(2, 8)}`;
const pgDatabase = `petrel_fedtpch_${suffix}`;
const myDatabase = `petrel_fedtpch_${suffix}`;
const PLACEMENT: Readonly<Record<string, string>> = {
  customer: 'pg.tpch',
  orders: 'pg.tpch',
  lineitem: `my.${myDatabase}`,
  partsupp: `my.${myDatabase}`,
  nation: 'tpch.tiny',
  region: 'tpch.tiny',
  part: 'tpch.tiny',
  supplier: 'tpch.tiny',
};
const NO_PUSHDOWN = {
  pg: { aggregation_pushdown_enabled: 'false', topn_pushdown_enabled: 'false', dynamic_filtering_enabled: 'false' },
  my: { aggregation_pushdown_enabled: 'false', topn_pushdown_enabled: 'false', dynamic_filtering_enabled: 'false' },
};

/** Loading writes straight into the new tables (no temporary table copy) in batches of 5000 rows. */
const DIRECT_LOAD = {
  pg: { non_transactional_insert: 'true', write_batch_size: '5000' },
  my: { non_transactional_insert: 'true', write_batch_size: '5000' },
};

let engine: Engine;

async function pgAdmin(database: string, sql: string): Promise<void> {
  const client = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function myAdmin(sql: string): Promise<void> {
  const connection = await mysql.createConnection({ host: '127.0.0.1', port: 3306, user: 'root', password: '' });
  try {
    await connection.query(sql);
  } finally {
    await connection.end();
  }
}

function querySql(query: string): string {
  return readFileSync(`${TPCH_DIR}/queries/${query}.sql`, 'utf8').replace(/;\s*$/, '');
}

before(async () => {
  await pgAdmin('postgres', `CREATE DATABASE "${pgDatabase}"`);
  engine = await Engine.create({
    catalogs: [
      { name: 'tpch', connectorName: 'tpch', properties: { 'tpch.column-naming': 'STANDARD' } },
      { name: 'memory', connectorName: 'memory', properties: {} },
      { name: 'pg', connectorName: 'postgresql', properties: { 'connection-url': `jdbc:postgresql://127.0.0.1:5432/${pgDatabase}`, 'connection-user': 'postgres' } },
      { name: 'my', connectorName: 'mysql', properties: { 'connection-url': 'jdbc:mysql://127.0.0.1:3306', 'connection-user': 'root', 'connection-password': '' } },
    ],
  });
  const started = Date.now();
  await engine.query('CREATE SCHEMA pg.tpch');
  await engine.query(`CREATE SCHEMA my.${myDatabase}`);
  await engine.query('CREATE SCHEMA memory.fed');
  await Promise.all(
    Object.entries(PLACEMENT)
      .filter(([, location]) => location !== 'tpch.tiny')
      .map(([table, location]) => engine.query(`CREATE TABLE ${location}.${table} AS SELECT * FROM tpch.tiny.${table}`, { catalogProperties: DIRECT_LOAD })),
  );
  console.log(`# loaded through the engine in ${Date.now() - started} ms`);
  // Statistics for the planner (it pushes aggregations only when it keeps them single-step, which
  // needs a row count).
  await pgAdmin(pgDatabase, 'ANALYZE');
  await myAdmin(`ANALYZE TABLE \`${myDatabase}\`.lineitem, \`${myDatabase}\`.partsupp`);
  for (const [table, location] of Object.entries(PLACEMENT)) {
    await engine.query(`CREATE VIEW memory.fed.${table} AS SELECT * FROM ${location}.${table}`);
  }
});

after(async () => {
  await engine?.shutdown();
  await pgAdmin('postgres', `DROP DATABASE IF EXISTS "${pgDatabase}" WITH (FORCE)`);
  await myAdmin(`DROP DATABASE IF EXISTS \`${myDatabase}\``);
});

describe('federated TPC-H (customer, orders in PostgreSQL; lineitem, partsupp in MySQL; the rest from tpch)', () => {
  it('loaded every table with its row count', async () => {
    const result = await engine.query(
      `SELECT (SELECT count(*) FROM pg.tpch.customer), (SELECT count(*) FROM pg.tpch.orders), (SELECT count(*) FROM my.${myDatabase}.lineitem), (SELECT count(*) FROM my.${myDatabase}.partsupp)`,
    );
    assert.deepEqual(result.rows, [[1500, 15000, 60175, 8000]]);
    assert.ok(queryLogOf('my')!.statements().some((s) => s.startsWith(`INSERT INTO \`${myDatabase}\`.\`lineitem\``)));
  });

  for (const query of QUERIES) {
    it(query, async () => {
      const result = await engine.query(querySql(query), { catalog: 'memory', schema: 'fed' });
      const difference = compareResult(result.columns, result.rows, readAnswer(`${TPCH_DIR}/answers/sf0.01/${query}.csv`));
      assert.equal(difference, undefined, `${query}: ${difference}`);
    });
  }

  it('gives the same results with pushdown and dynamic filtering disabled', async () => {
    for (const query of ['q03', 'q10', 'q12']) {
      const pushed = await engine.query(querySql(query), { catalog: 'memory', schema: 'fed' });
      const plain = await engine.query(querySql(query), {
        catalog: 'memory',
        schema: 'fed',
        systemProperties: { enable_dynamic_filtering: 'false' },
        catalogProperties: NO_PUSHDOWN,
      });
      assert.deepEqual(plain.rows, pushed.rows, query);
    }
  });

  it('pushes aggregations into PostgreSQL and not when disabled', async () => {
    const log = queryLogOf('pg')!;
    const sql = `SELECT c_nationkey, count(*), max(c_custkey) FROM pg.tpch.customer GROUP BY c_nationkey ORDER BY 1`;
    const start = log.mark();
    const pushed = await engine.query(sql);
    const pushedStatements = log.statementsSince(start);
    assert.ok(pushedStatements.some((s) => /count\(\*\).*GROUP BY "c_nationkey"/.test(s)), pushedStatements.join('\n'));
    const middle = log.mark();
    const plain = await engine.query(sql, { catalogProperties: NO_PUSHDOWN });
    const plainStatements = log.statementsSince(middle);
    assert.ok(plainStatements.length > 0 && plainStatements.every((s) => !/GROUP BY/.test(s)), plainStatements.join('\n'));
    assert.deepEqual(plain.rows, pushed.rows);
  });
});
