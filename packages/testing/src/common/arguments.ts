/** Minimal command-line parsing: `--flag`, `--key value`, `--key=value`, and positional arguments. */
export interface ParsedArguments {
  readonly flags: ReadonlySet<string>;
  readonly values: ReadonlyMap<string, readonly string[]>;
  readonly positional: readonly string[];
}

export function parseArguments(argv: readonly string[], valueOptions: readonly string[]): ParsedArguments {
  const flags = new Set<string>();
  const values = new Map<string, string[]>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
    if (valueOptions.includes(name)) {
      let value: string | undefined;
      if (eq >= 0) value = arg.slice(eq + 1);
      else value = argv[++i];
      if (value === undefined) throw new Error(`--${name} needs a value`);
      const list = values.get(name) ?? [];
      list.push(value);
      values.set(name, list);
      // a value option may be followed by more positional values (--files a b c)
      while (name === 'files' && i + 1 < argv.length && !argv[i + 1]!.startsWith('--')) list.push(argv[++i]!);
    } else {
      flags.add(name);
    }
  }
  return { flags, values, positional };
}

export function lastValue(args: ParsedArguments, name: string): string | undefined {
  const list = args.values.get(name);
  return list === undefined ? undefined : list[list.length - 1];
}

/**
 * Keeps a long conformance run alive when the engine leaves a promise rejected with nobody
 * listening (Node would otherwise exit and lose every result so far): the rejection is logged.
 */
export function installRejectionLogger(): void {
  process.on('unhandledRejection', (reason) => {
    console.error(`unhandled rejection (ignored by the conformance runner): ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`);
  });
}
