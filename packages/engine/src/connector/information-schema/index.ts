export { INFORMATION_SCHEMA, INFORMATION_SCHEMA_COLUMNS, informationSchemaTables } from './information-schema-tables.js';
export { constrainedValues } from './constraint-values.js';
export { CatalogConnector, withInformationSchema } from './catalog-connector.js';
