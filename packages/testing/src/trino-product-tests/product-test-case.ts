import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { listFiles, relativePath } from '../common/paths.js';
import { isSectionLine, parseAnnotatedFile } from './annotated-file.js';

/** The expected result of one case: tempto's result descriptor. */
export interface ExpectedResult {
  readonly delimiter: string;
  readonly ignoreOrder: boolean;
  readonly ignoreExcessRows: boolean;
  readonly trimValues: boolean;
  /** Declared JDBC type names (`BIGINT`, `VARCHAR` ...), when the header gives `types`. */
  readonly types: readonly string[] | undefined;
  readonly lines: readonly string[];
}

export interface ProductTestCase {
  /** Directory relative to `testcases/` (`group-by`, `functions/conditional-expressions`). */
  readonly directory: string;
  /** File name without extension, plus `#section` for inline cases. */
  readonly name: string;
  readonly path: string;
  /** Properties of the `.sql` header: database, groups, tables, mutable_tables, requires ... */
  readonly properties: Readonly<Record<string, string>>;
  /** Statements in order; the result of the last one is compared. */
  readonly statements: readonly string[];
  readonly expected: ExpectedResult;
}

function flag(properties: Readonly<Record<string, string>>, key: string): boolean {
  return (properties[key] ?? 'false').toLowerCase() === 'true';
}

export function expectedResult(properties: Readonly<Record<string, string>>, lines: readonly string[]): ExpectedResult {
  return {
    delimiter: properties['delimiter'] ?? '|',
    ignoreOrder: flag(properties, 'ignoreOrder'),
    ignoreExcessRows: flag(properties, 'ignoreExcessRows'),
    trimValues: flag(properties, 'trimValues'),
    types: properties['types'] === undefined ? undefined : properties['types'].split('|').map((t) => t.trim()),
    lines,
  };
}

/** Splits SQL at top-level semicolons (outside quotes and comments); drops empty statements. */
export function splitStatements(sql: string): string[] {
  const out: string[] = [];
  let start = 0;
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    if (c === "'" || c === '"') {
      i++;
      while (i < sql.length) {
        if (sql[i] === c) {
          if (sql[i + 1] === c) {
            i += 2;
            continue;
          }
          break;
        }
        i++;
      }
      i++;
      continue;
    }
    if (c === '-' && sql[i + 1] === '-') {
      while (i < sql.length && sql[i] !== '\n') i++;
      continue;
    }
    if (c === ';') {
      out.push(sql.slice(start, i));
      start = i + 1;
    }
    i++;
  }
  out.push(sql.slice(start));
  return out.map((s) => s.trim()).filter((s) => s.length > 0);
}

/** Reads the case(s) of one `.sql` file: one with a sibling `.result`, or the inline `--!` sections. */
export function loadProductTestFile(path: string, testcasesRoot: string): ProductTestCase[] {
  const text = readFileSync(path, 'utf8');
  const directory = relativePath(testcasesRoot, dirname(path));
  const baseName = basename(path, '.sql');
  const sections = parseAnnotatedFile(text);
  const hasInlineSections = text.split(/\r?\n/).some((line, index) => index > 0 && isSectionLine(line));
  if (!hasInlineSections) {
    const section = sections[0]!;
    const resultPath = join(dirname(path), `${baseName}.result`);
    if (!existsSync(resultPath)) return [];
    const result = parseAnnotatedFile(readFileSync(resultPath, 'utf8'))[0]!;
    return [
      {
        directory,
        name: baseName,
        path,
        properties: section.properties,
        statements: splitStatements(section.contentLines.join('\n')),
        expected: expectedResult(result.properties, result.contentLines),
      },
    ];
  }
  // header section, then (query, result) pairs
  const [header, ...rest] = sections;
  const base = header?.properties ?? {};
  const cases: ProductTestCase[] = [];
  for (let i = 0; i + 1 < rest.length; i += 2) {
    const query = rest[i]!;
    const result = rest[i + 1]!;
    const name = query.properties['name'];
    cases.push({
      directory,
      name: name === undefined || name === '' ? (rest.length > 2 ? `${baseName}#${i / 2 + 1}` : baseName) : `${baseName}#${name}`,
      path,
      properties: { ...base, ...query.properties },
      statements: splitStatements(query.contentLines.join('\n')),
      expected: expectedResult({ ...base, ...result.properties }, result.contentLines),
    });
  }
  return cases;
}

export function loadProductTests(testcasesRoot: string): ProductTestCase[] {
  return listFiles(testcasesRoot, '.sql').flatMap((path) => loadProductTestFile(path, testcasesRoot));
}
