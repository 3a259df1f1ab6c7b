import type { SltCondition, SltExpected, SltRecord, SltSortMode } from './slt-record.js';

/** A line the parser could not make sense of; the runner reports it and goes on. */
export class SltParseError extends Error {
  constructor(
    readonly path: string,
    readonly line: number,
    message: string,
  ) {
    super(`${path}:${line}: ${message}`);
    this.name = 'SltParseError';
  }
}

const HASH_LINE = /^(\d+) values hashing to ([0-9a-f]{32})$/;

/**
 * Parses a sqllogictest script. Records are separated by blank lines; `#` starts a comment line;
 * `skipif`/`onlyif` lines attach to the record that follows them.
 */
export function parseSltFile(text: string, path = '<input>'): SltRecord[] {
  const lines = text.split(/\r?\n/);
  const records: SltRecord[] = [];
  let conditions: SltCondition[] = [];
  let i = 0;
  const isBlank = (line: string | undefined): boolean => line === undefined || line.trim() === '';

  while (i < lines.length) {
    const raw = lines[i]!;
    const lineNumber = i + 1;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) {
      // A blank line ends a pending condition block only if a record never followed; keep them
      // until the next record as the reference harness does.
      i++;
      continue;
    }
    const words = trimmed.split(/\s+/);
    const keyword = words[0]!;
    switch (keyword) {
      case 'skipif':
      case 'onlyif': {
        const hash = trimmed.indexOf('#');
        const reason = hash >= 0 ? trimmed.slice(hash + 1).trim() : undefined;
        const database = words[1];
        if (database === undefined) throw new SltParseError(path, lineNumber, `${keyword} without a database name`);
        conditions.push({ kind: keyword, database, reason: reason === '' ? undefined : reason });
        i++;
        continue;
      }
      case 'hash-threshold': {
        const threshold = Number(words[1]);
        if (!Number.isInteger(threshold)) throw new SltParseError(path, lineNumber, `bad hash-threshold: ${trimmed}`);
        records.push({ kind: 'hash-threshold', line: lineNumber, threshold });
        conditions = [];
        i++;
        continue;
      }
      case 'halt': {
        records.push({ kind: 'halt', line: lineNumber, conditions });
        conditions = [];
        i++;
        continue;
      }
      case 'statement': {
        const mode = words[1];
        if (mode !== 'ok' && mode !== 'error') throw new SltParseError(path, lineNumber, `bad statement line: ${trimmed}`);
        i++;
        const sqlLines: string[] = [];
        while (!isBlank(lines[i])) sqlLines.push(lines[i++]!);
        records.push({ kind: 'statement', line: lineNumber, conditions, expectError: mode === 'error', sql: sqlLines.join('\n') });
        conditions = [];
        continue;
      }
      case 'query': {
        const types = words[1];
        if (types === undefined || !/^[ITR]+$/.test(types)) throw new SltParseError(path, lineNumber, `bad query types: ${trimmed}`);
        let sortMode: SltSortMode = 'nosort';
        let label: string | undefined;
        const rest = words.slice(2);
        if (rest[0] === 'nosort' || rest[0] === 'rowsort' || rest[0] === 'valuesort') {
          sortMode = rest[0];
          rest.shift();
        }
        if (rest.length > 0) label = rest[0];
        i++;
        const sqlLines: string[] = [];
        while (!isBlank(lines[i]) && lines[i]!.trim() !== '----') sqlLines.push(lines[i++]!);
        const values: string[] = [];
        if (lines[i] !== undefined && lines[i]!.trim() === '----') {
          i++;
          while (!isBlank(lines[i])) values.push(lines[i++]!);
        }
        let expected: SltExpected = { kind: 'values', values };
        if (values.length === 1) {
          const match = HASH_LINE.exec(values[0]!.trim());
          if (match !== null) expected = { kind: 'hash', count: Number(match[1]), hash: match[2]! };
        }
        records.push({ kind: 'query', line: lineNumber, conditions, types, sortMode, label, sql: sqlLines.join('\n'), expected });
        conditions = [];
        continue;
      }
      default:
        throw new SltParseError(path, lineNumber, `unknown record: ${trimmed}`);
    }
  }
  return records;
}
