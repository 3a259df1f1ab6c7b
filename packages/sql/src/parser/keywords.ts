/** Trino's reserved words (docs: language/reserved): they must be quoted to be used as identifiers. */
export const RESERVED_WORDS: ReadonlySet<string> = new Set([
  'ALTER', 'AND', 'AS', 'AUTO', 'BETWEEN', 'BY', 'CASE', 'CAST', 'CONSTRAINT', 'CREATE', 'CROSS', 'CUBE',
  'CURRENT_CATALOG', 'CURRENT_DATE', 'CURRENT_PATH', 'CURRENT_ROLE', 'CURRENT_SCHEMA', 'CURRENT_TIME',
  'CURRENT_TIMESTAMP', 'CURRENT_USER', 'DEALLOCATE', 'DELETE', 'DESCRIBE', 'DISTINCT', 'DROP', 'ELSE', 'END',
  'ESCAPE', 'EXCEPT', 'EXISTS', 'EXTRACT', 'FALSE', 'FOR', 'FROM', 'FULL', 'GROUP', 'GROUPING', 'HAVING', 'IN',
  'INNER', 'INSERT', 'INTERSECT', 'INTO', 'IS', 'JOIN', 'JSON_ARRAY', 'JSON_EXISTS', 'JSON_OBJECT', 'JSON_QUERY',
  'JSON_TABLE', 'JSON_VALUE', 'LEFT', 'LIKE', 'LISTAGG', 'LOCALTIME', 'LOCALTIMESTAMP', 'NATURAL', 'NORMALIZE',
  'NOT', 'NULL', 'ON', 'OR', 'ORDER', 'OUTER', 'PREPARE', 'PRIMARY', 'RECURSIVE', 'RIGHT', 'ROLLUP', 'SELECT',
  'SKIP', 'TABLE', 'THEN', 'TRIM', 'TRUE', 'UESCAPE', 'UNION', 'UNNEST', 'USING', 'VALUES', 'WHEN', 'WHERE',
  'WITH',
]);

export function isReservedWord(upperCaseWord: string): boolean {
  return RESERVED_WORDS.has(upperCaseWord);
}
