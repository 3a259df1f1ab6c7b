import type { SqlValue } from '@petrel/spi';
import type { FunctionDefinition } from '../function-definition.js';
import { scalarFunction } from '../function-definition.js';
import { invalidArgument } from '../errors.js';

/** A compiled LIKE pattern: a predicate over strings. */
export type LikeMatcher = (value: string) => boolean;

const cache = new Map<string, LikeMatcher>();

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Compiles `pattern` (with optional single-character `escape`), cached per distinct pattern. */
export function compileLikePattern(pattern: string, escape?: string): LikeMatcher {
  const key = escape === undefined ? pattern : `${escape}\u0000${pattern}`;
  let m = cache.get(key);
  if (m !== undefined) return m;
  if (escape !== undefined && [...escape].length !== 1) throw invalidArgument('Escape string must be a single character');
  // Tokenize into literal text and wildcards.
  const parts: ({ kind: 'text'; text: string } | { kind: 'any' } | { kind: 'one' })[] = [];
  let text = '';
  const chars = [...pattern];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (escape !== undefined && c === escape) {
      const next = chars[i + 1];
      if (next === undefined || (next !== '%' && next !== '_' && next !== escape)) {
        throw invalidArgument(`Escape character must be followed by '%', '_' or the escape character itself`);
      }
      text += next;
      i++;
    } else if (c === '%') {
      if (text !== '') parts.push({ kind: 'text', text });
      text = '';
      if (parts[parts.length - 1]?.kind !== 'any') parts.push({ kind: 'any' });
    } else if (c === '_') {
      if (text !== '') parts.push({ kind: 'text', text });
      text = '';
      parts.push({ kind: 'one' });
    } else text += c;
  }
  if (text !== '') parts.push({ kind: 'text', text });
  const only = (...kinds: string[]): boolean => parts.length === kinds.length && parts.every((p, i) => p.kind === kinds[i]);
  if (parts.length === 0) m = (v) => v === '';
  else if (only('text')) {
    const t = (parts[0] as { text: string }).text;
    m = (v) => v === t;
  } else if (only('any')) m = () => true;
  else if (only('text', 'any')) {
    const t = (parts[0] as { text: string }).text;
    m = (v) => v.startsWith(t);
  } else if (only('any', 'text')) {
    const t = (parts[1] as { text: string }).text;
    m = (v) => v.endsWith(t);
  } else if (only('any', 'text', 'any')) {
    const t = (parts[1] as { text: string }).text;
    m = (v) => v.includes(t);
  } else {
    let source = '^';
    for (const p of parts) source += p.kind === 'text' ? escapeRegExp(p.text) : p.kind === 'any' ? '[^]*' : '[^]';
    source += '$';
    const re = new RegExp(source, 'u');
    m = (v) => re.test(v);
  }
  if (cache.size > 10_000) cache.clear();
  cache.set(key, m);
  return m;
}

export function likeFunctions(): FunctionDefinition[] {
  return [
    scalarFunction({
      name: 'like', args: ['varchar(x)', 'varchar(y)'], returns: 'boolean', hidden: true,
      impl: (v: SqlValue, p: SqlValue) => compileLikePattern(p as string)(v as string),
    }),
    scalarFunction({
      name: 'like', args: ['varchar(x)', 'varchar(y)', 'varchar(z)'], returns: 'boolean', hidden: true,
      impl: (v: SqlValue, p: SqlValue, e: SqlValue) => compileLikePattern(p as string, e as string)(v as string),
    }),
  ];
}
