/** One record of a sqllogictest file, as written (before any directive is applied). */
export type SltRecord = SltStatement | SltQuery | SltHashThreshold | SltHalt;

/** `skipif <db>` / `onlyif <db>` lines that prefix a record, with the comment after `#` if any. */
export interface SltCondition {
  readonly kind: 'skipif' | 'onlyif';
  readonly database: string;
  readonly reason: string | undefined;
}

export type SltSortMode = 'nosort' | 'rowsort' | 'valuesort';

/** Expected query output: values one per line, or a count and the MD5 of the rendered values. */
export type SltExpected =
  | { readonly kind: 'values'; readonly values: readonly string[] }
  | { readonly kind: 'hash'; readonly count: number; readonly hash: string };

export interface SltStatement {
  readonly kind: 'statement';
  readonly line: number;
  readonly conditions: readonly SltCondition[];
  readonly expectError: boolean;
  readonly sql: string;
}

export interface SltQuery {
  readonly kind: 'query';
  readonly line: number;
  readonly conditions: readonly SltCondition[];
  /** One letter per column: `I`, `R` or `T`. */
  readonly types: string;
  readonly sortMode: SltSortMode;
  readonly label: string | undefined;
  readonly sql: string;
  readonly expected: SltExpected;
}

export interface SltHashThreshold {
  readonly kind: 'hash-threshold';
  readonly line: number;
  readonly threshold: number;
}

export interface SltHalt {
  readonly kind: 'halt';
  readonly line: number;
  readonly conditions: readonly SltCondition[];
}
