import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { memoryConnectorFactory } from '@petrel/connector-memory';
import { BIGINT, VARCHAR, pageRows } from '@petrel/spi';
import { createSession } from '../../session/session.js';
import { MetadataManager } from '../../metadata/metadata-manager.js';
import { withInformationSchema } from './catalog-connector.js';

const session = createSession({ user: 'alice' });

async function readAll(manager: MetadataManager, catalog: string, schema: string, table: string): Promise<unknown[][]> {
  const resolved = await manager.getTable(session, { catalog, schema, name: table });
  assert.ok(resolved, `${catalog}.${schema}.${table} resolves`);
  const connector = manager.getConnector(catalog);
  const cs = manager.connectorSession(session, catalog, 'q1');
  const columns = resolved.columns.map((c) => c.handle);
  const splits = await connector.splitManager.getSplits(cs, resolved.handle.connectorHandle, undefined);
  const rows: unknown[][] = [];
  for (;;) {
    const batch = await splits.nextBatch(10);
    for (const split of batch.splits) {
      const source = await connector.pageSourceProvider.createPageSource(cs, split, resolved.handle.connectorHandle, columns, undefined);
      for (let p = await source.next(); p !== undefined; p = await source.next()) rows.push(...pageRows(p));
    }
    if (batch.done) break;
  }
  return rows;
}

describe('information_schema', () => {
  it('resolves tables and serves information_schema in every catalog', async () => {
    const manager = new MetadataManager('node1', undefined, withInformationSchema);
    manager.registerConnectorFactory(memoryConnectorFactory);
    manager.createCatalog({ name: 'mem', connectorName: 'memory', properties: {} });
    const connector = manager.getConnector('mem');
    const cs = manager.connectorSession(session, 'mem', 'q0');
    await connector.metadata.createTable!(
      cs,
      { name: { schema: 'default', table: 't' }, columns: [{ name: 'id', type: BIGINT, nullable: false }, { name: 'name', type: VARCHAR, comment: 'the name' }], comment: 'a table' },
      false,
    );
    await connector.metadata.createView!(cs, { schema: 'default', table: 'v' }, { originalSql: 'SELECT 1 x', catalog: 'mem', schema: 'default', columns: [{ name: 'x', type: BIGINT }], owner: 'alice', runAsInvoker: false }, false);

    assert.deepEqual(await manager.listSchemas(session, 'mem'), ['default', 'information_schema']);
    assert.ok(await manager.schemaExists(session, 'mem', 'information_schema'));
    const table = await manager.getTable(session, { catalog: 'mem', schema: 'default', name: 't' });
    assert.deepEqual(table?.columns.filter((c) => !c.hidden).map((c) => [c.name, c.type.kind, c.comment]), [['id', 'bigint', undefined], ['name', 'varchar', 'the name']]);
    assert.equal(table?.comment, 'a table');
    assert.equal(await manager.getTable(session, { catalog: 'mem', schema: 'default', name: 'nope' }), undefined);
    assert.equal((await manager.getView(session, { catalog: 'mem', schema: 'default', name: 'v' }))?.originalSql, 'SELECT 1 x');

    assert.deepEqual(await readAll(manager, 'mem', 'information_schema', 'schemata'), [['mem', 'default'], ['mem', 'information_schema']]);
    const tables = (await readAll(manager, 'mem', 'information_schema', 'tables')).filter((r) => r[1] === 'default');
    assert.deepEqual(tables, [['mem', 'default', 't', 'BASE TABLE', 'TABLE', 'a table'], ['mem', 'default', 'v', 'VIEW', 'VIEW', null]]);
    const columns = (await readAll(manager, 'mem', 'information_schema', 'columns')).filter((r) => r[1] === 'default');
    assert.deepEqual(columns.map((r) => r.slice(2, 9)), [
      ['t', 'id', 1, null, 'NO', 'bigint', null],
      ['t', 'name', 2, null, 'YES', 'varchar', 'the name'],
      ['v', 'x', 1, null, 'YES', 'bigint', null],
    ]);
    assert.deepEqual(await readAll(manager, 'mem', 'information_schema', 'views'), [['mem', 'default', 'v', 'SELECT 1 x']]);
    const infoColumns = await manager.getTable(session, { catalog: 'mem', schema: 'information_schema', name: 'columns' });
    assert.deepEqual(
      infoColumns?.columns.filter((c) => !c.hidden).map((c) => c.name),
      ['table_catalog', 'table_schema', 'table_name', 'column_name', 'ordinal_position', 'column_default', 'is_nullable', 'data_type'],
    );
    const stats = await manager.getTableStatistics(session, table!.handle);
    assert.equal(stats.rowCount, 0);
  });
});
