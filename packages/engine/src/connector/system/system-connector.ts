import type { ColumnMetadata, ConnectorSession, SqlType, SqlValue } from '@petrel/spi';
import { arrayType, BIGINT, BOOLEAN, DOUBLE, mapType, timestampWithTimeZone, timestampWithTimeZoneType, typeDisplayName, VARCHAR } from '@petrel/spi';
import { jdbcTables } from './jdbc-tables.js';
import type { SystemState } from './system-state.js';
import type { SystemTable } from './system-table.js';
import { SystemTablesConnector } from './system-tables-connector.js';

const TIMESTAMP_TZ = timestampWithTimeZoneType(3);

function col(name: string, type: SqlType = VARCHAR): ColumnMetadata {
  return { name, type, nullable: true };
}

function ts(millis: number | undefined): SqlValue {
  return millis === undefined ? null : timestampWithTimeZone(millis, 0, 'UTC');
}

type Rows = readonly (readonly SqlValue[])[];

function table(schema: string, name: string, columns: readonly ColumnMetadata[], rows: (session: ConnectorSession) => Promise<Rows> | Rows): SystemTable {
  return { name: { schema, table: name }, columns, rows: async (session) => rows(session) };
}

/** Trino's percentiles of optimizer rule timing (`time_distribution_percentiles` keys). */
const RULE_TIME_PERCENTILES = [0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99];

const PROPERTY_COLUMNS = [col('catalog_name'), col('property_name'), col('default_value'), col('type'), col('description')];

/**
 * The `system` catalog: runtime state (nodes, queries, tasks, transactions, optimizer rule
 * statistics), metadata (catalogs, properties, comments, authorization, materialized views) and
 * the `jdbc` schema the JDBC driver reads.
 */
