import type { FunctionRegistry } from './function-registry.js';
import { FunctionCatalog } from './function-catalog.js';
import { DefaultFunctionRegistry } from './function-registry-impl.js';
import { arithmeticOperators } from './operator/arithmetic-operators.js';
import { comparisonOperators } from './operator/comparison-operators.js';
import { basicAggregates } from './aggregate/basic-aggregates.js';
import { windowFunctions } from './window/window-functions.js';
import { statisticalAggregates } from './aggregate/statistical-aggregates.js';
import { collectingAggregates } from './aggregate/collecting-aggregates.js';
import { hyperLogLogFunctions } from './aggregate/hyperloglog-functions.js';
import { digestFunctions } from './aggregate/digest-functions.js';
import { setDigestFunctions } from './aggregate/set-digest-functions.js';
import { reduceAggregate } from './aggregate/reduce-aggregate.js';
import { likeFunctions } from './scalar/like-function.js';
import { sessionFunctions } from './scalar/session-functions.js';
import { libraryFunctions } from './scalar/library.js';

let shared: FunctionCatalog | undefined;

function buildCatalog(): FunctionCatalog {
  const catalog = new FunctionCatalog();
  catalog.add(...arithmeticOperators());
  catalog.add(...comparisonOperators());
  catalog.add(...likeFunctions());
  catalog.add(...sessionFunctions());
  catalog.add(...basicAggregates());
  catalog.add(...statisticalAggregates());
  catalog.add(...collectingAggregates());
  catalog.add(...hyperLogLogFunctions());
  catalog.add(...digestFunctions());
  catalog.add(...setDigestFunctions());
  catalog.add(...reduceAggregate());
  catalog.add(...windowFunctions());
  for (const d of libraryFunctions()) catalog.add(d);
  return catalog;
}

/** The engine's function library: operators, casts, coercions and Trino's built-in functions. */
export function createFunctionRegistry(): FunctionRegistry {
  shared ??= buildCatalog();
  return new DefaultFunctionRegistry(shared);
}
