import { TokenType } from './token.js';
import type { Token } from './token.js';
import { DataTypeParser } from './type-parser.js';
import type { NodeLocation } from '../tree/node-location.js';
import type { Identifier, QualifiedName } from '../tree/identifier.js';
import type {
  ArithmeticOperator,
  ComparisonOperator,
  Expression,
  ExtractField,
  FunctionCall,
  JsonArrayElement,
  JsonFormat,
  JsonObjectMember,
  JsonPathInvocation,
  JsonPathParameter,
  JsonQueryBehavior,
  JsonQueryQuotesBehavior,
  JsonQueryWrapperBehavior,
  JsonValueBehavior,
  NullTreatment,
  ProcessingMode,
  SubqueryExpression,
  WhenClause,
} from '../tree/expression.js';
import type { IntervalSign, StringLiteral } from '../tree/literal.js';
import type { OrderBy, Query, QueryBody } from '../tree/query.js';
import type { Window, WindowSpecification } from '../tree/window.js';
import type { DataTypeNode } from '../tree/data-type.js';

/** Operator binding strength, loosest first. */
const enum Level {
  OR = 1,
  AND = 2,
  NOT = 3,
  PREDICATE = 4,
  CONCAT = 5,
  ADDITIVE = 6,
  MULTIPLICATIVE = 7,
  UNARY = 8,
  AT_TIME_ZONE = 9,
}

const COMPARISON_OPERATORS: Readonly<Record<string, ComparisonOperator>> = {
  '=': '=',
  '<>': '<>',
  '!=': '<>',
  '<': '<',
  '<=': '<=',
  '>': '>',
  '>=': '>=',
};

const EXTRACT_FIELDS: ReadonlySet<string> = new Set([
  'YEAR', 'QUARTER', 'MONTH', 'WEEK', 'DAY', 'DAY_OF_MONTH', 'DAY_OF_WEEK', 'DOW', 'DAY_OF_YEAR', 'DOY',
  'YEAR_OF_WEEK', 'YOW', 'HOUR', 'MINUTE', 'SECOND', 'TIMEZONE_MINUTE', 'TIMEZONE_HOUR',
]);

/** Does a query begin at `index` (SELECT, WITH, VALUES, or TABLE not followed by `(`)? */
export function isQueryStartAt(tokens: readonly Token[], index: number): boolean {
  const token = tokens[index];
  if (token === undefined || token.type !== TokenType.WORD) return false;
  const k = token.keyword;
  if (k === 'TABLE') {
    const next = tokens[index + 1];
    return next !== undefined && !(next.type === TokenType.SYMBOL && next.keyword === '(');
  }
  return k === 'SELECT' || k === 'WITH' || k === 'VALUES';
}

/**
 * Expressions, by precedence from loosest: OR, AND, NOT, predicates (comparison, IS, BETWEEN, IN,
 * LIKE; not chained), `||`, `+ -`, `* / %`, unary `+ -`, `AT TIME ZONE`, postfix `[i]` and `.f`, primaries.
 */
export abstract class ExpressionParser extends DataTypeParser {
  protected abstract query(): Query;
  /** Continues a query whose first parenthesized primary has been parsed: set operations, ORDER BY, LIMIT... */
  protected abstract queryContinuation(first: QueryBody, location: NodeLocation): Query;
  protected abstract windowSpecification(): WindowSpecification;
  protected abstract orderBy(): OrderBy;
  protected abstract peekQueryContinuation(): boolean;

  expression(): Expression {
    return this.operatorExpression(Level.OR);
  }

  /** A value expression: no predicates, NOT, AND or OR unless parenthesized. */
  valueExpression(): Expression {
    return this.operatorExpression(Level.CONCAT);
  }

  /**
   * Precedence climbing over every operator level at once (few stack frames per nesting level):
   * parses an operand, then any operators binding at least as tightly as `minimum`. A predicate
   * (comparison, IS, BETWEEN, IN, LIKE) ends its operand: only AND / OR may follow it.
   */
  private operatorExpression(minimum: Level): Expression {
    let left: Expression;
    // after a prefix NOT, whose operand took every tighter operator, only AND / OR can follow
    let predicateDone = false;
    const token = this.tok;
    if (minimum <= Level.NOT && token.type === TokenType.WORD && token.keyword === 'NOT') {
      this.advance();
      predicateDone = true;
      left = { kind: 'NotExpression', value: this.operatorExpression(Level.NOT), location: this.location(token) };
    } else if (token.type === TokenType.SYMBOL && (token.keyword === '-' || token.keyword === '+')) {
      this.advance();
      const value = this.operatorExpression(Level.UNARY);
      left = { kind: 'ArithmeticUnaryExpression', sign: token.keyword === '-' ? 'MINUS' : 'PLUS', value, location: this.location(token) };
    } else {
      left = this.postfix();
    }
    for (;;) {
      const operator = this.tok;
      const level = this.infixLevel(predicateDone);
      if (level === undefined || level < minimum) {
        if (this.tracking) this.noteOperators(minimum, predicateDone);
        return left;
      }
      switch (level) {
        case Level.OR:
        case Level.AND: {
          const terms = [left];
          while (this.peek(operator.keyword)) {
            this.advance();
            terms.push(this.operatorExpression(level + 1));
          }
          left = { kind: 'LogicalExpression', operator: level === Level.OR ? 'OR' : 'AND', terms, location: this.location(operator) };
          predicateDone = true;
          break;
        }
        case Level.PREDICATE:
          left = this.predicate(left);
          predicateDone = true;
          break;
        case Level.CONCAT: {
          this.advance();
          const location = this.location(operator);
          const right = this.operatorExpression(Level.ADDITIVE);
          left = this.call(location, simpleName('concat', location), [left, right]);
          break;
        }
        case Level.ADDITIVE:
        case Level.MULTIPLICATIVE: {
          this.advance();
          const right = this.operatorExpression(level + 1);
          left = { kind: 'ArithmeticBinaryExpression', operator: operator.keyword as ArithmeticOperator, left, right, location: this.location(operator) };
          break;
        }
        case Level.AT_TIME_ZONE: {
          this.advance();
          this.expect('TIME');
          this.expect('ZONE');
          const timeZone = this.postfix();
          left = { kind: 'AtTimeZone', value: left, timeZone, location: this.location(operator) };
          break;
        }
        default:
          return left;
      }
    }
  }

