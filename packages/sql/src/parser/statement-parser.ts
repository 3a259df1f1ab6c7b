import { TokenType } from './token.js';
import { RoutineParser } from './routine-parser.js';
import { isQueryStartAfterParens } from './expression-parser.js';
import type { NodeLocation } from '../tree/node-location.js';
import type { Identifier, QualifiedName } from '../tree/identifier.js';
import type { Expression } from '../tree/expression.js';
import type { Relation, Table } from '../tree/relation.js';
import type {
  CallArgument,
  ColumnDefinition,
  ExplainOption,
  GrantObject,
  GrantorSpecification,
  MergeCase,
  PathElement,
  PrincipalSpecification,
  Property,
  SaveMode,
  ShowFilter,
  Statement,
  TableElement,
  TransactionMode,
  UpdateAssignment,
} from '../tree/statement.js';

const STATEMENT_START_KEYWORDS = [
  'ALTER', 'ANALYZE', 'CALL', 'COMMENT', 'COMMIT', 'CREATE', 'DEALLOCATE', 'DELETE', 'DENY', 'DESC', 'DESCRIBE',
  'DROP', 'EXECUTE', 'EXPLAIN', 'GRANT', 'INSERT', 'MERGE', 'PREPARE', 'REFRESH', 'RESET', 'REVOKE', 'ROLLBACK',
  'SELECT', 'SET', 'SHOW', 'START', 'TABLE', 'TRUNCATE', 'UPDATE', 'USE', 'VALUES', 'WITH', '(',
];

/** Statements, dispatched on their first word(s). */
export class StatementParser extends RoutineParser {
  statement(): Statement {
    this.parameterCount = 0;
    const token = this.tok;
    const location = this.location(token);
    if (token.type === TokenType.WORD) {
      switch (token.keyword) {
        case 'SELECT':
        case 'WITH':
        case 'VALUES':
        case 'TABLE':
          return this.query();
        case 'EXPLAIN':
          return this.explain(location);
        case 'PREPARE': {
          this.advance();
          const name = this.identifier();
          this.expect('FROM');
          return { kind: 'Prepare', name, statement: this.statement(), location };
        }
        case 'EXECUTE':
          return this.execute(location);
        case 'DEALLOCATE':
          this.advance();
          this.expect('PREPARE');
          return { kind: 'Deallocate', name: this.identifier(), location };
        case 'DESCRIBE':
        case 'DESC':
          return this.describe(location);
        case 'SHOW':
          return this.show(location);
        case 'USE':
          return this.use(location);
        case 'SET':
          return this.set(location);
        case 'RESET':
          return this.resetStatement(location);
        case 'CALL': {
          this.advance();
          const name = this.qualifiedName();
          return { kind: 'Call', name, arguments: this.callArguments(), location };
        }
        case 'START':
          return this.startTransaction(location);
        case 'COMMIT':
          this.advance();
          this.accept('WORK');
          return { kind: 'Commit', location };
        case 'ROLLBACK':
          this.advance();
          this.accept('WORK');
          return { kind: 'Rollback', location };
        case 'CREATE':
          return this.create(location);
        case 'DROP':
          return this.drop(location);
        case 'ALTER':
          return this.alter(location);
        case 'INSERT':
          return this.insert(location);
        case 'DELETE': {
          this.advance();
          this.expect('FROM');
          const table = this.aliasedTable();
          const where = this.accept('WHERE') ? this.expression() : undefined;
          return { kind: 'Delete', table, where, location };
        }
        case 'UPDATE':
          return this.update(location);
        case 'MERGE':
          return this.merge(location);
        case 'TRUNCATE':
          this.advance();
          this.expect('TABLE');
          return { kind: 'Truncate', tableName: this.qualifiedName(), location };
        case 'COMMENT':
          return this.comment(location);
        case 'ANALYZE': {
          this.advance();
          const tableName = this.qualifiedName();
          const properties = this.accept('WITH') ? this.properties() : [];
          return { kind: 'Analyze', tableName, properties, location };
        }
        case 'REFRESH':
          this.advance();
          this.expect('MATERIALIZED');
          this.expect('VIEW');
          return { kind: 'RefreshMaterializedView', name: this.qualifiedName(), location };
        case 'GRANT':
          return this.grant(location);
        case 'REVOKE':
          return this.revoke(location);
        case 'DENY':
          return this.deny(location);
        default:
          break;
      }
    } else if (token.type === TokenType.SYMBOL && token.keyword === '(' && isQueryStartAfterParens(this.tokens, this.pos)) {
      return this.query();
    }
    if (this.tracking) for (const keyword of STATEMENT_START_KEYWORDS) this.note(`'${keyword}'`);
    throw this.fail();
  }

  // ---- helpers ----

  protected properties(): Property[] {
    this.expect('(');
    const list: Property[] = [];
    do {
      const name = this.identifier();
      this.expect('=');
      if (this.peek('DEFAULT') && (this.peekAt(1, ',') || this.peekAt(1, ')'))) {
        this.advance();
        list.push({ kind: 'Property', name, value: undefined, location: name.location });
      } else {
        list.push({ kind: 'Property', name, value: this.expression(), location: name.location });
      }
    } while (this.accept(','));
    this.expect(')');
    return list;
  }

