import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import type { Page } from '@petrel/spi';
import { StandardErrorCode, TrinoError } from '@petrel/spi';
import type { RemotePageStream } from '../../../execution/execution-context.js';
import { deserializePage } from '../../serde/page-serde.js';

const READ_BYTES = 1 << 20;

/**
 * Reads the committed spool files of finished producer task attempts, one after another: the
 * consumer side of an exchange under `retry_policy=TASK` (see SpoolWriter for the format).
 */
export class SpoolExchangeReader implements RemotePageStream {
  private fileIndex = 0;
  private handle: FileHandle | undefined;
  private position = 0;
  private buffered: Buffer = Buffer.alloc(0);
  private endOfFile = false;
  private closed = false;

  constructor(
    private readonly files: readonly string[],
    signal?: AbortSignal,
  ) {
    signal?.addEventListener('abort', () => void this.close(), { once: true });
  }

  async next(): Promise<Page | undefined> {
    for (;;) {
      if (this.closed) return undefined;
      if (this.handle === undefined) {
        const file = this.files[this.fileIndex];
        if (file === undefined) return undefined;
        try {
          this.handle = await open(file, 'r');
        } catch (error) {
          throw new TrinoError(StandardErrorCode.PAGE_TRANSPORT_ERROR, `Cannot read spooled exchange data ${file}: ${(error as Error).message}`);
        }
        this.position = 0;
        this.buffered = Buffer.alloc(0);
        this.endOfFile = false;
      }
      if (this.buffered.length >= 4) {
        const length = this.buffered.readUInt32LE(0);
        if (this.buffered.length >= 4 + length) {
          const bytes = this.buffered.subarray(4, 4 + length);
          this.buffered = this.buffered.subarray(4 + length);
          return deserializePage(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
        }
      }
      if (this.endOfFile) {
        if (this.buffered.length > 0) throw new TrinoError(StandardErrorCode.PAGE_TRANSPORT_ERROR, `Truncated spooled exchange data ${this.files[this.fileIndex]}`);
        await this.handle.close().catch(() => undefined);
        this.handle = undefined;
        this.fileIndex++;
        continue;
      }
      const want = this.buffered.length >= 4 ? Math.max(READ_BYTES, 4 + this.buffered.readUInt32LE(0) - this.buffered.length) : READ_BYTES;
      const chunk = Buffer.allocUnsafe(want);
      let bytesRead: number;
      try {
        ({ bytesRead } = await this.handle.read(chunk, 0, want, this.position));
      } catch (error) {
        if (this.closed) return undefined;
        throw new TrinoError(StandardErrorCode.PAGE_TRANSPORT_ERROR, `Cannot read spooled exchange data ${this.files[this.fileIndex]}: ${(error as Error).message}`);
      }
      if (this.closed) return undefined;
      this.position += bytesRead;
      if (bytesRead === 0) this.endOfFile = true;
      else this.buffered = this.buffered.length === 0 ? chunk.subarray(0, bytesRead) : Buffer.concat([this.buffered, chunk.subarray(0, bytesRead)]);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const handle = this.handle;
    this.handle = undefined;
    await handle?.close().catch(() => undefined);
  }
}
