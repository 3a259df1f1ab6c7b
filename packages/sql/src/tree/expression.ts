import type { NodeLocation } from './node-location.js';
import type { Identifier, QualifiedName } from './identifier.js';
import type { Literal, StringLiteral } from './literal.js';
import type { DataTypeNode } from './data-type.js';
import type { Query, OrderBy } from './query.js';
import type { Window } from './window.js';

export type ArithmeticOperator = '+' | '-' | '*' | '/' | '%';
/** `!=` is parsed as `<>`. */
export type ComparisonOperator = '=' | '<>' | '<' | '<=' | '>' | '>=' | 'IS DISTINCT FROM';

export interface ArithmeticBinaryExpression {
  readonly kind: 'ArithmeticBinaryExpression';
  readonly operator: ArithmeticOperator;
  readonly left: Expression;
  readonly right: Expression;
  readonly location: NodeLocation;
}

export interface ArithmeticUnaryExpression {
  readonly kind: 'ArithmeticUnaryExpression';
  readonly sign: 'PLUS' | 'MINUS';
  readonly value: Expression;
  readonly location: NodeLocation;
}

/** Comparisons, including `IS DISTINCT FROM`; `IS NOT DISTINCT FROM` is NOT over `IS DISTINCT FROM`. */
export interface ComparisonExpression {
  readonly kind: 'ComparisonExpression';
  readonly operator: ComparisonOperator;
  readonly left: Expression;
  readonly right: Expression;
  readonly location: NodeLocation;
}

/** n-ary AND / OR (`terms.length >= 2`); a chain `a AND b AND c` is one node. */
export interface LogicalExpression {
  readonly kind: 'LogicalExpression';
  readonly operator: 'AND' | 'OR';
  readonly terms: readonly Expression[];
  readonly location: NodeLocation;
}

/** `NOT x`; also the form of `NOT BETWEEN`, `NOT LIKE`, `NOT IN`, `IS NOT DISTINCT FROM`. */
export interface NotExpression {
  readonly kind: 'NotExpression';
  readonly value: Expression;
  readonly location: NodeLocation;
}

export interface IsNullPredicate {
  readonly kind: 'IsNullPredicate';
  readonly value: Expression;
  readonly location: NodeLocation;
}

export interface IsNotNullPredicate {
  readonly kind: 'IsNotNullPredicate';
  readonly value: Expression;
  readonly location: NodeLocation;
}

export interface BetweenPredicate {
  readonly kind: 'BetweenPredicate';
  readonly value: Expression;
  readonly min: Expression;
  readonly max: Expression;
  readonly location: NodeLocation;
}

export interface LikePredicate {
  readonly kind: 'LikePredicate';
  readonly value: Expression;
  readonly pattern: Expression;
  readonly escape: Expression | undefined;
  readonly location: NodeLocation;
}

/** The parenthesized list of `x IN (a, b, c)`. */
export interface InListExpression {
  readonly kind: 'InListExpression';
  readonly values: readonly Expression[];
  readonly location: NodeLocation;
}

/** `x IN (list)` (valueList is an InListExpression) or `x IN (subquery)` (a SubqueryExpression). */
export interface InPredicate {
  readonly kind: 'InPredicate';
  readonly value: Expression;
  readonly valueList: InListExpression | SubqueryExpression;
  readonly location: NodeLocation;
}

export interface ExistsPredicate {
  readonly kind: 'ExistsPredicate';
  readonly subquery: SubqueryExpression;
  readonly location: NodeLocation;
}

/** `x = ANY (subquery)`, `x < ALL (subquery)`, `SOME` is kept as written. */
export interface QuantifiedComparisonExpression {
  readonly kind: 'QuantifiedComparisonExpression';
  readonly operator: ComparisonOperator;
  readonly quantifier: 'ALL' | 'ANY' | 'SOME';
  readonly value: Expression;
  readonly subquery: SubqueryExpression;
  readonly location: NodeLocation;
}

export interface WhenClause {
  readonly kind: 'WhenClause';
  readonly operand: Expression;
  readonly result: Expression;
  readonly location: NodeLocation;
}

export interface SimpleCaseExpression {
  readonly kind: 'SimpleCaseExpression';
  readonly operand: Expression;
  readonly whenClauses: readonly WhenClause[];
  readonly defaultValue: Expression | undefined;
  readonly location: NodeLocation;
}