  private optionalProperties(): Property[] {
    if (this.peek('WITH') && this.peekAt(1, '(')) {
      this.advance();
      return this.properties();
    }
    if (this.tracking) this.note("'WITH'");
    return [];
  }

  private ifExists(): boolean {
    if (this.peek('IF') && this.peekAt(1, 'EXISTS')) {
      this.advance();
      this.advance();
      return true;
    }
    if (this.tracking) this.note("'IF'");
    return false;
  }

  private ifNotExists(): boolean {
    if (this.peek('IF') && this.peekAt(1, 'NOT')) {
      this.advance();
      this.advance();
      this.expect('EXISTS');
      return true;
    }
    if (this.tracking) this.note("'IF'");
    return false;
  }

  private principal(): PrincipalSpecification {
    const location = this.location();
    if ((this.peek('USER') || this.peek('ROLE')) && this.nextIsIdentifier(1)) {
      const type = this.advance().keyword as 'USER' | 'ROLE';
      return { kind: 'PrincipalSpecification', type, name: this.identifier(), location };
    }
    return { kind: 'PrincipalSpecification', type: 'UNSPECIFIED', name: this.identifier(), location };
  }

  private principals(): PrincipalSpecification[] {
    const list = [this.principal()];
    while (this.accept(',')) list.push(this.principal());
    return list;
  }

  private grantor(): GrantorSpecification | undefined {
    if (!(this.peek('GRANTED') && this.peekAt(1, 'BY'))) return undefined;
    const location = this.location(this.advance());
    this.advance();
    if (this.accept('CURRENT_USER')) return { kind: 'GrantorSpecification', type: 'CURRENT_USER', principal: undefined, location };
    if (this.accept('CURRENT_ROLE')) return { kind: 'GrantorSpecification', type: 'CURRENT_ROLE', principal: undefined, location };
    return { kind: 'GrantorSpecification', type: 'PRINCIPAL', principal: this.principal(), location };
  }

  private inCatalog(): Identifier | undefined {
    if (this.accept('IN')) return this.identifier();
    return undefined;
  }

  private callArguments(): CallArgument[] {
    this.expect('(');
    const list: CallArgument[] = [];
    if (!this.peek(')')) {
      do {
        const location = this.location();
        let name: Identifier | undefined;
        if (this.peekIdentifier() && this.peekAt(1, '=>')) {
          name = this.identifier();
          this.advance();
        }
        list.push({ kind: 'CallArgument', name, value: this.expression(), location });
      } while (this.accept(','));
    }
    this.expect(')');
    return list;
  }

  private showFilter(): ShowFilter {
    if (this.accept('LIKE')) {
      const likePattern = this.stringValue();
      const escape = this.accept('ESCAPE') ? this.stringValue() : undefined;
      return { likePattern, escape };
    }
    return { likePattern: undefined, escape: undefined };
  }

  private table(): Table {
    const name = this.qualifiedName();
    return { kind: 'Table', name, queryPeriod: undefined, location: name.location };
  }

  private aliasedTable(): Relation {
    const table = this.table();
    let alias: Identifier | undefined;
    if (this.accept('AS')) alias = this.identifier();
    else if (this.peekIdentifier()) alias = this.identifier();
    if (alias === undefined) return table;
    return { kind: 'AliasedRelation', relation: table, alias, columnNames: undefined, location: table.location };
  }

  private commentValue(): string | undefined {
    if (this.accept('NULL')) return undefined;
    return this.stringValue();
  }

  // ---- EXPLAIN / EXECUTE / DESCRIBE ----

  private explain(location: NodeLocation): Statement {
    this.advance();
    let analyze = false;
    let verbose = false;
    if (this.peek('ANALYZE')) {
      this.advance();
      analyze = true;
      if (this.peek('VERBOSE')) {
        this.advance();
        verbose = true;
      }
    }
    const options: ExplainOption[] = [];
    if (this.peek('(') && !isQueryStartAfterParens(this.tokens, this.pos)) {
      this.advance();
      do {
        const optionLocation = this.location();
        if (this.accept('FORMAT')) {
          const type = this.expectOneOf('TEXT', 'GRAPHVIZ', 'JSON') as 'TEXT' | 'GRAPHVIZ' | 'JSON';
          options.push({ kind: 'ExplainFormat', type, location: optionLocation });
        } else {
          this.expect('TYPE');
          const type = this.expectOneOf('LOGICAL', 'DISTRIBUTED', 'VALIDATE', 'IO') as 'LOGICAL' | 'DISTRIBUTED' | 'VALIDATE' | 'IO';
          options.push({ kind: 'ExplainType', type, location: optionLocation });
        }
      } while (this.accept(','));
      this.expect(')');
    }
    return { kind: 'Explain', analyze, verbose, options, statement: this.statement(), location };
  }

