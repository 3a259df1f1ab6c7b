import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { memoryConnectorFactory } from '@petrel/connector-memory';
import type { ConnectorFactory, TrinoError } from '@petrel/spi';
import { MetadataManager } from './metadata-manager.js';


describe('MetadataManager', () => {
  it('creates catalogs through factories and validates properties', () => {
    const manager = new MetadataManager('node1');
    manager.registerConnectorFactory(memoryConnectorFactory);
    manager.createCatalog({ name: 'mem', connectorName: 'memory', properties: {} });
    assert.deepEqual(manager.listCatalogs(), ['mem']);
    assert.throws(
      () => manager.createCatalog({ name: 'bad', connectorName: 'memory', properties: { 'no.such': 'x' }, source: 'etc/catalog/bad.properties' }),
      (e: TrinoError) => e.errorName === 'INVALID_CATALOG_PROPERTY' && e.message.includes('etc/catalog/bad.properties') && e.message.includes("'no.such'"),
    );
    assert.throws(() => manager.createCatalog({ name: 'x', connectorName: 'nope', properties: {} }), (e: TrinoError) => e.message.includes("'nope'"));
    assert.throws(() => manager.createCatalog({ name: 'mem', connectorName: 'memory', properties: {} }), (e: TrinoError) => e.errorName === 'ALREADY_EXISTS');
    assert.throws(() => manager.getConnector('zzz'), (e: TrinoError) => e.errorName === 'CATALOG_NOT_FOUND');
  });

  it('wraps factory failures with the catalog source', () => {
    const manager = new MetadataManager('node1');
    const failing: ConnectorFactory = {
      name: 'failing',
      create() {
        throw new Error('cannot connect');
      },
    };
    manager.registerConnectorFactory(failing);
    assert.throws(
      () => manager.createCatalog({ name: 'f', connectorName: 'failing', properties: {}, source: 'f.properties' }),
      (e: TrinoError) => e.message === 'f.properties: cannot connect',
    );
  });

});
