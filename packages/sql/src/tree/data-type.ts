import type { NodeLocation } from './node-location.js';
import type { Identifier } from './identifier.js';

export type IntervalField = 'YEAR' | 'MONTH' | 'DAY' | 'HOUR' | 'MINUTE' | 'SECOND';

/** A numeric type argument as written, e.g. the `10` of `varchar(10)`. */
export interface NumericParameter {
  readonly kind: 'NumericParameter';
  readonly value: string;
  readonly location: NodeLocation;
}

/** A type argument, e.g. the `varchar` of `array(varchar)`. */
export interface TypeParameter {
  readonly kind: 'TypeParameter';
  readonly type: DataTypeNode;
  readonly location: NodeLocation;
}

export type DataTypeParameter = NumericParameter | TypeParameter;

/**
 * Any named type with optional arguments: `bigint`, `decimal(10, 2)`, `varchar(n)`, `map(K, V)`,
 * `array(T)`. `T ARRAY` is written as `array` with one TypeParameter; `DOUBLE PRECISION` as
 * `DOUBLE` (the name as written). The name is not case-folded.
 */
export interface GenericDataType {
  readonly kind: 'GenericDataType';
  readonly name: Identifier;
  readonly arguments: readonly DataTypeParameter[];
  readonly location: NodeLocation;
}

export interface RowField {
  readonly kind: 'RowField';
  readonly name: Identifier | undefined;
  readonly type: DataTypeNode;
  readonly location: NodeLocation;
}

/** `ROW(name type, ...)` (field names optional). */
export interface RowDataType {
  readonly kind: 'RowDataType';
  readonly fields: readonly RowField[];
  readonly location: NodeLocation;
}

/** `TIMESTAMP[(p)] [WITH|WITHOUT TIME ZONE]`, `TIME[(p)] [WITH|WITHOUT TIME ZONE]`. */
export interface DateTimeDataType {
  readonly kind: 'DateTimeDataType';
  readonly type: 'TIMESTAMP' | 'TIME';
  readonly withTimeZone: boolean;
  readonly precision: DataTypeParameter | undefined;
  readonly location: NodeLocation;
}

/** `INTERVAL YEAR TO MONTH`, `INTERVAL DAY TO SECOND`. */
export interface IntervalDataType {
  readonly kind: 'IntervalDataType';
  readonly from: IntervalField;
  readonly to: IntervalField | undefined;
  readonly location: NodeLocation;
}

/** The syntactic type of CAST, DDL and routine signatures. */
export type DataTypeNode = GenericDataType | RowDataType | DateTimeDataType | IntervalDataType;
