import mysql from 'mysql2/promise';

/** Connection settings of the MariaDB/MySQL server the tests use (started by scripts/start-services.sh). */
export const TEST_HOST = process.env['PETREL_TEST_MYSQL_HOST'] ?? '127.0.0.1';
export const TEST_PORT = Number(process.env['PETREL_TEST_MYSQL_PORT'] ?? 3306);
export const TEST_USER = process.env['PETREL_TEST_MYSQL_USER'] ?? 'root';
export const TEST_PASSWORD = process.env['PETREL_TEST_MYSQL_PASSWORD'] ?? '';

/** A uniquely named database (a schema of the catalog) for one test file, dropped by `drop`. */
export interface TestDatabase {
  readonly name: string;
  readonly properties: Record<string, string>;
  sql(text: string): Promise<unknown[][]>;
  drop(): Promise<void>;
}

export async function createTestDatabase(prefix = 'petrel_my'): Promise<TestDatabase> {
  const name = `${prefix}_${process.pid}_${Math.random().toString(16).slice(2, 8)}`;
  const connection = await mysql.createConnection({ host: TEST_HOST, port: TEST_PORT, user: TEST_USER, password: TEST_PASSWORD, rowsAsArray: true, dateStrings: true, supportBigNumbers: true, bigNumberStrings: true, timezone: 'Z' });
  await connection.query(`SET time_zone = '+00:00'`);
  await connection.query(`CREATE DATABASE \`${name}\``);
  return {
    name,
    properties: { 'connection-url': `jdbc:mysql://${TEST_HOST}:${TEST_PORT}`, 'connection-user': TEST_USER, 'connection-password': TEST_PASSWORD },
    async sql(text: string): Promise<unknown[][]> {
      const [rows] = await connection.query({ sql: text, rowsAsArray: true });
      return Array.isArray(rows) ? (rows as unknown[][]) : [];
    },
    async drop(): Promise<void> {
      try {
        await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
      } finally {
        await connection.end();
      }
    },
  };
}
