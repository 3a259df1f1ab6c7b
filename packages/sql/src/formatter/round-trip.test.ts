import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseExpression, parseStatement } from '../parser/parser.js';
import { formatExpression, formatStatement } from './format.js';
import { astEquals } from '../tree/ast-equality.js';

/** Deterministic generator of random expression text mixing every operator and special form. */
function generator(seed: number): (depth: number) => string {
  let state = seed;
  const random = (): number => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const generate = (depth: number): string => {
    if (depth <= 0) return pick(['a', 'b.c', '1', '2.5', "'s'", 'NULL', 'TRUE', '?', 'x[1]', 'f(a)', "DATE '2020-01-01'", "INTERVAL '1' DAY", 'CURRENT_DATE']);
    const g = (): string => generate(depth - 1);
    switch (Math.floor(random() * 26)) {
      case 0: return `${g()} ${pick(['+', '-', '*', '/', '%', '||'])} ${g()}`;
      case 1: return `(${g()})`;
      case 2: return `${pick(['-', '+', 'NOT '])}${g()}`;
      case 3: return `${g()} ${pick(['=', '<>', '<', '>=', '!='])} ${g()}`;
      case 4: return `${g()} ${pick(['AND', 'OR'])} ${g()}`;
      case 5: return `${g()} IS ${pick(['', 'NOT '])}NULL`;
      case 6: return `${g()} ${pick(['', 'NOT '])}BETWEEN ${g()} AND ${g()}`;
      case 7: return `${g()} ${pick(['', 'NOT '])}IN (${g()}, ${g()})`;
      case 8: return `${g()} ${pick(['', 'NOT '])}LIKE ${g()}`;
      case 9: return `CASE WHEN ${g()} THEN ${g()} ELSE ${g()} END`;
      case 10: return `CAST(${g()} AS ${pick(['bigint', 'varchar(3)', 'row(a int)', 'array(double)'])})`;
      case 11: return `${g()} AT TIME ZONE ${pick(["'UTC'", 'tz'])}`;
      case 12: return `(${g()})[${g()}]`;
      case 13: return `(${g()}).fld`;
      case 14: return `transform(${g()}, x -> ${g()})`;
      case 15: return `ARRAY[${g()}, ${g()}]`;
      case 16: return `ROW(${g()}, ${g()})`;
      case 17: return `(${g()}, ${g()})`;
      case 18: return `${g()} IS ${pick(['', 'NOT '])}DISTINCT FROM ${g()}`;
      case 19: return `EXISTS (SELECT ${g()})`;
      case 20: return `${g()} = ANY (SELECT ${g()})`;
      case 21: return `COALESCE(${g()}, ${g()})`;
      case 22: return `(SELECT ${g()})`;
      case 23: return `sum(${g()}) OVER (PARTITION BY ${g()} ORDER BY ${g()})`;
      case 24: return `EXTRACT(YEAR FROM ${g()})`;
      default: return `trim(${g()} FROM ${g()})`;
    }
  };
  return generate;
}

describe('formatter round trip over generated expressions', () => {
  it('parse(format(e)) equals e for 20,000 generated expressions', () => {
    const generate = generator(20241124);
    let parsed = 0;
    for (let i = 0; i < 20_000; i++) {
      const text = generate(1 + (i % 4));
      let expression;
      try {
        expression = parseExpression(text);
      } catch {
        continue;
      }
      parsed++;
      const formatted = formatExpression(expression);
      assert.ok(astEquals(expression, parseExpression(formatted)), `${text}\n=> ${formatted}`);
    }
    assert.ok(parsed > 10_000, `only ${parsed} generated expressions were valid`);
  });
});

/** Deterministic generator of random query text: set operations, WITH, subqueries and joins. */
function queryGenerator(seed: number): (depth: number) => string {
  let state = seed;
  const random = (): number => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const relation = (depth: number): string => {
    if (depth <= 0) return pick(['t', 'u x', 's.t AS y', '(SELECT 1) z', 'UNNEST(a) u(v)', 'LATERAL (SELECT 1) l', 'TABLE(f(1)) tf', '(VALUES 1) v(a)', 't FOR VERSION AS OF 3']);
    const r = (): string => relation(depth - 1);
    switch (Math.floor(random() * 8)) {
      case 0: return `${r()} CROSS JOIN ${r()}`;
      case 1: return `${r()} ${pick(['', 'INNER ', 'LEFT ', 'RIGHT OUTER ', 'FULL '])}JOIN ${r()} ON a = b`;
      case 2: return `${r()} JOIN ${r()} USING (k)`;
      case 3: return `(${r()})`;
      case 4: return `${r()} NATURAL JOIN ${r()}`;
      case 5: return `(${r()}) w`;
      case 6: return `${r()} TABLESAMPLE BERNOULLI (5)`;
      default: return `${r()}, ${r()}`;
    }
  };
  const query = (depth: number): string => {
    if (depth <= 0) return pick(['SELECT 1', 'SELECT a FROM t', 'VALUES 1', 'TABLE t', '(SELECT 2 ORDER BY 1 LIMIT 1)', `SELECT * FROM ${relation(2)}`]);
    const q = (): string => query(depth - 1);
    switch (Math.floor(random() * 5)) {
      case 0: return `${q()} ${pick(['UNION', 'UNION ALL', 'EXCEPT', 'INTERSECT', 'INTERSECT DISTINCT', 'EXCEPT ALL'])} ${q()}`;
      case 1: return `(${q()})`;
      case 2: return `SELECT * FROM (${q()}) s`;
      case 3: return `WITH w AS (${q()}) ${q()}`;
      default: return `${q()} ${pick(['UNION', 'INTERSECT'])} (${q()})`;
    }
  };
  return query;
}

describe('formatter round trip over generated queries', () => {
  it('parse(format(q)) equals q for 10,000 generated queries', () => {
    const generate = queryGenerator(7);
    let parsed = 0;
    for (let i = 0; i < 10_000; i++) {
      const text = generate(1 + (i % 3));
      let statement;
      try {
        statement = parseStatement(text);
      } catch {
        continue;
      }
      parsed++;
      const formatted = formatStatement(statement);
      assert.ok(astEquals(statement, parseStatement(formatted)), `${text}\n=>\n${formatted}`);
    }
    assert.ok(parsed > 7_000, `only ${parsed} generated queries were valid`);
  });
});
