import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine } from '@petrel/engine';
import { createSession } from '@petrel/server';
import { EmbeddedClient } from './client/embedded-client.js';
import { runBatch } from './client-command.js';
import type { OutputSink } from './output-sink.js';
import type { OutputFormat } from './output/output-printer.js';

// Batch mode over the real embedded engine (catalogs tpch, memory, system).
const T = `SELECT * FROM (VALUES (1, 'a', 1.5E0), (22, 'hello "q"', NULL)) AS t(n, s, d)`;
const ONE = 'SELECT 1';
const NONE = `SELECT 'x' AS x WHERE false`;
const COMPLEX = `SELECT ARRAY[1, NULL] AS a, MAP(ARRAY['k'], ARRAY[2E0]) AS m, CAST(ROW(9007199254740993, 'z') AS ROW(x BIGINT, y VARCHAR)) AS r, X'616263' AS b`;

let engine: Engine;
let client: EmbeddedClient;

before(async () => {
  engine = await Engine.create();
  client = new EmbeddedClient(engine);
});

after(async () => {
  await engine.shutdown();
});

async function run(script: string, format: OutputFormat = 'CSV', ignoreErrors = false): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const sink: OutputSink = {
    write: async (text) => {
      out += text;
    },
    close: async () => {},
  };
  const code = await runBatch(client, createSession({ user: 'test' }), script, { outputFormat: format, ignoreErrors, debug: false, progress: false }, { out: sink, err: (t) => (err += t) });
  return { code, out, err };
}

test('ALIGNED draws Trino’s table with a row-count footer', async () => {
  assert.equal((await run(ONE, 'ALIGNED')).out, ' _col0 \n-------\n     1 \n(1 row)\n');
  assert.equal(
    (await run(T, 'ALIGNED')).out,
    [' n  |     s     |  d   ', '----+-----------+------', '  1 | a         |  1.5 ', ' 22 | hello "q" | NULL ', '(2 rows)', ''].join('\n'),
  );
  assert.equal((await run(NONE, 'ALIGNED')).out, ' x \n---\n(0 rows)\n');
});

test('CSV variants quote like Trino’s CLI', async () => {
  assert.equal((await run(T, 'CSV')).out, '"1","a","1.5"\n"22","hello ""q""",""\n');
  assert.equal((await run(T, 'CSV_HEADER')).out, '"n","s","d"\n"1","a","1.5"\n"22","hello ""q""",""\n');
  assert.equal((await run(T, 'CSV_UNQUOTED')).out, '1,a,1.5\n22,hello ""q"",\n');
  assert.equal((await run(T, 'CSV_HEADER_UNQUOTED')).out, 'n,s,d\n1,a,1.5\n22,hello ""q"",\n');
});

test('TSV, JSON, VERTICAL, MARKDOWN and NULL', async () => {
  assert.equal((await run(T, 'TSV')).out, '1\ta\t1.5\n22\thello "q"\t\n');
  assert.equal((await run(T, 'TSV_HEADER')).out, 'n\ts\td\n1\ta\t1.5\n22\thello "q"\t\n');
  assert.equal((await run(T, 'JSON')).out, '{"n":1,"s":"a","d":1.5}\n{"n":22,"s":"hello \\"q\\"","d":null}\n');
  assert.equal((await run(T, 'VERTICAL')).out, '-[ RECORD 1 ]\nn | 1\ns | a\nd | 1.5\n-[ RECORD 2 ]\nn | 22\ns | hello "q"\nd | NULL\n');
  assert.equal((await run(NONE, 'VERTICAL')).out, '(no rows)\n');
  assert.equal(
    (await run(T, 'MARKDOWN')).out,
    ['|  n | s         |    d |', '| --:| --------- | ----:|', '|  1 | a         |  1.5 |', '| 22 | hello "q" | NULL |', ''].join('\n'),
  );
  assert.equal((await run(T, 'NULL')).out, '');
});

test('arrays, maps, rows, varbinary and big bigints print as Trino’s CLI prints them', async () => {
  assert.equal((await run(COMPLEX, 'CSV')).out, '"[1, NULL]","{k=2.0}","{x=9007199254740993, y=z}","61 62 63"\n');
  assert.equal((await run(COMPLEX, 'JSON')).out, '{"a":[1,null],"m":{"k":2.0},"r":{"x":9007199254740993,"y":"z"},"b":"61 62 63"}\n');
});

test('a failure prints exactly Query failed: <message> (with line:column when located) and exits non-zero', async () => {
  const result = await run('SELECT x');
  assert.equal(result.code, 1);
  assert.equal(result.out, '');
  assert.equal(result.err, "Query failed: line 1:8: Column 'x' cannot be resolved\n");
  const syntax = await run('SELECT FROM WHERE');
  assert.equal(syntax.code, 1);
  assert.match(syntax.err, /^Query failed: line 1:\d+: mismatched input '[^']+'\. Expecting: [^\n]+\n$/);
  const runtime = await run('SELECT 1/0');
  assert.equal(runtime.code, 1);
  assert.equal(runtime.err, 'Query failed: Division by zero\n');
});

test('scripts run in order, carry USE, SET SESSION and PREPARE, and stop at the first failure', async () => {
  const script = [
    'USE tpch.tiny;',
    "SET SESSION join_distribution_type = 'BROADCAST';",
    '-- comment',
    'SELECT current_catalog, current_schema, count(*) FROM region;',
    "SHOW SESSION LIKE 'join_distribution_type';",
    'PREPARE q FROM SELECT name FROM nation WHERE nationkey = ?;',
    'EXECUTE q USING 3;',
    'SELECT x;',
    'SELECT 1;',
  ].join('\n');
  const result = await run(script);
  assert.equal(result.code, 1);
  assert.equal(result.out, '"tpch","tiny","5"\n"join_distribution_type","BROADCAST","AUTOMATIC","varchar","Join distribution type"\n"CANADA"\n');
  assert.equal(result.err, "USE\nSET SESSION\nPREPARE\nQuery failed: line 1:8: Column 'x' cannot be resolved\n");
  const ignoring = await run('SELECT x; SELECT 1', 'CSV', true);
  assert.equal(ignoring.code, 1);
  assert.equal(ignoring.out, '"1"\n');
});

test('update statements print their type and count on stderr', async () => {
  const result = await run('CREATE TABLE memory.default.batch_t (a bigint); INSERT INTO memory.default.batch_t VALUES (1), (2), (3); SELECT sum(a) FROM memory.default.batch_t');
  assert.equal(result.code, 0);
  assert.equal(result.out, '"6"\n');
  assert.equal(result.err, 'CREATE TABLE\nINSERT: 3 rows\n');
});
