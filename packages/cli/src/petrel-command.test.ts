// The `petrel` binary end to end (embedded engine), as users run it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../bin/petrel.js', import.meta.url));

function petrel(args: string[], input?: string): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', input: input ?? '', env: { ...process.env, PAGER: '' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('--version (the binary starts; --help and bad options are covered in-process by cli-arguments.test.ts)', () => {
  assert.deepEqual(petrel(['--version']), { code: 0, stdout: 'Petrel CLI 0.1.0\n', stderr: '' });
});

test('--execute prints like Trino’s CLI (one process, several statements)', () => {
  // Output formats are covered in-process by batch.test.ts; this runs the real binary once.
  assert.deepEqual(
    petrel(['--catalog', 'tpch', '--schema', 'tiny', '--output-format', 'TSV_HEADER', '--execute', 'SELECT name FROM tpch.tiny.nation WHERE nationkey < 2 ORDER BY nationkey; SELECT nationkey, name FROM nation WHERE nationkey = 1']),
    { code: 0, stdout: 'name\nALGERIA\nARGENTINA\nnationkey\tname\n1\tARGENTINA\n', stderr: '' },
  );
});

test('--file runs statements in order and carries USE', () => {
  const dir = mkdtempSync(join(tmpdir(), 'petrel-cli-'));
  const file = join(dir, 'script.sql');
  writeFileSync(file, 'USE tpch.tiny;\n-- count the nations\nSELECT count(*) FROM nation;\nSELECT count(*) FROM region\n');
  assert.deepEqual(petrel(['--file', file]), { code: 0, stdout: '"25"\n"5"\n', stderr: 'USE\n' });
  const missing = petrel(['--file', join(dir, 'missing.sql')]);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /^Error reading from file/);
});

test('statements piped on stdin run in batch mode', () => {
  assert.deepEqual(petrel([], 'SELECT 1; SELECT 2;'), { code: 0, stdout: '"1"\n"2"\n', stderr: '' });
});

test('a failed query prints exactly Query failed: <message> and exits 1', () => {
  const result = petrel(['--execute', 'SELECT x FROM tpch.tiny.nation; SELECT 1/0; SELECT 2', '--ignore-errors']);
  assert.equal(result.code, 1);
  assert.equal(result.stdout, '"2"\n');
  assert.equal(result.stderr, "Query failed: line 1:8: Column 'x' cannot be resolved\nQuery failed: Division by zero\n");
});

// `petrel format` is covered in-process by format-command.test.ts.

test('petrel server: invalid configuration fails start-up; a valid one starts, serves and stops on SIGTERM', async () => {
  const { spawn } = await import('node:child_process');
  const { mkdirSync } = await import('node:fs');
  const etc = mkdtempSync(join(tmpdir(), 'petrel-etc-'));
  mkdirSync(join(etc, 'catalog'));
  writeFileSync(join(etc, 'config.properties'), 'http-server.http.port=0\nquery.client.timeout=ten minutes\n');
  const invalid = petrel(['server', '--etc-dir', etc]);
  assert.equal(invalid.code, 1);
  assert.match(invalid.stderr, /config\.properties: property 'query\.client\.timeout': invalid duration 'ten minutes'/);

  writeFileSync(join(etc, 'config.properties'), 'http-server.http.port=0\nquery.client.timeout=10m\n');
  writeFileSync(join(etc, 'node.properties'), 'node.environment=test\nnode.id=node-1\nnode.internal-address=127.0.0.1\n');
  writeFileSync(join(etc, 'catalog', 'tiny.properties'), 'connector.name=tpch\n');
  const child = spawn(process.execPath, [BIN, 'server', '--etc-dir', etc], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  const started = new Promise<number>((resolve, reject) => {
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const port = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(stderr);
      if (port !== null && stderr.includes('======== SERVER STARTED ========')) resolve(Number(port[1]));
    });
    child.on('exit', () => reject(new Error(`server exited: ${stderr}`)));
  });
  const port = await started;
  const info = (await (await fetch(`http://127.0.0.1:${port}/v1/info`)).json()) as { environment: string };
  assert.equal(info.environment, 'test');
  const remote = spawnSync(process.execPath, [BIN, '--server', `http://127.0.0.1:${port}`, '--execute', 'SELECT count(*) FROM tiny.tiny.region'], { encoding: 'utf8' });
  assert.equal(remote.stdout, '"5"\n');
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  assert.equal(await exited, 0);
});
