#!/usr/bin/env node
// SQL-level function cases that fail because of the analyzer or execution (kept out of `npm test`):
// prints FIXED or FAIL for each. Build first (npx tsc -b packages/engine).
//   node bench/function-engine-failures.mjs
import { isDeepStrictEqual } from 'node:util';
import { Engine } from '../packages/engine/dist/engine.js';
import { ENGINE_FAILURES } from '../packages/engine/dist/function/sql/engine-failures.js';
import { rows, useEngine, sharedEngine } from '../packages/engine/dist/function/sql/sql-test-support.js';

useEngine(Engine.create());
for (const c of ENGINE_FAILURES) {
  let status;
  try {
    const r = await rows(c.sql);
    status = 'error' in c.expected ? `FAIL (no error, got ${JSON.stringify(r[0])})` : isDeepStrictEqual(r[0], c.expected) ? 'FIXED' : `FAIL (got ${JSON.stringify(r[0])})`;
  } catch (e) {
    status = 'error' in c.expected && e.errorName === c.expected.error ? 'FIXED' : `FAIL (${e.errorName ?? ''} ${e.message})`;
  }
  console.log(`${status.padEnd(8)} [${c.owner}] ${c.sql}\n         ${c.problem}`);
}
await (await sharedEngine()).shutdown();
