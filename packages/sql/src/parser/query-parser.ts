import { TokenType } from './token.js';
import { ExpressionParser, isQueryStartAfterParens, isQueryStartAt } from './expression-parser.js';
import type { NodeLocation } from '../tree/node-location.js';
import type { Identifier, QualifiedName } from '../tree/identifier.js';
import type { Expression } from '../tree/expression.js';
import type {
  FetchFirst,
  GroupBy,
  GroupingElement,
  Limit,
  Offset,
  OrderBy,
  Query,
  QueryBody,
  QuerySpecification,
  Select,
  SelectItem,
  SessionProperty,
  SortItem,
  With,
  WithQuery,
} from '../tree/query.js';
import type {
  Descriptor,
  DescriptorField,
  JoinCriteria,
  JoinType,
  JsonTable,
  JsonTableColumn,
  JsonTablePlan,
  JsonTablePlanLeaf,
  JsonTableSpecificPlan,
  MeasureDefinition,
  PatternQuantifier,
  QueryPeriod,
  Relation,
  RowPattern,
  RowsPerMatch,
  SkipTo,
  SubsetDefinition,
  TableFunctionArgument,
  TableFunctionTableArgument,
  VariableDefinition,
} from '../tree/relation.js';
import type { FrameBound, WindowDefinition, WindowFrame, WindowSpecification } from '../tree/window.js';
import type { FunctionSpecification } from '../tree/routine.js';
import type { JsonQueryBehavior, JsonValueBehavior } from '../tree/expression.js';

/** Queries, relations, windows, MATCH_RECOGNIZE and JSON_TABLE. */
export abstract class QueryParser extends ExpressionParser {
  protected abstract inlineFunction(): FunctionSpecification;

  protected query(): Query {
    const location = this.location();
    let sessionProperties: SessionProperty[] | undefined;
    if (this.peek('WITH') && this.peekAt(1, 'SESSION') && this.nextIsIdentifier(2) && (this.peekAt(3, '=') || this.peekAt(3, '.'))) {
      this.advance();
      this.advance();
      sessionProperties = [];
      do {
        const name = this.qualifiedName();
        this.expect('=');
        sessionProperties.push({ kind: 'SessionProperty', name, value: this.expression(), location: name.location });
      } while (this.accept(','));
    }
    const functions: FunctionSpecification[] = [];
    while (this.peek('WITH') && this.peekAt(1, 'FUNCTION') && this.nextIsIdentifier(2) && (this.peekAt(3, '(') || this.peekAt(3, '.'))) {
      this.advance();
      do {
        functions.push(this.inlineFunction());
      } while (this.accept(','));
    }
    let withClause: With | undefined;
    if (this.peek('WITH')) withClause = this.withClause();
    const body = this.queryTerm();
    const query = this.queryTail(functions, withClause, body, location);
    return sessionProperties === undefined ? query : { ...query, sessionProperties };
  }

  protected queryContinuation(first: QueryBody, location: NodeLocation): Query {
    const body = this.setOperations(this.intersections(first));
    return this.queryTail([], undefined, body, location);
  }

  protected peekQueryContinuation(): boolean {
    const token = this.tok;
    if (token.type !== TokenType.WORD) return false;
    switch (token.keyword) {
      case 'UNION':
      case 'INTERSECT':
      case 'EXCEPT':
      case 'ORDER':
        return true;
      case 'LIMIT':
      case 'OFFSET':
      case 'FETCH':
        return this.peekLimitLike();
      default:
        return false;
    }
  }

  private queryTail(functions: FunctionSpecification[], withClause: With | undefined, body: QueryBody, location: NodeLocation): Query {
    const orderBy = this.is('ORDER') ? this.orderBy() : undefined;
    const offset = this.peek('OFFSET') && this.peekLimitLike() ? this.offset() : this.noteAndUndefined('OFFSET');
    const limit = this.limitOrFetch();
    if (body.kind === 'QuerySpecification' && (orderBy !== undefined || offset !== undefined || limit !== undefined)) {
      // As Trino does: ORDER BY / OFFSET / LIMIT of a simple query belong to its query specification.
      const specification: QuerySpecification = { ...body, orderBy, offset, limit };
      return { kind: 'Query', functions, with: withClause, queryBody: specification, orderBy: undefined, offset: undefined, limit: undefined, location };
    }
    return { kind: 'Query', functions, with: withClause, queryBody: body, orderBy, offset, limit, location };
  }

  private noteAndUndefined(keyword: string): undefined {
    if (this.tracking) this.note(`'${keyword}'`);
    return undefined;
  }

  /** LIMIT / OFFSET / FETCH when followed by what makes them a clause (they are not reserved). */
  private peekLimitLike(): boolean {
    const keyword = this.tok.keyword;
    const next = this.lookahead(1);
    if (keyword === 'FETCH') return next.type === TokenType.WORD && (next.keyword === 'FIRST' || next.keyword === 'NEXT');
    if (next.type === TokenType.INTEGER || (next.type === TokenType.SYMBOL && next.keyword === '?')) return true;
    return keyword === 'LIMIT' && next.type === TokenType.WORD && next.keyword === 'ALL';
  }

