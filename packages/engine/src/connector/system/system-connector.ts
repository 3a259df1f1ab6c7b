import type { ColumnMetadata, ConnectorSession, SqlType, SqlValue } from '@petrel/spi';
import { arrayType, BIGINT, BOOLEAN, timestampWithTimeZone, timestampWithTimeZoneType, typeDisplayName, VARCHAR } from '@petrel/spi';
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

const PROPERTY_COLUMNS = [col('catalog_name'), col('property_name'), col('default_value'), col('type'), col('description')];

/** The `system` catalog: runtime state (nodes, queries, tasks) and metadata (catalogs, properties, comments). */
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
        col('raw_input_bytes', BIGINT),
        col('raw_input_rows', BIGINT),
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
      () => {
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
          q.processedBytes,
          q.processedRows,
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
    table('metadata', 'catalogs', [col('catalog_name'), col('connector_id'), col('connector_name')], () =>
      state.catalogs().map((c) => [c.name, c.name, c.connectorName]),
    ),
    table('metadata', 'schema_properties', PROPERTY_COLUMNS, () => []),
    table('metadata', 'table_properties', PROPERTY_COLUMNS, () =>
      state.catalogs().flatMap((c) =>
        (c.connector.tableProperties ?? []).map((p) => [c.name, p.name, p.defaultValue, typeDisplayName(p.type), p.description]),
      ),
    ),
    table('metadata', 'column_properties', PROPERTY_COLUMNS, () => []),
    table('metadata', 'materialized_view_properties', PROPERTY_COLUMNS, () => []),
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
  return new SystemTablesConnector(tables);
}
