import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SqlValue } from '@petrel/spi';
import { TrinoError } from '@petrel/spi';
import { Engine } from '../engine.js';
import { DriverPool } from '../execution/parallel/driver-pool.js';
import { compareResult, readAnswer } from './result-comparison.js';
import { SHARED_DIR } from './shared-data.js';

/**
 * Differential test of parallel drivers: the same queries with task_concurrency 1 (every driver on
 * the main thread) and 2 (source pipelines on two worker threads) give the same results, over the
 * tpch connector (built in each worker) and over memory tables (shared-memory pages), with every
 * block kind crossing the thread boundary.
 */
const TPCH_DIR = join(SHARED_DIR, 'tpch');
const TPCH_QUERIES = [1, 3, 5, 6, 10, 12, 14, 18];

/** Rows in a canonical order, values as comparable text (results without ORDER BY have no order). */
function canonical(rows: readonly (readonly SqlValue[])[]): string[] {
  return rows.map((r) => JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v instanceof Uint8Array ? [...v] : v))).sort();
}

describe('parallel drivers on worker threads (task_concurrency 1 versus 2)', () => {
  let engine: Engine;
  const serial = { catalog: 'memory', schema: 'p', systemProperties: { task_concurrency: '1' } };
  const parallel = { catalog: 'memory', schema: 'p', systemProperties: { task_concurrency: '2' } };

  before(async () => {
    engine = await Engine.create({
      catalogs: [
        { name: 'tpch', connectorName: 'tpch', properties: { 'tpch.column-naming': 'STANDARD' } },
        { name: 'memory', connectorName: 'memory', properties: {} },
      ],
    });
    await engine.query('CREATE SCHEMA memory.p');
    await engine.query('CREATE TABLE memory.p.lineitem AS SELECT * FROM tpch.tiny.lineitem');
    await engine.query('CREATE TABLE memory.p.orders AS SELECT * FROM tpch.tiny.orders');
    await engine.query('CREATE TABLE memory.p.customer AS SELECT * FROM tpch.tiny.customer');
    await engine.query('CREATE TABLE memory.p.nation AS SELECT * FROM tpch.tiny.nation');
    await engine.query('CREATE TABLE memory.p.region AS SELECT * FROM tpch.tiny.region');
    await engine.query('CREATE TABLE memory.p.supplier AS SELECT * FROM tpch.tiny.supplier');
    await engine.query('CREATE TABLE memory.p.part AS SELECT * FROM tpch.tiny.part');
    await engine.query('CREATE TABLE memory.p.partsupp AS SELECT * FROM tpch.tiny.partsupp');
    // one column per block kind and value representation, with NULLs, over several splits
    await engine.query(`
      CREATE TABLE memory.p.typed AS
      SELECT
        l_orderkey AS k,
        CAST(l_linenumber AS tinyint) AS tiny,
        CAST(l_linenumber AS smallint) AS small,
        CAST(l_partkey AS integer) AS int,
        l_orderkey * 1000000000000 AS big,
        CAST(l_quantity AS real) AS r,
        IF(l_linenumber = 3, NULL, l_extendedprice) AS dbl,
        CAST(l_extendedprice AS decimal(12, 2)) AS short_dec,
        CAST(l_extendedprice AS decimal(38, 10)) * 1000000000000 AS long_dec,
        l_returnflag AS flag,
        IF(l_linenumber = 2, NULL, l_comment) AS comment,
        CAST(l_shipmode AS char(10)) AS mode,
        to_utf8(l_shipinstruct) AS bin,
        l_shipdate AS d,
        CAST(l_shipdate AS timestamp(3)) + l_linenumber * INTERVAL '1' SECOND AS ts3,
        CAST(l_shipdate AS timestamp(9)) AS ts9,
        l_linenumber % 2 = 0 AS even,
        ARRAY[l_linenumber, l_suppkey] AS arr,
        MAP(ARRAY['q'], ARRAY[l_quantity]) AS m,
        CAST(ROW(l_linenumber, l_shipmode) AS ROW(n integer, mode varchar)) AS rw,
        INTERVAL '1' DAY * l_linenumber AS ids
      FROM tpch.tiny.lineitem WHERE l_orderkey <= 20000`);
  });
  after(async () => {
    await engine.shutdown();
  });

  for (const n of TPCH_QUERIES) {
    const name = `q${String(n).padStart(2, '0')}`;
    it(`TPC-H ${name} on tpch.tiny and on memory tables matches the answer with 2 drivers`, async () => {
      const sql = readFileSync(`${TPCH_DIR}/queries/${name}.sql`, 'utf8').replace(/;\s*$/, '');
      const answer = readAnswer(`${TPCH_DIR}/answers/sf0.01/${name}.csv`);
      const before = DriverPool.shared().tasksStarted;
      const fromTpch = await engine.query(sql, { catalog: 'tpch', schema: 'tiny', systemProperties: { task_concurrency: '2' } });
      assert.equal(compareResult(fromTpch.columns, fromTpch.rows, answer), undefined);
      const fromMemory = await engine.query(sql, parallel);
      assert.equal(compareResult(fromMemory.columns, fromMemory.rows, answer), undefined);
      assert.ok(DriverPool.shared().tasksStarted >= before + 2, 'source pipelines ran on worker threads');
    });
  }

  /** Queries over the typed table, and whether their source pipeline runs on the workers. */
  const typedQueries: readonly (readonly [sql: string, inWorkers: boolean])[] = [
    // a partial TopN / limit in the workers sends every column's rows across
    ['SELECT * FROM typed WHERE k % 7 = 1 ORDER BY k, int LIMIT 100000', true],
    ['SELECT k, tiny, small, int, big, r, dbl, short_dec, long_dec, flag, comment, mode, bin, d, ts3, ts9, even, arr, m, rw, ids FROM typed WHERE int > 100 LIMIT 100000', true],
    // partial aggregation states cross as typed arrays (and rows for avg)
    [
      `SELECT flag, mode, even, count(*), count(comment), min(comment), max(bin), sum(short_dec), sum(long_dec), min(ts9), max(ts3), max(big), max(tiny), min(d),
              max(rw.n), sum(ids), avg(dbl), avg(short_dec)
       FROM typed GROUP BY flag, mode, even`,
      true,
    ],
    ['SELECT comment, k FROM typed ORDER BY comment DESC, k LIMIT 7', true],
    ['SELECT count(*) FROM (SELECT k FROM typed WHERE dbl IS NULL LIMIT 10)', true],
    // no partial step (ordered and distinct aggregates): the scan stays on this thread
    ["SELECT approx_distinct(int), array_agg(k ORDER BY k DESC)[1], CAST(sum(r) AS bigint), count(DISTINCT flag) FROM typed WHERE mode IN ('AIR', 'MAIL')", false],
  ];
  for (const [sql, inWorkers] of typedQueries) {
    it(`every type through the pool: ${sql.replace(/\s+/g, ' ').slice(0, 90)}`, async () => {
      const one = await engine.query(sql, serial);
      const before = DriverPool.shared().tasksStarted;
      const two = await engine.query(sql, parallel);
      assert.equal(DriverPool.shared().tasksStarted, before + (inWorkers ? 2 : 0), 'source pipelines on worker threads');
      assert.ok(one.rows.length > 0);
      assert.deepEqual(two.columns, one.columns);
      assert.deepEqual(canonical(two.rows), canonical(one.rows));
    });
  }

  it('re-throws a worker’s error as the same TrinoError', async () => {
    const sql = 'SELECT sum(tiny / (small - small)) FROM typed';
    const errorOf = async (session: typeof serial): Promise<TrinoError> => {
      try {
        await engine.query(sql, session);
      } catch (error) {
        assert.ok(error instanceof TrinoError);
        return error;
      }
      assert.fail('expected an error');
    };
    const one = await errorOf(serial);
    const two = await errorOf(parallel);
    assert.equal(two.errorCode.name, 'DIVISION_BY_ZERO');
    assert.equal(two.errorCode.name, one.errorCode.name);
    assert.equal(two.message, one.message);
  });

  it('cancels the drivers when the query is cancelled, and releases every task', async () => {
    const execution = engine.execute('SELECT l_orderkey, l_partkey FROM tpch.tiny.lineitem WHERE l_quantity > 1', { ...defaultSession(), systemProperties: { task_concurrency: '2' } });
    const page = await execution.nextPage();
    assert.ok(page !== undefined && page.positionCount > 0);
    execution.cancel();
    for (let i = 0; i < 100 && DriverPool.shared().tasksRunning > 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(DriverPool.shared().tasksRunning, 0);
    const next = await engine.query('SELECT count(*) FROM lineitem', parallel);
    assert.deepEqual(next.rows, [[60175]]);
  });

  it('query_max_memory counts what the drivers hold', async () => {
    await assert.rejects(
      engine.query('SELECT k, count(*) FROM typed GROUP BY k', { ...parallel, systemProperties: { task_concurrency: '2', query_max_memory: '1kB' } }),
      (error: unknown) => error instanceof TrinoError && error.errorCode.name === 'EXCEEDED_LOCAL_MEMORY_LIMIT',
    );
  });
});

function defaultSession(): Parameters<Engine['execute']>[1] {
  return {
    user: 'test',
    source: undefined,
    catalog: 'memory',
    schema: 'p',
    path: undefined,
    timeZone: 'UTC',
    locale: 'en-US',
    systemProperties: {},
    catalogProperties: {},
    preparedStatements: {},
    clientTags: [],
    clientInfo: undefined,
    transactionId: undefined,
  };
}
