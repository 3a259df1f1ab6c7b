import { StandardErrorCode, TrinoError } from '@petrel/spi';

/**
 * A parsed JSON document that keeps number text (so 64-bit integers and decimals survive) and
 * object member order.
 */
export type JsonValue = null | boolean | string | JsonNumber | readonly JsonValue[] | JsonObject;
export interface JsonNumber {
  readonly kind: 'number';
  readonly text: string;
}
export interface JsonObject {
  readonly kind: 'object';
  readonly entries: readonly (readonly [string, JsonValue])[];
}

export function jsonNumber(text: string): JsonNumber {
  return { kind: 'number', text };
}

export function isJsonNumber(v: JsonValue): v is JsonNumber {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && (v as JsonNumber).kind === 'number';
}
export function isJsonObject(v: JsonValue): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && (v as JsonObject).kind === 'object';
}

class JsonParser {
  private pos = 0;
  constructor(private readonly text: string) {}

  parseDocument(): JsonValue {
    this.ws();
    const v = this.value();
    this.ws();
    if (this.pos !== this.text.length) this.fail();
    return v;
  }

  private fail(): never {
    throw new SyntaxError(`Invalid JSON at position ${this.pos}`);
  }

  private ws(): void {
    const t = this.text;
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos);
      if (c === 32 || c === 9 || c === 10 || c === 13) this.pos++;
      else break;
    }
  }

  private value(): JsonValue {
    const t = this.text;
    const c = t[this.pos];
    switch (c) {
      case '{': {
        this.pos++;
        const entries: [string, JsonValue][] = [];
        this.ws();
        if (t[this.pos] === '}') {
          this.pos++;
          return { kind: 'object', entries };
        }
        for (;;) {
          this.ws();
          if (t[this.pos] !== '"') this.fail();
          const key = this.string();
          this.ws();
          if (t[this.pos] !== ':') this.fail();
          this.pos++;
          this.ws();
          entries.push([key, this.value()]);
          this.ws();
          if (t[this.pos] === ',') {
            this.pos++;
            continue;
          }
          if (t[this.pos] === '}') {
            this.pos++;
            return { kind: 'object', entries };
          }
          this.fail();
        }
      }
      case '[': {
        this.pos++;
        const items: JsonValue[] = [];
        this.ws();
        if (t[this.pos] === ']') {
          this.pos++;
          return items;
        }
        for (;;) {
          this.ws();
          items.push(this.value());
          this.ws();
          if (t[this.pos] === ',') {
            this.pos++;
            continue;
          }
          if (t[this.pos] === ']') {
            this.pos++;
            return items;
          }
          this.fail();
        }
      }
      case '"':
        return this.string();
      case 't':
        if (t.startsWith('true', this.pos)) {
          this.pos += 4;
          return true;
        }
        return this.fail();
      case 'f':
        if (t.startsWith('false', this.pos)) {
          this.pos += 5;
          return false;
        }
        return this.fail();
      case 'n':
        if (t.startsWith('null', this.pos)) {
          this.pos += 4;
          return null;
        }
        return this.fail();
      default: {
        const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(t.slice(this.pos, this.pos + 400));
        if (m === null || m[0] === '') this.fail();
        this.pos += m[0].length;
        return jsonNumber(m[0]);
      }
    }
  }

  private string(): string {
    const t = this.text;
    const start = ++this.pos;
    let end = start;
    while (end < t.length && t[end] !== '"' && t[end] !== '\\') end++;
    if (t[end] === '"') {
      this.pos = end + 1;
      return t.slice(start, end);
    }
    let out = t.slice(start, end);
    this.pos = end;
    while (this.pos < t.length) {
      const c = t[this.pos]!;
      if (c === '"') {
        this.pos++;
        return out;
      }
      if (c === '\\') {
        const e = t[this.pos + 1];
        this.pos += 2;
        switch (e) {
          case '"': out += '"'; break;
          case '\\': out += '\\'; break;
          case '/': out += '/'; break;
          case 'b': out += '\b'; break;
          case 'f': out += '\f'; break;
          case 'n': out += '\n'; break;
          case 'r': out += '\r'; break;
          case 't': out += '\t'; break;
          case 'u': {
            const hex = t.slice(this.pos, this.pos + 4);
            if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail();
            out += String.fromCharCode(parseInt(hex, 16));
            this.pos += 4;
            break;
          }
          default:
            this.fail();
        }
      } else {
        if (c.charCodeAt(0) < 0x20) this.fail();
        out += c;
        this.pos++;
      }
    }
    return this.fail();
  }
}

export function parseJsonText(text: string): JsonValue {
  return new JsonParser(text).parseDocument();
}

/** Parses or throws INVALID_FUNCTION_ARGUMENT like json_parse. */
export function parseJsonOrThrow(text: string): JsonValue {
  try {
    return parseJsonText(text);
  } catch {
    throw new TrinoError(StandardErrorCode.INVALID_FUNCTION_ARGUMENT, `Cannot convert '${text}' to JSON`);
  }
}

export function tryParseJson(text: string): JsonValue | undefined {
  try {
    return parseJsonText(text);
  } catch {
    return undefined;
  }
}

export function quoteJsonString(s: string): string {
  return JSON.stringify(s);
}

/** Compact canonical text. */
export function serializeJson(v: JsonValue): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'string') return quoteJsonString(v);
  if (Array.isArray(v)) return `[${(v as readonly JsonValue[]).map(serializeJson).join(',')}]`;
  if (isJsonNumber(v)) return v.text;
  const o = v as JsonObject;
  return `{${o.entries.map(([k, x]) => `${quoteJsonString(k)}:${serializeJson(x)}`).join(',')}}`;
}

export function jsonObject(entries: readonly (readonly [string, JsonValue])[]): JsonObject {
  return { kind: 'object', entries };
}
