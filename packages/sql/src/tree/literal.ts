import type { NodeLocation } from './node-location.js';
import type { IntervalField } from './data-type.js';

/** An exact integer literal: the source digits (`123`, `0x1F`, `0o17`, `0b101`, `1_000`), any size. */
export interface LongLiteral {
  readonly kind: 'LongLiteral';
  readonly value: string;
  readonly location: NodeLocation;
}

/** A number with a decimal point and no exponent, as written (`1.5`, `.5`, `2.`). */
export interface DecimalLiteral {
  readonly kind: 'DecimalLiteral';
  readonly value: string;
  readonly location: NodeLocation;
}

/** A number with an exponent, as written (`1e10`, `1.5E-3`). */
export interface DoubleLiteral {
  readonly kind: 'DoubleLiteral';
  readonly value: string;
  readonly location: NodeLocation;
}

/** A character string after unescaping (`''` -> `'`, `U&'\0041'` decoded). */
export interface StringLiteral {
  readonly kind: 'StringLiteral';
  readonly value: string;
  readonly location: NodeLocation;
}

/** `X'0A FF'`: `hex` holds the upper-case hex digits without spaces. */
export interface BinaryLiteral {
  readonly kind: 'BinaryLiteral';
  readonly hex: string;
  readonly location: NodeLocation;
}

export interface BooleanLiteral {
  readonly kind: 'BooleanLiteral';
  readonly value: boolean;
  readonly location: NodeLocation;
}

export interface NullLiteral {
  readonly kind: 'NullLiteral';
  readonly location: NodeLocation;
}

/**
 * `<type> '<text>'`, e.g. `DATE '2020-01-01'`, `DECIMAL '1.2'`, `TIMESTAMP '...'`, `TIME '...'`,
 * `JSON '...'`, `REAL '1.0'`. `type` is the type name as written (not case-folded).
 */
export interface GenericLiteral {
  readonly kind: 'GenericLiteral';
  readonly type: string;
  readonly value: string;
  readonly location: NodeLocation;
}

export type IntervalSign = 'POSITIVE' | 'NEGATIVE';

/** `INTERVAL [+|-] '<value>' <startField> [TO <endField>]`. */
export interface IntervalLiteral {
  readonly kind: 'IntervalLiteral';
  readonly value: string;
  readonly sign: IntervalSign;
  readonly startField: IntervalField;
  readonly endField: IntervalField | undefined;
  readonly location: NodeLocation;
}

export type Literal =
  | LongLiteral
  | DecimalLiteral
  | DoubleLiteral
  | StringLiteral
  | BinaryLiteral
  | BooleanLiteral
  | NullLiteral
  | GenericLiteral
  | IntervalLiteral;
