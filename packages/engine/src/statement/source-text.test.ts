import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { offsetOf, textFrom } from './source-text.js';

describe('source text', () => {
  it('finds offsets of line:column and cuts statement text', () => {
    const sql = 'CREATE VIEW v AS\n  SELECT 1;  ';
    assert.equal(offsetOf(sql, { line: 2, column: 3 }), 19);
    assert.equal(textFrom(sql, { line: 2, column: 3 }), 'SELECT 1');
    assert.equal(textFrom('CREATE VIEW v AS (SELECT f(1) AS ")x")  )', { line: 1, column: 19 }), 'SELECT f(1) AS ")x"');
  });
});
