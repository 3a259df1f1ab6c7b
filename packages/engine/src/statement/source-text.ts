import type { NodeLocation } from '@petrel/sql';

/** The 0-based offset of a 1-based line:column in `sql`. */
export function offsetOf(sql: string, location: NodeLocation): number {
  let offset = 0;
  for (let line = 1; line < location.line; line++) {
    const next = sql.indexOf('\n', offset);
    if (next < 0) return sql.length;
    offset = next + 1;
  }
  return Math.min(sql.length, offset + location.column - 1);
}

/** The text from `location` to the end of the statement (trailing `;` and blanks removed). */
export function textFrom(sql: string, location: NodeLocation): string {
  let text = sql.slice(offsetOf(sql, location)).replace(/[\s;]+$/, '');
  // A parenthesized query (`AS (SELECT ...)`) starts inside the parentheses: drop the unmatched closers.
  while (text.endsWith(')') && depth(text) < 0) text = text.slice(0, -1).replace(/\s+$/, '');
  return text;
}

/** Open minus close parentheses outside string literals and quoted identifiers. */
function depth(text: string): number {
  let d = 0;
  let quote: string | undefined;
  for (const ch of text) {
    if (quote !== undefined) {
      if (ch === quote) quote = undefined;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '(') d++;
    else if (ch === ')') d--;
  }
  return d;
}
