/**
 * Table statistics for the optimizer, from the generator's rules: exact row counts (lineitem's
 * counted from its line-count stream up to SF 10, estimated beyond), distinct counts and ranges.
 */

import type { ColumnStatistics, TableStatistics } from '@petrel/spi';
import { assertNever } from '@petrel/spi';
import { RandomStream } from '../generator/random-stream.js';
import { makeOrderKey } from '../generator/tables/order-rules.js';
import { scaledRowCount } from '../generator/row-range.js';
import type { ColumnNaming, TpchTableName } from '../tpch-schema.js';
import { columnName, tpchTableDefinition } from '../tpch-schema.js';

const DAY_1992_01_01 = 8035;
const LAST_ORDER_DAY = 10440; // 1998-08-02

type Stats = Record<string, ColumnStatistics>;

const lineItemCounts = new Map<number, number>();

/** Exact lineitem row count up to 15M orders, else 4 lines per order (the expected count). */
export function lineItemRowCount(scaleFactor: number): number {
  const orders = scaledRowCount(1_500_000, scaleFactor);
  if (orders > 15_000_000) return orders * 4;
  const cached = lineItemCounts.get(scaleFactor);
  if (cached !== undefined) return cached;
  const lineCount = new RandomStream(1434868289, 1);
  let total = 0;
  for (let i = 0; i < orders; i++) {
    total += lineCount.nextInt(1, 7);
    lineCount.rowFinished();
  }
  lineItemCounts.set(scaleFactor, total);
  return total;
}

export function tableRowCount(table: TpchTableName, scaleFactor: number): number {
  switch (table) {
    case 'nation':
      return 25;
    case 'region':
      return 5;
    case 'part':
      return scaledRowCount(200_000, scaleFactor);
    case 'supplier':
      return scaledRowCount(10_000, scaleFactor);
    case 'partsupp':
      return scaledRowCount(200_000, scaleFactor) * 4;
    case 'customer':
      return scaledRowCount(150_000, scaleFactor);
    case 'orders':
      return scaledRowCount(1_500_000, scaleFactor);
    case 'lineitem':
      return lineItemRowCount(scaleFactor);
    default:
      return assertNever(table, 'tpch table');
  }
}

function range(distinct: number, min: number, max: number): ColumnStatistics {
  return { nullsFraction: 0, distinctValuesCount: distinct, min, max };
}

function text(rows: number, distinct: number, averageLength: number): ColumnStatistics {
  return { nullsFraction: 0, distinctValuesCount: distinct, dataSize: rows * averageLength };
}

/** Column statistics by simplified column name. */
function simplifiedStatistics(table: TpchTableName, sf: number, rows: number): Stats {
  const parts = scaledRowCount(200_000, sf);
  const suppliers = scaledRowCount(10_000, sf);
  const customers = scaledRowCount(150_000, sf);
  const orders = scaledRowCount(1_500_000, sf);
  switch (table) {
    case 'nation':
      return { nationkey: range(25, 0, 24), name: text(25, 25, 7), regionkey: range(5, 0, 4), comment: text(25, 25, 72) };
    case 'region':
      return { regionkey: range(5, 0, 4), name: text(5, 5, 6), comment: text(5, 5, 72) };
    case 'part':
      return {
        partkey: range(parts, 1, parts),
        name: text(rows, rows, 33),
        mfgr: text(rows, 5, 14),
        brand: text(rows, 25, 8),
        type: text(rows, 150, 21),
        size: range(50, 1, 50),
        container: text(rows, 40, 8),
        retailprice: range(Math.min(rows, 20_000), 901, 2098.99),
        comment: text(rows, rows, 14),
      };
    case 'supplier':
      return {
        suppkey: range(suppliers, 1, suppliers),
        name: text(rows, rows, 18),
        address: text(rows, rows, 25),
        nationkey: range(25, 0, 24),
        phone: text(rows, rows, 15),
        acctbal: range(Math.min(rows, 1_099_999), -999.99, 9999.99),
        comment: text(rows, rows, 63),
      };
    case 'partsupp':
      return {
        partkey: range(parts, 1, parts),
        suppkey: range(suppliers, 1, suppliers),
        availqty: range(Math.min(rows, 9999), 1, 9999),
        supplycost: range(Math.min(rows, 99_901), 1, 1000),
        comment: text(rows, rows, 124),
      };
    case 'customer':
      return {
        custkey: range(customers, 1, customers),
        name: text(rows, rows, 18),
        address: text(rows, rows, 25),
        nationkey: range(25, 0, 24),
        phone: text(rows, rows, 15),
        acctbal: range(Math.min(rows, 1_099_999), -999.99, 9999.99),
        mktsegment: text(rows, 5, 9),
        comment: text(rows, rows, 73),
      };
    case 'orders':
      return {
        orderkey: range(orders, 1, makeOrderKey(orders)),
        custkey: range(Math.round((customers * 2) / 3), 1, customers),
        orderstatus: text(rows, 3, 1),
        totalprice: range(rows, 800, 600_000),
        orderdate: range(LAST_ORDER_DAY - DAY_1992_01_01 + 1, DAY_1992_01_01, LAST_ORDER_DAY),
        orderpriority: text(rows, 5, 8),
        clerk: text(rows, Math.max(Math.trunc(sf * 1000), 1000), 15),
        shippriority: range(1, 0, 0),
        comment: text(rows, rows, 49),
      };
    case 'lineitem':
      return {
        orderkey: range(orders, 1, makeOrderKey(orders)),
        partkey: range(parts, 1, parts),
        suppkey: range(suppliers, 1, suppliers),
        linenumber: range(7, 1, 7),
        quantity: range(50, 1, 50),
        extendedprice: range(Math.min(rows, 1_000_000), 901, 104_949.5),
        discount: range(11, 0, 0.1),
        tax: range(9, 0, 0.08),
        returnflag: text(rows, 3, 1),
        linestatus: text(rows, 2, 1),
        shipdate: range(2526, DAY_1992_01_01 + 1, LAST_ORDER_DAY + 121),
        commitdate: range(2466, DAY_1992_01_01 + 30, LAST_ORDER_DAY + 90),
        receiptdate: range(2555, DAY_1992_01_01 + 2, LAST_ORDER_DAY + 151),
        shipinstruct: text(rows, 4, 12),
        shipmode: text(rows, 7, 4),
        comment: text(rows, rows, 27),
      };
    default:
      return assertNever(table, 'tpch table');
  }
}

export function tpchTableStatistics(table: TpchTableName, scaleFactor: number, naming: ColumnNaming): TableStatistics {
  const rowCount = tableRowCount(table, scaleFactor);
  const simplified = simplifiedStatistics(table, scaleFactor, rowCount);
  const columns: Stats = {};
  for (const c of tpchTableDefinition(table).columns) {
    const s = simplified[c.simplifiedName];
    if (s !== undefined) columns[columnName(c, naming)] = s;
  }
  return { rowCount, columns };
}
