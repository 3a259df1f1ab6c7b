import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TrinoError } from '@petrel/spi';
import { tokenize } from './lexer.js';
import { TokenType } from './token.js';
import { parseStatement } from './parser.js';
import { formatStatement } from '../formatter/format.js';
import { astEquals } from '../tree/ast-equality.js';
import { corpusAvailable, productTestQueries, sample, sqlLogicTestRecords, tpchQueries } from '../corpus/corpus.js';

/** Deterministic pseudo-random numbers (mulberry32). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FALLBACK = [
  'SELECT a, b + 1 AS c FROM t JOIN u ON t.x = u.x WHERE a IN (1, 2) GROUP BY a HAVING count(*) > 1 ORDER BY 1 LIMIT 5',
  "WITH x AS (SELECT * FROM t) SELECT CASE WHEN a THEN 'x' ELSE 'y' END, CAST(b AS varchar) FROM x UNION ALL SELECT 1, 2",
];

describe('fuzz', () => {
  it('10,000 token mutations of corpus queries each parse or raise SYNTAX_ERROR', () => {
    const sources = corpusAvailable()
      ? [...tpchQueries(), ...sample(productTestQueries('tpcds'), 40), ...sample(sqlLogicTestRecords(/select[1-5]\.test$/), 400)].map((entry) => entry.sql.split(';')[0]!)
      : FALLBACK;
    const next = random(20241124);
    let parsed = 0;
    let rejected = 0;
    let slowest = 0;
    for (let i = 0; i < 10_000; i++) {
      const sql = sources[Math.floor(next() * sources.length)]!;
      let tokens;
      try {
        tokens = tokenize(sql).filter((token) => token.type !== TokenType.EOF);
      } catch {
        continue;
      }
      const pieces = tokens.map((token) => sql.slice(token.start, token.end));
      const mutations = 1 + Math.floor(next() * 3);
      for (let m = 0; m < mutations && pieces.length > 1; m++) {
        const at = Math.floor(next() * pieces.length);
        const operation = Math.floor(next() * 3);
        if (operation === 0) pieces.splice(at, 1);
        else if (operation === 1) pieces.splice(at, 0, pieces[at]!);
        else {
          const other = Math.floor(next() * pieces.length);
          [pieces[at], pieces[other]] = [pieces[other]!, pieces[at]!];
        }
      }
      const mutated = pieces.join(' ');
      const start = performance.now();
      try {
        const statement = parseStatement(mutated);
        parsed++;
        const again = parseStatement(formatStatement(statement));
        assert.ok(astEquals(statement, again), `round trip of mutated query:\n${mutated}\n--\n${formatStatement(statement)}`);
      } catch (error) {
        if (error instanceof assert.AssertionError) throw error;
        assert.ok(error instanceof TrinoError, `${String(error)} for:\n${mutated}`);
        assert.equal(error.errorName, 'SYNTAX_ERROR', `${error.message} for:\n${mutated}`);
        assert.ok(error.location !== undefined && error.location.line >= 1 && error.location.column >= 1);
        rejected++;
      }
      slowest = Math.max(slowest, performance.now() - start);
    }
    assert.ok(parsed + rejected >= 9_900);
    assert.ok(rejected > 1_000 && parsed > 100, `parsed ${parsed}, rejected ${rejected}`);
    // a hang detector, not a benchmark: every mutation is handled in well under this bound
    assert.ok(slowest < 5_000, `slowest mutation took ${slowest.toFixed(0)} ms`);
  });
});
