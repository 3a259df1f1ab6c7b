import { randomUUID } from 'node:crypto';
import type { ErrorCode, SqlValue } from '@petrel/spi';
import { StandardErrorCode, TrinoError, typeDisplayName } from '@petrel/spi';
import type { FunctionDefinition } from '../function-definition.js';
import { scalarFunction } from '../function-definition.js';
import { invalidArgument } from '../errors.js';
import { parseIpAddress } from '../cast/special-types.js';
import { compareBytes } from '../../type/value-compare.js';

const SUFFIXES = ['', 'K', 'M', 'B', 'T', 'Q'];

/** format_number: 1234 -> 1.23K, rounded HALF_UP to two decimals, trailing zeros dropped. */
export function formatNumber(value: number): string {
  let v = Math.abs(value);
  let i = 0;
  while (v >= 1000 && i < SUFFIXES.length - 1) {
    v /= 1000;
    i++;
  }
  const decimals = v < 10 ? 2 : v < 100 ? 1 : 0;
  let rounded = Math.round(v * 10 ** decimals) / 10 ** decimals;
  if (rounded >= 1000 && i < SUFFIXES.length - 1) {
    rounded = 1;
    i++;
  }
  const text = rounded.toFixed(decimals).replace(/\.0+$/, '').replace(/(\.\d*?)0+$/, '$1');
  return (value < 0 ? '-' : '') + text + SUFFIXES[i];
}

const DATA_SIZE_UNITS: Record<string, number> = { B: 0, kB: 1, MB: 2, GB: 3, TB: 4, PB: 5, EB: 6, ZB: 7, YB: 8 };

export function parseDataSize(text: string): bigint {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]+)\s*$/.exec(text);
  const power = m === null ? undefined : DATA_SIZE_UNITS[m[2]!];
  if (m === null || power === undefined) throw invalidArgument(`Invalid data size: '${text}'`);
  const [intPart, fracPart = ''] = m[1]!.split('.');
  const scale = 10n ** BigInt(fracPart.length);
  const unscaled = BigInt(intPart! + fracPart);
  const factor = 1024n ** BigInt(power);
  return (unscaled * factor) / scale;
}

function parseCidr(cidr: string): { network: Uint8Array; prefix: number } {
  const i = cidr.indexOf('/');
  if (i < 0) throw invalidArgument(`Invalid CIDR: ${cidr}`);
  const ip = parseIpAddress(cidr.slice(0, i));
  const bits = Number(cidr.slice(i + 1));
  if (ip === undefined || !Number.isInteger(bits)) throw invalidArgument(`Invalid CIDR: ${cidr}`);
  const isV4 = cidr.slice(0, i).includes('.');
  const prefix = isV4 ? bits + 96 : bits;
  if (bits < 0 || prefix > 128) throw invalidArgument(`Invalid prefix length: ${bits}`);
  return { network: ip, prefix };
}

function maskedPrefix(ip: Uint8Array, prefix: number, fill: 0 | 1): Uint8Array {
  const out = new Uint8Array(16);
  for (let i = 0; i < 16; i++) {
    const keep = Math.max(0, Math.min(8, prefix - i * 8));
    const mask = keep === 0 ? 0 : (0xff << (8 - keep)) & 0xff;
    out[i] = (ip[i]! & mask) | (fill === 1 ? ~mask & 0xff : 0);
  }
  return out;
}

function ipPrefixLength(prefixText: number, ip: Uint8Array): number {
  let isV4 = true;
  for (let i = 0; i < 10; i++) if (ip[i] !== 0) isV4 = false;
  if (ip[10] !== 0xff || ip[11] !== 0xff) isV4 = false;
  if (isV4) {
    if (prefixText < 0 || prefixText > 32) throw invalidArgument('IPv4 subnet size must be in range [0, 32]');
    return prefixText + 96;
  }
  if (prefixText < 0 || prefixText > 128) throw invalidArgument('IPv6 subnet size must be in range [0, 128]');
  return prefixText;
}

