/**
 * Groups failures by cause: an error name plus its message with the query-specific parts
 * (locations, literals, identifiers in quotes, numbers) replaced, so that one engine bug shows up
 * as one line with a count.
 */
export function failureCause(errorName: string | undefined, message: string | undefined): string {
  if (errorName === undefined) return 'wrong result';
  const normalized = (message ?? '')
    .replace(/^line \d+:\d+: /, '')
    .replace(/'[^']*'/g, "'…'")
    .replace(/"[^"]*"/g, '"…"')
    .replace(/\b\d+(\.\d+)?\b/g, 'N')
    .replace(/\s+/g, ' ')
    .trim();
  const short = normalized.length > 140 ? `${normalized.slice(0, 137)}...` : normalized;
  return `${errorName}: ${short}`;
}

/** Counts items by key, most frequent first. */
export function countBy<T>(items: readonly T[], key: (item: T) => string): Array<{ key: string; count: number; first: T }> {
  const map = new Map<string, { key: string; count: number; first: T }>();
  for (const item of items) {
    const k = key(item);
    const entry = map.get(k);
    if (entry === undefined) map.set(k, { key: k, count: 1, first: item });
    else entry.count++;
  }
  return [...map.values()].sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}
