/** A TPC-H answer file: a `|`-separated header line, then one line per row. */
export interface TpchAnswer {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

export function parseTpchAnswer(text: string): TpchAnswer {
  // every line after the header is a row, even an empty one (a single NULL value); only the
  // final newline does not start a row
  const lines = text.split(/\r?\n/);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  const header = lines.shift();
  if (header === undefined) throw new Error('empty answer file');
  const split = (line: string): string[] => line.split('|');
  return { columns: split(header), rows: lines.map(split) };
}
