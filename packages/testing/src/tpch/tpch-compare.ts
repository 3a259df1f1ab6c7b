import type { SqlType, SqlValue } from '@petrel/spi';
import { trinoValueText } from '../common/value-text.js';
import type { TpchAnswer } from './tpch-answer.js';

/** Relative tolerance for every number; money (two decimals in the answer) may also differ by 0.01. */
export const RELATIVE_TOLERANCE = 1e-6;
export const MONEY_TOLERANCE = 0.01;

const NUMBER = /^-?\d+(\.\d+)?$/;

/** Whether one value matches its expected text: numbers with tolerance, everything else exactly. */
export function tpchValueMatches(actual: SqlValue, type: SqlType, expected: string): boolean {
  if (actual === null) return expected === '' || expected.toLowerCase() === 'null';
  const text = trinoValueText(actual, type);
  if (text === expected) return true;
  const numeric = type.kind === 'double' || type.kind === 'real' || type.kind === 'decimal' || type.kind === 'bigint' || type.kind === 'integer' || type.kind === 'smallint' || type.kind === 'tinyint';
  if (!numeric || !NUMBER.test(expected)) return type.kind === 'char' && text.trimEnd() === expected.trimEnd();
  const a = Number(text);
  const e = Number(expected);
  const difference = Math.abs(a - e);
  if (difference <= RELATIVE_TOLERANCE * Math.max(Math.abs(a), Math.abs(e))) return true;
  const decimals = expected.includes('.') ? expected.length - expected.indexOf('.') - 1 : 0;
  return decimals === 2 && difference <= MONEY_TOLERANCE + 1e-9;
}

/** Describes the first difference between a result and the answer, or undefined when they agree (in order). */
export function compareTpchResult(types: readonly SqlType[], rows: readonly (readonly SqlValue[])[], answer: TpchAnswer): string | undefined {
  if (types.length !== answer.columns.length) return `expected ${answer.columns.length} columns, got ${types.length}`;
  if (rows.length !== answer.rows.length) return `expected ${answer.rows.length} rows, got ${rows.length}`;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    const expected = answer.rows[r]!;
    for (let c = 0; c < types.length; c++) {
      if (!tpchValueMatches(row[c] ?? null, types[c]!, expected[c] ?? '')) {
        return `row ${r + 1} column ${answer.columns[c]}: expected ${JSON.stringify(expected[c])}, got ${JSON.stringify(trinoValueText(row[c] ?? null, types[c]!))}`;
      }
    }
  }
  return undefined;
}