  /** The level of the infix operator at the cursor, or undefined when none follows. */
  private infixLevel(predicateDone: boolean): Level | undefined {
    const token = this.tok;
    if (token.type === TokenType.SYMBOL) {
      switch (token.keyword) {
        case '*':
        case '/':
        case '%':
          return predicateDone ? undefined : Level.MULTIPLICATIVE;
        case '+':
        case '-':
          return predicateDone ? undefined : Level.ADDITIVE;
        case '||':
          return predicateDone ? undefined : Level.CONCAT;
        default:
          return !predicateDone && COMPARISON_OPERATORS[token.keyword] !== undefined ? Level.PREDICATE : undefined;
      }
    }
    if (token.type !== TokenType.WORD) return undefined;
    switch (token.keyword) {
      case 'OR':
        return Level.OR;
      case 'AND':
        return Level.AND;
      case 'AT':
        return predicateDone ? undefined : Level.AT_TIME_ZONE;
      case 'IS':
      case 'BETWEEN':
      case 'IN':
      case 'LIKE':
        return predicateDone ? undefined : Level.PREDICATE;
      case 'NOT': {
        if (predicateDone) return undefined;
        const next = this.lookahead(1);
        return next.type === TokenType.WORD && (next.keyword === 'BETWEEN' || next.keyword === 'IN' || next.keyword === 'LIKE') ? Level.PREDICATE : undefined;
      }
      default:
        return undefined;
    }
  }

  /** Records, for error messages, the operators that could have continued the expression. */
  private noteOperators(minimum: Level, predicateDone: boolean): void {
    if (!predicateDone) {
      if (minimum <= Level.AT_TIME_ZONE) this.note("'AT'");
      if (minimum <= Level.MULTIPLICATIVE) for (const symbol of ["'*'", "'/'", "'%'"]) this.note(symbol);
      if (minimum <= Level.ADDITIVE) for (const symbol of ["'+'", "'-'"]) this.note(symbol);
      if (minimum <= Level.CONCAT) this.note("'||'");
      if (minimum <= Level.PREDICATE) this.note('<predicate>');
    }
    if (minimum <= Level.AND) this.note("'AND'");
    if (minimum <= Level.OR) this.note("'OR'");
  }

  /** A predicate over `value`; the cursor is at its operator (`=`, `IS`, `[NOT] BETWEEN|IN|LIKE`). */
  private predicate(value: Expression): Expression {
    const token = this.tok;
    if (token.type === TokenType.SYMBOL) {
      const operator = COMPARISON_OPERATORS[token.keyword]!;
      this.advance();
      const location = this.location(token);
      const quantifier = this.tok.type === TokenType.WORD ? this.tok.keyword : '';
      if ((quantifier === 'ALL' || quantifier === 'ANY' || quantifier === 'SOME') && this.peekAt(1, '(') && isQueryStartAfterParens(this.tokens, this.pos + 1)) {
        this.advance();
        const subquery = this.parenthesizedSubquery();
        return { kind: 'QuantifiedComparisonExpression', operator, quantifier, value, subquery, location };
      }
      const right = this.valueExpression();
      return { kind: 'ComparisonExpression', operator, left: value, right, location };
    }
    if (token.keyword === 'IS') {
      const location = this.location(this.advance());
      const negated = this.accept('NOT');
      if (this.accept('NULL')) {
        return negated ? { kind: 'IsNotNullPredicate', value, location } : { kind: 'IsNullPredicate', value, location };
      }
      if (this.accept('DISTINCT')) {
        this.expect('FROM');
        const right = this.valueExpression();
        const comparison: Expression = { kind: 'ComparisonExpression', operator: 'IS DISTINCT FROM', left: value, right, location };
        return negated ? { kind: 'NotExpression', value: comparison, location } : comparison;
      }
      throw this.fail();
    }
    if (token.keyword === 'NOT') {
      const location = this.location(this.advance());
      return { kind: 'NotExpression', value: this.simplePredicate(value, location), location };
    }
    return this.simplePredicate(value, this.location(token));
  }

  private simplePredicate(value: Expression, location: NodeLocation): Expression {
    const keyword = this.advance().keyword;
    if (keyword === 'BETWEEN') {
      const min = this.valueExpression();
      this.expect('AND');
      const max = this.valueExpression();
      return { kind: 'BetweenPredicate', value, min, max, location };
    }
    if (keyword === 'LIKE') {
      const pattern = this.valueExpression();
      const escape = this.accept('ESCAPE') ? this.valueExpression() : undefined;
      return { kind: 'LikePredicate', value, pattern, escape, location };
    }
    // IN
    if (this.peek('(') && isQueryStartAt(this.tokens, this.pos + 1)) {
      return { kind: 'InPredicate', value, valueList: this.parenthesizedSubquery(), location };
    }
    const listLocation = this.location();
    this.expect('(');
    const values = [this.expression()];
    while (this.accept(',')) values.push(this.expression());
    this.expect(')');
    return { kind: 'InPredicate', value, valueList: { kind: 'InListExpression', values, location: listLocation }, location };
  }

