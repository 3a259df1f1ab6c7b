/**
 * LIKE pushdown against the real PostgreSQL and MariaDB servers: %, _, ESCAPE, case differences,
 * accents, trailing spaces, multibyte characters and backslashes, each asserted in EXPLAIN, in the SQL the source received, and
 * equal to the same query over a memory copy; char(n) columns and invalid escapes are not pushed.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Engine } from '../engine.js';
import { queryLogOf } from '@petrel/connector-jdbc';
import pg from 'pg';
import mysql from 'mysql2/promise';

let engine: Engine;
const database = `petrel_like_${process.pid}_${Math.random().toString(16).slice(2, 8)}`;
const WORDS: readonly [number, string | null, string | null][] = [
  [1, 'abc', 'abc'], [2, 'Abc', 'Abc'], [3, 'ABC', 'a'], [4, 'a%c', 'a%c'], [5, 'a_c', 'x'],
  [6, 'éa', 'éa'], [7, '日本', '日本'], [8, null, null], [9, 'a\\c', 'a\\c'], [10, 'ab', 'ab'],
  [11, 'ab ', 'ab'],
];

before(async () => {
  const admin = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: 'postgres' });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${database}"`);
  await admin.end();
  const p = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database });
  await p.connect();
  await p.query(`CREATE TABLE public.words (id integer, w varchar(20), c char(5))`);
  for (const r of WORDS) await p.query(`INSERT INTO public.words VALUES ($1, $2, $3)`, r);
  await p.end();
  const m = await mysql.createConnection({ host: '127.0.0.1', port: 3306, user: 'root', password: '', charset: 'utf8mb4' });
  await m.query(`CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci`);
  await m.query(`CREATE TABLE \`${database}\`.words (id integer, w varchar(20), c char(5), l varchar(20) CHARACTER SET latin1)`);
  for (const r of WORDS) await m.query(`INSERT INTO \`${database}\`.words VALUES (?, ?, ?, ?)`, [...r, r[1] !== null && /^[\x00-\x7f]*$/.test(r[1]) ? r[1] : null]);
  await m.end();
  engine = await Engine.create({
    catalogs: [
      { name: 'memory', connectorName: 'memory', properties: {} },
      { name: 'pgl', connectorName: 'postgresql', properties: { 'connection-url': `jdbc:postgresql://127.0.0.1:5432/${database}`, 'connection-user': 'postgres' } },
      { name: 'myl', connectorName: 'mysql', properties: { 'connection-url': 'jdbc:mysql://127.0.0.1:3306', 'connection-user': 'root', 'connection-password': '' } },
    ],
  });
  await engine.query(`CREATE SCHEMA memory.likes`);
  await engine.query(`CREATE TABLE memory.likes.words AS SELECT id, w, c FROM pgl.public.words`);
});

after(async () => {
  await engine?.shutdown();
  const admin = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: 'postgres' });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  await admin.end();
  const m = await mysql.createConnection({ host: '127.0.0.1', port: 3306, user: 'root', password: '' });
  await m.query(`DROP DATABASE IF EXISTS \`${database}\``);
  await m.end();
});

async function rows(sql: string): Promise<unknown[][]> {
  return (await engine.query(sql)).rows as unknown[][];
}

async function run(catalog: string, sql: string): Promise<{ result: unknown[][]; sent: string[]; plan: string }> {
  const log = queryLogOf(catalog)!;
  const start = log.statements().length;
  const result = await rows(sql);
  const sent = log.statements().slice(start).filter((s) => /\.["`]words["`]/.test(s));
  const plan = String((await engine.query(`EXPLAIN ${sql}`)).rows[0]![0]);
  return { result, sent, plan };
}

const SERVERS = [
  { catalog: 'pgl', table: 'pgl.public.words', column: (c: string) => `"${c}"`, collate: '' },
  { catalog: 'myl', table: `myl.${database}.words`, column: (c: string) => `\`${c}\``, collate: ' COLLATE utf8mb4_bin' },
] as const;

/** Predicate, expected ids, remote pattern literal (with backslash escapes as the dialect writes them, per server). */
const CASES: readonly { readonly predicate: string; readonly ids: readonly number[]; readonly remote: { readonly pgl: string; readonly myl: string } }[] = [
  { predicate: `w LIKE 'a%'`, ids: [1, 4, 5, 9, 10, 11], remote: { pgl: `'a%'`, myl: `'a%'` } },
  { predicate: `w LIKE 'A%'`, ids: [2, 3], remote: { pgl: `'A%'`, myl: `'A%'` } },
  { predicate: `w LIKE 'ab'`, ids: [10], remote: { pgl: `'ab'`, myl: `'ab'` } },
  { predicate: `w LIKE 'e_'`, ids: [], remote: { pgl: `'e_'`, myl: `'e_'` } },
  { predicate: `w LIKE '_bc'`, ids: [1, 2], remote: { pgl: `'_bc'`, myl: `'_bc'` } },
  { predicate: `w LIKE '_a'`, ids: [6], remote: { pgl: `'_a'`, myl: `'_a'` } },
  { predicate: `w LIKE '日_'`, ids: [7], remote: { pgl: `'日_'`, myl: `'日_'` } },
  { predicate: `w LIKE 'a!%c' ESCAPE '!'`, ids: [4], remote: { pgl: `'a\\%c'`, myl: `'a\\\\%c'` } },
  { predicate: `w LIKE 'a\\_c' ESCAPE '\\'`, ids: [5], remote: { pgl: `'a\\_c'`, myl: `'a\\\\_c'` } },
  { predicate: `w LIKE 'a\\c'`, ids: [9], remote: { pgl: `'a\\\\c'`, myl: `'a\\\\\\\\c'` } },
];

