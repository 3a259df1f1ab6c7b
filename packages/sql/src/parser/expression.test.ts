import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseDataType, parseExpression } from './parser.js';
import { formatExpression } from '../formatter/format.js';
import { astEquals, stripLocations } from '../tree/ast-equality.js';
import type { Expression } from '../tree/expression.js';

function roundTrip(sql: string): Expression {
  const expression = parseExpression(sql);
  const formatted = formatExpression(expression);
  const again = parseExpression(formatted);
  if (!astEquals(expression, again)) assert.deepEqual(stripLocations(again), stripLocations(expression), formatted);
  return expression;
}

/** A compact rendering of the tree shape, to assert precedence. */
function shape(e: Expression): string {
  if (e.kind === 'Identifier') return e.value;
  if (e.kind === 'LongLiteral' || e.kind === 'DecimalLiteral' || e.kind === 'DoubleLiteral') return e.value;
  if (e.kind === 'ArithmeticBinaryExpression' || e.kind === 'ComparisonExpression') return `(${shape(e.left)} ${e.operator} ${shape(e.right)})`;
  if (e.kind === 'ArithmeticUnaryExpression') return `(${e.sign === 'MINUS' ? '-' : '+'}${shape(e.value)})`;
  if (e.kind === 'LogicalExpression') return `(${e.terms.map(shape).join(` ${e.operator} `)})`;
  if (e.kind === 'NotExpression') return `(NOT ${shape(e.value)})`;
  if (e.kind === 'FunctionCall') return `${e.name.parts.map((p) => p.value).join('.')}(${e.arguments.map(shape).join(', ')})`;
  if (e.kind === 'AtTimeZone') return `(${shape(e.value)} AT ${shape(e.timeZone)})`;
  if (e.kind === 'DereferenceExpression') return `${shape(e.base)}.${e.field.value}`;
  if (e.kind === 'SubscriptExpression') return `${shape(e.base)}[${shape(e.index)}]`;
  if (e.kind === 'StringLiteral') return `'${e.value}'`;
  return e.kind;
}

describe('expression precedence', () => {
  const cases: Array<[string, string]> = [
    ['1 + 2 * 3', '(1 + (2 * 3))'],
    ['1 - 2 - 3', '((1 - 2) - 3)'],
    ['-a * b', '((-a) * b)'],
    ['- - 1', '(-(-1))'],
    ['a || b + c', 'concat(a, (b + c))'],
    ['a = 1 OR b = 2 AND NOT c = 3', '((a = 1) OR ((b = 2) AND (NOT (c = 3))))'],
    ['a AND b AND c', '(a AND b AND c)'],
    ['a OR (b OR c)', '(a OR (b OR c))'],
    ['NOT a AND b', '((NOT a) AND b)'],
    ['x AT TIME ZONE \'UTC\' + y', "((x AT 'UTC') + y)"],
    ['a.b.c[1].d', 'a.b.c[1].d'],
    ['f(x).y', 'f(x).y'],
    ['a.b.f(x)', 'a.b.f(x)'],
    ['a != b', '(a <> b)'],
    ['a % b / c', '((a % b) / c)'],
  ];
  for (const [sql, expected] of cases) {
    it(sql, () => assert.equal(shape(roundTrip(sql)), expected));
  }
});