export interface SearchedCaseExpression {
  readonly kind: 'SearchedCaseExpression';
  readonly whenClauses: readonly WhenClause[];
  readonly defaultValue: Expression | undefined;
  readonly location: NodeLocation;
}

export interface IfExpression {
  readonly kind: 'IfExpression';
  readonly condition: Expression;
  readonly trueValue: Expression;
  readonly falseValue: Expression | undefined;
  readonly location: NodeLocation;
}

export interface CoalesceExpression {
  readonly kind: 'CoalesceExpression';
  readonly operands: readonly Expression[];
  readonly location: NodeLocation;
}

export interface NullIfExpression {
  readonly kind: 'NullIfExpression';
  readonly first: Expression;
  readonly second: Expression;
  readonly location: NodeLocation;
}

export interface TryExpression {
  readonly kind: 'TryExpression';
  readonly innerExpression: Expression;
  readonly location: NodeLocation;
}

/** `CAST(x AS type)`; `safe` is true for `TRY_CAST`. */
export interface Cast {
  readonly kind: 'Cast';
  readonly expression: Expression;
  readonly type: DataTypeNode;
  readonly safe: boolean;
  readonly location: NodeLocation;
}

export interface AtTimeZone {
  readonly kind: 'AtTimeZone';
  readonly value: Expression;
  readonly timeZone: Expression;
  readonly location: NodeLocation;
}

export type ExtractField =
  | 'YEAR'
  | 'QUARTER'
  | 'MONTH'
  | 'WEEK'
  | 'DAY'
  | 'DAY_OF_MONTH'
  | 'DAY_OF_WEEK'
  | 'DOW'
  | 'DAY_OF_YEAR'
  | 'DOY'
  | 'YEAR_OF_WEEK'
  | 'YOW'
  | 'HOUR'
  | 'MINUTE'
  | 'SECOND'
  | 'TIMEZONE_MINUTE'
  | 'TIMEZONE_HOUR';

/** `EXTRACT(field FROM x)`; the field is upper-cased and validated by the parser. */
export interface Extract {
  readonly kind: 'Extract';
  readonly expression: Expression;
  readonly field: ExtractField;
  readonly location: NodeLocation;
}

export type CurrentTimeFunction = 'CURRENT_DATE' | 'CURRENT_TIME' | 'CURRENT_TIMESTAMP' | 'LOCALTIME' | 'LOCALTIMESTAMP';

/** `CURRENT_DATE`, `CURRENT_TIME[(p)]`, `CURRENT_TIMESTAMP[(p)]`, `LOCALTIME[(p)]`, `LOCALTIMESTAMP[(p)]`. */
export interface CurrentTime {
  readonly kind: 'CurrentTime';
  readonly function: CurrentTimeFunction;
  readonly precision: number | undefined;
  readonly location: NodeLocation;
}

export interface CurrentUser {
  readonly kind: 'CurrentUser';
  readonly location: NodeLocation;
}

export interface CurrentCatalog {
  readonly kind: 'CurrentCatalog';
  readonly location: NodeLocation;
}

export interface CurrentSchema {
  readonly kind: 'CurrentSchema';
  readonly location: NodeLocation;
}

export interface CurrentPath {
  readonly kind: 'CurrentPath';
  readonly location: NodeLocation;
}

/** `x -> body`, `(x, y) -> body`, `() -> body`. */
export interface LambdaExpression {
  readonly kind: 'LambdaExpression';
  readonly arguments: readonly Identifier[];
  readonly body: Expression;
  readonly location: NodeLocation;
}

/** `ARRAY[a, b, ...]`. */
export interface ArrayConstructor {
  readonly kind: 'ArrayConstructor';
  readonly values: readonly Expression[];
  readonly location: NodeLocation;
}

/** `ROW(a, b)` or `(a, b)`. */
export interface Row {
  readonly kind: 'Row';
  readonly items: readonly Expression[];
  readonly location: NodeLocation;
}

/** `base[index]`. */
export interface SubscriptExpression {
  readonly kind: 'SubscriptExpression';
  readonly base: Expression;
  readonly index: Expression;
  readonly location: NodeLocation;
}

/**
 * `base.field`. A dotted name such as `a.b.c` in an expression is a chain of dereferences over
 * an Identifier; the analyzer decides what each part is.
 */
