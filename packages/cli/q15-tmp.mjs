import { Engine } from '@petrel/engine';
import { readFileSync } from 'node:fs';
const e = await Engine.create({ taskConcurrency: 2, catalogs: [{ name: 'tpch', connectorName: 'tpch', properties: { 'tpch.column-naming': 'STANDARD' } }, { name: 'memory', connectorName: 'memory', properties: {} }] });
await e.query('CREATE SCHEMA memory.t');
await e.query('CREATE TABLE memory.t.lineitem AS SELECT * FROM tpch.sf0.1.lineitem'.replace('sf0.1','"sf0.1"'));
await e.query('CREATE TABLE memory.t.supplier AS SELECT * FROM tpch."sf0.1".supplier');
let q = readFileSync('/work/shared/tpch/queries/q15.sql','utf8').trim().replace(/;\s*$/,'');
for (let i=0;i<4;i++) {
  const r = await e.query(q, { catalog: 'memory', schema: 't' }).catch(err=>({rows:[[String(err)]]}));
  console.log(i, JSON.stringify(r.rows));
}
const r2 = await e.query("SELECT typeof(sum(l_extendedprice * (1 - l_discount))) FROM memory.t.lineitem");
console.log(r2.rows);
await e.shutdown();
