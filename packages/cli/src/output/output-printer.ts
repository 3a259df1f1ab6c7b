import type { ClientTypeSignature, JsonValue } from '@petrel/server';
import { stringifyJson, typeArgument } from '@petrel/server';
import { consoleWidth, formatValue, jsonOutputValue, maxLineWidth, NUMERIC_TYPES } from './value-format.js';

export const OUTPUT_FORMATS = [
  'ALIGNED',
  'VERTICAL',
  'CSV',
  'CSV_HEADER',
  'CSV_UNQUOTED',
  'CSV_HEADER_UNQUOTED',
  'TSV',
  'TSV_HEADER',
  'JSON',
  'MARKDOWN',
  'NULL',
] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface OutputColumn {
  readonly name: string;
  readonly typeSignature: ClientTypeSignature;
}

/** Turns batches of rows into text, as Trino's CLI printers do. */
export interface OutputPrinter {
  printRows(rows: readonly (readonly JsonValue[])[], complete: boolean): string;
  finish(): string;
}

export function createOutputPrinter(format: OutputFormat, columns: readonly OutputColumn[]): OutputPrinter {
  switch (format) {
    case 'ALIGNED':
      return new AlignedTablePrinter(columns);
    case 'VERTICAL':
      return new VerticalRecordPrinter(columns);
    case 'CSV':
      return new CsvPrinter(columns, false, true);
    case 'CSV_HEADER':
      return new CsvPrinter(columns, true, true);
    case 'CSV_UNQUOTED':
      return new CsvPrinter(columns, false, false);
    case 'CSV_HEADER_UNQUOTED':
      return new CsvPrinter(columns, true, false);
    case 'TSV':
      return new TsvPrinter(columns, false);
    case 'TSV_HEADER':
      return new TsvPrinter(columns, true);
    case 'JSON':
      return new JsonPrinter(columns);
    case 'MARKDOWN':
      return new MarkdownTablePrinter(columns);
    case 'NULL':
      return { printRows: () => '', finish: () => '' };
  }
}

function isNumeric(column: OutputColumn): boolean {
  return NUMERIC_TYPES.has(column.typeSignature.rawType);
}

class AlignedTablePrinter implements OutputPrinter {
  private headerDone = false;
  private rowCount = 0;

  constructor(private readonly columns: readonly OutputColumn[]) {}

  printRows(rows: readonly (readonly JsonValue[])[], complete: boolean): string {
    this.rowCount += rows.length;
    const formatted = rows.map((row) => this.columns.map((c, i) => formatValue(c.typeSignature, row[i] ?? null)));
    const widths = this.columns.map((c) => Math.max(1, consoleWidth(c.name)));
    for (const row of formatted) row.forEach((s, i) => (widths[i] = Math.max(widths[i]!, maxLineWidth(s))));
    let out = '';
    if (!this.headerDone) {
      this.headerDone = true;
      out += this.columns.map((c, i) => center(c.name, widths[i]!)).join('|') + '\n';
      out += widths.map((w) => '-'.repeat(w + 2)).join('+') + '\n';
    }
    for (const row of formatted) {
      const lines = row.map((s) => s.split('\n'));
      const height = Math.max(1, ...lines.map((l) => l.length));
      for (let line = 0; line < height; line++) {
        const cells = this.columns.map((c, i) => {
          const columnLines = lines[i]!;
          let cell = align(columnLines[line] ?? '', widths[i]!, isNumeric(c));
          if ((!complete || this.rowCount > 1) && line + 1 < columnLines.length) cell = cell.slice(0, -1) + '+';
          return cell;
        });
        out += cells.join('|') + '\n';
      }
    }
    return out;
  }

  finish(): string {
    const out = this.printRows([], true);
    return `${out}(${this.rowCount} row${this.rowCount !== 1 ? 's' : ''})\n`;
  }
}

function center(text: string, width: number): string {
  const w = consoleWidth(text);
  const left = Math.floor((width - w) / 2);
  const right = width - (left + w);
  return ' '.repeat(left + 1) + text + ' '.repeat(right + 1);
}

function align(text: string, width: number, right: boolean): string {
  const pad = ' '.repeat(width - consoleWidth(text) + 1);
  return right ? pad + text + ' ' : ' ' + text + pad;
}

class VerticalRecordPrinter implements OutputPrinter {
  private rowCount = 0;
  private readonly namesWidth: number;

  constructor(private readonly columns: readonly OutputColumn[]) {
    this.namesWidth = Math.max(0, ...columns.map((c) => consoleWidth(c.name)));
  }

  printRows(rows: readonly (readonly JsonValue[])[]): string {
    const formatted = rows.map((row) => this.columns.map((c, i) => formatValue(c.typeSignature, row[i] ?? null)));
    let valuesWidth = 0;
    for (const row of formatted) for (const s of row) valuesWidth = Math.max(valuesWidth, maxLineWidth(s));
    let out = '';
    for (const row of formatted) {
      this.rowCount++;
      let header = `-[ RECORD ${this.rowCount} ]`;
      if (this.namesWidth + 1 >= header.length) header += '-'.repeat(this.namesWidth + 1 - header.length) + '+';
      header += '-'.repeat(Math.max(0, this.namesWidth + valuesWidth + 3 - header.length));
      out += header + '\n';
      row.forEach((value, i) => {
        let name = this.columns[i]!.name;
        for (const line of value.split('\n')) {
          out += `${name}${' '.repeat(this.namesWidth - consoleWidth(name))} | ${line}\n`;
          name = ' '.repeat(consoleWidth(name));
        }
      });
    }
    return out;
  }

  finish(): string {
    return this.rowCount === 0 ? '(no rows)\n' : '';
  }
}

