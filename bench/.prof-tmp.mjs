import { Engine } from '@petrel/engine';
import { readFileSync } from 'node:fs';
const scale = process.argv[2] ?? '0.1';
const qs = (process.argv[3] ?? '1,3,18').split(',').map(Number);
const engine = await Engine.create({ catalogs: [
  { name: 'tpch', connectorName: 'tpch', properties: { 'tpch.column-naming': 'STANDARD' } },
  { name: 'memory', connectorName: 'memory', properties: {} }] });
await engine.query('CREATE SCHEMA memory.b');
let t = performance.now();
for (const tb of ['lineitem','orders','customer','part','partsupp','supplier','nation','region'])
  await engine.query(`CREATE TABLE memory.b.${tb} AS SELECT * FROM tpch."sf${scale}".${tb}`);
console.log('load', performance.now()-t);
for (const tb of ['lineitem','orders','customer','part','partsupp','supplier','nation','region']) { t=performance.now(); await engine.query(`SHOW STATS FOR memory.b.${tb}`); console.log('stats', tb, performance.now()-t); }
import { Session as IS } from 'node:inspector/promises';
import { writeFileSync } from 'node:fs';
const ins = new IS(); ins.connect(); await ins.post('Profiler.enable'); await ins.post('Profiler.setSamplingInterval', { interval: 200 }); await ins.post('Profiler.start');
for (const q of qs) {
  const sql = readFileSync(`/work/shared/tpch/queries/q${String(q).padStart(2,'0')}.sql`,'utf8').replace(/;\s*$/,'');
  for (let i = 0; i < 3; i++) {
    t = performance.now();
    const r = await engine.query(sql, { catalog: 'memory', schema: 'b' });
    console.log('q'+q, (performance.now()-t).toFixed(1), r.rows.length);
  }
}
const { profile } = await ins.post('Profiler.stop'); writeFileSync('/tmp/perf/prof/q.cpuprofile', JSON.stringify(profile));
await engine.shutdown();
