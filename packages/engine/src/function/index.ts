export { createFunctionRegistry } from './create-function-registry.js';
export type { ArgumentInfo, FunctionListing, FunctionRegistry, TypeCoercion } from './function-registry.js';
export type { FunctionKind, OperatorName, ResolvedFunction } from './resolved-function.js';
export { operatorName } from './resolved-function.js';
export type {
  AggregateImplementation, FunctionContext, GroupedAccumulator, ScalarImplementation, WindowImplementation, WindowPartition,
} from './function-implementation.js';
export { compileLikePattern } from './scalar/like-function.js';
export { getCastImplementation } from './cast/cast.js';
export { sqlEquals } from './operator/comparison-operators.js';
export { sketchValueFromBytes, sketchValueToBytes } from './sketch/sketch-values.js';