const ERROR_CODES_BY_NUMBER = new Map<number, ErrorCode>(Object.values(StandardErrorCode).map((c) => [c.code, c]));

/** `fail(code, message)`: raises the standard error with that number (planner-generated checks). */
function fail(code: number, message: string): never {
  throw new TrinoError(ERROR_CODES_BY_NUMBER.get(code) ?? StandardErrorCode.GENERIC_USER_ERROR, message);
}

export function miscFunctions(): FunctionDefinition[] {
  return [
    scalarFunction({
      name: 'fail', args: ['integer', 'varchar(x)'], returns: 'unknown', deterministic: false, nullOnNullInput: false, hidden: true,
      description: 'Raises the standard error with the given code and message',
      impl: (code, message) => fail(Number(code ?? StandardErrorCode.GENERIC_USER_ERROR.code), String(message ?? '')),
    }),
    scalarFunction({
      name: 'fail', args: ['varchar(x)'], returns: 'unknown', deterministic: false, nullOnNullInput: false, hidden: true,
      description: 'Raises GENERIC_USER_ERROR with the given message',
      impl: (message) => fail(StandardErrorCode.GENERIC_USER_ERROR.code, String(message ?? '')),
    }),
    scalarFunction({
      name: 'typeof', args: ['T'], returns: 'varchar', nullOnNullInput: false, description: 'Textual representation of expression type',
      specialize: (b) => {
        const name = typeDisplayName(b.argumentTypes[0]!);
        return () => name;
      },
    }),
    scalarFunction({ name: 'format_number', args: ['bigint'], returns: 'varchar', description: 'Formats large number using a unit symbol', impl: (v) => formatNumber(Number(v)) }),
    scalarFunction({ name: 'format_number', args: ['double'], returns: 'varchar', description: 'Formats large number using a unit symbol', impl: (v) => formatNumber(v as number) }),
    scalarFunction({ name: 'parse_data_size', args: ['varchar(x)'], returns: 'decimal(38,0)', description: 'Converts data size string to bytes', impl: (v) => parseDataSize(v as string) }),
    scalarFunction({ name: 'uuid', args: [], returns: 'uuid', deterministic: false, description: 'Generates a random UUID', impl: () => randomUUID() }),
    scalarFunction({
      name: 'contains', args: ['varchar(x)', 'ipaddress'], returns: 'boolean', description: 'Determines whether given IP address exists in the CIDR',
      impl: (cidr: SqlValue, ip: SqlValue) => {
        const { network, prefix } = parseCidr(cidr as string);
        const base = maskedPrefix(network, prefix, 0);
        if (compareBytes(base, network) !== 0) throw invalidArgument(`Invalid CIDR: ${cidr as string}`);
        return compareBytes(maskedPrefix(ip as Uint8Array, prefix, 0), base) === 0;
      },
    }),
    scalarFunction({
      name: 'ip_prefix', args: ['ipaddress', 'bigint'], returns: 'varchar', hidden: true,
      impl: (ip, bits) => {
        const b = ip as Uint8Array;
        const prefix = ipPrefixLength(Number(bits), b);
        const network = maskedPrefix(b, prefix, 0);
        const v4 = prefix >= 96 && b[10] === 0xff && b[11] === 0xff;
        const text = v4 ? `${network[12]}.${network[13]}.${network[14]}.${network[15]}` : [...Array(8).keys()].map((i) => ((network[i * 2]! << 8) | network[i * 2 + 1]!).toString(16)).join(':');
        return `${text}/${v4 ? prefix - 96 : prefix}`;
      },
    }),
    scalarFunction({
      name: 'is_subnet_of', args: ['varchar(x)', 'ipaddress'], returns: 'boolean', hidden: true,
      impl: (cidr, ip) => {
        const { network, prefix } = parseCidr(cidr as string);
        return compareBytes(maskedPrefix(ip as Uint8Array, prefix, 0), maskedPrefix(network, prefix, 0)) === 0;
      },
    }),
    scalarFunction({ name: 'version', args: [], returns: 'varchar', description: 'Return server version', impl: () => '476-petrel' }),
  ];
}
