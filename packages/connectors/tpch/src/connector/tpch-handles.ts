/** The tpch connector's handles: plain JSON data. */

import type { ConnectorColumnHandle, ConnectorSplit, ConnectorTableHandle, SqlType } from '@petrel/spi';
import type { TpchTableName } from '../tpch-schema.js';

export interface TpchTableHandle {
  readonly connector: 'tpch';
  readonly schema: string;
  readonly table: TpchTableName;
  readonly scaleFactor: number;
  /** Pushed-down LIMIT: the scan is one split that stops after this many rows. */
  readonly limit?: number;
}

export interface TpchColumnHandle {
  readonly name: string;
  readonly type: SqlType;
  /** Position in the TPC-H column order of the table. */
  readonly ordinal: number;
}

export interface TpchSplit {
  readonly table: TpchTableName;
  readonly scaleFactor: number;
  /** 1-based. */
  readonly part: number;
  readonly partCount: number;
  /** Stop after this many rows (a pushed-down LIMIT). */
  readonly limit?: number;
}

export function asTpchTableHandle(handle: ConnectorTableHandle): TpchTableHandle {
  if (handle['connector'] !== 'tpch') throw new Error('not a tpch table handle');
  return handle as unknown as TpchTableHandle;
}

export function asTpchColumnHandle(handle: ConnectorColumnHandle): TpchColumnHandle {
  if (typeof handle['ordinal'] !== 'number') throw new Error(`not a tpch column handle: ${handle.name}`);
  return handle as unknown as TpchColumnHandle;
}

export function asTpchSplit(split: ConnectorSplit): TpchSplit {
  return split as unknown as TpchSplit;
}

export const TINY_SCHEMA = 'tiny';
export const TINY_SCALE_FACTOR = 0.01;

/** The schemas SHOW SCHEMAS lists; any `sfN` with N > 0 also works. */
export const LISTED_SCHEMAS: readonly string[] = [
  'sf1', 'sf100', 'sf1000', 'sf10000', 'sf100000', 'sf300', 'sf3000', 'sf30000', 'tiny',
];

/** `tiny` is 0.01; `sfN` is N; anything else is not a tpch schema. */
export function schemaScaleFactor(schema: string): number | undefined {
  if (schema === TINY_SCHEMA) return TINY_SCALE_FACTOR;
  if (!schema.startsWith('sf')) return undefined;
  const text = schema.slice(2);
  if (!/^(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(text)) return undefined;
  const value = Number(text);
  return Number.isFinite(value) && value > 0 ? value : undefined;
}
