import type { ConnectorSession, SessionPropertyMetadata } from '@petrel/spi';
import { BIGINT, BOOLEAN, DOUBLE, INTEGER, StandardErrorCode, TrinoError, VARCHAR } from '@petrel/spi';

export type UnsupportedTypeHandling = 'IGNORE' | 'CONVERT_TO_VARCHAR';
export type DecimalMapping = 'STRICT' | 'ALLOW_OVERFLOW';
export type ArrayMapping = 'DISABLED' | 'AS_ARRAY' | 'AS_JSON';
/** EAGER pushes every join the remote database can run; AUTOMATIC only when statistics say it pays. */
export type JoinPushdownStrategy = 'AUTOMATIC' | 'EAGER';

/** Catalog properties every JDBC-style connector understands (Trino's names). */
export const JDBC_CATALOG_PROPERTIES: readonly string[] = [
  'connection-url',
  'connection-user',
  'connection-password',
  'case-insensitive-name-matching',
  'case-insensitive-name-matching.cache-ttl',
  'metadata.cache-ttl',
  'metadata.cache-missing',
  'metadata.cache-maximum-size',
  'join-pushdown.enabled',
  'join-pushdown.strategy',
  'experimental.join-pushdown.automatic.max-table-size',
  'experimental.join-pushdown.automatic.max-join-to-tables-ratio',
  'aggregation-pushdown.enabled',
  'topn-pushdown.enabled',
  'complex-expression-pushdown.enabled',
  'domain-compaction-threshold',
  'unsupported-type-handling',
  'decimal-mapping',
  'decimal-default-scale',
  'decimal-rounding-mode',
  'write.batch-size',
  'insert.non-transactional-insert.enabled',
  'dynamic-filtering.enabled',
  'dynamic-filtering.wait-timeout',
  'connection-pool.max-size',
  'connection-timeout',
  'parallel-read.split-count',
  'allow-drop-table',
];

/** Catalog configuration, parsed once when the catalog is created. */
export interface JdbcConfig {
  readonly catalog: string;
  readonly connectionUrl: string;
  readonly host: string;
  readonly port: number;
  /** The database in the URL (PostgreSQL), undefined when the URL names none. */
  readonly database: string | undefined;
  readonly urlParameters: Readonly<Record<string, string>>;
  readonly user: string | undefined;
  readonly password: string | undefined;
  readonly caseInsensitiveNameMatching: boolean;
  readonly metadataCacheTtlMillis: number;
  readonly joinPushdownEnabled: boolean;
  readonly joinPushdownStrategy: JoinPushdownStrategy;
  /** AUTOMATIC: the largest side (bytes) a pushed join may read; undefined means no limit. */
  readonly joinPushdownAutomaticMaxTableSize: number | undefined;
  /** AUTOMATIC: no pushdown when the join's estimated size is at least this ratio of both sides' sizes. */
  readonly joinPushdownAutomaticMaxJoinToTablesRatio: number;
  readonly aggregationPushdownEnabled: boolean;
  readonly topNPushdownEnabled: boolean;
  readonly domainCompactionThreshold: number;
  readonly unsupportedTypeHandling: UnsupportedTypeHandling;
  readonly decimalMapping: DecimalMapping;
  readonly decimalDefaultScale: number;
  readonly decimalRoundingMode: string;
  readonly writeBatchSize: number;
  readonly nonTransactionalInsert: boolean;
  readonly dynamicFilteringEnabled: boolean;
  /** How long split enumeration waits for a scan's dynamic filters to complete. */
  readonly dynamicFilteringWaitTimeoutMillis: number;
  readonly maxPoolSize: number;
  readonly connectTimeoutMillis: number;
  /** Splits to read a table in, by ranges of an integer primary key; 1 reads it in one query. */
  readonly parallelReadSplitCount: number;
  /** Every property as given, for dialect-specific settings (`postgresql.array-mapping` ...). */
  readonly properties: Readonly<Record<string, string>>;
}