export function createSystemConnector(state: SystemState): SystemTablesConnector {
  const tables: SystemTable[] = [
    table('runtime', 'nodes', [col('node_id'), col('http_uri'), col('node_version'), col('coordinator', BOOLEAN), col('state')], () =>
      state.nodes().map((n) => [n.nodeId, n.httpUri, n.nodeVersion, n.coordinator, n.state]),
    ),
    table(
      'runtime',
      'queries',
      [
        col('query_id'),
        col('state'),
        col('user'),
        col('source'),
        col('query'),
        col('resource_group_id', arrayType(VARCHAR)),
        col('queued_time_ms', BIGINT),
        col('analysis_time_ms', BIGINT),
        col('planning_time_ms', BIGINT),
        col('created', TIMESTAMP_TZ),
        col('started', TIMESTAMP_TZ),
        col('last_heartbeat', TIMESTAMP_TZ),
        col('end', TIMESTAMP_TZ),
        col('error_type'),
        col('error_code'),
      ],
      () =>
        state
          .queries()
          .map((q) => [
            q.queryId,
            q.state,
            q.user,
            q.source ?? null,
            q.query,
            ['global'],
            Math.round(q.queuedMillis),
            Math.round(q.analysisMillis),
            Math.round(q.planningMillis),
            ts(q.created),
            ts(q.started),
            ts(q.lastHeartbeat),
            ts(q.end),
            q.errorType ?? null,
            q.errorCode ?? null,
          ]),
    ),
    table(
      'runtime',
      'tasks',
      [
        col('node_id'),
        col('task_id'),
        col('stage_id'),
        col('query_id'),
        col('state'),
        col('splits', BIGINT),
        col('queued_splits', BIGINT),
        col('running_splits', BIGINT),
        col('completed_splits', BIGINT),
        col('split_scheduled_time_ms', BIGINT),
        col('split_cpu_time_ms', BIGINT),
        col('split_blocked_time_ms', BIGINT),
        col('internal_network_input_bytes', BIGINT),
        col('processed_input_bytes', BIGINT),
        col('processed_input_rows', BIGINT),
        col('output_bytes', BIGINT),
        col('output_rows', BIGINT),
        col('physical_input_bytes', BIGINT),
        col('physical_written_bytes', BIGINT),
        col('created', TIMESTAMP_TZ),
        col('start', TIMESTAMP_TZ),
        col('last_heartbeat', TIMESTAMP_TZ),
        col('end', TIMESTAMP_TZ),
      ],
      async () => {
        if (state.tasks !== undefined) {
          return (await state.tasks()).map((t) => [
            t.nodeId,
            t.taskId,
            t.stageId,
            t.queryId,
            t.state,
            t.splits,
            0,
            t.state === 'RUNNING' ? t.splits - t.completedSplits : 0,
            t.completedSplits,
            0,
            0,
            0,
            // internal_network_input_bytes: not reported by task status yet
            0,
            t.processedBytes,
            t.processedRows,
            t.outputBytes,
            t.outputRows,
            t.processedBytes,
            0,
            ts(t.created),
            ts(t.created),
            ts(t.end ?? Date.now()),
            ts(t.end),
          ]);
        }
        const node = state.nodes().find((n) => n.coordinator)?.nodeId ?? 'petrel';
        // A single-node engine runs each query as one task: stage 0, task 0.
        return state.queries().map((q) => [
          node,
          `${q.queryId}.0.0.0`,
          `${q.queryId}.0`,
          q.queryId,
          q.state === 'FAILED' ? 'FAILED' : q.end === undefined ? 'RUNNING' : 'FINISHED',
          q.totalSplits,
          0,
          q.totalSplits - q.completedSplits > 0 && q.end === undefined ? q.totalSplits - q.completedSplits : 0,
          q.completedSplits,
          0,
          0,
          0,
          // one task reads no exchange; a cluster task fills this from its remote sources
          0,
          q.processedBytes,
          q.processedRows,
          q.outputBytes,
          q.outputRows,
          q.processedBytes,
          0,
          ts(q.created),
          ts(q.started),
          ts(q.lastHeartbeat),
          ts(q.end),
        ]);
      },
    ),
    table(
      'runtime',
      'transactions',
      [
        col('transaction_id'),
        col('isolation_level'),
        col('read_only', BOOLEAN),
        col('auto_commit_context', BOOLEAN),
        col('create_time', TIMESTAMP_TZ),
        col('idle_time_secs', BIGINT),
        col('written_catalog'),
        col('catalogs', arrayType(VARCHAR)),
      ],
      () => {
        const now = Date.now();
        return (state.transactions?.() ?? []).map((t) => [
          t.transactionId,
          t.isolationLevel,
          t.readOnly,
          t.autoCommit,
          ts(t.createTime),
          Math.max(0, Math.floor((now - t.lastActivity) / 1000)),
          t.writtenCatalog ?? null,
          [...t.catalogs],
        ]);
      },
    ),
    table(
      'runtime',
      'optimizer_rule_stats',
      [
        col('rule_name'),
        col('invocations', BIGINT),
        col('matches', BIGINT),
        col('failures', BIGINT),
        col('average_time', DOUBLE),
        col('time_distribution_percentiles', mapType(DOUBLE, DOUBLE)),
      ],
      () =>
        (state.optimizerRuleStats?.() ?? []).map((r) => [
          r.rule,
          r.invocations,
          r.matches,
          r.failures,
          r.averageNanos,
          { kind: 'map', keys: RULE_TIME_PERCENTILES, values: RULE_TIME_PERCENTILES.map((p) => r.percentiles.get(p) ?? 0) },
        ]),
    ),
    table('metadata', 'catalogs', [col('catalog_name'), col('connector_id'), col('connector_name'), col('state')], () =>
      state.catalogs().map((c) => [c.name, c.name, c.connectorName, 'OPERATIONAL']),
    ),
    table('metadata', 'schema_properties', PROPERTY_COLUMNS, () => []),
    // No connector declares ANALYZE properties yet (ANALYZE takes none).
    table('metadata', 'analyze_properties', PROPERTY_COLUMNS, () => []),
    table('metadata', 'table_properties', PROPERTY_COLUMNS, () =>
      state.catalogs().flatMap((c) =>
        (c.connector.tableProperties ?? []).map((p) => [c.name, p.name, p.defaultValue, typeDisplayName(p.type), p.description]),
      ),
    ),
    table('metadata', 'column_properties', PROPERTY_COLUMNS, () => []),
    table('metadata', 'materialized_view_properties', PROPERTY_COLUMNS, () => []),
    // No connector stores materialized views yet: the table exists with Trino's columns.
    table(
      'metadata',
      'materialized_views',
      [
        col('catalog_name'),
        col('schema_name'),
        col('name'),
        col('storage_catalog'),
        col('storage_schema'),
        col('storage_table'),
        col('freshness'),
        col('last_fresh_time', timestampWithTimeZoneType(9)),
        col('comment'),
        col('definition'),
      ],
      () => [],
    ),
    // Connectors report no schema owners; views report theirs (tables_authorization).
    table('metadata', 'schemas_authorization', [col('catalog'), col('schema'), col('authorization_type'), col('authorization')], () => []),
    table(
      'metadata',
      'tables_authorization',
      [col('catalog'), col('schema'), col('name'), col('authorization_type'), col('authorization')],
      async (session) => {
        const rows: SqlValue[][] = [];
        for (const c of state.catalogs()) {
          const metadata = c.connector.metadata;
          if (metadata.listViews === undefined || metadata.getView === undefined) continue;
          for (const name of await metadata.listViews(session, undefined)) {
            const view = await metadata.getView(session, name);
            if (view?.owner !== undefined) rows.push([c.name, name.schema, name.table, 'USER', view.owner]);
          }
        }
        return rows;
      },
    ),
    table('metadata', 'functions_authorization', [col('catalog'), col('schema'), col('name'), col('authorization_type'), col('authorization')], () => []),
    table(
      'metadata',
      'table_comments',
      [col('catalog_name'), col('schema_name'), col('table_name'), col('comment')],
      async (session) => {
        const rows: SqlValue[][] = [];
        for (const c of state.catalogs()) {
          if (c.name === 'system') continue;
          for (const name of await c.connector.metadata.listTables(session, undefined)) {
            if (name.schema === 'information_schema') continue;
            const handle = await c.connector.metadata.getTableHandle(session, name);
            if (handle === undefined) continue;
            const meta = await c.connector.metadata.getTableMetadata(session, handle);
            rows.push([c.name, name.schema, name.table, meta.comment ?? null]);
          }
        }
        return rows;
      },
    ),
  ];
  return new SystemTablesConnector([...tables, ...jdbcTables(state)]);
}
