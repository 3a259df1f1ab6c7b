import { TokenType } from './token.js';
import type { Token } from './token.js';
import { syntaxError } from './syntax-error.js';

const CHAR_CLASS_IDENTIFIER_START = 1;
const CHAR_CLASS_IDENTIFIER_PART = 2;
const CHAR_CLASS_DIGIT = 4;
const CHAR_CLASS_HEX = 8;
const charClass = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  let flags = 0;
  const isUpper = c >= 65 && c <= 90;
  const isLower = c >= 97 && c <= 122;
  const isDigit = c >= 48 && c <= 57;
  if (isUpper || isLower || c === 95) flags |= CHAR_CLASS_IDENTIFIER_START | CHAR_CLASS_IDENTIFIER_PART;
  if (isDigit) flags |= CHAR_CLASS_IDENTIFIER_PART | CHAR_CLASS_DIGIT;
  if (isDigit || (c >= 65 && c <= 70) || (c >= 97 && c <= 102)) flags |= CHAR_CLASS_HEX;
  charClass[c] = flags;
}

function isIdentifierPart(c: number): boolean {
  return c < 128 && (charClass[c]! & CHAR_CLASS_IDENTIFIER_PART) !== 0;
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * Splits SQL text into tokens over char codes. Whitespace and comments are skipped; strings,
 * quoted identifiers and numbers are recognized here; lexical errors are SYNTAX_ERRORs.
 */
export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  const length = sql.length;
  let pos = 0;
  let line = 1;
  let lineStart = 0;

  const push = (type: TokenType, keyword: string, text: string, start: number, end: number, tokenLine: number, column: number): void => {
    tokens.push({ type, keyword, text, start, end, line: tokenLine, column });
  };

  while (pos < length) {
    const c = sql.charCodeAt(pos);
    // whitespace
    if (c === 32 || c === 9 || c === 13) {
      pos++;
      continue;
    }
    if (c === 10) {
      pos++;
      line++;
      lineStart = pos;
      continue;
    }
    const start = pos;
    const column = pos - lineStart + 1;
    const tokenLine = line;

    if (c < 128 && (charClass[c]! & CHAR_CLASS_IDENTIFIER_START) !== 0) {
      // U&'...' unicode string, X'...' binary string
      const next = pos + 1 < length ? sql.charCodeAt(pos + 1) : 0;
      if ((c === 85 || c === 117) && next === 38 && pos + 2 < length && sql.charCodeAt(pos + 2) === 39) {
        const [text, end, endLine, endLineStart] = readQuoted(sql, pos + 2, 39, line, lineStart, tokenLine, column, 'string');
        pos = end;
        line = endLine;
        lineStart = endLineStart;
        push(TokenType.UNICODE_STRING, '', text, start, pos, tokenLine, column);
        continue;
      }
      if ((c === 88 || c === 120) && next === 39) {
        const [text, end, endLine, endLineStart] = readQuoted(sql, pos + 1, 39, line, lineStart, tokenLine, column, 'string');
        pos = end;
        line = endLine;
        lineStart = endLineStart;
        push(TokenType.BINARY, '', text, start, pos, tokenLine, column);
        continue;
      }
      pos++;
      while (pos < length) {
        const d = sql.charCodeAt(pos);
        if (d < 128 && (charClass[d]! & CHAR_CLASS_IDENTIFIER_PART) !== 0) {
          pos++;
        } else if ((d === 64 || d === 58) && pos + 1 < length && isIdentifierPart(sql.charCodeAt(pos + 1))) {
          throw syntaxError(`identifiers must not contain '${String.fromCharCode(d)}'`, tokenLine, column);
        } else {
          break;
        }
      }
      const text = sql.slice(start, pos);
      push(TokenType.WORD, text.toUpperCase(), text, start, pos, tokenLine, column);
      continue;
    }

    if (isDigit(c) || (c === 46 && pos + 1 < length && isDigit(sql.charCodeAt(pos + 1)))) {
      pos = lexNumber(sql, pos, tokens, tokenLine, column);
      continue;
    }

    switch (c) {
      case 39: {
        // '
        const [text, end, endLine, endLineStart] = readQuoted(sql, pos, 39, line, lineStart, tokenLine, column, 'string');
        pos = end;
        line = endLine;
        lineStart = endLineStart;
        push(TokenType.STRING, '', text, start, pos, tokenLine, column);
        continue;
      }
      case 34: {
        // "
        const [text, end, endLine, endLineStart] = readQuoted(sql, pos, 34, line, lineStart, tokenLine, column, 'identifier');
        if (text.length === 0) throw syntaxError('Zero-length delimited identifier not allowed', tokenLine, column);
        pos = end;
        line = endLine;
        lineStart = endLineStart;
        push(TokenType.QUOTED_IDENTIFIER, '', text, start, pos, tokenLine, column);
        continue;
      }
      case 96:
        // `
        throw syntaxError('backquoted identifiers are not supported; use double quotes to quote identifiers', tokenLine, column);
      case 45: // -
        if (pos + 1 < length && sql.charCodeAt(pos + 1) === 45) {
          pos += 2;
          while (pos < length && sql.charCodeAt(pos) !== 10) pos++;
          continue;
        }
        if (pos + 1 < length && sql.charCodeAt(pos + 1) === 62) {
          pos += 2;
          push(TokenType.SYMBOL, '->', '->', start, pos, tokenLine, column);
          continue;
        }
        pos++;
        push(TokenType.SYMBOL, '-', '-', start, pos, tokenLine, column);
        continue;
      case 47: // /
        if (pos + 1 < length && sql.charCodeAt(pos + 1) === 42) {
          const close = sql.indexOf('*/', pos + 2);
          if (close < 0) throw syntaxError('unterminated comment', tokenLine, column);
          for (let i = pos + 2; i < close; i++) {
            if (sql.charCodeAt(i) === 10) {
              line++;
              lineStart = i + 1;
            }
          }
          pos = close + 2;
          continue;
        }
        pos++;
        push(TokenType.SYMBOL, '/', '/', start, pos, tokenLine, column);
        continue;
      case 60: {
        // <
        const n = pos + 1 < length ? sql.charCodeAt(pos + 1) : 0;
        if (n === 61) {
          pos += 2;
          push(TokenType.SYMBOL, '<=', '<=', start, pos, tokenLine, column);
        } else if (n === 62) {
          pos += 2;
          push(TokenType.SYMBOL, '<>', '<>', start, pos, tokenLine, column);
        } else {
          pos++;
          push(TokenType.SYMBOL, '<', '<', start, pos, tokenLine, column);
        }
        continue;
      }
      case 62: {
        // >
        if (pos + 1 < length && sql.charCodeAt(pos + 1) === 61) {
          pos += 2;
          push(TokenType.SYMBOL, '>=', '>=', start, pos, tokenLine, column);
        } else {
          pos++;
          push(TokenType.SYMBOL, '>', '>', start, pos, tokenLine, column);
        }
        continue;
      }
      case 33: // !
        if (pos + 1 < length && sql.charCodeAt(pos + 1) === 61) {
          pos += 2;
          push(TokenType.SYMBOL, '!=', '!=', start, pos, tokenLine, column);
          continue;
        }
        throw syntaxError(`token recognition error at: '!'`, tokenLine, column);
      case 124: // |
        if (pos + 1 < length && sql.charCodeAt(pos + 1) === 124) {
          pos += 2;
          push(TokenType.SYMBOL, '||', '||', start, pos, tokenLine, column);
        } else {
          pos++;
          push(TokenType.SYMBOL, '|', '|', start, pos, tokenLine, column);
        }
        continue;
      case 61: // =
        if (pos + 1 < length && sql.charCodeAt(pos + 1) === 62) {
          pos += 2;
          push(TokenType.SYMBOL, '=>', '=>', start, pos, tokenLine, column);
        } else {
          pos++;
          push(TokenType.SYMBOL, '=', '=', start, pos, tokenLine, column);
        }
        continue;
      case 123: // {
        if (pos + 1 < length && sql.charCodeAt(pos + 1) === 45) {
          pos += 2;
          push(TokenType.SYMBOL, '{-', '{-', start, pos, tokenLine, column);
        } else {
          pos++;
          push(TokenType.SYMBOL, '{', '{', start, pos, tokenLine, column);
        }
        continue;
      case 40: case 41: case 44: case 46: case 59: case 42: case 43: case 37: case 91: case 93:
      case 63: case 125: case 94: case 36: case 58: {
        // ( ) , . ; * + % [ ] ? } ^ $ :
        pos++;
        const symbol = SINGLE_SYMBOLS[c]!;
        if (c === 125 && tokens.length > 0) {
          // `-}` closes an excluded row pattern
          const previous = tokens[tokens.length - 1]!;
          if (previous.keyword === '-' && previous.end === start) {
            tokens.pop();
            push(TokenType.SYMBOL, '-}', '-}', previous.start, pos, previous.line, previous.column);
            continue;
          }
        }
        push(TokenType.SYMBOL, symbol, symbol, start, pos, tokenLine, column);
        continue;
      }
      default:
        break;
    }
    const ch = String.fromCodePoint(sql.codePointAt(pos)!);
    throw syntaxError(`token recognition error at: '${ch}'`, tokenLine, column);
  }
  tokens.push({ type: TokenType.EOF, keyword: '<EOF>', text: '', start: length, end: length, line, column: length - lineStart + 1 });
  return tokens;
}

