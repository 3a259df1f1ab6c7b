/** Token categories produced by the lexer. */
export const enum TokenType {
  EOF = 0,
  /** An unquoted word: a keyword or an identifier. `keyword` holds it upper-cased. */
  WORD = 1,
  QUOTED_IDENTIFIER = 2,
  STRING = 3,
  UNICODE_STRING = 4,
  BINARY = 5,
  INTEGER = 6,
  DECIMAL = 7,
  DOUBLE = 8,
  /** Punctuation and operators; `keyword` holds the symbol text. */
  SYMBOL = 9,
}

export interface Token {
  readonly type: TokenType;
  /** Upper-cased word for WORD, the symbol for SYMBOL, '' otherwise. */
  readonly keyword: string;
  /** The word as written, the unescaped content of strings and quoted identifiers, number text. */
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly line: number;
  readonly column: number;
}
