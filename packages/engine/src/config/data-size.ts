import { StandardErrorCode, TrinoError } from '@petrel/spi';

const UNITS: Readonly<Record<string, number>> = {
  B: 1,
  kB: 1024,
  KB: 1024,
  MB: 1024 ** 2,
  GB: 1024 ** 3,
  TB: 1024 ** 4,
  PB: 1024 ** 5,
};

/** Parses a data size such as `1GB`, `512MB`, `1.5kB`, `100B` (binary units, as Airlift) into bytes. */
export function parseDataSize(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]+)\s*$/.exec(text);
  const factor = match === null ? undefined : UNITS[match[2]!];
  if (match === null || factor === undefined) {
    throw new TrinoError(StandardErrorCode.INVALID_SESSION_PROPERTY, `Invalid data size: '${text}' (expected a number and a unit B, kB, MB, GB, TB or PB)`);
  }
  return Math.round(Number(match[1]) * factor);
}

/** Formats bytes the way Airlift's `DataSize.succinct()` does (`1.50GB`, `10MB`, `512B`). */
export function formatDataSize(bytes: number): string {
  const units: readonly [string, number][] = [
    ['PB', 1024 ** 5],
    ['TB', 1024 ** 4],
    ['GB', 1024 ** 3],
    ['MB', 1024 ** 2],
    ['kB', 1024],
  ];
  for (const [unit, factor] of units) {
    if (bytes >= factor) {
      const v = bytes / factor;
      return Number.isInteger(v) ? `${v}${unit}` : `${v.toFixed(2)}${unit}`;
    }
  }
  return `${bytes}B`;
}
