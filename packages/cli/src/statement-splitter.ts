/** A statement of a script, with the text after it. */
export interface SplitResult {
  /** Complete statements (terminated by `;`), without the terminator, trimmed, non-empty. */
  readonly statements: readonly string[];
  /** Text after the last `;` (an unterminated statement, possibly empty). */
  readonly remainder: string;
}

/** Splits SQL text at `;` outside string literals, quoted identifiers and comments. */
export function splitStatements(text: string): SplitResult {
  const statements: string[] = [];
  let start = 0;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === "'" || c === '"' || c === '`') {
      i++;
      while (i < text.length) {
        if (text[i] === c) {
          if (text[i + 1] === c) {
            i += 2;
            continue;
          }
          break;
        }
        i++;
      }
      i++;
      continue;
    }
    if (c === '-' && text[i + 1] === '-') {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
      continue;
    }
    if (c === ';') {
      const statement = text.slice(start, i).trim();
      if (!isEmptyStatement(statement)) statements.push(statement);
      start = i + 1;
    }
    i++;
  }
  return { statements, remainder: text.slice(start) };
}

/** True for text that holds only whitespace and comments. */
export function isEmptyStatement(text: string): boolean {
  return text.replace(/--[^\n]*/g, '').replace(/\/\*[\s\S]*?\*\//g, '').trim() === '';
}
