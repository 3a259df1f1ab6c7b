/** A small TTL cache for remote metadata (`metadata.cache-ttl`); a TTL of 0 disables it. */
export class MetadataCache {
  private readonly entries = new Map<string, { readonly value: unknown; readonly expires: number }>();

  constructor(private readonly ttlMillis: number, private readonly maximumSize = 10_000) {}

  async get<T>(key: string, load: () => Promise<T>): Promise<T> {
    if (this.ttlMillis <= 0) return load();
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit !== undefined && hit.expires > now) return hit.value as T;
    const value = await load();
    if (this.entries.size >= this.maximumSize) this.entries.clear();
    this.entries.set(key, { value, expires: now + this.ttlMillis });
    return value;
  }

  invalidateAll(): void {
    this.entries.clear();
  }
}
