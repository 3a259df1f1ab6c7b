export { Engine, DEFAULT_CATALOGS, ENGINE_VERSION } from './engine.js';
export type { EngineOptions, QueryResult, CatalogDefinition } from './engine.js';
export * from './config/index.js';
export * from './session/index.js';
export * from './query/index.js';
export type { Metadata, QualifiedObjectName, ResolvedColumn, ResolvedTable, TableHandle } from './metadata/metadata.js';
export { MetadataManager } from './metadata/metadata-manager.js';
export type { CatalogInfo } from './metadata/metadata-manager.js';
export type { FunctionRegistry } from './function/function-registry.js';
