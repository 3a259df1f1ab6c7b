import type { Page, SqlValue } from '@petrel/spi';
import { assertNever, getValue, selectPositions, StandardErrorCode, TrinoError } from '@petrel/spi';
import type { PageSerdeOptions } from '../serde/page-serde.js';
import { DEFAULT_PAGE_SERDE_OPTIONS, serializePage } from '../serde/page-serde.js';

/** How a task's output reaches its consumers: by hash of columns, a copy to each, or to whoever has room. */
export type OutputBufferKind = 'PARTITIONED' | 'BROADCAST' | 'ARBITRARY';

export interface OutputBufferSpec {
  readonly kind: OutputBufferKind;
  /** Number of consumer buffers (ids "0" .. "n-1"). */
  readonly partitions: number;
  /** PARTITIONED: the channels hashed to pick a partition. */
  readonly hashChannels: readonly number[];
}

/** One response of `GET /v1/task/{taskId}/results/{bufferId}/{token}`. */
export interface BufferResult {
  readonly token: number;
  readonly nextToken: number;
  /** Serialized pages (page-serde format). */
  readonly pages: readonly Uint8Array[];
  /** No page will ever follow `nextToken`. */
  readonly complete: boolean;
}

class PartitionBuffer {
  /** Pages not yet acknowledged; `pages[0]` has sequence `firstToken`. */
  pages: Uint8Array[] = [];
  firstToken = 0;
  bytes = 0;
  destroyed = false;

  nextToken(): number {
    return this.firstToken + this.pages.length;
  }

  acknowledge(token: number): number {
    let freed = 0;
    while (this.firstToken < token && this.pages.length > 0) {
      freed += this.pages.shift()!.length;
      this.firstToken++;
    }
    this.bytes -= freed;
    return freed;
  }
}

/** A stable hash of row values, equal on every node (partitioning must agree between producers). */
function hashRow(values: readonly SqlValue[]): number {
  let hash = 0x811c9dc5;
  const mix = (text: string): void => {
    for (let i = 0; i < text.length; i++) {
      hash ^= text.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193);
    }
  };
  for (const value of values) {
    // a number and a bigint of the same value hash alike: equal keys must meet in one partition
    // whichever representation (53-bit fast path or bigint) each producer's block uses
    mix(
      value === null
        ? '\u0000'
        : typeof value === 'object'
          ? JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v))
          : `${typeof value === 'bigint' ? 'number' : typeof value}${String(value)}`,
    );
    mix('\u0001');
  }
  return hash >>> 0;
}

/**
 * A task's bounded output: producers `enqueue` pages (waiting while the buffer is full: back-pressure),
 * consumers read them by token; a read at token t acknowledges everything before t.
 */
export class OutputBuffer {
  private readonly partitions: PartitionBuffer[];
  private totalBytes = 0;
  /** Serialized bytes of every page added (all partitions): what this task sent into the exchange. */
  private producedBytes = 0;
  private noMorePages = false;
  private failure: TrinoError | undefined;
  private waitingProducers: (() => void)[] = [];
  private waitingConsumers: (() => void)[] = [];

  constructor(
    readonly spec: OutputBufferSpec,
    private readonly maxBufferedBytes: number,
    /** How pages are encoded (`exchange.compression-codec`). */
    private readonly serde: PageSerdeOptions = DEFAULT_PAGE_SERDE_OPTIONS,
  ) {
    if (spec.partitions < 1) throw new TrinoError(StandardErrorCode.GENERIC_INTERNAL_ERROR, 'An output buffer needs at least one partition');
    this.partitions = Array.from({ length: spec.partitions }, () => new PartitionBuffer());
  }

  private wakeConsumers(): void {
    const waiting = this.waitingConsumers;
    this.waitingConsumers = [];
    for (const wake of waiting) wake();
  }

  private wakeProducers(): void {
    if (this.totalBytes > this.maxBufferedBytes && this.failure === undefined) return;
    const waiting = this.waitingProducers;
    this.waitingProducers = [];
    for (const wake of waiting) wake();
  }

  private add(partition: number, p: Page): void {
    const buffer = this.partitions[partition]!;
    if (buffer.destroyed || p.positionCount === 0) return;
    const bytes = serializePage(p, this.serde);
    buffer.pages.push(bytes);
    buffer.bytes += bytes.length;
    this.totalBytes += bytes.length;
    this.producedBytes += bytes.length;
  }

