import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { SqlValue, TrinoError } from '@petrel/spi';
import { typeDisplayName } from '@petrel/spi';
import { Engine } from '../engine.js';
import { QUERY_ID_PATTERN } from '../query/query-id.js';
import { applySessionUpdates } from '../session/apply-session-updates.js';
import type { Session } from '../session/session.js';
import { createSession } from '../session/session.js';

let engine: Engine;

before(async () => {
  engine = await Engine.create();
});
after(async () => {
  await engine.shutdown();
});

function plain(rows: readonly (readonly SqlValue[])[]): unknown[][] {
  return rows.map((r) => r.map((v) => (typeof v === 'bigint' ? Number(v) : v)));
}

async function rows(sql: string, session: Partial<Session> = {}): Promise<unknown[][]> {
  return plain((await engine.query(sql, session)).rows);
}

async function expectError(sql: string, errorName: string, location?: string, session: Partial<Session> = {}): Promise<TrinoError> {
  let caught: TrinoError | undefined;
  try {
    await engine.query(sql, session);
  } catch (error) {
    caught = error as TrinoError;
  }
  assert.ok(caught, `${sql} should fail with ${errorName}`);
  assert.equal(caught.errorName, errorName, `${sql}: ${caught.message}`);
  if (location !== undefined) assert.ok(caught.message.startsWith(`line ${location}: `), `${sql}: expected location ${location} in '${caught.message}'`);
  return caught;
}