  private offset(): Offset {
    const location = this.location(this.advance());
    const rowCount = this.rowCount();
    this.acceptOneOf('ROW', 'ROWS');
    return { kind: 'Offset', rowCount, location };
  }

  private rowCount(): Expression {
    const token = this.tok;
    if (token.type === TokenType.INTEGER) {
      this.advance();
      return { kind: 'LongLiteral', value: token.text, location: this.location(token) };
    }
    if (this.peek('?')) {
      this.advance();
      return { kind: 'Parameter', position: this.parameterCount++, location: this.location(token) };
    }
    if (this.tracking) {
      this.note('<integer>');
      this.note("'?'");
    }
    throw this.fail();
  }

  private limitOrFetch(): Limit | FetchFirst | undefined {
    if (this.peek('LIMIT') && this.peekLimitLike()) {
      const location = this.location(this.advance());
      if (this.peek('ALL')) {
        const allLocation = this.location(this.advance());
        return { kind: 'Limit', rowCount: { kind: 'AllRows', location: allLocation }, location };
      }
      return { kind: 'Limit', rowCount: this.rowCount(), location };
    }
    if (this.peek('FETCH') && this.peekLimitLike()) {
      const location = this.location(this.advance());
      this.advance();
      let rowCount: Expression | undefined;
      if (!this.peek('ROW') && !this.peek('ROWS')) rowCount = this.rowCount();
      this.expectOneOf('ROW', 'ROWS');
      let withTies = false;
      if (this.accept('WITH')) {
        this.expect('TIES');
        withTies = true;
      } else {
        this.expect('ONLY');
      }
      return { kind: 'FetchFirst', rowCount, withTies, location };
    }
    if (this.tracking) {
      this.note("'LIMIT'");
      this.note("'FETCH'");
    }
    return undefined;
  }

  private withClause(): With {
    const location = this.location(this.expect('WITH'));
    const recursive = this.accept('RECURSIVE');
    const queries: WithQuery[] = [];
    do {
      const name = this.identifier();
      const columnNames = this.peek('(') ? this.parenthesizedIdentifierList() : undefined;
      this.expect('AS');
      this.expect('(');
      const query = this.query();
      this.expect(')');
      queries.push({ kind: 'WithQuery', name, query, columnNames, location: name.location });
    } while (this.accept(','));
    return { kind: 'With', recursive, queries, location };
  }

  private queryTerm(): QueryBody {
    return this.setOperations(this.intersections(this.queryPrimary()));
  }

  private setOperations(first: QueryBody): QueryBody {
    let left = first;
    for (;;) {
      const operator = this.acceptOneOf('UNION', 'EXCEPT');
      if (operator === undefined) return left;
      const location = this.location(this.tokens[this.pos - 1]);
      const quantifier = this.acceptOneOf('ALL', 'DISTINCT');
      const right = this.intersections(this.queryPrimary());
      const distinct = quantifier !== 'ALL';
      left = operator === 'UNION'
        ? { kind: 'Union', left, right, distinct, location }
        : { kind: 'Except', left, right, distinct, location };
    }
  }

  private intersections(first: QueryBody): QueryBody {
    let left = first;
    while (this.accept('INTERSECT')) {
      const location = this.location(this.tokens[this.pos - 1]);
      const quantifier = this.acceptOneOf('ALL', 'DISTINCT');
      const right = this.queryPrimary();
      left = { kind: 'Intersect', left, right, distinct: quantifier !== 'ALL', location };
    }
    return left;
  }

  private queryPrimary(): QueryBody {
    const token = this.tok;
    const location = this.location(token);
    if (this.is('SELECT')) return this.querySpecification();
    if (this.is('VALUES')) {
      this.advance();
      const rows = [this.expression()];
      while (this.accept(',')) rows.push(this.expression());
      return { kind: 'Values', rows, location };
    }
    if (this.is('TABLE')) {
      this.advance();
      return { kind: 'TableQueryBody', name: this.qualifiedName(), location };
    }
    if (this.is('(')) {
      this.advance();
      const query = this.query();
      this.expect(')');
      return { kind: 'TableSubquery', query, location };
    }
    throw this.fail();
  }

  private querySpecification(): QuerySpecification {
    const selectToken = this.advance();
    const location = this.location(selectToken);
    const quantifier = this.setQuantifier();
    const selectItems = [this.selectItem()];
    while (this.accept(',')) selectItems.push(this.selectItem());
    const select: Select = { kind: 'Select', distinct: quantifier === 'DISTINCT', selectItems, location };
    let from: Relation | undefined;
    if (this.accept('FROM')) {
      from = this.relation();
      while (this.accept(',')) {
        const right = this.relation();
        from = { kind: 'Join', type: 'IMPLICIT', left: from, right, criteria: undefined, location: from.location };
      }
    }
    const where = this.accept('WHERE') ? this.expression() : undefined;
    let groupBy: GroupBy | undefined;
    if (this.is('GROUP')) {
      const groupLocation = this.location(this.advance());
      this.expect('BY');
      const groupQuantifier = this.setQuantifier();
      if (this.accept('AUTO')) {
        groupBy = { kind: 'GroupBy', distinct: groupQuantifier === 'DISTINCT', groupingElements: [], auto: true, location: groupLocation };
      } else {
        const groupingElements = [this.groupingElement()];
        while (this.accept(',')) groupingElements.push(this.groupingElement());
        groupBy = { kind: 'GroupBy', distinct: groupQuantifier === 'DISTINCT', groupingElements, location: groupLocation };
      }
    }
    const having = this.accept('HAVING') ? this.expression() : undefined;
    const windows: WindowDefinition[] = [];
    if (this.peek('WINDOW') && this.nextIsIdentifier(1) && this.peekAt(2, 'AS')) {
      this.advance();
      do {
        const name = this.identifier();
        this.expect('AS');
        const window = this.windowSpecification();
        windows.push({ kind: 'WindowDefinition', name, window, location: name.location });
      } while (this.accept(','));
    } else if (this.tracking) {
      this.note("'WINDOW'");
    }
    return { kind: 'QuerySpecification', select, from, where, groupBy, having, windows, orderBy: undefined, offset: undefined, limit: undefined, location };
  }

