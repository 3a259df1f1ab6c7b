import type { SqlType } from '@petrel/spi';

/**
 * A named, typed value flowing through a plan (a column of an intermediate relation). Names are
 * unique within a plan (`orderkey`, `orderkey_1`, `expr_3`); `SymbolAllocator` hands them out.
 */
export interface Symbol {
  readonly name: string;
  readonly type: SqlType;
}

export function symbol(name: string, type: SqlType): Symbol {
  return { name, type };
}

/** Allocates unique symbol names within one plan. */
export class SymbolAllocator {
  private readonly used = new Map<string, number>();

  newSymbol(nameHint: string, type: SqlType): Symbol {
    const base = sanitize(nameHint);
    let name = base;
    let n = this.used.get(base) ?? 0;
    if (n > 0 || this.used.has(name)) {
      do {
        n++;
        name = `${base}_${n}`;
      } while (this.used.has(name));
    }
    this.used.set(base, n);
    this.used.set(name, this.used.get(name) ?? 0);
    return { name, type };
  }
}

function sanitize(hint: string): string {
  const lowered = hint.toLowerCase().replace(/[^a-z0-9_$]/g, '_');
  return lowered.length === 0 ? 'expr' : lowered.slice(0, 40);
}
