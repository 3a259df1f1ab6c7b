export type { CatalogDefinition } from './catalog-definition.js';
export { loadCatalogDefinitions, catalogDefinitionFromText } from './catalog-loader.js';
export { parseProperties, parsePropertiesStrict, propertyEntries, substituteEnvironment } from './properties-parser.js';
export { parseDataSize, formatDataSize } from './data-size.js';
export { parseDuration, formatDuration } from './duration.js';
export {
  SERVER_PROPERTIES,
  NODE_PROPERTIES,
  convertProperty,
  validateProperties,
  serverConfigFromProperties,
  nodeConfigFromProperties,
  logConfigFromProperties,
  loadEtcConfig,
  DEFAULT_HEARTBEAT_INTERVAL_MILLIS,
  DEFAULT_FAILURE_TIMEOUT_MILLIS,
} from './server-config.js';
export type { ServerConfig, NodeConfig, LogConfig, LogLevel, EtcConfig, PropertyKind, ConfigValue } from './server-config.js';
