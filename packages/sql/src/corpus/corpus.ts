/**
 * Loaders for the SQL corpora under `<repo>/../shared/` used by the parser's corpus tests and
 * by `corpus-check.js`: TPC-H queries, Trino product-test cases (TPC-DS included), and the
 * sqllogictest files with the dialect rewrites described in their README.
 */
import { closeSync, openSync, readdirSync, readFileSync, readSync, statSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface CorpusEntry {
  /** File path relative to the shared folder, with a record number for multi-record files. */
  readonly source: string;
  readonly sql: string;
  /** True when the text holds several `;`-separated statements (parse with parseStatements). */
  readonly script: boolean;
}

/** `$PETREL_SHARED`, else `<repo>/../shared` located from this module (packages/sql/dist/corpus/corpus.js). */
export function sharedDirectory(): string {
  const configured = process.env['PETREL_SHARED'];
  if (configured !== undefined && configured !== '') return configured;
  return fileURLToPath(new URL('../../../../../shared/', import.meta.url));
}

export function corpusAvailable(): boolean {
  return existsSync(join(sharedDirectory(), 'tpch', 'queries'));
}

function listFiles(directory: string, suffix: string, out: string[] = []): string[] {
  for (const name of readdirSync(directory).sort()) {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) listFiles(path, suffix, out);
    else if (name.endsWith(suffix)) out.push(path);
  }
  return out;
}

export function tpchQueries(): CorpusEntry[] {
  const shared = sharedDirectory();
  return listFiles(join(shared, 'tpch', 'queries'), '.sql').map((path) => ({
    source: relative(shared, path),
    sql: readFileSync(path, 'utf8'),
    script: true,
  }));
}

/**
 * Trino product-test cases: the leading `-- key: value` header lines are dropped; files with
 * `--! name:` sections yield one entry per section.
 */
export function productTestQueries(subdirectory = ''): CorpusEntry[] {
  const shared = sharedDirectory();
  const root = join(shared, 'conformance', 'trino-product-tests', 'sql-tests', 'testcases', subdirectory);
  const entries: CorpusEntry[] = [];
  for (const path of listFiles(root, '.sql')) {
    const source = relative(shared, path);
    const text = readFileSync(path, 'utf8');
    const lines = text.split('\n');
    if (lines.some((line) => line.startsWith('--!'))) {
      // `--!` lines alternate between starting a SQL section and starting its expected results
      let current: string[] | undefined;
      let section = 0;
      for (const line of lines) {
        if (line.startsWith('--!')) {
          if (current === undefined) {
            current = [];
          } else {
            entries.push({ source: `${source}#${++section}`, sql: expandTemplates(current.join('\n')), script: true });
            current = undefined;
          }
          continue;
        }
        if (current !== undefined) current.push(line);
      }
      if (current !== undefined) entries.push({ source: `${source}#${++section}`, sql: expandTemplates(current.join('\n')), script: true });
    } else {
      let start = 0;
      while (start < lines.length && lines[start]!.startsWith('--')) start++;
      entries.push({ source, sql: expandTemplates(lines.slice(start).join('\n')), script: true });
    }
  }
  return entries.filter((entry) => entry.sql.trim().length > 0);
}

/** Tempto's `${mutableTables.hive.datatype}` placeholders become the table's name (`datatype`). */
function expandTemplates(sql: string): string {
  return sql.replace(/\$\{([A-Za-z0-9_.]+)\}/g, (_match, path: string) => path.slice(path.lastIndexOf('.') + 1));
}

/** Rewrites SQLite DDL to Trino syntax as the sqllogictest README says; undefined for records to skip. */
export function rewriteSqlLogicTestStatement(sql: string): string | undefined {
  const trimmed = sql.trim();
  const upper = trimmed.toUpperCase();
  if (/^(CREATE\s+(UNIQUE\s+)?INDEX|DROP\s+INDEX|REINDEX|CREATE\s+(TEMP\s+|TEMPORARY\s+)?TRIGGER|DROP\s+TRIGGER)\b/.test(upper)) return undefined;
  if (upper.startsWith('CREATE TABLE')) {
    return trimmed
      .replace(/\bTEXT\b/gi, 'VARCHAR')
      .replace(/\bFLOAT\b/gi, 'DOUBLE')
      .replace(/\s+PRIMARY\s+KEY\b/gi, '');
  }
  return trimmed;
}