  private execute(location: NodeLocation): Statement {
    this.advance();
    if (this.peek('IMMEDIATE') && (this.lookahead(1).type === TokenType.STRING || this.lookahead(1).type === TokenType.UNICODE_STRING)) {
      this.advance();
      const statementLocation = this.location();
      const statement = { kind: 'StringLiteral' as const, value: this.stringValue(), location: statementLocation };
      const parameters = this.usingParameters();
      return { kind: 'ExecuteImmediate', statement, parameters, location };
    }
    const name = this.identifier();
    return { kind: 'Execute', name, parameters: this.usingParameters(), location };
  }

  private usingParameters(): Expression[] {
    const list: Expression[] = [];
    if (this.accept('USING')) {
      do {
        list.push(this.expression());
      } while (this.accept(','));
    }
    return list;
  }

  private describe(location: NodeLocation): Statement {
    this.advance();
    if (this.peek('INPUT') && this.nextIsIdentifier(1) && this.lookahead(2).type === TokenType.EOF) {
      this.advance();
      return { kind: 'DescribeInput', name: this.identifier(), location };
    }
    if (this.peek('OUTPUT') && this.nextIsIdentifier(1) && this.lookahead(2).type === TokenType.EOF) {
      this.advance();
      return { kind: 'DescribeOutput', name: this.identifier(), location };
    }
    if ((this.peek('INPUT') || this.peek('OUTPUT')) && this.nextIsIdentifier(1) && this.peekAt(2, ';')) {
      const kind = this.advance().keyword === 'INPUT' ? 'DescribeInput' : 'DescribeOutput';
      return { kind, name: this.identifier(), location };
    }
    return { kind: 'ShowColumns', table: this.qualifiedName(), describe: true, likePattern: undefined, escape: undefined, location };
  }

  // ---- SHOW ----

  private show(location: NodeLocation): Statement {
    this.advance();
    const keyword = this.tok.type === TokenType.WORD ? this.tok.keyword : '';
    switch (keyword) {
      case 'CATALOGS':
        this.advance();
        return { kind: 'ShowCatalogs', ...this.showFilter(), location };
      case 'SCHEMAS': {
        this.advance();
        const catalog = this.acceptOneOf('FROM', 'IN') !== undefined ? this.identifier() : undefined;
        return { kind: 'ShowSchemas', catalog, ...this.showFilter(), location };
      }
      case 'TABLES': {
        this.advance();
        const schema = this.acceptOneOf('FROM', 'IN') !== undefined ? this.qualifiedName() : undefined;
        return { kind: 'ShowTables', schema, ...this.showFilter(), location };
      }
      case 'COLUMNS': {
        this.advance();
        this.expectOneOf('FROM', 'IN');
        const table = this.qualifiedName();
        return { kind: 'ShowColumns', table, describe: false, ...this.showFilter(), location };
      }
      case 'CREATE': {
        this.advance();
        let type: 'TABLE' | 'VIEW' | 'MATERIALIZED_VIEW' | 'SCHEMA' | 'FUNCTION';
        if (this.accept('MATERIALIZED')) {
          this.expect('VIEW');
          type = 'MATERIALIZED_VIEW';
        } else {
          type = this.expectOneOf('TABLE', 'VIEW', 'SCHEMA', 'FUNCTION') as typeof type;
        }
        return { kind: 'ShowCreate', type, name: this.qualifiedName(), location };
      }
      case 'FUNCTIONS': {
        this.advance();
        const schema = this.acceptOneOf('FROM', 'IN') !== undefined ? this.qualifiedName() : undefined;
        return { kind: 'ShowFunctions', schema, ...this.showFilter(), location };
      }
      case 'SESSION':
        this.advance();
        return { kind: 'ShowSession', ...this.showFilter(), location };
      case 'STATS': {
        this.advance();
        this.expect('FOR');
        if (this.peek('(')) {
          const subqueryLocation = this.location(this.advance());
          const query = this.query();
          this.expect(')');
          return { kind: 'ShowStats', relation: { kind: 'TableSubquery', query, location: subqueryLocation }, location };
        }
        return { kind: 'ShowStats', relation: this.table(), location };
      }
      case 'GRANTS': {
        this.advance();
        let table: QualifiedName | undefined;
        let tableKeyword = false;
        if (this.accept('ON')) {
          tableKeyword = this.accept('TABLE');
          table = this.qualifiedName();
        }
        return { kind: 'ShowGrants', table, tableKeyword, location };
      }
      case 'CURRENT':
        this.advance();
        this.expect('ROLES');
        return { kind: 'ShowRoles', catalog: this.acceptOneOf('FROM', 'IN') !== undefined ? this.identifier() : undefined, current: true, location };
      case 'ROLES':
        this.advance();
        return { kind: 'ShowRoles', catalog: this.acceptOneOf('FROM', 'IN') !== undefined ? this.identifier() : undefined, current: false, location };
      case 'ROLE':
        this.advance();
        this.expect('GRANTS');
        return { kind: 'ShowRoleGrants', catalog: this.acceptOneOf('FROM', 'IN') !== undefined ? this.identifier() : undefined, location };
      case 'BRANCHES': {
        this.advance();
        this.expectOneOf('FROM', 'IN');
        this.accept('TABLE');
        const table = this.qualifiedName();
        return { kind: 'ShowBranches', table, ...this.showFilter(), location };
      }
      default:
        if (this.tracking) for (const word of ['BRANCHES', 'CATALOGS', 'COLUMNS', 'CREATE', 'CURRENT', 'FUNCTIONS', 'GRANTS', 'ROLE', 'ROLES', 'SCHEMAS', 'SESSION', 'STATS', 'TABLES']) this.note(`'${word}'`);
        throw this.fail();
    }
  }

