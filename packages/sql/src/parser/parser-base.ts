import { TrinoError } from '@petrel/spi';
import { TokenType } from './token.js';
import type { Token } from './token.js';
import { isReservedWord } from './keywords.js';
import { syntaxError } from './syntax-error.js';
import type { NodeLocation } from '../tree/node-location.js';
import type { Identifier, QualifiedName } from '../tree/identifier.js';

/** Thrown in the fast (non-tracking) pass; the parse is then replayed to explain the error. */
export class ParseFailure {
  constructor(readonly position: number) {}
}

/**
 * Token cursor shared by the parser layers. Checks come in two flavours: `peek*` only look,
 * `is*` / `accept*` / `expect*` also record what was acceptable at this position so that a
 * syntax error can say what it expected (recorded only in the replay pass, to keep parsing fast).
 */
export abstract class ParserBase {
  protected readonly sql: string;
  protected readonly tokens: readonly Token[];
  protected pos = 0;
  protected tok: Token;
  protected readonly tracking: boolean;
  private expectedPosition = -1;
  private readonly expected = new Set<string>();
  protected parameterCount = 0;

  constructor(sql: string, tokens: readonly Token[], tracking: boolean) {
    this.sql = sql;
    this.tokens = tokens;
    this.tok = tokens[0]!;
    this.tracking = tracking;
  }

  // ---- cursor ----

  protected advance(): Token {
    const token = this.tok;
    if (token.type !== TokenType.EOF) {
      this.pos++;
      this.tok = this.tokens[this.pos]!;
    }
    return token;
  }

  protected reset(position: number): void {
    this.pos = position;
    this.tok = this.tokens[position]!;
  }

  protected lookahead(offset: number): Token {
    const index = this.pos + offset;
    return index < this.tokens.length ? this.tokens[index]! : this.tokens[this.tokens.length - 1]!;
  }

  protected location(token: Token = this.tok): NodeLocation {
    return { line: token.line, column: token.column };
  }

  // ---- expectations ----

  protected note(what: string): void {
    if (!this.tracking) return;
    if (this.pos > this.expectedPosition) {
      this.expectedPosition = this.pos;
      this.expected.clear();
    }
    if (this.pos === this.expectedPosition) this.expected.add(what);
  }

  /** Does the current token have this keyword or symbol (no expectation recorded)? */
  protected peek(keyword: string): boolean {
    return this.tok.keyword === keyword && (this.tok.type === TokenType.WORD || this.tok.type === TokenType.SYMBOL);
  }

  protected peekAt(offset: number, keyword: string): boolean {
    const token = this.lookahead(offset);
    return token.keyword === keyword && (token.type === TokenType.WORD || token.type === TokenType.SYMBOL);
  }

  protected is(keyword: string): boolean {
    if (this.peek(keyword)) return true;
    if (this.tracking) this.note(`'${keyword}'`);
    return false;
  }

  protected accept(keyword: string): boolean {
    if (this.peek(keyword)) {
      this.advance();
      return true;
    }
    if (this.tracking) this.note(`'${keyword}'`);
    return false;
  }

  protected expect(keyword: string): Token {
    if (this.peek(keyword)) return this.advance();
    if (this.tracking) this.note(`'${keyword}'`);
    throw this.fail();
  }

  /** Accepts one of several keywords, returning the one found (upper-cased) or undefined. */
  protected acceptOneOf(...keywords: string[]): string | undefined {
    for (const keyword of keywords) {
      if (this.peek(keyword)) {
        this.advance();
        return keyword;
      }
    }
    if (this.tracking) for (const keyword of keywords) this.note(`'${keyword}'`);
    return undefined;
  }

  protected expectOneOf(...keywords: string[]): string {
    const found = this.acceptOneOf(...keywords);
    if (found === undefined) throw this.fail();
    return found;
  }

  /** The error for the current token: replayed with tracking to list the expected tokens. */
  protected fail(): ParseFailure | TrinoError {
    if (!this.tracking) return new ParseFailure(this.pos);
    return this.mismatched();
  }

  protected mismatched(): TrinoError {
    const token = this.tok;
    const text = token.type === TokenType.EOF ? '<EOF>' : this.sql.slice(token.start, token.end);
    if (this.expectedPosition === this.pos && this.expected.size > 0) {
      const list = [...this.expected].sort(compareExpected).join(', ');
      return syntaxError(`mismatched input '${text}'. Expecting: ${list}`, token.line, token.column);
    }
    return syntaxError(`no viable alternative at input '${text}'`, token.line, token.column);
  }

  protected error(message: string, token: Token = this.tok): TrinoError {
    return syntaxError(message, token.line, token.column);
  }

  protected errorAt(message: string, location: NodeLocation): TrinoError {
    return syntaxError(message, location.line, location.column);
  }

  // ---- identifiers ----

  protected peekIdentifier(): boolean {
    const token = this.tok;
    return token.type === TokenType.QUOTED_IDENTIFIER || (token.type === TokenType.WORD && !isReservedWord(token.keyword));
  }

  protected isIdentifier(): boolean {
    if (this.peekIdentifier()) return true;
    if (this.tracking) this.note('<identifier>');
    return false;
  }

  protected identifier(): Identifier {
    const token = this.tok;
    if (token.type === TokenType.WORD && !isReservedWord(token.keyword)) {
      this.advance();
      return { kind: 'Identifier', value: token.text, quoted: false, location: { line: token.line, column: token.column } };
    }
    if (token.type === TokenType.QUOTED_IDENTIFIER) {
      this.advance();
      return { kind: 'Identifier', value: token.text, quoted: true, location: { line: token.line, column: token.column } };
    }
    if (this.tracking) this.note('<identifier>');
    throw this.fail();
  }

