import type { Block, SqlType, SqlValue } from '@petrel/spi';

/**
 * What a query's functions may read about the session. One per query; implementations are
 * specialized with it (so `now()` is the query start, `current_timezone()` the session zone).
 */
export interface FunctionContext {
  readonly user: string;
  /** IANA zone id or offset, e.g. `America/Los_Angeles`, `+02:00`, `UTC`. */
  readonly timeZone: string;
  /** Query start, epoch milliseconds. */
  readonly startTime: number;
  readonly catalog: string | undefined;
  readonly schema: string | undefined;
  readonly path: string;
  readonly locale: string;
  readonly queryId: string;
}

/**
 * A scalar implementation over runtime values (`value.ts`). For functions with
 * `nullOnNullInput`, callers never pass NULL arguments. Lambda arguments arrive as `LambdaValue`s.
 * Errors are thrown as `TrinoError`s (INVALID_FUNCTION_ARGUMENT, NUMERIC_VALUE_OUT_OF_RANGE,
 * DIVISION_BY_ZERO, INVALID_CAST_ARGUMENT ...).
 */
export type ScalarImplementation = (...args: SqlValue[]) => SqlValue;

/**
 * The state of one aggregate over many groups, fed a page at a time. Group ids are dense
 * (0 .. groupCount-1) and only grow.
 *
 * The operator handles DISTINCT, FILTER and ORDER BY inside the call (it filters, deduplicates or
 * sorts the input before `addInput`), so accumulators only see the rows they must aggregate.
 * Input blocks are the aggregate's argument columns, already coerced to `argumentTypes`.
 */
export interface GroupedAccumulator {
  /** `groupIds[i]` is the group of input row i; `groupCount` is the total number of groups so far. */
  addInput(groupIds: Int32Array, groupCount: number, args: readonly Block[], positionCount: number): void;
  /** Merges partial states produced by `getIntermediate` of another accumulator of the same function. */
  addIntermediate(groupIds: Int32Array, groupCount: number, intermediate: Block, positionCount: number): void;
  /** The partial state of groups 0 .. groupCount-1, of type `intermediateType`. */
  getIntermediate(groupCount: number): Block;
  /** The final values of groups 0 .. groupCount-1, of the function's return type. */
  getFinal(groupCount: number): Block;
  /** Retained memory, for accounting. */
  sizeInBytes(): number;
}

export interface AggregateImplementation {
  /** The type of the partial state that crosses exchanges between partial and final steps. */
  readonly intermediateType: SqlType;
  /** true when the result depends on input order (array_agg, listagg ...). */
  readonly orderSensitive: boolean;
  createAccumulator(): GroupedAccumulator;
}

/**
 * One partition of a window, sorted by the window's ORDER BY. Positions are 0 .. rowCount-1.
 */
export interface WindowPartition {
  readonly rowCount: number;
  /** Argument `argument` of the function at `row`. */
  getArgument(argument: number, row: number): SqlValue;
  /** First and last row (inclusive) of `row`'s peer group (rows equal in ORDER BY). */
  peerGroupStart(row: number): number;
  peerGroupEnd(row: number): number;
  /** The frame of `row`, inclusive bounds; empty frames have start > end. */
  frameStart(row: number): number;
  frameEnd(row: number): number;
}

export interface WindowImplementation {
  /** Fills `output[row]` for every row of the partition. */
  processPartition(partition: WindowPartition, output: SqlValue[], options: { readonly ignoreNulls: boolean }): void;
}
