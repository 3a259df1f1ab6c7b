import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from '@petrel/spi';
import { getRow } from '@petrel/spi';
import { generateTable } from './generate-table.js';
import type { TpchTableName } from './tpch-schema.js';
import { tpchTableColumns } from './tpch-schema.js';

function isoDate(epochDay: number): string {
  return new Date(epochDay * 86_400_000).toISOString().slice(0, 10);
}

/** The first `count` rows in dbgen's .tbl form (dates as ISO, money with two decimals). */
function firstRows(table: TpchTableName, scaleFactor: number, count: number): string[] {
  const columns = tpchTableColumns(table);
  const rows: string[] = [];
  for (const p of generateTable(table, scaleFactor, 1, 1, { rowsPerPage: count })) {
    for (let r = 0; r < p.positionCount && rows.length < count; r++) {
      rows.push(
        getRow(p, r)
          .map((v, i) => {
            const kind = columns[i]!.type.kind;
            if (kind === 'date') return isoDate(v as number);
            if (kind === 'double') return (v as number).toFixed(2);
            return String(v);
          })
          .join('|'),
      );
    }
    break;
  }
  return rows;
}

function countRows(pages: Iterable<Page>): number {
  let n = 0;
  for (const p of pages) n += p.positionCount;
  return n;
}

test('tiny row counts match dbgen at scale factor 0.01', () => {
  const expected: Record<TpchTableName, number> = {
    nation: 25, region: 5, part: 2000, supplier: 100, partsupp: 8000, customer: 1500, orders: 15000, lineitem: 60175,
  };
  for (const [table, count] of Object.entries(expected) as [TpchTableName, number][]) {
    const key = tpchTableColumns(table)[0]!.name;
    assert.equal(countRows(generateTable(table, 0.01, 1, 1, { columns: [key] })), count, table);
  }
});

test('first rows at scale factor 1 are dbgen 2.17.3 rows', () => {
  assert.deepEqual(firstRows('nation', 1, 2), [
    '0|ALGERIA|0| haggle. carefully final deposits detect slyly agai',
    '1|ARGENTINA|1|al foxes promise slyly according to the regular accounts. bold requests alon',
  ]);
  assert.deepEqual(firstRows('region', 1, 1), [
    '0|AFRICA|lar deposits. blithely final packages cajole. regular waters are final requests. regular accounts are according to ',
  ]);
  assert.deepEqual(firstRows('part', 1, 2), [
    '1|goldenrod lavender spring chocolate lace|Manufacturer#1|Brand#13|PROMO BURNISHED COPPER|7|JUMBO PKG|901.00|ly. slyly ironi',
    '2|blush thistle blue yellow saddle|Manufacturer#1|Brand#13|LARGE BRUSHED BRASS|1|LG CASE|902.00|lar accounts amo',
  ]);
  assert.deepEqual(firstRows('supplier', 1, 1), [
    '1|Supplier#000000001| N kD4on9OM Ipw3,gf0JBoQDd7tgrzrddZ|17|27-918-335-1736|5755.94|each slyly above the careful',
  ]);
  assert.deepEqual(firstRows('partsupp', 1, 1), [
    '1|2|3325|771.64|, even theodolites. regular, final theodolites eat after the carefully pending foxes. furiously regular deposits sleep slyly. carefully bold realms above the ironic dependencies haggle careful',
  ]);
  assert.deepEqual(firstRows('customer', 1, 1), [
    '1|Customer#000000001|IVhzIApeRb ot,c,E|15|25-989-741-2988|711.56|BUILDING|to the even, regular platelets. regular, ironic epitaphs nag e',
  ]);
  assert.deepEqual(firstRows('orders', 1, 1), [
    '1|36901|O|173665.47|1996-01-02|5-LOW|Clerk#000000951|0|nstructions sleep furiously among ',
  ]);
  assert.deepEqual(firstRows('lineitem', 1, 2), [
    '1|155190|7706|1|17.00|21168.23|0.04|0.02|N|O|1996-03-13|1996-02-12|1996-03-22|DELIVER IN PERSON|TRUCK|egular courts above the',
    '1|67310|7311|2|36.00|45983.16|0.09|0.06|N|O|1996-04-12|1996-02-28|1996-04-20|TAKE BACK RETURN|MAIL|ly final dependencies: slyly bold ',
  ]);
});

test('first rows at tiny scale use tiny key ranges', () => {
  assert.deepEqual(firstRows('orders', 0.01, 1), [
    '1|370|O|172799.49|1996-01-02|5-LOW|Clerk#000000951|0|nstructions sleep furiously among ',
  ]);
  assert.deepEqual(firstRows('partsupp', 0.01, 2).map((r) => r.split('|').slice(0, 4).join('|')), ['1|2|3325|771.64', '1|27|8076|993.49']);
});

test('pruned columns have the same values as in full rows', () => {
  const full = [...generateTable('orders', 0.01, 1, 1, { columns: ['orderkey', 'custkey', 'orderstatus', 'totalprice', 'orderdate', 'clerk'] })];
  const pruned = [...generateTable('orders', 0.01, 1, 1, { columns: ['totalprice', 'o_orderkey'] })];
  assert.equal(full.length, pruned.length);
  for (let p = 0; p < full.length; p++) {
    for (let r = 0; r < full[p]!.positionCount; r += 97) {
      const f = getRow(full[p]!, r);
      assert.deepEqual(getRow(pruned[p]!, r), [f[3], f[0]]);
    }
  }
  const lines = [...generateTable('lineitem', 0.01, 1, 1, { columns: ['returnflag', 'suppkey', 'shipdate', 'extendedprice', 'linestatus'] })];
  const flags = [...generateTable('lineitem', 0.01, 1, 1, { columns: ['returnflag'] })];
  for (let p = 0; p < lines.length; p++) {
    for (let r = 0; r < lines[p]!.positionCount; r += 89) assert.deepEqual(getRow(flags[p]!, r), [getRow(lines[p]!, r)[0]]);
  }
});

test('the hidden row_number is the key, or the order index for orders and lineitem', () => {
  const [orders] = [...generateTable('orders', 0.01, 1, 1, { columns: ['row_number', 'orderkey'], rowsPerPage: 10 })];
  assert.deepEqual(getRow(orders!, 7), [8, 32]);
  assert.deepEqual(getRow(orders!, 8), [9, 33]);
  const first = generateTable('lineitem', 0.01, 2, 2, { columns: ['row_number', 'orderkey'], rowsPerPage: 1 })[Symbol.iterator]().next();
  assert.deepEqual(getRow(first.value as Page, 0), [7501, 29989]);
  const [nation] = [...generateTable('nation', 0.01, 1, 1, { columns: ['row_number'] })];
  assert.deepEqual(getRow(nation!, 24), [24]);
});

test('decimal mapping yields cents as unscaled values', () => {
  const pages = generateTable('lineitem', 1, 1, 1, { columns: ['quantity', 'extendedprice', 'discount', 'tax'], rowsPerPage: 1, doubleTypeMapping: 'DECIMAL' });
  const first = pages[Symbol.iterator]().next();
  assert.equal(first.done, false);
  assert.deepEqual(getRow(first.value as Page, 0), [1700, 2116823, 4, 2]);
});
