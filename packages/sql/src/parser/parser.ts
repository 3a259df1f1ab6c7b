import { StandardErrorCode, TrinoError } from '@petrel/spi';
import { tokenize } from './lexer.js';
import { TokenType } from './token.js';
import type { Token } from './token.js';
import { ParseFailure } from './parser-base.js';
import { StatementParser } from './statement-parser.js';
import type { Statement } from '../tree/statement.js';
import type { Expression } from '../tree/expression.js';
import type { DataTypeNode } from '../tree/data-type.js';

/** Entry points of the parser: one class instance per attempt, over a token array. */
class EntryParser extends StatementParser {
  singleStatement(): Statement {
    const statement = this.statement();
    if (this.peek(';')) this.advance();
    this.endOfInput();
    return statement;
  }

  statementList(): Statement[] {
    const statements: Statement[] = [];
    for (;;) {
      while (this.peek(';')) this.advance();
      if (this.tok.type === TokenType.EOF) return statements;
      statements.push(this.statement());
      if (this.atEnd()) return statements;
      this.expect(';');
    }
  }

  standaloneExpression(): Expression {
    const expression = this.expression();
    this.endOfInput();
    return expression;
  }

  standaloneType(): DataTypeNode {
    const type = this.dataType();
    this.endOfInput();
    return type;
  }

  private atEnd(): boolean {
    return this.tok.type === TokenType.EOF;
  }

  private endOfInput(): void {
    if (!this.atEnd()) {
      if (this.tracking) this.note('<EOF>');
      throw this.fail();
    }
  }
}

function run<T>(sql: string, body: (parser: EntryParser) => T): T {
  let tokens: Token[];
  try {
    tokens = tokenize(sql);
  } catch (error) {
    throw convert(error);
  }
  try {
    return body(new EntryParser(sql, tokens, false));
  } catch (error) {
    if (!(error instanceof ParseFailure)) throw convert(error);
  }
  // Replay with expectation tracking to produce Trino's "mismatched input ... Expecting: ..." message.
  try {
    body(new EntryParser(sql, tokens, true));
  } catch (error) {
    throw convert(error);
  }
  throw new TrinoError(StandardErrorCode.GENERIC_INTERNAL_ERROR, 'parser replay did not reproduce the syntax error');
}

function convert(error: unknown): TrinoError {
  if (error instanceof TrinoError) return error;
  if (error instanceof RangeError) {
    return new TrinoError(StandardErrorCode.SYNTAX_ERROR, 'statement is too large (stack overflow while parsing)', { line: 1, column: 1 });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new TrinoError(StandardErrorCode.GENERIC_INTERNAL_ERROR, `parser failure: ${message}`, undefined, { cause: error });
}

/** Parses one statement; a trailing `;` is allowed. Throws TrinoError(SYNTAX_ERROR). */
export function parseStatement(sql: string): Statement {
  return run(sql, (parser) => parser.singleStatement());
}

/** Parses a script of `;`-separated statements (semicolons inside strings, comments and BEGIN...END bodies do not split). */
export function parseStatements(sql: string): Statement[] {
  return run(sql, (parser) => parser.statementList());
}

export function parseExpression(sql: string): Expression {
  return run(sql, (parser) => parser.standaloneExpression());
}

/** Parses a type such as `array(varchar(10))` or `timestamp(3) with time zone`. */
export function parseDataType(sql: string): DataTypeNode {
  return run(sql, (parser) => parser.standaloneType());
}