  /** Non-reserved words that end a select item or relation instead of being an alias. */
  private peekClauseWord(): boolean {
    const token = this.tok;
    if (token.type !== TokenType.WORD) return false;
    switch (token.keyword) {
      case 'LIMIT':
      case 'OFFSET':
      case 'FETCH':
        return this.peekLimitLike();
      case 'WINDOW':
        return this.nextIsIdentifier(1) && this.peekAt(2, 'AS');
      case 'TABLESAMPLE':
        return this.peekAt(1, 'BERNOULLI') || this.peekAt(1, 'SYSTEM');
      case 'MATCH_RECOGNIZE':
        return this.peekAt(1, '(');
      case 'PARTITION':
        return this.peekAt(1, 'BY');
      case 'PRUNE':
      case 'KEEP':
        return this.peekAt(1, 'WHEN');
      default:
        return false;
    }
  }

  private alias(): Identifier | undefined {
    if (this.accept('AS')) return this.identifier();
    if (this.peekIdentifier() && !this.peekClauseWord()) return this.identifier();
    if (this.tracking) this.note('<identifier>');
    return undefined;
  }

  private selectItem(): SelectItem {
    const location = this.location();
    if (this.peek('*')) {
      this.advance();
      return { kind: 'AllColumns', target: undefined, aliases: [], location };
    }
    if (this.tracking) this.note("'*'");
    const expression = this.expression();
    if (this.peek('.') && this.peekAt(1, '*')) {
      this.advance();
      this.advance();
      let aliases: Identifier[] = [];
      if (this.accept('AS')) aliases = this.parenthesizedIdentifierList();
      return { kind: 'AllColumns', target: expression, aliases, location };
    }
    const alias = this.alias();
    return { kind: 'SingleColumn', expression, alias, location };
  }

  private groupingElement(): GroupingElement {
    const location = this.location();
    if (this.tracking) for (const keyword of ['CUBE', 'GROUPING', 'ROLLUP']) this.note(`'${keyword}'`);
    if (this.peek('ROLLUP') || this.peek('CUBE')) {
      const keyword = this.advance().keyword;
      this.expect('(');
      const columns: Expression[] = [];
      if (!this.peek(')')) {
        do {
          columns.push(this.expression());
        } while (this.accept(','));
      }
      this.expect(')');
      return keyword === 'ROLLUP' ? { kind: 'Rollup', columns, location } : { kind: 'Cube', columns, location };
    }
    if (this.peek('GROUPING') && this.peekAt(1, 'SETS')) {
      this.advance();
      this.advance();
      this.expect('(');
      const sets: Expression[][] = [];
      do {
        sets.push(this.groupingSet());
      } while (this.accept(','));
      this.expect(')');
      return { kind: 'GroupingSets', sets, location };
    }
    return { kind: 'SimpleGroupBy', columns: this.groupingSet(), location };
  }

  /** `(a, b)`, `()` or `a`. A parenthesized list is a set of columns, as in Trino. */
  private groupingSet(): Expression[] {
    if (this.peek('(') && this.peekAt(1, ')')) {
      this.advance();
      this.advance();
      return [];
    }
    const startToken = this.tok;
    const expression = this.expression();
    if (expression.kind === 'Row' && startToken.type === TokenType.SYMBOL && startToken.keyword === '(' && expression.location.line === startToken.line && expression.location.column === startToken.column) {
      return [...expression.items];
    }
    return [expression];
  }

  protected orderBy(): OrderBy {
    const location = this.location(this.expect('ORDER'));
    this.expect('BY');
    const sortItems = [this.sortItem()];
    while (this.accept(',')) sortItems.push(this.sortItem());
    return { kind: 'OrderBy', sortItems, location };
  }

  private sortItem(): SortItem {
    const location = this.location();
    const sortKey = this.expression();
    const direction = this.acceptOneOf('ASC', 'DESC');
    let nullOrdering: 'FIRST' | 'LAST' | 'UNDEFINED' = 'UNDEFINED';
    if (this.accept('NULLS')) nullOrdering = this.expectOneOf('FIRST', 'LAST') as 'FIRST' | 'LAST';
    return { kind: 'SortItem', sortKey, ordering: direction === 'DESC' ? 'DESCENDING' : 'ASCENDING', nullOrdering, location };
  }

  // ---- relations ----

