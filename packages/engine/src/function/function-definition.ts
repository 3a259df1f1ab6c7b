import type { LambdaValue, SqlType } from '@petrel/spi';
import type { AggregateImplementation, FunctionContext, ScalarImplementation, WindowImplementation } from './function-implementation.js';
import type { TypePattern } from './signature/type-pattern.js';
import { parseTypePattern } from './signature/type-pattern.js';

/**
 * How the library declares its functions: a signature (parameter patterns, return type, type
 * variable constraints, variadic tail) and a factory that specializes an implementation for the
 * bound types and the query's context.
 */
export interface BoundSignature {
  readonly argumentTypes: readonly SqlType[];
  readonly returnType: SqlType;
  readonly typeVariables: ReadonlyMap<string, SqlType>;
  readonly literals: ReadonlyMap<string, number>;
}

export type ReturnTypeFunction = (bound: Omit<BoundSignature, 'returnType'>) => SqlType;

export interface Signature {
  readonly parameters: readonly TypePattern[];
  readonly parameterText: readonly string[];
  readonly returnType: TypePattern | ReturnTypeFunction;
  readonly returnText: string;
  /** The last parameter repeats: `same` binds one pattern for all, `any` gives each its own type variable. */
  readonly variadic: 'same' | 'any' | undefined;
  readonly minArguments: number;
  readonly orderable: readonly string[];
  readonly comparable: readonly string[];
}

interface DefinitionBase {
  readonly name: string;
  readonly signature: Signature;
  readonly deterministic: boolean;
  readonly description: string;
  /** Not listed by SHOW FUNCTIONS (operators, internal helpers). */
  readonly hidden: boolean;
}

export interface ScalarFunctionDefinition extends DefinitionBase {
  readonly kind: 'scalar';
  readonly nullOnNullInput: boolean;
  implement(bound: BoundSignature, context: FunctionContext): ScalarImplementation;
}

export interface AggregateFunctionDefinition extends DefinitionBase {
  readonly kind: 'aggregate';
  /** `lambdas`: the call's lambda arguments in order (empty when the caller only wants the intermediate type). */
  implement(bound: BoundSignature, context: FunctionContext, lambdas: readonly LambdaValue[]): AggregateImplementation;
}

export interface WindowFunctionDefinition extends DefinitionBase {
  readonly kind: 'window';
  implement(bound: BoundSignature, context: FunctionContext): WindowImplementation;
}

export type FunctionDefinition = ScalarFunctionDefinition | AggregateFunctionDefinition | WindowFunctionDefinition;

export interface SignatureSpec {
  readonly args: readonly string[];
  readonly returns: string | ReturnTypeFunction;
  readonly variadic?: 'same' | 'any';
  readonly minArguments?: number;
  readonly orderable?: readonly string[];
  readonly comparable?: readonly string[];
  /** How SHOW FUNCTIONS prints a computed return type. */
  readonly returnText?: string;
}

export function makeSignature(spec: SignatureSpec): Signature {
  return {
    parameters: spec.args.map(parseTypePattern),
    parameterText: spec.args.map(displayPatternText),
    returnType: typeof spec.returns === 'string' ? parseTypePattern(spec.returns) : spec.returns,
    returnText: spec.returnText ?? (typeof spec.returns === 'string' ? displayPatternText(spec.returns) : ''),
    variadic: spec.variadic,
    minArguments: spec.minArguments ?? (spec.variadic !== undefined ? spec.args.length - 1 : spec.args.length),
    orderable: spec.orderable ?? [],
    comparable: spec.comparable ?? [],
  };
}

function displayPatternText(text: string): string {
  return text
    .replace(/timestamptz\(([^)]*)\)/g, 'timestamp($1) with time zone')
    .replace(/timetz\(([^)]*)\)/g, 'time($1) with time zone')
    .replace(/interval_ds/g, 'interval day to second')
    .replace(/interval_ym/g, 'interval year to month')
    .replace(/hyperloglog/gi, 'hyperloglog') // SHOW FUNCTIONS prints named types in lower case
    .replace(/, /g, ',');
}

/**
 * Shows a parameter as Trino's SHOW FUNCTIONS does when Trino binds it to an internal type (a
 * regular expression pattern is `joniregexp`, a JSON path `jsonpath`); resolution is unchanged.
 */
export function withParameterDisplay<D extends FunctionDefinition>(d: D, index: number, text: string): D {
  const parameterText = d.signature.parameterText.map((t, i) => (i === index ? text : t));
  return { ...d, signature: { ...d.signature, parameterText } };
}

export interface ScalarSpec extends SignatureSpec {
  readonly name: string;
  readonly description?: string;
  readonly deterministic?: boolean;
  /** default true */
  readonly nullOnNullInput?: boolean;
  readonly hidden?: boolean;
  readonly impl?: ScalarImplementation;
  readonly specialize?: (bound: BoundSignature, context: FunctionContext) => ScalarImplementation;
}

export function scalarFunction(spec: ScalarSpec): ScalarFunctionDefinition {
  const impl = spec.impl;
  const specialize = spec.specialize;
  if (impl === undefined && specialize === undefined) throw new Error(`function ${spec.name} has no implementation`);
  return {
    kind: 'scalar',
    name: spec.name,
    signature: makeSignature(spec),
    deterministic: spec.deterministic ?? true,
    nullOnNullInput: spec.nullOnNullInput ?? true,
    description: spec.description ?? '',
    hidden: spec.hidden ?? spec.name.startsWith('$'),
    implement: specialize ?? (() => impl!),
  };
}

export interface AggregateSpec extends SignatureSpec {
  readonly name: string;
  readonly description?: string;
  readonly deterministic?: boolean;
  readonly hidden?: boolean;
  readonly implement: (bound: BoundSignature, context: FunctionContext, lambdas: readonly LambdaValue[]) => AggregateImplementation;
}

export function aggregateFunction(spec: AggregateSpec): AggregateFunctionDefinition {
  return {
    kind: 'aggregate',
    name: spec.name,
    signature: makeSignature(spec),
    deterministic: spec.deterministic ?? true,
    description: spec.description ?? '',
    hidden: spec.hidden ?? false,
    implement: spec.implement,
  };
}

export interface WindowSpec extends SignatureSpec {
  readonly name: string;
  readonly description?: string;
  readonly implement: (bound: BoundSignature, context: FunctionContext) => WindowImplementation;
}

export function windowFunction(spec: WindowSpec): WindowFunctionDefinition {
  return {
    kind: 'window',
    name: spec.name,
    signature: makeSignature(spec),
    deterministic: true,
    description: spec.description ?? '',
    hidden: false,
    implement: spec.implement,
  };
}
