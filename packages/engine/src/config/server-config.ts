import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { StandardErrorCode, TrinoError } from '@petrel/spi';
import { parseDataSize } from './data-size.js';
import { parseDuration } from './duration.js';
import { parsePropertiesStrict, substituteEnvironment } from './properties-parser.js';

/** How a known property's text is validated and converted. */
export type PropertyKind =
  | { readonly kind: 'boolean' }
  | { readonly kind: 'integer'; readonly min?: number; readonly max?: number }
  | { readonly kind: 'decimal'; readonly min?: number; readonly max?: number }
  | { readonly kind: 'dataSize' }
  | { readonly kind: 'duration' }
  | { readonly kind: 'string' }
  | { readonly kind: 'uri' }
  | { readonly kind: 'enum'; readonly values: readonly string[] };

export type ConfigValue = boolean | number | string;

const BOOLEAN: PropertyKind = { kind: 'boolean' };
const PORT: PropertyKind = { kind: 'integer', min: 0, max: 65535 };
const POSITIVE: PropertyKind = { kind: 'integer', min: 1 };
const DATA_SIZE: PropertyKind = { kind: 'dataSize' };
const DURATION: PropertyKind = { kind: 'duration' };
const STRING: PropertyKind = { kind: 'string' };
const URI: PropertyKind = { kind: 'uri' };

/** Properties of `config.properties` Petrel understands. */
export const SERVER_PROPERTIES: Readonly<Record<string, PropertyKind>> = {
  coordinator: BOOLEAN,
  'node-scheduler.include-coordinator': BOOLEAN,
  'http-server.http.enabled': BOOLEAN,
  'http-server.http.port': PORT,
  'http-server.https.enabled': BOOLEAN,
  'http-server.https.port': PORT,
  'http-server.https.keystore.path': STRING,
  'http-server.https.keystore.key': STRING,
  'http-server.authentication.type': STRING,
  'http-server.authentication.allow-insecure-over-http': BOOLEAN,
  'http-server.process-forwarded': BOOLEAN,
  'http-server.log.enabled': BOOLEAN,
  'discovery.uri': URI,
  'internal-communication.shared-secret': STRING,
  'query.max-memory': DATA_SIZE,
  'query.max-memory-per-node': DATA_SIZE,
  'query.max-total-memory': DATA_SIZE,
  'query.max-run-time': DURATION,
  'query.max-execution-time': DURATION,
  'query.max-planning-time': DURATION,
  'query.client.timeout': DURATION,
  'query.min-expire-age': DURATION,
  'query.max-history': POSITIVE,
  'query.max-concurrent-queries': POSITIVE,
  'query.max-queued-queries': POSITIVE,
  'query.max-length': POSITIVE,
  'memory.heap-headroom-per-node': DATA_SIZE,
  'task.concurrency': POSITIVE,
  'task.max-worker-threads': POSITIVE,
  'node-scheduler.max-splits-per-node': POSITIVE,
  'spill-enabled': BOOLEAN,
  'spiller-spill-path': STRING,
  'max-spill-per-node': DATA_SIZE,
  'query-max-spill-per-node': DATA_SIZE,
  'exchange.compression-enabled': BOOLEAN,
  'exchange.compression-codec': { kind: 'enum', values: ['NONE', 'ZSTD', 'LZ4'] },
  'exchange.http-client.request-timeout': DURATION,
  'exchange.max-error-duration': DURATION,
  'failure-detector.enabled': BOOLEAN,
  'failure-detector.heartbeat-interval': DURATION,
  'failure-detector.threshold': { kind: 'decimal', min: 0, max: 1 },
  'failure-detector.warmup-interval': DURATION,
  'failure-detector.expiration-grace-interval': DURATION,
  /** Petrel: how long a node may stay silent (no announcement) before it is failed. */
  'failure-detector.timeout': DURATION,
  'retry-policy': { kind: 'enum', values: ['NONE', 'QUERY', 'TASK'] },
  'task-retry-attempts-per-task': { kind: 'integer', min: 0 },
  'catalog.management': { kind: 'enum', values: ['static', 'dynamic'] },
  'catalog.store': { kind: 'enum', values: ['file', 'memory'] },
  'catalog.config-dir': STRING,
  'web-ui.enabled': BOOLEAN,
  'web-ui.authentication.type': STRING,
  'shutdown.grace-period': DURATION,
  'protocol.v1.alternate-header-name': STRING,
  'join-distribution-type': { kind: 'enum', values: ['AUTOMATIC', 'PARTITIONED', 'BROADCAST'] },
  'optimizer.join-reordering-strategy': { kind: 'enum', values: ['AUTOMATIC', 'ELIMINATE_CROSS_JOINS', 'NONE'] },
  'sql.default-catalog': STRING,
  'sql.default-schema': STRING,
  'sql.path': STRING,
};