function invalid(catalog: string, message: string): TrinoError {
  return new TrinoError(StandardErrorCode.INVALID_CATALOG_PROPERTY, `Catalog '${catalog}': ${message}`);
}

export function parseBoolean(catalog: string, name: string, value: string | undefined, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  const v = value.trim().toLowerCase();
  if (v === 'true') return true;
  if (v === 'false') return false;
  throw invalid(catalog, `invalid value '${value}' for ${name}: expected true or false`);
}

export function parseInteger(catalog: string, name: string, value: string | undefined, fallback: number, min = 0): number {
  if (value === undefined) return fallback;
  const n = Number(value.trim());
  if (!Number.isInteger(n) || n < min) throw invalid(catalog, `invalid value '${value}' for ${name}: expected an integer >= ${min}`);
  return n;
}

export function parseEnum<T extends string>(catalog: string, name: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  const v = value.trim().toUpperCase();
  const found = allowed.find((a) => a === v);
  if (found === undefined) throw invalid(catalog, `invalid value '${value}' for ${name}: expected one of ${allowed.join(', ')}`);
  return found;
}

/** Parses an airlift duration (`500ms`, `10s`, `1m`, `1h`, `0`) into milliseconds. */
export function parseDurationMillis(catalog: string, name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ns|us|ms|s|m|h|d)?\s*$/.exec(value);
  if (m === null) throw invalid(catalog, `invalid duration '${value}' for ${name}`);
  const amount = Number(m[1]);
  const unit = m[2] ?? 's';
  const factor: Record<string, number> = { ns: 1e-6, us: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
  if (m[2] === undefined && amount !== 0) throw invalid(catalog, `invalid duration '${value}' for ${name}: missing unit`);
  return amount * factor[unit]!;
}

/** Parses an airlift data size (`10MB`, `512kB`, `1GB`, `100B`) into bytes; undefined when absent. */
export function parseDataSize(catalog: string, name: string, value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(B|kB|KB|MB|GB|TB|PB)\s*$/.exec(value);
  if (m === null) throw invalid(catalog, `invalid data size '${value}' for ${name}`);
  const exponent: Record<string, number> = { B: 0, kB: 1, KB: 1, MB: 2, GB: 3, TB: 4, PB: 5 };
  return Number(m[1]) * 1024 ** exponent[m[2]!]!;
}

export function parseRatio(catalog: string, name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value.trim());
  if (!Number.isFinite(n) || n < 0) throw invalid(catalog, `invalid value '${value}' for ${name}: expected a number >= 0`);
  return n;
}

/** Splits `jdbc:<scheme>://host:port[/database][?a=b&c=d]`. */
export function parseConnectionUrl(
  catalog: string,
  url: string | undefined,
  scheme: string,
  defaultPort: number,
): { host: string; port: number; database: string | undefined; parameters: Record<string, string> } {
  if (url === undefined) throw invalid(catalog, `connection-url is required`);
  const m = new RegExp(`^jdbc:${scheme}://([^/:?]+|\\[[^\\]]+\\])(?::(\\d+))?(?:/([^?]*))?(?:\\?(.*))?$`).exec(url.trim());
  if (m === null) throw invalid(catalog, `invalid connection-url '${url}': expected jdbc:${scheme}://host:port${scheme === 'postgresql' ? '/database' : ''}`);
  const parameters: Record<string, string> = {};
  for (const part of (m[4] ?? '').split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    if (eq < 0) parameters[decodeURIComponent(part)] = '';
    else parameters[decodeURIComponent(part.slice(0, eq))] = decodeURIComponent(part.slice(eq + 1));
  }
  const database = m[3] === undefined || m[3] === '' ? undefined : decodeURIComponent(m[3]);
  return { host: m[1]!.replace(/^\[|\]$/g, ''), port: m[2] === undefined ? defaultPort : Number(m[2]), database, parameters };
}

