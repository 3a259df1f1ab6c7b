import { TrinoError, StandardErrorCode } from '@petrel/spi';

/**
 * Tracks memory retained by one query's operators. Operators report their current retained bytes
 * through an `OperatorMemoryContext`; exceeding the limit fails the query with Trino's
 * EXCEEDED_LOCAL_MEMORY_LIMIT message. Operators that grow keep their state in structures that
 * could later be spilled (sorted runs, partitioned hash tables).
 */
export class QueryMemoryContext {
  private reserved = 0;
  private peak = 0;
  private readonly operators: OperatorMemoryContext[] = [];

  constructor(readonly maxBytes: number) {}

  get reservedBytes(): number {
    return this.reserved;
  }

  get peakBytes(): number {
    return this.peak;
  }

  newOperatorContext(operatorType: string): OperatorMemoryContext {
    const context = new OperatorMemoryContext(this, operatorType);
    this.operators.push(context);
    return context;
  }

  /** @internal */
  update(context: OperatorMemoryContext, delta: number): void {
    this.reserved += delta;
    if (this.reserved > this.peak) this.peak = this.reserved;
    if (delta > 0 && this.reserved > this.maxBytes) {
      const consumers = new Map<string, number>();
      for (const op of this.operators) consumers.set(op.operatorType, (consumers.get(op.operatorType) ?? 0) + op.bytes);
      const top = [...consumers.entries()]
        .filter(([, bytes]) => bytes > 0)
        .sort((a, b) => b[1] - a[1])
        .slice(0, 3)
        .map(([name, bytes]) => `${name}=${formatBytes(bytes)}`)
        .join(', ');
      throw new TrinoError(
        StandardErrorCode.EXCEEDED_LOCAL_MEMORY_LIMIT,
        `Query exceeded per-node memory limit of ${formatBytes(this.maxBytes)} [Allocated: ${formatBytes(this.reserved)}, Delta: ${formatBytes(delta)}, Top Consumers: {${top}}]`,
      );
    }
    void context;
  }
}

export class OperatorMemoryContext {
  bytes = 0;
  peakBytes = 0;

  constructor(
    private readonly query: QueryMemoryContext,
    readonly operatorType: string,
  ) {}

  /** Sets this operator's retained bytes; throws EXCEEDED_LOCAL_MEMORY_LIMIT when over the query limit. */
  setBytes(bytes: number): void {
    const delta = bytes - this.bytes;
    if (delta === 0) return;
    this.bytes = bytes;
    if (bytes > this.peakBytes) this.peakBytes = bytes;
    this.query.update(this, delta);
  }

  close(): void {
    this.setBytes(0);
  }
}

/** Trino's DataSize formatting: the largest unit with a value >= 1, up to two decimals (`1GB`, `512.50MB`). */
export function formatBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];
  let value = bytes;
  let unit = 0;
  while (unit < units.length - 1 && Math.abs(value) >= 1024) {
    value /= 1024;
    unit++;
  }
  const text = Number.isInteger(value) ? String(value) : value.toFixed(2);
  return `${text}${units[unit]}`;
}
