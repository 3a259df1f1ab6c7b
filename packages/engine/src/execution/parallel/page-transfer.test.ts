import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MessageChannel } from 'node:worker_threads';
import type { Block, SqlValue } from '@petrel/spi';
import {
  boolBlock,
  dictionaryBlock,
  float64Block,
  getValue,
  int32Block,
  int64Block,
  longTimestamp,
  objectBlock,
  page,
  runLengthBlock,
  sqlMap,
  timestampWithTimeZone,
} from '@petrel/spi';
import { decodeBlock, decodePage, encodeBlock, encodePage, transferListOf, type TransferBlock, type TransferPage } from './page-transfer.js';

function valuesOf(block: Block): SqlValue[] {
  const n = block.kind === 'rle' ? block.positionCount : block.kind === 'dictionary' ? block.ids.length : block.values.length;
  return Array.from({ length: n }, (_, i) => getValue(block, i));
}

/** Sends through a real MessagePort with the transfer list, as the pool does. */
async function acrossThreads(encoded: TransferPage): Promise<TransferPage> {
  const { port1, port2 } = new MessageChannel();
  try {
    const received = new Promise<TransferPage>((resolve) => port2.once('message', (m: TransferPage) => resolve(m)));
    port1.postMessage(encoded, transferListOf(encoded));
    return await received;
  } finally {
    port1.close();
    port2.close();
  }
}

const many = (n: number, f: (i: number) => SqlValue): SqlValue[] => Array.from({ length: n }, (_, i) => f(i));

const CASES: Record<string, Block> = {
  float64: float64Block(new Float64Array([1.5, -0, NaN, Infinity, 3]), new Uint8Array([0, 0, 0, 0, 1])),
  int32: int32Block(new Int32Array([1, -2, 2147483647, 0]), undefined),
  int64: int64Block(new BigInt64Array([1n, -(2n ** 63n), 2n ** 63n - 1n]), new Uint8Array([0, 1, 0])),
  bool: boolBlock(new Uint8Array([1, 0, 1]), new Uint8Array([0, 0, 1])),
  'varchar, few distinct (dictionary ids)': objectBlock(many(200, (i) => (i % 7 === 0 ? null : ['A', 'N', 'R'][i % 3]!))),
  'varchar, many distinct (UTF-8 bytes)': objectBlock(many(100, (i) => (i === 5 ? null : `row ${i} ünïcødé ☃ ${'x'.repeat(i % 5)}`))),
  'empty strings': objectBlock(['', '', null, '']),
  'all null': objectBlock([null, null]),
  'bigint and short decimal': objectBlock([1, 2n ** 60n, null, -(2n ** 62n), 0, 9007199254740993n]),
  'long decimal (beyond 64 bits)': objectBlock([10n ** 30n, null, -(10n ** 25n), 7n]),
  'long decimals mixed with numbers': objectBlock([10n ** 30n, null, 7]),
  varbinary: objectBlock([new Uint8Array([1, 2, 3]), null, new Uint8Array([])]),
  'double objects and -0': objectBlock([0.5, -0, null, 3]),
  boolean: objectBlock([true, false, null]),
  'array(integer)': objectBlock([[1, 2, null], null, []]),
  'row(double, bigint) (avg state)': objectBlock([[1.5, 3], [0, 0], null]),
  'map(varchar, bigint)': objectBlock([sqlMap(['a', 'b'], [1, 2n ** 62n]), null]),
  'timestamp(9)': objectBlock([longTimestamp(1000, 123456789), null]),
  'timestamp with time zone': objectBlock([timestampWithTimeZone(1000, 0, 'America/New_York'), null]),
  'dictionary over varchar': dictionaryBlock(objectBlock(['x', 'y', null]), new Int32Array([0, 1, 2, 1, 0])),
  'run-length over bigint': runLengthBlock(float64Block(new Float64Array([42]), undefined), 1000),
};

describe('page transfer encoding', () => {
  for (const [name, block] of Object.entries(CASES)) {
    it(`round-trips ${name} through a message port`, async () => {
      const encoded = encodePage(page([block]));
      const received = await acrossThreads(encoded);
      const decoded = decodePage(received).blocks[0]!;
      assert.equal(decoded.kind, block.kind);
      assert.deepEqual(valuesOf(decoded), valuesOf(block));
    });
  }

  it('never detaches the sender’s arrays (it transfers copies)', () => {
    const values = new Float64Array([1, 2, 3]);
    const encoded = encodePage(page([float64Block(values, undefined)]));
    const { port1, port2 } = new MessageChannel();
    port1.postMessage(encoded, transferListOf(encoded));
    port1.close();
    port2.close();
    assert.deepEqual([...values], [1, 2, 3]);
  });

  it('encodes strings as dictionary ids when few are distinct and as UTF-8 bytes otherwise', () => {
    const few = encodeBlock(CASES['varchar, few distinct (dictionary ids)']!);
    assert.equal(few.kind, 'stringDictionary');
    assert.deepEqual((few as Extract<TransferBlock, { kind: 'stringDictionary' }>).dictionary, ['N', 'R', 'A']);
    assert.equal(encodeBlock(CASES['varchar, many distinct (UTF-8 bytes)']!).kind, 'strings');
  });

  it('puts arrays in shared memory on request and keeps shared arrays shared', () => {
    const shared = encodeBlock(CASES.float64!, { memory: 'shared' });
    assert.ok(shared.kind === 'float64' && shared.values.buffer instanceof SharedArrayBuffer);
    const again = encodeBlock(decodeBlock(shared));
    assert.ok(again.kind === 'float64' && shared.kind === 'float64' && again.values === shared.values);
    const strings = encodeBlock(CASES['varchar, many distinct (UTF-8 bytes)']!, { memory: 'shared' });
    assert.ok(strings.kind === 'strings' && strings.bytes.buffer instanceof SharedArrayBuffer);
    assert.deepEqual(transferListOf({ positionCount: 5, blocks: [shared, strings] }), []);
  });
});