  protected relation(): Relation {
    let left = this.sampledRelation();
    for (;;) {
      const token = this.tok;
      const location = left.location;
      if (this.peek('CROSS')) {
        this.advance();
        this.expect('JOIN');
        const right = this.sampledRelation();
        left = { kind: 'Join', type: 'CROSS', left, right, criteria: undefined, location };
        continue;
      }
      if (this.peek('NATURAL')) {
        this.advance();
        const type = this.joinType();
        this.expect('JOIN');
        const right = this.sampledRelation();
        left = { kind: 'Join', type, left, right, criteria: { kind: 'NaturalJoin', location: this.location(token) }, location };
        continue;
      }
      if (this.peek('JOIN') || this.peek('INNER') || this.peek('LEFT') || this.peek('RIGHT') || this.peek('FULL')) {
        const type = this.joinType();
        this.expect('JOIN');
        const right = this.relation();
        const criteria = this.joinCriteria();
        left = { kind: 'Join', type, left, right, criteria, location };
        continue;
      }
      if (this.tracking) for (const keyword of ['CROSS', 'NATURAL', 'JOIN', 'INNER', 'LEFT', 'RIGHT', 'FULL']) this.note(`'${keyword}'`);
      return left;
    }
  }

  private joinType(): JoinType {
    if (this.accept('INNER')) return 'INNER';
    const side = this.acceptOneOf('LEFT', 'RIGHT', 'FULL');
    if (side !== undefined) {
      this.accept('OUTER');
      return side as JoinType;
    }
    return 'INNER';
  }

  private joinCriteria(): JoinCriteria {
    const token = this.tok;
    if (this.accept('ON')) return { kind: 'JoinOn', expression: this.expression(), location: this.location(token) };
    if (this.accept('USING')) return { kind: 'JoinUsing', columns: this.parenthesizedIdentifierList(), location: this.location(token) };
    throw this.fail();
  }

  private sampledRelation(): Relation {
    const relation = this.patternRecognition();
    if (this.peek('TABLESAMPLE') && (this.peekAt(1, 'BERNOULLI') || this.peekAt(1, 'SYSTEM'))) {
      this.advance();
      const type = this.advance().keyword as 'BERNOULLI' | 'SYSTEM';
      this.expect('(');
      const samplePercentage = this.expression();
      this.expect(')');
      return { kind: 'SampledRelation', relation, type, samplePercentage, location: relation.location };
    }
    if (this.tracking) this.note("'TABLESAMPLE'");
    return relation;
  }

  private patternRecognition(): Relation {
    const relation = this.aliasedRelation();
    if (!(this.peek('MATCH_RECOGNIZE') && this.peekAt(1, '('))) {
      if (this.tracking) this.note("'MATCH_RECOGNIZE'");
      return relation;
    }
    this.advance();
    this.advance();
    const partitionBy = this.partitionBy();
    const orderBy = this.is('ORDER') ? this.orderBy() : undefined;
    const measures = this.measures();
    let rowsPerMatch: RowsPerMatch | undefined;
    if (this.accept('ONE')) {
      this.expect('ROW');
      this.expect('PER');
      this.expect('MATCH');
      rowsPerMatch = 'ONE';
    } else if (this.accept('ALL')) {
      this.expect('ROWS');
      this.expect('PER');
      this.expect('MATCH');
      rowsPerMatch = 'ALL_SHOW_EMPTY';
      if (this.accept('SHOW')) {
        this.expect('EMPTY');
        this.expect('MATCHES');
      } else if (this.accept('OMIT')) {
        this.expect('EMPTY');
        this.expect('MATCHES');
        rowsPerMatch = 'ALL_OMIT_EMPTY';
      } else if (this.accept('WITH')) {
        this.expect('UNMATCHED');
        this.expect('ROWS');
        rowsPerMatch = 'ALL_WITH_UNMATCHED';
      }
    }
    const afterMatchSkipTo = this.afterMatchSkip();
    const patternSearchMode = this.acceptOneOf('INITIAL', 'SEEK') as 'INITIAL' | 'SEEK' | undefined;
    this.expect('PATTERN');
    this.expect('(');
    const pattern = this.rowPattern();
    this.expect(')');
    const subsets = this.subsets();
    this.expect('DEFINE');
    const variableDefinitions = this.variableDefinitions();
    this.expect(')');
    const result: Relation = {
      kind: 'PatternRecognitionRelation',
      input: relation,
      partitionBy,
      orderBy,
      measures,
      rowsPerMatch,
      afterMatchSkipTo,
      patternSearchMode,
      pattern,
      subsets,
      variableDefinitions,
      location: relation.location,
    };
    const alias = this.alias();
    if (alias === undefined) return result;
    const columnNames = this.peek('(') ? this.parenthesizedIdentifierList() : undefined;
    return { kind: 'AliasedRelation', relation: result, alias, columnNames, location: result.location };
  }

  private partitionBy(): Expression[] {
    const list: Expression[] = [];
    if (this.peek('PARTITION') && this.peekAt(1, 'BY')) {
      this.advance();
      this.advance();
      do {
        list.push(this.expression());
      } while (this.accept(','));
    } else if (this.tracking) {
      this.note("'PARTITION'");
    }
    return list;
  }