describe('literals', () => {
  it('numbers keep their text', () => {
    assert.deepEqual(stripLocations(parseExpression('123456789012345678901234567890')), { kind: 'LongLiteral', value: '123456789012345678901234567890' });
    assert.deepEqual(stripLocations(parseExpression('0x1F')), { kind: 'LongLiteral', value: '0x1F' });
    assert.deepEqual(stripLocations(parseExpression('1_000_000')), { kind: 'LongLiteral', value: '1_000_000' });
    assert.deepEqual(stripLocations(parseExpression('0b101')), { kind: 'LongLiteral', value: '0b101' });
    assert.deepEqual(stripLocations(parseExpression('0o17')), { kind: 'LongLiteral', value: '0o17' });
    assert.deepEqual(stripLocations(parseExpression('1.5')), { kind: 'DecimalLiteral', value: '1.5' });
    assert.deepEqual(stripLocations(parseExpression('.5')), { kind: 'DecimalLiteral', value: '.5' });
    assert.deepEqual(stripLocations(parseExpression('1.5E-3')), { kind: 'DoubleLiteral', value: '1.5E-3' });
    assert.deepEqual(stripLocations(parseExpression('1e10')), { kind: 'DoubleLiteral', value: '1e10' });
  });
  it('strings, unicode strings and binary', () => {
    assert.deepEqual(stripLocations(parseExpression("'it''s'")), { kind: 'StringLiteral', value: "it's" });
    assert.deepEqual(stripLocations(parseExpression("U&'\\0041\\+01F600'")), { kind: 'StringLiteral', value: 'A\u{1F600}' });
    assert.deepEqual(stripLocations(parseExpression("U&'#0041##' UESCAPE '#'")), { kind: 'StringLiteral', value: 'A#' });
    assert.deepEqual(stripLocations(parseExpression("X'0a ff'")), { kind: 'BinaryLiteral', hex: '0AFF' });
  });
  it('typed literals and intervals', () => {
    assert.deepEqual(stripLocations(parseExpression("DATE '2020-01-01'")), { kind: 'GenericLiteral', type: 'DATE', value: '2020-01-01' });
    assert.deepEqual(stripLocations(parseExpression("decimal '1.2'")), { kind: 'GenericLiteral', type: 'decimal', value: '1.2' });
    assert.deepEqual(stripLocations(parseExpression("DOUBLE PRECISION '1.0'")), { kind: 'GenericLiteral', type: 'DOUBLE', value: '1.0' });
    assert.deepEqual(stripLocations(parseExpression("INTERVAL '3' MONTH")), { kind: 'IntervalLiteral', value: '3', sign: 'POSITIVE', startField: 'MONTH' });
    assert.deepEqual(stripLocations(parseExpression("INTERVAL -'1 2:03' DAY TO MINUTE")), { kind: 'IntervalLiteral', value: '1 2:03', sign: 'NEGATIVE', startField: 'DAY', endField: 'MINUTE' });
    for (const sql of ["TIMESTAMP '2020-01-01 00:00:00 UTC'", "TIME '01:02'", "JSON '{}'", "REAL '1.0'", 'TRUE', 'false', 'NULL']) roundTrip(sql);
  });
});

