import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Engine } from '@petrel/engine';
import { PetrelServer } from '@petrel/server';

// The interactive console in a real terminal (tmux), against a server over the real engine.
// tmux is required: `apt-get install -y tmux`.
const BIN = fileURLToPath(new URL('../bin/petrel.js', import.meta.url));
const SESSION = `petrel-console-test-${process.pid}`;
/** Runs until cancelled (6 billion rows). */
const LONG = 'SELECT count(*) FROM tpch.sf1000.lineitem';

let server: PetrelServer;
let engine: Engine;
let historyFile: string;

function tmux(...args: string[]): string {
  return execFileSync('tmux', args, { encoding: 'utf8' });
}

function typeLine(text: string): void {
  // tmux reads a trailing ';' as a command separator unless escaped.
  tmux('send-keys', '-t', SESSION, '-l', text.replace(/;$/, '\\;'));
  tmux('send-keys', '-t', SESSION, 'Enter');
}

function screen(): string {
  return tmux('capture-pane', '-p', '-N', '-t', SESSION, '-S', '-200');
}

async function waitFor(predicate: (text: string) => boolean, what: string): Promise<string> {
  const deadline = Date.now() + 15_000;
  let text = '';
  while (Date.now() < deadline) {
    text = screen();
    if (predicate(text)) return text;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.fail(`timed out waiting for ${what}; screen:\n${text}`);
}

before(async () => {
  const found = spawnSync('tmux', ['-V']);
  assert.equal(found.status, 0, 'tmux is required for the console test (apt-get install -y tmux)');
  engine = await Engine.create();
  server = new PetrelServer({ engine, port: 0, host: '127.0.0.1', log: () => {} });
  const port = await server.listen();
  historyFile = join(mkdtempSync(join(tmpdir(), 'petrel-history-')), 'history');
  const command = `env PAGER= PETREL_HISTORY_FILE=${historyFile} ${process.execPath} ${BIN} --server http://127.0.0.1:${port}`;
  tmux('new-session', '-d', '-s', SESSION, '-x', '120', '-y', '40', command);
});

after(async () => {
  spawnSync('tmux', ['kill-session', '-t', SESSION]);
  await server.close();
});

test('multi-line statements, completion, USE, Ctrl-C cancel and quit in a real terminal', async () => {
  await waitFor((t) => t.includes('petrel>'), 'the prompt');

  typeLine('SELECT');
  await waitFor((t) => t.includes('-> '), 'the continuation prompt');
  typeLine('1;');
  await waitFor((t) => t.includes('(1 row)'), 'the result of a two-line statement');
  const result = screen();
  assert.match(result, / _col0 \n-------\n {5}1 \n\(1 row\)/);

  // 'SEL' alone is ambiguous: system.jdbc has a column self_referencing_col_name
  tmux('send-keys', '-t', SESSION, 'SELE', 'Tab');
  await waitFor((t) => /petrel> SELECT\s*$/.test(t), 'keyword completion');
  typeLine(' 42 AS answer;');
  await waitFor((t) => t.includes('answer') && t.includes('    42 '), 'the completed statement to run');

  typeLine('USE tpch.tiny;');
  await waitFor((t) => t.includes('petrel:tiny>'), 'the prompt to show the new schema');

  typeLine(`${LONG};`);
  await waitFor(() => engine.listQueries().some((q) => q.sql === LONG), 'the query to start');
  await waitFor((t) => /\d:\d\d \[RUNNING\] splits \d+\/\d+/.test(t), 'the live progress line');
  tmux('send-keys', '-t', SESSION, 'C-c');
  await waitFor((t) => t.includes('Query aborted by user'), 'the query to be cancelled');
  const hung = engine.listQueries().find((q) => q.sql === LONG)!;
  await waitFor(() => hung.state() === 'FAILED', 'the server-side query to be cancelled');
  assert.equal(hung.state(), 'FAILED');
  await waitFor((t) => /petrel:tiny>\s*$/.test(t), 'the prompt after cancelling');

  typeLine('quit');
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline && spawnSync('tmux', ['has-session', '-t', SESSION]).status === 0) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.notEqual(spawnSync('tmux', ['has-session', '-t', SESSION]).status, 0, 'the console exits on quit');
  const history = readFileSync(historyFile, 'utf8');
  assert.match(history, /SELECT\\n1;/);
  assert.match(history, /USE tpch\.tiny;/);
});
