import type { ColumnStatistics, SqlType, SqlValue, TableStatistics } from '@petrel/spi';
import { getValue } from '@petrel/spi';
import { MemoryTable } from './memory-table.js';
import { NumberHyperLogLog } from './hyperloglog.js';

/** Rows read per column at most; larger tables are sampled, one row per stride. */
export const STATISTICS_SAMPLE_ROWS = 100_000;

/**
 * Statistics for the optimizer: exact row count; nulls, distinct values, data size and numeric
 * bounds exact for tables up to `STATISTICS_SAMPLE_ROWS` rows and estimated from a sample of one row
 * per stride beyond, so that a large table costs bounded time (statistics are estimates either way).
 */
export function computeTableStatistics(table: MemoryTable): TableStatistics {
  const rowCount = table.rowCount();
  const step = Math.max(1, Math.ceil(rowCount / STATISTICS_SAMPLE_ROWS));
  const columns: Record<string, ColumnStatistics> = {};
  for (const column of table.columns) {
    let sampled = 0;
    let nulls = 0;
    const distinct = new Set<unknown>();
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    let numeric = true;
    let dataSize = 0;
    // One row per stride of `step` rows, at a pseudo-random place in the stride (evenly spaced
    // rows would alias with periodic data).
    let pageIndex = 0;
    let pageStart = 0;
    for (let stride = 0; stride * step < rowCount; stride++) {
      const row = Math.min(rowCount - 1, stride * step + (step === 1 ? 0 : jitter(stride) % step));
      while (row >= pageStart + table.pages[pageIndex]!.positionCount) {
        pageStart += table.pages[pageIndex]!.positionCount;
        pageIndex++;
      }
      const value = getValue(MemoryTable.columnBlock(table.pages[pageIndex]!, column.columnId), row - pageStart);
      sampled++;
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
    const scale = sampled === 0 ? 1 : rowCount / sampled;
    const nonNullSampled = sampled - nulls;
    const isBoundedType =
      column.type.kind !== 'varchar' && column.type.kind !== 'char' && column.type.kind !== 'varbinary' && column.type.kind !== 'boolean';
    columns[column.name] = {
      nullsFraction: sampled === 0 ? 0 : nulls / sampled,
      distinctValuesCount:
        step > 1 && distinct.size * 2 >= nonNullSampled
          ? (countDistinctNumbers(table, column.columnId, Math.round(nonNullSampled * scale)) ??
            estimateDistinct(distinct.size, nonNullSampled, Math.round(nonNullSampled * scale)))
          : estimateDistinct(distinct.size, nonNullSampled, Math.round(nonNullSampled * scale)),
      ...(dataSize > 0 ? { dataSize: Math.round(dataSize * scale) } : {}),
      ...(numeric && isBoundedType && nonNullSampled > 0 && Number.isFinite(min) ? { min, max } : {}),
    };
  }
  return { rowCount, columns };
}

/**
 * Distinct values of a whole column stored in typed arrays, by a HyperLogLog over every row; used
 * for sampled columns that look like keys, where a sample of one row per stride cannot tell a
 * unique key from a key repeated on a few adjacent rows (l_orderkey). Undefined when some page
 * holds the column in another representation. Capped at the non-null row count.
 */
function countDistinctNumbers(table: MemoryTable, columnId: number, nonNullRows: number): number | undefined {
  const sketch = new NumberHyperLogLog();
  for (const page of table.pages) {
    const block = MemoryTable.columnBlock(page, columnId);
    if (block.kind !== 'float64' && block.kind !== 'int32' && block.kind !== 'int64') return undefined;
    sketch.addAll(block.values, block.nulls, page.positionCount);
  }
  return Math.max(1, Math.min(nonNullRows, Math.round(sketch.estimate())));
}

/** A deterministic scramble of the stride number. */
function jitter(stride: number): number {
  let x = Math.imul(stride ^ 0x9e3779b9, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/**
 * Distinct values of the whole column from `seen` distinct values among `sampled` non-null rows
 * of `total`, by the method of moments under equal value frequencies: with D distinct values each
 * on total/D rows, a sample of a fraction q of the rows misses a value with probability
 * (1 - q)^(total/D), so the expected distinct count in the sample is D * (1 - (1 - q)^(total/D)).
 * That expectation grows with D, so D is found by bisection. Keys (every sampled value distinct)
 * come out near `total`; a key repeated on a few rows each (a foreign key such as l_orderkey)
 * comes out near its true count instead of scaling with the table; saturated codes stay at `seen`.
 */
export function estimateDistinct(seen: number, sampled: number, total: number): number {
  if (sampled === 0 || sampled >= total || seen === 0) return seen;
  if (seen >= sampled) return total;
  const q = sampled / total;
  const logMiss = Math.log1p(-q);
  const expectedSeen = (d: number): number => d * -Math.expm1((total / d) * logMiss);
  let low = seen;
  let high = total;
  for (let iteration = 0; iteration < 60 && high - low > 0.5; iteration++) {
    const middle = (low + high) / 2;
    if (expectedSeen(middle) < seen) low = middle;
    else high = middle;
  }
  return Math.min(total, Math.max(seen, Math.round((low + high) / 2)));
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
