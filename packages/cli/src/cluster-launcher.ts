// Starts Petrel nodes as separate `petrel server --etc-dir` processes on loopback addresses, for
// the cluster tests and the cluster benchmark (bench/cluster.mjs).
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../bin/petrel.js', import.meta.url));

export interface LaunchedNode {
  readonly name: string;
  readonly child: ChildProcess;
  readonly url: string;
  readonly etcDir: string;
}

export interface NodeLaunch {
  /** node.id, also the etc directory's prefix. */
  readonly name: string;
  /** node.internal-address (127.0.0.x). */
  readonly address: string;
  /** config.properties entries (http-server.http.port defaults to 0: any free port). */
  readonly config: Readonly<Record<string, string>>;
  /** catalog/<name>.properties files: catalog name -> properties. */
  readonly catalogs: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly environment?: string;
  /** Extra node arguments (e.g. --max-old-space-size). */
  readonly nodeArguments?: readonly string[];
  /** Other files of the etc directory (e.g. exchange-manager.properties): file name -> content. */
  readonly files?: Readonly<Record<string, string>>;
}

/** Starts one node; resolves once it serves (its stderr says so), rejects if it exits first. */
export async function launchNode(launch: NodeLaunch, startTimeoutMillis = 30_000): Promise<LaunchedNode> {
  const etc = mkdtempSync(join(tmpdir(), `petrel-${launch.name}-`));
  mkdirSync(join(etc, 'catalog'));
  for (const [catalog, properties] of Object.entries(launch.catalogs)) {
    writeFileSync(join(etc, 'catalog', `${catalog}.properties`), Object.entries(properties).map(([k, v]) => `${k}=${v}\n`).join(''));
  }
  writeFileSync(join(etc, 'config.properties'), Object.entries({ 'http-server.http.port': '0', ...launch.config }).map(([k, v]) => `${k}=${v}\n`).join(''));
  writeFileSync(join(etc, 'node.properties'), `node.environment=${launch.environment ?? 'test'}\nnode.id=${launch.name}\nnode.internal-address=${launch.address}\n`);
  for (const [file, content] of Object.entries(launch.files ?? {})) writeFileSync(join(etc, file), content);
  const child = spawn(process.execPath, [...(launch.nodeArguments ?? []), BIN, 'server', '--etc-dir', etc], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${launch.name} did not start: ${stderr}`)), startTimeoutMillis);
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const match = /listening on http:\/\/[\d.]+:(\d+)/.exec(stderr);
      if (match !== null && stderr.includes('======== SERVER STARTED ========')) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${launch.name} exited with ${code}: ${stderr}`));
    });
  });
  child.stderr!.resume();
  return { name: launch.name, child, url: `http://${launch.address}:${port}`, etcDir: etc };
}

/** Stops nodes (SIGKILL: tests and benchmarks need no graceful exit) and removes their etc directories. */
export function stopNodes(nodes: readonly LaunchedNode[]): void {
  for (const node of nodes) {
    if (node.child.exitCode === null && node.child.signalCode === null) {
      node.child.kill('SIGCONT');
      node.child.kill('SIGKILL');
    }
    rmSync(node.etcDir, { recursive: true, force: true });
  }
}

/** Polls until the coordinator lists `count` active nodes. */
export async function waitForActiveNodes(coordinatorUrl: string, count: number, timeoutMillis = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMillis;
  while (Date.now() < deadline) {
    try {
      const nodes = (await (await fetch(`${coordinatorUrl}/v1/node`)).json()) as { state: string }[];
      if (nodes.filter((n) => n.state === 'active').length >= count) return;
    } catch {
      // not serving yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the coordinator at ${coordinatorUrl} did not list ${count} active nodes in time`);
}

export interface StatementOutcome {
  readonly id: string;
  readonly columns: readonly { readonly name: string; readonly type: string }[];
  readonly rows: unknown[][];
  readonly error: { readonly errorName: string; readonly message: string } | undefined;
}

/** Runs one statement through the client protocol (`/v1/statement`) to the end. */
export async function runStatement(url: string, sql: string, headers: Readonly<Record<string, string>> = {}): Promise<StatementOutcome> {
  type Results = { id: string; nextUri?: string; columns?: { name: string; type: string }[]; data?: unknown[][]; error?: { errorName: string; message: string } };
  let results = (await (await fetch(`${url}/v1/statement`, { method: 'POST', body: sql, headers: { 'X-Trino-User': 'test', ...headers } })).json()) as Results;
  const rows: unknown[][] = [];
  let columns = results.columns;
  for (;;) {
    rows.push(...(results.data ?? []));
    columns ??= results.columns;
    if (results.error !== undefined || results.nextUri === undefined) return { id: results.id, columns: columns ?? [], rows, error: results.error };
    results = (await (await fetch(results.nextUri)).json()) as Results;
  }
}

/** What a submitted statement ended with (see `submitStatement`). */
export interface SubmittedOutcome {
  readonly error?: { readonly errorName: string; readonly message: string };
  readonly rows: unknown[][];
}

/**
 * Submits a statement and polls it to the end in the background, for tests that act on the
 * cluster while the query runs: `id` is known at once, `done` resolves with the final page's
 * error (if any) and every row, or with what arrived when `deadlineMillis` ran out.
 */
export async function submitStatement(
  url: string,
  sql: string,
  headers: Readonly<Record<string, string>>,
  deadlineMillis: number,
): Promise<{ readonly id: string; readonly done: Promise<SubmittedOutcome> }> {
  type Results = { id: string; nextUri?: string; data?: unknown[][]; error?: { errorName: string; message: string } };
  const first = (await (await fetch(`${url}/v1/statement`, { method: 'POST', body: sql, headers: { 'X-Trino-User': 'test', ...headers } })).json()) as Results;
  const deadline = Date.now() + deadlineMillis;
  const done = (async () => {
    let results: Results = first;
    const rows: unknown[][] = [...(first.data ?? [])];
    while (results.nextUri !== undefined && Date.now() < deadline) {
      results = (await (await fetch(results.nextUri)).json()) as Results;
      rows.push(...(results.data ?? []));
    }
    return { ...(results.error === undefined ? {} : { error: results.error }), rows };
  })();
  return { id: first.id, done };
}