describe('data definition and data changes on the memory catalog', () => {
  it('creates, fills, changes and drops tables', async () => {
    assert.equal((await engine.query('CREATE SCHEMA memory.s1')).updateType, 'CREATE SCHEMA');
    await expectError('CREATE SCHEMA memory.s1', 'SCHEMA_ALREADY_EXISTS', '1:1');
    assert.equal((await engine.query('CREATE SCHEMA IF NOT EXISTS memory.s1')).updateType, 'CREATE SCHEMA');

    const created = await engine.query('CREATE TABLE memory.s1.t (id bigint, name varchar(10) COMMENT \'the name\')');
    assert.equal(created.updateType, 'CREATE TABLE');
    await expectError('CREATE TABLE memory.s1.t (a bigint)', 'TABLE_ALREADY_EXISTS', '1:1');
    assert.equal((await engine.query('CREATE TABLE IF NOT EXISTS memory.s1.t (a bigint)')).updateType, 'CREATE TABLE');
    await expectError('CREATE TABLE memory.nosuch.t (a bigint)', 'SCHEMA_NOT_FOUND');

    const inserted = await engine.query("INSERT INTO memory.s1.t VALUES (1, 'one'), (2, 'two'), (3, NULL)");
    assert.equal(inserted.updateType, 'INSERT');
    assert.equal(inserted.updateCount, 3);
    assert.deepEqual(await rows('SELECT id, name FROM memory.s1.t ORDER BY id'), [[1, 'one'], [2, 'two'], [3, null]]);

    assert.equal((await engine.query('ALTER TABLE memory.s1.t ADD COLUMN score double')).updateType, 'ADD COLUMN');
    await expectError('ALTER TABLE memory.s1.t ADD COLUMN score double', 'COLUMN_ALREADY_EXISTS', '1:1');
    assert.deepEqual(await rows('SELECT id, score FROM memory.s1.t WHERE id = 1'), [[1, null]]);
    assert.equal((await engine.query('ALTER TABLE memory.s1.t RENAME COLUMN score TO points')).updateType, 'RENAME COLUMN');
    assert.equal((await engine.query('ALTER TABLE memory.s1.t DROP COLUMN points')).updateType, 'DROP COLUMN');
    await expectError('ALTER TABLE memory.s1.t DROP COLUMN points', 'COLUMN_NOT_FOUND', '1:1');
    assert.equal((await engine.query('COMMENT ON TABLE memory.s1.t IS \'numbers\'')).updateType, 'COMMENT');
    await engine.query("COMMENT ON COLUMN memory.s1.t.id IS 'identifier'");
    assert.deepEqual((await rows('DESCRIBE memory.s1.t'))[0], ['id', 'bigint', '', 'identifier']);
    assert.deepEqual(await rows("SELECT comment FROM system.metadata.table_comments WHERE catalog_name = 'memory' AND table_name = 't'"), [['numbers']]);
    assert.equal((await engine.query('ALTER TABLE memory.s1.t ALTER COLUMN name SET DATA TYPE varchar(20)')).updateType, 'SET COLUMN TYPE');
    assert.deepEqual((await rows('DESCRIBE memory.s1.t'))[1]!.slice(0, 2), ['name', 'varchar(20)']);
    await expectError('ALTER TABLE memory.s1.t ALTER COLUMN name SET DATA TYPE integer', 'NOT_SUPPORTED', '1:1');

    await engine.query("INSERT INTO memory.s1.t VALUES (4, 'four')");
    assert.deepEqual(await rows('SELECT id, name FROM memory.s1.t ORDER BY id'), [[1, 'one'], [2, 'two'], [3, null], [4, 'four']]);

    assert.equal((await engine.query('ALTER TABLE memory.s1.t RENAME TO memory.s1.u')).updateType, 'RENAME TABLE');
    await expectError('SELECT * FROM memory.s1.t', 'TABLE_NOT_FOUND', '1:15');
    assert.equal((await engine.query('TRUNCATE TABLE memory.s1.u')).updateType, 'TRUNCATE TABLE');
    assert.deepEqual(await rows('SELECT count(*) FROM memory.s1.u'), [[0]]);
    await expectError('DROP SCHEMA memory.s1', 'SCHEMA_NOT_EMPTY', '1:1');
    assert.equal((await engine.query('DROP TABLE memory.s1.u')).updateType, 'DROP TABLE');
    await expectError('DROP TABLE memory.s1.u', 'TABLE_NOT_FOUND', '1:1');
    assert.equal((await engine.query('DROP TABLE IF EXISTS memory.s1.u')).updateType, 'DROP TABLE');
    assert.equal((await engine.query('ALTER SCHEMA memory.s1 RENAME TO s2')).updateType, 'RENAME SCHEMA');
    assert.equal((await engine.query('DROP SCHEMA memory.s2')).updateType, 'DROP SCHEMA');
    await expectError('DROP SCHEMA memory.s1', 'SCHEMA_NOT_FOUND', '1:1');
  });

  it('deletes, updates and merges rows through the row id column', async () => {
    await engine.query('CREATE SCHEMA memory.changes');
    await engine.query('CREATE TABLE memory.changes.changes (id bigint, name varchar)');
    await engine.query("INSERT INTO memory.changes.changes VALUES (1, 'one'), (2, 'two'), (3, NULL)");
    const deleted = await engine.query('DELETE FROM memory.changes.changes WHERE id = 2');
    assert.equal(deleted.updateType, 'DELETE');
    assert.equal(deleted.updateCount, 1);
    const updated = await engine.query("UPDATE memory.changes.changes SET name = 'three' WHERE id = 3");
    assert.equal(updated.updateType, 'UPDATE');
    assert.equal(updated.updateCount, 1);
    assert.deepEqual(await rows('SELECT id, name FROM memory.changes.changes ORDER BY id'), [[1, 'one'], [3, 'three']]);
    const merged = await engine.query(
      'MERGE INTO memory.changes.changes t USING (VALUES (1, \'uno\'), (3, NULL), (5, \'five\')) AS s(id, name) ON t.id = s.id ' +
        'WHEN MATCHED AND s.name IS NULL THEN DELETE WHEN MATCHED THEN UPDATE SET name = s.name WHEN NOT MATCHED THEN INSERT (id, name) VALUES (s.id, s.name)',
    );
    assert.equal(merged.updateType, 'MERGE');
    assert.equal(merged.updateCount, 3);
    assert.deepEqual(await rows('SELECT id, name FROM memory.changes.changes ORDER BY id'), [[1, 'uno'], [5, 'five']]);
    await expectError(
      'MERGE INTO memory.changes.changes t USING (VALUES 1, 1) AS s(id) ON t.id = s.id WHEN MATCHED THEN DELETE',
      'MERGE_TARGET_ROW_MULTIPLE_MATCHES',
    );
    await expectError('DELETE FROM tpch.tiny.nation', 'NOT_SUPPORTED');
    await engine.query('DROP SCHEMA memory.changes CASCADE');
  });

  it('creates tables from queries and keeps a failed insert from leaving rows', async () => {
    const ctas = await engine.query('CREATE TABLE memory.default.nations AS SELECT * FROM tpch.tiny.nation');
    assert.equal(ctas.updateType, 'CREATE TABLE');
    assert.equal(ctas.updateCount, 25);
    assert.deepEqual(await rows('SELECT count(*), min(name) FROM memory.default.nations'), [[25, 'ALGERIA']]);
    const noData = await engine.query('CREATE TABLE memory.default.empty_nations AS SELECT * FROM tpch.tiny.nation WITH NO DATA');
    assert.equal(noData.updateCount, 0);
    assert.deepEqual(await rows('SELECT count(*) FROM memory.default.empty_nations'), [[0]]);
    await expectError('INSERT INTO memory.default.nations SELECT nationkey, name, regionkey / 0, comment FROM tpch.tiny.nation', 'DIVISION_BY_ZERO');
    assert.deepEqual(await rows('SELECT count(*) FROM memory.default.nations'), [[25]]);
    assert.equal((await engine.query('CREATE TABLE IF NOT EXISTS memory.default.nations AS SELECT 1 AS x')).updateCount, 0);
    await expectError('CREATE TABLE memory.default.nations AS SELECT 1 AS x', 'TABLE_ALREADY_EXISTS', '1:1');
    await expectError('CREATE TABLE memory.default.unnamed AS SELECT 1', 'MISSING_COLUMN_NAME', '1:1');
    await engine.query('CREATE OR REPLACE TABLE memory.default.empty_nations AS SELECT 7 AS seven');
    assert.deepEqual(await rows('SELECT * FROM memory.default.empty_nations'), [[7]]);
    await engine.query('CREATE TABLE memory.default.like_nations (LIKE memory.default.nations, extra integer)');
    assert.deepEqual(
      (await rows('SHOW COLUMNS FROM memory.default.like_nations')).map((r) => r[0]),
      ['nationkey', 'name', 'regionkey', 'comment', 'extra'],
    );
    await engine.query('DROP TABLE memory.default.nations');
    await engine.query('DROP TABLE memory.default.empty_nations');
    await engine.query('DROP TABLE memory.default.like_nations');
  });

  it('creates, queries, shows and drops views', async () => {
    await engine.query('CREATE SCHEMA memory.views');
    assert.equal((await engine.query('CREATE VIEW memory.views.v AS SELECT regionkey, count(*) AS n FROM tpch.tiny.nation GROUP BY regionkey')).updateType, 'CREATE VIEW');
    assert.deepEqual(await rows('SELECT regionkey, n FROM memory.views.v ORDER BY regionkey'), [[0, 5], [1, 5], [2, 5], [3, 5], [4, 5]]);
    await expectError('CREATE VIEW memory.views.v AS SELECT 1 AS x', 'TABLE_ALREADY_EXISTS', '1:1');
    await engine.query('CREATE OR REPLACE VIEW memory.views.v AS SELECT 1 AS x');
    assert.deepEqual(await rows('SHOW CREATE VIEW memory.views.v'), [['CREATE VIEW memory.views.v SECURITY DEFINER AS\nSELECT 1 AS x']]);
    assert.deepEqual(await rows("SELECT table_name, table_type FROM memory.information_schema.tables WHERE table_schema = 'views'"), [['v', 'VIEW']]);
    assert.equal((await engine.query('DROP VIEW memory.views.v')).updateType, 'DROP VIEW');
    await expectError('DROP VIEW memory.views.v', 'TABLE_NOT_FOUND', '1:1');
  });

  it('creates and drops catalogs', async () => {
    assert.equal((await engine.query("CREATE CATALOG scratch USING memory")).updateType, 'CREATE CATALOG');
    await expectError('CREATE CATALOG scratch USING memory', 'ALREADY_EXISTS', '1:1');
    await engine.query('CREATE TABLE scratch.default.x (a integer)');
    assert.deepEqual(await rows('SHOW TABLES FROM scratch.default'), [['x']]);
    assert.equal((await engine.query('DROP CATALOG scratch')).updateType, 'DROP CATALOG');
    await expectError('SHOW TABLES FROM scratch.default', 'CATALOG_NOT_FOUND');
  });
});

