import type { ColumnStatistics, SqlType, SqlValue, TableStatistics } from '@petrel/spi';
import { getValue } from '@petrel/spi';
import { MemoryTable } from './memory-table.js';

/** Exact statistics computed from the stored data: row count, nulls, distinct values, numeric bounds. */
export function computeTableStatistics(table: MemoryTable): TableStatistics {
  const rowCount = table.rowCount();
  const columns: Record<string, ColumnStatistics> = {};
  for (const column of table.columns) {
    let nulls = 0;
    const distinct = new Set<unknown>();
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    let numeric = true;
    let dataSize = 0;
    for (const page of table.pages) {
      const block = MemoryTable.columnBlock(page, column.columnId);
      for (let i = 0; i < page.positionCount; i++) {
        const value = getValue(block, i);
        if (value === null) {
          nulls++;
          continue;
        }
        distinct.add(distinctKey(value));
        if (typeof value === 'string') dataSize += value.length;
        else if (value instanceof Uint8Array) dataSize += value.byteLength;
        const n = numericBound(value, column.type);
        if (n === undefined) numeric = false;
        else {
          if (n < min) min = n;
          if (n > max) max = n;
        }
      }
    }
    const nonNull = rowCount - nulls;
    const isBoundedType =
      column.type.kind !== 'varchar' && column.type.kind !== 'char' && column.type.kind !== 'varbinary' && column.type.kind !== 'boolean';
    columns[column.name] = {
      nullsFraction: rowCount === 0 ? 0 : nulls / rowCount,
      distinctValuesCount: distinct.size,
      ...(dataSize > 0 ? { dataSize } : {}),
      ...(numeric && isBoundedType && nonNull > 0 && Number.isFinite(min) ? { min, max } : {}),
    };
  }
  return { rowCount, columns };
}

function numericBound(value: SqlValue, type: SqlType): number | undefined {
  const scale = type.kind === 'decimal' ? 10 ** type.scale : 1;
  if (typeof value === 'number') return value / scale;
  if (typeof value === 'bigint') return Number(value) / scale;
  return undefined;
}

function distinctKey(value: SqlValue): unknown {
  if (value === null || typeof value !== 'object') return typeof value === 'bigint' ? `n${value}` : value;
  if (value instanceof Uint8Array) return `b${Buffer.from(value).toString('hex')}`;
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v instanceof Uint8Array ? Array.from(v) : v));
}
