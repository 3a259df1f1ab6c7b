/**
 * Table generators fill column arrays for a run of rows. Columns are addressed by their ordinal in
 * the TPC-H definition; only the requested ones are produced.
 *
 * Storage per column kind: identifiers and hundredths (money, quantity, discount, tax as integers
 * of 1/100) in Float64Array, integers and dates (days since 1970-01-01) in Int32Array, text in
 * string arrays.
 *
 * The ordinal just past the last column is Trino's hidden `row_number`: the key for part, partsupp
 * (the part key), supplier and customer, the index for nation and region, and the order's 1-based
 * index for orders and lineitem.
 */

export type GeneratedColumn = Float64Array | Int32Array | string[];

export interface GeneratedBatch {
  readonly rowCount: number;
  /** By column ordinal; undefined for columns not requested. */
  readonly columns: readonly (GeneratedColumn | undefined)[];
}

export interface TableGenerator {
  /** Up to `maxRows` further rows, or undefined at the end. */
  next(maxRows: number): GeneratedBatch | undefined;
}

/** Which ordinals are requested, as a dense flag array. */
export function requestedFlags(columnCount: number, ordinals: readonly number[]): boolean[] {
  const flags = new Array<boolean>(columnCount).fill(false);
  for (const o of ordinals) flags[o] = true;
  return flags;
}

export function trimColumn(column: GeneratedColumn, rowCount: number): GeneratedColumn {
  if (Array.isArray(column)) {
    if (column.length !== rowCount) column.length = rowCount;
    return column;
  }
  return column.length === rowCount ? column : column.subarray(0, rowCount);
}

export function trimBatch(columns: (GeneratedColumn | undefined)[], rowCount: number): GeneratedBatch {
  return { rowCount, columns: columns.map((c) => (c === undefined ? undefined : trimColumn(c, rowCount))) };
}

/** Anything that reserves a fixed number of draws per row. */
export interface RowStream {
  rowFinished(): void;
  advanceRows(rowCount: number): void;
}

export function presentStreams(streams: readonly (RowStream | undefined)[]): RowStream[] {
  return streams.filter((s): s is RowStream => s !== undefined);
}
