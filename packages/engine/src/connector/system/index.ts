export { createSystemConnector } from './system-connector.js';
export { SystemTablesConnector, isSystemTableHandle } from './system-tables-connector.js';
export type { SystemTableHandle } from './system-tables-connector.js';
export type { SystemTable } from './system-table.js';
export type { SystemState, NodeInfo, QueryInfoRow } from './system-state.js';
