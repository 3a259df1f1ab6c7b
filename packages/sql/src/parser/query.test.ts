import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseStatement } from './parser.js';
import { assertRoundTrip } from './test-support.js';
import type { Query, QueryBody } from '../tree/query.js';
import type { Relation } from '../tree/relation.js';

function query(sql: string): Query {
  const statement = assertRoundTrip(sql);
  assert.equal(statement.kind, 'Query');
  return statement as Query;
}

function bodyShape(body: QueryBody): string {
  if (body.kind === 'Union' || body.kind === 'Intersect' || body.kind === 'Except') {
    return `(${bodyShape(body.left)} ${body.kind}${body.distinct ? '' : ' ALL'} ${bodyShape(body.right)})`;
  }
  if (body.kind === 'QuerySpecification') {
    const item = body.select.selectItems[0]!;
    return item.kind === 'SingleColumn' && item.expression.kind === 'LongLiteral' ? item.expression.value : 'q';
  }
  if (body.kind === 'TableSubquery') return `[${bodyShape(body.query.queryBody)}]`;
  return body.kind;
}

function relationShape(relation: Relation): string {
  if (relation.kind === 'Table') return relation.name.parts.map((part) => part.value).join('.');
  if (relation.kind === 'AliasedRelation') return `${relationShape(relation.relation)} AS ${relation.alias.value}`;
  if (relation.kind === 'Join') {
    return `(${relationShape(relation.left)} ${relation.type} ${relationShape(relation.right)}${relation.criteria ? ` ${relation.criteria.kind}` : ''})`;
  }
  return relation.kind;
}

