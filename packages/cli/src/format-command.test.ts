import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough, Readable } from 'node:stream';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runFormatCommand } from './format-command.js';

async function run(args: string[], input: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const code = await runFormatCommand(args, { stdin: Readable.from([input]), stdout, stderr });
  return { code, stdout: out, stderr: err };
}

describe('petrel format', () => {
  it('formats statements from standard input', async () => {
    const result = await run([], 'select a,b from t where a=1; show tables');
    assert.equal(result.code, 0);
    assert.equal(result.stdout, 'SELECT a, b\nFROM t\nWHERE a = 1;\n\nSHOW TABLES;\n\n');
  });
  it('formats a file', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'petrel-format-'));
    const file = join(directory, 'q.sql');
    writeFileSync(file, 'values 1');
    const result = await run([file], '');
    assert.equal(result.code, 0);
    assert.equal(result.stdout, 'VALUES\n   1;\n\n');
  });
  it('prints syntax errors with their position', async () => {
    const result = await run([], 'select 1;\nselect from t');
    assert.equal(result.code, 1);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /^line 2:8: mismatched input 'from'\. Expecting: /);
  });
});
