import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NodeManager } from './node-manager.js';

const worker = (nodeId: string, port: number) => ({ nodeId, environment: 'test', httpUri: `http://127.0.0.2:${port}`, nodeVersion: '0.1.0', coordinator: false });

test('nodes become active on announcement, fail when announcements stop, and come back', () => {
  const manager = new NodeManager({ environment: 'test', failureTimeoutMillis: 3000, announcementIntervalMillis: 1000 });
  const failures: string[] = [];
  manager.onNodeFailed((n) => failures.push(n.nodeId));
  manager.announce({ ...worker('coordinator', 1), coordinator: true }, 0);
  manager.announce(worker('w1', 2), 0);
  manager.announce(worker('w2', 3), 0);
  assert.deepEqual(manager.activeNodes().map((n) => n.nodeId), ['coordinator', 'w1', 'w2']);
  assert.deepEqual(manager.workerNodes(false).map((n) => n.nodeId), ['w1', 'w2']);
  assert.deepEqual(manager.workerNodes(true).map((n) => n.nodeId), ['coordinator', 'w1', 'w2']);
  manager.announce(worker('w1', 2), 2500);
  manager.announce({ ...worker('coordinator', 1), coordinator: true }, 2500);
  assert.deepEqual(manager.sweep(3500).map((n) => n.nodeId), ['w2']);
  assert.deepEqual(failures, ['w2']);
  assert.deepEqual(manager.failedNodes().map((n) => [n.nodeId, n.state, n.recentFailureCount]), [['w2', 'failed', 3]]);
  assert.deepEqual(manager.sweep(3600), [], 'a failed node fails once');
  manager.announce(worker('w2', 3), 4000);
  assert.deepEqual(manager.activeNodes().map((n) => n.nodeId), ['coordinator', 'w1', 'w2']);
  manager.markFailed('w1');
  assert.deepEqual(manager.failedNodes().map((n) => n.nodeId), ['w1']);
  manager.markShuttingDown('w2');
  assert.equal(manager.get('w2')?.state, 'shutting_down');
  assert.deepEqual(manager.workerNodes(false), [], 'no work goes to failed or shutting-down nodes');
  assert.deepEqual(manager.sweep(60_000).map((n) => n.nodeId), ['coordinator'], 'a node shutting down is leaving, not failed');
  assert.equal(manager.get('w2')?.state, 'shutting_down');
});

test('announcements of another environment, or of a node id already active elsewhere, are refused', () => {
  const manager = new NodeManager({ environment: 'test', failureTimeoutMillis: 3000, announcementIntervalMillis: 1000 });
  assert.throws(() => manager.announce({ ...worker('p', 1), environment: 'production' }), /Node p is in environment 'production', this cluster is 'test'/);
  manager.announce(worker('w1', 2), 0);
  assert.throws(() => manager.announce(worker('w1', 9), 100), /Node id w1 is already announced at http:\/\/127\.0\.0\.2:2/);
  assert.deepEqual(manager.allNodes().map((n) => n.nodeId), ['w1']);
});