describe('special forms', () => {
  const forms: Array<[string, string]> = [
    ['a IS NULL', 'IsNullPredicate'],
    ['a IS NOT NULL', 'IsNotNullPredicate'],
    ['a IS DISTINCT FROM b', 'ComparisonExpression'],
    ['a IS NOT DISTINCT FROM b', 'NotExpression'],
    ['a BETWEEN 1 AND 2', 'BetweenPredicate'],
    ['a NOT BETWEEN 1 AND 2', 'NotExpression'],
    ["a LIKE 'x%' ESCAPE '\\'", 'LikePredicate'],
    ["a NOT LIKE 'x%'", 'NotExpression'],
    ['a IN (1, 2, 3)', 'InPredicate'],
    ['a NOT IN (SELECT b FROM t)', 'NotExpression'],
    ['EXISTS (SELECT 1)', 'ExistsPredicate'],
    ['a = ANY (SELECT b FROM t)', 'QuantifiedComparisonExpression'],
    ['a < SOME (SELECT b FROM t)', 'QuantifiedComparisonExpression'],
    ['a >= ALL (VALUES 1, 2)', 'QuantifiedComparisonExpression'],
    ['CASE a WHEN 1 THEN 2 WHEN 3 THEN 4 ELSE 5 END', 'SimpleCaseExpression'],
    ['CASE WHEN a THEN 1 END', 'SearchedCaseExpression'],
    ['IF(a, 1, 2)', 'IfExpression'],
    ['if(a, 1)', 'IfExpression'],
    ['COALESCE(a, b, c)', 'CoalesceExpression'],
    ['NULLIF(a, b)', 'NullIfExpression'],
    ['TRY(a / b)', 'TryExpression'],
    ['CAST(a AS decimal(10, 2))', 'Cast'],
    ['TRY_CAST(a AS array(varchar))', 'Cast'],
    ["ts AT TIME ZONE 'UTC'", 'AtTimeZone'],
    ['EXTRACT(YEAR FROM d)', 'Extract'],
    ['EXTRACT(day_of_week FROM d)', 'Extract'],
    ['CURRENT_DATE', 'CurrentTime'],
    ['CURRENT_TIMESTAMP(3)', 'CurrentTime'],
    ['LOCALTIME', 'CurrentTime'],
    ['LOCALTIMESTAMP(6)', 'CurrentTime'],
    ['CURRENT_USER', 'CurrentUser'],
    ['CURRENT_CATALOG', 'CurrentCatalog'],
    ['CURRENT_SCHEMA', 'CurrentSchema'],
    ['CURRENT_PATH', 'CurrentPath'],
    ['x -> x + 1', 'LambdaExpression'],
    ['(x, y) -> x + y', 'LambdaExpression'],
    ['() -> 1', 'LambdaExpression'],
    ['transform(a, x -> x * 2)', 'FunctionCall'],
    ['ARRAY[1, 2, 3]', 'ArrayConstructor'],
    ['ARRAY[]', 'ArrayConstructor'],
    ['ROW(1, \'a\')', 'Row'],
    ['(1, 2)', 'Row'],
    ['a[1]', 'SubscriptExpression'],
    ['r.f', 'DereferenceExpression'],
    ['count(*)', 'FunctionCall'],
    ['count(DISTINCT a)', 'FunctionCall'],
    ['array_agg(a ORDER BY b DESC NULLS LAST)', 'FunctionCall'],
    ['sum(a) FILTER (WHERE a > 0)', 'FunctionCall'],
    ['rank() OVER (PARTITION BY a ORDER BY b ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)', 'FunctionCall'],
    ['sum(a) OVER w', 'FunctionCall'],
    ['sum(a) OVER (w ORDER BY b)', 'FunctionCall'],
    ['lag(a) IGNORE NULLS OVER (ORDER BY b)', 'FunctionCall'],
    ['first_value(a) RESPECT NULLS OVER (ORDER BY b RANGE BETWEEN 1 PRECEDING AND 2 FOLLOWING)', 'FunctionCall'],
    ['avg(a) OVER (ORDER BY b GROUPS 2 PRECEDING)', 'FunctionCall'],
    ['max(a) OVER (ORDER BY b RANGE BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING)', 'FunctionCall'],
    ["LISTAGG(a, ',') WITHIN GROUP (ORDER BY a)", 'FunctionCall'],
    ["LISTAGG(DISTINCT a, ',' ON OVERFLOW TRUNCATE '..' WITH COUNT) WITHIN GROUP (ORDER BY a) FILTER (WHERE a > 1)", 'FunctionCall'],
    ["listagg(a, ';' ON OVERFLOW ERROR) WITHIN GROUP (ORDER BY b DESC)", 'FunctionCall'],
    ['POSITION(\'a\' IN s)', 'FunctionCall'],
    ['SUBSTRING(s FROM 2 FOR 3)', 'FunctionCall'],
    ['substring(s, 2)', 'FunctionCall'],
    ['NORMALIZE(s, NFKC)', 'FunctionCall'],
    ['NORMALIZE(s)', 'FunctionCall'],
    ["trim(LEADING 'x' FROM s)", 'Trim'],
    ['trim(s)', 'Trim'],
    ["trim(BOTH FROM s)", 'Trim'],
    ["trim('x' FROM s)", 'Trim'],
    ["format('%s', 1)", 'Format'],
    ['?', 'Parameter'],
    ['(SELECT 1)', 'SubqueryExpression'],
    ['((SELECT 1) UNION (SELECT 2))', 'SubqueryExpression'],
    ['GROUPING(a, b.c)', 'GroupingOperation'],
    ['"select"', 'Identifier'],
    ['cat.sch.fn(1)', 'FunctionCall'],
    ["JSON_EXISTS(j, 'lax $.a' PASSING 1 AS x TRUE ON ERROR)", 'JsonExists'],
    ["JSON_VALUE(j FORMAT JSON, 'strict $.a' RETURNING bigint DEFAULT -1 ON EMPTY ERROR ON ERROR)", 'JsonValue'],
    ["JSON_VALUE(j, '$.a' NULL ON EMPTY DEFAULT 0 ON ERROR)", 'JsonValue'],
    ["JSON_QUERY(j, 'lax $.a' RETURNING varchar FORMAT JSON WITH CONDITIONAL ARRAY WRAPPER OMIT QUOTES ON SCALAR STRING EMPTY ARRAY ON EMPTY NULL ON ERROR)", 'JsonQuery'],
    ["JSON_QUERY(j, '$' WITHOUT WRAPPER KEEP QUOTES EMPTY OBJECT ON ERROR)", 'JsonQuery'],
    ["JSON_OBJECT(KEY 'a' VALUE 1, 'b' : 2, 'c' VALUE x FORMAT JSON ABSENT ON NULL WITH UNIQUE KEYS RETURNING varchar)", 'JsonObject'],
    ['JSON_OBJECT()', 'JsonObject'],
    ["JSON_ARRAY(1, 'a', x FORMAT JSON NULL ON NULL RETURNING varbinary FORMAT JSON ENCODING UTF8)", 'JsonArray'],
    ['JSON_ARRAY()', 'JsonArray'],
    ['RUNNING LAST(A.price, 1)', 'FunctionCall'],
    ['FINAL count(*)', 'FunctionCall'],
    ['PREV(price, 2)', 'FunctionCall'],
    ['CLASSIFIER()', 'FunctionCall'],
  ];
  for (const [sql, kind] of forms) {
    it(sql, () => assert.equal(roundTrip(sql).kind, kind));
  }

  it('|| becomes concat located at the operator', () => {
    const e = parseExpression('a || b');
    assert.equal(e.kind, 'FunctionCall');
    if (e.kind !== 'FunctionCall') return;
    assert.equal(e.name.parts[0]!.value, 'concat');
    assert.deepEqual(e.location, { line: 1, column: 3 });
  });

  it('POSITION becomes strpos(haystack, needle)', () => {
    assert.equal(shape(parseExpression("POSITION('b' IN s)")), "strpos(s, 'b')");
  });

  it('LISTAGG arguments follow Trino', () => {
    const e = parseExpression("LISTAGG(a, ',' ON OVERFLOW TRUNCATE '..' WITH COUNT) WITHIN GROUP (ORDER BY a)");
    assert.equal(e.kind, 'FunctionCall');
    if (e.kind !== 'FunctionCall') return;
    assert.deepEqual(stripLocations(e.arguments.slice(1)), [
      { kind: 'StringLiteral', value: ',' },
      { kind: 'BooleanLiteral', value: false },
      { kind: 'StringLiteral', value: '..' },
      { kind: 'BooleanLiteral', value: true },
    ]);
    assert.equal(e.orderBy?.sortItems.length, 1);
  });

  it('identifiers keep their case and quoting', () => {
    assert.deepEqual(stripLocations(parseExpression('FooBar')), { kind: 'Identifier', value: 'FooBar', quoted: false });
    assert.deepEqual(stripLocations(parseExpression('"Foo""Bar"')), { kind: 'Identifier', value: 'Foo"Bar', quoted: true });
  });

  it('locations are 1-based line and column', () => {
    const e = parseExpression('\n  a +\n    foo(1)');
    assert.equal(e.kind, 'ArithmeticBinaryExpression');
    if (e.kind !== 'ArithmeticBinaryExpression') return;
    assert.deepEqual(e.location, { line: 2, column: 5 });
    assert.deepEqual(e.left.location, { line: 2, column: 3 });
    assert.deepEqual(e.right.location, { line: 3, column: 5 });
  });
});