  private measures(): MeasureDefinition[] {
    const list: MeasureDefinition[] = [];
    if (this.accept('MEASURES')) {
      do {
        const location = this.location();
        const expression = this.expression();
        this.expect('AS');
        const name = this.identifier();
        list.push({ kind: 'MeasureDefinition', expression, name, location });
      } while (this.accept(','));
    }
    return list;
  }

  private afterMatchSkip(): SkipTo | undefined {
    if (!this.peek('AFTER')) return undefined;
    const location = this.location(this.advance());
    this.expect('MATCH');
    this.expect('SKIP');
    if (this.accept('PAST')) {
      this.expect('LAST');
      this.expect('ROW');
      return { kind: 'SkipTo', position: 'PAST_LAST', identifier: undefined, location };
    }
    this.expect('TO');
    if (this.peek('NEXT') && this.peekAt(1, 'ROW')) {
      this.advance();
      this.advance();
      return { kind: 'SkipTo', position: 'NEXT', identifier: undefined, location };
    }
    if ((this.peek('FIRST') || this.peek('LAST')) && this.nextIsIdentifier(1)) {
      const position = this.advance().keyword as 'FIRST' | 'LAST';
      return { kind: 'SkipTo', position, identifier: this.identifier(), location };
    }
    return { kind: 'SkipTo', position: 'LAST', identifier: this.identifier(), location };
  }

  private subsets(): SubsetDefinition[] {
    const list: SubsetDefinition[] = [];
    if (this.accept('SUBSET')) {
      do {
        const name = this.identifier();
        this.expect('=');
        const identifiers = this.parenthesizedIdentifierList();
        list.push({ kind: 'SubsetDefinition', name, identifiers, location: name.location });
      } while (this.accept(','));
    }
    return list;
  }

  private variableDefinitions(): VariableDefinition[] {
    const list: VariableDefinition[] = [];
    do {
      const name = this.identifier();
      this.expect('AS');
      const expression = this.expression();
      list.push({ kind: 'VariableDefinition', name, expression, location: name.location });
    } while (this.accept(','));
    return list;
  }

  /** Row pattern: alternation `|` of concatenations of quantified primaries. */
  private rowPattern(): RowPattern {
    const location = this.location();
    const first = this.patternConcatenation();
    if (!this.peek('|')) return first;
    const patterns = [first];
    while (this.accept('|')) patterns.push(this.patternConcatenation());
    return { kind: 'PatternAlternation', patterns, location };
  }

  private patternConcatenation(): RowPattern {
    const location = this.location();
    const first = this.quantifiedPattern();
    if (!this.peekPatternPrimaryStart()) return first;
    const patterns = [first];
    while (this.peekPatternPrimaryStart()) patterns.push(this.quantifiedPattern());
    return { kind: 'PatternConcatenation', patterns, location };
  }

  private peekPatternPrimaryStart(): boolean {
    return this.peekIdentifier() || this.peek('(') || this.peek('^') || this.peek('$') || this.peek('{-') || this.peek('PERMUTE');
  }

  private quantifiedPattern(): RowPattern {
    let pattern = this.patternPrimary();
    for (;;) {
      const quantifier = this.patternQuantifier();
      if (quantifier === undefined) return pattern;
      pattern = { kind: 'QuantifiedPattern', pattern, quantifier, location: pattern.location };
    }
  }

  private patternQuantifier(): PatternQuantifier | undefined {
    const token = this.tok;
    const location = this.location(token);
    let type: PatternQuantifier['type'];
    let atLeast: string | undefined;
    let atMost: string | undefined;
    let exact = false;
    if (this.peek('*')) type = 'ZERO_OR_MORE';
    else if (this.peek('+')) type = 'ONE_OR_MORE';
    else if (this.peek('?')) type = 'ZERO_OR_ONE';
    else if (this.peek('{') && !this.peekAt(1, '-')) type = 'RANGE';
    else return undefined;
    this.advance();
    if (type === 'RANGE') {
      if (this.tok.type === TokenType.INTEGER) atLeast = this.advance().text;
      if (this.accept(',')) {
        if (this.tok.type === TokenType.INTEGER) atMost = this.advance().text;
      } else {
        exact = true;
        if (atLeast === undefined) throw this.fail();
        atMost = atLeast;
      }
      this.expect('}');
    }
    let greedy = true;
    if (this.peek('?')) {
      this.advance();
      greedy = false;
    }
    return { kind: 'PatternQuantifier', type, greedy, atLeast, atMost, exact, location };
  }

  private patternPrimary(): RowPattern {
    const location = this.location();
    if (this.accept('(')) {
      if (this.accept(')')) return { kind: 'EmptyPattern', location };
      const pattern = this.rowPattern();
      this.expect(')');
      return pattern;
    }
    if (this.accept('^')) return { kind: 'AnchorPattern', type: 'PARTITION_START', location };
    if (this.accept('$')) return { kind: 'AnchorPattern', type: 'PARTITION_END', location };
    if (this.accept('{-')) {
      const pattern = this.rowPattern();
      this.expect('-}');
      return { kind: 'ExcludedPattern', pattern, location };
    }
    if (this.peek('PERMUTE') && this.peekAt(1, '(')) {
      this.advance();
      this.advance();
      const patterns = [this.rowPattern()];
      while (this.accept(',')) patterns.push(this.rowPattern());
      this.expect(')');
      return { kind: 'PatternPermutation', patterns, location };
    }
    const name = this.identifier();
    return { kind: 'PatternVariable', name, location };
  }