  // ---- session ----

  private use(location: NodeLocation): Statement {
    this.advance();
    const first = this.identifier();
    if (this.accept('.')) return { kind: 'Use', catalog: first, schema: this.identifier(), location };
    return { kind: 'Use', catalog: undefined, schema: first, location };
  }

  private set(location: NodeLocation): Statement {
    this.advance();
    if (this.peek('SESSION') && this.peekAt(1, 'AUTHORIZATION')) {
      this.advance();
      this.advance();
      const userLocation = this.location();
      const user: Expression = this.peekString() ? { kind: 'StringLiteral', value: this.stringValue(), location: userLocation } : this.identifier();
      return { kind: 'SetSessionAuthorization', user, location };
    }
    if (this.accept('SESSION')) {
      const name = this.qualifiedName();
      this.expect('=');
      return { kind: 'SetSession', name, value: this.expression(), location };
    }
    if (this.peek('TIME') && this.peekAt(1, 'ZONE')) {
      this.advance();
      this.advance();
      if (this.peek('LOCAL') && (this.lookahead(1).type === TokenType.EOF || this.peekAt(1, ';'))) {
        this.advance();
        return { kind: 'SetTimeZone', timeZone: undefined, location };
      }
      return { kind: 'SetTimeZone', timeZone: this.expression(), location };
    }
    if (this.accept('PATH')) {
      const path: PathElement[] = [];
      do {
        const elementLocation = this.location();
        const first = this.identifier();
        if (this.accept('.')) path.push({ kind: 'PathElement', catalog: first, schema: this.identifier(), location: elementLocation });
        else path.push({ kind: 'PathElement', catalog: undefined, schema: first, location: elementLocation });
      } while (this.accept(','));
      return { kind: 'SetPath', path, location };
    }
    if (this.accept('ROLE')) {
      let type: 'ROLE' | 'ALL' | 'NONE' = 'ROLE';
      let role: Identifier | undefined;
      if (this.accept('ALL')) type = 'ALL';
      else if (this.peek('NONE') && !this.nextIsIdentifier(1)) {
        this.advance();
        type = 'NONE';
      } else role = this.identifier();
      return { kind: 'SetRole', type, role, catalog: this.inCatalog(), location };
    }
    if (this.tracking) for (const word of ['PATH', 'ROLE', 'SESSION', 'TIME']) this.note(`'${word}'`);
    throw this.fail();
  }

  private resetStatement(location: NodeLocation): Statement {
    this.advance();
    this.expect('SESSION');
    if (this.accept('AUTHORIZATION')) return { kind: 'ResetSessionAuthorization', location };
    return { kind: 'ResetSession', name: this.qualifiedName(), location };
  }

  private startTransaction(location: NodeLocation): Statement {
    this.advance();
    this.expect('TRANSACTION');
    const transactionModes: TransactionMode[] = [];
    if (this.peek('ISOLATION') || this.peek('READ')) {
      do {
        const modeLocation = this.location();
        if (this.accept('ISOLATION')) {
          this.expect('LEVEL');
          let level: 'SERIALIZABLE' | 'REPEATABLE READ' | 'READ COMMITTED' | 'READ UNCOMMITTED';
          if (this.accept('SERIALIZABLE')) level = 'SERIALIZABLE';
          else if (this.accept('REPEATABLE')) {
            this.expect('READ');
            level = 'REPEATABLE READ';
          } else {
            this.expect('READ');
            level = this.expectOneOf('COMMITTED', 'UNCOMMITTED') === 'COMMITTED' ? 'READ COMMITTED' : 'READ UNCOMMITTED';
          }
          transactionModes.push({ kind: 'Isolation', level, location: modeLocation });
        } else {
          this.expect('READ');
          const mode = this.expectOneOf('ONLY', 'WRITE');
          transactionModes.push({ kind: 'TransactionAccessMode', readOnly: mode === 'ONLY', location: modeLocation });
        }
      } while (this.accept(','));
    }
    return { kind: 'StartTransaction', transactionModes, location };
  }

  // ---- CREATE ----

