import type { Connector, ConnectorTableFunction, SessionPropertyMetadata } from '@petrel/spi';
import type { JdbcClient } from './jdbc-client.js';
import { jdbcSessionProperties } from './jdbc-config.js';
import { JdbcMetadata } from './jdbc-metadata.js';
import { JdbcPageSinkProvider } from './jdbc-page-sink.js';
import { JdbcPageSourceProvider } from './jdbc-page-source.js';
import { JdbcSplitManager } from './jdbc-split-manager.js';
import type { QueryLog } from './query-log.js';
import { queryTableFunction } from './query-table-function.js';

/** A catalog over one remote database through a `JdbcClient`. */
export class JdbcConnector implements Connector {
  readonly metadata: JdbcMetadata;
  readonly splitManager: JdbcSplitManager;
  readonly pageSourceProvider: JdbcPageSourceProvider;
  readonly pageSinkProvider: JdbcPageSinkProvider;
  readonly tableFunctions: readonly ConnectorTableFunction[];
  readonly sessionProperties: readonly SessionPropertyMetadata[];

  constructor(readonly client: JdbcClient, extraSessionProperties: readonly SessionPropertyMetadata[] = []) {
    this.metadata = new JdbcMetadata(client);
    this.splitManager = new JdbcSplitManager(client);
    this.pageSourceProvider = new JdbcPageSourceProvider(client);
    this.pageSinkProvider = new JdbcPageSinkProvider(client);
    this.tableFunctions = [queryTableFunction(client, this.metadata)];
    this.sessionProperties = [...jdbcSessionProperties(client.config), ...extraSessionProperties];
  }

  /** Every statement sent to the remote database, for tests and diagnostics. */
  get queryLog(): QueryLog {
    return this.client.queryLog;
  }

  async shutdown(): Promise<void> {
    await this.client.close();
  }
}

const connectors = new Map<string, JdbcConnector>();

/** Remembers the connector of a catalog so tests and tools can read its query log by catalog name. */
export function registerJdbcConnector(catalog: string, connector: JdbcConnector): void {
  connectors.set(catalog, connector);
}

/** The most recently created JDBC connector of a catalog (pool counts, query log), for tests and tools. */
export function jdbcConnectorOf(catalog: string): JdbcConnector | undefined {
  return connectors.get(catalog);
}

/** The query log of the most recently created JDBC catalog with this name. */
export function queryLogOf(catalog: string): QueryLog | undefined {
  return connectors.get(catalog)?.queryLog;
}