  protected qualifiedName(): QualifiedName {
    const first = this.identifier();
    if (!this.peek('.')) return { kind: 'QualifiedName', parts: [first], location: first.location };
    const parts = [first];
    while (this.peek('.') && this.nextIsIdentifier(1)) {
      this.advance();
      parts.push(this.identifier());
    }
    return { kind: 'QualifiedName', parts, location: first.location };
  }

  protected nextIsIdentifier(offset: number): boolean {
    const token = this.lookahead(offset);
    return token.type === TokenType.QUOTED_IDENTIFIER || (token.type === TokenType.WORD && !isReservedWord(token.keyword));
  }

  protected identifierList(): Identifier[] {
    const list = [this.identifier()];
    while (this.accept(',')) list.push(this.identifier());
    return list;
  }

  /** `(a, b, c)`. */
  protected parenthesizedIdentifierList(): Identifier[] {
    this.expect('(');
    const list = this.identifierList();
    this.expect(')');
    return list;
  }

  /**
   * After `ALL` / `DISTINCT` at the cursor: does the next token start an expression, making the
   * word a set quantifier rather than an identifier (`SELECT all FROM t`)?
   */
  protected quantifierFollows(): boolean {
    const next = this.lookahead(1);
    switch (next.type) {
      case TokenType.EOF:
        return false;
      case TokenType.SYMBOL:
        return next.keyword === '(' || next.keyword === '+' || next.keyword === '-' || next.keyword === '?' || next.keyword === '*';
      case TokenType.WORD:
        return !isReservedWord(next.keyword) || EXPRESSION_START_RESERVED.has(next.keyword);
      default:
        return true;
    }
  }

  /** `ALL` or `DISTINCT` used as a set quantifier; undefined when absent. */
  protected setQuantifier(): 'ALL' | 'DISTINCT' | undefined {
    if ((this.peek('ALL') || this.peek('DISTINCT')) && this.quantifierFollows()) return this.advance().keyword as 'ALL' | 'DISTINCT';
    if (this.tracking) {
      this.note("'ALL'");
      this.note("'DISTINCT'");
    }
    return undefined;
  }

  // ---- literals used by statements ----

  protected peekString(): boolean {
    return this.tok.type === TokenType.STRING || this.tok.type === TokenType.UNICODE_STRING;
  }

  /** A string literal's value (handles `U&'...' [UESCAPE 'c']`). */
  protected stringValue(): string {
    const token = this.tok;
    if (token.type === TokenType.STRING) {
      this.advance();
      return token.text;
    }
    if (token.type === TokenType.UNICODE_STRING) {
      this.advance();
      let escape = '\\';
      if (this.accept('UESCAPE')) {
        const escapeToken = this.tok;
        if (escapeToken.type !== TokenType.STRING) {
          if (this.tracking) this.note('<string>');
          throw this.fail();
        }
        this.advance();
        escape = escapeToken.text;
        if (escape.length !== 1 || /[0-9a-fA-F+'"\s]/.test(escape)) {
          throw this.error('Invalid Unicode escape character: ' + escape, escapeToken);
        }
      }
      return decodeUnicodeString(token.text, escape, token, (message) => this.error(message, token));
    }
    if (this.tracking) this.note('<string>');
    throw this.fail();
  }

  protected integerValue(): string {
    const token = this.tok;
    if (token.type === TokenType.INTEGER) {
      this.advance();
      return token.text;
    }
    if (this.tracking) this.note('<integer>');
    throw this.fail();
  }
}

const EXPRESSION_START_RESERVED: ReadonlySet<string> = new Set([
  'CASE', 'CAST', 'EXISTS', 'NOT', 'NULL', 'TRUE', 'FALSE', 'EXTRACT', 'GROUPING', 'TRIM', 'NORMALIZE', 'LISTAGG',
  'JSON_ARRAY', 'JSON_EXISTS', 'JSON_OBJECT', 'JSON_QUERY', 'JSON_VALUE', 'LOCALTIME', 'LOCALTIMESTAMP',
  'CURRENT_CATALOG', 'CURRENT_DATE', 'CURRENT_PATH', 'CURRENT_SCHEMA', 'CURRENT_TIME', 'CURRENT_TIMESTAMP', 'CURRENT_USER',
]);

function compareExpected(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function decodeUnicodeString(text: string, escape: string, _token: Token, error: (message: string) => Error): string {
  let result = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch !== escape) {
      result += ch;
      i++;
      continue;
    }
    if (text[i + 1] === escape) {
      result += escape;
      i += 2;
      continue;
    }
    let digits: string;
    if (text[i + 1] === '+') {
      digits = text.slice(i + 2, i + 8);
      if (!/^[0-9a-fA-F]{6}$/.test(digits)) throw error('Incomplete escape sequence: ' + text.slice(i + 1, i + 8));
      i += 8;
    } else {
      digits = text.slice(i + 1, i + 5);
      if (!/^[0-9a-fA-F]{4}$/.test(digits)) throw error('Incomplete escape sequence: ' + text.slice(i + 1, i + 5));
      i += 5;
    }
    const codePoint = parseInt(digits, 16);
    if (codePoint > 0x10ffff) throw error('Invalid escaped character: ' + digits);
    result += String.fromCodePoint(codePoint);
  }
  return result;
}