  /** Adds a page; resolves once the buffer is below its limit again. */
  async enqueue(p: Page): Promise<void> {
    if (this.failure !== undefined) throw this.failure;
    if (this.noMorePages) throw new TrinoError(StandardErrorCode.GENERIC_INTERNAL_ERROR, 'Output buffer already finished');
    const spec = this.spec;
    switch (spec.kind) {
      case 'BROADCAST':
        for (let i = 0; i < this.partitions.length; i++) this.add(i, p);
        break;
      case 'ARBITRARY': {
        let target = 0;
        for (let i = 1; i < this.partitions.length; i++) if (!this.partitions[i]!.destroyed && this.partitions[i]!.bytes < this.partitions[target]!.bytes) target = i;
        this.add(target, p);
        break;
      }
      case 'PARTITIONED': {
        if (this.partitions.length === 1) {
          this.add(0, p);
          break;
        }
        const positions: number[][] = this.partitions.map(() => []);
        for (let row = 0; row < p.positionCount; row++) {
          const key = spec.hashChannels.map((c) => getValue(p.blocks[c]!, row));
          positions[hashRow(key) % this.partitions.length]!.push(row);
        }
        positions.forEach((rows, partition) => {
          if (rows.length > 0) this.add(partition, selectPositions(p, rows));
        });
        break;
      }
      default:
        assertNever(spec.kind, 'output buffer kind');
    }
    this.wakeConsumers();
    while (this.totalBytes > this.maxBufferedBytes && this.failure === undefined) {
      await new Promise<void>((resolve) => this.waitingProducers.push(resolve));
    }
    if (this.failure !== undefined) throw this.failure;
  }

  setNoMorePages(): void {
    this.noMorePages = true;
    this.wakeConsumers();
  }

  /** Fails readers and producers (task failed or aborted). */
  fail(error: TrinoError): void {
    this.failure ??= error;
    this.wakeConsumers();
    this.wakeProducers();
  }

  private partition(bufferId: number): PartitionBuffer {
    const buffer = this.partitions[bufferId];
    if (buffer === undefined) throw new TrinoError(StandardErrorCode.GENERIC_INTERNAL_ERROR, `No output buffer ${bufferId}`);
    return buffer;
  }

  /** Pages from `token` on, up to `maxBytes` (at least one page), waiting up to `maxWaitMillis` for data. */
  async get(bufferId: number, token: number, maxBytes: number, maxWaitMillis: number): Promise<BufferResult> {
    const buffer = this.partition(bufferId);
    this.acknowledge(bufferId, token);
    const deadline = Date.now() + maxWaitMillis;
    while (buffer.nextToken() <= token && !this.noMorePages && this.failure === undefined && !buffer.destroyed && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(1, deadline - Date.now()));
        this.waitingConsumers.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    if (this.failure !== undefined) throw this.failure;
    const pages: Uint8Array[] = [];
    let bytes = 0;
    for (let t = Math.max(token, buffer.firstToken); t < buffer.nextToken(); t++) {
      const page = buffer.pages[t - buffer.firstToken]!;
      if (pages.length > 0 && bytes + page.length > maxBytes) break;
      pages.push(page);
      bytes += page.length;
    }
    const nextToken = token + pages.length;
    return { token, nextToken, pages, complete: (this.noMorePages && nextToken >= buffer.nextToken()) || buffer.destroyed };
  }

  /** Frees the pages before `token`. */
  acknowledge(bufferId: number, token: number): void {
    const freed = this.partition(bufferId).acknowledge(token);
    if (freed > 0) {
      this.totalBytes -= freed;
      this.wakeProducers();
    }
  }

  /** The consumer is gone: drop its pages and ignore further output for it. */
  destroy(bufferId: number): void {
    const buffer = this.partition(bufferId);
    this.totalBytes -= buffer.bytes;
    buffer.pages = [];
    buffer.bytes = 0;
    buffer.destroyed = true;
    this.wakeProducers();
    this.wakeConsumers();
  }

  bufferedBytes(): number {
    return this.totalBytes;
  }

  /** Serialized bytes produced into this buffer so far (every partition counted). */
  outputBytes(): number {
    return this.producedBytes;
  }

  /** Every page was produced and read by every (non-destroyed) consumer. */
  isDrained(): boolean {
    return this.noMorePages && this.partitions.every((b) => b.destroyed || b.pages.length === 0);
  }
}
