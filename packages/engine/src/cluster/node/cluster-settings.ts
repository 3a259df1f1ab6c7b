import type { ConfigValue } from '../../config/server-config.js';
import { DEFAULT_FAILURE_TIMEOUT_MILLIS, DEFAULT_HEARTBEAT_INTERVAL_MILLIS } from '../../config/server-config.js';
import type { PageSerdeOptions } from '../serde/page-serde.js';
import { DEFAULT_PAGE_SERDE_OPTIONS } from '../serde/page-serde.js';

/** A node's cluster tuning, read from its (already validated) `config.properties`. */
export interface ClusterSettings {
  /** `failure-detector.heartbeat-interval`: how often workers announce themselves (and the coordinator sweeps). */
  readonly heartbeatIntervalMillis: number;
  /** `failure-detector.timeout` (Petrel): a node silent this long is failed. */
  readonly failureTimeoutMillis: number;
  /** `failure-detector.enabled=false`: nodes are never failed for silence (only for unreachable exchanges). */
  readonly failureDetectorEnabled: boolean;
  /** `exchange.http-client.request-timeout`: a results request unanswered this long fails with PAGE_TRANSPORT_TIMEOUT. */
  readonly exchangeRequestTimeoutMillis: number;
  /** `exchange.compression-codec` (and the older `exchange.compression-enabled`, meaning ZSTD). */
  readonly pageSerde: PageSerdeOptions;
}

const DEFAULT_EXCHANGE_REQUEST_TIMEOUT_MILLIS = 10_000;
/** Effectively never (a day): the failure detector is disabled. */
const NEVER_MILLIS = 24 * 3600 * 1000;

export function clusterSettingsFromProperties(properties: ReadonlyMap<string, ConfigValue | unknown>): ClusterSettings {
  const number = (name: string): number | undefined => {
    const value = properties.get(name);
    return typeof value === 'number' ? value : undefined;
  };
  const enabled = properties.get('failure-detector.enabled') !== false;
  const heartbeat = number('failure-detector.heartbeat-interval') ?? DEFAULT_HEARTBEAT_INTERVAL_MILLIS;
  const timeout = number('failure-detector.timeout') ?? Math.max(DEFAULT_FAILURE_TIMEOUT_MILLIS, 3 * heartbeat);
  const codecProperty = properties.get('exchange.compression-codec');
  const codec = codecProperty === 'ZSTD' || codecProperty === 'LZ4' ? codecProperty : codecProperty === undefined && properties.get('exchange.compression-enabled') === true ? 'ZSTD' : 'NONE';
  return {
    heartbeatIntervalMillis: heartbeat,
    failureTimeoutMillis: enabled ? timeout : NEVER_MILLIS,
    failureDetectorEnabled: enabled,
    exchangeRequestTimeoutMillis: number('exchange.http-client.request-timeout') ?? DEFAULT_EXCHANGE_REQUEST_TIMEOUT_MILLIS,
    pageSerde: { ...DEFAULT_PAGE_SERDE_OPTIONS, codec },
  };
}
