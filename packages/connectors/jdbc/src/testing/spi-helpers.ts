import type {
  Connector,
  ConnectorColumnHandle,
  ConnectorSession,
  ConnectorTableHandle,
  DynamicFilter,
  SchemaTableName,
  SqlType,
  SqlValue,
  TupleDomain,
} from '@petrel/spi';
import { objectBlock, page, pageRows } from '@petrel/spi';

/** A connector session for tests: `properties` are the catalog's session properties. */
export function testSession(properties: Readonly<Record<string, string>> = {}): ConnectorSession {
  return { queryId: `test_${Date.now()}`, user: 'test', timeZone: 'UTC', startTime: Date.now(), properties };
}

/** A dynamic filter that is already complete with `domain`. */
export function completedDynamicFilter(domain: TupleDomain): DynamicFilter {
  return { currentPredicate: () => domain, isComplete: () => true, whenComplete: Promise.resolve() };
}

export async function tableHandle(connector: Connector, session: ConnectorSession, name: SchemaTableName): Promise<ConnectorTableHandle> {
  const handle = await connector.metadata.getTableHandle(session, name);
  if (handle === undefined) throw new Error(`table ${name.schema}.${name.table} not found`);
  return handle;
}

export async function columnHandles(connector: Connector, session: ConnectorSession, handle: ConnectorTableHandle): Promise<ConnectorColumnHandle[]> {
  const visible = (await connector.metadata.getTableMetadata(session, handle)).columns.filter((c) => c.hidden !== true).map((c) => c.name);
  const handles = await connector.metadata.getColumnHandles(session, handle);
  return visible.map((name) => {
    const found = handles.get(name);
    if (found === undefined) throw new Error(`no handle for column ${name}`);
    return found;
  });
}

/** Reads every split of `handle` through the page source provider, closing each page source. */
export async function scanTable(
  connector: Connector,
  session: ConnectorSession,
  handle: ConnectorTableHandle,
  columns?: readonly ConnectorColumnHandle[],
  dynamicFilter?: DynamicFilter,
): Promise<SqlValue[][]> {
  const cols = columns ?? (await columnHandles(connector, session, handle));
  const source = await connector.splitManager.getSplits(session, handle, dynamicFilter);
  const rows: SqlValue[][] = [];
  try {
    for (;;) {
      const batch = await source.nextBatch(100);
      for (const split of batch.splits) {
        const pageSource = await connector.pageSourceProvider.createPageSource(session, split, handle, cols, dynamicFilter);
        try {
          for (let p = await pageSource.next(); p !== undefined; p = await pageSource.next()) rows.push(...pageRows(p));
        } finally {
          await pageSource.close();
        }
      }
      if (batch.done) break;
    }
  } finally {
    source.close();
  }
  return rows;
}

/** INSERT through beginInsert, one page sink and finishInsert; aborts on failure. */
export async function insertRows(
  connector: Connector,
  session: ConnectorSession,
  handle: ConnectorTableHandle,
  columns: readonly ConnectorColumnHandle[],
  rows: readonly (readonly SqlValue[])[],
): Promise<void> {
  const metadata = connector.metadata;
  if (metadata.beginInsert === undefined || metadata.finishInsert === undefined || connector.pageSinkProvider === undefined) throw new Error('connector cannot insert');
  const insert = await metadata.beginInsert(session, handle, columns);
  try {
    const sink = await connector.pageSinkProvider.createPageSink(session, insert);
    const blocks = columns.map((_, channel) => objectBlock(rows.map((r) => r[channel] ?? null)));
    await sink.appendPage(page(blocks, rows.length));
    const fragments = await sink.finish();
    await metadata.finishInsert(session, insert, fragments);
  } catch (error) {
    await metadata.abortInsert?.(session, insert);
    throw error;
  }
}

export async function createTable(
  connector: Connector,
  session: ConnectorSession,
  name: SchemaTableName,
  columns: readonly { readonly name: string; readonly type: SqlType }[],
): Promise<ConnectorTableHandle> {
  if (connector.metadata.createTable === undefined) throw new Error('connector cannot create tables');
  await connector.metadata.createTable(session, { name, columns }, false);
  return tableHandle(connector, session, name);
}

/** Canonical text of rows for order-insensitive comparison in tests. */
export function rowsText(rows: readonly (readonly SqlValue[])[]): string[] {
  return rows.map((r) => JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v instanceof Uint8Array ? `0x${Buffer.from(v).toString('hex')}` : v))).sort();
}