describe('SHOW and DESCRIBE', () => {
  it('lists catalogs, schemas, tables and columns with Trino column names and types', async () => {
    const catalogs = await engine.query('SHOW CATALOGS');
    assert.deepEqual(catalogs.columns.map((c) => c.name), ['Catalog']);
    assert.deepEqual(plain(catalogs.rows), [['memory'], ['system'], ['tpch']]);
    assert.deepEqual(await rows("SHOW CATALOGS LIKE 't%'"), [['tpch']]);
    const schemas = await rows('SHOW SCHEMAS FROM tpch');
    assert.ok(schemas.some((r) => r[0] === 'tiny') && schemas.some((r) => r[0] === 'information_schema'));
    assert.deepEqual(await rows("SHOW SCHEMAS FROM tpch LIKE 'ti%'"), [['tiny']]);
    const tables = await engine.query('SHOW TABLES FROM tpch.tiny');
    assert.deepEqual(tables.columns.map((c) => c.name), ['Table']);
    assert.deepEqual(plain(tables.rows).map((r) => r[0]), ['customer', 'lineitem', 'nation', 'orders', 'part', 'partsupp', 'region', 'supplier']);
    assert.deepEqual(await rows("SHOW TABLES FROM tpch.tiny LIKE 'n%'"), [['nation']]);
    assert.deepEqual(await rows("SHOW TABLES FROM system.metadata LIKE 'table\\_%' ESCAPE '\\'"), [['table_comments'], ['table_properties']]);

    const columns = await engine.query('SHOW COLUMNS FROM tpch.tiny.nation');
    assert.deepEqual(columns.columns.map((c) => `${c.name}:${typeDisplayName(c.type)}`), ['Column:varchar', 'Type:varchar', 'Extra:varchar', 'Comment:varchar']);
    assert.deepEqual(plain(columns.rows)[0], ['nationkey', 'bigint', '', '']);
    assert.deepEqual(await rows('DESCRIBE tpch.tiny.region'), [
      ['regionkey', 'bigint', '', ''],
      ['name', 'varchar(25)', '', ''],
      ['comment', 'varchar(152)', '', ''],
    ]);
    await expectError('DESCRIBE tpch.tiny.nosuch', 'TABLE_NOT_FOUND', '1:1');
    await expectError('SHOW TABLES FROM tpch.nosuch', 'SCHEMA_NOT_FOUND', '1:1');
    await expectError('SHOW TABLES', 'MISSING_CATALOG_NAME', '1:1');
  });

  it('shows CREATE TABLE, CREATE SCHEMA, session properties, functions and stats', async () => {
    await engine.query("CREATE TABLE memory.default.show_me (id bigint NOT NULL, name varchar COMMENT 'who') COMMENT 'demo'");
    const create = await engine.query('SHOW CREATE TABLE memory.default.show_me');
    assert.deepEqual(create.columns.map((c) => c.name), ['Create Table']);
    assert.equal(create.rows[0]![0], "CREATE TABLE memory.default.show_me (\n   id bigint NOT NULL,\n   name varchar COMMENT 'who'\n)\nCOMMENT 'demo'");
    assert.deepEqual(await rows('SHOW CREATE SCHEMA memory.default'), [['CREATE SCHEMA memory.default']]);
    await engine.query('INSERT INTO memory.default.show_me VALUES (1, \'a\'), (2, NULL)');
    const stats = await engine.query('SHOW STATS FOR memory.default.show_me');
    assert.deepEqual(stats.columns.map((c) => c.name), ['column_name', 'data_size', 'distinct_values_count', 'nulls_fraction', 'row_count', 'low_value', 'high_value']);
    assert.deepEqual(plain(stats.rows)[0]!.slice(0, 1).concat(plain(stats.rows)[0]!.slice(2, 4)), ['id', 2, 0]);
    assert.deepEqual(plain(stats.rows)[2]![4], 2);
    await engine.query('DROP TABLE memory.default.show_me');

    const session = await engine.query("SHOW SESSION LIKE 'join_distribution%'");
    assert.deepEqual(session.columns.map((c) => c.name), ['Name', 'Value', 'Default', 'Type', 'Description']);
    assert.deepEqual(plain(session.rows).map((r) => r.slice(0, 4)), [['join_distribution_type', 'AUTOMATIC', 'AUTOMATIC', 'varchar']]);
    const setOne = await rows("SHOW SESSION LIKE 'join_distribution_type'", { systemProperties: { join_distribution_type: 'BROADCAST' } });
    assert.equal(setOne[0]![1], 'BROADCAST');

    const grants = await engine.query('SHOW GRANTS ON TABLE tpch.tiny.nation');
    assert.deepEqual(grants.columns.map((c) => c.name), ['Grantor', 'Grantor Type', 'Grantee', 'Grantee Type', 'Catalog', 'Schema', 'Table', 'Privilege', 'Grantable', 'With Hierarchy']);
    assert.deepEqual((await engine.query('SHOW ROLES FROM memory')).columns.map((c) => c.name), ['Role']);
    const functions = await engine.query("SHOW FUNCTIONS LIKE 'abs'");
    assert.deepEqual(functions.columns.map((c) => c.name), ['Function', 'Return Type', 'Argument Types', 'Function Type', 'Deterministic', 'Description']);
    assert.ok(functions.rows.length > 0 && functions.rows.every((r) => r[0] === 'abs'));
  });
});