  private aliasedRelation(): Relation {
    const relation = this.relationPrimary();
    const alias = this.alias();
    if (alias === undefined) return relation;
    const columnNames = this.peek('(') ? this.parenthesizedIdentifierList() : undefined;
    return { kind: 'AliasedRelation', relation, alias, columnNames, location: relation.location };
  }

  private relationPrimary(): Relation {
    const token = this.tok;
    const location = this.location(token);
    if (token.type === TokenType.WORD) {
      switch (token.keyword) {
        case 'UNNEST':
          if (this.peekAt(1, '(')) {
            this.advance();
            this.advance();
            const expressions = [this.expression()];
            while (this.accept(',')) expressions.push(this.expression());
            this.expect(')');
            let withOrdinality = false;
            if (this.peek('WITH') && this.peekAt(1, 'ORDINALITY')) {
              this.advance();
              this.advance();
              withOrdinality = true;
            }
            return { kind: 'Unnest', expressions, withOrdinality, location };
          }
          break;
        case 'LATERAL':
          if (this.peekAt(1, '(')) {
            this.advance();
            this.advance();
            const query = this.query();
            this.expect(')');
            return { kind: 'Lateral', query, location };
          }
          break;
        case 'TABLE':
          if (this.peekAt(1, '(')) {
            this.advance();
            this.advance();
            const invocation = this.tableFunctionInvocation(location);
            this.expect(')');
            return invocation;
          }
          break;
        case 'JSON_TABLE':
          return this.jsonTable(location);
        default:
          break;
      }
    }
    if (this.is('(')) {
      if (isQueryStartAt(this.tokens, this.pos + 1)) {
        this.advance();
        const query = this.query();
        this.expect(')');
        return { kind: 'TableSubquery', query, location };
      }
      this.advance();
      const inner = this.relation();
      if (inner.kind === 'TableSubquery' && this.peekQueryContinuation()) {
        const query = this.queryContinuation(inner, inner.location);
        this.expect(')');
        return { kind: 'TableSubquery', query, location };
      }
      this.expect(')');
      return inner;
    }
    if (this.isIdentifier()) {
      const name = this.qualifiedName();
      const queryPeriod = this.queryPeriod();
      return { kind: 'Table', name, queryPeriod, location };
    }
    throw this.fail();
  }

  private queryPeriod(): QueryPeriod | undefined {
    if (!(this.peek('FOR') && (this.peekAt(1, 'TIMESTAMP') || this.peekAt(1, 'VERSION')))) return undefined;
    const location = this.location(this.advance());
    const rangeType = this.advance().keyword as 'TIMESTAMP' | 'VERSION';
    this.expect('AS');
    this.expect('OF');
    const end = this.valueExpression();
    return { kind: 'QueryPeriod', rangeType, end, location };
  }

  private tableFunctionInvocation(location: NodeLocation): Relation {
    const name = this.qualifiedName();
    this.expect('(');
    const args: TableFunctionArgument[] = [];
    const copartitioning: QualifiedName[][] = [];
    if (!this.peek(')') && !this.peek('COPARTITION')) {
      do {
        args.push(this.tableFunctionArgument());
      } while (this.accept(','));
    }
    if (this.accept('COPARTITION')) {
      do {
        this.expect('(');
        const names = [this.qualifiedName()];
        while (this.accept(',')) names.push(this.qualifiedName());
        this.expect(')');
        copartitioning.push(names);
      } while (this.accept(','));
    }
    this.expect(')');
    return { kind: 'TableFunctionInvocation', name, arguments: args, copartitioning, location };
  }

  private tableFunctionArgument(): TableFunctionArgument {
    const location = this.location();
    let name: Identifier | undefined;
    if (this.peekIdentifier() && this.peekAt(1, '=>')) {
      name = this.identifier();
      this.advance();
    }
    let value: TableFunctionArgument['value'];
    if (this.peek('TABLE') && this.peekAt(1, '(')) {
      value = this.tableArgument();
    } else if (this.peek('DESCRIPTOR') && this.peekAt(1, '(')) {
      value = this.descriptor();
    } else if (this.peek('CAST') && this.peekAt(1, '(') && this.peekAt(2, 'NULL') && this.peekAt(3, 'AS') && this.peekAt(4, 'DESCRIPTOR') && this.peekAt(5, ')')) {
      const descriptorLocation = this.location();
      for (let i = 0; i < 6; i++) this.advance();
      value = { kind: 'Descriptor', fields: undefined, location: descriptorLocation };
    } else {
      value = this.expression();
    }
    return { kind: 'TableFunctionArgument', name, value, location };
  }

