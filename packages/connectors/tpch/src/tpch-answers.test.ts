/**
 * The strongest check of the generator: load tpch.tiny (SF 0.01) into DuckDB and compare the 22
 * TPC-H query results with the answers computed on dbgen 2.17.3 data
 * (/work/shared/tpch/answers/sf0.01, queries in /work/shared/tpch/queries).
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { getValue } from '@petrel/spi';
import { generateTable } from './generate-table.js';
import type { TpchTableName } from './tpch-schema.js';
import { TPCH_TABLE_NAMES, tpchTableDefinition } from './tpch-schema.js';

/** `<repo>/../shared`, located from this file (packages/connectors/tpch/dist/tpch-answers.test.js). */
const SHARED = process.env['PETREL_SHARED'] ?? fileURLToPath(new URL('../../../../../shared/', import.meta.url));
const QUERIES = join(SHARED, 'tpch/queries');
const ANSWERS = join(SHARED, 'tpch/answers/sf0.01');

function isoDate(epochDay: number): string {
  return new Date(epochDay * 86_400_000).toISOString().slice(0, 10);
}

/** The table as '|'-separated text with standard column order. */
function tableText(table: TpchTableName): string {
  const definition = tpchTableDefinition(table);
  const lines: string[] = [];
  for (const p of generateTable(table, 0.01)) {
    for (let row = 0; row < p.positionCount; row++) {
      const fields = definition.columns.map((c, i) => {
        const v = getValue(p.blocks[i]!, row);
        return c.kind === 'date' ? isoDate(v as number) : String(v);
      });
      lines.push(fields.join('|'));
    }
  }
  return lines.join('\n') + '\n';
}

function duckType(table: TpchTableName, ordinal: number): string {
  const c = tpchTableDefinition(table).columns[ordinal]!;
  switch (c.kind) {
    case 'identifier':
      return 'BIGINT';
    case 'integer':
      return 'INTEGER';
    case 'date':
      return 'DATE';
    case 'hundredths':
      return 'DECIMAL(15,2)';
    case 'varchar':
      return 'VARCHAR';
  }
}

function numbersAgree(actual: string, expected: string): boolean {
  const a = Number(actual);
  const e = Number(expected);
  if (actual.trim() === '' || expected.trim() === '' || Number.isNaN(a) || Number.isNaN(e)) return false;
  const decimals = expected.includes('.') ? expected.length - expected.indexOf('.') - 1 : 0;
  if (decimals <= 2) return Math.abs(a - e) <= 0.011;
  return Math.abs(a - e) <= 1e-9 * Math.max(1, Math.abs(e)) + 1e-12;
}

function fieldsAgree(actual: string, expected: string): boolean {
  return actual === expected || numbersAgree(actual, expected);
}

test('the 22 TPC-H queries on generated tiny data match the dbgen answers', async () => {
  assert.ok(existsSync(ANSWERS), `TPC-H answers not found at ${ANSWERS}`);
  const dir = mkdtempSync(join(tmpdir(), 'petrel-tpch-'));
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    for (const table of TPCH_TABLE_NAMES) {
      const file = join(dir, `${table}.tbl`);
      writeFileSync(file, tableText(table));
      const columns = tpchTableDefinition(table)
        .columns.map((c) => `'${c.standardName}': '${duckType(table, c.ordinal)}'`)
        .join(', ');
      await connection.run(
        `CREATE TABLE ${table} AS SELECT * FROM read_csv('${file}', delim='|', header=false, quote='', escape='', ` +
          `auto_detect=false, columns={${columns}})`,
      );
    }
    const mismatches: string[] = [];
    for (let q = 1; q <= 22; q++) {
      const name = `q${String(q).padStart(2, '0')}`;
      const sql = readFileSync(join(QUERIES, `${name}.sql`), 'utf8');
      const reader = await connection.runAndReadAll(sql);
      const actual = reader.getRows().map((r) => r.map((v) => (v === null ? '' : String(v))));
      const expectedLines = readFileSync(join(ANSWERS, `${name}.csv`), 'utf8').split('\n');
      if (expectedLines[expectedLines.length - 1] === '') expectedLines.pop();
      const expected = expectedLines.slice(1).map((l) => l.split('|'));
      let ok = actual.length === expected.length;
      for (let r = 0; ok && r < expected.length; r++) {
        const a = actual[r]!;
        const e = expected[r]!;
        ok = a.length === e.length && a.every((v, i) => fieldsAgree(v, e[i]!));
        if (!ok) mismatches.push(`${name} row ${r}: got ${a.join('|')} expected ${e.join('|')}`);
      }
      if (!ok && actual.length !== expected.length) {
        mismatches.push(`${name}: ${actual.length} rows, expected ${expected.length}`);
      }
    }
    assert.deepEqual(mismatches, []);
  } finally {
    connection.closeSync();
    instance.closeSync();
    rmSync(dir, { recursive: true, force: true });
  }
});

function allRows(pages: Iterable<import('@petrel/spi').Page>): string[] {
  const rows: string[] = [];
  for (const p of pages) {
    for (let r = 0; r < p.positionCount; r++) {
      const values: unknown[] = [];
      for (const b of p.blocks) values.push(getValue(b, r));
      rows.push(values.join('|'));
    }
  }
  return rows;
}

test('splitting a table into parts generates the same rows as one part', () => {
  for (const table of ['lineitem', 'orders', 'partsupp', 'part', 'customer', 'supplier'] as const) {
    const whole = allRows(generateTable(table, 0.01));
    const parts: string[] = [];
    for (let part = 1; part <= 3; part++) parts.push(...allRows(generateTable(table, 0.01, part, 3)));
    assert.equal(parts.length, whole.length, table);
    assert.deepEqual(parts, whole, table);
  }
});
