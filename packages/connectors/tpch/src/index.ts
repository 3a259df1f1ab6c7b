export { generateTable, createTableGenerator, resolveColumnOrdinals, DEFAULT_ROWS_PER_PAGE } from './generate-table.js';
export type { GenerateOptions } from './generate-table.js';
export {
  tpchTableColumns,
  tpchTableDefinition,
  isTpchTableName,
  TPCH_TABLE_NAMES,
  ROW_NUMBER_COLUMN,
} from './tpch-schema.js';
export type { TpchTableName, ColumnNaming, DoubleTypeMapping, TpchColumn, TpchColumnDefinition } from './tpch-schema.js';
export type { TableGenerator, GeneratedBatch, GeneratedColumn } from './generator/table-generator.js';
export { TpchConnector, tpchConnectorFactory } from './connector/tpch-connector.js';
export { parseTpchConfig, TPCH_PROPERTIES } from './connector/tpch-config.js';
export type { TpchConfig } from './connector/tpch-config.js';
export type { TpchTableHandle, TpchColumnHandle, TpchSplit } from './connector/tpch-handles.js';
export { schemaScaleFactor } from './connector/tpch-handles.js';
export { tpchTableStatistics, tableRowCount } from './connector/tpch-statistics.js';
