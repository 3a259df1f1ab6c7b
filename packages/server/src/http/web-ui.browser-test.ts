// Browser test of the web UI (run with `npm run test:ui -w packages/server`): a real Chromium
// driven by playwright-core. Needs Debian's chromium at /usr/bin/chromium (apt-get install -y chromium);
// it fails, never skips, when the browser is missing. Screenshots go to test-artifacts/.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Engine } from '@petrel/engine';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { PetrelServer } from './petrel-server.js';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const ARTIFACTS = fileURLToPath(new URL('../../../../test-artifacts/', import.meta.url));

const GROUPED = 'SELECT regionkey, count(*) FROM tpch.tiny.nation GROUP BY regionkey';
/** Runs until killed (6 billion rows). */
const SLEEP = 'SELECT count(*) FROM tpch.sf1000.lineitem';

let server: PetrelServer;
let base: string;
let browser: Browser;

async function submit(sql: string, user: string): Promise<string> {
  const response = await fetch(`${base}/v1/statement`, { method: 'POST', body: sql, headers: { 'X-Trino-User': user, 'X-Trino-Source': 'ui-test' } });
  const first = (await response.json()) as { id: string; nextUri?: string };
  let next = first.nextUri;
  if (sql !== SLEEP) {
    while (next !== undefined) next = ((await (await fetch(next)).json()) as { nextUri?: string }).nextUri;
  } else if (next !== undefined) {
    await fetch(next);
  }
  return first.id;
}

before(async () => {
  assert.ok(existsSync(CHROMIUM), `Chromium is required at ${CHROMIUM} (apt-get install -y chromium)`);
  mkdirSync(ARTIFACTS, { recursive: true });
  server = new PetrelServer({ engine: await Engine.create(), port: 0, host: '127.0.0.1', log: () => {}, queryManager: { clientTimeoutMillis: 600_000 } });
  base = `http://127.0.0.1:${await server.listen()}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('overview lists queries, filters them, and the query page shows SQL, plan, errors and kills', async () => {
  const finished = await submit(GROUPED, 'alice');
  const failed = await submit('SELECT nope', 'bob');
  const running = await submit(SLEEP, 'carol');
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });

  await page.goto(`${base}/ui/`);
  await page.waitForSelector(`tr[data-query-id="${running}"]`);
  assert.equal(await page.locator('tr[data-query-id]').count(), 3);
  assert.equal(await page.textContent('#stat-running'), '1');
  assert.equal(await page.textContent('#cluster-state'), 'ACTIVE');
  await page.screenshot({ path: `${ARTIFACTS}ui-overview.png`, fullPage: true });

  await page.fill('#filter-user', 'bob');
  await page.waitForFunction("document.querySelectorAll('tr[data-query-id]').length === 1");
  assert.equal(await page.locator(`tr[data-query-id="${failed}"]`).count(), 1);
  await page.fill('#filter-user', '');
  await page.uncheck('input[value=FINISHED]');
  await page.waitForFunction(`document.querySelector('tr[data-query-id="${finished}"]') === null`);
  await page.check('input[value=FINISHED]');
  await page.fill('#filter-text', 'sf1000');
  await page.waitForFunction("document.querySelectorAll('tr[data-query-id]').length === 1");
  await page.fill('#filter-text', '');

  await page.goto(`${base}/ui/query.html?${finished}`);
  await page.waitForSelector('#plan-svg');
  assert.equal(await page.textContent('#query-sql'), GROUPED);
  assert.equal(await page.textContent('#query-state'), 'FINISHED');
  const boxes = (await page.locator('#plan-svg g.node').allTextContents()).map((b) => b.split('[')[0]!.trim());
  assert.equal(boxes[0], 'Output');
  assert.ok(boxes.some((b) => b.startsWith('Aggregat')), `an aggregation box in ${boxes.join(', ')}`);
  assert.ok(boxes.some((b) => b.startsWith('TableScan')), `a table scan box in ${boxes.join(', ')}`);
  assert.equal(await page.locator('#plan-svg path.edge').count(), boxes.length - 1);
  await page.waitForSelector('#operator-stats tr td:nth-child(2)');
  const operatorRows = await page.locator('#operator-stats tr').allTextContents();
  assert.ok(operatorRows.length > 0 && !operatorRows[0]!.includes('No operator statistics'), 'the operator table lists operators');
  await page.screenshot({ path: `${ARTIFACTS}ui-query.png`, fullPage: true });

  await page.goto(`${base}/ui/query.html?${failed}`);
  await page.waitForSelector('#query-error:not([hidden])');
  assert.match((await page.textContent('#query-error')) ?? '', /COLUMN_NOT_FOUND \(USER_ERROR\): line 1:8: Column 'nope' cannot be resolved/);

  await page.goto(`${base}/ui/query.html?${running}`);
  await page.waitForSelector('#kill-button:not([hidden])');
  await page.click('#kill-button');
  await page.waitForFunction("document.getElementById('query-state').textContent === 'FAILED'");
  assert.match((await page.textContent('#query-error')) ?? '', /ADMINISTRATIVELY_KILLED/);
  await page.screenshot({ path: `${ARTIFACTS}ui-killed.png`, fullPage: true });
  await page.close();
});
