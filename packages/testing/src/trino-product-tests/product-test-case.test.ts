import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAnnotatedFile, parseProperties } from './annotated-file.js';
import { loadProductTestFile, splitStatements } from './product-test-case.js';
import { requiredTables } from './product-test-runner.js';

test('parses header properties with and without spaces', () => {
  assert.deepEqual(parseProperties(' delimiter: |; ignoreOrder: true; types: BIGINT|VARCHAR'), { delimiter: '|', ignoreOrder: 'true', types: 'BIGINT|VARCHAR' });
  assert.deepEqual(parseProperties('delimiter:|;ignoreOrder:true;'), { delimiter: '|', ignoreOrder: 'true' });
  assert.deepEqual(parseProperties(' database: trino; groups: qe, horology_functions'), { database: 'trino', groups: 'qe, horology_functions' });
});

test('annotated files: properties, comments, escapes and sections', () => {
  const sections = parseAnnotatedFile('-- database: trino; groups: g\n-- delimiter: |\n--- a comment\n--! name: first\nSELECT 1\n--!\n1|\n\n--! name: second\n\\-- not a property\n--!\nx\\ny|\n');
  assert.equal(sections.length, 5);
  assert.deepEqual(sections[0]!.properties, { database: 'trino', groups: 'g', delimiter: '|' });
  assert.deepEqual(sections[0]!.contentLines, []);
  assert.deepEqual(sections[1]!.properties, { name: 'first' });
  assert.deepEqual(sections[1]!.contentLines, ['SELECT 1']);
  assert.deepEqual(sections[2]!.contentLines, ['1|']);
  assert.deepEqual(sections[3]!.contentLines, ['-- not a property']);
  assert.deepEqual(sections[4]!.contentLines, ['x\ny|']);
});

test('splits statements at top-level semicolons only', () => {
  assert.deepEqual(splitStatements("insert into t values('a;b');\nselect * from t\n"), ["insert into t values('a;b')", 'select * from t']);
  assert.deepEqual(splitStatements('select 1 -- trailing; comment\n'), ['select 1 -- trailing; comment']);
  assert.deepEqual(splitStatements('select 1;'), ['select 1']);
});

test('loads a .sql/.result pair and inline sections', () => {
  const root = mkdtempSync(join(tmpdir(), 'petrel-pt-'));
  const dir = join(root, 'group-by');
  mkdirSync(dir);
  writeFileSync(join(dir, 'one.sql'), '-- database: trino; tables: nation, workers|loaded; groups: group-by;\nSELECT n_regionkey FROM nation\n');
  writeFileSync(join(dir, 'one.result'), '-- delimiter: |; ignoreOrder: true; types: BIGINT\n0|\n1|\n');
  writeFileSync(join(dir, 'two.sql'), '-- database: trino; groups: x\n-- delimiter: |; ignoreOrder: false;\n--! name: a\nSELECT 1\n--!\n1|\n--! name: b\nSELECT 2\n--!\n2|\n');
  const [one] = loadProductTestFile(join(dir, 'one.sql'), root);
  assert.ok(one !== undefined);
  assert.equal(one.directory, 'group-by');
  assert.equal(one.name, 'one');
  assert.deepEqual(one.statements, ['SELECT n_regionkey FROM nation']);
  assert.deepEqual(requiredTables(one), ['nation', 'workers']);
  assert.deepEqual(one.expected, { delimiter: '|', ignoreOrder: true, ignoreExcessRows: false, trimValues: false, types: ['BIGINT'], lines: ['0|', '1|'] });
  const inline = loadProductTestFile(join(dir, 'two.sql'), root);
  assert.deepEqual(inline.map((c) => c.name), ['two#a', 'two#b']);
  assert.deepEqual(inline.map((c) => c.statements), [['SELECT 1'], ['SELECT 2']]);
  assert.deepEqual(inline.map((c) => c.expected.lines), [['1|'], ['2|']]);
  assert.equal(inline[0]!.expected.ignoreOrder, false);
});