  protected parenthesizedSubquery(): SubqueryExpression {
    const location = this.location(this.expect('('));
    const query = this.query();
    this.expect(')');
    return { kind: 'SubqueryExpression', query, location };
  }

  /** A primary expression followed by any `[index]` and `.field`; stops before `.*`. */
  protected postfix(): Expression {
    let value = this.primary();
    for (;;) {
      if (this.is('[')) {
        this.advance();
        const index = this.valueExpression();
        this.expect(']');
        value = { kind: 'SubscriptExpression', base: value, index, location: value.location };
      } else if (this.is('.') && !this.peekAt(1, '*')) {
        this.advance();
        const field = this.identifier();
        value = { kind: 'DereferenceExpression', base: value, field, location: value.location };
      } else {
        return value;
      }
    }
  }

  protected call(location: NodeLocation, name: QualifiedName, args: Expression[], extra?: Partial<FunctionCall>): FunctionCall {
    return {
      kind: 'FunctionCall',
      name,
      distinct: false,
      arguments: args,
      orderBy: undefined,
      filter: undefined,
      window: undefined,
      nullTreatment: undefined,
      processingMode: undefined,
      location,
      ...extra,
    };
  }

  private primary(): Expression {
    const token = this.tok;
    const location = this.location(token);
    switch (token.type) {
      case TokenType.INTEGER:
        this.advance();
        return { kind: 'LongLiteral', value: token.text, location };
      case TokenType.DECIMAL:
        this.advance();
        return { kind: 'DecimalLiteral', value: token.text, location };
      case TokenType.DOUBLE:
        this.advance();
        return { kind: 'DoubleLiteral', value: token.text, location };
      case TokenType.STRING:
      case TokenType.UNICODE_STRING:
        return { kind: 'StringLiteral', value: this.stringValue(), location };
      case TokenType.BINARY: {
        this.advance();
        const hex = token.text.replace(/\s+/g, '').toUpperCase();
        if (!/^[0-9A-F]*$/.test(hex)) throw this.error('Binary literal can only contain hexadecimal digits', token);
        if (hex.length % 2 !== 0) throw this.error('Binary literal must contain an even number of digits', token);
        return { kind: 'BinaryLiteral', hex, location };
      }
      case TokenType.QUOTED_IDENTIFIER:
        return this.identifierOrCall();
      case TokenType.SYMBOL:
        return this.symbolPrimary(token, location);
      case TokenType.WORD:
        return this.wordPrimary(token, location);
      case TokenType.EOF:
        break;
    }
    if (this.tracking) this.note('<expression>');
    throw this.fail();
  }

  private symbolPrimary(token: Token, location: NodeLocation): Expression {
    switch (token.keyword) {
      case '?':
        this.advance();
        return { kind: 'Parameter', position: this.parameterCount++, location };
      case '(':
        return this.parenthesized(location);
      default:
        if (this.tracking) this.note('<expression>');
        throw this.fail();
    }
  }

  private parenthesized(location: NodeLocation): Expression {
    // lambda: () -> x, (a) -> x, (a, b) -> x
    const lambdaEnd = this.lambdaParameterListEnd();
    if (lambdaEnd >= 0) {
      this.advance();
      const parameters: Identifier[] = [];
      if (!this.peek(')')) {
        parameters.push(this.identifier());
        while (this.accept(',')) parameters.push(this.identifier());
      }
      this.expect(')');
      this.expect('->');
      const body = this.expression();
      return { kind: 'LambdaExpression', arguments: parameters, body, location };
    }
    if (isQueryStartAt(this.tokens, this.pos + 1)) {
      this.advance();
      const query = this.query();
      this.expect(')');
      return { kind: 'SubqueryExpression', query, location };
    }
    this.advance();
    const first = this.expression();
    if (first.kind === 'SubqueryExpression' && this.peekQueryContinuation()) {
      // ((SELECT ...) UNION (SELECT ...)): a query whose first term was parenthesized
      const body: QueryBody = { kind: 'TableSubquery', query: first.query, location: first.location };
      const query = this.queryContinuation(body, first.location);
      this.expect(')');
      return { kind: 'SubqueryExpression', query, location };
    }
    if (this.accept(',')) {
      const items = [first];
      do {
        items.push(this.expression());
      } while (this.accept(','));
      this.expect(')');
      return { kind: 'Row', items, location };
    }
    this.expect(')');
    return first;
  }

  /** If the tokens at the cursor are `(ident, ...) ->` or `() ->`, the index of `)`; else -1. */
  private lambdaParameterListEnd(): number {
    let index = this.pos + 1;
    const tokens = this.tokens;
    if (tokens[index]!.keyword === ')' && tokens[index]!.type === TokenType.SYMBOL) {
      const arrow = tokens[index + 1];
      return arrow !== undefined && arrow.type === TokenType.SYMBOL && arrow.keyword === '->' ? index : -1;
    }
    for (;;) {
      const token = tokens[index]!;
      if (!(token.type === TokenType.QUOTED_IDENTIFIER || token.type === TokenType.WORD)) return -1;
      const separator = tokens[index + 1]!;
      if (separator.type !== TokenType.SYMBOL) return -1;
      if (separator.keyword === ')') {
        const arrow = tokens[index + 2];
        return arrow !== undefined && arrow.type === TokenType.SYMBOL && arrow.keyword === '->' ? index + 1 : -1;
      }
      if (separator.keyword !== ',') return -1;
      index += 2;
    }
  }

