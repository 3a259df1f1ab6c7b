import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Engine } from '../../engine.js';
import { useEngine, assertError, assertValue, sharedEngine } from './sql-test-support.js';

useEngine(Engine.create());

after(async () => (await sharedEngine()).shutdown());

const REGION = 'TABLE(tpch.tiny.region)';

describe('exclude_columns table function', () => {
  it('returns the input without the named columns, in input order', async () => {
    const engine = await sharedEngine();
    const r = (await engine.query(`SELECT * FROM TABLE(exclude_columns(input => TABLE(tpch.tiny.nation), columns => DESCRIPTOR(comment, regionkey))) ORDER BY nationkey LIMIT 2`)) as unknown as {
      columns: { name: string }[];
      rows: unknown[][];
    };
    assert.deepEqual(r.columns.map((c) => c.name), ['nationkey', 'name']);
    assert.deepEqual(r.rows, [[0, 'ALGERIA'], [1, 'ARGENTINA']]);
    // positional arguments, names matched case-insensitively, the builtin's qualified name, CTEs and subqueries as input
    await assertValue(`SELECT count(*), min(name) FROM TABLE(exclude_columns(${REGION}, DESCRIPTOR(COMMENT)))`, [[5, 'AFRICA']]);
    await assertValue('WITH t AS (SELECT 1 a, 2 b) SELECT * FROM TABLE(system.builtin.exclude_columns(input => TABLE(t), columns => DESCRIPTOR(a)))', [[2]]);
    await assertValue('SELECT * FROM TABLE(exclude_columns(input => TABLE(SELECT 1 a, 2 b, 3 c) t, columns => DESCRIPTOR(b)))', [[1, 3]]);
    await assertValue(`SELECT x.name FROM TABLE(exclude_columns(input => ${REGION}, columns => DESCRIPTOR(comment))) x WHERE x.regionkey = 1`, [['AMERICA']]);
  });
  it('rejects bad descriptors as Trino does', async () => {
    await assertError(`SELECT * FROM TABLE(exclude_columns(input => ${REGION}, columns => DESCRIPTOR(foo)))`, 'INVALID_FUNCTION_ARGUMENT', 'Excluded columns: [foo] not present in the table');
    await assertError(`SELECT * FROM TABLE(exclude_columns(input => ${REGION}, columns => DESCRIPTOR(name, regionkey, comment)))`, 'INVALID_FUNCTION_ARGUMENT', 'All columns are excluded');
    await assertError(`SELECT * FROM TABLE(exclude_columns(input => ${REGION}, columns => DESCRIPTOR(name varchar)))`, 'INVALID_FUNCTION_ARGUMENT', 'COLUMNS descriptor contains types');
    await assertError(`SELECT * FROM TABLE(exclude_columns(input => ${REGION}))`, 'INVALID_ARGUMENTS', 'Missing argument: COLUMNS');
    // the output is not qualified by the input table's name
    await assertError(`SELECT region.name FROM TABLE(exclude_columns(input => ${REGION}, columns => DESCRIPTOR(comment)))`, 'COLUMN_NOT_FOUND');
  });
});
