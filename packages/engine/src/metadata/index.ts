export type { Metadata, QualifiedObjectName, ResolvedColumn, ResolvedTable, TableHandle } from './metadata.js';
export { MetadataManager } from './metadata-manager.js';
export type { CatalogInfo, CatalogConnectorWrapper } from './metadata-manager.js';
