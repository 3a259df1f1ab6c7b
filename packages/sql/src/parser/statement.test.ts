import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseStatement } from './parser.js';
import { assertRoundTrip } from './test-support.js';

/** One statement per line of the brief; each must parse and survive the formatter round trip. */
const STATEMENTS: ReadonlyArray<[string, string]> = [
  ['CREATE SCHEMA IF NOT EXISTS c.s AUTHORIZATION ROLE admin WITH (location = \'/x\')', 'CreateSchema'],
  ['CREATE SCHEMA s', 'CreateSchema'],
  ['DROP SCHEMA IF EXISTS c.s CASCADE', 'DropSchema'],
  ['DROP SCHEMA s RESTRICT', 'DropSchema'],
  ['ALTER SCHEMA s RENAME TO t', 'RenameSchema'],
  ['ALTER SCHEMA s SET AUTHORIZATION USER alice', 'SetSchemaAuthorization'],
  ["CREATE TABLE IF NOT EXISTS t (a bigint NOT NULL COMMENT 'x' WITH (p = 1), b varchar(10), LIKE u INCLUDING PROPERTIES) COMMENT 'tbl' WITH (format = 'ORC')", 'CreateTable'],
  ['CREATE OR REPLACE TABLE t (a decimal(10, 2))', 'CreateTable'],
  ['CREATE TABLE t (LIKE u EXCLUDING PROPERTIES, c timestamp(3) with time zone)', 'CreateTable'],
  ['CREATE TABLE t AS SELECT 1 a', 'CreateTableAsSelect'],
  ["CREATE OR REPLACE TABLE t (x, y) COMMENT 'c' WITH (p = 'v') AS SELECT 1, 2 WITH NO DATA", 'CreateTableAsSelect'],
  ['CREATE TABLE IF NOT EXISTS t AS (SELECT * FROM u) WITH DATA', 'CreateTableAsSelect'],
  ['DROP TABLE IF EXISTS a.b.c', 'DropTable'],
  ['ALTER TABLE IF EXISTS t RENAME TO u', 'RenameTable'],
  ['ALTER TABLE t ADD COLUMN IF NOT EXISTS c bigint NOT NULL COMMENT \'n\'', 'AddColumn'],
  ['ALTER TABLE t DROP COLUMN IF EXISTS c', 'DropColumn'],
  ['ALTER TABLE t RENAME COLUMN IF EXISTS a TO b', 'RenameColumn'],
  ['ALTER TABLE t ALTER COLUMN c SET DATA TYPE varchar(20)', 'SetColumnType'],
  ['ALTER TABLE t ALTER COLUMN c DROP NOT NULL', 'DropNotNullConstraint'],
  ['ALTER TABLE t SET PROPERTIES a = 1, b = DEFAULT', 'SetProperties'],
  ['ALTER TABLE t SET AUTHORIZATION ROLE r', 'SetTableAuthorization'],
  ["ALTER TABLE t EXECUTE optimize(file_size_threshold => '10MB') WHERE a > 1", 'TableExecute'],
  ['ALTER TABLE t EXECUTE expire_snapshots', 'TableExecute'],
  ["CREATE OR REPLACE VIEW v COMMENT 'c' SECURITY INVOKER AS SELECT * FROM t", 'CreateView'],
  ['CREATE VIEW v SECURITY DEFINER AS WITH x AS (SELECT 1) SELECT * FROM x', 'CreateView'],
  ["CREATE OR REPLACE MATERIALIZED VIEW IF NOT EXISTS mv GRACE PERIOD INTERVAL '1' HOUR COMMENT 'c' WITH (p = 1) AS SELECT 1", 'CreateMaterializedView'],
  ["CREATE MATERIALIZED VIEW mv GRACE PERIOD INTERVAL '1' HOUR WHEN STALE FAIL AS SELECT 1", 'CreateMaterializedView'],
  ['REFRESH MATERIALIZED VIEW mv', 'RefreshMaterializedView'],
  ['DROP VIEW IF EXISTS v', 'DropView'],
  ['DROP MATERIALIZED VIEW IF EXISTS mv', 'DropMaterializedView'],
  ['ALTER VIEW v RENAME TO w', 'RenameView'],
  ['ALTER VIEW v SET AUTHORIZATION alice', 'SetViewAuthorization'],
  ['ALTER MATERIALIZED VIEW IF EXISTS mv RENAME TO mv2', 'RenameMaterializedView'],
  ['ALTER MATERIALIZED VIEW mv SET PROPERTIES refresh = 5', 'SetProperties'],
  ['INSERT INTO t (a, b) SELECT 1, 2', 'Insert'],
  ['INSERT INTO t VALUES (1, 2), (3, 4)', 'Insert'],
  ['INSERT INTO t (SELECT * FROM u)', 'Insert'],
  ['DELETE FROM t WHERE a = 1', 'Delete'],
  ['DELETE FROM t', 'Delete'],
  ['UPDATE t SET a = 1, b = b + 1 WHERE c IS NULL', 'Update'],
  ['MERGE INTO t AS a USING s ON a.id = s.id WHEN MATCHED AND s.x > 1 THEN UPDATE SET v = s.v WHEN MATCHED THEN DELETE WHEN NOT MATCHED AND s.y = 2 THEN INSERT (id, v) VALUES (s.id, s.v)', 'Merge'],
  ['MERGE INTO t USING (SELECT * FROM s) u ON t.id = u.id WHEN NOT MATCHED THEN INSERT VALUES (u.id)', 'Merge'],
  ['TRUNCATE TABLE t', 'Truncate'],
  ["COMMENT ON TABLE t IS 'x'", 'Comment'],
  ['COMMENT ON VIEW v IS NULL', 'Comment'],
  ["COMMENT ON COLUMN t.c IS 'col'", 'Comment'],
  ['SHOW CATALOGS LIKE \'t%\'', 'ShowCatalogs'],
  ['SHOW SCHEMAS FROM c LIKE \'a\\_%\' ESCAPE \'\\\'', 'ShowSchemas'],
  ['SHOW TABLES FROM c.s', 'ShowTables'],
  ['SHOW TABLES', 'ShowTables'],
  ['SHOW COLUMNS FROM t LIKE \'a%\'', 'ShowColumns'],
  ['SHOW CREATE TABLE t', 'ShowCreate'],
  ['SHOW CREATE VIEW v', 'ShowCreate'],
  ['SHOW CREATE SCHEMA s', 'ShowCreate'],
  ['SHOW CREATE MATERIALIZED VIEW mv', 'ShowCreate'],
  ['SHOW CREATE FUNCTION f', 'ShowCreate'],
  ['SHOW FUNCTIONS FROM c.s LIKE \'x%\'', 'ShowFunctions'],
  ['SHOW FUNCTIONS', 'ShowFunctions'],
  ['SHOW SESSION LIKE \'q%\'', 'ShowSession'],
  ['SHOW STATS FOR t', 'ShowStats'],
  ['SHOW STATS FOR (SELECT * FROM t WHERE a > 1)', 'ShowStats'],
  ['SHOW GRANTS ON TABLE t', 'ShowGrants'],
  ['SHOW GRANTS ON t', 'ShowGrants'],
  ['SHOW GRANTS', 'ShowGrants'],
  ['SHOW ROLES FROM c', 'ShowRoles'],
  ['SHOW CURRENT ROLES', 'ShowRoles'],
  ['SHOW ROLE GRANTS FROM c', 'ShowRoleGrants'],
  ['SHOW BRANCHES FROM TABLE t', 'ShowBranches'],
  ['DESCRIBE t', 'ShowColumns'],
  ['DESCRIBE INPUT my_query', 'DescribeInput'],
  ['DESCRIBE OUTPUT my_query', 'DescribeOutput'],
  ['EXPLAIN SELECT 1', 'Explain'],
  ['EXPLAIN ANALYZE VERBOSE SELECT 1', 'Explain'],
  ['EXPLAIN (TYPE LOGICAL, FORMAT JSON) SELECT 1', 'Explain'],
  ['EXPLAIN (TYPE DISTRIBUTED, FORMAT GRAPHVIZ) SELECT 1', 'Explain'],
  ['EXPLAIN (TYPE IO) SELECT 1', 'Explain'],
  ['EXPLAIN (TYPE VALIDATE, FORMAT TEXT) SELECT 1', 'Explain'],
  ['PREPARE my_query FROM SELECT * FROM t WHERE a = ?', 'Prepare'],
  ['EXECUTE my_query USING 1, \'x\'', 'Execute'],
  ['EXECUTE my_query', 'Execute'],
  ["EXECUTE IMMEDIATE 'SELECT ?' USING 1", 'ExecuteImmediate'],
  ['DEALLOCATE PREPARE my_query', 'Deallocate'],
  ['SET SESSION query_max_run_time = \'10m\'', 'SetSession'],
  ['SET SESSION hive.compression = \'ZSTD\'', 'SetSession'],
  ['RESET SESSION hive.compression', 'ResetSession'],
  ['SET SESSION AUTHORIZATION alice', 'SetSessionAuthorization'],
  ['RESET SESSION AUTHORIZATION', 'ResetSessionAuthorization'],
  ['SET TIME ZONE LOCAL', 'SetTimeZone'],
  ["SET TIME ZONE 'America/Los_Angeles'", 'SetTimeZone'],
  ["SET TIME ZONE INTERVAL '10' HOUR", 'SetTimeZone'],
  ['SET PATH a, b.c', 'SetPath'],
  ['USE s', 'Use'],
  ['USE c.s', 'Use'],
  ["CALL system.sync_partition_metadata('s', 't', mode => 'FULL')", 'Call'],
  ['CALL p()', 'Call'],
  ['START TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY', 'StartTransaction'],
  ['START TRANSACTION READ WRITE', 'StartTransaction'],
  ['START TRANSACTION', 'StartTransaction'],
  ['COMMIT WORK', 'Commit'],
  ['ROLLBACK', 'Rollback'],
  ['GRANT SELECT, INSERT ON TABLE t TO USER alice WITH GRANT OPTION', 'Grant'],
  ['GRANT ALL PRIVILEGES ON SCHEMA s TO ROLE r', 'Grant'],
  ['GRANT UPDATE ON t TO bob', 'Grant'],
  ['REVOKE GRANT OPTION FOR SELECT ON t FROM alice', 'Revoke'],
  ['REVOKE ALL PRIVILEGES ON SCHEMA s FROM ROLE r', 'Revoke'],
  ['DENY DELETE ON TABLE t TO alice', 'Deny'],
  ['GRANT r1, r2 TO USER a, ROLE b WITH ADMIN OPTION GRANTED BY CURRENT_USER IN c', 'GrantRoles'],
  ['REVOKE ADMIN OPTION FOR r FROM alice GRANTED BY USER bob', 'RevokeRoles'],
  ['CREATE ROLE r WITH ADMIN USER alice IN c', 'CreateRole'],
  ['CREATE ROLE r', 'CreateRole'],
  ['DROP ROLE r IN c', 'DropRole'],
  ['SET ROLE ALL IN c', 'SetRole'],
  ['SET ROLE NONE', 'SetRole'],
  ['SET ROLE admin', 'SetRole'],
  ["CREATE CATALOG c USING tpch WITH (\"tpch.splits-per-node\" = '4')", 'CreateCatalog'],
  ['DROP CATALOG IF EXISTS c', 'DropCatalog'],
  ['CREATE FUNCTION meaning_of_life() RETURNS bigint RETURN 42', 'CreateFunction'],
  ["CREATE OR REPLACE FUNCTION s.f(x integer, y varchar) RETURNS varchar LANGUAGE SQL NOT DETERMINISTIC RETURNS NULL ON NULL INPUT SECURITY INVOKER COMMENT 'c' RETURN y || CAST(x AS varchar)", 'CreateFunction'],
  ['CREATE FUNCTION f(x bigint) RETURNS bigint DETERMINISTIC CALLED ON NULL INPUT SECURITY DEFINER RETURN x', 'CreateFunction'],
  ['DROP FUNCTION IF EXISTS f(bigint, varchar)', 'DropFunction'],
  ['DROP FUNCTION f()', 'DropFunction'],
  ['ANALYZE t WITH (partitions = ARRAY[ARRAY[\'1\']])', 'Analyze'],
];

