import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ConnectorSession, ConnectorTableHandle, Page } from '@petrel/spi';
import { BIGINT, blockFromValues, float64Block, page, pageRows, TrinoError, VARCHAR, varcharType } from '@petrel/spi';
import { MemoryConnector, memoryConnectorFactory } from './memory-connector.js';
import { ROWS_PER_SPLIT } from './memory-split-manager.js';

const session: ConnectorSession = { queryId: 'q', user: 'u', timeZone: 'UTC', startTime: 0, properties: {} };

async function createTable(connector: MemoryConnector, name = 't'): Promise<ConnectorTableHandle> {
  await connector.metadata.createTable(
    session,
    { name: { schema: 'default', table: name }, columns: [{ name: 'id', type: BIGINT }, { name: 'name', type: VARCHAR }] },
    false,
  );
  const handle = await connector.metadata.getTableHandle(session, { schema: 'default', table: name });
  assert.ok(handle);
  return handle;
}

async function insert(connector: MemoryConnector, handle: ConnectorTableHandle, pages: readonly Page[], commit = true): Promise<void> {
  const columns = [...(await connector.metadata.getColumnHandles(session, handle)).values()].filter((c) => c.name !== '$row_id');
  const insertHandle = await connector.metadata.beginInsert(session, handle, columns);
  const sink = await connector.pageSinkProvider.createPageSink(session, insertHandle);
  for (const p of pages) await sink.appendPage(p);
  const fragments = await sink.finish();
  if (commit) await connector.metadata.finishInsert(session, insertHandle, fragments);
  else await connector.metadata.abortInsert(session, insertHandle);
}

async function scan(connector: MemoryConnector, handle: ConnectorTableHandle, withRowId = false): Promise<unknown[][]> {
  const columns = [...(await connector.metadata.getColumnHandles(session, handle)).values()].filter((c) => c.name !== '$row_id');
  if (withRowId) columns.push(await connector.metadata.getRowIdColumnHandle(session, handle));
  const source = await connector.splitManager.getSplits(session, handle, undefined);
  const rows: unknown[][] = [];
  for (;;) {
    const batch = await source.nextBatch(100);
    for (const split of batch.splits) {
      const ps = await connector.pageSourceProvider.createPageSource(session, split, handle, columns, undefined);
      for (let p = await ps.next(); p !== undefined; p = await ps.next()) rows.push(...pageRows(p));
    }
    if (batch.done) break;
  }
  return rows;
}

function rowsPage(rows: readonly (readonly [number, string | null])[]): Page {
  return page([float64Block(Float64Array.from(rows.map((r) => r[0]))), blockFromValues(rows.map((r) => r[1]))]);
}