const SINGLE_SYMBOLS: Record<number, string> = {
  40: '(', 41: ')', 44: ',', 46: '.', 59: ';', 42: '*', 43: '+', 37: '%', 91: '[', 93: ']', 63: '?', 125: '}', 94: '^', 36: '$', 58: ':',
};

/** Reads a quoted run starting at the opening quote; doubled quotes escape the quote. */
function readQuoted(
  sql: string,
  open: number,
  quote: number,
  line: number,
  lineStart: number,
  tokenLine: number,
  column: number,
  what: 'string' | 'identifier',
): [string, number, number, number] {
  let pos = open + 1;
  let segmentStart = pos;
  let text = '';
  const length = sql.length;
  for (;;) {
    if (pos >= length) {
      throw syntaxError(what === 'string' ? 'unterminated string literal' : 'unterminated quoted identifier', tokenLine, column);
    }
    const c = sql.charCodeAt(pos);
    if (c === quote) {
      if (pos + 1 < length && sql.charCodeAt(pos + 1) === quote) {
        text += sql.slice(segmentStart, pos + 1);
        pos += 2;
        segmentStart = pos;
        continue;
      }
      text += sql.slice(segmentStart, pos);
      return [text, pos + 1, line, lineStart];
    }
    if (c === 10) {
      line++;
      lineStart = pos + 1;
    }
    pos++;
  }
}

