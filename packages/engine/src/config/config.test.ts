import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TrinoError } from '@petrel/spi';
import { catalogDefinitionFromText, loadCatalogDefinitions } from './catalog-loader.js';
import { parseDataSize } from './data-size.js';
import { parseDuration } from './duration.js';
import { parseProperties, substituteEnvironment } from './properties-parser.js';
import { loadEtcConfig, logConfigFromProperties, nodeConfigFromProperties, serverConfigFromProperties } from './server-config.js';

describe('properties format', () => {
  it('parses comments, separators, escapes and continuations', () => {
    const text = [
      '# comment',
      '! also a comment',
      '  a=1',
      'b: two words ',
      'c three',
      'd\\=key = va\\tl\\u0041',
      'e = first \\',
      '    second',
      'f=',
      'g=ends with backslash \\\\',
      'h=x',
    ].join('\n');
    const p = parseProperties(text);
    assert.equal(p.get('a'), '1');
    assert.equal(p.get('b'), 'two words ');
    assert.equal(p.get('c'), 'three');
    assert.equal(p.get('d=key'), 'va\tlA');
    assert.equal(p.get('e'), 'first second');
    assert.equal(p.get('f'), '');
    assert.equal(p.get('g'), 'ends with backslash \\');
    assert.equal(p.get('h'), 'x');
    assert.equal(p.size, 8);
  });

  it('substitutes environment variables and names what is missing', () => {
    const p = substituteEnvironment(new Map([['connection-password', '${ENV:PW}x']]), 'pg.properties', { PW: 'secret' });
    assert.equal(p.get('connection-password'), 'secretx');
    assert.throws(
      () => substituteEnvironment(new Map([['k', '${ENV:NOPE}']]), 'pg.properties', {}),
      (e: TrinoError) => e.message.includes('pg.properties') && e.message.includes("'k'") && e.message.includes('NOPE'),
    );
  });

  it('parses data sizes and durations', () => {
    assert.equal(parseDataSize('1GB'), 1024 ** 3);
    assert.equal(parseDataSize('1.5kB'), 1536);
    assert.equal(parseDataSize('10 MB'), 10 * 1024 ** 2);
    assert.throws(() => parseDataSize('10 XB'));
    assert.equal(parseDuration('10m'), 600_000);
    assert.equal(parseDuration('1.5s'), 1500);
    assert.equal(parseDuration('2d'), 172_800_000);
    assert.throws(() => parseDuration('ten minutes'));
  });
});

describe('catalog files', () => {
  it('reads DIR/catalog/*.properties with the file name as catalog name', () => {
    const dir = mkdtempSync(join(tmpdir(), 'petrel-etc-'));
    mkdirSync(join(dir, 'catalog'));
    writeFileSync(join(dir, 'catalog', 'tpch.properties'), 'connector.name=tpch\ntpch.column-naming=STANDARD\n');
    writeFileSync(join(dir, 'catalog', 'mem.properties'), 'connector.name = memory\n');
    writeFileSync(join(dir, 'catalog', 'README.txt'), 'ignored');
    const defs = loadCatalogDefinitions(dir);
    assert.deepEqual(
      defs.map((d) => [d.name, d.connectorName, d.properties]),
      [
        ['mem', 'memory', {}],
        ['tpch', 'tpch', { 'tpch.column-naming': 'STANDARD' }],
      ],
    );
  });

  it('requires connector.name', () => {
    assert.throws(() => catalogDefinitionFromText('/etc/catalog/x.properties', 'a=b'), (e: TrinoError) => e.message.includes('x.properties') && e.message.includes('connector.name'));
  });
});

describe('server configuration', () => {
  it('converts known properties and rejects unknown or invalid ones, naming file and property', () => {
    const config = serverConfigFromProperties('config.properties', new Map([['coordinator', 'true'], ['http-server.http.port', '8081'], ['query.max-memory', '2GB'], ['query.max-run-time', '10m']]));
    assert.equal(config.httpPort, 8081);
    assert.equal(config.queryMaxMemoryBytes, 2 * 1024 ** 3);
    assert.equal(config.queryMaxRunTimeMillis, 600_000);
    assert.throws(() => serverConfigFromProperties('config.properties', new Map([['bogus.prop', '1']])), (e: TrinoError) => /config\.properties: property 'bogus\.prop': unknown property/.test(e.message));
    assert.throws(() => serverConfigFromProperties('config.properties', new Map([['http-server.http.port', 'abc']])), (e: TrinoError) => e.message.includes("'http-server.http.port'") && e.message.includes('invalid integer'));
    assert.throws(() => serverConfigFromProperties('config.properties', new Map([['coordinator', 'false']])), (e: TrinoError) => e.message.includes('discovery.uri'));
  });

  it('validates node and log properties', () => {
    assert.equal(nodeConfigFromProperties('node.properties', new Map([['node.environment', 'production'], ['node.id', 'ffffffff-ffff']])).environment, 'production');
    assert.throws(() => nodeConfigFromProperties('node.properties', new Map([['node.id', 'x']])), (e: TrinoError) => e.message.includes('node.environment'));
    assert.throws(() => nodeConfigFromProperties('node.properties', new Map([['node.environment', 'Prod!']])), (e: TrinoError) => e.message.includes('node.environment'));
    assert.equal(logConfigFromProperties('log.properties', new Map([['io.trino', 'info']])).levels.get('io.trino'), 'INFO');
    assert.throws(() => logConfigFromProperties('log.properties', new Map([['io.trino', 'LOUD']])), (e: TrinoError) => e.message.includes('log.properties') && e.message.includes("'io.trino'"));
  });

  it('loads an etc directory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'petrel-etc-'));
    writeFileSync(join(dir, 'config.properties'), 'coordinator=true\nhttp-server.http.port=${ENV:PORT}\n');
    writeFileSync(join(dir, 'node.properties'), 'node.environment=test\n');
    const etc = loadEtcConfig(dir, { PORT: '9090' });
    assert.equal(etc.server?.httpPort, 9090);
    assert.equal(etc.node?.environment, 'test');
    assert.equal(etc.log, undefined);
  });
});