describe('memory connector', () => {
  it('has a default schema and creates, lists and drops schemas', async () => {
    const c = memoryConnectorFactory.create('memory', {}, { catalogName: 'memory', nodeId: 'n', dataDirectory: undefined }) as MemoryConnector;
    assert.deepEqual(await c.metadata.listSchemaNames(session), ['default']);
    await c.metadata.createSchema(session, 's1', {});
    await assert.rejects(c.metadata.createSchema(session, 's1', {}), (e: TrinoError) => e.errorName === 'SCHEMA_ALREADY_EXISTS');
    await c.metadata.createTable(session, { name: { schema: 's1', table: 'x' }, columns: [{ name: 'a', type: BIGINT }] }, false);
    await assert.rejects(c.metadata.dropSchema(session, 's1', false), (e: TrinoError) => e.errorName === 'SCHEMA_NOT_EMPTY');
    await c.metadata.dropSchema(session, 's1', true);
    assert.deepEqual(await c.metadata.listSchemaNames(session), ['default']);
  });

  it('estimates statistics of large tables from a sample', async () => {
    const c = new MemoryConnector();
    const t = await createTable(c);
    const rows = 300_000;
    const pages: Page[] = [];
    for (let start = 0; start < rows; start += 8192) {
      const n = Math.min(8192, rows - start);
      const ids = Float64Array.from({ length: n }, (_, i) => start + i);
      const names = Array.from({ length: n }, (_, i) => ['a', 'b', 'c'][(start + i) % 3]!);
      pages.push(page([float64Block(ids), blockFromValues(names)]));
    }
    await insert(c, t, pages);
    const stats = await c.metadata.getTableStatistics(session, t);
    assert.equal(stats.rowCount, rows);
    const idDistinct = stats.columns?.['id']?.distinctValuesCount ?? 0;
    assert.ok(idDistinct > rows * 0.9 && idDistinct <= rows, `unique key estimated at ${idDistinct}`);
    assert.equal(stats.columns?.['name']?.distinctValuesCount, 3);
    assert.equal(stats.columns?.['id']?.min, 0);
    assert.ok((stats.columns?.['id']?.max ?? 0) >= rows - 3, 'max comes from the sample');
  });

  it('counts a key repeated on adjacent rows by its distinct values, not by the table size', async () => {
    const c = new MemoryConnector();
    const t = await createTable(c);
    const rows = 400_000;
    const pages: Page[] = [];
    for (let start = 0; start < rows; start += 8192) {
      const n = Math.min(8192, rows - start);
      // like l_orderkey: each key on 4 consecutive rows
      const ids = Float64Array.from({ length: n }, (_, i) => Math.floor((start + i) / 4));
      pages.push(page([float64Block(ids), blockFromValues(Array.from({ length: n }, () => 'x'))]));
    }
    await insert(c, t, pages);
    const stats = await c.metadata.getTableStatistics(session, t);
    const distinct = stats.columns?.['id']?.distinctValuesCount ?? 0;
    assert.ok(distinct > 100_000 * 0.95 && distinct < 100_000 * 1.05, `repeated key estimated at ${distinct}`);
  });

  it('inserts transactionally and scans', async () => {
    const c = new MemoryConnector();
    const t = await createTable(c);
    await insert(c, t, [rowsPage([[1, 'a'], [2, null]])]);
    await insert(c, t, [rowsPage([[3, 'c']])], false);
    assert.deepEqual(await scan(c, t), [[1, 'a'], [2, null]]);
    await assert.rejects(
      c.metadata.createTable(session, { name: { schema: 'default', table: 't' }, columns: [{ name: 'a', type: BIGINT }] }, false),
      (e: TrinoError) => e.errorName === 'TABLE_ALREADY_EXISTS',
    );
    await c.metadata.createTable(session, { name: { schema: 'default', table: 't' }, columns: [{ name: 'a', type: BIGINT }] }, true);
    const stats = await c.metadata.getTableStatistics(session, t);
    assert.equal(stats.rowCount, 2);
    assert.equal(stats.columns?.['id']?.distinctValuesCount, 2);
    assert.equal(stats.columns?.['id']?.min, 1);
    assert.equal(stats.columns?.['id']?.max, 2);
    assert.equal(stats.columns?.['name']?.nullsFraction, 0.5);
  });

  it('makes one split per page group', async () => {
    const c = new MemoryConnector();
    const t = await createTable(c);
    const big: [number, string][] = [];
    for (let i = 0; i < ROWS_PER_SPLIT; i++) big.push([i, 'x']);
    await insert(c, t, [rowsPage(big), rowsPage(big), rowsPage([[1, 'y']])]);
    const source = await c.splitManager.getSplits(session, t, undefined);
    const batch = await source.nextBatch(100);
    assert.equal(batch.splits.length, 3);
    const limited = await c.metadata.applyLimit!(session, t, 5);
    assert.ok(limited);
    assert.equal((await scan(c, limited.handle)).length, 5);
  });

  it('applies row changes through the row id column', async () => {
    const c = new MemoryConnector();
    const t = await createTable(c);
    await insert(c, t, [rowsPage([[1, 'a'], [2, 'b'], [3, 'c']])]);
    const rows = await scan(c, t, true);
    const rowIdOf = (id: number): unknown => rows.find((r) => r[0] === id)![2];
    await c.metadata.applyRowChanges!(session, t, {
      deletedRowIds: [rowIdOf(1) as number],
      updatedRows: [{ rowId: rowIdOf(2) as number, row: [2, 'B'] }],
      insertedRows: [[4, 'd']],
    });
    const after = (await scan(c, t)).sort((a, b) => (a[0] as number) - (b[0] as number));
    assert.deepEqual(after, [[2, 'B'], [3, 'c'], [4, 'd']]);
    await c.metadata.truncateTable!(session, t);
    assert.deepEqual(await scan(c, t), []);
  });

  it('alters columns and keeps data', async () => {
    const c = new MemoryConnector();
    const t = await createTable(c);
    await insert(c, t, [rowsPage([[1, 'a']])]);
    await c.metadata.addColumn!(session, t, { name: 'extra', type: BIGINT });
    assert.deepEqual(await scan(c, t), [[1, 'a', null]]);
    const handles = await c.metadata.getColumnHandles(session, t);
    await c.metadata.renameColumn!(session, t, handles.get('name')!, 'label');
    await c.metadata.dropColumn!(session, t, handles.get('extra')!);
    const meta = await c.metadata.getTableMetadata(session, t);
    assert.deepEqual(meta.columns.map((col) => [col.name, col.hidden === true]), [['id', false], ['label', false], ['$row_id', true]]);
    await c.metadata.setColumnType!(session, t, handles.get('name')!, VARCHAR);
    await assert.rejects(c.metadata.setColumnType!(session, t, handles.get('id')!, varcharType(3)), (e: TrinoError) => e.errorName === 'NOT_SUPPORTED');
    await c.metadata.renameTable!(session, t, { schema: 'default', table: 'u' });
    assert.deepEqual(await c.metadata.listTables(session, undefined), [{ schema: 'default', table: 'u' }]);
    assert.deepEqual(await scan(c, t), [[1, 'a']]);
  });

  it('enforces memory.max-data-per-node and leaves nothing behind', async () => {
    const c = memoryConnectorFactory.create('memory', { 'memory.max-data-per-node': '1kB' }, { catalogName: 'memory', nodeId: 'n', dataDirectory: undefined }) as MemoryConnector;
    const t = await createTable(c);
    const big: [number, string][] = [];
    for (let i = 0; i < 200; i++) big.push([i, 'x']);
    await assert.rejects(insert(c, t, [rowsPage(big)]), (e: TrinoError) => e.errorName === 'MEMORY_LIMIT_EXCEEDED' && e.message === 'Memory limit [1024] for memory connector exceeded');
    assert.deepEqual(await scan(c, t), []);
    await insert(c, t, [rowsPage([[1, 'a']])]);
    assert.equal((await scan(c, t)).length, 1);
    assert.throws(() => memoryConnectorFactory.create('m', { 'memory.max-data-per-node': 'lots' }, { catalogName: 'm', nodeId: 'n', dataDirectory: undefined }));
  });

  it('stores views', async () => {
    const c = new MemoryConnector();
    const view = { originalSql: 'SELECT 1 x', catalog: 'memory', schema: 'default', columns: [{ name: 'x', type: BIGINT }], owner: 'u', runAsInvoker: false };
    await c.metadata.createView!(session, { schema: 'default', table: 'v' }, view, false);
    await assert.rejects(c.metadata.createView!(session, { schema: 'default', table: 'v' }, view, false));
    await c.metadata.createView!(session, { schema: 'default', table: 'v' }, { ...view, runAsInvoker: true }, true);
    assert.equal((await c.metadata.getView!(session, { schema: 'default', table: 'v' }))?.runAsInvoker, true);
    assert.deepEqual(await c.metadata.listViews!(session, 'default'), [{ schema: 'default', table: 'v' }]);
    await c.metadata.dropView!(session, { schema: 'default', table: 'v' });
    assert.deepEqual(await c.metadata.listViews!(session, 'default'), []);
  });
});