/** Properties of `node.properties`. */
export const NODE_PROPERTIES: Readonly<Record<string, PropertyKind>> = {
  'node.environment': STRING,
  'node.id': STRING,
  'node.data-dir': STRING,
  'node.internal-address': STRING,
  'node.location': STRING,
};

/** Defaults of the cluster's failure detection (`failure-detector.heartbeat-interval`, `failure-detector.timeout`). */
export const DEFAULT_HEARTBEAT_INTERVAL_MILLIS = 1000;
export const DEFAULT_FAILURE_TIMEOUT_MILLIS = 3000;

export interface ServerConfig {
  readonly coordinator: boolean;
  readonly includeCoordinator: boolean;
  readonly httpPort: number;
  readonly discoveryUri: string | undefined;
  readonly queryMaxMemoryBytes: number | undefined;
  readonly queryMaxRunTimeMillis: number | undefined;
  readonly catalogManagement: 'static' | 'dynamic';
  readonly webUiEnabled: boolean;
  /** Every property set in the file, converted. */
  readonly properties: ReadonlyMap<string, ConfigValue>;
}

export interface NodeConfig {
  readonly environment: string;
  readonly nodeId: string | undefined;
  readonly dataDir: string | undefined;
  readonly internalAddress: string | undefined;
  readonly properties: ReadonlyMap<string, ConfigValue>;
}

export type LogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'OFF';
const LOG_LEVELS: readonly LogLevel[] = ['DEBUG', 'INFO', 'WARN', 'ERROR', 'OFF'];

/** `log.properties`: logger name (a package/class prefix such as `io.trino`) -> level. */
export interface LogConfig {
  readonly levels: ReadonlyMap<string, LogLevel>;
}

function invalid(file: string, property: string, problem: string): TrinoError {
  return new TrinoError(StandardErrorCode.CONFIGURATION_INVALID, `${file}: property '${property}': ${problem}`);
}

/** Checks and converts each property against `known`; unknown properties fail. */
export function validateProperties(
  file: string,
  properties: ReadonlyMap<string, string>,
  known: Readonly<Record<string, PropertyKind>>,
): Map<string, ConfigValue> {
  const result = new Map<string, ConfigValue>();
  for (const [name, raw] of properties) {
    const spec = known[name];
    if (spec === undefined) throw invalid(file, name, 'unknown property');
    result.set(name, convertProperty(file, name, raw, spec));
  }
  return result;
}

export function convertProperty(file: string, name: string, raw: string, spec: PropertyKind): ConfigValue {
  const text = raw.trim();
  switch (spec.kind) {
    case 'boolean':
      if (text.toLowerCase() === 'true') return true;
      if (text.toLowerCase() === 'false') return false;
      throw invalid(file, name, `invalid boolean '${raw}' (expected true or false)`);
    case 'integer': {
      if (!/^-?\d+$/.test(text)) throw invalid(file, name, `invalid integer '${raw}'`);
      const n = Number(text);
      if (spec.min !== undefined && n < spec.min) throw invalid(file, name, `${n} is below the minimum ${spec.min}`);
      if (spec.max !== undefined && n > spec.max) throw invalid(file, name, `${n} is above the maximum ${spec.max}`);
      return n;
    }
    case 'decimal': {
      if (!/^-?(\d+\.?\d*|\.\d+)$/.test(text)) throw invalid(file, name, `invalid number '${raw}'`);
      const n = Number(text);
      if (spec.min !== undefined && n < spec.min) throw invalid(file, name, `${n} is below the minimum ${spec.min}`);
      if (spec.max !== undefined && n > spec.max) throw invalid(file, name, `${n} is above the maximum ${spec.max}`);
      return n;
    }
    case 'dataSize':
      try {
        return parseDataSize(text);
      } catch {
        throw invalid(file, name, `invalid data size '${raw}' (expected e.g. 1GB, 512MB)`);
      }
    case 'duration':
      try {
        return parseDuration(text);
      } catch {
        throw invalid(file, name, `invalid duration '${raw}' (expected e.g. 10m, 30s, 1h)`);
      }
    case 'string':
      return text;
    case 'uri':
      try {
        new URL(text);
        return text;
      } catch {
        throw invalid(file, name, `invalid URI '${raw}'`);
      }
    case 'enum': {
      const match = spec.values.find((v) => v.toLowerCase() === text.toLowerCase());
      if (match === undefined) throw invalid(file, name, `invalid value '${raw}' (expected one of ${spec.values.join(', ')})`);
      return match;
    }
  }
}