  private tableArgument(): TableFunctionTableArgument {
    const location = this.location(this.advance());
    this.expect('(');
    let table: Relation;
    const tableLocation = this.location();
    if (isQueryStartAfterParens(this.tokens, this.pos)) {
      const query = this.query();
      table = { kind: 'TableSubquery', query, location: tableLocation };
    } else {
      const name = this.qualifiedName();
      table = { kind: 'Table', name, queryPeriod: undefined, location: tableLocation };
    }
    this.expect(')');
    const alias = this.alias();
    if (alias !== undefined) {
      const columnNames = this.peek('(') ? this.parenthesizedIdentifierList() : undefined;
      table = { kind: 'AliasedRelation', relation: table, alias, columnNames, location: table.location };
    }
    let partitionBy: Expression[] | undefined;
    if (this.peek('PARTITION') && this.peekAt(1, 'BY')) {
      this.advance();
      this.advance();
      partitionBy = this.expressionListMaybeParenthesized();
    }
    let emptyTableTreatment: 'PRUNE' | 'KEEP' | undefined;
    if ((this.peek('PRUNE') || this.peek('KEEP')) && this.peekAt(1, 'WHEN')) {
      emptyTableTreatment = this.advance().keyword as 'PRUNE' | 'KEEP';
      this.advance();
      this.expect('EMPTY');
    }
    let orderBy: OrderBy | undefined;
    if (this.peek('ORDER')) {
      const orderLocation = this.location(this.advance());
      this.expect('BY');
      if (this.peek('(') ) {
        this.advance();
        const items = [this.sortItem()];
        while (this.accept(',')) items.push(this.sortItem());
        this.expect(')');
        orderBy = { kind: 'OrderBy', sortItems: items, location: orderLocation };
      } else {
        orderBy = { kind: 'OrderBy', sortItems: [this.sortItem()], location: orderLocation };
      }
    }
    return { kind: 'TableFunctionTableArgument', table, partitionBy, orderBy, emptyTableTreatment, location };
  }

  /** `(a, b)` or `a` (as in table argument PARTITION BY). */
  private expressionListMaybeParenthesized(): Expression[] {
    if (this.peek('(')) {
      this.advance();
      const list: Expression[] = [];
      if (!this.peek(')')) {
        do {
          list.push(this.expression());
        } while (this.accept(','));
      }
      this.expect(')');
      return list;
    }
    return [this.expression()];
  }

  private descriptor(): Descriptor {
    const location = this.location(this.advance());
    this.expect('(');
    const fields: DescriptorField[] = [];
    do {
      const name = this.identifier();
      const type = this.peek(',') || this.peek(')') ? undefined : this.dataType();
      fields.push({ kind: 'DescriptorField', name, type, location: name.location });
    } while (this.accept(','));
    this.expect(')');
    return { kind: 'Descriptor', fields, location };
  }

  // ---- windows ----

  protected windowSpecification(): WindowSpecification {
    const location = this.location(this.expect('('));
    let existingWindowName: Identifier | undefined;
    if (this.peekIdentifier() && this.peekExistingWindowName()) existingWindowName = this.identifier();
    const partitionBy = this.partitionBy();
    const orderBy = this.is('ORDER') ? this.orderBy() : undefined;
    const frame = this.windowFrame();
    this.expect(')');
    return { kind: 'WindowSpecification', existingWindowName, partitionBy, orderBy, frame, location };
  }

  private peekExistingWindowName(): boolean {
    const current = this.tok;
    const next = this.lookahead(1);
    if (current.type === TokenType.WORD) {
      if (current.keyword === 'PARTITION' && next.keyword === 'BY') return false;
      if ((current.keyword === 'ROWS' || current.keyword === 'RANGE' || current.keyword === 'GROUPS') && next.type === TokenType.WORD) return false;
      if ((current.keyword === 'ROWS' || current.keyword === 'RANGE' || current.keyword === 'GROUPS') && next.type !== TokenType.SYMBOL) return false;
      if (current.keyword === 'MEASURES') return false;
    }
    return true;
  }

  private windowFrame(): WindowFrame | undefined {
    const location = this.location();
    const measures = this.peek('MEASURES') ? this.measures() : [];
    const type = this.acceptOneOf('RANGE', 'ROWS', 'GROUPS') as 'RANGE' | 'ROWS' | 'GROUPS' | undefined;
    if (type === undefined) {
      if (measures.length > 0) throw this.fail();
      return undefined;
    }
    let start: FrameBound;
    let end: FrameBound | undefined;
    if (this.accept('BETWEEN')) {
      start = this.frameBound();
      this.expect('AND');
      end = this.frameBound();
    } else {
      start = this.frameBound();
    }
    const afterMatchSkipTo = this.afterMatchSkip();
    const patternSearchMode = this.acceptOneOf('INITIAL', 'SEEK') as 'INITIAL' | 'SEEK' | undefined;
    let pattern: RowPattern | undefined;
    if (this.accept('PATTERN')) {
      this.expect('(');
      pattern = this.rowPattern();
      this.expect(')');
    }
    const subsets = this.subsets();
    const variableDefinitions = this.accept('DEFINE') ? this.variableDefinitions() : [];
    return { kind: 'WindowFrame', type, start, end, measures, afterMatchSkipTo, patternSearchMode, pattern, subsets, variableDefinitions, location };
  }

