#!/usr/bin/env node
// Cost of moving a page between worker threads: transferring its ArrayBuffers versus structured
// cloning typed arrays versus structured cloning runtime values (JS numbers/strings in arrays).
//   npm exec -- node bench/micro/transfer-cost.mjs [rowsPerPage=8192] [pages=400]
import { Worker } from 'node:worker_threads';

const rows = Number(process.argv[2] ?? 8192);
const pages = Number(process.argv[3] ?? 400);
const worker = new Worker(`const { parentPort } = require('node:worker_threads'); parentPort.on('message', (m) => parentPort.postMessage(m.tag));`, { eval: true });

function roundTrip(makeMessage, transfer) {
  return new Promise((resolve) => {
    let received = 0;
    const t0 = performance.now();
    worker.on('message', function onMessage() {
      if (++received === pages) {
        worker.off('message', onMessage);
        resolve((performance.now() - t0) / pages);
      }
    });
    for (let i = 0; i < pages; i++) {
      const m = makeMessage(i);
      worker.postMessage(m, transfer ? m.buffers : undefined);
    }
  });
}

const numericPage = () => {
  const columns = [new Float64Array(rows), new Float64Array(rows), new Int32Array(rows), new Uint8Array(rows)];
  for (const c of columns) for (let i = 0; i < rows; i++) c[i] = i & 127;
  return { tag: 1, columns, buffers: columns.map((c) => c.buffer) };
};
const objectPage = () => {
  const columns = [[], [], [], []];
  for (let i = 0; i < rows; i++) {
    columns[0].push(i * 1.5);
    columns[1].push(i);
    columns[2].push(`text ${i & 1023} furiously`);
    columns[3].push(i & 1 ? 'A' : 'N');
  }
  return { tag: 1, columns, buffers: [] };
};

const prebuilt = Array.from({ length: pages }, numericPage);
const prebuiltObjects = Array.from({ length: Math.min(pages, 100) }, objectPage);
await roundTrip((i) => numericPage(), true); // warm-up
const transfer = await roundTrip((i) => prebuilt[i], true);
const cloneTyped = await roundTrip((i) => ({ tag: 1, columns: numericPage().columns }), false);
const cloneObjects = await roundTrip((i) => ({ tag: 1, columns: prebuiltObjects[i % prebuiltObjects.length].columns }), false);
console.log(`page of ${rows} rows x 4 columns, ${pages} pages, node ${process.version}`);
console.log(`transfer ArrayBuffers: ${(transfer * 1000).toFixed(1)} µs per page (${((transfer * 1e6) / rows).toFixed(1)} ns per row)`);
console.log(`clone typed arrays:    ${(cloneTyped * 1000).toFixed(1)} µs per page (includes building the page)`);
console.log(`clone JS values:       ${(cloneObjects * 1000).toFixed(1)} µs per page (${((cloneObjects * 1e6) / rows).toFixed(1)} ns per row)`);
await worker.terminate();