export function parseJdbcConfig(
  catalog: string,
  properties: Readonly<Record<string, string>>,
  url: { scheme: string; defaultPort: number },
): JdbcConfig {
  const p = properties;
  const parsed = parseConnectionUrl(catalog, p['connection-url'], url.scheme, url.defaultPort);
  return {
    catalog,
    connectionUrl: p['connection-url']!,
    host: parsed.host,
    port: parsed.port,
    database: parsed.database,
    urlParameters: parsed.parameters,
    user: p['connection-user'] ?? parsed.parameters['user'],
    password: p['connection-password'] ?? parsed.parameters['password'],
    caseInsensitiveNameMatching: parseBoolean(catalog, 'case-insensitive-name-matching', p['case-insensitive-name-matching'], false),
    metadataCacheTtlMillis: parseDurationMillis(catalog, 'metadata.cache-ttl', p['metadata.cache-ttl'], 0),
    joinPushdownEnabled: parseBoolean(catalog, 'join-pushdown.enabled', p['join-pushdown.enabled'], false),
    joinPushdownStrategy: parseEnum(catalog, 'join-pushdown.strategy', p['join-pushdown.strategy'], ['AUTOMATIC', 'EAGER'], 'AUTOMATIC'),
    joinPushdownAutomaticMaxTableSize: parseDataSize(catalog, 'experimental.join-pushdown.automatic.max-table-size', p['experimental.join-pushdown.automatic.max-table-size']),
    joinPushdownAutomaticMaxJoinToTablesRatio: parseRatio(catalog, 'experimental.join-pushdown.automatic.max-join-to-tables-ratio', p['experimental.join-pushdown.automatic.max-join-to-tables-ratio'], 1.25),
    aggregationPushdownEnabled: parseBoolean(catalog, 'aggregation-pushdown.enabled', p['aggregation-pushdown.enabled'], true),
    topNPushdownEnabled: parseBoolean(catalog, 'topn-pushdown.enabled', p['topn-pushdown.enabled'], true),
    domainCompactionThreshold: parseInteger(catalog, 'domain-compaction-threshold', p['domain-compaction-threshold'], 256, 1),
    unsupportedTypeHandling: parseEnum(catalog, 'unsupported-type-handling', p['unsupported-type-handling'], ['IGNORE', 'CONVERT_TO_VARCHAR'], 'IGNORE'),
    decimalMapping: parseEnum(catalog, 'decimal-mapping', p['decimal-mapping'], ['STRICT', 'ALLOW_OVERFLOW'], 'STRICT'),
    decimalDefaultScale: parseInteger(catalog, 'decimal-default-scale', p['decimal-default-scale'], 0),
    decimalRoundingMode: parseEnum(catalog, 'decimal-rounding-mode', p['decimal-rounding-mode'], ['UNNECESSARY', 'HALF_UP', 'HALF_EVEN', 'HALF_DOWN', 'UP', 'DOWN', 'CEILING', 'FLOOR'], 'UNNECESSARY'),
    writeBatchSize: parseInteger(catalog, 'write.batch-size', p['write.batch-size'], 1000, 1),
    nonTransactionalInsert: parseBoolean(catalog, 'insert.non-transactional-insert.enabled', p['insert.non-transactional-insert.enabled'], false),
    dynamicFilteringEnabled: parseBoolean(catalog, 'dynamic-filtering.enabled', p['dynamic-filtering.enabled'], true),
    dynamicFilteringWaitTimeoutMillis: parseDurationMillis(catalog, 'dynamic-filtering.wait-timeout', p['dynamic-filtering.wait-timeout'], 20_000),
    maxPoolSize: parseInteger(catalog, 'connection-pool.max-size', p['connection-pool.max-size'], 8, 1),
    connectTimeoutMillis: parseDurationMillis(catalog, 'connection-timeout', p['connection-timeout'], 10_000),
    parallelReadSplitCount: parseInteger(catalog, 'parallel-read.split-count', p['parallel-read.split-count'], 1, 1),
    properties,
  };
}

