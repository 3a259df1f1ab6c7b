#!/usr/bin/env node
// Finds what stalls the event loop: runs TPC-H queries straight from the tpch connector, prints
// every driver time slice longer than 40 ms with the time each operator spent in it, and the
// longest event-loop delay per run. Slices are capped at 20 ms by the driver, so a long slice is
// one long operator call; a long stall with no long slice comes from outside the drivers (GC,
// connector page generation, result building).
//   npm exec -- node bench/driver-stalls.mjs [scale=0.1] [queries=18]
import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { sharedDir } from './lib/bench-util.mjs';
const { Driver } = await import('../packages/engine/dist/execution/driver/driver.js');
const orig = Driver.prototype.process;
Driver.prototype.process = function (slice) {
  const before = this.operators.map((o) => o.context.wallNanos);
  const t0 = performance.now();
  const r = orig.call(this, slice);
  const dt = performance.now() - t0;
  if (dt > 40) console.log('long slice', dt.toFixed(0), this.operators.map((o, i) => `${o.constructor.name}:${((o.context.wallNanos - before[i]) / 1e6).toFixed(0)}`).join(' '));
  return r;
};
const scale = process.argv[2] ?? '0.1';
const qs = (process.argv[3] ?? '18').split(',').map(Number);
const engine = await Engine.create({ catalogs: [
  { name: 'tpch', connectorName: 'tpch', properties: { 'tpch.column-naming': 'STANDARD' } } ] });
for (const q of qs) {
  const sql = readFileSync(`${sharedDir()}/tpch/queries/q${String(q).padStart(2,'0')}.sql`,'utf8').replace(/;\s*$/,'');
  for (let i = 0; i < 2; i++) {
    const h = monitorEventLoopDelay({ resolution: 5 }); h.enable();
    const t = performance.now();
    const r = await engine.query(sql, { catalog: 'tpch', schema: `sf${scale}` });
    h.disable();
    console.log('q'+q, (performance.now()-t).toFixed(1), r.rows.length, 'max stall', (h.max/1e6).toFixed(0));
  }
}
await engine.shutdown();