class CsvPrinter implements OutputPrinter {
  private needHeader: boolean;

  constructor(
    private readonly columns: readonly OutputColumn[],
    header: boolean,
    private readonly quote: boolean,
  ) {
    this.needHeader = header;
  }

  private line(values: readonly string[]): string {
    return values.map((v) => (this.quote ? `"${v.replace(/"/g, '""')}"` : v.replace(/"/g, '""'))).join(',') + '\n';
  }

  printRows(rows: readonly (readonly JsonValue[])[]): string {
    let out = '';
    if (this.needHeader) {
      this.needHeader = false;
      out += this.line(this.columns.map((c) => c.name));
    }
    for (const row of rows) out += this.line(this.columns.map((c, i) => formatValue(c.typeSignature, row[i] ?? null, '', 0)));
    return out;
  }

  finish(): string {
    return this.printRows([]);
  }
}

class TsvPrinter implements OutputPrinter {
  private needHeader: boolean;

  constructor(
    private readonly columns: readonly OutputColumn[],
    header: boolean,
  ) {
    this.needHeader = header;
  }

  printRows(rows: readonly (readonly JsonValue[])[]): string {
    let out = '';
    if (this.needHeader) {
      this.needHeader = false;
      out += this.columns.map((c) => escapeTsv(c.name)).join('\t') + '\n';
    }
    for (const row of rows) out += this.columns.map((c, i) => escapeTsv(formatValue(c.typeSignature, row[i] ?? null, '', 0))).join('\t') + '\n';
    return out;
  }

  finish(): string {
    return this.printRows([]);
  }
}

const TSV_ESCAPES: Record<string, string> = { '\0': '\\0', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\\': '\\\\' };

function escapeTsv(text: string): string {
  return text.replace(/[\0\b\f\n\r\t\\]/g, (c) => TSV_ESCAPES[c]!);
}

class JsonPrinter implements OutputPrinter {
  constructor(private readonly columns: readonly OutputColumn[]) {}

  printRows(rows: readonly (readonly JsonValue[])[]): string {
    let out = '';
    for (const row of rows) {
      const fields = this.columns.map((c, i) => `${JSON.stringify(c.name)}:${jsonText(c.typeSignature, jsonOutputValue(c.typeSignature, row[i] ?? null))}`);
      out += `{${fields.join(',')}}\n`;
    }
    return out;
  }

  finish(): string {
    return '';
  }
}

/** JSON text with doubles as Jackson writes Java doubles (`1.0`), following the type into arrays, maps and rows. */
function jsonText(signature: ClientTypeSignature, value: JsonValue): string {
  if (value === null) return 'null';
  if (typeof value === 'number' && (signature.rawType === 'double' || signature.rawType === 'real')) return formatValue(signature, value);
  if (Array.isArray(value) && signature.rawType === 'array') {
    const element = typeArgument(signature, 0);
    if (element !== undefined) return `[${(value as JsonValue[]).map((v) => jsonText(element, v)).join(',')}]`;
  }
  if (Array.isArray(value) && signature.rawType === 'row') {
    return `[${(value as JsonValue[]).map((v, i) => jsonText(typeArgument(signature, i) ?? UNKNOWN_SIGNATURE, v)).join(',')}]`;
  }
  if (typeof value === 'object' && !Array.isArray(value) && (signature.rawType === 'map' || signature.rawType === 'row')) {
    const entries = Object.entries(value as Record<string, JsonValue>);
    const fieldType = (key: string, index: number): ClientTypeSignature => {
      if (signature.rawType === 'map') return typeArgument(signature, 1) ?? UNKNOWN_SIGNATURE;
      const named = signature.arguments.find((a) => a.kind === 'NAMED_TYPE' && a.value.fieldName?.name === key);
      return named?.kind === 'NAMED_TYPE' ? named.value.typeSignature : (typeArgument(signature, index) ?? UNKNOWN_SIGNATURE);
    };
    return `{${entries.map(([k, v], i) => `${JSON.stringify(k)}:${jsonText(fieldType(k, i), v)}`).join(',')}}`;
  }
  return stringifyJson(value);
}

const UNKNOWN_SIGNATURE: ClientTypeSignature = { rawType: 'unknown', arguments: [] };

const MARKDOWN_SPECIAL = /([\\`*_{}[\]<>()#+!|])/g;

class MarkdownTablePrinter implements OutputPrinter {
  private headerDone = false;

  constructor(private readonly columns: readonly OutputColumn[]) {}

  printRows(rows: readonly (readonly JsonValue[])[]): string {
    const formatted = rows.map((row) =>
      this.columns.map((c, i) => formatValue(c.typeSignature, row[i] ?? null).replace(MARKDOWN_SPECIAL, '\\$1').replace(/\n/g, '<br>')),
    );
    const widths = this.columns.map((c) => Math.max(1, consoleWidth(c.name)));
    for (const row of formatted) row.forEach((s, i) => (widths[i] = Math.max(widths[i]!, consoleWidth(s))));
    const cell = (text: string, i: number): string => {
      const padding = ' '.repeat(widths[i]! - consoleWidth(text) + 1);
      return isNumeric(this.columns[i]!) ? padding + text + ' ' : ' ' + text + padding;
    };
    let out = '';
    if (!this.headerDone) {
      this.headerDone = true;
      out += this.columns.map((c, i) => '|' + cell(c.name, i)).join('') + '|\n';
      out += this.columns.map((c, i) => '| ' + '-'.repeat(widths[i]!) + (isNumeric(c) ? ':' : ' ')).join('') + '|\n';
    }
    for (const row of formatted) out += row.map((s, i) => '|' + cell(s, i)).join('') + '|\n';
    return out;
  }

  finish(): string {
    return '';
  }
}
