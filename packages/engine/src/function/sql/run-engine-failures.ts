import { isDeepStrictEqual } from 'node:util';
import { ENGINE_FAILURES } from './engine-failures.js';
import { rows, sharedEngine } from './sql-test-support.js';

for (const c of ENGINE_FAILURES) {
  let status: string;
  try {
    const r = await rows(c.sql);
    status = 'error' in c.expected ? `FAIL (no error, got ${JSON.stringify(r[0])})` : isDeepStrictEqual(r[0], c.expected) ? 'FIXED' : `FAIL (got ${JSON.stringify(r[0])})`;
  } catch (e) {
    const name = (e as { errorName?: string }).errorName;
    status = 'error' in c.expected && name === c.expected.error ? 'FIXED' : `FAIL (${name ?? ''} ${(e as Error).message})`;
  }
  console.log(`${status.padEnd(8)} [${c.owner}] ${c.sql}\n         ${c.problem}`);
}
await (await sharedEngine()).shutdown();