describe('queries', () => {
  it('INTERSECT binds tighter than UNION and EXCEPT; all left-associative', () => {
    assert.equal(bodyShape(query('SELECT 1 UNION SELECT 2 INTERSECT SELECT 3').queryBody), '(1 Union (2 Intersect 3))');
    assert.equal(bodyShape(query('SELECT 1 EXCEPT SELECT 2 UNION ALL SELECT 3').queryBody), '((1 Except 2) Union ALL 3)');
    assert.equal(bodyShape(query('SELECT 1 UNION (SELECT 2 UNION SELECT 3)').queryBody), '(1 Union [(2 Union 3)])');
    assert.equal(bodyShape(query('SELECT 1 INTERSECT DISTINCT SELECT 2 INTERSECT ALL SELECT 3').queryBody), '((1 Intersect 2) Intersect ALL 3)');
  });

  it('ORDER BY / LIMIT of a simple query belong to its query specification', () => {
    const q = query('SELECT a FROM t ORDER BY a DESC NULLS FIRST OFFSET 2 ROWS LIMIT 10');
    assert.equal(q.orderBy, undefined);
    assert.equal(q.queryBody.kind, 'QuerySpecification');
    if (q.queryBody.kind !== 'QuerySpecification') return;
    assert.equal(q.queryBody.orderBy?.sortItems[0]!.ordering, 'DESCENDING');
    assert.equal(q.queryBody.orderBy?.sortItems[0]!.nullOrdering, 'FIRST');
    assert.equal(q.queryBody.offset?.rowCount.kind, 'LongLiteral');
    assert.equal(q.queryBody.limit?.kind, 'Limit');
    const u = query('SELECT 1 UNION SELECT 2 ORDER BY 1 LIMIT ALL');
    assert.equal(u.orderBy?.sortItems.length, 1);
    assert.equal(u.limit?.kind, 'Limit');
  });

  it('FETCH FIRST and parenthesized bodies with their own clauses', () => {
    query('SELECT * FROM t FETCH FIRST 5 ROWS ONLY');
    query('SELECT * FROM t FETCH NEXT ROW WITH TIES');
    query('(SELECT a FROM t ORDER BY a LIMIT 3) UNION ALL (SELECT b FROM u ORDER BY b LIMIT 2) ORDER BY 1');
    query('SELECT * FROM (SELECT * FROM t LIMIT 1) x');
  });

  it('WITH, RECURSIVE and column lists', () => {
    const q = query('WITH RECURSIVE r (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 10), s AS (SELECT 2) SELECT * FROM r, s');
    assert.equal(q.with?.recursive, true);
    assert.equal(q.with?.queries.length, 2);
    assert.equal(q.with?.queries[0]!.columnNames?.[0]!.value, 'n');
  });

  it('select items', () => {
    const q = query('SELECT ALL *, t.*, f(x).* AS (a, b), a b, c AS "D", 1 e FROM t');
    if (q.queryBody.kind !== 'QuerySpecification') assert.fail();
    const items = q.queryBody.select.selectItems;
    assert.deepEqual(items.map((item) => item.kind), ['AllColumns', 'AllColumns', 'AllColumns', 'SingleColumn', 'SingleColumn', 'SingleColumn']);
    const all = items[2]!;
    if (all.kind === 'AllColumns') assert.deepEqual(all.aliases.map((alias) => alias.value), ['a', 'b']);
    query('SELECT DISTINCT a FROM t');
  });

  it('non-reserved keywords as identifiers and aliases', () => {
    query('SELECT year, date, data, comment, position, limit, offset, window FROM t');
    query('SELECT a limit FROM t limit');
    query('SELECT t.first, last.x FROM tables AS last, schemas first LIMIT 3');
    query('SELECT * FROM t window WINDOW w AS (ORDER BY a)');
  });

  it('joins', () => {
    assert.equal(
      relationShape(query('SELECT * FROM a JOIN b ON a.x = b.x LEFT OUTER JOIN c USING (x) CROSS JOIN d').queryBody.kind === 'QuerySpecification' ? (query('SELECT * FROM a JOIN b ON a.x = b.x LEFT OUTER JOIN c USING (x) CROSS JOIN d').queryBody as { from: Relation }).from : (undefined as never)),
      '(((a INNER b JoinOn) LEFT c JoinUsing) CROSS d)',
    );
    const nested = query('SELECT * FROM a JOIN b JOIN c ON b.x = c.x ON a.y = b.y');
    if (nested.queryBody.kind === 'QuerySpecification') assert.equal(relationShape(nested.queryBody.from!), '(a INNER (b INNER c JoinOn) JoinOn)');
    const implicit = query('SELECT * FROM a, b x, c AS y (p, q)');
    if (implicit.queryBody.kind === 'QuerySpecification') assert.equal(relationShape(implicit.queryBody.from!), '((a IMPLICIT b AS x) IMPLICIT c AS y)');
    query('SELECT * FROM a NATURAL JOIN b NATURAL FULL OUTER JOIN c');
    query('SELECT * FROM a RIGHT JOIN b ON true INNER JOIN c ON false FULL JOIN d ON 1 = 1');
    query('SELECT * FROM (a JOIN b ON a.x = b.x) LEFT JOIN (c CROSS JOIN d) ON true');
  });

  it('relations', () => {
    query('SELECT * FROM t TABLESAMPLE BERNOULLI (10)');
    query('SELECT * FROM t x TABLESAMPLE SYSTEM (50)');
    query('SELECT * FROM UNNEST(ARRAY[1, 2], ARRAY[3, 4]) WITH ORDINALITY AS u (a, b, n)');
    query('SELECT * FROM t CROSS JOIN UNNEST(t.arr) AS u(x)');
    query('SELECT * FROM t, LATERAL (SELECT * FROM u WHERE u.a = t.a) l');
    query("SELECT * FROM t FOR TIMESTAMP AS OF TIMESTAMP '2020-01-01 00:00:00'");
    query('SELECT * FROM t FOR VERSION AS OF 123 x');
    query('SELECT * FROM (VALUES (1, 2), (3, 4)) AS v (a, b)');
    query('TABLE t');
    query('VALUES 1, 2, 3');
    query('SELECT * FROM "my table" "alias"');
  });

  it('table functions', () => {
    query("SELECT * FROM TABLE(system.sequence(start => 1, stop => 10))");
    query("SELECT * FROM TABLE(exclude_columns(input => TABLE(orders), columns => DESCRIPTOR(clerk, comment)))");
    query('SELECT * FROM TABLE(f(TABLE(t) AS x PARTITION BY a PRUNE WHEN EMPTY ORDER BY b, TABLE(SELECT * FROM u) PARTITION BY (c, d) KEEP WHEN EMPTY ORDER BY (e DESC), DESCRIPTOR(x bigint, y), CAST(NULL AS DESCRIPTOR), 1 COPARTITION (t, u)))');
  });

  it('GROUP BY forms, HAVING and WINDOW', () => {
    const q = query('SELECT a, b, count(*) FROM t GROUP BY DISTINCT a, ROLLUP (b, c), CUBE (d), GROUPING SETS ((a, b), a, ()), (e, f), () HAVING count(*) > 1 WINDOW w AS (PARTITION BY a), v AS (w ORDER BY b)');
    if (q.queryBody.kind !== 'QuerySpecification') assert.fail();
    const groupBy = q.queryBody.groupBy!;
    assert.equal(groupBy.distinct, true);
    assert.deepEqual(groupBy.groupingElements.map((element) => element.kind), ['SimpleGroupBy', 'Rollup', 'Cube', 'GroupingSets', 'SimpleGroupBy', 'SimpleGroupBy']);
    const sets = groupBy.groupingElements[3]!;
    if (sets.kind === 'GroupingSets') assert.deepEqual(sets.sets.map((set) => set.length), [2, 1, 0]);
    assert.equal(q.queryBody.windows.length, 2);
    query('SELECT a FROM t GROUP BY ALL a');
    const auto = query('SELECT mktsegment, sum(acctbal) FROM shipping GROUP BY AUTO');
    if (auto.queryBody.kind === 'QuerySpecification') assert.equal(auto.queryBody.groupBy?.auto, true);
  });

  it('MATCH_RECOGNIZE', () => {
    const q = query(`SELECT * FROM orders MATCH_RECOGNIZE (
      PARTITION BY custkey
      ORDER BY orderdate
      MEASURES A.totalprice AS starting_price, LAST(B.totalprice) AS bottom_price, RUNNING LAST(U.totalprice) AS top_price, MATCH_NUMBER() AS n, CLASSIFIER(U) AS c
      ALL ROWS PER MATCH OMIT EMPTY MATCHES
      AFTER MATCH SKIP TO LAST U
      SEEK
      PATTERN (^ A B+? C* D{2,} E{,3} F{4} (G | H)? PERMUTE(I, J) {- K -} () $)
      SUBSET U = (C, D)
      DEFINE B AS totalprice < PREV(totalprice), C AS totalprice > PREV(totalprice, 2) AND FIRST(A.totalprice) > 0
    ) AS m`);
    if (q.queryBody.kind !== 'QuerySpecification') assert.fail();
    const from = q.queryBody.from!;
    assert.equal(from.kind, 'AliasedRelation');
    if (from.kind === 'AliasedRelation') {
      assert.equal(from.relation.kind, 'PatternRecognitionRelation');
      if (from.relation.kind === 'PatternRecognitionRelation') {
        assert.equal(from.relation.rowsPerMatch, 'ALL_OMIT_EMPTY');
        assert.equal(from.relation.pattern.kind, 'PatternConcatenation');
        assert.equal(from.relation.measures.length, 5);
      }
    }
    query('SELECT * FROM t MATCH_RECOGNIZE (ORDER BY x ONE ROW PER MATCH AFTER MATCH SKIP PAST LAST ROW PATTERN (A | B C) DEFINE A AS true)');
    query('SELECT * FROM t MATCH_RECOGNIZE (PATTERN (A) DEFINE A AS true) AFTER_NAME');
    query('SELECT * FROM t MATCH_RECOGNIZE (ALL ROWS PER MATCH WITH UNMATCHED ROWS AFTER MATCH SKIP TO NEXT ROW INITIAL PATTERN (A+) DEFINE A AS true)');
  });

  it('window frames with row pattern recognition', () => {
    query('SELECT count(*) OVER (PARTITION BY a ORDER BY b MEASURES A.x AS m ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING AFTER MATCH SKIP TO FIRST A PATTERN (A B*) SUBSET S = (A) DEFINE B AS B.x > A.x) FROM t');
  });

  it('JSON_TABLE', () => {
    query(`SELECT * FROM JSON_TABLE(j, 'lax $.items[*]' AS items PASSING 1 AS one COLUMNS (
      n FOR ORDINALITY,
      id bigint PATH 'lax $.id' DEFAULT 0 ON EMPTY NULL ON ERROR,
      name varchar,
      raw varchar FORMAT JSON PATH 'lax $.raw' WITH ARRAY WRAPPER KEEP QUOTES ON SCALAR STRING EMPTY ARRAY ON EMPTY,
      NESTED PATH 'lax $.tags[*]' AS tags COLUMNS (tag varchar PATH 'lax $')
    ) PLAN (items OUTER tags) ERROR ON ERROR) AS jt`);
    query("SELECT * FROM JSON_TABLE(j, '$' COLUMNS (a bigint) PLAN DEFAULT (INNER, CROSS) EMPTY ON ERROR)");
  });

  it('subqueries in expressions', () => {
    query('SELECT (SELECT max(a) FROM t), EXISTS (SELECT * FROM u) FROM v WHERE x IN (SELECT y FROM w) AND z > ALL (SELECT 1)');
  });

  it('WITH SESSION before a query', () => {
    const q = query("WITH SESSION query_max_execution_time = '2h', example.query_partition_filter_required = true WITH FUNCTION f() RETURNS bigint RETURN 1 SELECT f()");
    assert.deepEqual(q.sessionProperties?.map((property) => property.name.parts.map((part) => part.value).join('.')), ['query_max_execution_time', 'example.query_partition_filter_required']);
    assert.equal(q.functions.length, 1);
    query('WITH session AS (SELECT 1), function AS (SELECT 2) SELECT * FROM session, function');
  });

  it('statement location is its first token', () => {
    const statement = parseStatement('\n\n   SELECT 1');
    assert.deepEqual(statement.location, { line: 3, column: 4 });
  });
});
