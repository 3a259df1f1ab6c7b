import type { Connector } from '@petrel/spi';

export interface NodeInfo {
  readonly nodeId: string;
  readonly httpUri: string;
  readonly nodeVersion: string;
  readonly coordinator: boolean;
  readonly state: string;
}

export interface QueryInfoRow {
  readonly queryId: string;
  readonly state: string;
  readonly user: string;
  readonly source: string | undefined;
  readonly query: string;
  readonly queuedMillis: number;
  readonly analysisMillis: number;
  readonly planningMillis: number;
  readonly created: number;
  readonly started: number | undefined;
  readonly lastHeartbeat: number;
  readonly end: number | undefined;
  readonly errorType: string | undefined;
  readonly errorCode: string | undefined;
  readonly totalSplits: number;
  readonly completedSplits: number;
  readonly processedRows: number;
  readonly processedBytes: number;
  readonly outputRows: number;
  readonly outputBytes: number;
}

/** The engine state the `system` catalog shows. */
export interface SystemState {
  nodes(): readonly NodeInfo[];
  queries(): readonly QueryInfoRow[];
  /** Catalogs in name order with the connector behind each. */
  catalogs(): readonly { readonly name: string; readonly connectorName: string; readonly connector: Connector }[];
}
