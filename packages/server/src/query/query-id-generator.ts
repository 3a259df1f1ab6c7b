import { randomBytes } from 'node:crypto';

/** Trino-style query ids: `YYYYMMDD_HHMMSS_NNNNN_xxxxx` (counter, then a per-server suffix). */
export class QueryIdGenerator {
  private counter = 0;
  private readonly suffix: string;

  constructor() {
    const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
    const bytes = randomBytes(5);
    this.suffix = Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
  }

  next(now = new Date()): string {
    const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
    const stamp = `${now.getUTCFullYear()}${pad(now.getUTCMonth() + 1)}${pad(now.getUTCDate())}_${pad(now.getUTCHours())}${pad(now.getUTCMinutes())}${pad(now.getUTCSeconds())}`;
    const id = `${stamp}_${pad(this.counter, 5)}_${this.suffix}`;
    this.counter = (this.counter + 1) % 100000;
    return id;
  }
}

/** A random per-query secret that guards its result URIs. */
export function newSlug(): string {
  return 'y' + randomBytes(16).toString('hex');
}