const ROUTINE = `CREATE FUNCTION fib(n bigint)
RETURNS bigint
BEGIN
  DECLARE a, b bigint DEFAULT 1;
  DECLARE c bigint;
  IF n <= 2 THEN
    RETURN 1;
  ELSEIF n = 3 THEN
    RETURN 2;
  ELSE
    SET c = 0;
  END IF;
  CASE n WHEN 4 THEN RETURN 3; ELSE SET c = 1; END CASE;
  CASE WHEN n > 100 THEN RETURN -1; END CASE;
  top: WHILE n > 2 DO
    SET n = n - 1;
    SET c = a + b;
    SET a = b;
    SET b = c;
    IF c > 1000 THEN LEAVE top; END IF;
  END WHILE top;
  REPEAT SET n = n + 1; UNTIL n > 10 END REPEAT;
  lp: LOOP
    SET n = n + 1;
    IF n < 20 THEN ITERATE lp; END IF;
    LEAVE lp;
  END LOOP;
  RETURN c;
END`;

describe('statements', () => {
  for (const [sql, kind] of STATEMENTS) {
    it(`${kind}: ${sql.slice(0, 60)}`, () => {
      const statement = assertRoundTrip(sql);
      assert.equal(statement.kind, kind);
    });
  }

  it('SQL routine bodies with every control statement', () => {
    const statement = assertRoundTrip(ROUTINE);
    assert.equal(statement.kind, 'CreateFunction');
    if (statement.kind !== 'CreateFunction') return;
    const body = statement.specification.statement;
    assert.equal(body.kind, 'CompoundStatement');
    if (body.kind !== 'CompoundStatement') return;
    assert.equal(body.variableDeclarations.length, 2);
    assert.deepEqual(
      body.statements.map((s) => s.kind),
      ['IfStatement', 'CaseStatement', 'CaseStatement', 'WhileStatement', 'RepeatStatement', 'LoopStatement', 'ReturnStatement'],
    );
  });

  it('WITH FUNCTION inline routines before a query', () => {
    const statement = assertRoundTrip('WITH FUNCTION double_it(x bigint) RETURNS bigint RETURN x * 2 SELECT double_it(3)');
    assert.equal(statement.kind, 'Query');
    if (statement.kind === 'Query') assert.equal(statement.functions.length, 1);
  });

  it('details of CREATE TABLE', () => {
    const statement = parseStatement("CREATE TABLE IF NOT EXISTS t (a bigint NOT NULL COMMENT 'x' WITH (p = 1)) WITH (format = 'ORC')");
    assert.equal(statement.kind, 'CreateTable');
    if (statement.kind !== 'CreateTable') return;
    assert.equal(statement.saveMode, 'IGNORE');
    const column = statement.elements[0]!;
    assert.equal(column.kind, 'ColumnDefinition');
    if (column.kind !== 'ColumnDefinition') return;
    assert.equal(column.nullable, false);
    assert.equal(column.comment, 'x');
    assert.equal(column.properties[0]!.name.value, 'p');
    assert.equal(statement.properties[0]!.name.value, 'format');
  });

  it('positional parameters are numbered in order', () => {
    const statement = parseStatement('SELECT ? + ? FROM t WHERE a = ? LIMIT ?');
    const text = JSON.stringify(statement);
    const positions = [...text.matchAll(/"kind":"Parameter","position":(\d+)/g)].map((match) => Number(match[1]));
    assert.deepEqual(positions, [0, 1, 2, 3]);
  });
});
