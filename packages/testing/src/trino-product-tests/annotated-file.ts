/**
 * Tempto's "convention" file layout: lines starting with `--` (but not `---` or `--!`) carry
 * `key: value` pairs separated by `;`; `---` lines are comments; `--!` starts a new section (and
 * may carry properties such as `name: x`). Content is every other non-blank line; a leading `\`
 * escapes a line and a literal `\n` stands for a newline.
 */
export interface AnnotatedSection {
  readonly properties: Readonly<Record<string, string>>;
  readonly contentLines: readonly string[];
  /** 1-based line of the section's first line in the file. */
  readonly line: number;
}

export function isSectionLine(line: string): boolean {
  return line.startsWith('--!');
}

function isCommentLine(line: string): boolean {
  return line.startsWith('---');
}

function isPropertiesLine(line: string): boolean {
  return line.startsWith('--') && !isCommentLine(line) && !isSectionLine(line);
}

/** Parses `k: v; k2: v2` (whitespace around keys and values trimmed, empty entries dropped). */
export function parseProperties(text: string): Record<string, string> {
  const properties: Record<string, string> = {};
  for (const entry of text.split(';')) {
    const trimmed = entry.trim();
    if (trimmed === '') continue;
    const colon = trimmed.indexOf(':');
    if (colon < 0) {
      properties[trimmed] = '';
      continue;
    }
    properties[trimmed.slice(0, colon).trim()] = trimmed.slice(colon + 1).trim();
  }
  return properties;
}

export function parseAnnotatedFile(text: string): AnnotatedSection[] {
  const lines = text.split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const sections: { start: number; lines: string[] }[] = [];
  let current = { start: 0, lines: [] as string[] };
  lines.forEach((line, index) => {
    if (isSectionLine(line) && index > 0) {
      sections.push(current);
      current = { start: index, lines: [] };
    }
    current.lines.push(line);
  });
  sections.push(current);
  return sections.map(({ start, lines: sectionLines }) => {
    const properties: Record<string, string> = {};
    const content: string[] = [];
    for (const line of sectionLines) {
      if (isPropertiesLine(line)) Object.assign(properties, parseProperties(line.slice(2)));
      else if (isSectionLine(line)) Object.assign(properties, parseProperties(line.slice(3)));
      else if (isCommentLine(line) || line.trim() === '') continue;
      else content.push((line.startsWith('\\') ? line.slice(1) : line).split('\\n').join('\n'));
    }
    return { properties, contentLines: content, line: start + 1 };
  });
}
