export { mysqlConnectorFactory, createMysqlConnector, MYSQL_CATALOG_PROPERTIES } from './mysql-connector-factory.js';
export { MysqlClient } from './mysql-client.js';
export { mysqlDialect, mysqlTypeOf } from './mysql-dialect.js';
