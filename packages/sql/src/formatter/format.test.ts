import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseExpression, parseStatement } from '../parser/parser.js';
import { formatExpression, formatStatement } from './format.js';
import { formatIdentifier } from './quote.js';
import { astEquals } from '../tree/ast-equality.js';

describe('formatter', () => {
  it('prints queries with upper-case keywords, one clause per line', () => {
    const sql = "select a, count(*) c from s.t x join u on x.id = u.id where a > 1 and b like 'x%' group by a having count(*) > 2 order by c desc nulls last limit 10";
    assert.equal(
      formatStatement(parseStatement(sql)),
      [
        'SELECT a, count(*) AS c',
        'FROM s.t x',
        'INNER JOIN u ON x.id = u.id',
        "WHERE a > 1 AND b LIKE 'x%'",
        'GROUP BY a',
        'HAVING count(*) > 2',
        'ORDER BY c DESC NULLS LAST',
        'LIMIT 10',
      ].join('\n'),
    );
  });

  it('indents subqueries and common table expressions', () => {
    assert.equal(
      formatStatement(parseStatement('with x as (select 1 a) select * from (select a from x) y')),
      ['WITH', '   x AS (', '      SELECT 1 AS a', '   )', 'SELECT *', 'FROM (', '   SELECT a', '   FROM x', ') y'].join('\n'),
    );
  });

  it('parenthesizes only where precedence requires', () => {
    assert.equal(formatExpression(parseExpression('(a + b) * c - (d - e)')), '(a + b) * c - (d - e)');
    assert.equal(formatExpression(parseExpression('(a or b) and not (c = d)')), '(a OR b) AND NOT c = d');
    assert.equal(formatExpression(parseExpression('- (- 1)')), '- -1');
    assert.equal(formatExpression(parseExpression('(x -> x + 1)')), '(x) -> x + 1');
    assert.equal(formatExpression(parseExpression('a || b || (c || d)')), 'a || b || (c || d)');
    assert.equal(formatExpression(parseExpression('concat(a, b)')), 'a || b');
    assert.equal(formatExpression(parseExpression('CONCAT(a, b, c)')), 'CONCAT(a, b, c)');
  });

  it('quotes identifiers only when needed, and keeps quoted ones quoted', () => {
    assert.equal(formatIdentifier({ kind: 'Identifier', value: 'abc', quoted: false, location: { line: 1, column: 1 } }), 'abc');
    assert.equal(formatIdentifier({ kind: 'Identifier', value: 'select', quoted: false, location: { line: 1, column: 1 } }), '"select"');
    assert.equal(formatIdentifier({ kind: 'Identifier', value: 'a b', quoted: false, location: { line: 1, column: 1 } }), '"a b"');
    assert.equal(formatIdentifier({ kind: 'Identifier', value: 'x"y', quoted: true, location: { line: 1, column: 1 } }), '"x""y"');
    assert.equal(formatStatement(parseStatement('SELECT "Col", col FROM "order"')), 'SELECT "Col", col\nFROM "order"');
  });

  it('prints literals canonically', () => {
    assert.equal(formatExpression(parseExpression("'it''s'")), "'it''s'");
    assert.equal(formatExpression(parseExpression("x'0aFF'")), "X'0AFF'");
    assert.equal(formatExpression(parseExpression("interval -'2' day")), "INTERVAL - '2' DAY");
    assert.equal(formatExpression(parseExpression('true')), 'TRUE');
    assert.equal(formatExpression(parseExpression('null')), 'NULL');
    assert.equal(formatExpression(parseExpression("date '2020-01-01'")), "date '2020-01-01'");
  });

  it('keeps the meaning of identifiers named ALL or DISTINCT', () => {
    const statement = parseStatement('SELECT "all" FROM t');
    assert.equal(formatStatement(statement), 'SELECT "all"\nFROM t');
    const bare = parseStatement('SELECT all - 1 FROM t');
    assert.equal(formatStatement(bare), 'SELECT -1\nFROM t');
    const identifier = parseStatement('SELECT all FROM t');
    assert.equal(formatStatement(identifier), 'SELECT ALL all\nFROM t');
  });

  it('formats left-deep chains of 10,000 operands without deep recursion', () => {
    const names = Array.from({ length: 10_000 }, (_, i) => `a${i}`);
    const cases = [
      'SELECT ' + names.join(' + '),
      'SELECT ' + names.join(' || '),
      'SELECT 1' + ' UNION ALL SELECT 1'.repeat(10_000),
      'SELECT * FROM ' + names.join(' CROSS JOIN '),
      'SELECT * FROM ' + names.join(', '),
    ];
    for (const sql of cases) {
      const statement = parseStatement(sql);
      const formatted = formatStatement(statement);
      assert.ok(astEquals(statement, parseStatement(formatted)));
    }
  });
});
