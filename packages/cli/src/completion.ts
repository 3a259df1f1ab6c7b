/** Keywords offered by tab completion (Trino's reserved and common non-reserved words). */
export const SQL_KEYWORDS = [
  'ALTER', 'AND', 'ANALYZE', 'ARRAY', 'AS', 'ASC', 'BETWEEN', 'BIGINT', 'BOOLEAN', 'BY', 'CALL', 'CASE', 'CAST', 'CATALOGS', 'COLUMNS',
  'COMMENT', 'COMMIT', 'CREATE', 'CROSS', 'CUBE', 'CURRENT_DATE', 'CURRENT_TIME', 'CURRENT_TIMESTAMP', 'DATE', 'DEALLOCATE', 'DECIMAL',
  'DELETE', 'DESC', 'DESCRIBE', 'DISTINCT', 'DOUBLE', 'DROP', 'ELSE', 'END', 'EXCEPT', 'EXECUTE', 'EXISTS', 'EXPLAIN', 'EXTRACT', 'FALSE',
  'FETCH', 'FILTER', 'FIRST', 'FOLLOWING', 'FOR', 'FORMAT', 'FROM', 'FULL', 'FUNCTIONS', 'GRANT', 'GROUP', 'GROUPING', 'HAVING', 'IF',
  'IN', 'INNER', 'INSERT', 'INTEGER', 'INTERSECT', 'INTERVAL', 'INTO', 'IS', 'JOIN', 'LAST', 'LATERAL', 'LEFT', 'LIKE', 'LIMIT', 'MAP',
  'MATERIALIZED', 'MERGE', 'NATURAL', 'NOT', 'NULL', 'NULLS', 'OFFSET', 'ON', 'OR', 'ORDER', 'OUTER', 'OVER', 'PARTITION', 'PREPARE',
  'RANGE', 'REAL', 'RECURSIVE', 'RENAME', 'RESET', 'REVOKE', 'RIGHT', 'ROLLBACK', 'ROLLUP', 'ROW', 'ROWS', 'SCHEMA', 'SCHEMAS', 'SELECT',
  'SESSION', 'SET', 'SHOW', 'SMALLINT', 'START', 'STATS', 'TABLE', 'TABLES', 'TABLESAMPLE', 'THEN', 'TIME', 'TIMESTAMP', 'TINYINT', 'TO',
  'TRANSACTION', 'TRUE', 'TRUNCATE', 'UNION', 'UNNEST', 'UPDATE', 'USE', 'USING', 'VALUES', 'VARBINARY', 'VARCHAR', 'VIEW', 'WHEN',
  'WHERE', 'WINDOW', 'WITH', 'ZONE',
];

/** Names known to the console: catalogs, schemas, tables and columns, filled in the background. */
export class CompletionNames {
  private readonly names = new Set<string>();

  add(...names: readonly (string | null | undefined)[]): void {
    for (const name of names) if (name !== null && name !== undefined && name !== '') this.names.add(name);
  }

  all(): readonly string[] {
    return [...this.names];
  }
}

/** Readline completer: completes the word before the cursor from keywords and known names. */
export function complete(line: string, names: CompletionNames): [string[], string] {
  const match = /[A-Za-z0-9_."]*$/.exec(line);
  const word = match?.[0] ?? '';
  if (word === '') return [[], word];
  const dot = word.lastIndexOf('.');
  const prefix = word.slice(dot + 1).toLowerCase();
  const qualifier = dot < 0 ? '' : word.slice(0, dot + 1);
  const candidates = new Set<string>();
  if (dot < 0) {
    for (const keyword of SQL_KEYWORDS) {
      if (keyword.toLowerCase().startsWith(prefix)) candidates.add(/[a-z]/.test(word) && word === word.toLowerCase() ? keyword.toLowerCase() : keyword);
    }
  }
  for (const name of names.all()) {
    const lastDot = name.lastIndexOf('.');
    const nameQualifier = lastDot < 0 ? '' : name.slice(0, lastDot + 1);
    const simple = name.slice(lastDot + 1);
    if (dot < 0 && simple.toLowerCase().startsWith(prefix)) candidates.add(simple);
    if (dot >= 0 && nameQualifier.toLowerCase() === qualifier.toLowerCase() && simple.toLowerCase().startsWith(prefix)) candidates.add(qualifier + simple);
  }
  return [[...candidates].sort(), word];
}
