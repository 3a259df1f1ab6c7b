export * from './type/sql-type.js';
export * from './type/value.js';
export * from './block/block.js';
export * from './block/page.js';
export * from './error/error-code.js';
export * from './error/trino-error.js';
export * from './connector/connector.js';
export * from './connector/tuple-domain.js';
