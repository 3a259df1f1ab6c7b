/**
 * Administrative connections to the PostgreSQL (127.0.0.1:5432, user postgres, trust auth) and
 * MariaDB (127.0.0.1:3306, root, no password) servers that the federation tests create their own
 * databases on. Each call opens one connection for `work` and always closes it.
 */
import pg from 'pg';
import mysql from 'mysql2/promise';

export async function pgAdmin<T>(database: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function myAdmin<T>(work: (connection: mysql.Connection) => Promise<T>): Promise<T> {
  const connection = await mysql.createConnection({ host: '127.0.0.1', port: 3306, user: 'root', password: '' });
  try {
    return await work(connection);
  } finally {
    await connection.end();
  }
}