export interface DereferenceExpression {
  readonly kind: 'DereferenceExpression';
  readonly base: Expression;
  readonly field: Identifier;
  readonly location: NodeLocation;
}

export type NullTreatment = 'IGNORE' | 'RESPECT';
export type ProcessingMode = 'RUNNING' | 'FINAL';

/**
 * A function call. Special syntax becomes a call as in Trino:
 * `a || b` -> `concat(a, b)` (located at the operator), `POSITION(x IN y)` -> `strpos(y, x)`,
 * `SUBSTRING(x FROM a FOR b)` -> `substring(x, a, b)`, `NORMALIZE(x, NFC)` -> `normalize(x, 'NFC')`,
 * `LISTAGG(x, sep ON OVERFLOW ...) WITHIN GROUP (ORDER BY ...)` ->
 * `listagg(x, sep, <overflowError BooleanLiteral>, <filler StringLiteral>, <withCount BooleanLiteral>)`
 * with `orderBy`. Row pattern navigation (`PREV`, `NEXT`, `FIRST`, `LAST`, `CLASSIFIER`,
 * `MATCH_NUMBER`) is also a plain call, with `processingMode` for `RUNNING` / `FINAL`.
 */
export interface FunctionCall {
  readonly kind: 'FunctionCall';
  readonly name: QualifiedName;
  readonly distinct: boolean;
  readonly arguments: readonly Expression[];
  readonly orderBy: OrderBy | undefined;
  readonly filter: Expression | undefined;
  readonly window: Window | undefined;
  readonly nullTreatment: NullTreatment | undefined;
  readonly processingMode: ProcessingMode | undefined;
  readonly location: NodeLocation;
}

/** `?`, numbered from 0 in order of appearance in the statement. */
export interface Parameter {
  readonly kind: 'Parameter';
  readonly position: number;
  readonly location: NodeLocation;
}

/** `(query)` used as a value. */
export interface SubqueryExpression {
  readonly kind: 'SubqueryExpression';
  readonly query: Query;
  readonly location: NodeLocation;
}

/** `GROUPING(a, b, ...)`. */
export interface GroupingOperation {
  readonly kind: 'GroupingOperation';
  readonly groupingColumns: readonly Expression[];
  readonly location: NodeLocation;
}

/** `TRIM([BOTH|LEADING|TRAILING] [chars] FROM source)` or `TRIM(source [, chars])`. */
export interface Trim {
  readonly kind: 'Trim';
  readonly specification: 'BOTH' | 'LEADING' | 'TRAILING';
  readonly trimSource: Expression;
  readonly trimCharacter: Expression | undefined;
  readonly location: NodeLocation;
}

/** `FORMAT(fmt, args...)`: a non-reserved special form in Trino. */
export interface Format {
  readonly kind: 'Format';
  readonly arguments: readonly Expression[];
  readonly location: NodeLocation;
}

// ---- SQL/JSON ----

export type JsonFormat = 'JSON' | 'JSON ENCODING UTF8' | 'JSON ENCODING UTF16' | 'JSON ENCODING UTF32';

export interface JsonPathParameter {
  readonly kind: 'JsonPathParameter';
  readonly parameter: Expression;
  readonly name: Identifier;
  readonly format: JsonFormat | undefined;
  readonly location: NodeLocation;
}

/** `input [FORMAT JSON ...], 'path' [AS name] [PASSING value AS name, ...]`. */
export interface JsonPathInvocation {
  readonly kind: 'JsonPathInvocation';
  readonly inputExpression: Expression;
  readonly inputFormat: JsonFormat | undefined;
  readonly jsonPath: StringLiteral;
  readonly pathName: Identifier | undefined;
  readonly pathParameters: readonly JsonPathParameter[];
  readonly location: NodeLocation;
}

export type JsonExistsErrorBehavior = 'FALSE' | 'TRUE' | 'UNKNOWN' | 'ERROR';
/** ON EMPTY / ON ERROR behavior of JSON_VALUE (and value columns of JSON_TABLE). */
export type JsonValueBehavior = 'NULL' | 'ERROR' | 'DEFAULT';
/** ON EMPTY / ON ERROR behavior of JSON_QUERY (and query columns of JSON_TABLE). */
export type JsonQueryBehavior = 'NULL' | 'ERROR' | 'EMPTY_ARRAY' | 'EMPTY_OBJECT';
export type JsonQueryWrapperBehavior = 'WITHOUT' | 'WITH_CONDITIONAL' | 'WITH_UNCONDITIONAL';
export type JsonQueryQuotesBehavior = 'KEEP' | 'OMIT';

