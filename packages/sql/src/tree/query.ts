import type { NodeLocation } from './node-location.js';
import type { Identifier, QualifiedName } from './identifier.js';
import type { Expression } from './expression.js';
import type { Relation, TableSubquery } from './relation.js';
import type { WindowDefinition } from './window.js';
import type { FunctionSpecification } from './routine.js';

export interface SortItem {
  readonly kind: 'SortItem';
  readonly sortKey: Expression;
  readonly ordering: 'ASCENDING' | 'DESCENDING';
  /** 'UNDEFINED' when no NULLS FIRST/LAST is written. */
  readonly nullOrdering: 'FIRST' | 'LAST' | 'UNDEFINED';
  readonly location: NodeLocation;
}

export interface OrderBy {
  readonly kind: 'OrderBy';
  readonly sortItems: readonly SortItem[];
  readonly location: NodeLocation;
}

export interface Offset {
  readonly kind: 'Offset';
  readonly rowCount: Expression;
  readonly location: NodeLocation;
}

/** `LIMIT ALL`. */
export interface AllRows {
  readonly kind: 'AllRows';
  readonly location: NodeLocation;
}

export interface Limit {
  readonly kind: 'Limit';
  readonly rowCount: Expression | AllRows;
  readonly location: NodeLocation;
}

/** `FETCH FIRST|NEXT [n] ROW|ROWS ONLY|WITH TIES` (no count means 1). */
export interface FetchFirst {
  readonly kind: 'FetchFirst';
  readonly rowCount: Expression | undefined;
  readonly withTies: boolean;
  readonly location: NodeLocation;
}

export interface WithQuery {
  readonly kind: 'WithQuery';
  readonly name: Identifier;
  readonly query: Query;
  readonly columnNames: readonly Identifier[] | undefined;
  readonly location: NodeLocation;
}

export interface With {
  readonly kind: 'With';
  readonly recursive: boolean;
  readonly queries: readonly WithQuery[];
  readonly location: NodeLocation;
}

/**
 * A full query: `[WITH FUNCTION ...] [WITH ...] body [ORDER BY] [OFFSET] [LIMIT|FETCH]`.
 * Also a Statement.
 */
export interface Query {
  readonly kind: 'Query';
  /** `WITH SESSION a = 1, c.b = 'x'` before the query; absent or empty when not written. */
  readonly sessionProperties?: readonly SessionProperty[];
  /** Inline SQL routines of `WITH FUNCTION f(...) ...` before the query; empty when none. */
  readonly functions: readonly FunctionSpecification[];
  readonly with: With | undefined;
  readonly queryBody: QueryBody;
  readonly orderBy: OrderBy | undefined;
  readonly offset: Offset | undefined;
  readonly limit: Limit | FetchFirst | undefined;
  readonly location: NodeLocation;
}

export interface SingleColumn {
  readonly kind: 'SingleColumn';
  readonly expression: Expression;
  readonly alias: Identifier | undefined;
  readonly location: NodeLocation;
}

/** `*`, `t.*`, `expr.* [AS (a, b)]`. `target` is undefined for a bare `*`. */
export interface AllColumns {
  readonly kind: 'AllColumns';
  readonly target: Expression | undefined;
  readonly aliases: readonly Identifier[];
  readonly location: NodeLocation;
}

export type SelectItem = SingleColumn | AllColumns;

export interface Select {
  readonly kind: 'Select';
  readonly distinct: boolean;
  readonly selectItems: readonly SelectItem[];
  readonly location: NodeLocation;
}

export interface SimpleGroupBy {
  readonly kind: 'SimpleGroupBy';
  readonly columns: readonly Expression[];
  readonly location: NodeLocation;
}

export interface Cube {
  readonly kind: 'Cube';
  readonly columns: readonly Expression[];
  readonly location: NodeLocation;
}

export interface Rollup {
  readonly kind: 'Rollup';
  readonly columns: readonly Expression[];
  readonly location: NodeLocation;
}

/** `GROUPING SETS ((a, b), a, ())`: each set is a list of expressions (possibly empty). */
export interface GroupingSets {
  readonly kind: 'GroupingSets';
  readonly sets: readonly (readonly Expression[])[];
  readonly location: NodeLocation;
}

export type GroupingElement = SimpleGroupBy | Cube | Rollup | GroupingSets;

export interface GroupBy {
  readonly kind: 'GroupBy';
  /** `GROUP BY DISTINCT ...`; `GROUP BY ALL ...` (the default) is false. */
  readonly distinct: boolean;
  readonly groupingElements: readonly GroupingElement[];
  /** `GROUP BY AUTO`: the engine derives the grouping columns; `groupingElements` is then empty. */
  readonly auto?: boolean;
  readonly location: NodeLocation;
}

/** `name = value` of `WITH SESSION` before a query; the name may be `catalog.property`. */
export interface SessionProperty {
  readonly kind: 'SessionProperty';
  readonly name: QualifiedName;
  readonly value: Expression;
  readonly location: NodeLocation;
}

export interface QuerySpecification {
  readonly kind: 'QuerySpecification';
  readonly select: Select;
  readonly from: Relation | undefined;
  readonly where: Expression | undefined;
  readonly groupBy: GroupBy | undefined;
  readonly having: Expression | undefined;
  readonly windows: readonly WindowDefinition[];
  readonly orderBy: OrderBy | undefined;
  readonly offset: Offset | undefined;
  readonly limit: Limit | FetchFirst | undefined;
  readonly location: NodeLocation;
}

/** Binary set operations; INTERSECT binds tighter than UNION and EXCEPT, all left-associative. */
export interface Union {
  readonly kind: 'Union';
  readonly left: QueryBody;
  readonly right: QueryBody;
  /** false for `UNION ALL`; true for `UNION` and `UNION DISTINCT`. */
  readonly distinct: boolean;
  readonly location: NodeLocation;
}

export interface Intersect {
  readonly kind: 'Intersect';
  readonly left: QueryBody;
  readonly right: QueryBody;
  readonly distinct: boolean;
  readonly location: NodeLocation;
}

export interface Except {
  readonly kind: 'Except';
  readonly left: QueryBody;
  readonly right: QueryBody;
  readonly distinct: boolean;
  readonly location: NodeLocation;
}

export type SetOperation = Union | Intersect | Except;

/** `VALUES row, row, ...`; each row is a Row or a single expression. */
export interface Values {
  readonly kind: 'Values';
  readonly rows: readonly Expression[];
  readonly location: NodeLocation;
}

/** `TABLE name` as a query body. */
export interface TableQueryBody {
  readonly kind: 'TableQueryBody';
  readonly name: QualifiedName;
  readonly location: NodeLocation;
}

/**
 * What a query's body can be. A parenthesized query body with its own ORDER BY / LIMIT / WITH is
 * a TableSubquery.
 */
export type QueryBody = QuerySpecification | Union | Intersect | Except | Values | TableQueryBody | TableSubquery;
