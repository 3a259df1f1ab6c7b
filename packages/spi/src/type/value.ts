/**
 * Runtime representation of one SQL value. NULL is always `null`.
 *
 * | SQL type                         | JavaScript value                                                     |
 * |----------------------------------|----------------------------------------------------------------------|
 * | boolean                          | `boolean`                                                            |
 * | tinyint, smallint, integer       | `number` (an integer in range)                                       |
 * | bigint                           | `Int64`: a `number` when it is a safe integer, else a `bigint`       |
 * | real, double                     | `number` (real values are rounded with `Math.fround`)                |
 * | decimal(p, s)                    | `bigint`: the unscaled value (1.25 as decimal(3,2) is `125n`)        |
 * | varchar, char(n)                 | `string` (char values are padded to n code points)                   |
 * | varbinary                        | `Uint8Array`                                                         |
 * | json                             | `string`: canonical JSON text                                        |
 * | date                             | `number`: days since 1970-01-01                                      |
 * | time(p)                          | `bigint`: picoseconds of the day                                     |
 * | time(p) with time zone           | `TimeWithTimeZone`                                                   |
 * | timestamp(p), p <= 3             | `number`: milliseconds since the epoch (UTC wall clock)              |
 * | timestamp(p), p > 3              | `LongTimestamp`                                                      |
 * | timestamp(p) with time zone      | `TimestampWithTimeZone` (any p)                                      |
 * | interval day to second           | `number`: milliseconds                                               |
 * | interval year to month           | `number`: months                                                     |
 * | array(T)                         | `readonly SqlValue[]`                                                |
 * | map(K, V)                        | `SqlMap`                                                             |
 * | row(...)                         | `SqlRow` (a readonly array of field values)                          |
 * | uuid                             | `string`, lowercase canonical 8-4-4-4-12 form                        |
 * | ipaddress                        | `Uint8Array` of 16 bytes (IPv4 as IPv4-mapped IPv6)                  |
 * | HyperLogLog, qdigest, tdigest... | an opaque object owned by the function library                       |
 * | unknown                          | always `null`                                                        |
 * | function(...) (lambda arguments) | `LambdaValue`                                                        |
 *
 * BIGINT invariant: a value that is a safe integer (|v| <= 2^53 - 1) is always a `number`, and a
 * `bigint` is used only outside that range, so that equal values have one representation.
 */
export type SqlValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | Uint8Array
  | LongTimestamp
  | TimestampWithTimeZone
  | TimeWithTimeZone
  | SqlMap
  | readonly SqlValue[]
  | OpaqueValue
  | LambdaValue;

/** The value of a lambda argument passed to a higher-order function such as `transform`. */
export type LambdaValue = (...args: SqlValue[]) => SqlValue;

/** A 64-bit integer: `number` when safe, else `bigint`. */
export type Int64 = number | bigint;

export interface LongTimestamp {
  readonly kind: 'long-timestamp';
  readonly epochMillis: number;
  /** 0 .. 999_999_999 */
  readonly picosOfMilli: number;
}

export interface TimestampWithTimeZone {
  readonly kind: 'timestamp-tz';
  /** UTC instant in milliseconds since the epoch. */
  readonly epochMillis: number;
  /** 0 .. 999_999_999; zero for precision <= 3. */
  readonly picosOfMilli: number;
  /** IANA zone id (`America/New_York`) or a fixed offset (`+05:30`, `UTC`). */
  readonly zone: string;
}

export interface TimeWithTimeZone {
  readonly kind: 'time-tz';
  /** Picoseconds of the local day. */
  readonly picos: bigint;
  /** Offset from UTC in minutes. */
  readonly offsetMinutes: number;
}

/** A map value. Keys are distinct and never null. Iteration order is insertion order. */
export interface SqlMap {
  readonly kind: 'map';
  readonly keys: readonly SqlValue[];
  readonly values: readonly SqlValue[];
}

export type SqlRow = readonly SqlValue[];

/** Values of sketch types (HyperLogLog, digests, color): the function library owns their shape. */
export interface OpaqueValue {
  readonly kind: 'opaque';
  readonly typeName: string;
  readonly state: unknown;
}

const MAX_SAFE = Number.MAX_SAFE_INTEGER;
export const INT64_MIN = -(2n ** 63n);
export const INT64_MAX = 2n ** 63n - 1n;

/** Brings a 64-bit integer to its canonical form (number when safe). Does not range-check. */
export function normalizeInt64(value: number | bigint): Int64 {
  if (typeof value === 'number') return value;
  return value >= -MAX_SAFE && value <= MAX_SAFE ? Number(value) : value;
}

export function int64ToBigInt(value: Int64): bigint {
  return typeof value === 'bigint' ? value : BigInt(value);
}

export function isInt64InRange(value: bigint): boolean {
  return value >= INT64_MIN && value <= INT64_MAX;
}

export function sqlMap(keys: readonly SqlValue[], values: readonly SqlValue[]): SqlMap {
  return { kind: 'map', keys, values };
}

export function longTimestamp(epochMillis: number, picosOfMilli: number): LongTimestamp {
  return { kind: 'long-timestamp', epochMillis, picosOfMilli };
}

export function timestampWithTimeZone(epochMillis: number, picosOfMilli: number, zone: string): TimestampWithTimeZone {
  return { kind: 'timestamp-tz', epochMillis, picosOfMilli, zone };
}

export function timeWithTimeZone(picos: bigint, offsetMinutes: number): TimeWithTimeZone {
  return { kind: 'time-tz', picos, offsetMinutes };
}