  private wordPrimary(token: Token, location: NodeLocation): Expression {
    const next = this.lookahead(1);
    const nextIsParen = next.type === TokenType.SYMBOL && next.keyword === '(';
    switch (token.keyword) {
      case 'NULL':
        this.advance();
        return { kind: 'NullLiteral', location };
      case 'TRUE':
      case 'FALSE':
        this.advance();
        return { kind: 'BooleanLiteral', value: token.keyword === 'TRUE', location };
      case 'CASE':
        return this.caseExpression(location);
      case 'CAST':
        return this.cast(location, false);
      case 'TRY_CAST':
        if (nextIsParen) return this.cast(location, true);
        break;
      case 'EXISTS': {
        this.advance();
        const subquery = this.parenthesizedSubquery();
        return { kind: 'ExistsPredicate', subquery, location };
      }
      case 'EXTRACT':
        return this.extract(location);
      case 'CURRENT_DATE':
        this.advance();
        return { kind: 'CurrentTime', function: 'CURRENT_DATE', precision: undefined, location };
      case 'CURRENT_TIME':
      case 'CURRENT_TIMESTAMP':
      case 'LOCALTIME':
      case 'LOCALTIMESTAMP': {
        this.advance();
        let precision: number | undefined;
        if (this.accept('(')) {
          precision = Number(this.integerValue());
          this.expect(')');
        }
        return { kind: 'CurrentTime', function: token.keyword, precision, location };
      }
      case 'CURRENT_USER':
        this.advance();
        return { kind: 'CurrentUser', location };
      case 'CURRENT_CATALOG':
        this.advance();
        return { kind: 'CurrentCatalog', location };
      case 'CURRENT_SCHEMA':
        this.advance();
        return { kind: 'CurrentSchema', location };
      case 'CURRENT_PATH':
        this.advance();
        return { kind: 'CurrentPath', location };
      case 'GROUPING':
        if (nextIsParen) {
          this.advance();
          this.advance();
          const columns: Expression[] = [];
          if (!this.peek(')')) {
            do {
              columns.push(this.qualifiedNameExpression());
            } while (this.accept(','));
          }
          this.expect(')');
          return { kind: 'GroupingOperation', groupingColumns: columns, location };
        }
        break;
      case 'TRIM':
        return this.trim(location);
      case 'NORMALIZE': {
        this.advance();
        this.expect('(');
        const value = this.valueExpression();
        const args: Expression[] = [value];
        if (this.accept(',')) {
          const formToken = this.expectOneOf('NFD', 'NFC', 'NFKD', 'NFKC');
          args.push({ kind: 'StringLiteral', value: formToken, location: this.location(this.tokens[this.pos - 1]) });
        }
        this.expect(')');
        return this.call(location, simpleName(token.text, location), args);
      }
      case 'LISTAGG':
        return this.listagg(token, location);
      case 'JSON_EXISTS':
        return this.jsonExists(location);
      case 'JSON_VALUE':
        return this.jsonValue(location);
      case 'JSON_QUERY':
        return this.jsonQuery(location);
      case 'JSON_OBJECT':
        return this.jsonObject(location);
      case 'JSON_ARRAY':
        return this.jsonArray(location);
      case 'ARRAY':
        if (next.type === TokenType.SYMBOL && next.keyword === '[') {
          this.advance();
          this.advance();
          const values: Expression[] = [];
          if (!this.peek(']')) {
            do {
              values.push(this.expression());
            } while (this.accept(','));
          }
          this.expect(']');
          return { kind: 'ArrayConstructor', values, location };
        }
        break;
      case 'ROW':
        if (nextIsParen) {
          this.advance();
          this.advance();
          const items = [this.expression()];
          while (this.accept(',')) items.push(this.expression());
          this.expect(')');
          return { kind: 'Row', items, location };
        }
        break;
      case 'INTERVAL':
        if (next.type === TokenType.STRING || next.type === TokenType.UNICODE_STRING || (next.type === TokenType.SYMBOL && (next.keyword === '+' || next.keyword === '-'))) {
          return this.intervalLiteral(location);
        }
        break;
      case 'POSITION':
        if (nextIsParen && this.keywordInsideParentheses(1, 'IN')) {
          this.advance();
          this.advance();
          const needle = this.valueExpression();
          this.expect('IN');
          const haystack = this.valueExpression();
          this.expect(')');
          return this.call(location, simpleName('strpos', location), [haystack, needle]);
        }
        break;
      case 'SUBSTRING':
        if (nextIsParen && this.keywordInsideParentheses(1, 'FROM')) {
          this.advance();
          this.advance();
          const value = this.valueExpression();
          this.expect('FROM');
          const from = this.valueExpression();
          const args = [value, from];
          if (this.accept('FOR')) args.push(this.valueExpression());
          this.expect(')');
          return this.call(location, simpleName('substring', location), args);
        }
        break;
      case 'DOUBLE':
        if (next.type === TokenType.WORD && next.keyword === 'PRECISION') {
          const after = this.lookahead(2);
          if (after.type === TokenType.STRING || after.type === TokenType.UNICODE_STRING) {
            this.advance();
            this.advance();
            return { kind: 'GenericLiteral', type: 'DOUBLE', value: this.stringValue(), location };
          }
        }
        break;
      case 'RUNNING':
      case 'FINAL':
        if ((next.type === TokenType.WORD || next.type === TokenType.QUOTED_IDENTIFIER) && !nextIsParen && this.qualifiedCallFollows(1)) {
          this.advance();
          return this.identifierOrCall(token.keyword as ProcessingMode);
        }
        break;
      default:
        break;
    }
    if (this.peekIdentifier()) {
      // typed literal: DATE '2020-01-01', TIMESTAMP '...', DECIMAL '1.0', JSON '{}'...
      if (next.type === TokenType.STRING || next.type === TokenType.UNICODE_STRING) {
        this.advance();
        return { kind: 'GenericLiteral', type: token.text, value: this.stringValue(), location };
      }
      return this.identifierOrCall();
    }
    if (this.tracking) this.note('<expression>');
    throw this.fail();
  }