describe('data types', () => {
  const types: Array<[string, string]> = [
    ['bigint', 'GenericDataType'],
    ['decimal(10, 2)', 'GenericDataType'],
    ['varchar(10)', 'GenericDataType'],
    ['char(3)', 'GenericDataType'],
    ['timestamp(3) with time zone', 'DateTimeDataType'],
    ['timestamp without time zone', 'DateTimeDataType'],
    ['time(6) with time zone', 'DateTimeDataType'],
    ['array(varchar(10))', 'GenericDataType'],
    ['bigint array', 'GenericDataType'],
    ['array<bigint>', 'GenericDataType'],
    ['map(varchar, array(bigint))', 'GenericDataType'],
    ['map<varchar, bigint>', 'GenericDataType'],
    ['row(a bigint, b row(c double precision), varchar)', 'RowDataType'],
    ['row(x timestamp(3) with time zone, y array(int))', 'RowDataType'],
    ['interval day to second', 'IntervalDataType'],
    ['interval year to month', 'IntervalDataType'],
    ['double precision', 'GenericDataType'],
    ['"my type"(1)', 'GenericDataType'],
  ];
  for (const [sql, kind] of types) {
    it(sql, () => {
      const type = parseDataType(sql);
      assert.equal(type.kind, kind);
      const again = parseExpression(`CAST(x AS ${sql})`);
      assert.equal(again.kind, 'Cast');
      if (again.kind === 'Cast') assert.ok(astEquals(again.type, type));
      roundTrip(`CAST(x AS ${sql})`);
    });
  }
  it('timestamp precision and zone', () => {
    assert.deepEqual(stripLocations(parseDataType('timestamp(3) with time zone')), {
      kind: 'DateTimeDataType',
      type: 'TIMESTAMP',
      withTimeZone: true,
      precision: { kind: 'NumericParameter', value: '3' },
    });
  });
});
