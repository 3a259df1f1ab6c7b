import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TrinoError } from '@petrel/spi';
import { checkCorpus } from './corpus-check.js';
import { corpusAvailable, isSqliteOnly, productTestQueries, sample, sqlLogicTestRecords, tpchQueries } from './corpus.js';
import { parseStatement, parseStatements } from '../parser/parser.js';

describe('corpora', () => {
  it('the shared corpora are found ($PETREL_SHARED or <repo>/../shared)', () => {
    assert.ok(corpusAvailable(), 'shared/ not found: set PETREL_SHARED or put it next to the repository');
  });

  it('TPC-H: all 22 queries parse and round-trip', () => {
    const entries = tpchQueries();
    assert.equal(entries.length, 22);
    const result = checkCorpus(entries);
    assert.deepEqual(result.failures, []);
    assert.equal(result.roundTripped, 22);
  });

  it('Trino product tests (with the 99 TPC-DS queries): all parse and round-trip', () => {
    const entries = productTestQueries();
    assert.ok(entries.length >= 250, `found ${entries.length}`);
    assert.ok(entries.filter((entry) => entry.source.includes('/tpcds/')).length >= 103);
    const result = checkCorpus(entries);
    assert.deepEqual(result.failures, []);
  });

  it('sqllogictest: select1-5 and evidence in full, plus a deterministic sample of 20,000 records from the start of every other file (31,000 in all)', () => {
    // The full corpus (330k records) is checked by `node packages/sql/dist/corpus/corpus-check.js --all`.
    const base = sqlLogicTestRecords(/\/(select\d\.test|evidence\/)/);
    const rest = sqlLogicTestRecords(/\/(random|index)\//, 250_000);
    assert.ok(base.length > 9_000 && rest.length > 40_000, `found ${base.length} + ${rest.length}`);
    const chosen = [...base, ...sample(rest, 20_000)];
    const expected = chosen.filter((record) => isSqliteOnly(record.sql));
    const valid = chosen.filter((record) => !isSqliteOnly(record.sql));
    assert.ok(valid.length >= 30_000, `${valid.length}`);
    const result = checkCorpus(valid);
    assert.deepEqual(result.failures.slice(0, 5), []);
    assert.equal(result.roundTripped, valid.length);
    assert.ok(expected.length >= 20);
    for (const record of expected) {
      assert.throws(
        () => (record.script ? parseStatements(record.sql) : parseStatement(record.sql)),
        (error: unknown) => error instanceof TrinoError && error.errorName === 'SYNTAX_ERROR',
        record.sql,
      );
    }
  });
});