  /**
   * Does the parenthesized group opening at `offset` contain `keyword` at its own nesting level
   * (as in `POSITION(a IN b)`, `SUBSTRING(a FROM b)`)? A scan, so special forms need no backtracking.
   */
  private keywordInsideParentheses(offset: number, keyword: string): boolean {
    let depth = 0;
    for (let index = this.pos + offset; index < this.tokens.length; index++) {
      const token = this.tokens[index]!;
      if (token.type === TokenType.SYMBOL) {
        if (token.keyword === '(' || token.keyword === '[') depth++;
        else if (token.keyword === ')' || token.keyword === ']') {
          depth--;
          if (depth === 0) return false;
        }
      } else if (depth === 1 && token.type === TokenType.WORD && token.keyword === keyword) {
        return true;
      } else if (token.type === TokenType.EOF) {
        return false;
      }
    }
    return false;
  }

  /** Is the token at offset a (possibly qualified) name followed by `(`? */
  private qualifiedCallFollows(offset: number): boolean {
    let index = offset;
    for (;;) {
      const token = this.lookahead(index);
      if (token.type !== TokenType.WORD && token.type !== TokenType.QUOTED_IDENTIFIER) return false;
      const after = this.lookahead(index + 1);
      if (after.type !== TokenType.SYMBOL) return false;
      if (after.keyword === '(') return true;
      if (after.keyword !== '.') return false;
      index += 2;
    }
  }

  private qualifiedNameExpression(): Expression {
    let value: Expression = this.identifier();
    while (this.peek('.') && this.nextIsIdentifier(1)) {
      this.advance();
      const field = this.identifier();
      value = { kind: 'DereferenceExpression', base: value, field, location: value.location };
    }
    return value;
  }

  /** An identifier, a lambda `x -> ...`, or a function call `a.b.f(...)`. */
  private identifierOrCall(processingMode?: ProcessingMode): Expression {
    const first = this.identifier();
    if (processingMode === undefined) {
      if (this.peek('->')) {
        this.advance();
        const body = this.expression();
        return { kind: 'LambdaExpression', arguments: [first], body, location: first.location };
      }
      if (!this.peek('(') && !(this.peek('.') && this.qualifiedCallFollows(1))) return first;
    }
    const parts = [first];
    while (this.accept('.')) parts.push(this.identifier());
    const name: QualifiedName = { kind: 'QualifiedName', parts, location: first.location };
    return this.functionCall(name, processingMode);
  }

  private functionCall(name: QualifiedName, processingMode: ProcessingMode | undefined): Expression {
    const location = name.location;
    this.expect('(');
    let distinct = false;
    const args: Expression[] = [];
    let orderBy: OrderBy | undefined;
    if (this.peek('*')) {
      this.advance();
    } else if (!this.is(')')) {
      if (this.tracking) this.note("'*'");
      const quantifier = this.setQuantifier();
      distinct = quantifier === 'DISTINCT';
      args.push(this.expression());
      while (this.accept(',')) args.push(this.expression());
      if (this.is('ORDER')) orderBy = this.orderBy();
    }
    this.expect(')');
    let filter: Expression | undefined;
    if (this.peek('FILTER') && this.peekAt(1, '(')) {
      this.advance();
      this.advance();
      this.expect('WHERE');
      filter = this.expression();
      this.expect(')');
    }
    let nullTreatment: NullTreatment | undefined;
    if ((this.peek('IGNORE') || this.peek('RESPECT')) && this.peekAt(1, 'NULLS')) {
      nullTreatment = this.advance().keyword as NullTreatment;
      this.advance();
    }
    let window: Window | undefined;
    if (this.accept('OVER')) {
      if (this.peek('(')) {
        window = this.windowSpecification();
      } else {
        const windowName = this.identifier();
        window = { kind: 'WindowReference', name: windowName, location: windowName.location };
      }
    }
    if (name.parts.length === 1 && processingMode === undefined) {
      const simple = name.parts[0]!;
      if (!simple.quoted) {
        const lower = simple.value.toLowerCase();
        const plain = !distinct && orderBy === undefined && filter === undefined && window === undefined && nullTreatment === undefined;
        if (plain) {
          switch (lower) {
            case 'if':
              if (args.length < 2 || args.length > 3) throw this.errorAt("Invalid number of arguments for 'if' function", location);
              return { kind: 'IfExpression', condition: args[0]!, trueValue: args[1]!, falseValue: args[2], location };
            case 'nullif':
              if (args.length !== 2) throw this.errorAt("Invalid number of arguments for 'nullif' function", location);
              return { kind: 'NullIfExpression', first: args[0]!, second: args[1]!, location };
            case 'coalesce':
              if (args.length < 2) throw this.errorAt("The 'coalesce' function must have at least two arguments", location);
              return { kind: 'CoalesceExpression', operands: args, location };
            case 'try':
              if (args.length !== 1) throw this.errorAt("The 'try' function must have exactly one argument", location);
              return { kind: 'TryExpression', innerExpression: args[0]!, location };
            case 'format':
              if (args.length >= 2) return { kind: 'Format', arguments: args, location };
              break;
            default:
              break;
          }
        }
      }
    }
    return this.call(location, name, args, { distinct, orderBy, filter, window, nullTreatment, processingMode });
  }

