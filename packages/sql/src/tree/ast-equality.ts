/**
 * Test helpers: a copy of an AST without `location` fields, and structural equality ignoring
 * locations. Iterative, so very deep trees do not overflow the stack.
 */
export function stripLocations<T>(node: T): T {
  const root: { value: unknown } = { value: undefined };
  const stack: Array<{ source: unknown; target: Record<string, unknown> | unknown[]; key: string | number }> = [
    { source: node, target: root as unknown as Record<string, unknown>, key: 'value' },
  ];
  while (stack.length > 0) {
    const { source, target, key } = stack.pop()!;
    let copy: unknown;
    if (Array.isArray(source)) {
      const array: unknown[] = new Array(source.length);
      for (let i = 0; i < source.length; i++) stack.push({ source: source[i], target: array, key: i });
      copy = array;
    } else if (source !== null && typeof source === 'object') {
      const object: Record<string, unknown> = {};
      for (const [field, value] of Object.entries(source)) {
        if (field === 'location' || value === undefined) continue;
        stack.push({ source: value, target: object, key: field });
      }
      copy = object;
    } else {
      copy = source;
    }
    (target as Record<string | number, unknown>)[key] = copy;
  }
  return root.value as T;
}

/** Structural equality of two ASTs, ignoring `location` and undefined fields. */
export function astEquals(a: unknown, b: unknown): boolean {
  const left: unknown[] = [a];
  const right: unknown[] = [b];
  while (left.length > 0) {
    const x = left.pop();
    const y = right.pop();
    if (x === y) continue;
    if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return false;
    if (Array.isArray(x)) {
      if (!Array.isArray(y) || x.length !== y.length) return false;
      for (let i = 0; i < x.length; i++) {
        left.push(x[i]);
        right.push(y[i]);
      }
      continue;
    }
    if (Array.isArray(y)) return false;
    const xo = x as Record<string, unknown>;
    const yo = y as Record<string, unknown>;
    for (const key in xo) {
      if (key === 'location') continue;
      const value = xo[key];
      const other = yo[key];
      if (value === other) continue;
      if (typeof value !== 'object' || typeof other !== 'object') return false;
      left.push(value);
      right.push(other);
    }
    for (const key in yo) {
      if (key !== 'location' && yo[key] !== undefined && !(key in xo)) return false;
    }
  }
  return true;
}
