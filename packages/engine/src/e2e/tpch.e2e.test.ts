import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Engine } from '../engine.js';
import { compareResult, readAnswer } from './result-comparison.js';
import { SHARED_DIR } from './shared-data.js';
import { join } from 'node:path';

const TPCH_DIR = join(SHARED_DIR, 'tpch');
const QUERIES = Array.from({ length: 22 }, (_, i) => `q${String(i + 1).padStart(2, '0')}`);

describe('TPC-H on tpch.tiny (22 queries against the reference answers)', () => {
  let engine: Engine;
  before(async () => {
    engine = await Engine.create({
      catalogs: [{ name: 'tpch', connectorName: 'tpch', properties: { 'tpch.column-naming': 'STANDARD' } }],
    });
  });
  after(async () => {
    await engine.shutdown();
  });

  for (const query of QUERIES) {
    it(query, async () => {
      const sql = readFileSync(`${TPCH_DIR}/queries/${query}.sql`, 'utf8').replace(/;\s*$/, '');
      const result = await engine.query(sql, { catalog: 'tpch', schema: 'tiny' });
      const difference = compareResult(result.columns, result.rows, readAnswer(`${TPCH_DIR}/answers/sf0.01/${query}.csv`));
      assert.equal(difference, undefined, `${query}: ${difference}`);
    });
  }
});