  private create(location: NodeLocation): Statement {
    this.advance();
    let replace = false;
    if (this.accept('OR')) {
      this.expect('REPLACE');
      replace = true;
    }
    const keyword = this.tok.type === TokenType.WORD ? this.tok.keyword : '';
    switch (keyword) {
      case 'SCHEMA': {
        this.advance();
        const notExists = this.ifNotExists();
        const schemaName = this.qualifiedName();
        let principal: PrincipalSpecification | undefined;
        if (this.accept('AUTHORIZATION')) principal = this.principal();
        const properties = this.optionalProperties();
        return { kind: 'CreateSchema', schemaName, notExists, properties, principal, location };
      }
      case 'TABLE':
        return this.createTable(location, replace);
      case 'VIEW': {
        this.advance();
        const name = this.qualifiedName();
        const comment = this.accept('COMMENT') ? this.stringValue() : undefined;
        let security: 'DEFINER' | 'INVOKER' | undefined;
        if (this.accept('SECURITY')) security = this.expectOneOf('DEFINER', 'INVOKER') as 'DEFINER' | 'INVOKER';
        const properties = this.optionalProperties();
        this.expect('AS');
        return { kind: 'CreateView', name, query: this.query(), replace, comment, security, properties, location };
      }
      case 'MATERIALIZED': {
        this.advance();
        this.expect('VIEW');
        const notExists = this.ifNotExists();
        const name = this.qualifiedName();
        let gracePeriod: Expression | undefined;
        if (this.peek('GRACE') && this.peekAt(1, 'PERIOD')) {
          this.advance();
          this.advance();
          gracePeriod = this.expression();
        }
        let whenStale: 'INLINE' | 'FAIL' | undefined;
        if (this.peek('WHEN') && this.peekAt(1, 'STALE')) {
          this.advance();
          this.advance();
          whenStale = this.expectOneOf('INLINE', 'FAIL') as 'INLINE' | 'FAIL';
        }
        const comment = this.accept('COMMENT') ? this.stringValue() : undefined;
        const properties = this.optionalProperties();
        this.expect('AS');
        return { kind: 'CreateMaterializedView', name, query: this.query(), replace, notExists, gracePeriod, whenStale, properties, comment, location };
      }
      case 'ROLE': {
        this.advance();
        const name = this.identifier();
        let grantor: GrantorSpecification | undefined;
        if (this.peek('WITH') && this.peekAt(1, 'ADMIN')) {
          const adminLocation = this.location(this.advance());
          this.advance();
          if (this.accept('CURRENT_USER')) grantor = { kind: 'GrantorSpecification', type: 'CURRENT_USER', principal: undefined, location: adminLocation };
          else if (this.accept('CURRENT_ROLE')) grantor = { kind: 'GrantorSpecification', type: 'CURRENT_ROLE', principal: undefined, location: adminLocation };
          else grantor = { kind: 'GrantorSpecification', type: 'PRINCIPAL', principal: this.principal(), location: adminLocation };
        }
        return { kind: 'CreateRole', name, grantor, catalog: this.inCatalog(), location };
      }
      case 'CATALOG': {
        this.advance();
        const notExists = this.ifNotExists();
        const catalogName = this.identifier();
        this.expect('USING');
        const connectorName = this.identifier();
        const comment = this.accept('COMMENT') ? this.stringValue() : undefined;
        let principal: PrincipalSpecification | undefined;
        if (this.accept('AUTHORIZATION')) principal = this.principal();
        const properties = this.optionalProperties();
        return { kind: 'CreateCatalog', catalogName, notExists, connectorName, properties, principal, comment, location };
      }
      case 'FUNCTION':
        return { kind: 'CreateFunction', replace, specification: this.functionSpecification(), location };
      default:
        if (this.tracking) for (const word of ['CATALOG', 'FUNCTION', 'MATERIALIZED', 'ROLE', 'SCHEMA', 'TABLE', 'VIEW']) this.note(`'${word}'`);
        throw this.fail();
    }
  }

  private createTable(location: NodeLocation, replace: boolean): Statement {
    this.advance();
    const notExists = this.ifNotExists();
    const saveMode: SaveMode = replace ? 'REPLACE' : notExists ? 'IGNORE' : 'FAIL';
    const name = this.qualifiedName();
    // CREATE TABLE ... AS query
    let columnAliases: Identifier[] | undefined;
    const afterName = this.pos;
    if (this.peek('(')) {
      // column aliases of CTAS: `(a, b) [COMMENT ..] [WITH ..] AS`
      const save = this.pos;
      const aliases = this.tryColumnAliases();
      if (aliases !== undefined) columnAliases = aliases;
      else this.reset(save);
    }
    if (columnAliases !== undefined || !this.peek('(')) {
      const comment = this.accept('COMMENT') ? this.stringValue() : undefined;
      const properties = this.optionalProperties();
      if (this.is('AS')) {
        this.advance();
        const query = this.query();
        let withData = true;
        if (this.peek('WITH') && (this.peekAt(1, 'DATA') || this.peekAt(1, 'NO'))) {
          this.advance();
          if (this.accept('NO')) withData = false;
          this.expect('DATA');
        }
        return { kind: 'CreateTableAsSelect', name, query, saveMode, properties, withData, columnAliases, comment, location };
      }
      if (columnAliases === undefined) throw this.fail();
      this.reset(afterName);
    }
    this.expect('(');
    const elements: TableElement[] = [];
    do {
      elements.push(this.tableElement());
    } while (this.accept(','));
    this.expect(')');
    const comment = this.accept('COMMENT') ? this.stringValue() : undefined;
    const properties = this.optionalProperties();
    return { kind: 'CreateTable', name, elements, saveMode, properties, comment, location };
  }