/** All `statement ok` and `query` records of the sqllogictest corpus, in file order, `onlyif` records skipped. */
export function sqlLogicTestRecords(pathFilter?: RegExp, maxBytesPerFile = Infinity): CorpusEntry[] {
  const shared = sharedDirectory();
  const root = join(shared, 'conformance', 'sqllogictest', 'test');
  const entries: CorpusEntry[] = [];
  for (const path of listFiles(root, '.test')) {
    if (pathFilter !== undefined && !pathFilter.test(path)) continue;
    const source = relative(shared, path);
    const text = readPrefix(path, maxBytesPerFile);
    const lines = text.split('\n');
    let i = 0;
    let record = 0;
    while (i < lines.length) {
      let line = lines[i]!;
      if (line.trim() === '' || line.startsWith('#')) {
        i++;
        continue;
      }
      if (line.startsWith('halt')) break;
      let skip = false;
      while (line.startsWith('skipif') || line.startsWith('onlyif')) {
        if (line.startsWith('onlyif')) skip = true;
        i++;
        line = lines[i] ?? '';
      }
      const header = line;
      i++;
      const body: string[] = [];
      while (i < lines.length && lines[i]!.trim() !== '' && !lines[i]!.startsWith('----')) body.push(lines[i++]!);
      while (i < lines.length && lines[i]!.trim() !== '') i++;
      record++;
      const isStatementOk = header.startsWith('statement ok');
      const isQuery = header.startsWith('query');
      if (skip || !(isStatementOk || isQuery) || body.length === 0) continue;
      const sql = rewriteSqlLogicTestStatement(body.join('\n'));
      if (sql === undefined) continue;
      entries.push({ source: `${source}:${record}`, sql, script: sql.includes(';') });
    }
  }
  return entries;
}

/** The file's text, or its first `maxBytes` bytes cut at the last blank line (a record boundary). */
function readPrefix(path: string, maxBytes: number): string {
  if (!Number.isFinite(maxBytes) || statSync(path).size <= maxBytes) return readFileSync(path, 'utf8');
  const buffer = Buffer.alloc(maxBytes);
  const descriptor = openSync(path, 'r');
  try {
    const length = readSync(descriptor, buffer, 0, maxBytes, 0);
    const text = buffer.subarray(0, length).toString('utf8');
    return text.slice(0, Math.max(text.lastIndexOf('\n\n'), text.lastIndexOf('\n\r\n')));
  } finally {
    closeSync(descriptor);
  }
}

/** A deterministic sample: every `step`-th record, starting at `offset`. */
export function sample<T>(items: readonly T[], count: number): T[] {
  if (items.length <= count) return [...items];
  const step = items.length / count;
  const result: T[] = [];
  for (let i = 0; i < count; i++) result.push(items[Math.floor(i * step)]!);
  return result;
}

/**
 * sqllogictest records that are SQLite syntax, not Trino syntax, even after the README's
 * rewrites: the expected failures of the corpus (each must fail with SYNTAX_ERROR).
 */
export const SQLITE_ONLY_SYNTAX: ReadonlyArray<readonly [RegExp, string]> = [
  [/^CREATE TABLE \w+\(\w+ \w+ UNIQUE\)$/, 'UNIQUE column constraint'],
  [/IN \(\)$/, 'empty IN list'],
  [/ NOT INDEXED\b/, 'NOT INDEXED table hint'],
  [/WHERE x NOT NULL\b/, 'postfix NOT NULL'],
  [/VALUES\(1<<63/, 'shift operator'],
  [/DROP INDEX/, 'DROP INDEX inside a multi-statement record'],
  [/^(INSERT OR REPLACE|REPLACE) INTO/, 'SQLite REPLACE'],
];

export function isSqliteOnly(sql: string): boolean {
  return SQLITE_ONLY_SYNTAX.some(([pattern]) => pattern.test(sql));
}
