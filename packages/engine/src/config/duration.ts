import { StandardErrorCode, TrinoError } from '@petrel/spi';

const UNITS_MILLIS: Readonly<Record<string, number>> = {
  ns: 1e-6,
  us: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/** Parses a duration such as `10m`, `1.5h`, `500ms`, `30s`, `2d` (Airlift units) into milliseconds. */
export function parseDuration(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]+)\s*$/.exec(text);
  const factor = match === null ? undefined : UNITS_MILLIS[match[2]!];
  if (match === null || factor === undefined) {
    throw new TrinoError(StandardErrorCode.INVALID_SESSION_PROPERTY, `Invalid duration: '${text}' (expected a number and a unit ns, us, ms, s, m, h or d)`);
  }
  return Number(match[1]) * factor;
}

/** Formats milliseconds in the largest unit that keeps the value >= 1 (`10.00m`, `500.00ms`). */
export function formatDuration(millis: number): string {
  const units: readonly [string, number][] = [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
    ['ms', 1],
  ];
  for (const [unit, factor] of units) if (millis >= factor) return `${(millis / factor).toFixed(2)}${unit}`;
  return `${(millis * 1000).toFixed(2)}us`;
}