  private caseExpression(location: NodeLocation): Expression {
    this.advance();
    let operand: Expression | undefined;
    if (!this.peek('WHEN')) operand = this.expression();
    const whenClauses: WhenClause[] = [];
    do {
      const whenLocation = this.location(this.expect('WHEN'));
      const condition = this.expression();
      this.expect('THEN');
      const result = this.expression();
      whenClauses.push({ kind: 'WhenClause', operand: condition, result, location: whenLocation });
    } while (this.is('WHEN'));
    const defaultValue = this.accept('ELSE') ? this.expression() : undefined;
    this.expect('END');
    return operand === undefined
      ? { kind: 'SearchedCaseExpression', whenClauses, defaultValue, location }
      : { kind: 'SimpleCaseExpression', operand, whenClauses, defaultValue, location };
  }

  private cast(location: NodeLocation, safe: boolean): Expression {
    this.advance();
    this.expect('(');
    const expression = this.expression();
    this.expect('AS');
    const type = this.dataType();
    this.expect(')');
    return { kind: 'Cast', expression, type, safe, location };
  }

  private extract(location: NodeLocation): Expression {
    this.advance();
    this.expect('(');
    const fieldIdentifier = this.identifier();
    const field = fieldIdentifier.value.toUpperCase();
    if (!EXTRACT_FIELDS.has(field)) throw this.errorAt(`Invalid EXTRACT field: ${fieldIdentifier.value}`, fieldIdentifier.location);
    this.expect('FROM');
    const expression = this.valueExpression();
    this.expect(')');
    return { kind: 'Extract', expression, field: field as ExtractField, location };
  }

  private trim(location: NodeLocation): Expression {
    this.advance();
    this.expect('(');
    const specification = this.acceptOneOf('BOTH', 'LEADING', 'TRAILING') as 'BOTH' | 'LEADING' | 'TRAILING' | undefined;
    if (specification !== undefined || this.peek('FROM')) {
      // TRIM([spec] [chars] FROM source)
      let trimCharacter: Expression | undefined;
      if (!this.peek('FROM')) trimCharacter = this.valueExpression();
      this.expect('FROM');
      const trimSource = this.valueExpression();
      this.expect(')');
      return { kind: 'Trim', specification: specification ?? 'BOTH', trimSource, trimCharacter, location };
    }
    const first = this.valueExpression();
    if (this.accept('FROM')) {
      const trimSource = this.valueExpression();
      this.expect(')');
      return { kind: 'Trim', specification: 'BOTH', trimSource, trimCharacter: first, location };
    }
    let trimCharacter: Expression | undefined;
    if (this.accept(',')) trimCharacter = this.valueExpression();
    this.expect(')');
    return { kind: 'Trim', specification: 'BOTH', trimSource: first, trimCharacter, location };
  }

  private listagg(token: Token, location: NodeLocation): Expression {
    this.advance();
    this.expect('(');
    const distinct = this.setQuantifier() === 'DISTINCT';
    const value = this.expression();
    let separator: Expression = { kind: 'StringLiteral', value: '', location };
    if (this.accept(',')) {
      const separatorLocation = this.location();
      separator = { kind: 'StringLiteral', value: this.stringValue(), location: separatorLocation };
    }
    let overflowError = true;
    let filler = '...';
    let withCount = false;
    if (this.accept('ON')) {
      this.expect('OVERFLOW');
      if (this.accept('ERROR')) {
        overflowError = true;
      } else {
        this.expect('TRUNCATE');
        overflowError = false;
        if (this.peekString()) filler = this.stringValue();
        const countMode = this.expectOneOf('WITH', 'WITHOUT');
        this.expect('COUNT');
        withCount = countMode === 'WITH';
      }
    }
    this.expect(')');
    this.expect('WITHIN');
    this.expect('GROUP');
    this.expect('(');
    const orderBy = this.orderBy();
    this.expect(')');
    let filter: Expression | undefined;
    if (this.peek('FILTER') && this.peekAt(1, '(')) {
      this.advance();
      this.advance();
      this.expect('WHERE');
      filter = this.expression();
      this.expect(')');
    }
    const args: Expression[] = [
      value,
      separator,
      { kind: 'BooleanLiteral', value: overflowError, location },
      { kind: 'StringLiteral', value: filler, location },
      { kind: 'BooleanLiteral', value: withCount, location },
    ];
    return this.call(location, simpleName(token.text.toLowerCase(), location), args, { distinct, orderBy, filter });
  }

  private intervalLiteral(location: NodeLocation): Expression {
    this.advance();
    let sign: IntervalSign = 'POSITIVE';
    const signToken = this.acceptOneOf('+', '-');
    if (signToken === '-') sign = 'NEGATIVE';
    const value = this.stringValue();
    const startField = this.intervalField();
    const endField = this.accept('TO') ? this.intervalField() : undefined;
    return { kind: 'IntervalLiteral', value, sign, startField, endField, location };
  }

  // ---- SQL/JSON ----

