import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseArguments, UsageError } from './cli-arguments.js';
import { splitStatements } from './statement-splitter.js';
import { complete, CompletionNames } from './completion.js';

test('client options parse like Trino’s CLI', () => {
  const parsed = parseArguments(['--server', 'localhost:8080', '--catalog=tpch', '--schema', 'tiny', '--session', 'a=1', '--session', 'hive.b=2', '-e', 'SELECT 1', '--output-format', 'csv_header', '--ignore-errors']);
  assert.equal(parsed.kind, 'client');
  if (parsed.kind !== 'client') return;
  assert.equal(parsed.server, 'localhost:8080');
  assert.equal(parsed.catalog, 'tpch');
  assert.equal(parsed.schema, 'tiny');
  assert.deepEqual(parsed.session, [
    ['a', '1'],
    ['hive.b', '2'],
  ]);
  assert.equal(parsed.execute, 'SELECT 1');
  assert.equal(parsed.outputFormat, 'CSV_HEADER');
  assert.equal(parsed.ignoreErrors, true);
  assert.deepEqual(parseArguments(['server', '--port', '9090']), { kind: 'server', port: 9090, etcDir: undefined });
  assert.deepEqual(parseArguments(['format', 'x.sql']), { kind: 'format', args: ['x.sql'] });
  assert.deepEqual(parseArguments(['--version']), { kind: 'version' });
  assert.throws(() => parseArguments(['--output-format', 'XML']), UsageError);
  assert.throws(() => parseArguments(['--bogus']), UsageError);
  assert.throws(() => parseArguments(['--execute']), UsageError);
  assert.throws(() => parseArguments(['server', '--port', 'x']), UsageError);
});

test('statements split at semicolons outside quotes and comments', () => {
  const { statements, remainder } = splitStatements("SELECT ';' AS \"a;b\"; -- x;y\nSELECT 2 /* ; */;\n  SELECT 3");
  assert.deepEqual(statements, ["SELECT ';' AS \"a;b\"", '-- x;y\nSELECT 2 /* ; */']);
  assert.equal(remainder.trim(), 'SELECT 3');
  assert.deepEqual(splitStatements('; ;-- only\n;').statements, []);
});

test('completion offers keywords and known names', () => {
  const names = new CompletionNames();
  names.add('tpch', 'tiny', 'tpch.tiny', 'orders', 'tiny.orders', 'orderkey');
  assert.deepEqual(complete('SEL', names), [['SELECT'], 'SEL']);
  assert.deepEqual(complete('select * from ord', names), [['order', 'orderkey', 'orders'], 'ord']);
  assert.deepEqual(complete('select * from tiny.or', names), [['tiny.orders'], 'tiny.or']);
});

test('--help and unknown options', () => {
  assert.deepEqual(parseArguments(['--help']), { kind: 'help', topic: 'client' });
  assert.throws(() => parseArguments(['--bogus']), (error: Error) => error instanceof UsageError && /^Unknown option: '--bogus'/.test(error.message));
});
