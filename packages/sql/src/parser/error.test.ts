import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TrinoError } from '@petrel/spi';
import { parseDataType, parseExpression, parseStatement, parseStatements } from './parser.js';

function syntaxError(parse: () => unknown): TrinoError {
  try {
    parse();
  } catch (error) {
    assert.ok(error instanceof TrinoError, `expected a TrinoError, got ${String(error)}`);
    assert.equal(error.errorName, 'SYNTAX_ERROR');
    return error;
  }
  assert.fail('expected a syntax error');
}

function assertError(sql: string, line: number, column: number, message: string | RegExp): void {
  const error = syntaxError(() => parseStatement(sql));
  assert.deepEqual(error.location, { line, column }, error.message);
  if (typeof message === 'string') assert.equal(error.rawMessage, message);
  else assert.match(error.rawMessage, message);
  assert.equal(error.message, `line ${line}:${column}: ${error.rawMessage}`);
}

describe('syntax errors', () => {
  it('mismatched input lists the expected tokens, sorted, as Trino does', () => {
    assertError('SELECT FROM t', 1, 8, "mismatched input 'FROM'. Expecting: '*', 'ALL', 'DISTINCT', <expression>");
    assertError('SELECT * FROM t WHERE', 1, 22, "mismatched input '<EOF>'. Expecting: <expression>");
    assertError('SELECT a FROM t GROUP a', 1, 23, "mismatched input 'a'. Expecting: 'BY'");
    assertError('CREATE TABLE', 1, 13, "mismatched input '<EOF>'. Expecting: 'IF', <identifier>");
    assertError('SELECT CAST(1 AS)', 1, 17, "mismatched input ')'. Expecting: <type>");
    assertError(
      'select 1 1',
      1,
      10,
      "mismatched input '1'. Expecting: '%', '*', '+', ',', '-', '.', '/', 'AND', 'AS', 'AT', 'EXCEPT', 'FETCH', 'FROM', 'GROUP', 'HAVING', 'INTERSECT', 'LIMIT', 'OFFSET', 'OR', 'ORDER', 'UNION', 'WHERE', 'WINDOW', '[', '||', <EOF>, <identifier>, <predicate>",
    );
    assertError('SELEC 1', 1, 1, /^mismatched input 'SELEC'\. Expecting: '\(', 'ALTER', .*'SELECT'.*'WITH'$/);
  });

  it('reports positions on later lines', () => {
    assertError('SELECT a\nFROM t\nWHERE a = = 1', 3, 11, /^mismatched input '='\. Expecting: .*<expression>/);
    assertError("SELECT 'a'\n  'b'", 2, 3, /^mismatched input ''b''\./);
  });

  it('reserved words cannot be identifiers unless quoted', () => {
    assertError('SELECT * FROM select', 1, 15, /^mismatched input 'select'\./);
    assertError('SELECT a AS from FROM t', 1, 13, /^mismatched input 'from'\. Expecting: <identifier>$/);
    parseStatement('SELECT a AS "from" FROM "select"');
  });

  it('lexical errors', () => {
    assertError("SELECT 'abc", 1, 8, 'unterminated string literal');
    assertError('SELECT "abc', 1, 8, 'unterminated quoted identifier');
    assertError('SELECT 1 /* x', 1, 10, 'unterminated comment');
    assertError('SELECT 123abc', 1, 8, 'identifiers must not start with a digit; surround the identifier with double quotes');
    assertError('SELECT a:b FROM t', 1, 8, "identifiers must not contain ':'");
    assertError('SELECT a@b FROM t', 1, 8, "identifiers must not contain '@'");
    assertError('SELECT `a` FROM t', 1, 8, 'backquoted identifiers are not supported; use double quotes to quote identifiers');
    assertError('SELECT #', 1, 8, "token recognition error at: '#'");
    assertError('SELECT "" FROM t', 1, 8, 'Zero-length delimited identifier not allowed');
    assertError("SELECT X'abc'", 1, 8, 'Binary literal must contain an even number of digits');
  });

  it('errors raised while building the tree', () => {
    assertError('SELECT EXTRACT(foo FROM x)', 1, 16, 'Invalid EXTRACT field: foo');
    assertError('SELECT coalesce(a)', 1, 8, "The 'coalesce' function must have at least two arguments");
    assertError('SELECT if(a)', 1, 8, "Invalid number of arguments for 'if' function");
  });

  it('empty input and stray semicolons', () => {
    assertError('', 1, 1, /^mismatched input '<EOF>'\. Expecting: /);
    assertError('SELECT 1;;', 1, 10, /^mismatched input ';'\. Expecting: <EOF>$/);
    assert.deepEqual(parseStatements(' ; ;'), []);
  });

  it('expressions and types have their own entry points', () => {
    assert.equal(syntaxError(() => parseExpression('1 +')).rawMessage, "mismatched input '<EOF>'. Expecting: <expression>");
    assert.deepEqual(syntaxError(() => parseDataType('varchar(')).location, { line: 1, column: 9 });
    assert.deepEqual(syntaxError(() => parseDataType('bigint bigint')).location, { line: 1, column: 8 });
  });

  it('a statement is either parsed or rejected with SYNTAX_ERROR for deep nesting: 10,000 parentheses', () => {
    const depth = 10_000;
    const cases = [
      'SELECT ' + '('.repeat(depth) + '1' + ')'.repeat(depth),
      'SELECT ' + '('.repeat(depth),
      'SELECT ' + '(SELECT '.repeat(depth) + '1' + ')'.repeat(depth),
      'SELECT * FROM ' + '('.repeat(depth) + 't' + ')'.repeat(depth),
      'SELECT ' + 'ARRAY['.repeat(depth) + ']'.repeat(depth),
      'SELECT ' + 'NOT '.repeat(depth) + 'TRUE',
      'SELECT ' + Array.from({ length: depth }, (_, i) => `a${i}`).join(' + '),
      'SELECT 1 ' + 'UNION SELECT 1 '.repeat(depth),
    ];
    for (const sql of cases) {
      try {
        parseStatement(sql);
      } catch (error) {
        assert.ok(error instanceof TrinoError, String(error));
        assert.equal(error.errorName, 'SYNTAX_ERROR');
      }
    }
    const error = syntaxError(() => parseStatement(cases[0]!));
    assert.equal(error.rawMessage, 'statement is too large (stack overflow while parsing)');
  });
});

describe('scripts', () => {
  it('splits on top-level semicolons only', () => {
    const statements = parseStatements(`
      SELECT ';' AS "a;b"; -- comment ; here
      /* ; */ INSERT INTO t VALUES (1);
      CREATE FUNCTION f() RETURNS bigint BEGIN DECLARE x bigint DEFAULT 1; RETURN x; END;
      SHOW TABLES`);
    assert.deepEqual(statements.map((statement) => statement.kind), ['Query', 'Insert', 'CreateFunction', 'ShowTables']);
  });
  it('reports the location of an error in a later statement', () => {
    const error = syntaxError(() => parseStatements('SELECT 1;\nSELECT 2;\nSELECT FROM'));
    assert.deepEqual(error.location, { line: 3, column: 8 });
  });
});
