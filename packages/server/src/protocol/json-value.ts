/**
 * JSON values as the protocol carries them. `bigint` stands for an integer written exactly as JSON
 * number text (BIGINT beyond 2^53); everything else is plain JSON.
 */
export type JsonValue = null | boolean | number | bigint | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** JSON text of a value; bigints are written as exact number text, non-finite numbers as strings. */
export function stringifyJson(value: JsonValue | undefined): string {
  if (value === undefined) return 'null';
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      return Number.isFinite(value) ? String(value) : JSON.stringify(String(value));
    case 'bigint':
      return value.toString();
    case 'string':
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) {
        let text = '[';
        for (let i = 0; i < value.length; i++) {
          if (i > 0) text += ',';
          text += stringifyJson(value[i]);
        }
        return text + ']';
      }
      let text = '{';
      let first = true;
      for (const [key, item] of Object.entries(value as { readonly [key: string]: JsonValue })) {
        if (item === undefined) continue;
        if (!first) text += ',';
        first = false;
        text += JSON.stringify(key) + ':' + stringifyJson(item);
      }
      return text + '}';
    }
    default:
      return 'null';
  }
}

/**
 * Parses JSON text keeping integers beyond 2^53 exact (as `bigint`). Throws `SyntaxError` on bad input.
 */
export function parseJson(text: string): JsonValue {
  let position = 0;
  const fail = (message: string): never => {
    throw new SyntaxError(`${message} at position ${position}`);
  };
  const skipWhitespace = (): void => {
    while (position < text.length) {
      const c = text.charCodeAt(position);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) position++;
      else break;
    }
  };
  const parseString = (): string => {
    const start = position;
    position++;
    let simple = true;
    while (position < text.length) {
      const c = text.charCodeAt(position);
      if (c === 0x22) {
        position++;
        const raw = text.slice(start, position);
        return simple ? raw.slice(1, -1) : (JSON.parse(raw) as string);
      }
      if (c === 0x5c) {
        simple = false;
        position += 2;
      } else position++;
    }
    return fail('unterminated string');
  };
  const parseNumber = (): number | bigint => {
    const match = /^-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(position, position + 400));
    if (match === null) return fail('invalid number');
    position += match[0].length;
    if (match[1] === undefined && match[2] === undefined) {
      const n = Number(match[0]);
      if (Number.isSafeInteger(n)) return n;
      return BigInt(match[0]);
    }
    return Number(match[0]);
  };
  const parseValue = (depth: number): JsonValue => {
    if (depth > 1000) fail('nesting too deep');
    skipWhitespace();
    const c = text[position];
    if (c === '{') {
      position++;
      const result: Record<string, JsonValue> = {};
      skipWhitespace();
      if (text[position] === '}') {
        position++;
        return result;
      }
      for (;;) {
        skipWhitespace();
        if (text[position] !== '"') fail('expected string key');
        const key = parseString();
        skipWhitespace();
        if (text[position] !== ':') fail('expected :');
        position++;
        result[key] = parseValue(depth + 1);
        skipWhitespace();
        if (text[position] === ',') {
          position++;
          continue;
        }
        if (text[position] === '}') {
          position++;
          return result;
        }
        fail('expected , or }');
      }
    }
    if (c === '[') {
      position++;
      const result: JsonValue[] = [];
      skipWhitespace();
      if (text[position] === ']') {
        position++;
        return result;
      }
      for (;;) {
        result.push(parseValue(depth + 1));
        skipWhitespace();
        if (text[position] === ',') {
          position++;
          continue;
        }
        if (text[position] === ']') {
          position++;
          return result;
        }
        fail('expected , or ]');
      }
    }
    if (c === '"') return parseString();
    if (c === 't' && text.startsWith('true', position)) {
      position += 4;
      return true;
    }
    if (c === 'f' && text.startsWith('false', position)) {
      position += 5;
      return false;
    }
    if (c === 'n' && text.startsWith('null', position)) {
      position += 4;
      return null;
    }
    return parseNumber();
  };
  const value = parseValue(0);
  skipWhitespace();
  if (position !== text.length) fail('unexpected trailing text');
  return value;
}