/** The options one query runs with: catalog configuration overridden by catalog session properties. */
export interface JdbcSessionOptions {
  readonly caseInsensitiveNameMatching: boolean;
  readonly joinPushdownEnabled: boolean;
  readonly joinPushdownStrategy: JoinPushdownStrategy;
  readonly joinPushdownAutomaticMaxTableSize: number | undefined;
  readonly joinPushdownAutomaticMaxJoinToTablesRatio: number;
  readonly aggregationPushdownEnabled: boolean;
  readonly topNPushdownEnabled: boolean;
  readonly domainCompactionThreshold: number;
  readonly unsupportedTypeHandling: UnsupportedTypeHandling;
  readonly decimalMapping: DecimalMapping;
  readonly decimalDefaultScale: number;
  readonly writeBatchSize: number;
  readonly nonTransactionalInsert: boolean;
  readonly dynamicFilteringEnabled: boolean;
  readonly dynamicFilteringWaitTimeoutMillis: number;
  /** Dialect-specific settings by session property name. */
  readonly extra: Readonly<Record<string, string>>;
}

/** Trino's session properties of the JDBC connectors. */
export function jdbcSessionProperties(config: JdbcConfig): SessionPropertyMetadata[] {
  return [
    { name: 'join_pushdown_enabled', description: 'Enable join pushdown', type: BOOLEAN, defaultValue: String(config.joinPushdownEnabled) },
    { name: 'join_pushdown_strategy', description: 'Join pushdown strategy', type: VARCHAR, defaultValue: config.joinPushdownStrategy },
    {
      name: 'join_pushdown_automatic_max_table_size',
      description: 'Maximum table size to be considered for join pushdown',
      type: VARCHAR,
      defaultValue: config.joinPushdownAutomaticMaxTableSize === undefined ? '' : `${config.joinPushdownAutomaticMaxTableSize}B`,
    },
    {
      name: 'join_pushdown_automatic_max_join_to_tables_ratio',
      description: 'If estimated join output size is greater than or equal to ratio * sum of table sizes, then join pushdown will not be performed',
      type: DOUBLE,
      defaultValue: String(config.joinPushdownAutomaticMaxJoinToTablesRatio),
    },
    { name: 'aggregation_pushdown_enabled', description: 'Enable aggregation pushdown', type: BOOLEAN, defaultValue: String(config.aggregationPushdownEnabled) },
    { name: 'topn_pushdown_enabled', description: 'Enable TopN pushdown', type: BOOLEAN, defaultValue: String(config.topNPushdownEnabled) },
    { name: 'domain_compaction_threshold', description: 'Maximum ranges to allow in a tuple domain without simplifying it', type: INTEGER, defaultValue: String(config.domainCompactionThreshold) },
    { name: 'unsupported_type_handling', description: 'Unsupported type handling strategy', type: VARCHAR, defaultValue: config.unsupportedTypeHandling },
    { name: 'decimal_mapping', description: 'Decimal mapping for unspecified and exceeding precision decimals', type: VARCHAR, defaultValue: config.decimalMapping },
    { name: 'decimal_default_scale', description: 'Default decimal scale for mapping unspecified and exceeding precision decimals', type: INTEGER, defaultValue: String(config.decimalDefaultScale) },
    { name: 'decimal_rounding_mode', description: 'Rounding mode for mapping unspecified and exceeding precision decimals', type: VARCHAR, defaultValue: config.decimalRoundingMode },
    { name: 'write_batch_size', description: 'Maximum number of rows to write in a single batch', type: BIGINT, defaultValue: String(config.writeBatchSize) },
    { name: 'non_transactional_insert', description: 'Do not use temporary table on insert to table', type: BOOLEAN, defaultValue: String(config.nonTransactionalInsert) },
    { name: 'dynamic_filtering_enabled', description: 'Wait for dynamic filters before starting JDBC query', type: BOOLEAN, defaultValue: String(config.dynamicFilteringEnabled) },
    {
      name: 'dynamic_filtering_wait_timeout',
      description: 'Duration to wait for completion of dynamic filters',
      type: VARCHAR,
      defaultValue: `${config.dynamicFilteringWaitTimeoutMillis}ms`,
    },
    { name: 'case_insensitive_name_matching', description: 'Match schema and table names case insensitively', type: BOOLEAN, defaultValue: String(config.caseInsensitiveNameMatching), hidden: true },
  ];
}

