export { postgresqlConnectorFactory, createPostgresqlConnector, POSTGRESQL_CATALOG_PROPERTIES } from './postgresql-connector-factory.js';
export { PostgresqlClient } from './postgresql-client.js';
export { postgresqlDialect, postgresqlTypeOf } from './postgresql-dialect.js';
