import { after, before, describe, it } from 'node:test';
import type { ConformanceTarget, JdbcConnector } from '@petrel/connector-jdbc';
import { connectorConformanceCases, testSession } from '@petrel/connector-jdbc';
import { createPostgresqlConnector } from './index.js';
import type { TestDatabase } from './postgresql-test-database.js';
import { createTestDatabase } from './postgresql-test-database.js';

let db: TestDatabase;
let connector: JdbcConnector;
let target: ConformanceTarget;

before(async () => {
  db = await createTestDatabase('petrel_pgconf');
  connector = createPostgresqlConnector('pg_conformance', db.properties);
  target = {
    connector,
    schema: 'public',
    session: testSession(),
    capabilities: { createTable: true, insert: true, dropTable: true, filterPushdown: true, projectionPushdown: true, limitPushdown: true, topNPushdown: true, aggregationPushdown: true, delete: true, truncate: true },
  };
});

after(async () => {
  await connector?.shutdown();
  await db?.drop();
});

describe('connector conformance: postgresql', () => {
  for (const c of connectorConformanceCases()) it(c.name, () => c.run(target));
});
