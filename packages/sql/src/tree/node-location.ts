/**
 * The 1-based line and column of a node, as Trino reports them (`line 1:8: ...`). It is the
 * node's first token, except where Trino points at the operator: binary arithmetic, comparisons,
 * AND/OR, `||` (concat), `AT TIME ZONE`, and the predicates that follow their value (`IS [NOT] NULL`,
 * `[NOT] BETWEEN`, `[NOT] LIKE`, `[NOT] IN`, quantified comparisons) are located at their operator
 * keyword or symbol (for `NOT BETWEEN` etc. the NotExpression and the predicate both sit at `NOT`).
 */
export interface NodeLocation {
  readonly line: number;
  readonly column: number;
}
