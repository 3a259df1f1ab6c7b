/** Helpers that write SQL text for statements the engine rewrites into queries. */

export function stringLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** An identifier as Trino prints it in generated DDL: bare when it is a plain lower-case name. */
export function formatIdentifier(name: string): string {
  return /^[a-z_][a-z0-9_]*$/.test(name) && !RESERVED.has(name.toUpperCase()) ? name : quoteIdentifier(name);
}

const RESERVED = new Set([
  'ALTER', 'AND', 'AS', 'BETWEEN', 'BY', 'CASE', 'CAST', 'CONSTRAINT', 'CREATE', 'CROSS', 'CUBE', 'CURRENT_CATALOG', 'CURRENT_DATE',
  'CURRENT_PATH', 'CURRENT_ROLE', 'CURRENT_SCHEMA', 'CURRENT_TIME', 'CURRENT_TIMESTAMP', 'CURRENT_USER', 'DEALLOCATE', 'DELETE',
  'DESCRIBE', 'DISTINCT', 'DROP', 'ELSE', 'END', 'ESCAPE', 'EXCEPT', 'EXECUTE', 'EXISTS', 'EXTRACT', 'FALSE', 'FOR', 'FROM',
  'FULL', 'GROUP', 'GROUPING', 'HAVING', 'IN', 'INNER', 'INSERT', 'INTERSECT', 'INTO', 'IS', 'JOIN', 'JSON_ARRAY', 'JSON_EXISTS',
  'JSON_OBJECT', 'JSON_QUERY', 'JSON_TABLE', 'JSON_VALUE', 'LEFT', 'LIKE', 'LISTAGG', 'LOCALTIME', 'LOCALTIMESTAMP', 'NATURAL',
  'NORMALIZE', 'NOT', 'NULL', 'ON', 'OR', 'ORDER', 'OUTER', 'PREPARE', 'RECURSIVE', 'RIGHT', 'ROLLUP', 'SELECT', 'SKIP', 'TABLE',
  'THEN', 'TRIM', 'TRUE', 'UESCAPE', 'UNION', 'UNNEST', 'USING', 'VALUES', 'WHEN', 'WHERE', 'WITH',
]);

export function likeClause(column: string, pattern: string | undefined, escape: string | undefined): string | undefined {
  if (pattern === undefined) return undefined;
  return `${column} LIKE ${stringLiteral(pattern)}${escape === undefined ? '' : ` ESCAPE ${stringLiteral(escape)}`}`;
}

export function whereClause(conditions: readonly (string | undefined)[]): string {
  const present = conditions.filter((c): c is string => c !== undefined);
  return present.length === 0 ? '' : ` WHERE ${present.join(' AND ')}`;
}

/** `SELECT * FROM (VALUES ...) t(columns)`; an empty row list gives an empty result of the declared types. */
export function valuesQuery(
  columns: readonly { readonly name: string; readonly type: string }[],
  rows: readonly (readonly string[])[],
  suffix = '',
): string {
  const names = columns.map((c) => quoteIdentifier(c.name)).join(', ');
  if (rows.length === 0) {
    const nulls = columns.map((c) => `CAST(NULL AS ${c.type})`).join(', ');
    return `SELECT * FROM (VALUES (${nulls})) t(${names}) WHERE false`;
  }
  const body = rows.map((r) => (r.length === 1 ? `(${r[0]})` : `(${r.join(', ')})`)).join(', ');
  return `SELECT * FROM (VALUES ${body}) t(${names})${suffix}`;
}