function lexNumber(sql: string, pos: number, tokens: Token[], line: number, column: number): number {
  const start = pos;
  const length = sql.length;
  const c = sql.charCodeAt(pos);
  const next = pos + 1 < length ? sql.charCodeAt(pos + 1) | 0x20 : 0;
  if (c === 48 && (next === 120 || next === 111 || next === 98)) {
    // 0x / 0o / 0b
    const radixCheck = next === 120 ? (d: number) => d < 128 && (charClass[d]! & CHAR_CLASS_HEX) !== 0 : next === 111 ? (d: number) => d >= 48 && d <= 55 : (d: number) => d === 48 || d === 49;
    let p = pos + 2;
    let digits = 0;
    while (p < length) {
      const d = sql.charCodeAt(p);
      if (radixCheck(d)) {
        digits++;
        p++;
      } else if (d === 95 && p + 1 < length && radixCheck(sql.charCodeAt(p + 1)) && digits > 0) {
        p++;
      } else {
        break;
      }
    }
    if (digits > 0 && !(p < length && isIdentifierPart(sql.charCodeAt(p)))) {
      const text = sql.slice(start, p);
      tokens.push({ type: TokenType.INTEGER, keyword: '', text, start, end: p, line, column });
      return p;
    }
    return digitIdentifier(sql, start, line, column);
  }
  let p = pos;
  const readDigits = (): number => {
    let count = 0;
    while (p < length) {
      const d = sql.charCodeAt(p);
      if (isDigit(d)) {
        count++;
        p++;
      } else if (d === 95 && count > 0 && p + 1 < length && isDigit(sql.charCodeAt(p + 1))) {
        p++;
      } else {
        break;
      }
    }
    return count;
  };
  const integerDigits = readDigits();
  let type = TokenType.INTEGER;
  if (p < length && sql.charCodeAt(p) === 46) {
    // a '.' followed by a letter right after digits is still a decimal point in Trino (`1.e5`? no): keep simple
    p++;
    readDigits();
    type = TokenType.DECIMAL;
  }
  if (p < length && (sql.charCodeAt(p) | 0x20) === 101) {
    let q = p + 1;
    if (q < length && (sql.charCodeAt(q) === 43 || sql.charCodeAt(q) === 45)) q++;
    if (q < length && isDigit(sql.charCodeAt(q))) {
      p = q;
      while (p < length && isDigit(sql.charCodeAt(p))) p++;
      type = TokenType.DOUBLE;
    }
  }
  if (p < length && isIdentifierPart(sql.charCodeAt(p))) {
    if (type === TokenType.INTEGER && integerDigits > 0) return digitIdentifier(sql, start, line, column);
    if (type === TokenType.INTEGER) return digitIdentifier(sql, start, line, column);
  }
  const text = sql.slice(start, p);
  tokens.push({ type, keyword: '', text, start, end: p, line, column });
  return p;
}

function digitIdentifier(sql: string, start: number, line: number, column: number): never {
  let p = start;
  while (p < sql.length && isIdentifierPart(sql.charCodeAt(p))) p++;
  throw syntaxError('identifiers must not start with a digit; surround the identifier with double quotes', line, column);
}
