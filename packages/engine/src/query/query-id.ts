/**
 * Query ids shaped like Trino's: `YYYYMMDD_HHMMSS_NNNNN_xxxxx` (UTC time of creation, a counter
 * that restarts every day, and a random id of this coordinator).
 */
export class QueryIdGenerator {
  private counter = 0;
  private day = '';
  readonly coordinatorId: string;

  constructor(coordinatorId?: string) {
    this.coordinatorId = coordinatorId ?? randomId(5);
  }

  next(now = new Date()): string {
    const iso = now.toISOString();
    const day = iso.slice(0, 10).replace(/-/g, '');
    if (day !== this.day) {
      this.day = day;
      this.counter = 0;
    }
    const time = iso.slice(11, 19).replace(/:/g, '');
    const n = this.counter++ % 100_000;
    return `${day}_${time}_${String(n).padStart(5, '0')}_${this.coordinatorId}`;
  }
}

function randomId(length: number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(Math.random() * alphabet.length)];
  return out;
}

export const QUERY_ID_PATTERN = /^\d{8}_\d{6}_\d{5}_[a-z0-9]{5}$/;