export interface JsonExists {
  readonly kind: 'JsonExists';
  readonly jsonPathInvocation: JsonPathInvocation;
  /** undefined when no ON ERROR clause is written (the default is FALSE). */
  readonly errorBehavior: JsonExistsErrorBehavior | undefined;
  readonly location: NodeLocation;
}

export interface JsonValue {
  readonly kind: 'JsonValue';
  readonly jsonPathInvocation: JsonPathInvocation;
  readonly returnedType: DataTypeNode | undefined;
  readonly emptyBehavior: JsonValueBehavior | undefined;
  readonly emptyDefault: Expression | undefined;
  readonly errorBehavior: JsonValueBehavior | undefined;
  readonly errorDefault: Expression | undefined;
  readonly location: NodeLocation;
}

export interface JsonQuery {
  readonly kind: 'JsonQuery';
  readonly jsonPathInvocation: JsonPathInvocation;
  readonly returnedType: DataTypeNode | undefined;
  readonly outputFormat: JsonFormat | undefined;
  readonly wrapperBehavior: JsonQueryWrapperBehavior | undefined;
  /** `KEEP|OMIT QUOTES [ON SCALAR STRING]`. */
  readonly quotesBehavior: JsonQueryQuotesBehavior | undefined;
  readonly emptyBehavior: JsonQueryBehavior | undefined;
  readonly errorBehavior: JsonQueryBehavior | undefined;
  readonly location: NodeLocation;
}

/** `[KEY] k VALUE v [FORMAT JSON]` or `k : v`. */
export interface JsonObjectMember {
  readonly kind: 'JsonObjectMember';
  readonly key: Expression;
  readonly value: Expression;
  readonly format: JsonFormat | undefined;
  readonly location: NodeLocation;
}

export interface JsonObject {
  readonly kind: 'JsonObject';
  readonly members: readonly JsonObjectMember[];
  /** undefined when not written (`NULL ON NULL` is the default for JSON_OBJECT). */
  readonly nullOnNull: boolean | undefined;
  /** `WITH UNIQUE [KEYS]` true, `WITHOUT UNIQUE [KEYS]` false, undefined when not written. */
  readonly uniqueKeys: boolean | undefined;
  readonly returnedType: DataTypeNode | undefined;
  readonly outputFormat: JsonFormat | undefined;
  readonly location: NodeLocation;
}

export interface JsonArrayElement {
  readonly kind: 'JsonArrayElement';
  readonly value: Expression;
  readonly format: JsonFormat | undefined;
  readonly location: NodeLocation;
}

export interface JsonArray {
  readonly kind: 'JsonArray';
  readonly elements: readonly JsonArrayElement[];
  /** undefined when not written (`ABSENT ON NULL` is the default for JSON_ARRAY). */
  readonly nullOnNull: boolean | undefined;
  readonly returnedType: DataTypeNode | undefined;
  readonly outputFormat: JsonFormat | undefined;
  readonly location: NodeLocation;
}

export type Expression =
  | Literal
  | Identifier
  | DereferenceExpression
  | ArithmeticBinaryExpression
  | ArithmeticUnaryExpression
  | ComparisonExpression
  | LogicalExpression
  | NotExpression
  | IsNullPredicate
  | IsNotNullPredicate
  | BetweenPredicate
  | LikePredicate
  | InPredicate
  | InListExpression
  | ExistsPredicate
  | QuantifiedComparisonExpression
  | SimpleCaseExpression
  | SearchedCaseExpression
  | IfExpression
  | CoalesceExpression
  | NullIfExpression
  | TryExpression
  | Cast
  | AtTimeZone
  | Extract
  | CurrentTime
  | CurrentUser
  | CurrentCatalog
  | CurrentSchema
  | CurrentPath
  | LambdaExpression
  | ArrayConstructor
  | Row
  | SubscriptExpression
  | FunctionCall
  | Parameter
  | SubqueryExpression
  | GroupingOperation
  | Trim
  | Format
  | JsonExists
  | JsonValue
  | JsonQuery
  | JsonObject
  | JsonArray;
