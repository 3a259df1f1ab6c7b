import { after, before, describe, it } from 'node:test';
import type { ConformanceTarget, JdbcConnector } from '@petrel/connector-jdbc';
import { connectorConformanceCases, testSession } from '@petrel/connector-jdbc';
import { createMysqlConnector } from './index.js';
import type { TestDatabase } from './mysql-test-database.js';
import { createTestDatabase } from './mysql-test-database.js';

let db: TestDatabase;
let connector: JdbcConnector;
let target: ConformanceTarget;

before(async () => {
  db = await createTestDatabase('petrel_myconf');
  connector = createMysqlConnector('my_conformance', db.properties);
  target = {
    connector,
    schema: db.name,
    session: testSession(),
    capabilities: { createTable: true, insert: true, dropTable: true, filterPushdown: true, projectionPushdown: true, limitPushdown: true, topNPushdown: true, aggregationPushdown: true, delete: true, truncate: true },
  };
});

after(async () => {
  await connector?.shutdown();
  await db?.drop();
});

describe('connector conformance: mysql', () => {
  for (const c of connectorConformanceCases()) it(c.name, () => c.run(target));
});
