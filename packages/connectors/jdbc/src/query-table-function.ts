import type { ColumnMetadata, ConnectorColumnHandle, ConnectorSession, ConnectorTableFunction, ConnectorTableHandle, SqlValue } from '@petrel/spi';
import { StandardErrorCode, TrinoError, VARCHAR } from '@petrel/spi';
import type { JdbcClient } from './jdbc-client.js';
import { sessionOptions } from './jdbc-config.js';
import type { JdbcTableHandle } from './jdbc-handles.js';
import { mapRemoteColumns, type JdbcMetadata } from './jdbc-metadata.js';

/**
 * `system.query(query => '...')`: runs a query in the remote database's own SQL and returns its rows,
 * as Trino's JDBC connectors. The query's columns are found by describing it remotely.
 */
export function queryTableFunction(client: JdbcClient, metadata: JdbcMetadata): ConnectorTableFunction {
  return {
    schema: 'system',
    name: 'query',
    arguments: [{ name: 'QUERY', type: VARCHAR, required: true }],
    async analyze(session: ConnectorSession, args: Readonly<Record<string, SqlValue>>) {
      const query = args['QUERY'] ?? args['query'];
      if (typeof query !== 'string' || query.trim() === '') {
        throw new TrinoError(StandardErrorCode.INVALID_FUNCTION_ARGUMENT, 'query must be a non-empty string');
      }
      const sql = query.trim().replace(/;\s*$/, '');
      const remote = await metadata.run('describing query', (c) => client.describeQuery(c, sql));
      const columns = mapRemoteColumns(client, remote, sessionOptions(client.config, session));
      const seen = new Set<string>();
      for (const c of columns) {
        if (seen.has(c.name)) throw new TrinoError(StandardErrorCode.DUPLICATE_COLUMN_NAME, `Query returns duplicate column name: ${c.name}`);
        seen.add(c.name);
      }
      if (columns.length < remote.length && columns.length === 0) {
        throw new TrinoError(StandardErrorCode.NOT_SUPPORTED, 'Query returns no columns of a supported type');
      }
      const handle: JdbcTableHandle = {
        kind: 'jdbc-table',
        schemaTableName: undefined,
        relation: { kind: 'query', sql },
        columns,
        conditions: [],
        sortOrder: undefined,
        limit: undefined,
        pushed: [],
      };
      const metadataColumns: ColumnMetadata[] = columns.map((c) => ({ name: c.name, type: c.type, nullable: true }));
      return {
        handle: handle as unknown as ConnectorTableHandle,
        columns: metadataColumns,
        columnHandles: columns as unknown as ConnectorColumnHandle[],
      };
    },
  };
}