  /** `(a, b, c)` followed by COMMENT, WITH or AS: the column aliases of CREATE TABLE AS. */
  private tryColumnAliases(): Identifier[] | undefined {
    let index = this.pos + 1;
    for (;;) {
      const token = this.tokens[index]!;
      if (!(token.type === TokenType.QUOTED_IDENTIFIER || token.type === TokenType.WORD)) return undefined;
      const separator = this.tokens[index + 1]!;
      if (separator.type !== TokenType.SYMBOL) return undefined;
      if (separator.keyword === ')') break;
      if (separator.keyword !== ',') return undefined;
      index += 2;
    }
    const after = this.tokens[index + 2]!;
    if (!(after.type === TokenType.WORD && (after.keyword === 'AS' || after.keyword === 'COMMENT' || after.keyword === 'WITH'))) return undefined;
    return this.parenthesizedIdentifierList();
  }

  private tableElement(): TableElement {
    const location = this.location();
    if (this.peek('LIKE')) {
      this.advance();
      const tableName = this.qualifiedName();
      let propertiesOption: 'INCLUDING' | 'EXCLUDING' | undefined;
      if (this.peek('INCLUDING') || this.peek('EXCLUDING')) {
        propertiesOption = this.advance().keyword as 'INCLUDING' | 'EXCLUDING';
        this.expect('PROPERTIES');
      }
      return { kind: 'LikeClause', tableName, propertiesOption, location };
    }
    return this.columnDefinition();
  }

  private columnDefinition(): ColumnDefinition {
    const location = this.location();
    const name = this.qualifiedName();
    const type = this.dataType();
    let nullable = true;
    if (this.peek('NOT') && this.peekAt(1, 'NULL')) {
      this.advance();
      this.advance();
      nullable = false;
    } else if (this.peek('NULL')) {
      this.advance();
    }
    // PRIMARY KEY and similar constraints are not Trino syntax
    const comment = this.accept('COMMENT') ? this.stringValue() : undefined;
    const properties = this.optionalProperties();
    return { kind: 'ColumnDefinition', name, type, nullable, properties, comment, location };
  }

  // ---- DROP ----

  private drop(location: NodeLocation): Statement {
    this.advance();
    const keyword = this.tok.type === TokenType.WORD ? this.tok.keyword : '';
    switch (keyword) {
      case 'SCHEMA': {
        this.advance();
        const exists = this.ifExists();
        const schemaName = this.qualifiedName();
        const behavior = this.acceptOneOf('CASCADE', 'RESTRICT');
        return { kind: 'DropSchema', schemaName, exists, cascade: behavior === 'CASCADE', location };
      }
      case 'TABLE': {
        this.advance();
        const exists = this.ifExists();
        return { kind: 'DropTable', tableName: this.qualifiedName(), exists, location };
      }
      case 'VIEW': {
        this.advance();
        const exists = this.ifExists();
        return { kind: 'DropView', name: this.qualifiedName(), exists, location };
      }
      case 'MATERIALIZED': {
        this.advance();
        this.expect('VIEW');
        const exists = this.ifExists();
        return { kind: 'DropMaterializedView', name: this.qualifiedName(), exists, location };
      }
      case 'ROLE': {
        this.advance();
        const exists = this.ifExists();
        const name = this.identifier();
        return { kind: 'DropRole', name, catalog: this.inCatalog(), exists, location };
      }
      case 'CATALOG': {
        this.advance();
        const exists = this.ifExists();
        const catalogName = this.identifier();
        const behavior = this.acceptOneOf('CASCADE', 'RESTRICT');
        return { kind: 'DropCatalog', catalogName, exists, cascade: behavior === 'CASCADE', location };
      }
      case 'FUNCTION': {
        this.advance();
        const exists = this.ifExists();
        const name = this.qualifiedName();
        const parameters = this.parameterDeclarations();
        return { kind: 'DropFunction', name, parameters, exists, location };
      }
      default:
        if (this.tracking) for (const word of ['CATALOG', 'FUNCTION', 'MATERIALIZED', 'ROLE', 'SCHEMA', 'TABLE', 'VIEW']) this.note(`'${word}'`);
        throw this.fail();
    }
  }

  // ---- ALTER ----

  private alter(location: NodeLocation): Statement {
    this.advance();
    const keyword = this.tok.type === TokenType.WORD ? this.tok.keyword : '';
    switch (keyword) {
      case 'SCHEMA': {
        this.advance();
        const source = this.qualifiedName();
        if (this.accept('RENAME')) {
          this.expect('TO');
          return { kind: 'RenameSchema', source, target: this.identifier(), location };
        }
        this.expect('SET');
        this.expect('AUTHORIZATION');
        return { kind: 'SetSchemaAuthorization', source, principal: this.principal(), location };
      }
      case 'TABLE':
        return this.alterTable(location);
      case 'VIEW': {
        this.advance();
        const source = this.qualifiedName();
        if (this.accept('RENAME')) {
          this.expect('TO');
          return { kind: 'RenameView', source, target: this.qualifiedName(), location };
        }
        this.expect('SET');
        this.expect('AUTHORIZATION');
        return { kind: 'SetViewAuthorization', source, principal: this.principal(), location };
      }
      case 'MATERIALIZED': {
        this.advance();
        this.expect('VIEW');
        const exists = this.ifExists();
        const source = this.qualifiedName();
        if (this.accept('RENAME')) {
          this.expect('TO');
          return { kind: 'RenameMaterializedView', source, target: this.qualifiedName(), exists, location };
        }
        this.expect('SET');
        this.expect('PROPERTIES');
        return { kind: 'SetProperties', type: 'MATERIALIZED_VIEW', name: source, properties: this.propertyAssignments(), location };
      }
      default:
        if (this.tracking) for (const word of ['MATERIALIZED', 'SCHEMA', 'TABLE', 'VIEW']) this.note(`'${word}'`);
        throw this.fail();
    }
  }

