import type { FunctionDefinition } from './function-definition.js';

/** All definitions by lower-case name, in registration order. */
export class FunctionCatalog {
  private readonly byName = new Map<string, FunctionDefinition[]>();

  add(...definitions: readonly FunctionDefinition[]): void {
    for (const d of definitions) {
      const key = d.name.toLowerCase();
      const list = this.byName.get(key);
      if (list === undefined) this.byName.set(key, [d]);
      else list.push(d);
    }
  }

  /** Registers `alias` with the same overloads as `name`. */
  alias(alias: string, name: string): void {
    const list = this.byName.get(name);
    if (list === undefined) throw new Error(`no function ${name}`);
    this.add(...list.map((d) => ({ ...d, name: alias })));
  }

  get(name: string): readonly FunctionDefinition[] | undefined {
    return this.byName.get(name.toLowerCase());
  }

  names(): IterableIterator<string> {
    return this.byName.keys();
  }

  all(): FunctionDefinition[] {
    return [...this.byName.values()].flat();
  }
}
