import { StandardErrorCode, TrinoError } from '@petrel/spi';

/**
 * Parses Java `.properties` text, the format of Trino's `etc/` files: `#` and `!` comments,
 * `key=value`, `key: value` or `key value`, backslash escapes (`\t`, `\n`, `\uXXXX`, `\=` ...) and
 * line continuations (a line ending in an odd number of backslashes joins the next one, whose
 * leading whitespace is dropped). Later duplicates override earlier ones, as in Java; use
 * `parsePropertiesStrict` to reject them.
 */
export function parseProperties(text: string): Map<string, string> {
  const result = new Map<string, string>();
  for (const entry of propertyEntries(text)) result.set(entry.key, entry.value);
  return result;
}

export interface PropertyEntry {
  readonly key: string;
  readonly value: string;
  /** 1-based line where the entry starts. */
  readonly line: number;
}

/** Like `parseProperties`, but fails with CONFIGURATION_INVALID on a duplicate key, naming the file. */
export function parsePropertiesStrict(text: string, fileName: string): Map<string, string> {
  const result = new Map<string, string>();
  for (const entry of propertyEntries(text)) {
    if (result.has(entry.key)) {
      throw new TrinoError(StandardErrorCode.CONFIGURATION_INVALID, `${fileName}: line ${entry.line}: duplicate property '${entry.key}'`);
    }
    result.set(entry.key, entry.value);
  }
  return result;
}

export function propertyEntries(text: string): PropertyEntry[] {
  const physical = text.split(/\r\n|\r|\n/);
  const entries: PropertyEntry[] = [];
  for (let i = 0; i < physical.length; i++) {
    const startLine = i + 1;
    let line = stripLeadingWhitespace(physical[i]!);
    if (line.length === 0 || line[0] === '#' || line[0] === '!') continue;
    while (endsWithContinuation(line) && i + 1 < physical.length) {
      line = line.slice(0, -1) + stripLeadingWhitespace(physical[++i]!);
    }
    if (endsWithContinuation(line)) line = line.slice(0, -1);
    entries.push({ ...splitKeyValue(line), line: startLine });
  }
  return entries;
}

function stripLeadingWhitespace(s: string): string {
  return s.replace(/^[ \t\f]+/, '');
}

function endsWithContinuation(line: string): boolean {
  let backslashes = 0;
  for (let i = line.length - 1; i >= 0 && line[i] === '\\'; i--) backslashes++;
  return backslashes % 2 === 1;
}

function splitKeyValue(line: string): { key: string; value: string } {
  let i = 0;
  let keyEnd = line.length;
  while (i < line.length) {
    const ch = line[i]!;
    if (ch === '\\') {
      i += 2;
      continue;
    }
    if (ch === '=' || ch === ':' || ch === ' ' || ch === '\t' || ch === '\f') {
      keyEnd = i;
      break;
    }
    i++;
  }
  const key = unescape(line.slice(0, keyEnd));
  let rest = line.slice(keyEnd);
  rest = rest.replace(/^[ \t\f]*/, '');
  if (rest[0] === '=' || rest[0] === ':') rest = rest.slice(1).replace(/^[ \t\f]*/, '');
  return { key, value: unescape(rest) };
}

function unescape(s: string): string {
  if (!s.includes('\\')) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (ch !== '\\' || i + 1 >= s.length) {
      if (ch !== '\\') out += ch;
      continue;
    }
    const next = s[++i]!;
    switch (next) {
      case 't':
        out += '\t';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 'f':
        out += '\f';
        break;
      case 'u': {
        const hex = s.slice(i + 1, i + 5);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new TrinoError(StandardErrorCode.CONFIGURATION_INVALID, `Malformed \\uxxxx encoding in '${s}'`);
        out += String.fromCharCode(parseInt(hex, 16));
        i += 4;
        break;
      }
      default:
        out += next;
    }
  }
  return out;
}

/**
 * Replaces `${ENV:NAME}` with the environment variable NAME, as Trino does in catalog and config
 * files. A missing variable fails, naming the file and the property.
 */
export function substituteEnvironment(
  properties: ReadonlyMap<string, string>,
  fileName: string,
  environment: Readonly<Record<string, string | undefined>> = process.env,
): Map<string, string> {
  const result = new Map<string, string>();
  for (const [key, value] of properties) {
    result.set(
      key,
      value.replace(/\$\{ENV:([A-Za-z_][A-Za-z0-9_]*)\}/g, (_m, name: string) => {
        const v = environment[name];
        if (v === undefined) {
          throw new TrinoError(
            StandardErrorCode.CONFIGURATION_INVALID,
            `${fileName}: property '${key}' refers to environment variable '${name}', which is not set`,
          );
        }
        return v;
      }),
    );
  }
  return result;
}
