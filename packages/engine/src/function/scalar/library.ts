import type { FunctionDefinition } from '../function-definition.js';
import { stringFunctions } from './string-functions.js';
import { mathFunctions } from './math-functions.js';
import { bitwiseFunctions } from './bitwise-functions.js';
import { dateTimeFunctions } from '../datetime/date-time-functions.js';
import { arrayFunctions } from './array-functions.js';
import { mapFunctions } from './map-functions.js';
import { regexpFunctions } from './regexp-functions.js';
import { jsonFunctions } from '../json/json-functions.js';
import { binaryFunctions } from './binary-functions.js';
import { urlFunctions } from './url-functions.js';
import { miscFunctions } from './misc-functions.js';
import { colorFunctions } from './color-functions.js';
import { teradataFunctions } from './teradata-functions.js';

/** Trino's scalar function library, by family. */
export function libraryFunctions(): FunctionDefinition[] {
  return [...stringFunctions(), ...mathFunctions(), ...bitwiseFunctions(), ...dateTimeFunctions(), ...arrayFunctions(), ...mapFunctions(), ...regexpFunctions(), ...jsonFunctions(), ...binaryFunctions(), ...urlFunctions(), ...miscFunctions(), ...colorFunctions(), ...teradataFunctions()];
}
