/**
 * dbgen's date arithmetic. Generated dates are day numbers where 92001 is 1992-01-01; the data
 * spans 2557 days from there. "Now" for order and line status is 1995-06-17.
 */

export const MIN_GENERATED_DATE = 92001;
export const TOTAL_DATE_RANGE = 2557;
/** Generated day number of 1970-01-01. */
const GENERATED_DATE_EPOCH_OFFSET = 83966;
/** The last generated day that counts as past: 1995-06-17. */
const CURRENT_GENERATED_DATE = Date.UTC(1995, 5, 17) / 86_400_000 + GENERATED_DATE_EPOCH_OFFSET;

/** Days since 1970-01-01 of a generated date. */
export function toEpochDay(generatedDate: number): number {
  return generatedDate - GENERATED_DATE_EPOCH_OFFSET;
}

export function isInPast(generatedDate: number): boolean {
  return generatedDate <= CURRENT_GENERATED_DATE;
}
