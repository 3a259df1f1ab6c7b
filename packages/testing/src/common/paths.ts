import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file lives in packages/testing/{src,dist}/common). */
export const REPOSITORY_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');

/** The shared corpora; `PETREL_SHARED` overrides the location. */
export const SHARED_ROOT = process.env['PETREL_SHARED'] ?? join(REPOSITORY_ROOT, '..', 'shared');

export function existingDirectory(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}

/** Every file under `dir` (recursively) whose name ends with `suffix`, sorted. */
export function listFiles(dir: string, suffix: string): string[] {
  const out: string[] = [];
  const walk = (current: string): void => {
    for (const name of readdirSync(current).sort()) {
      const path = join(current, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith(suffix)) out.push(path);
    }
  };
  if (existingDirectory(dir)) walk(dir);
  return out;
}

/** Converts a glob with `*`, `**` and `?` into a RegExp over `/`-separated paths. */
export function globToRegExp(glob: string): RegExp {
  let pattern = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        pattern += '.*';
        i++;
        if (glob[i + 1] === '/') i++;
      } else pattern += '[^/]*';
    } else if (c === '?') pattern += '[^/]';
    else pattern += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`(^|/)${pattern}$`);
}

export function relativePath(from: string, to: string): string {
  return relative(from, to).split('\\').join('/');
}
