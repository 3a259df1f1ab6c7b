import { readFileSync } from 'node:fs';
import type { SqlType, SqlValue } from '@petrel/spi';
import type { QueryResultColumn } from '../query/query-execution.js';

/** A result cell as text, the way the answer files print it (dates as YYYY-MM-DD, decimals exact). */
export function cellText(value: SqlValue, type: SqlType): string {
  if (value === null) return '';
  if (type.kind === 'date') return new Date(Number(value) * 86_400_000).toISOString().slice(0, 10);
  if (type.kind === 'decimal') {
    const unscaled = typeof value === 'bigint' ? value : BigInt(value as number);
    const negative = unscaled < 0n;
    const digits = (negative ? -unscaled : unscaled).toString().padStart(type.scale + 1, '0');
    const whole = digits.slice(0, digits.length - type.scale);
    const fraction = digits.slice(digits.length - type.scale);
    return `${negative ? '-' : ''}${whole}${type.scale > 0 ? `.${fraction}` : ''}`;
  }
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

export interface ExpectedResult {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

export function readAnswer(path: string): ExpectedResult {
  const text = readFileSync(path, 'utf8');
  const lines = (text.endsWith('\n') ? text.slice(0, -1) : text).split('\n');
  return { columns: lines[0]!.split('|'), rows: lines.slice(1).map((l) => l.split('|')) };
}

const NUMBER = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;

/** Numbers match within the precision the expected text shows (and 1e-6 relative); the rest exactly. */
export function cellsMatch(actual: string, expected: string): boolean {
  if (actual === expected) return true;
  if (!NUMBER.test(actual) || !NUMBER.test(expected)) return false;
  const a = Number(actual);
  const b = Number(expected);
  const decimals = /\.(\d+)$/.exec(expected)?.[1]?.length ?? 0;
  const tolerance = Math.max(1e-6 * Math.abs(b), decimals > 0 ? 0.5 * 10 ** -decimals : 0) + 1e-9;
  return Math.abs(a - b) <= tolerance;
}

/** undefined when equal; otherwise a description of the first difference. */
export function compareResult(columns: readonly QueryResultColumn[], rows: readonly (readonly SqlValue[])[], expected: ExpectedResult): string | undefined {
  const names = columns.map((c) => c.name);
  // Unaliased expressions are named `_colN` by Trino; the answer files print the expression instead.
  const namesMatch =
    names.length === expected.columns.length &&
    names.every((n, i) => n === expected.columns[i] || (/^_col\d+$/.test(n) && !/^[a-z_][a-z0-9_]*$/.test(expected.columns[i]!)));
  if (!namesMatch) return `columns ${names.join('|')} != expected ${expected.columns.join('|')}`;
  const actual = rows.map((r) => r.map((v, i) => cellText(v, columns[i]!.type)));
  if (actual.length !== expected.rows.length) return `${actual.length} rows, expected ${expected.rows.length}`;
  const firstDifference = (a: readonly (readonly string[])[], e: readonly (readonly string[])[]): string | undefined => {
    for (let r = 0; r < e.length; r++) {
      for (let c = 0; c < e[r]!.length; c++) {
        if (!cellsMatch(a[r]![c] ?? '', e[r]![c]!)) return `row ${r + 1} column ${expected.columns[c]}: ${a[r]![c]} != expected ${e[r]![c]}`;
      }
    }
    return undefined;
  };
  const ordered = firstDifference(actual, expected.rows);
  if (ordered === undefined) return undefined;
  // Rows tied on the ORDER BY keys may come in any order: accept the same multiset.
  const sort = (x: readonly (readonly string[])[]): string[][] => [...x].map((r) => [...r]).sort((p, q) => (p.join('|') < q.join('|') ? -1 : 1));
  return firstDifference(sort(actual), sort(expected.rows)) === undefined ? undefined : ordered;
}