  private frameBound(): FrameBound {
    const location = this.location();
    if (this.accept('UNBOUNDED')) {
      const direction = this.expectOneOf('PRECEDING', 'FOLLOWING');
      return { kind: 'FrameBound', type: direction === 'PRECEDING' ? 'UNBOUNDED_PRECEDING' : 'UNBOUNDED_FOLLOWING', value: undefined, location };
    }
    if (this.peek('CURRENT') && this.peekAt(1, 'ROW')) {
      this.advance();
      this.advance();
      return { kind: 'FrameBound', type: 'CURRENT_ROW', value: undefined, location };
    }
    const value = this.expression();
    const direction = this.expectOneOf('PRECEDING', 'FOLLOWING');
    return { kind: 'FrameBound', type: direction === 'PRECEDING' ? 'PRECEDING' : 'FOLLOWING', value, location };
  }

  // ---- JSON_TABLE ----

  private jsonTable(location: NodeLocation): JsonTable {
    this.advance();
    this.expect('(');
    const jsonPathInvocation = this.jsonPathInvocation();
    const columns = this.jsonTableColumns();
    let plan: JsonTablePlan | undefined;
    if (this.accept('PLAN')) {
      const planLocation = this.location();
      if (this.accept('DEFAULT')) {
        this.expect('(');
        let parentChild: 'OUTER' | 'INNER' = 'OUTER';
        let siblings: 'UNION' | 'CROSS' = 'UNION';
        do {
          const word = this.expectOneOf('OUTER', 'INNER', 'UNION', 'CROSS');
          if (word === 'OUTER' || word === 'INNER') parentChild = word;
          else siblings = word as 'UNION' | 'CROSS';
        } while (this.accept(','));
        this.expect(')');
        plan = { kind: 'JsonTableDefaultPlan', parentChild, siblings, location: planLocation };
      } else {
        this.expect('(');
        plan = this.jsonTableSpecificPlan();
        this.expect(')');
      }
    }
    let errorBehavior: 'ERROR' | 'EMPTY' | undefined;
    if ((this.peek('ERROR') || this.peek('EMPTY')) && this.peekAt(1, 'ON')) {
      errorBehavior = this.advance().keyword as 'ERROR' | 'EMPTY';
      this.expect('ON');
      this.expect('ERROR');
    }
    this.expect(')');
    return { kind: 'JsonTable', jsonPathInvocation, columns, plan, errorBehavior, location };
  }

  private jsonTableSpecificPlan(): JsonTableSpecificPlan {
    const location = this.location();
    const first = this.jsonTablePlanPrimary();
    if (this.peek('OUTER') || this.peek('INNER')) {
      const type = this.advance().keyword as 'OUTER' | 'INNER';
      if (first.kind !== 'JsonTablePlanLeaf') throw this.fail();
      const child = this.jsonTablePlanPrimary();
      return { kind: 'JsonTableJoinedPlan', type, parent: first, child, location };
    }
    if (this.peek('UNION') || this.peek('CROSS')) {
      const type = this.tok.keyword as 'UNION' | 'CROSS';
      const siblings = [first];
      while (this.accept(type)) siblings.push(this.jsonTablePlanPrimary());
      return { kind: 'JsonTableSiblingsPlan', type, siblings, location };
    }
    return first;
  }

  private jsonTablePlanPrimary(): JsonTableSpecificPlan {
    if (this.accept('(')) {
      const plan = this.jsonTableSpecificPlan();
      this.expect(')');
      return plan;
    }
    const name = this.identifier();
    const leaf: JsonTablePlanLeaf = { kind: 'JsonTablePlanLeaf', name, location: name.location };
    return leaf;
  }

  private jsonTableColumns(): JsonTableColumn[] {
    this.expect('COLUMNS');
    this.expect('(');
    const columns = [this.jsonTableColumn()];
    while (this.accept(',')) columns.push(this.jsonTableColumn());
    this.expect(')');
    return columns;
  }

  private jsonTableColumn(): JsonTableColumn {
    const location = this.location();
    if (this.peek('NESTED')) {
      this.advance();
      this.accept('PATH');
      const pathLocation = this.location();
      const jsonPath = { kind: 'StringLiteral' as const, value: this.stringValue(), location: pathLocation };
      const pathName = this.accept('AS') ? this.identifier() : undefined;
      const columns = this.jsonTableColumns();
      return { kind: 'JsonTableNestedColumns', jsonPath, pathName, columns, location };
    }
    const name = this.identifier();
    if (this.peek('FOR') && this.peekAt(1, 'ORDINALITY')) {
      this.advance();
      this.advance();
      return { kind: 'JsonTableOrdinalityColumn', name, location };
    }
    const type = this.dataType();
    if (this.peek('FORMAT') && this.peekAt(1, 'JSON')) {
      const format = this.jsonFormat() ?? 'JSON';
      const jsonPath = this.jsonTableColumnPath();
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
      return { kind: 'JsonTableQueryColumn', name, type, format, jsonPath, wrapperBehavior, quotesBehavior, emptyBehavior, errorBehavior, location };
    }
    const jsonPath = this.jsonTableColumnPath();
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
    return { kind: 'JsonTableValueColumn', name, type, jsonPath, emptyBehavior, emptyDefault, errorBehavior, errorDefault, location };
  }

  private jsonTableColumnPath() {
    if (!this.accept('PATH')) return undefined;
    const location = this.location();
    return { kind: 'StringLiteral' as const, value: this.stringValue(), location };
  }
}
