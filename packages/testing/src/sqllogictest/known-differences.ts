/**
 * Documented differences between SQLite (which produced the expected results) and Trino (whose
 * semantics Petrel follows). A failing query is counted as a known difference, not a failure,
 * only when an entry matches the query AND the exact outcome that demonstrates the difference.
 * A query that matches an entry but passes is counted as passed. There are no blanket skips:
 * every entry names the Trino behaviour it expects and why it differs from SQLite.
 */
export interface KnownDifference {
  readonly id: string;
  readonly reason: string;
  /** Only for files whose corpus-relative path matches. */
  readonly files?: RegExp;
  /** Only for queries whose SQL (whitespace collapsed) matches; a string must match exactly. */
  readonly sql?: RegExp | string;
  /** The failure Trino gives: an error name (and message pattern), or a result that differs. */
  readonly outcome: { readonly errorName: readonly string[]; readonly message?: RegExp } | { readonly wrongResult: true };
  /** Applies to `statement` records instead of queries. */
  readonly statements?: true;
  /** A further check on the failure, for entries that must look closer than a pattern. */
  readonly check?: (facts: FailureFacts) => boolean;
}

/** The GROUP BY clause text of a query, whitespace collapsed and lower-cased ('' when none). */
export function groupByClause(sql: string): string {
  const flat = normalizeSql(sql).toLowerCase();
  const start = flat.lastIndexOf(' group by ');
  if (start < 0) return '';
  const rest = flat.slice(start + ' group by '.length);
  const end = rest.search(/ (having|order by|limit|union|except|intersect) /);
  return end < 0 ? rest : rest.slice(0, end);
}

/** True when the expression Trino names in an EXPRESSION_NOT_AGGREGATE error is really absent from GROUP BY. */
function notGroupedExpressionIsAbsent(facts: FailureFacts): boolean {
  const match = /'([^']+)' must be an aggregate expression/.exec(facts.message ?? '');
  if (match === null) return false;
  const expression = normalizeSql(match[1]!).toLowerCase();
  const groupBy = groupByClause(facts.sql);
  const bare = expression.includes('.') ? expression.slice(expression.lastIndexOf('.') + 1) : expression;
  return !groupBy.split(',').some((item) => {
    const term = item.trim();
    if (term === expression || term === bare) return true;
    // an unqualified name in the error may be grouped under a qualifier; a qualified one may not be
    // matched by a different qualifier (cor0.col2 does not group cor1.col2)
    return expression === bare && term.endsWith(`.${bare}`);
  });
}

const NUMERIC_TYPE = '(tinyint|smallint|integer|bigint|real|double|decimal(\\(\\d+, ?\\d+\\))?)';

export const KNOWN_DIFFERENCES: readonly KnownDifference[] = [
  {
    id: 'division-by-zero',
    reason: 'SQLite returns NULL for x/0 and x%0; Trino raises DIVISION_BY_ZERO.',
    sql: /[/%]/,
    outcome: { errorName: ['DIVISION_BY_ZERO'] },
  },
  {
    id: 'integer-overflow',
    reason: 'SQLite silently converts an overflowing 64-bit integer result to REAL; Trino raises NUMERIC_VALUE_OUT_OF_RANGE.',
    outcome: { errorName: ['NUMERIC_VALUE_OUT_OF_RANGE'], message: /overflow|out of range/i },
  },
  {
    id: 'string-number-affinity',
    reason: 'SQLite compares and computes across TEXT and numeric values using type affinity; Trino has no implicit varchar<->number coercion and rejects the expression.',
    outcome: {
      errorName: ['TYPE_MISMATCH', 'OPERATOR_NOT_FOUND', 'FUNCTION_NOT_FOUND'],
      message: new RegExp(`varchar(\\(\\d+\\))?\\W.*\\b${NUMERIC_TYPE}\\b|\\b${NUMERIC_TYPE}\\W.*varchar`, 'i'),
    },
  },
  {
    id: 'blob-comparison',
    reason: "SQLite compares BLOB literals (x'..') with any value; Trino's varbinary is comparable only with varbinary.",
    sql: /\bx'[0-9a-f]*'/i,
    outcome: { errorName: ['TYPE_MISMATCH'], message: /varbinary/ },
  },
  {
    id: 'empty-in-list',
    reason: 'SQLite accepts an empty IN () list; the Trino grammar requires at least one value.',
    sql: /\bIN\s*\(\s*\)/i,
    outcome: { errorName: ['SYNTAX_ERROR'] },
  },
  {
    id: 'ungrouped-column',
    reason: 'SQLite lets a SELECT with GROUP BY use columns that are neither grouped nor aggregated (it picks a row); Trino rejects them with EXPRESSION_NOT_AGGREGATE. Counted only when the named expression is really absent from GROUP BY.',
    outcome: { errorName: ['EXPRESSION_NOT_AGGREGATE'] },
    check: notGroupedExpressionIsAbsent,
  },
  {
    id: 'sqlite-only-statement',
    reason: 'Triggers, REPLACE and INSERT OR REPLACE are SQLite extensions that Trino does not have.',
    statements: true,
    sql: /^(CREATE\s+TRIGGER|DROP\s+TRIGGER|REPLACE\s+INTO|INSERT\s+OR\s+REPLACE)\b/i,
    outcome: { errorName: ['SYNTAX_ERROR'] },
  },
  {
    id: 'repeated-update-assignment',
    reason: 'SQLite applies the rightmost of repeated assignments to one column in UPDATE ... SET; Trino rejects them with DUPLICATE_COLUMN_NAME.',
    statements: true,
    sql: /^UPDATE\b/i,
    outcome: { errorName: ['DUPLICATE_COLUMN_NAME'], message: /Multiple assignments/ },
  },
  {
    id: 'text-to-number-cast',
    reason: "SQLite's CAST of non-numeric text to a number yields 0 (or the leading number); Trino raises INVALID_CAST_ARGUMENT.",
    sql: /\bCAST\s*\(/i,
    outcome: { errorName: ['INVALID_CAST_ARGUMENT'] },
  },
];

/** Collapses whitespace so that entries can quote a query on one line. */
export function normalizeSql(sql: string): string {
  return sql.replace(/\s+/g, ' ').trim();
}

export interface FailureFacts {
  readonly kind?: 'query' | 'statement';
  readonly file: string;
  readonly sql: string;
  /** Undefined when the query ran and its result differed. */
  readonly errorName: string | undefined;
  readonly message: string | undefined;
}

/** The entry that explains this failure, if any. */
export function matchKnownDifference(facts: FailureFacts, entries: readonly KnownDifference[] = KNOWN_DIFFERENCES): KnownDifference | undefined {
  const sql = normalizeSql(facts.sql);
  for (const entry of entries) {
    if ((entry.statements === true) !== (facts.kind === 'statement')) continue;
    if (entry.files !== undefined && !entry.files.test(facts.file)) continue;
    if (entry.sql !== undefined && (typeof entry.sql === 'string' ? normalizeSql(entry.sql) !== sql : !entry.sql.test(sql))) continue;
    if ('wrongResult' in entry.outcome) {
      if (facts.errorName === undefined) return entry;
      continue;
    }
    if (facts.errorName === undefined || !entry.outcome.errorName.includes(facts.errorName)) continue;
    if (entry.outcome.message !== undefined && !entry.outcome.message.test(facts.message ?? '')) continue;
    if (entry.check !== undefined && !entry.check(facts)) continue;
    return entry;
  }
  return undefined;
}