  protected jsonFormat(): JsonFormat | undefined {
    if (!(this.peek('FORMAT') && this.peekAt(1, 'JSON'))) return undefined;
    this.advance();
    this.advance();
    if (this.accept('ENCODING')) {
      const encoding = this.expectOneOf('UTF8', 'UTF16', 'UTF32');
      return `JSON ENCODING ${encoding}` as JsonFormat;
    }
    return 'JSON';
  }

  protected jsonPathInvocation(): JsonPathInvocation {
    const location = this.location();
    const inputExpression = this.expression();
    const inputFormat = this.jsonFormat();
    this.expect(',');
    const pathLocation = this.location();
    const jsonPath: StringLiteral = { kind: 'StringLiteral', value: this.stringValue(), location: pathLocation };
    const pathName = this.accept('AS') ? this.identifier() : undefined;
    const pathParameters: JsonPathParameter[] = [];
    if (this.accept('PASSING')) {
      do {
        const parameterLocation = this.location();
        const parameter = this.expression();
        const format = this.jsonFormat();
        this.expect('AS');
        const name = this.identifier();
        pathParameters.push({ kind: 'JsonPathParameter', parameter, name, format, location: parameterLocation });
      } while (this.accept(','));
    }
    return { kind: 'JsonPathInvocation', inputExpression, inputFormat, jsonPath, pathName, pathParameters, location };
  }

  private jsonExists(location: NodeLocation): Expression {
    this.advance();
    this.expect('(');
    const jsonPathInvocation = this.jsonPathInvocation();
    let errorBehavior: 'FALSE' | 'TRUE' | 'UNKNOWN' | 'ERROR' | undefined;
    if (!this.peek(')')) {
      errorBehavior = this.expectOneOf('TRUE', 'FALSE', 'UNKNOWN', 'ERROR') as typeof errorBehavior;
      this.expect('ON');
      this.expect('ERROR');
    }
    this.expect(')');
    return { kind: 'JsonExists', jsonPathInvocation, errorBehavior, location };
  }

  /** `NULL | ERROR | DEFAULT expr` followed by `ON EMPTY|ERROR`; returns undefined when absent. */
  protected jsonValueBehavior(): { behavior: JsonValueBehavior; defaultValue: Expression | undefined; on: 'EMPTY' | 'ERROR' } | undefined {
    const save = this.pos;
    let behavior: JsonValueBehavior;
    let defaultValue: Expression | undefined;
    if (this.peek('NULL') || this.peek('ERROR')) {
      behavior = this.advance().keyword as JsonValueBehavior;
    } else if (this.accept('DEFAULT')) {
      behavior = 'DEFAULT';
      defaultValue = this.expression();
    } else {
      return undefined;
    }
    if (!this.accept('ON')) {
      this.reset(save);
      return undefined;
    }
    const on = this.expectOneOf('EMPTY', 'ERROR') as 'EMPTY' | 'ERROR';
    return { behavior, defaultValue, on };
  }

  private jsonValue(location: NodeLocation): Expression {
    this.advance();
    this.expect('(');
    const jsonPathInvocation = this.jsonPathInvocation();
    const returnedType = this.accept('RETURNING') ? this.dataType() : undefined;
    let emptyBehavior: JsonValueBehavior | undefined;
    let emptyDefault: Expression | undefined;
    let errorBehavior: JsonValueBehavior | undefined;
    let errorDefault: Expression | undefined;
    for (let i = 0; i < 2; i++) {
      const clause = this.jsonValueBehavior();
      if (clause === undefined) break;
      if (clause.on === 'EMPTY') {
        emptyBehavior = clause.behavior;
        emptyDefault = clause.defaultValue;
      } else {
        errorBehavior = clause.behavior;
        errorDefault = clause.defaultValue;
      }
    }
    this.expect(')');
    return { kind: 'JsonValue', jsonPathInvocation, returnedType, emptyBehavior, emptyDefault, errorBehavior, errorDefault, location };
  }

  protected jsonQueryWrapper(): JsonQueryWrapperBehavior | undefined {
    if (this.peek('WITHOUT') && (this.peekAt(1, 'WRAPPER') || this.peekAt(1, 'ARRAY'))) {
      this.advance();
      this.accept('ARRAY');
      this.expect('WRAPPER');
      return 'WITHOUT';
    }
    if (this.peek('WITH') && (this.peekAt(1, 'WRAPPER') || this.peekAt(1, 'ARRAY') || this.peekAt(1, 'CONDITIONAL') || this.peekAt(1, 'UNCONDITIONAL'))) {
      this.advance();
      const conditional = this.acceptOneOf('CONDITIONAL', 'UNCONDITIONAL') === 'CONDITIONAL';
      this.accept('ARRAY');
      this.expect('WRAPPER');
      return conditional ? 'WITH_CONDITIONAL' : 'WITH_UNCONDITIONAL';
    }
    return undefined;
  }

  protected jsonQueryQuotes(): JsonQueryQuotesBehavior | undefined {
    if ((this.peek('KEEP') || this.peek('OMIT')) && this.peekAt(1, 'QUOTES')) {
      const behavior = this.advance().keyword as JsonQueryQuotesBehavior;
      this.advance();
      if (this.accept('ON')) {
        this.expect('SCALAR');
        this.expect('STRING');
      }
      return behavior;
    }
    return undefined;
  }

