import pg from 'pg';

/** Connection settings of the PostgreSQL server the tests use (started by scripts/start-services.sh). */
export const TEST_HOST = process.env['PETREL_TEST_POSTGRESQL_HOST'] ?? '127.0.0.1';
export const TEST_PORT = Number(process.env['PETREL_TEST_POSTGRESQL_PORT'] ?? 5432);
export const TEST_USER = process.env['PETREL_TEST_POSTGRESQL_USER'] ?? 'postgres';

/** A uniquely named database for one test file, dropped by `drop`. `sql` runs statements in it directly. */
export interface TestDatabase {
  readonly name: string;
  readonly properties: Record<string, string>;
  sql(text: string): Promise<unknown[][]>;
  drop(): Promise<void>;
}

export async function createTestDatabase(prefix = 'petrel_pg'): Promise<TestDatabase> {
  const name = `${prefix}_${process.pid}_${Math.random().toString(16).slice(2, 8)}`;
  const admin = new pg.Client({ host: TEST_HOST, port: TEST_PORT, user: TEST_USER, database: 'postgres' });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const client = new pg.Client({ host: TEST_HOST, port: TEST_PORT, user: TEST_USER, database: name });
  client.on('error', () => {});
  await client.connect();
  return {
    name,
    properties: { 'connection-url': `jdbc:postgresql://${TEST_HOST}:${TEST_PORT}/${name}`, 'connection-user': TEST_USER },
    async sql(text: string): Promise<unknown[][]> {
      const result = await client.query({ text, rowMode: 'array' });
      return (Array.isArray(result) ? [] : result.rows) as unknown[][];
    },
    async drop(): Promise<void> {
      await client.end();
      const a = new pg.Client({ host: TEST_HOST, port: TEST_PORT, user: TEST_USER, database: 'postgres' });
      await a.connect();
      try {
        await a.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await a.end();
      }
    },
  };
}
