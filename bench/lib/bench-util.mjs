// Helpers shared by the benchmarks: locating shared data, statistics, formatting, answer checks.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (the folder holding the root package.json named "petrel"). */
export function repoRoot() {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && JSON.parse(readFileSync(pkg, 'utf8')).name === 'petrel') return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('repository root not found');
    dir = parent;
  }
}

/** The shared reference data beside the repository (`../shared`), or $PETREL_SHARED. */
export function sharedDir() {
  return process.env.PETREL_SHARED ?? join(repoRoot(), '..', 'shared');
}

export function median(values) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function formatMillis(ms) {
  if (!Number.isFinite(ms)) return '-';
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 2 : 0)} ms`;
}

export function formatBytes(bytes) {
  if (!bytes) return '-';
  const units = ['B', 'kB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}

export function printTable(rows, columns) {
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length)));
  const line = (cells) => cells.map((cell, i) => String(cell).padStart(widths[i])).join('  ');
  console.log(line(columns));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(columns.map((c) => row[c])));
}

/** A `|`-separated answer file with a header line, as rows of strings. */
export function readAnswer(path) {
  // One line per row after the header; an empty line is a row (a single NULL or empty cell, as in
  // q17 at SF 0.01), so only the final newline's empty remainder is dropped.
  const lines = readFileSync(path, 'utf8').split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.slice(1).map((l) => l.split('|'));
}

function cellText(value) {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'object' && 'toString' in value) return value.toString();
  return String(value);
}

function cellsAgree(actual, expected) {
  const a = cellText(actual).trim();
  const e = expected.trim();
  if (a === e) return true;
  if (a === 'NULL' && e === '') return true;
  const x = Number(a);
  const y = Number(e);
  if (a === '' || e === '' || Number.isNaN(x) || Number.isNaN(y)) return false;
  return Math.abs(x - y) <= Math.max(0.011, 1e-9 * Math.abs(y));
}

/**
 * Compares result rows (runtime values; dates as day numbers are converted when the expected cell
 * looks like a date) with an answer file's rows, in order.
 */
export function compareAnswer(rows, expected) {
  if (rows.length !== expected.length) return false;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    const want = expected[i];
    if (row.length !== want.length) return false;
    for (let c = 0; c < row.length; c++) {
      let value = row[c];
      if (typeof value === 'number' && /^\d{4}-\d{2}-\d{2}$/.test(want[c])) value = new Date(value * 86_400_000).toISOString().slice(0, 10);
      if (!cellsAgree(value, want[c])) return false;
    }
  }
  return true;
}