describe('EXPLAIN', () => {
  it('prints logical, distributed and analyzed plans', async () => {
    const logical = await engine.query('EXPLAIN SELECT count(*) FROM tpch.tiny.nation WHERE regionkey = 1');
    assert.deepEqual(logical.columns.map((c) => `${c.name}:${typeDisplayName(c.type)}`), ['Query Plan:varchar']);
    const text = String(logical.rows[0]![0]);
    assert.match(text, /^Output\[columnNames = \[_col0\]\]/);
    assert.match(text, /TableScan\[table = tpch:tiny:nation/);
    assert.match(String((await rows('EXPLAIN (TYPE DISTRIBUTED) SELECT name FROM tpch.tiny.nation'))[0]![0]), /^Fragment 0 \[SINGLE\]/);
    const analyzed = String((await rows('EXPLAIN ANALYZE SELECT count(*) FROM tpch.tiny.nation'))[0]![0]);
    assert.match(analyzed, /^Queued: [\d.]+ms, Analysis: [\d.]+ms, Planning: [\d.]+ms, Execution: [\d.]+ms\nFragment/);
    assert.match(analyzed, /Output: 25 rows/);
    assert.deepEqual(await rows('EXPLAIN (TYPE VALIDATE) SELECT 1'), [[true]]);
    await expectError('EXPLAIN SELECT * FROM tpch.tiny.nosuch', 'TABLE_NOT_FOUND', '1:23');
  });
});

describe('session statements', () => {
  it('USE, SET SESSION, RESET SESSION, SET TIME ZONE, SET PATH and transactions report session updates', async () => {
    const used = await engine.query('USE tpch.tiny');
    assert.equal(used.updateType, 'USE');
    assert.deepEqual(used.sessionUpdates, [{ kind: 'setCatalog', catalog: 'tpch' }, { kind: 'setSchema', schema: 'tiny' }]);
    assert.deepEqual((await engine.query('USE sf1', { catalog: 'tpch' })).sessionUpdates, [{ kind: 'setSchema', schema: 'sf1' }]);
    await expectError('USE tpch.nosuch', 'SCHEMA_NOT_FOUND', '1:1');
    await expectError('USE nosuch.x', 'CATALOG_NOT_FOUND', '1:1');
    await expectError('USE x', 'MISSING_CATALOG_NAME', '1:1');

    const set = await engine.query("SET SESSION query_max_memory = '1GB'");
    assert.equal(set.updateType, 'SET SESSION');
    assert.deepEqual(set.sessionUpdates, [{ kind: 'setSessionProperty', name: 'query_max_memory', value: '1GB' }]);
    assert.deepEqual((await engine.query('SET SESSION task_concurrency = 4')).sessionUpdates, [{ kind: 'setSessionProperty', name: 'task_concurrency', value: '4' }]);
    assert.deepEqual((await engine.query("SET SESSION join_distribution_type = 'broadcast'")).sessionUpdates, [
      { kind: 'setSessionProperty', name: 'join_distribution_type', value: 'BROADCAST' },
    ]);
    await expectError("SET SESSION no_such_property = 'x'", 'INVALID_SESSION_PROPERTY', '1:1');
    await expectError("SET SESSION query_max_memory = 'lots'", 'INVALID_SESSION_PROPERTY', '1:1');
    await expectError("SET SESSION task_concurrency = 'four'", 'INVALID_SESSION_PROPERTY', '1:1');
    await expectError('SET SESSION task_concurrency = 3', 'INVALID_SESSION_PROPERTY', '1:1');
    await expectError("SET SESSION join_reordering_strategy = 'SOMETIMES'", 'INVALID_SESSION_PROPERTY', '1:1');
    await expectError("SET SESSION nosuch.prop = 'x'", 'CATALOG_NOT_FOUND', '1:1');
    assert.deepEqual((await engine.query('RESET SESSION query_max_memory')).sessionUpdates, [{ kind: 'resetSessionProperty', name: 'query_max_memory' }]);

    assert.deepEqual((await engine.query("SET TIME ZONE 'America/Los_Angeles'")).sessionUpdates, [{ kind: 'setTimeZone', timeZone: 'America/Los_Angeles' }]);
    assert.deepEqual((await engine.query('SET TIME ZONE LOCAL')).sessionUpdates, [{ kind: 'setTimeZone', timeZone: undefined }]);
    await expectError("SET TIME ZONE 'Mars/Olympus'", 'INVALID_LITERAL');
    assert.deepEqual((await engine.query('SET PATH tpch.tiny')).sessionUpdates, [{ kind: 'setPath', path: 'tpch.tiny' }]);

    const start = await engine.query('START TRANSACTION');
    assert.equal(start.updateType, 'START TRANSACTION');
    const inTransaction = applySessionUpdates(createSession(), start.sessionUpdates);
    assert.ok(inTransaction.transactionId !== undefined);
    assert.deepEqual((await engine.query('COMMIT', inTransaction)).sessionUpdates, [{ kind: 'clearTransaction' }]);
    await expectError('COMMIT', 'NOT_IN_TRANSACTION');
  });

  it('prepares, describes, executes and deallocates statements', async () => {
    const prepared = await engine.query('PREPARE q FROM SELECT name FROM tpch.tiny.nation WHERE nationkey = ? OR regionkey = ?');
    assert.equal(prepared.updateType, 'PREPARE');
    const session = applySessionUpdates(createSession(), prepared.sessionUpdates);
    assert.equal(session.preparedStatements['q'], 'SELECT name FROM tpch.tiny.nation WHERE nationkey = ? OR regionkey = ?');
    assert.deepEqual(await rows('EXECUTE q USING 1, 99', session), [['ARGENTINA']]);
    await expectError('EXECUTE q USING 1', 'INVALID_PARAMETER_USAGE', '1:1', session);
    const input = await engine.query('DESCRIBE INPUT q', session);
    assert.deepEqual(input.columns.map((c) => c.name), ['Position', 'Type']);
    assert.equal(input.rows.length, 2);
    const output = await engine.query('DESCRIBE OUTPUT q', session);
    assert.deepEqual(plain(output.rows).map((r) => [r[0], r[4]]), [['name', 'varchar(25)']]);
    assert.deepEqual(await rows("EXECUTE IMMEDIATE 'SELECT ? + 1' USING 41"), [[42]]);
    assert.deepEqual((await engine.query('DEALLOCATE PREPARE q', session)).sessionUpdates, [{ kind: 'deallocatePreparedStatement', name: 'q' }]);
    await expectError('EXECUTE nope', 'NOT_FOUND', '1:1');
  });
});

describe('errors, cancellation, limits and system tables', () => {
  it('reports Trino error names with line:column through the whole engine', async () => {
    await expectError('SELECT * FROM nosuch', 'MISSING_CATALOG_NAME');
    await expectError('SELECT * FROM tpch.tiny.nosuch', 'TABLE_NOT_FOUND', '1:15');
    await expectError('SELECT * FROM nosuch', 'TABLE_NOT_FOUND', '1:15', { catalog: 'tpch', schema: 'tiny' });
    await expectError('SELECT nosuch FROM tpch.tiny.nation', 'COLUMN_NOT_FOUND', '1:8');
    await expectError('SELECT * FROM tpch.nosuch.nation', 'SCHEMA_NOT_FOUND', '1:15');
    await expectError('SELECT * FROM nosuch.tiny.nation', 'CATALOG_NOT_FOUND', '1:15');
    await expectError('SELEC 1', 'SYNTAX_ERROR', '1:1');
    await expectError('SELECT nosuch_function(1)', 'FUNCTION_NOT_FOUND', '1:8');
    await expectError("SELECT 'a' + 1", 'TYPE_MISMATCH');
    await expectError('SELECT 1 / 0', 'DIVISION_BY_ZERO');
  });

  it('gives queries Trino-shaped ids and fails, cancels and limits them', async () => {
    const query = engine.execute('SELECT count(*) FROM tpch.tiny.lineitem', createSession());
    assert.match(query.queryId, QUERY_ID_PATTERN);
    query.cancel();
    await assert.rejects(query.nextPage(), (e: TrinoError) => e.errorName === 'USER_CANCELED');
    await query.done;
    assert.equal(query.state(), 'FAILED');
    assert.equal(engine.getQuery(query.queryId), query);

    const failed = engine.execute('SELECT * FROM tpch.tiny.nosuch', createSession());
    await assert.rejects(failed.columns(), (e: TrinoError) => e.errorName === 'TABLE_NOT_FOUND');
    await assert.rejects(failed.nextPage(), (e: TrinoError) => e.errorName === 'TABLE_NOT_FOUND');
    assert.equal(failed.state(), 'FAILED');

    await expectError('SELECT orderkey, count(*) FROM tpch.tiny.lineitem GROUP BY orderkey ORDER BY 2', 'EXCEEDED_LOCAL_MEMORY_LIMIT', undefined, {
      systemProperties: { query_max_memory: '1kB' },
    });
    const slow = await expectError('SELECT sum(quantity) FROM tpch.sf1.lineitem', 'EXCEEDED_TIME_LIMIT', undefined, {
      systemProperties: { query_max_run_time: '10ms' },
    });
    assert.equal(slow.message, 'Query exceeded maximum time limit of 10ms');
  });

  it('runs queries concurrently and lists them', async () => {
    const [a, b] = await Promise.all([
      rows('SELECT count(*) FROM tpch.tiny.orders'),
      rows('SELECT count(*) FROM tpch.tiny.customer'),
    ]);
    assert.deepEqual([a, b], [[[15000]], [[1500]]]);
    const listed = engine.listQueries().map((q) => q.sql);
    assert.ok(listed.includes('SELECT count(*) FROM tpch.tiny.orders') && listed.includes('SELECT count(*) FROM tpch.tiny.customer'));
  });

  it('serves system and information_schema tables', async () => {
    assert.deepEqual(await rows('SELECT node_id, coordinator, state FROM system.runtime.nodes'), [['petrel', true, 'active']]);
    assert.deepEqual(await rows("SELECT catalog_name, connector_name FROM system.metadata.catalogs ORDER BY 1"), [
      ['memory', 'memory'],
      ['system', 'system'],
      ['tpch', 'tpch'],
    ]);
    const queries = await rows("SELECT query_id, state, query FROM system.runtime.queries WHERE query LIKE 'SELECT query_id%'");
    assert.equal(queries.length, 1);
    assert.equal(queries[0]![1], 'RUNNING');
    assert.deepEqual(await rows("SELECT count(*) FROM tpch.information_schema.columns WHERE table_schema = 'tiny' AND table_name = 'lineitem'"), [[16]]);
    assert.deepEqual(await rows('SHOW TABLES FROM system.runtime'), [['nodes'], ['optimizer_rule_stats'], ['queries'], ['tasks'], ['transactions']]);
  });
});
