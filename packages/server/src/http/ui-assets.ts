import { existsSync, readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { join, normalize } from 'node:path';

/** The web UI's static files live in `packages/server/ui/` (plain HTML/CSS/JS, no build step). */
const UI_ROOT = fileURLToPath(new URL('../../ui/', import.meta.url));

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

const cache = new Map<string, Buffer>();

/** Serves `/ui/...`; false when there is no such file. */
export function serveUi(path: string, response: ServerResponse): boolean {
  let relative = path.slice('/ui/'.length);
  if (relative === '') relative = 'index.html';
  const normalized = normalize(relative);
  if (normalized.startsWith('..') || normalized.includes('\0')) return false;
  const file = join(UI_ROOT, normalized);
  let content = cache.get(file);
  if (content === undefined) {
    if (!existsSync(file)) return false;
    try {
      content = readFileSync(file);
    } catch {
      return false;
    }
    cache.set(file, content);
  }
  const extension = normalized.slice(normalized.lastIndexOf('.'));
  response.writeHead(200, { 'Content-Type': CONTENT_TYPES[extension] ?? 'application/octet-stream', 'Cache-Control': 'no-cache' });
  response.end(content);
  return true;
}
