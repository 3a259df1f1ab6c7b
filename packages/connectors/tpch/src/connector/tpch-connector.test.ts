import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ConnectorSession, ConnectorSplit, Page } from '@petrel/spi';
import { TrinoError, getRow, typeDisplayName } from '@petrel/spi';
import { generateTable } from '../generate-table.js';
import { tpchConnectorFactory } from './tpch-connector.js';

const session: ConnectorSession = { queryId: 'q', user: 'u', timeZone: 'UTC', startTime: 0, properties: {} };
const context = { catalogName: 'tpch', nodeId: 'n', dataDirectory: undefined };

test('factory name and supported properties', () => {
  assert.equal(tpchConnectorFactory.name, 'tpch');
  for (const p of ['tpch.column-naming', 'tpch.double-type-mapping', 'tpch.splits-per-node', 'tpch.max-rows-per-page']) {
    assert.ok(tpchConnectorFactory.supportedProperties!.includes(p), p);
  }
  assert.throws(() => tpchConnectorFactory.create('tpch', { 'tpch.column-naming': 'fancy' }, context), TrinoError);
  assert.throws(() => tpchConnectorFactory.create('tpch', { 'tpch.splits-per-node': '0' }, context), TrinoError);
});

test('schemas, tables and Trino column names and types', async () => {
  const c = tpchConnectorFactory.create('tpch', {}, context);
  const schemas = await c.metadata.listSchemaNames(session);
  assert.deepEqual([...schemas].sort(), ['sf1', 'sf100', 'sf1000', 'sf10000', 'sf100000', 'sf300', 'sf3000', 'sf30000', 'tiny']);
  const tables = await c.metadata.listTables(session, 'tiny');
  assert.deepEqual(tables.map((t) => t.table).sort(), ['customer', 'lineitem', 'nation', 'orders', 'part', 'partsupp', 'region', 'supplier']);
  assert.equal(await c.metadata.getTableHandle(session, { schema: 'tiny', table: 'nope' }), undefined);
  assert.equal(await c.metadata.getTableHandle(session, { schema: 'default', table: 'nation' }), undefined);
  assert.ok(await c.metadata.getTableHandle(session, { schema: 'sf0.1', table: 'nation' }));
  const orders = (await c.metadata.getTableHandle(session, { schema: 'tiny', table: 'orders' }))!;
  const meta = await c.metadata.getTableMetadata(session, orders);
  assert.deepEqual(
    meta.columns.filter((col) => col.hidden !== true).map((col) => `${col.name} ${typeDisplayName(col.type)}`),
    [
      'orderkey bigint', 'custkey bigint', 'orderstatus varchar(1)', 'totalprice double', 'orderdate date',
      'orderpriority varchar(15)', 'clerk varchar(15)', 'shippriority integer', 'comment varchar(79)',
    ],
  );
  assert.deepEqual(meta.columns.filter((col) => col.hidden === true).map((col) => col.name), ['row_number']);
  const standard = tpchConnectorFactory.create('tpch', { 'tpch.column-naming': 'STANDARD', 'tpch.double-type-mapping': 'DECIMAL' }, context);
  const lineitem = (await standard.metadata.getTableHandle(session, { schema: 'tiny', table: 'lineitem' }))!;
  const handles = await standard.metadata.getColumnHandles(session, lineitem);
  assert.ok(handles.has('l_shipdate'));
  assert.deepEqual(handles.get('l_extendedprice')!.type, { kind: 'decimal', precision: 12, scale: 2 });
  assert.equal(typeDisplayName(handles.get('l_linenumber')!.type!), 'integer');
});

