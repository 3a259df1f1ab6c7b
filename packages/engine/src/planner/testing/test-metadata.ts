import { memoryConnectorFactory } from '@petrel/connector-memory';
import { tpchConnectorFactory } from '@petrel/connector-tpch';
import { BIGINT, DOUBLE, INTEGER, VARCHAR, arrayType, rowType } from '@petrel/spi';
import type {
  AggregateFunctionCall,
  Connector,
  ConnectorColumnHandle,
  ConnectorFactory,
  ConnectorMetadata,
  ConnectorSession,
  ConnectorTableHandle,
  TupleDomain,
  ViewDefinition,
} from '@petrel/spi';
import { MetadataManager } from '../../metadata/metadata-manager.js';

/**
 * The metadata planner and analyzer tests run against: the engine's `MetadataManager` over real
 * connectors. Catalog `tpch` is the tpch connector with Trino's standard column names
 * (`n_nationkey`, sf1 statistics); catalog `memory` holds schema `s` with tables
 * `t(a bigint, b varchar, c integer)` and `u(a bigint, d double, arr array(bigint), r row(x bigint, y varchar))`
 * (plus the memory connector's hidden `$row_id`).
 */
export interface TestMetadataOptions {
  /** Give catalog `tpch` filter, projection and aggregation pushdown recorded in its table handles. */
  readonly pushdown?: boolean;
}

export const TEST_VIEW_SCHEMA = 's';

export function createTestMetadata(options: TestMetadataOptions = {}): MetadataManager {
  const metadata = new MetadataManager('test-node');
  metadata.registerConnectorFactory(tpchConnectorFactory);
  metadata.registerConnectorFactory(memoryConnectorFactory);
  metadata.registerConnectorFactory(pushdownRecordingTpchFactory);
  metadata.createCatalog({ name: 'tpch', connectorName: options.pushdown ? pushdownRecordingTpchFactory.name : 'tpch', properties: { 'tpch.column-naming': 'STANDARD' } });
  const memory = metadata.createCatalog({ name: 'memory', connectorName: 'memory', properties: {} }).connector.metadata;
  const session = memorySession();
  // The memory connector's DDL completes synchronously (its promises are already settled when returned).
  void memory.createSchema!(session, TEST_VIEW_SCHEMA, {});
  void memory.createTable!(session, { name: { schema: 's', table: 't' }, columns: [{ name: 'a', type: BIGINT }, { name: 'b', type: VARCHAR }, { name: 'c', type: INTEGER }] }, false);
  void memory.createTable!(
    session,
    { name: { schema: 's', table: 'u' }, columns: [{ name: 'a', type: BIGINT }, { name: 'd', type: DOUBLE }, { name: 'arr', type: arrayType(BIGINT) }, { name: 'r', type: rowType([{ name: 'x', type: BIGINT }, { name: 'y', type: VARCHAR }]) }] },
    false,
  );
  return metadata;
}

/** Creates a view in the memory catalog's schema `s` of a metadata from `createTestMetadata`. */
export async function createTestView(metadata: MetadataManager, name: string, definition: ViewDefinition): Promise<void> {
  await metadata.getConnector('memory').metadata.createView!(memorySession(), { schema: TEST_VIEW_SCHEMA, table: name }, definition, false);
}

function memorySession(): ConnectorSession {
  return { queryId: 'test', user: 'test', timeZone: 'UTC', startTime: 0, properties: {} };
}

/**
 * The tpch connector plus filter, projection and aggregation pushdown that only record what was
 * pushed in the table handle (no in-process connector implements these; the JDBC connectors need a
 * database). Used by the pushdown rule tests; scans are never executed.
 */
const pushdownRecordingTpchFactory: ConnectorFactory = {
  name: 'tpch_recording_pushdown',
  supportedProperties: tpchConnectorFactory.supportedProperties,
  create(catalogName, properties, context): Connector {
    const tpch = tpchConnectorFactory.create(catalogName, properties, context);
    const base = tpch.metadata;
    const metadata: ConnectorMetadata = Object.assign(Object.create(base) as ConnectorMetadata, {
      async applyFilter(_s: ConnectorSession, handle: ConnectorTableHandle, constraint: TupleDomain) {
        if (handle['constraint'] !== undefined) return undefined;
        return { handle: { ...handle, constraint }, remainingFilter: { kind: 'all' } };
      },
      async applyProjection(_s: ConnectorSession, handle: ConnectorTableHandle, columns: readonly ConnectorColumnHandle[]) {
        const names = columns.map((col) => col.name).join(',');
        if (handle['projection'] === names) return undefined;
        return { handle: { ...handle, projection: names }, columns };
      },
      async applyAggregation(_s: ConnectorSession, handle: ConnectorTableHandle, aggregates: readonly AggregateFunctionCall[], grouping: readonly ConnectorColumnHandle[]) {
        if (handle['aggregated'] !== undefined || aggregates.some((a) => a.name !== 'count' && a.name !== 'sum')) return undefined;
        const description = [...aggregates.map((a) => `${a.name}(${a.arguments.map((c) => c.name).join(',')})`), ...grouping.map((g) => g.name)];
        return { handle: { ...handle, aggregated: description.join(';') }, outputColumns: description.map((name) => ({ name })) };
      },
      describeTableHandle(handle: ConnectorTableHandle) {
        return JSON.stringify(handle);
      },
    } satisfies Partial<ConnectorMetadata>);
    return { ...tpch, metadata };
  },
};
