#!/usr/bin/env node
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { installRejectionLogger, lastValue, parseArguments } from '../common/arguments.js';
import { createEngineQueryRunner } from '../common/engine-query-runner.js';
import { SHARED_ROOT, globToRegExp, listFiles, relativePath } from '../common/paths.js';
import { PETREL_DIRECTIVE_POLICY, STRICT_DIRECTIVE_POLICY } from './slt-directives.js';
import { formatSltFileLine, formatSltSummary } from './slt-report.js';
import { runSltFiles } from './slt-suite.js';

export const SLT_CORPUS = join(SHARED_ROOT, 'conformance', 'sqllogictest');

const USAGE = `usage: node packages/testing/dist/sqllogictest/run.js [--files glob|path ...] [--limit N] [--json] [--strict]
  --files       corpus-relative globs (test/select1.test, 'test/random/expr/*') or paths; default: the whole corpus
  --limit N     run at most N queries per file
  --timeout MS  per-statement time limit (default 30000)
  --strict      exit with status 1 when any query or statement fails
  --strict-skipif  honour every 'skipif postgresql' (by default queries skipped only for
                "PostgreSQL requires AS when renaming output columns" are run: Trino accepts them)
  --no-batch    run each INSERT statement on its own (default: merge runs of single-row INSERTs)
  --verbose     print every failure kept (up to 200 per file)
  --heap        after each file, print the process's heap and RSS (after a full GC when node runs
                with --expose-gc): what the engine keeps between files
  --json        print the full result as JSON`;

/** ` heap=..MB rss=..MB` after a garbage collection when `gc` is exposed. */
function heapSuffix(): string {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const m = process.memoryUsage();
  const mb = (n: number): string => (n / 1048576).toFixed(1);
  return ` heap=${mb(m.heapUsed)}MB arrayBuffers=${mb(m.arrayBuffers)}MB rss=${mb(m.rss)}MB${gc === undefined ? ' (no --expose-gc)' : ''}`;
}

/** Resolves --files arguments against the file system and the corpus. */
export function selectSltFiles(patterns: readonly string[], corpus = SLT_CORPUS): { path: string; name: string }[] {
  const all = listFiles(corpus, '.test');
  if (patterns.length === 0) return all.map((path) => ({ path, name: relativePath(corpus, path) }));
  const out: { path: string; name: string }[] = [];
  const seen = new Set<string>();
  const add = (path: string): void => {
    if (seen.has(path)) return;
    seen.add(path);
    const name = path.startsWith(corpus) ? relativePath(corpus, path) : path;
    out.push({ path, name });
  };
  for (const pattern of patterns) {
    const asPath = resolve(pattern);
    if (existsSync(asPath)) {
      if (statSync(asPath).isDirectory()) listFiles(asPath, '.test').forEach(add);
      else add(asPath);
      continue;
    }
    const regex = globToRegExp(pattern);
    const matched = all.filter((path) => regex.test(relativePath(corpus, path)));
    if (matched.length === 0) throw new Error(`no sqllogictest file matches ${pattern}`);
    matched.forEach(add);
  }
  return out;
}

async function main(): Promise<number> {
  const args = parseArguments(process.argv.slice(2), ['files', 'limit', 'timeout']);
  if (args.flags.has('help')) {
    console.log(USAGE);
    return 0;
  }
  const files = selectSltFiles([...(args.values.get('files') ?? []), ...args.positional]);
  const limitText = lastValue(args, 'limit');
  const limit = limitText === undefined ? undefined : Number(limitText);
  const json = args.flags.has('json');
  const runner = await createEngineQueryRunner({ timeoutMillis: Number(lastValue(args, 'timeout') ?? 30_000) });
  try {
    const result = await runSltFiles(
      files,
      runner,
      {
        ...(limit === undefined ? {} : { queryLimit: limit }),
        policy: args.flags.has('strict-skipif') ? STRICT_DIRECTIVE_POLICY : PETREL_DIRECTIVE_POLICY,
        batchInserts: !args.flags.has('no-batch'),
      },
      (file) => {
        const line = formatSltFileLine(file) + (args.flags.has('heap') ? heapSuffix() : '');
        if (json) console.error(line);
        else console.log(line);
      },
    );
    if (json) console.log(JSON.stringify(result, null, 2));
    else {
      console.log(`\n${formatSltSummary(result)}`);
      if (args.flags.has('verbose')) {
        for (const failure of result.files.flatMap((f) => f.failures)) {
          console.log(`\n${failure.file}:${failure.line} [${failure.cause}]\n${failure.sql}\n  expected: ${failure.expected.slice(0, 300)}\n  actual:   ${failure.actual.slice(0, 300)}`);
        }
      }
    }
    const failed = result.queries.failed + result.statements.failed > 0;
    return args.flags.has('strict') && failed ? 1 : 0;
  } finally {
    await runner.close();
  }
}

if (process.argv[1] !== undefined && import.meta.url === new URL(`file://${resolve(process.argv[1])}`).href) {
  installRejectionLogger();
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      console.error(USAGE);
      process.exit(2);
    },
  );
}
