import { assertNever } from '@petrel/spi';
import type { SqlType, SqlValue } from '@petrel/spi';
import { md5Hex } from '../common/md5.js';
import type { SltExpected, SltSortMode } from './slt-record.js';
import { renderSltValue } from './slt-render.js';

/** Renders every row of a result with the query's type letters. */
export function renderSltRows(rows: readonly (readonly SqlValue[])[], types: string, columnTypes: readonly SqlType[]): string[][] {
  return rows.map((row) => row.map((value, i) => renderSltValue(value, types[i] ?? 'T', columnTypes[i]!)));
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Applies the sort mode and flattens to the value list the harness compares and hashes. */
export function sortSltValues(rows: readonly (readonly string[])[], mode: SltSortMode): string[] {
  switch (mode) {
    case 'nosort':
      return rows.flat();
    case 'rowsort': {
      const sorted = [...rows].sort((a, b) => {
        const n = Math.min(a.length, b.length);
        for (let i = 0; i < n; i++) {
          const c = compareText(a[i]!, b[i]!);
          if (c !== 0) return c;
        }
        return a.length - b.length;
      });
      return sorted.flat();
    }
    case 'valuesort':
      return rows.flat().sort(compareText);
  }
  return assertNever(mode, 'sort mode');
}

/** MD5 over the values, each followed by a newline (the harness's convention). */
export function hashSltValues(values: readonly string[]): string {
  return md5Hex(values.map((v) => `${v}\n`).join(''));
}

/** Describes how a result differs from the expectation, or undefined when it matches. */
export function compareSltResult(values: readonly string[], expected: SltExpected): string | undefined {
  switch (expected.kind) {
    case 'values': {
      if (values.length !== expected.values.length) return `expected ${expected.values.length} values, got ${values.length}`;
      for (let i = 0; i < values.length; i++) {
        if (values[i] !== expected.values[i]!.trimEnd()) return `value ${i + 1}: expected ${JSON.stringify(expected.values[i])}, got ${JSON.stringify(values[i])}`;
      }
      return undefined;
    }
    case 'hash': {
      if (values.length !== expected.count) return `expected ${expected.count} values, got ${values.length}`;
      const hash = hashSltValues(values);
      return hash === expected.hash ? undefined : `expected hash ${expected.hash}, got ${hash}`;
    }
  }
  return assertNever(expected, 'expectation');
}

/** Text for reports: the expected values (or hash) in one line. */
export function describeExpected(expected: SltExpected): string {
  return expected.kind === 'hash' ? `${expected.count} values hashing to ${expected.hash}` : expected.values.join(' ');
}