export function sessionOptions(config: JdbcConfig, session: ConnectorSession | undefined): JdbcSessionOptions {
  const s = session?.properties ?? {};
  const c = config.catalog;
  return {
    caseInsensitiveNameMatching: parseBoolean(c, 'case_insensitive_name_matching', s['case_insensitive_name_matching'], config.caseInsensitiveNameMatching),
    joinPushdownEnabled: parseBoolean(c, 'join_pushdown_enabled', s['join_pushdown_enabled'], config.joinPushdownEnabled),
    joinPushdownStrategy: parseEnum(c, 'join_pushdown_strategy', s['join_pushdown_strategy'], ['AUTOMATIC', 'EAGER'], config.joinPushdownStrategy),
    joinPushdownAutomaticMaxTableSize:
      s['join_pushdown_automatic_max_table_size'] === undefined
        ? config.joinPushdownAutomaticMaxTableSize
        : parseDataSize(c, 'join_pushdown_automatic_max_table_size', s['join_pushdown_automatic_max_table_size']),
    joinPushdownAutomaticMaxJoinToTablesRatio: parseRatio(
      c,
      'join_pushdown_automatic_max_join_to_tables_ratio',
      s['join_pushdown_automatic_max_join_to_tables_ratio'],
      config.joinPushdownAutomaticMaxJoinToTablesRatio,
    ),
    aggregationPushdownEnabled: parseBoolean(c, 'aggregation_pushdown_enabled', s['aggregation_pushdown_enabled'], config.aggregationPushdownEnabled),
    topNPushdownEnabled: parseBoolean(c, 'topn_pushdown_enabled', s['topn_pushdown_enabled'], config.topNPushdownEnabled),
    domainCompactionThreshold: parseInteger(c, 'domain_compaction_threshold', s['domain_compaction_threshold'], config.domainCompactionThreshold, 1),
    unsupportedTypeHandling: parseEnum(c, 'unsupported_type_handling', s['unsupported_type_handling'], ['IGNORE', 'CONVERT_TO_VARCHAR'], config.unsupportedTypeHandling),
    decimalMapping: parseEnum(c, 'decimal_mapping', s['decimal_mapping'], ['STRICT', 'ALLOW_OVERFLOW'], config.decimalMapping),
    decimalDefaultScale: parseInteger(c, 'decimal_default_scale', s['decimal_default_scale'], config.decimalDefaultScale),
    writeBatchSize: parseInteger(c, 'write_batch_size', s['write_batch_size'], config.writeBatchSize, 1),
    nonTransactionalInsert: parseBoolean(c, 'non_transactional_insert', s['non_transactional_insert'], config.nonTransactionalInsert),
    dynamicFilteringEnabled: parseBoolean(c, 'dynamic_filtering_enabled', s['dynamic_filtering_enabled'], config.dynamicFilteringEnabled),
    dynamicFilteringWaitTimeoutMillis: parseDurationMillis(c, 'dynamic_filtering_wait_timeout', s['dynamic_filtering_wait_timeout'], config.dynamicFilteringWaitTimeoutMillis),
    extra: s,
  };
}
