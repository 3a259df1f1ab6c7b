import { describe, it } from 'node:test';
import type { ConnectorMetadata } from '@petrel/spi';
import { MemoryConnector } from '@petrel/connector-memory';
import type { ConformanceTarget } from './connector-conformance.js';
import { connectorConformanceCases } from './connector-conformance.js';
import { testSession } from './spi-helpers.js';

/** The memory connector runs the shared suite through the SPI with the capabilities it declares. */
const connector = new MemoryConnector();
const metadata: ConnectorMetadata = connector.metadata;
const session = testSession();

describe('connector conformance: memory', async () => {
  await metadata.createSchema?.(session, 'conformance', {});
  const target: ConformanceTarget = {
    connector,
    schema: 'conformance',
    session,
    capabilities: {
      createTable: metadata.createTable !== undefined,
      insert: metadata.beginInsert !== undefined,
      dropTable: metadata.dropTable !== undefined,
      filterPushdown: metadata.applyFilter !== undefined,
      projectionPushdown: metadata.applyProjection !== undefined,
      limitPushdown: metadata.applyLimit !== undefined,
      topNPushdown: metadata.applyTopN !== undefined,
      aggregationPushdown: metadata.applyAggregation !== undefined,
      delete: metadata.executeDelete !== undefined,
      truncate: metadata.truncateTable !== undefined,
    },
  };
  // Only the cases whose capabilities the connector declares apply to it.
  const applicable = connectorConformanceCases().filter((c) => c.requires.every((capability) => target.capabilities[capability]));
  for (const c of applicable) {
    it(c.name, () => c.run(target));
  }
});
