export type { QueryExecution, QueryResultColumn, QueryState, QueryStats } from './query-execution.js';
export { LocalQueryExecution } from './local-query-execution.js';
export { QueryIdGenerator, QUERY_ID_PATTERN } from './query-id.js';
export type { StatementResult, ResultSource } from './statement-result.js';
export { pagesSource, updateResult } from './statement-result.js';
