import type { SqlType } from '@petrel/spi';
import { BOOLEAN, INTEGER, StandardErrorCode, TrinoError, VARCHAR } from '@petrel/spi';
import { parseDataSize } from '../config/data-size.js';
import { parseDuration } from '../config/duration.js';

/** A system session property: name, SQL type, default (as text) and how its value is checked. */
export interface SessionPropertyDefinition {
  readonly name: string;
  readonly description: string;
  readonly type: SqlType;
  readonly defaultValue: string;
  readonly hidden?: boolean;
  /** Throws (any error) when `value` is not acceptable; returns the canonical text to store. */
  readonly validate?: (value: string) => string;
}

function dataSize(name: string, description: string, defaultValue: string): SessionPropertyDefinition {
  return {
    name,
    description,
    type: VARCHAR,
    defaultValue,
    validate: (v) => {
      parseDataSize(v);
      return v.trim();
    },
  };
}

function duration(name: string, description: string, defaultValue: string): SessionPropertyDefinition {
  return {
    name,
    description,
    type: VARCHAR,
    defaultValue,
    validate: (v) => {
      parseDuration(v);
      return v.trim();
    },
  };
}

function enumeration(name: string, description: string, values: readonly string[], defaultValue: string): SessionPropertyDefinition {
  return {
    name,
    description,
    type: VARCHAR,
    defaultValue,
    validate: (v) => {
      const match = values.find((x) => x === v.trim().toUpperCase());
      if (match === undefined) throw new Error(`Value must be one of ${values.join(', ')}`);
      return match;
    },
  };
}

function bool(name: string, description: string, defaultValue: boolean): SessionPropertyDefinition {
  return { name, description, type: BOOLEAN, defaultValue: String(defaultValue) };
}

function integer(name: string, description: string, defaultValue: number, check?: (n: number) => void): SessionPropertyDefinition {
  return {
    name,
    description,
    type: INTEGER,
    defaultValue: String(defaultValue),
    validate: (v) => {
      const n = Number(v);
      check?.(n);
      return String(n);
    },
  };
}

function positive(n: number): void {
  if (n < 1) throw new Error('must be positive');
}

/** The system session properties Petrel knows (Trino's names, types and defaults). */
export const SYSTEM_SESSION_PROPERTIES: readonly SessionPropertyDefinition[] = [
  dataSize('query_max_memory', 'Maximum amount of distributed memory a query can use', '20GB'),
  dataSize('query_max_total_memory', 'Maximum amount of distributed total memory a query can use', '40GB'),
  duration('query_max_run_time', 'Maximum run time of a query (includes the queueing time)', '100.00d'),
  duration('query_max_execution_time', 'Maximum execution time of a query', '100.00d'),
  duration('query_max_planning_time', 'Maximum planning time of a query', '10.00m'),
  enumeration('join_distribution_type', 'Join distribution type', ['AUTOMATIC', 'PARTITIONED', 'BROADCAST'], 'AUTOMATIC'),
  enumeration('join_reordering_strategy', 'Join reordering strategy', ['NONE', 'ELIMINATE_CROSS_JOINS', 'AUTOMATIC'], 'AUTOMATIC'),
  dataSize('join_max_broadcast_table_size', 'Maximum estimated size of a table that can be broadcast when using automatic join type selection', '100MB'),
  integer('max_recursion_depth', 'Maximum recursion depth for recursive common table expression', 10, positive),
  integer('task_concurrency', 'Default number of local parallel jobs per worker', 16, (n) => {
    if (n < 1 || (n & (n - 1)) !== 0) throw new Error('task_concurrency must be a power of 2');
  }),
  integer('hash_partition_count', 'Number of partitions for distributed joins and aggregations', 100, positive),
  integer('query_priority', 'The priority of queries. Larger numbers are higher priority', 1, positive),
  integer('required_workers_count', 'Minimum number of active workers that must be available before the query will start', 1, positive),
  bool('enable_dynamic_filtering', 'Enable dynamic filtering', true),
  bool('spill_enabled', 'Enable spilling', false),
  bool('distributed_sort', 'Parallelize sort across multiple nodes', true),
  bool('redistribute_writes', 'Force parallel distributed writes', true),
  bool('scale_writers', 'Scale out writers based on throughput (use minimum necessary)', true),
  bool('prefer_partial_aggregation', 'Prefer splitting aggregations into partial and final stages', true),
  bool('push_aggregation_through_outer_join', 'Allow pushing aggregations below joins', true),
  bool('use_mark_distinct', 'Implement DISTINCT aggregations using MarkDistinct', true),
  bool('optimize_metadata_queries', 'Enable optimization for metadata queries', false),
  bool('dictionary_aggregation', 'Enable optimization for aggregations on dictionaries', false),
  bool('enable_stats_calculation', 'Enable statistics calculation', true),
  bool('ignore_stats_calculator_failures', 'Ignore statistics calculator failures', true),
  bool('collect_plan_statistics_for_all_queries', 'Collect plan statistics for non-EXPLAIN queries', false),
  bool('omit_datetime_type_precision', 'Omit precision when rendering datetime type names with default precision', false),
  enumeration('retry_policy', 'Retry policy', ['NONE', 'QUERY', 'TASK'], 'NONE'),
  enumeration('execution_policy', 'Policy used for scheduling query tasks', ['ALL-AT-ONCE', 'PHASED'], 'PHASED'),
  duration('iterative_optimizer_timeout', 'Timeout for plan optimization in iterative optimizer', '3.00m'),
  dataSize('filter_and_project_min_output_page_size', 'Experimental: Minimum output page size for filter and project operators', '500kB'),
  integer('filter_and_project_min_output_page_row_count', 'Experimental: Minimum output page row count for filter and project operators', 256, positive),
  integer('max_reordered_joins', 'The maximum number of joins to reorder as one group in cost-based join reordering', 8, positive),
];

const BY_NAME = new Map(SYSTEM_SESSION_PROPERTIES.map((p) => [p.name, p]));

export function findSystemSessionProperty(name: string): SessionPropertyDefinition | undefined {
  return BY_NAME.get(name);
}

/** The value of a system property in a session, or its default. */
export function systemPropertyValue(properties: Readonly<Record<string, string>>, name: string): string {
  const value = properties[name];
  if (value !== undefined) return value;
  const definition = BY_NAME.get(name);
  if (definition === undefined) throw new TrinoError(StandardErrorCode.INVALID_SESSION_PROPERTY, `Session property '${name}' does not exist`);
  return definition.defaultValue;
}