function readPropertiesFile(path: string, environment: Readonly<Record<string, string | undefined>>): Map<string, string> {
  return substituteEnvironment(parsePropertiesStrict(readFileSync(path, 'utf8'), path), path, environment);
}

export function serverConfigFromProperties(file: string, raw: ReadonlyMap<string, string>): ServerConfig {
  const properties = validateProperties(file, raw, SERVER_PROPERTIES);
  const get = <T extends ConfigValue>(name: string): T | undefined => properties.get(name) as T | undefined;
  const coordinator = get<boolean>('coordinator') ?? true;
  const discoveryUri = get<string>('discovery.uri');
  if (!coordinator && discoveryUri === undefined) throw invalid(file, 'discovery.uri', 'required on workers (coordinator=false)');
  const includeCoordinator = get<boolean>('node-scheduler.include-coordinator') ?? true;
  if ((!coordinator || !includeCoordinator) && get<string>('internal-communication.shared-secret') === undefined) {
    // a node that is not alone in its cluster talks to other nodes: Trino requires the secret then
    throw invalid(
      file,
      'internal-communication.shared-secret',
      `required when the cluster has more than one node (${coordinator ? 'node-scheduler.include-coordinator=false' : 'coordinator=false'}): set the same secret on every node`,
    );
  }
  const heartbeat = get<number>('failure-detector.heartbeat-interval');
  const timeout = get<number>('failure-detector.timeout');
  if (heartbeat !== undefined && heartbeat <= 0) throw invalid(file, 'failure-detector.heartbeat-interval', 'must be positive');
  if (timeout !== undefined && timeout <= (heartbeat ?? DEFAULT_HEARTBEAT_INTERVAL_MILLIS)) {
    throw invalid(file, 'failure-detector.timeout', 'must be longer than failure-detector.heartbeat-interval');
  }
  return {
    coordinator,
    includeCoordinator,
    httpPort: get<number>('http-server.http.port') ?? 8080,
    discoveryUri,
    queryMaxMemoryBytes: get<number>('query.max-memory'),
    queryMaxRunTimeMillis: get<number>('query.max-run-time'),
    catalogManagement: (get<string>('catalog.management') as 'static' | 'dynamic' | undefined) ?? 'static',
    webUiEnabled: get<boolean>('web-ui.enabled') ?? true,
    properties,
  };
}

export function nodeConfigFromProperties(file: string, raw: ReadonlyMap<string, string>): NodeConfig {
  const properties = validateProperties(file, raw, NODE_PROPERTIES);
  const environment = properties.get('node.environment') as string | undefined;
  if (environment === undefined) throw invalid(file, 'node.environment', 'is required');
  if (!/^[a-z0-9][_a-z0-9]*$/.test(environment)) {
    throw invalid(file, 'node.environment', `'${environment}' must start with a lower-case letter or digit and contain only lower-case letters, digits and '_'`);
  }
  const nodeId = properties.get('node.id') as string | undefined;
  if (nodeId !== undefined && !/^[A-Za-z0-9][_A-Za-z0-9.-]*$/.test(nodeId)) {
    throw invalid(file, 'node.id', `'${nodeId}' must start with a letter or digit and contain only letters, digits, '_', '-' and '.'`);
  }
  return {
    environment,
    nodeId,
    dataDir: properties.get('node.data-dir') as string | undefined,
    internalAddress: properties.get('node.internal-address') as string | undefined,
    properties,
  };
}

export function logConfigFromProperties(file: string, raw: ReadonlyMap<string, string>): LogConfig {
  const levels = new Map<string, LogLevel>();
  for (const [name, value] of raw) {
    const level = LOG_LEVELS.find((l) => l === value.trim().toUpperCase());
    if (level === undefined) throw invalid(file, name, `invalid log level '${value}' (expected one of ${LOG_LEVELS.join(', ')})`);
    levels.set(name, level);
  }
  return { levels };
}

export interface EtcConfig {
  readonly server: ServerConfig | undefined;
  readonly node: NodeConfig | undefined;
  readonly log: LogConfig | undefined;
}

/** Reads `config.properties`, `node.properties` and `log.properties` from `etcDir` when present. */
export function loadEtcConfig(etcDir: string, environment: Readonly<Record<string, string | undefined>> = process.env): EtcConfig {
  const read = <T>(name: string, convert: (file: string, raw: ReadonlyMap<string, string>) => T): T | undefined => {
    const path = join(etcDir, name);
    return existsSync(path) ? convert(path, readPropertiesFile(path, environment)) : undefined;
  };
  return {
    server: read('config.properties', serverConfigFromProperties),
    node: read('node.properties', nodeConfigFromProperties),
    log: read('log.properties', logConfigFromProperties),
  };
}
