import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Engine } from '../engine.js';

describe('LATERAL subqueries that use outer columns', () => {
  let engine: Engine;
  const rows = async (sql: string): Promise<unknown[][]> => (await engine.query(sql)).rows;
  before(async () => {
    engine = await Engine.create({ catalogs: [{ name: 'tpch', connectorName: 'tpch', properties: {} }] });
  });
  after(async () => {
    await engine.shutdown();
  });

  it('CROSS JOIN LATERAL with an outer column in the select list only', async () => {
    assert.deepEqual(await rows('SELECT n.name, x.c FROM tpch.tiny.nation n CROSS JOIN LATERAL (SELECT n.regionkey * 10 AS c) x WHERE n.nationkey < 3 ORDER BY 1'), [
      ['ALGERIA', 0],
      ['ARGENTINA', 10],
      ['BRAZIL', 10],
    ]);
  });

  it('CROSS JOIN LATERAL with outer columns in the WHERE and the select list', async () => {
    assert.deepEqual(
      await rows('SELECT n.name, x.c FROM tpch.tiny.nation n CROSS JOIN LATERAL (SELECT r.name || n.name AS c FROM tpch.tiny.region r WHERE r.regionkey = n.regionkey) x WHERE n.nationkey < 3 ORDER BY 1'),
      [
        ['ALGERIA', 'AFRICAALGERIA'],
        ['ARGENTINA', 'AMERICAARGENTINA'],
        ['BRAZIL', 'AMERICABRAZIL'],
      ],
    );
  });

  it('LEFT JOIN LATERAL ... ON true with outer columns in the WHERE: unmatched rows get NULLs', async () => {
    assert.deepEqual(
      await rows('SELECT n.name, x.c FROM tpch.tiny.nation n LEFT JOIN LATERAL (SELECT r.name AS c FROM tpch.tiny.region r WHERE r.regionkey = n.regionkey AND r.regionkey > 1) x ON true WHERE n.nationkey IN (0, 4) ORDER BY 1'),
      [
        ['ALGERIA', null],
        ['EGYPT', 'MIDDLE EAST'],
      ],
    );
  });

  it('LEFT JOIN LATERAL ... ON true with outer columns in the WHERE and the select list', async () => {
    // a projection that would not be NULL over NULL inputs (coalesce, a bare outer column) is
    // still NULL for an input row the subquery returned no row for
    assert.deepEqual(
      await rows(
        "SELECT n.name, x.c, x.d FROM tpch.tiny.nation n LEFT JOIN LATERAL (SELECT coalesce(r.name, 'none') AS c, n.name AS d FROM tpch.tiny.region r WHERE r.regionkey = n.regionkey AND r.regionkey > 1) x ON true WHERE n.nationkey IN (0, 4) ORDER BY 1",
      ),
      [
        ['ALGERIA', null, null],
        ['EGYPT', 'MIDDLE EAST', 'EGYPT'],
      ],
    );
  });

  it('LEFT JOIN LATERAL over a correlated aggregation keeps every input row', async () => {
    assert.deepEqual(
      await rows('SELECT n.name, x.cnt FROM tpch.tiny.nation n LEFT JOIN LATERAL (SELECT count(*) AS cnt FROM tpch.tiny.customer c WHERE c.nationkey = n.nationkey) x ON true WHERE n.nationkey < 3 ORDER BY 1'),
      [
        ['ALGERIA', 61],
        ['ARGENTINA', 59],
        ['BRAZIL', 68],
      ],
    );
  });

  it('LEFT JOIN LATERAL with a non-equality correlation', async () => {
    assert.deepEqual(
      await rows('SELECT n.name, x.c FROM tpch.tiny.nation n LEFT JOIN LATERAL (SELECT r.name AS c FROM tpch.tiny.region r WHERE r.regionkey < n.regionkey) x ON true WHERE n.nationkey < 3 ORDER BY 1, 2'),
      [
        ['ALGERIA', null],
        ['ARGENTINA', 'AFRICA'],
        ['BRAZIL', 'AFRICA'],
      ],
    );
  });

  it('CROSS JOIN LATERAL with ORDER BY ... LIMIT over an equality correlation (top N per outer row)', async () => {
    const expected = await rows('SELECT n.name, max_by(c.custkey, c.acctbal) FROM tpch.tiny.nation n JOIN tpch.tiny.customer c ON c.nationkey = n.nationkey WHERE n.nationkey < 3 GROUP BY n.name ORDER BY 1');
    assert.deepEqual(
      await rows('SELECT n.name, x.k FROM tpch.tiny.nation n CROSS JOIN LATERAL (SELECT c.custkey AS k FROM tpch.tiny.customer c WHERE c.nationkey = n.nationkey ORDER BY c.acctbal DESC LIMIT 1) x WHERE n.nationkey < 3 ORDER BY 1'),
      expected,
    );
    assert.deepEqual(
      await rows('SELECT n.name, (SELECT c.custkey FROM tpch.tiny.customer c WHERE c.nationkey = n.nationkey ORDER BY c.acctbal DESC LIMIT 1) FROM tpch.tiny.nation n WHERE n.nationkey < 3 ORDER BY 1'),
      expected,
    );
    const perNation = await rows('SELECT n.name, count(*) FROM tpch.tiny.nation n CROSS JOIN LATERAL (SELECT c.custkey FROM tpch.tiny.customer c WHERE c.nationkey = n.nationkey LIMIT 2) x WHERE n.nationkey < 3 GROUP BY n.name ORDER BY 1');
    assert.deepEqual(perNation, [
      ['ALGERIA', 2],
      ['ARGENTINA', 2],
      ['BRAZIL', 2],
    ]);
  });

  it('LEFT JOIN LATERAL with ORDER BY ... LIMIT keeps input rows without matches', async () => {
    assert.deepEqual(
      await rows(
        'SELECT n.name, x.k FROM tpch.tiny.nation n LEFT JOIN LATERAL (SELECT c.custkey AS k FROM tpch.tiny.customer c WHERE c.nationkey = n.nationkey AND c.acctbal > 9900 ORDER BY c.acctbal DESC LIMIT 1) x ON true WHERE n.nationkey < 3 ORDER BY 1',
      ),
      await rows(
        'SELECT n.name, (SELECT max_by(c.custkey, c.acctbal) FROM tpch.tiny.customer c WHERE c.nationkey = n.nationkey AND c.acctbal > 9900) FROM tpch.tiny.nation n WHERE n.nationkey < 3 ORDER BY 1',
      ),
    );
  });

  it('LEFT JOIN LATERAL ... ON <condition>: the condition picks the subquery rows, other input rows get NULLs', async () => {
    assert.deepEqual(
      await rows('SELECT n.name, x.c FROM tpch.tiny.nation n LEFT JOIN LATERAL (SELECT r.name AS c, r.regionkey FROM tpch.tiny.region r WHERE r.regionkey = n.regionkey) x ON x.regionkey > 1 WHERE n.nationkey IN (0, 1, 4) ORDER BY 1'),
      [
        ['ALGERIA', null],
        ['ARGENTINA', null],
        ['EGYPT', 'MIDDLE EAST'],
      ],
    );
    assert.deepEqual(
      await rows("SELECT n.name, x.c FROM tpch.tiny.nation n LEFT JOIN LATERAL (SELECT r.name AS c FROM tpch.tiny.region r WHERE r.regionkey <= n.regionkey) x ON x.c <> 'AFRICA' WHERE n.nationkey < 3 ORDER BY 1, 2"),
      [
        ['ALGERIA', null],
        ['ARGENTINA', 'AMERICA'],
        ['BRAZIL', 'AMERICA'],
      ],
    );
  });

  it('does not rewrite a LEFT JOIN LATERAL condition over a correlated aggregation (count of no rows must not be NULL-extended)', async () => {
    await assert.rejects(
      engine.query('SELECT n.name, x.c FROM tpch.tiny.nation n LEFT JOIN LATERAL (SELECT count(*) AS c FROM tpch.tiny.region r WHERE r.regionkey = n.regionkey) x ON x.c > 5'),
      (error: Error & { errorCode?: { name: string } }) => error.errorCode?.name === 'NOT_SUPPORTED' && /correlated subquery is not supported/.test(error.message),
    );
  });
});