  /** `a = 1, b = DEFAULT` (SET PROPERTIES, without parentheses). */
  private propertyAssignments(): Property[] {
    const list: Property[] = [];
    do {
      const name = this.identifier();
      this.expect('=');
      if (this.peek('DEFAULT') && (this.peekAt(1, ',') || this.lookahead(1).type === TokenType.EOF || this.peekAt(1, ';'))) {
        this.advance();
        list.push({ kind: 'Property', name, value: undefined, location: name.location });
      } else {
        list.push({ kind: 'Property', name, value: this.expression(), location: name.location });
      }
    } while (this.accept(','));
    return list;
  }

  private alterTable(location: NodeLocation): Statement {
    this.advance();
    const tableExists = this.ifExists();
    const name = this.qualifiedName();
    if (this.accept('RENAME')) {
      if (this.accept('TO')) return { kind: 'RenameTable', source: name, target: this.qualifiedName(), exists: tableExists, location };
      this.expect('COLUMN');
      const columnExists = this.ifExists();
      const source = this.qualifiedName();
      this.expect('TO');
      return { kind: 'RenameColumn', table: name, source, target: this.identifier(), tableExists, columnExists, location };
    }
    if (this.accept('ADD')) {
      this.expect('COLUMN');
      const columnNotExists = this.ifNotExists();
      const column = this.columnDefinition();
      return { kind: 'AddColumn', name, column, tableExists, columnNotExists, location };
    }
    if (this.peek('DROP')) {
      this.advance();
      this.expect('COLUMN');
      const columnExists = this.ifExists();
      return { kind: 'DropColumn', table: name, field: this.qualifiedName(), tableExists, columnExists, location };
    }
    if (this.accept('ALTER')) {
      this.expect('COLUMN');
      const columnName = this.qualifiedName();
      if (this.accept('SET')) {
        this.expect('DATA');
        this.expect('TYPE');
        return { kind: 'SetColumnType', tableName: name, columnName, type: this.dataType(), tableExists, location };
      }
      this.expect('DROP');
      this.expect('NOT');
      this.expect('NULL');
      const column = columnName.parts[columnName.parts.length - 1]!;
      return { kind: 'DropNotNullConstraint', table: name, column, tableExists, location };
    }
    if (this.accept('SET')) {
      if (this.accept('AUTHORIZATION')) return { kind: 'SetTableAuthorization', source: name, principal: this.principal(), location };
      this.expect('PROPERTIES');
      return { kind: 'SetProperties', type: 'TABLE', name, properties: this.propertyAssignments(), location };
    }
    if (this.accept('EXECUTE')) {
      const procedureName = this.identifier();
      const args = this.peek('(') ? this.callArguments() : [];
      const where = this.accept('WHERE') ? this.expression() : undefined;
      const table: Table = { kind: 'Table', name, queryPeriod: undefined, location: name.location };
      return { kind: 'TableExecute', table, procedureName, arguments: args, where, location };
    }
    if (this.tracking) for (const word of ['ADD', 'ALTER', 'DROP', 'EXECUTE', 'RENAME', 'SET']) this.note(`'${word}'`);
    throw this.fail();
  }

  // ---- data changes ----

  private insert(location: NodeLocation): Statement {
    this.advance();
    this.expect('INTO');
    const target = this.table();
    let columns: Identifier[] | undefined;
    if (this.peek('(') && !isQueryStartAfterParens(this.tokens, this.pos)) columns = this.parenthesizedIdentifierList();
    return { kind: 'Insert', target, columns, query: this.query(), location };
  }

  private updateAssignments(): UpdateAssignment[] {
    const list: UpdateAssignment[] = [];
    do {
      const name = this.identifier();
      this.expect('=');
      list.push({ kind: 'UpdateAssignment', name, value: this.expression(), location: name.location });
    } while (this.accept(','));
    return list;
  }

  private update(location: NodeLocation): Statement {
    this.advance();
    const table = this.table();
    this.expect('SET');
    const assignments = this.updateAssignments();
    const where = this.accept('WHERE') ? this.expression() : undefined;
    return { kind: 'Update', table, assignments, where, location };
  }

