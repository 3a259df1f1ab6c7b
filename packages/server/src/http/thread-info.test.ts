import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { parseStackFrame, threadInfos } from './thread-info.js';

test('stack frames parse like Trino thread infos', () => {
  assert.deepEqual(parseStackFrame('at RestApi.handle (file:///x/rest-api.js:104:20)'), { file: 'file:///x/rest-api.js', line: 104, className: 'RestApi', method: 'handle' });
  assert.deepEqual(parseStackFrame('at file:///x/main.js:3:1'), { file: 'file:///x/main.js', line: 3, className: null, method: '<anonymous>' });
  assert.deepEqual(parseStackFrame('at process.processTicksAndRejections (node:internal/process/task_queues:95:5)').method, 'processTicksAndRejections');
});

test('the main thread and every worker thread are listed with their stacks', async () => {
  const worker = new Worker('setInterval(() => {}, 1000)', { eval: true });
  await new Promise((resolve) => worker.once('online', resolve));
  try {
    const threads = threadInfos();
    assert.equal(threads[0]!.name, 'main');
    assert.ok(threads[0]!.stackTrace.length > 0, 'the main thread has a JavaScript stack');
    assert.ok(threads[0]!.stackTrace.some((f) => f.method === 'threadInfos'), 'the stack is the live one');
    assert.equal(threads.length, 2, 'the worker thread is listed too');
    assert.match(threads[1]!.name, /^worker-\d+$/);
  } finally {
    await worker.terminate();
  }
});
