/** Counts the `?` parameters of a statement by walking its tree. */
export function countParameters(node: unknown): number {
  let count = 0;
  const visit = (value: unknown): void => {
    if (value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const v of value) visit(v);
      return;
    }
    const record = value as Record<string, unknown>;
    if (record['kind'] === 'Parameter') {
      count++;
      return;
    }
    for (const key of Object.keys(record)) if (key !== 'location') visit(record[key]);
  };
  visit(node);
  return count;
}