  private merge(location: NodeLocation): Statement {
    this.advance();
    this.expect('INTO');
    const target = this.aliasedTable();
    this.expect('USING');
    const source = this.relation();
    this.expect('ON');
    const predicate = this.expression();
    const mergeCases: MergeCase[] = [];
    do {
      const caseLocation = this.location(this.expect('WHEN'));
      const matched = !this.accept('NOT');
      this.expect('MATCHED');
      const expression = this.accept('AND') ? this.expression() : undefined;
      this.expect('THEN');
      if (matched) {
        if (this.accept('DELETE')) {
          mergeCases.push({ kind: 'MergeDelete', expression, location: caseLocation });
        } else {
          this.expect('UPDATE');
          this.expect('SET');
          mergeCases.push({ kind: 'MergeUpdate', expression, assignments: this.updateAssignments(), location: caseLocation });
        }
      } else {
        this.expect('INSERT');
        const columns = this.peek('(') ? this.parenthesizedIdentifierList() : undefined;
        this.expect('VALUES');
        this.expect('(');
        const values = [this.expression()];
        while (this.accept(',')) values.push(this.expression());
        this.expect(')');
        mergeCases.push({ kind: 'MergeInsert', expression, columns, values, location: caseLocation });
      }
    } while (this.is('WHEN'));
    return { kind: 'Merge', target, source, predicate, mergeCases, location };
  }

  private comment(location: NodeLocation): Statement {
    this.advance();
    this.expect('ON');
    const type = this.expectOneOf('TABLE', 'VIEW', 'COLUMN') as 'TABLE' | 'VIEW' | 'COLUMN';
    const name = this.qualifiedName();
    this.expect('IS');
    return { kind: 'Comment', type, name, comment: this.commentValue(), location };
  }

  // ---- security ----

  private privileges(): string[] | undefined {
    if (this.peek('ALL') && this.peekAt(1, 'PRIVILEGES')) {
      this.advance();
      this.advance();
      return undefined;
    }
    const list: string[] = [];
    do {
      const token = this.tok;
      if (token.type === TokenType.WORD && ['SELECT', 'DELETE', 'INSERT', 'UPDATE', 'CREATE'].includes(token.keyword)) {
        this.advance();
        list.push(token.keyword);
      } else {
        list.push(this.identifier().value.toUpperCase());
      }
    } while (this.accept(','));
    return list;
  }

  private grantObject(): GrantObject {
    const location = this.location();
    let entityKind: 'SCHEMA' | 'TABLE' | undefined;
    if (this.peek('SCHEMA') && this.nextIsIdentifier(1)) {
      this.advance();
      entityKind = 'SCHEMA';
    } else if (this.accept('TABLE')) {
      entityKind = 'TABLE';
    }
    return { kind: 'GrantObject', entityKind, name: this.qualifiedName(), location };
  }

  /** Is this GRANT/REVOKE about privileges on an object (has ON before TO/FROM)? */
  private peekPrivilegeForm(): boolean {
    for (let i = this.pos; i < this.tokens.length; i++) {
      const token = this.tokens[i]!;
      if (token.type === TokenType.EOF) return false;
      if (token.type === TokenType.WORD && token.keyword === 'ON') return true;
      if (token.type === TokenType.WORD && (token.keyword === 'TO' || token.keyword === 'FROM')) return false;
    }
    return false;
  }

  private grant(location: NodeLocation): Statement {
    this.advance();
    if (this.peekPrivilegeForm()) {
      const privileges = this.privileges();
      this.expect('ON');
      const grantObject = this.grantObject();
      this.expect('TO');
      const grantee = this.principal();
      let grantOption = false;
      if (this.accept('WITH')) {
        this.expect('GRANT');
        this.expect('OPTION');
        grantOption = true;
      }
      return { kind: 'Grant', privileges, grantObject, grantee, grantOption, location };
    }
    const roles = this.identifierList();
    this.expect('TO');
    const grantees = this.principals();
    let adminOption = false;
    if (this.accept('WITH')) {
      this.expect('ADMIN');
      this.expect('OPTION');
      adminOption = true;
    }
    const grantor = this.grantor();
    return { kind: 'GrantRoles', roles, grantees, adminOption, grantor, catalog: this.inCatalog(), location };
  }

  private revoke(location: NodeLocation): Statement {
    this.advance();
    if (this.peekPrivilegeForm()) {
      let grantOptionFor = false;
      if (this.peek('GRANT') && this.peekAt(1, 'OPTION')) {
        this.advance();
        this.advance();
        this.expect('FOR');
        grantOptionFor = true;
      }
      const privileges = this.privileges();
      this.expect('ON');
      const grantObject = this.grantObject();
      this.expect('FROM');
      return { kind: 'Revoke', grantOptionFor, privileges, grantObject, grantee: this.principal(), location };
    }
    let adminOption = false;
    if (this.peek('ADMIN') && this.peekAt(1, 'OPTION')) {
      this.advance();
      this.advance();
      this.expect('FOR');
      adminOption = true;
    }
    const roles = this.identifierList();
    this.expect('FROM');
    const grantees = this.principals();
    const grantor = this.grantor();
    return { kind: 'RevokeRoles', roles, grantees, adminOption, grantor, catalog: this.inCatalog(), location };
  }

  private deny(location: NodeLocation): Statement {
    this.advance();
    const privileges = this.privileges();
    this.expect('ON');
    const grantObject = this.grantObject();
    this.expect('TO');
    return { kind: 'Deny', privileges, grantObject, grantee: this.principal(), location };
  }
}
