/**
 * How dbgen splits a table into `partCount` parts (part numbers are 1-based): equal shares of the
 * rows, the remainder going to the last part.
 */

export interface RowRange {
  /** Rows before this part (0-based index of its first row). */
  readonly startIndex: number;
  readonly rowCount: number;
}

export function scaledRowCount(scaleBase: number, scaleFactor: number): number {
  return Math.trunc(scaleBase * scaleFactor);
}

export function partRowRange(scaleBase: number, scaleFactor: number, part: number, partCount: number): RowRange {
  const total = scaledRowCount(scaleBase, scaleFactor);
  const perPart = Math.floor(total / partCount);
  const rowCount = part === partCount ? perPart + (total % partCount) : perPart;
  return { startIndex: perPart * (part - 1), rowCount };
}