  /** `NULL | ERROR | EMPTY ARRAY | EMPTY OBJECT` followed by `ON EMPTY|ERROR`. */
  protected jsonQueryBehavior(): { behavior: JsonQueryBehavior; on: 'EMPTY' | 'ERROR' } | undefined {
    const save = this.pos;
    let behavior: JsonQueryBehavior;
    if (this.peek('NULL') || this.peek('ERROR')) {
      behavior = this.advance().keyword as JsonQueryBehavior;
    } else if (this.peek('EMPTY') && (this.peekAt(1, 'ARRAY') || this.peekAt(1, 'OBJECT'))) {
      this.advance();
      behavior = this.advance().keyword === 'ARRAY' ? 'EMPTY_ARRAY' : 'EMPTY_OBJECT';
    } else {
      return undefined;
    }
    if (!this.accept('ON')) {
      this.reset(save);
      return undefined;
    }
    const on = this.expectOneOf('EMPTY', 'ERROR') as 'EMPTY' | 'ERROR';
    return { behavior, on };
  }

  private jsonQuery(location: NodeLocation): Expression {
    this.advance();
    this.expect('(');
    const jsonPathInvocation = this.jsonPathInvocation();
    let returnedType: DataTypeNode | undefined;
    let outputFormat: JsonFormat | undefined;
    if (this.accept('RETURNING')) {
      returnedType = this.dataType();
      outputFormat = this.jsonFormat();
    }
    const wrapperBehavior = this.jsonQueryWrapper();
    const quotesBehavior = this.jsonQueryQuotes();
    let emptyBehavior: JsonQueryBehavior | undefined;
    let errorBehavior: JsonQueryBehavior | undefined;
    for (let i = 0; i < 2; i++) {
      const clause = this.jsonQueryBehavior();
      if (clause === undefined) break;
      if (clause.on === 'EMPTY') emptyBehavior = clause.behavior;
      else errorBehavior = clause.behavior;
    }
    this.expect(')');
    return { kind: 'JsonQuery', jsonPathInvocation, returnedType, outputFormat, wrapperBehavior, quotesBehavior, emptyBehavior, errorBehavior, location };
  }

  private jsonNullClause(): boolean | undefined {
    if ((this.peek('NULL') || this.peek('ABSENT')) && this.peekAt(1, 'ON')) {
      const nullOnNull = this.advance().keyword === 'NULL';
      this.expect('ON');
      this.expect('NULL');
      return nullOnNull;
    }
    return undefined;
  }

  private jsonReturning(): { returnedType: DataTypeNode | undefined; outputFormat: JsonFormat | undefined } {
    if (!this.accept('RETURNING')) return { returnedType: undefined, outputFormat: undefined };
    const returnedType = this.dataType();
    return { returnedType, outputFormat: this.jsonFormat() };
  }

  private jsonObject(location: NodeLocation): Expression {
    this.advance();
    this.expect('(');
    const members: JsonObjectMember[] = [];
    let nullOnNull: boolean | undefined;
    let uniqueKeys: boolean | undefined;
    if (!this.peek(')') && !this.peekJsonObjectTail()) {
      do {
        const memberLocation = this.location();
        let key: Expression;
        let value: Expression;
        if (this.peek('KEY') && !this.peekAt(1, 'VALUE') && !this.peekAt(1, ':')) {
          this.advance();
          key = this.expression();
          this.expect('VALUE');
          value = this.expression();
        } else {
          key = this.expression();
          if (!this.accept(':')) this.expect('VALUE');
          value = this.expression();
        }
        const format = this.jsonFormat();
        members.push({ kind: 'JsonObjectMember', key, value, format, location: memberLocation });
      } while (this.accept(','));
    }
    nullOnNull = this.jsonNullClause();
    if ((this.peek('WITH') || this.peek('WITHOUT')) && this.peekAt(1, 'UNIQUE')) {
      uniqueKeys = this.advance().keyword === 'WITH';
      this.advance();
      this.accept('KEYS');
    }
    const { returnedType, outputFormat } = this.jsonReturning();
    this.expect(')');
    return { kind: 'JsonObject', members, nullOnNull, uniqueKeys, returnedType, outputFormat, location };
  }

  private peekJsonObjectTail(): boolean {
    return (
      ((this.peek('NULL') || this.peek('ABSENT')) && this.peekAt(1, 'ON')) ||
      ((this.peek('WITH') || this.peek('WITHOUT')) && this.peekAt(1, 'UNIQUE')) ||
      this.peek('RETURNING')
    );
  }

  private jsonArray(location: NodeLocation): Expression {
    this.advance();
    this.expect('(');
    const elements: JsonArrayElement[] = [];
    if (!this.peek(')') && !this.peekJsonObjectTail()) {
      do {
        const elementLocation = this.location();
        const value = this.expression();
        const format = this.jsonFormat();
        elements.push({ kind: 'JsonArrayElement', value, format, location: elementLocation });
      } while (this.accept(','));
    }
    const nullOnNull = this.jsonNullClause();
    const { returnedType, outputFormat } = this.jsonReturning();
    this.expect(')');
    return { kind: 'JsonArray', elements, nullOnNull, returnedType, outputFormat, location };
  }
}

export function simpleName(value: string, location: NodeLocation): QualifiedName {
  return { kind: 'QualifiedName', parts: [{ kind: 'Identifier', value, quoted: false, location }], location };
}

/** Whether the tokens from `index` are `(`* followed by a query start keyword. */
export function isQueryStartAfterParens(tokens: readonly Token[], index: number): boolean {
  let i = index;
  while (i < tokens.length && tokens[i]!.type === TokenType.SYMBOL && tokens[i]!.keyword === '(') i++;
  return isQueryStartAt(tokens, i);
}
