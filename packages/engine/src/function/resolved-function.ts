import type { SqlType } from '@petrel/spi';

export type FunctionKind = 'scalar' | 'aggregate' | 'window';

/**
 * A function bound to concrete argument and return types: plain data, so plans stay serializable.
 * Execution turns it back into an implementation with `FunctionRegistry.getScalarImplementation`
 * (or the aggregate/window equivalents).
 *
 * Operators are functions named `$operator$<NAME>` with these names: `add`, `subtract`, `multiply`,
 * `divide`, `modulus`, `negate`, `equal`, `not_equal`, `less_than`, `less_than_or_equal`,
 * `greater_than`, `greater_than_or_equal`, `is_distinct_from`, `subscript`, `hash_code`,
 * `xx_hash_64`, `indeterminate`, `comparison` (three-way, for sorting).
 */
export interface ResolvedFunction {
  /** Canonical lower-case name (`substr`, `$operator$add`). */
  readonly name: string;
  readonly kind: FunctionKind;
  /** The parameter types the arguments were coerced to. */
  readonly argumentTypes: readonly SqlType[];
  readonly returnType: SqlType;
  readonly deterministic: boolean;
  /** true when any NULL argument makes the result NULL without calling the implementation. */
  readonly nullOnNullInput: boolean;
}

export function operatorName(operator: OperatorName): string {
  return `$operator$${operator}`;
}

export type OperatorName =
  | 'add'
  | 'subtract'
  | 'multiply'
  | 'divide'
  | 'modulus'
  | 'negate'
  | 'equal'
  | 'not_equal'
  | 'less_than'
  | 'less_than_or_equal'
  | 'greater_than'
  | 'greater_than_or_equal'
  | 'is_distinct_from'
  | 'subscript'
  | 'hash_code'
  | 'xx_hash_64'
  | 'indeterminate'
  | 'comparison';
