import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serverConfigFromProperties } from '../../config/server-config.js';
import { clusterSettingsFromProperties } from './cluster-settings.js';

const config = (entries: Record<string, string>) => serverConfigFromProperties('config.properties', new Map(Object.entries(entries)));
const SECRET = { 'internal-communication.shared-secret': 'secret' };

test('failure detection and exchange properties are accepted, converted and applied', () => {
  const server = config({
    coordinator: 'true',
    'failure-detector.heartbeat-interval': '200ms',
    'failure-detector.timeout': '2s',
    'failure-detector.threshold': '0.1',
    'exchange.compression-codec': 'zstd',
    'exchange.http-client.request-timeout': '5s',
  });
  const settings = clusterSettingsFromProperties(server.properties);
  assert.deepEqual(
    [settings.heartbeatIntervalMillis, settings.failureTimeoutMillis, settings.exchangeRequestTimeoutMillis, settings.pageSerde.codec, settings.failureDetectorEnabled],
    [200, 2000, 5000, 'ZSTD', true],
  );
  const defaults = clusterSettingsFromProperties(config({}).properties);
  assert.deepEqual([defaults.heartbeatIntervalMillis, defaults.failureTimeoutMillis, defaults.pageSerde.codec], [1000, 3000, 'NONE']);
  assert.equal(clusterSettingsFromProperties(config({ 'exchange.compression-enabled': 'true' }).properties).pageSerde.codec, 'ZSTD');
  assert.equal(clusterSettingsFromProperties(config({ 'exchange.compression-codec': 'LZ4' }).properties).pageSerde.codec, 'LZ4');
  assert.ok(clusterSettingsFromProperties(config({ 'failure-detector.enabled': 'false' }).properties).failureTimeoutMillis > 3600_000);
});

test('invalid failure detection and exchange values fail with the property named', () => {
  assert.throws(() => config({ 'failure-detector.heartbeat-interval': 'soon' }), /property 'failure-detector.heartbeat-interval': invalid duration 'soon'/);
  assert.throws(() => config({ 'failure-detector.threshold': '1.5' }), /property 'failure-detector.threshold': 1.5 is above the maximum 1/);
  assert.throws(() => config({ 'failure-detector.threshold': 'half' }), /property 'failure-detector.threshold': invalid number 'half'/);
  assert.throws(() => config({ 'exchange.compression-codec': 'GZIP' }), /invalid value 'GZIP' \(expected one of NONE, ZSTD, LZ4\)/);
  assert.throws(
    () => config({ 'failure-detector.heartbeat-interval': '2s', 'failure-detector.timeout': '1s' }),
    /property 'failure-detector.timeout': must be longer than failure-detector.heartbeat-interval/,
  );
});

test('internal-communication.shared-secret is required when the cluster has more than one node', () => {
  assert.throws(
    () => config({ coordinator: 'false', 'discovery.uri': 'http://127.0.0.1:8080' }),
    /property 'internal-communication.shared-secret': required when the cluster has more than one node \(coordinator=false\)/,
  );
  assert.throws(() => config({ coordinator: 'true', 'node-scheduler.include-coordinator': 'false' }), /shared-secret': required .*include-coordinator=false/);
  assert.equal(config({ coordinator: 'false', 'discovery.uri': 'http://127.0.0.1:8080', ...SECRET }).coordinator, false);
  // a single node (coordinator that also runs tasks) needs no secret
  assert.equal(config({ coordinator: 'true' }).coordinator, true);
});
