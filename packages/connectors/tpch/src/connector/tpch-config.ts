/** Catalog properties of the tpch connector (those Trino's tpch connector has). */

import { availableParallelism } from 'node:os';
import { StandardErrorCode, TrinoError } from '@petrel/spi';
import type { ColumnNaming, DoubleTypeMapping } from '../tpch-schema.js';

export const TPCH_PROPERTIES = [
  'tpch.column-naming',
  'tpch.double-type-mapping',
  'tpch.splits-per-node',
  'tpch.max-rows-per-page',
  'tpch.partitioning-enabled',
  'tpch.predicate-pushdown-enabled',
  'tpch.table-scan-redirection-catalog',
  'tpch.table-scan-redirection-schema',
] as const;

export interface TpchConfig {
  readonly columnNaming: ColumnNaming;
  readonly doubleTypeMapping: DoubleTypeMapping;
  /** Parts each table is cut into (Trino: per node; Petrel plans one set of splits per catalog). */
  readonly splitsPerNode: number;
  readonly maxRowsPerPage: number;
}

/** Rows per generated page unless `tpch.max-rows-per-page` asks for fewer. */
const PAGE_ROWS = 8192;

function invalid(message: string): TrinoError {
  return new TrinoError(StandardErrorCode.GENERIC_USER_ERROR, message);
}

function positiveInteger(properties: Readonly<Record<string, string>>, name: string, fallback: number): number {
  const text = properties[name];
  if (text === undefined) return fallback;
  const value = Number(text.trim());
  if (!Number.isInteger(value) || value <= 0) throw invalid(`Invalid property ${name}: ${text}`);
  return value;
}

function oneOf<T extends string>(properties: Readonly<Record<string, string>>, name: string, allowed: readonly T[], fallback: T): T {
  const text = properties[name];
  if (text === undefined) return fallback;
  const upper = text.trim().toUpperCase();
  const found = allowed.find((a) => a === upper);
  if (found === undefined) throw invalid(`Invalid value '${text}' for property ${name}: expected one of ${allowed.join(', ')}`);
  return found;
}

export function parseTpchConfig(properties: Readonly<Record<string, string>>): TpchConfig {
  return {
    columnNaming: oneOf<ColumnNaming>(properties, 'tpch.column-naming', ['SIMPLIFIED', 'STANDARD'], 'SIMPLIFIED'),
    doubleTypeMapping: oneOf<DoubleTypeMapping>(properties, 'tpch.double-type-mapping', ['DOUBLE', 'DECIMAL'], 'DOUBLE'),
    splitsPerNode: positiveInteger(properties, 'tpch.splits-per-node', Math.max(1, availableParallelism())),
    maxRowsPerPage: Math.min(PAGE_ROWS, positiveInteger(properties, 'tpch.max-rows-per-page', 1_000_000)),
  };
}
