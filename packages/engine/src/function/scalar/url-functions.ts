import type { SqlValue } from '@petrel/spi';
import type { FunctionDefinition } from '../function-definition.js';
import { scalarFunction } from '../function-definition.js';
import { invalidArgument } from '../errors.js';
import { utf8Encode } from './string-support.js';

/** A java.net.URI-like split: scheme://userinfo@host:port/path?query#fragment. */
interface ParsedUrl {
  readonly protocol: string | null;
  readonly host: string | null;
  readonly port: number | null;
  readonly path: string | null;
  readonly query: string | null;
  readonly fragment: string | null;
}

const URL_RE = /^(?:([A-Za-z][A-Za-z0-9+.-]*):)?(?:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)(?::(\d*))?)?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/;

function parseUrl(text: string): ParsedUrl | undefined {
  if (/[\s<>"{}|\\^`]/.test(text)) return undefined;
  const m = URL_RE.exec(text);
  if (m === null) return undefined;
  if (/%(?![0-9A-Fa-f]{2})/.test(text)) return undefined;
  return {
    protocol: m[1] ?? null,
    host: m[2] === undefined || m[2] === '' ? null : m[2],
    port: m[3] === undefined || m[3] === '' ? null : Number(m[3]),
    path: m[4] ?? '',
    query: m[5] ?? null,
    fragment: m[6] ?? null,
  };
}

function decodeComponent(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** java.net.URLEncoder (application/x-www-form-urlencoded, UTF-8). */
export function urlEncode(s: string): string {
  let out = '';
  for (const b of utf8Encode(s)) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9.\-*_]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

export function urlDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    throw invalidArgument(`Invalid URL encoding: ${s}`);
  }
}

function extractParameter(query: string | null, name: string): string | null {
  if (query === null) return null;
  for (const pair of query.split('&')) {
    const i = pair.indexOf('=');
    const key = i < 0 ? pair : pair.slice(0, i);
    if (key === name) return i < 0 ? '' : decodeComponent(pair.slice(i + 1).replace(/\+/g, ' '));
  }
  return null;
}

function part(f: (u: ParsedUrl) => SqlValue) {
  return (v: SqlValue): SqlValue => {
    const u = parseUrl(v as string);
    return u === undefined ? null : f(u);
  };
}

export function urlFunctions(): FunctionDefinition[] {
  return [
    scalarFunction({ name: 'url_extract_fragment', args: ['varchar(x)'], returns: 'varchar(x)', description: 'Extract fragment from url', impl: part((u) => (u.fragment === null ? null : decodeComponent(u.fragment))) }),
    scalarFunction({ name: 'url_extract_host', args: ['varchar(x)'], returns: 'varchar(x)', description: 'Extract host from url', impl: part((u) => u.host) }),
    scalarFunction({ name: 'url_extract_parameter', args: ['varchar(x)', 'varchar(y)'], returns: 'varchar(x)', description: 'Extract query parameter from url', impl: (v, n) => {
      const u = parseUrl(v as string);
      return u === undefined ? null : extractParameter(u.query, n as string);
    } }),
    scalarFunction({ name: 'url_extract_path', args: ['varchar(x)'], returns: 'varchar(x)', description: 'Extract part from url', impl: part((u) => (u.path === null ? null : decodeComponent(u.path))) }),
    scalarFunction({ name: 'url_extract_port', args: ['varchar(x)'], returns: 'bigint', description: 'Extract port from url', impl: part((u) => u.port) }),
    scalarFunction({ name: 'url_extract_protocol', args: ['varchar(x)'], returns: 'varchar(x)', description: 'Extract protocol from url', impl: part((u) => u.protocol) }),
    scalarFunction({ name: 'url_extract_query', args: ['varchar(x)'], returns: 'varchar(x)', description: 'Extract query from url', impl: part((u) => (u.query === null ? null : decodeComponent(u.query))) }),
    scalarFunction({ name: 'url_encode', args: ['varchar(x)'], returns: 'varchar', description: 'Escape a string for use in URL query parameter names and values', impl: (v) => urlEncode(v as string) }),
    scalarFunction({ name: 'url_decode', args: ['varchar(x)'], returns: 'varchar(x)', description: 'Unescape a URL-encoded string', impl: (v) => urlDecode(v as string) }),
  ];
}
