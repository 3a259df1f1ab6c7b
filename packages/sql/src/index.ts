export type * from './tree/index.js';
export { parseStatement, parseStatements, parseExpression, parseDataType } from './parser/parser.js';
export { formatStatement, formatExpression, formatDataType } from './formatter/format.js';
export { formatIdentifier, quoteIdentifier } from './formatter/quote.js';
export { stripLocations, astEquals } from './tree/ast-equality.js';
export { RESERVED_WORDS, isReservedWord } from './parser/keywords.js';
export { childNodes, walkTree } from './tree/traversal.js';
