import type { Connector, ConnectorContext, ConnectorFactory } from '@petrel/spi';
import { VARCHAR } from '@petrel/spi';
import { JDBC_CATALOG_PROPERTIES, JdbcConnector, parseJdbcConfig, registerJdbcConnector } from '@petrel/connector-jdbc';
import { PostgresqlClient } from './postgresql-client.js';

/** Catalog properties of the postgresql connector: the JDBC ones plus PostgreSQL's own. */
export const POSTGRESQL_CATALOG_PROPERTIES: readonly string[] = [
  ...JDBC_CATALOG_PROPERTIES,
  'postgresql.array-mapping',
  'postgresql.include-system-tables',
  'postgresql.experimental.enable-string-pushdown-with-collate',
];

/** A PostgreSQL catalog: `connector.name=postgresql`, `connection-url=jdbc:postgresql://host:port/database`. */
export function createPostgresqlConnector(catalogName: string, properties: Readonly<Record<string, string>>): JdbcConnector {
  const config = parseJdbcConfig(catalogName, properties, { scheme: 'postgresql', defaultPort: 5432 });
  const client = new PostgresqlClient(config);
  const connector = new JdbcConnector(client, [
    { name: 'array_mapping', description: 'Handling of PostgreSQL arrays', type: VARCHAR, defaultValue: properties['postgresql.array-mapping'] ?? 'DISABLED' },
  ]);
  registerJdbcConnector(catalogName, connector);
  return connector;
}

export const postgresqlConnectorFactory: ConnectorFactory = {
  name: 'postgresql',
  supportedProperties: POSTGRESQL_CATALOG_PROPERTIES,
  create(catalogName: string, properties: Readonly<Record<string, string>>, _context: ConnectorContext): Connector {
    return createPostgresqlConnector(catalogName, properties);
  },
};
