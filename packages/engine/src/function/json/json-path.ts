import { invalidArgument } from '../errors.js';
import type { JsonValue } from './json-value.js';
import { isJsonObject } from './json-value.js';

/** The JSONPath subset of json_extract: `$`, `.key`, `["key"]`, `[index]`, `[*]`, `.*`. */
export type PathStep = { readonly kind: 'key'; readonly key: string } | { readonly kind: 'index'; readonly index: number } | { readonly kind: 'wildcard' };

const cache = new Map<string, readonly PathStep[]>();

export function parseJsonPath(path: string): readonly PathStep[] {
  const cached = cache.get(path);
  if (cached !== undefined) return cached;
  const bad = (): never => {
    throw invalidArgument(`Invalid JSON path: '${path}'`);
  };
  const p = path.trim();
  if (!p.startsWith('$')) bad();
  const steps: PathStep[] = [];
  let i = 1;
  while (i < p.length) {
    const c = p[i]!;
    if (c === '.') {
      i++;
      if (p[i] === '*') {
        steps.push({ kind: 'wildcard' });
        i++;
        continue;
      }
      const m = /^[A-Za-z_$][\w$-]*|^"((?:[^"\\]|\\.)*)"/.exec(p.slice(i));
      if (m === null) bad();
      steps.push({ kind: 'key', key: m![1] !== undefined ? m![1].replace(/\\(.)/g, '$1') : m![0] });
      i += m![0].length;
    } else if (c === '[') {
      const rest = p.slice(i);
      const m = /^\[\s*(?:(\d+)|"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|(\*))\s*\]/.exec(rest);
      if (m === null) bad();
      if (m![1] !== undefined) steps.push({ kind: 'index', index: Number(m![1]) });
      else if (m![4] !== undefined) steps.push({ kind: 'wildcard' });
      else steps.push({ kind: 'key', key: (m![2] ?? m![3]!).replace(/\\(.)/g, '$1') });
      i += m![0].length;
    } else bad();
  }
  if (cache.size > 1000) cache.clear();
  cache.set(path, steps);
  return steps;
}

/** Evaluates the path; undefined when nothing matches. A wildcard gathers matches into an array. */
export function evaluateJsonPath(root: JsonValue, steps: readonly PathStep[]): JsonValue | undefined {
  let current: JsonValue[] = [root];
  let multi = false;
  for (const step of steps) {
    const next: JsonValue[] = [];
    for (const v of current) {
      if (step.kind === 'key') {
        if (isJsonObject(v)) {
          const e = v.entries.find(([k]) => k === step.key);
          if (e !== undefined) next.push(e[1]);
        }
      } else if (step.kind === 'index') {
        if (Array.isArray(v)) {
          const a = v as readonly JsonValue[];
          if (step.index < a.length) next.push(a[step.index]!);
        }
      } else {
        multi = true;
        if (Array.isArray(v)) next.push(...(v as readonly JsonValue[]));
        else if (isJsonObject(v)) next.push(...v.entries.map(([, x]) => x));
      }
    }
    current = next;
  }
  if (multi) return current;
  return current.length === 0 ? undefined : current[0];
}
