import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Engine } from '../engine.js';
import { applySessionUpdates } from '../session/apply-session-updates.js';
import { createSession } from '../session/session.js';

describe('system catalog', () => {
  let engine: Engine;
  before(async () => {
    engine = await Engine.create({ catalogs: [{ name: 'memory', connectorName: 'memory', properties: {} }, { name: 'tpch', connectorName: 'tpch', properties: {} }] });
  });
  after(async () => {
    await engine.shutdown();
  });

  it('has the jdbc schema with Trino tables, backed by the catalogs', async () => {
    assert.deepEqual((await engine.query('SHOW SCHEMAS FROM system')).rows, [['information_schema'], ['jdbc'], ['metadata'], ['runtime']]);
    assert.deepEqual((await engine.query('SHOW TABLES FROM system.jdbc')).rows.map((r) => r[0]), [
      'attributes',
      'catalogs',
      'columns',
      'procedures',
      'pseudo_columns',
      'schemas',
      'super_tables',
      'super_types',
      'table_types',
      'tables',
      'types',
      'udts',
    ]);
    await engine.query('CREATE TABLE memory.default.jdbc_probe (id bigint, price decimal(12, 2), name varchar(20), at timestamp(6))');
    await engine.query('CREATE VIEW memory.default.jdbc_view AS SELECT id FROM memory.default.jdbc_probe');
    const columns = await engine.query(
      "SELECT column_name, data_type, type_name, column_size, decimal_digits, num_prec_radix, char_octet_length, ordinal_position FROM system.jdbc.columns WHERE table_cat = 'memory' AND table_schem = 'default' AND table_name = 'jdbc_probe'",
    );
    assert.deepEqual(columns.rows, [
      ['id', -5, 'bigint', 19, null, 10, null, 1],
      ['price', 3, 'decimal(12,2)', 12, 2, 10, null, 2],
      ['name', 12, 'varchar(20)', 20, null, null, 20, 3],
      ['at', 93, 'timestamp(6)', 28, 6, null, null, 4],
    ]);
    const tables = await engine.query("SELECT table_name, table_type FROM system.jdbc.tables WHERE table_cat = 'memory' AND table_schem = 'default' ORDER BY table_name");
    assert.deepEqual(tables.rows, [['jdbc_probe', 'TABLE'], ['jdbc_view', 'VIEW']]);
    const onlyViews = await engine.query("SELECT table_name FROM system.jdbc.tables WHERE table_cat = 'memory' AND table_type = 'VIEW'");
    assert.deepEqual(onlyViews.rows, [['jdbc_view']]);
    assert.deepEqual((await engine.query('SELECT table_cat FROM system.jdbc.catalogs')).rows, [['memory'], ['system'], ['tpch']]);
    assert.deepEqual((await engine.query("SELECT table_schem FROM system.jdbc.schemas WHERE table_catalog = 'tpch' AND table_schem IN ('tiny', 'sf1')")).rows, [['sf1'], ['tiny']]);
    const types = await engine.query("SELECT type_name, data_type, precision FROM system.jdbc.types WHERE type_name IN ('bigint', 'array', 'varchar')");
    assert.deepEqual(types.rows, [['bigint', -5, 19], ['varchar', 2000, null], ['array', 2003, null]]);
    assert.deepEqual((await engine.query('SELECT count(*) FROM system.jdbc.udts')).rows, [[0]]);
    const owners = await engine.query("SELECT name, authorization_type FROM system.metadata.tables_authorization WHERE catalog = 'memory'");
    assert.deepEqual(owners.rows, [['jdbc_view', 'USER']]);
  });

  it('lists the running statement as an auto-commit transaction and explicit transactions until COMMIT', async () => {
    const auto = await engine.query('SELECT isolation_level, read_only, auto_commit_context, catalogs FROM system.runtime.transactions');
    assert.deepEqual(auto.rows, [['READ UNCOMMITTED', false, true, ['system']]]);

    const started = await engine.query('START TRANSACTION');
    let session = applySessionUpdates(createSession({}), started.sessionUpdates);
    assert.ok(session.transactionId !== undefined);
    await engine.query('SELECT count(*) FROM tpch.tiny.nation', session);
    const open = await engine.query('SELECT transaction_id, auto_commit_context, catalogs FROM system.runtime.transactions WHERE auto_commit_context = false');
    assert.deepEqual(open.rows, [[session.transactionId, false, ['tpch']]]);
    const committed = await engine.query('COMMIT', session);
    session = applySessionUpdates(session, committed.sessionUpdates);
    assert.equal(session.transactionId, undefined);
    const afterCommit = await engine.query('SELECT count(*) FROM system.runtime.transactions WHERE auto_commit_context = false');
    assert.deepEqual(afterCommit.rows, [[0]]);
  });

  it('counts optimizer rule invocations', async () => {
    const before = await engine.query("SELECT invocations FROM system.runtime.optimizer_rule_stats WHERE rule_name = 'PredicatePushdown'");
    const count = Number(before.rows[0]?.[0]);
    await engine.query('SELECT name FROM tpch.tiny.nation WHERE nationkey = 1');
    const afterQuery = await engine.query(
      "SELECT invocations, failures, average_time >= 0, cardinality(time_distribution_percentiles) FROM system.runtime.optimizer_rule_stats WHERE rule_name = 'PredicatePushdown'",
    );
    // the probe query and the first stats query each run the rule three times (see LOGICAL_RULES)
    assert.deepEqual(afterQuery.rows, [[count + 6, 0, true, 9]]);
  });

  it('keeps system.runtime.tasks with Trino columns', async () => {
    const columns = await engine.query("SELECT column_name FROM system.information_schema.columns WHERE table_schema = 'runtime' AND table_name = 'tasks'");
    assert.ok(columns.rows.some((r) => r[0] === 'internal_network_input_bytes'));
    assert.equal(columns.rows.length, 23);
  });
});
