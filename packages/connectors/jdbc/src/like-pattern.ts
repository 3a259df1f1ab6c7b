import type { ConnectorFilterExpression } from '@petrel/spi';
import { VARCHAR } from '@petrel/spi';
import type { JdbcColumnHandle } from './jdbc-handles.js';
import type { SqlDialect } from './sql-dialect.js';

/**
 * Re-encodes a Trino LIKE pattern (with its optional single-character escape) with backslash as
 * the escape character, the form remote LIKE templates use. Returns undefined for a pattern Trino
 * would reject (an escape that is not one character, or an escape not followed by `%`, `_` or
 * itself), so that the engine evaluates it and raises Trino's error.
 */
export function likePatternWithBackslashEscape(pattern: string, escape: string | undefined): string | undefined {
  if (escape !== undefined && [...escape].length !== 1) return undefined;
  const chars = [...pattern];
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (escape !== undefined && c === escape) {
      const next = chars[i + 1];
      if (next === undefined || (next !== '%' && next !== '_' && next !== escape)) return undefined;
      out += escapeLiteral(next);
      i++;
    } else if (c === '%' || c === '_') out += c;
    else out += escapeLiteral(c);
  }
  return out;
}

function escapeLiteral(c: string): string {
  return c === '%' || c === '_' || c === '\\' ? `\\${c}` : c;
}

/**
 * The remote condition for a pushed `column LIKE pattern [ESCAPE e]`, or undefined when the
 * column has no LIKE template (its collation or type would change the result) or the pattern is invalid.
 */
export function likeConditionSql(dialect: SqlDialect, column: JdbcColumnHandle | undefined, like: ConnectorFilterExpression): string | undefined {
  if (column === undefined || column.likeExpression === undefined || column.type.kind !== 'varchar') return undefined;
  const pattern = likePatternWithBackslashEscape(like.pattern, like.escape);
  if (pattern === undefined) return undefined;
  return column.likeExpression
    .replace('{pattern}', dialect.literal(VARCHAR, pattern))
    .replace('{escape}', dialect.literal(VARCHAR, '\\'))
    .replace('{}', dialect.quoteIdentifier(column.remoteName));
}
