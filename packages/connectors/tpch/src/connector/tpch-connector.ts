import type { Connector, ConnectorContext, ConnectorFactory } from '@petrel/spi';
import type { TpchConfig } from './tpch-config.js';
import { TPCH_PROPERTIES, parseTpchConfig } from './tpch-config.js';
import { TpchMetadata } from './tpch-metadata.js';
import { TpchPageSourceProvider } from './tpch-page-source.js';
import { TpchSplitManager } from './tpch-split-manager.js';

/** A read-only catalog of TPC-H data generated on the fly, identical to dbgen's. */
export class TpchConnector implements Connector {
  readonly metadata: TpchMetadata;
  readonly splitManager: TpchSplitManager;
  readonly pageSourceProvider: TpchPageSourceProvider;

  constructor(readonly config: TpchConfig) {
    this.metadata = new TpchMetadata(config);
    this.splitManager = new TpchSplitManager(config);
    this.pageSourceProvider = new TpchPageSourceProvider(config);
  }
}

export const tpchConnectorFactory: ConnectorFactory = {
  name: 'tpch',
  supportedProperties: TPCH_PROPERTIES,
  create(_catalogName: string, properties: Readonly<Record<string, string>>, _context: ConnectorContext): Connector {
    return new TpchConnector(parseTpchConfig(properties));
  },
};
