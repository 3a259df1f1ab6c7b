import type { SqlType } from '@petrel/spi';

/**
 * How a remote column's values are decoded. Most types decode from the driver's text or number by
 * their SQL type alone; the kinds here name the remote encodings that need more.
 */
export type ReadKind =
  | 'standard'
  /** PostgreSQL bytea text (`\x0102`) or a driver Buffer. */
  | 'binary'
  /** A PostgreSQL array literal (`{1,2,NULL}`). */
  | 'postgresql-array'
  /** bit(1) as `1`/`0` text or a one-byte Buffer. */
  | 'bit-boolean'
  /** Any value rendered as its text (unsupported-type-handling=CONVERT_TO_VARCHAR). */
  | 'as-text';

/** How far predicates on a column may be pushed to the remote database with Trino's semantics. */
export type PredicatePushdown = 'full' | 'equality' | 'none';

/** A remote type mapped to a Petrel type, with what the remote database can do with it. */
export interface ColumnMapping {
  readonly type: SqlType;
  readonly read: ReadKind;
  readonly predicatePushdown: PredicatePushdown;
  /** ORDER BY, MIN and MAX give Trino's order remotely (possibly through `sortExpression`). */
  readonly sortable: boolean;
  /** GROUP BY and equality give Trino's result remotely. */
  readonly groupable: boolean;
  /** A SQL template with `{}` for the column that the outermost select reads instead of the column. */
  readonly readExpression?: string;
  /** A SQL template with `{}` used in ORDER BY / MIN / MAX (e.g. `{} COLLATE "C"`). */
  readonly sortExpression?: string;
  /**
   * A SQL template for `column LIKE pattern` with Trino's semantics: `{}` is the column, `{pattern}`
   * the pattern literal, `{escape}` the escape literal (always backslash). Absent: LIKE stays in Petrel.
   */
  readonly likeExpression?: string;
}

export function columnMapping(
  type: SqlType,
  options: {
    readonly read?: ReadKind;
    readonly predicatePushdown?: PredicatePushdown;
    readonly sortable?: boolean;
    readonly groupable?: boolean;
    readonly readExpression?: string;
    readonly sortExpression?: string;
    readonly likeExpression?: string;
  } = {},
): ColumnMapping {
  const predicatePushdown = options.predicatePushdown ?? 'full';
  return {
    type,
    read: options.read ?? 'standard',
    predicatePushdown,
    sortable: options.sortable ?? predicatePushdown === 'full',
    groupable: options.groupable ?? predicatePushdown !== 'none',
    ...(options.readExpression === undefined ? {} : { readExpression: options.readExpression }),
    ...(options.sortExpression === undefined ? {} : { sortExpression: options.sortExpression }),
    ...(options.likeExpression === undefined ? {} : { likeExpression: options.likeExpression }),
  };
}

/** A column as the remote catalog describes it, before mapping. */
export interface RemoteColumn {
  readonly name: string;
  /** The remote type as text (`numeric(10,2)`, `int(10) unsigned`, `character varying(5)`, `integer[]`). */
  readonly typeText: string;
  readonly nullable: boolean;
  readonly comment: string | undefined;
  /** Dialect-specific facts the mapping needs (enum, array element type, collation ...). */
  readonly attributes: Readonly<Record<string, string>>;
}
