import type { Connector, ConnectorContext, ConnectorFactory } from '@petrel/spi';
import { JDBC_CATALOG_PROPERTIES, JdbcConnector, parseJdbcConfig, registerJdbcConnector } from '@petrel/connector-jdbc';
import { MysqlClient } from './mysql-client.js';

/** Catalog properties of the mysql connector: the JDBC ones plus MySQL's own. */
export const MYSQL_CATALOG_PROPERTIES: readonly string[] = [...JDBC_CATALOG_PROPERTIES, 'mysql.auto-reconnect', 'mysql.max-reconnects', 'mysql.connection-timeout'];

/** A MySQL (or MariaDB) catalog: `connector.name=mysql`, `connection-url=jdbc:mysql://host:port`. */
export function createMysqlConnector(catalogName: string, properties: Readonly<Record<string, string>>): JdbcConnector {
  const withTimeout = properties['mysql.connection-timeout'] !== undefined && properties['connection-timeout'] === undefined ? { ...properties, 'connection-timeout': properties['mysql.connection-timeout'] } : properties;
  const config = parseJdbcConfig(catalogName, withTimeout, { scheme: '(?:mysql|mariadb)', defaultPort: 3306 });
  const connector = new JdbcConnector(new MysqlClient(config));
  registerJdbcConnector(catalogName, connector);
  return connector;
}

export const mysqlConnectorFactory: ConnectorFactory = {
  name: 'mysql',
  supportedProperties: MYSQL_CATALOG_PROPERTIES,
  create(catalogName: string, properties: Readonly<Record<string, string>>, _context: ConnectorContext): Connector {
    return createMysqlConnector(catalogName, properties);
  },
};