for (const server of SERVERS) {
  describe(`LIKE pushdown to ${server.catalog}`, () => {
    for (const c of CASES) {
      it(`pushes ${c.predicate}`, async () => {
        const sql = `SELECT id FROM ${server.table} WHERE ${c.predicate} ORDER BY id`;
        const { result, sent, plan } = await run(server.catalog, sql);
        const expected = `${server.column('w')} LIKE ${c.remote[server.catalog]}${server.collate} ESCAPE `;
        assert.ok(sent.some((s) => s.includes(expected)), `${expected} not in:\n${sent.join('\n')}`);
        assert.ok(plan.includes(expected), `${expected} not in EXPLAIN:\n${plan}`);
        assert.ok(!/\bFilter\[/.test(plan), plan);
        assert.deepEqual(result, await rows(`SELECT id FROM memory.likes.words WHERE ${c.predicate} ORDER BY id`));
        assert.deepEqual(result.map((r) => r[0]), c.ids);
      });
    }

    it('does not push LIKE over a char(n) column', async () => {
      const sql = `SELECT id FROM ${server.table} WHERE c LIKE 'a%' ORDER BY id`;
      const { result, sent } = await run(server.catalog, sql);
      assert.ok(!sent.some((s) => /LIKE/.test(s)), sent.join('\n'));
      assert.deepEqual(result, await rows(`SELECT id FROM memory.likes.words WHERE c LIKE 'a%' ORDER BY id`));
    });

    it('never pushes a pattern Trino rejects, and raises its error', async () => {
      await assert.rejects(rows(`SELECT id FROM ${server.table} WHERE w LIKE 'a!c' ESCAPE '!'`), /Escape character must be followed/);
    });
  });
}

describe('LIKE pushdown to MySQL by character set', () => {
  it('does not push LIKE over a latin1 column', async () => {
    const { result, sent } = await run('myl', `SELECT id FROM myl.${database}.words WHERE l LIKE 'A%' ORDER BY id`);
    assert.ok(!sent.some((s) => /LIKE/.test(s)), sent.join('\n'));
    assert.deepEqual(result, [[2], [3]]);
  });
});
