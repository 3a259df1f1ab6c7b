/** airlift `Duration` text (`1s`, `500ms`, `1.5m`) to milliseconds; undefined when malformed. */
export function parseDurationMillis(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ns|us|ms|s|m|h|d)\s*$/.exec(text);
  if (match === null) return undefined;
  const factor: Record<string, number> = { ns: 1e-6, us: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
  return Number(match[1]) * factor[match[2]!]!;
}

/** airlift `DataSize` text (`1MB`, `512kB`, `100B`) to bytes; undefined when malformed. */
export function parseDataSizeBytes(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(B|kB|KB|MB|GB|TB|PB)\s*$/.exec(text);
  if (match === null) return undefined;
  const factor: Record<string, number> = { B: 1, kB: 1024, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3, TB: 1024 ** 4, PB: 1024 ** 5 };
  return Math.round(Number(match[1]) * factor[match[2]!]!);
}
