/**
 * The SQLite-to-Trino rewrites the runner applies to statements (never to queries): SQLite types in
 * CREATE TABLE become their Trino equivalents and index maintenance becomes a no-op.
 */
export type DialectAction =
  | { readonly kind: 'execute'; readonly sql: string }
  | { readonly kind: 'noop'; readonly reason: string };

const TYPE_REWRITES: Readonly<Record<string, string>> = {
  // SQLite INTEGER is 64-bit
  INTEGER: 'BIGINT',
  INT: 'BIGINT',
  // SQLite FLOAT and REAL are 8-byte doubles
  FLOAT: 'DOUBLE',
  REAL: 'DOUBLE',
  TEXT: 'VARCHAR',
};

export function rewriteStatement(sql: string): DialectAction {
  const head = sql.trimStart().slice(0, 64).toUpperCase().replace(/\s+/g, ' ');
  if (/^CREATE (UNIQUE )?INDEX\b/.test(head)) return { kind: 'noop', reason: 'CREATE INDEX' };
  if (/^DROP INDEX\b/.test(head)) return { kind: 'noop', reason: 'DROP INDEX' };
  if (/^REINDEX\b/.test(head)) return { kind: 'noop', reason: 'REINDEX' };
  if (/^CREATE (TEMP |TEMPORARY )?TABLE\b/.test(head)) return { kind: 'execute', sql: rewriteCreateTable(sql) };
  return { kind: 'execute', sql };
}

/** A token of SQL text: words, quoted strings/identifiers kept whole, everything else one char. */
interface Token {
  readonly text: string;
  readonly word: boolean;
}

function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    if (c === "'" || c === '"' || c === '`' || c === '[') {
      const close = c === '[' ? ']' : c;
      let j = i + 1;
      while (j < sql.length) {
        if (sql[j] === close) {
          if (close !== ']' && sql[j + 1] === close) {
            j += 2;
            continue;
          }
          break;
        }
        j++;
      }
      tokens.push({ text: sql.slice(i, j + 1), word: false });
      i = j + 1;
    } else if (/[A-Za-z_]/.test(c)) {
      let j = i + 1;
      while (j < sql.length && /[A-Za-z0-9_$]/.test(sql[j]!)) j++;
      tokens.push({ text: sql.slice(i, j), word: true });
      i = j;
    } else {
      tokens.push({ text: c, word: false });
      i++;
    }
  }
  return tokens;
}

/**
 * Rewrites the column list of `CREATE TABLE name (...)`: maps SQLite types, drops `PRIMARY KEY`
 * and `UNIQUE` column constraints and `PRIMARY KEY (...)`/`UNIQUE (...)` table constraints.
 * `CREATE TABLE ... AS SELECT` is left alone.
 */
export function rewriteCreateTable(sql: string): string {
  const tokens = tokenize(sql);
  const open = tokens.findIndex((t) => t.text === '(');
  const asIndex = tokens.findIndex((t) => t.word && t.text.toUpperCase() === 'AS');
  if (open < 0 || (asIndex >= 0 && asIndex < open)) return sql;
  // split the parenthesised list into top-level elements
  let depth = 0;
  let close = -1;
  const elements: Token[][] = [];
  let current: Token[] = [];
  for (let i = open + 1; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.text === '(') depth++;
    if (t.text === ')') {
      if (depth === 0) {
        close = i;
        break;
      }
      depth--;
    }
    if (t.text === ',' && depth === 0) {
      elements.push(current);
      current = [];
    } else current.push(t);
  }
  if (close < 0) return sql;
  elements.push(current);
  const kept: string[] = [];
  for (const element of elements) {
    const words = element.filter((t) => t.word).map((t) => t.text.toUpperCase());
    const first = words[0];
    if (first === 'PRIMARY' || first === 'UNIQUE' || first === 'CONSTRAINT' || first === 'FOREIGN' || first === 'CHECK') continue;
    kept.push(rewriteColumnDefinition(element));
  }
  const prefix = tokens.slice(0, open + 1).map((t) => t.text).join('');
  const suffix = tokens.slice(close).map((t) => t.text).join('');
  return `${prefix}${kept.join(',')}${suffix}`;
}

function rewriteColumnDefinition(element: readonly Token[]): string {
  const out: string[] = [];
  let wordIndex = 0;
  for (let i = 0; i < element.length; i++) {
    const t = element[i]!;
    if (!t.word) {
      out.push(t.text);
      continue;
    }
    const upper = t.text.toUpperCase();
    wordIndex++;
    if (upper === 'PRIMARY' && nextWord(element, i)?.toUpperCase() === 'KEY') {
      i = indexOfNextWord(element, i);
      continue;
    }
    if (upper === 'UNIQUE' || upper === 'AUTOINCREMENT') continue;
    // the second word of a column definition is its type
    if (wordIndex === 2 && TYPE_REWRITES[upper] !== undefined) {
      out.push(TYPE_REWRITES[upper]!);
      continue;
    }
    out.push(t.text);
  }
  return out.join('').replace(/[ \t]+(?=\r?\n|$)/g, '');
}

function indexOfNextWord(tokens: readonly Token[], from: number): number {
  for (let i = from + 1; i < tokens.length; i++) if (tokens[i]!.word) return i;
  return tokens.length;
}

function nextWord(tokens: readonly Token[], from: number): string | undefined {
  const i = indexOfNextWord(tokens, from);
  return i < tokens.length ? tokens[i]!.text : undefined;
}