test('statistics give row counts and ranges', async () => {
  const c = tpchConnectorFactory.create('tpch', {}, context);
  const expectRows = async (table: string, rows: number): Promise<void> => {
    const h = (await c.metadata.getTableHandle(session, { schema: 'tiny', table }))!;
    const stats = await c.metadata.getTableStatistics!(session, h);
    assert.equal(stats.rowCount, rows, table);
  };
  await expectRows('lineitem', 60175);
  await expectRows('orders', 15000);
  await expectRows('partsupp', 8000);
  const sf1 = (await c.metadata.getTableHandle(session, { schema: 'sf1', table: 'lineitem' }))!;
  assert.equal((await c.metadata.getTableStatistics!(session, sf1)).rowCount, 6_001_215);
  const h = (await c.metadata.getTableHandle(session, { schema: 'sf1', table: 'orders' }))!;
  const stats = await c.metadata.getTableStatistics!(session, h);
  assert.equal(stats.columns!['orderkey']!.distinctValuesCount, 1_500_000);
  assert.equal(stats.columns!['orderkey']!.max, 6_000_000);
  assert.equal(stats.columns!['orderdate']!.min, 8035);
});

test('splits scan the table in parallel parts with only the requested columns', async () => {
  const c = tpchConnectorFactory.create('tpch', { 'tpch.splits-per-node': '4' }, context);
  const handle = (await c.metadata.getTableHandle(session, { schema: 'tiny', table: 'lineitem' }))!;
  const columns = await c.metadata.getColumnHandles(session, handle);
  const source = await c.splitManager.getSplits(session, handle, undefined);
  const splits: ConnectorSplit[] = [];
  for (;;) {
    const batch = await source.nextBatch(2);
    splits.push(...batch.splits);
    if (batch.done) break;
  }
  assert.equal(splits.length, 4);
  assert.deepEqual(JSON.parse(JSON.stringify(splits)), splits);
  let rows = 0;
  let quantity = 0;
  let firstRow: unknown[] | undefined;
  for (const split of splits) {
    const pageSource = await c.pageSourceProvider.createPageSource(session, split, handle, [columns.get('quantity')!, columns.get('orderkey')!], undefined);
    for (let p = await pageSource.next(); p !== undefined; p = await pageSource.next()) {
      const page: Page = p;
      assert.ok(page.positionCount <= 8192);
      assert.equal(page.blocks.length, 2);
      firstRow ??= getRow(page, 0);
      rows += page.positionCount;
      for (let r = 0; r < page.positionCount; r++) quantity += getRow(page, r)[0] as number;
    }
    await pageSource.close();
  }
  assert.equal(rows, 60175);
  assert.deepEqual(firstRow, [17, 1]);
  let wholeQuantity = 0;
  for (const page of generateTable('lineitem', 0.01, 1, 1, { columns: ['quantity'] })) {
    for (let r = 0; r < page.positionCount; r++) wholeQuantity += getRow(page, r)[0] as number;
  }
  assert.equal(quantity, wholeQuantity);
});

test('a pushed-down limit scans one split that stops early', async () => {
  const c = tpchConnectorFactory.create('tpch', { 'tpch.splits-per-node': '4' }, context);
  const handle = (await c.metadata.getTableHandle(session, { schema: 'sf1', table: 'lineitem' }))!;
  const limited = await c.metadata.applyLimit!(session, handle, 3);
  assert.ok(limited !== undefined && limited.limitGuaranteed);
  assert.match(c.metadata.describeTableHandle!(limited.handle), /limit=3/);
  const columns = await c.metadata.getColumnHandles(session, limited.handle);
  const batch = await (await c.splitManager.getSplits(session, limited.handle, undefined)).nextBatch(10);
  assert.equal(batch.splits.length, 1);
  const source = await c.pageSourceProvider.createPageSource(session, batch.splits[0]!, limited.handle, [columns.get('orderkey')!, columns.get('linenumber')!], undefined);
  const rows: unknown[][] = [];
  for (let p = await source.next(); p !== undefined; p = await source.next()) for (let r = 0; r < p.positionCount; r++) rows.push(getRow(p, r));
  assert.deepEqual(rows, [[1, 1], [1, 2], [1, 3]]);
});
