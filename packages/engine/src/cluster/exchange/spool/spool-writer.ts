import type { FileHandle } from 'node:fs/promises';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Page } from '@petrel/spi';
import { StandardErrorCode, TrinoError } from '@petrel/spi';
import type { PageSerdeOptions } from '../../serde/page-serde.js';
import { serializePage } from '../../serde/page-serde.js';
import type { OutputBufferSpec } from '../../task/output-buffer.js';
import type { FileSystemExchangeManager } from './filesystem-exchange-manager.js';

/** Where one task attempt spools its output (part of the task request under `retry_policy=TASK`). */
export interface SpoolTarget {
  /** The stage's directory, created by the coordinator. */
  readonly stageDirectory: string;
  /** `{partition}.{attempt}`: the attempt's directory name once committed. */
  readonly attemptName: string;
}

/** The committed file a consumer reads for one output partition of a task attempt. */
export function spoolFileOf(target: SpoolTarget, outputPartition: number): string {
  return join(target.stageDirectory, target.attemptName, `${outputPartition}.pages`);
}

/** Pages are appended in batches of about this many bytes. */
const FLUSH_BYTES = 1 << 20;

/**
 * Writes a task attempt's output pages to its spool directory: frames of u32 length + page bytes
 * (page-serde format, compressed with `exchange.compression-codec`), first under
 * `{attempt}.tmp`, renamed to `{attempt}` by `commit()` (atomic: readers only ever see complete
 * output). `abort()` removes the temporary directory. One output partition (one consumer task, or
 * BROADCAST, where every consumer reads the same file).
 */
export class SpoolWriter {
  private readonly temporary: string;
  private readonly committed: string;
  private readonly opened: Promise<FileHandle>;
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private done = false;
  /** Bytes written (after compression). */
  writtenBytes = 0;

  constructor(
    target: SpoolTarget,
    spec: OutputBufferSpec,
    private readonly serde: PageSerdeOptions,
    manager: FileSystemExchangeManager | undefined,
  ) {
    if (manager === undefined) throw new TrinoError(StandardErrorCode.GENERIC_INTERNAL_ERROR, 'Exchange manager must be configured for the failure recovery capabilities to be fully functional (etc/exchange-manager.properties on every node)');
    if (!manager.contains(target.stageDirectory)) throw new TrinoError(StandardErrorCode.GENERIC_INTERNAL_ERROR, `Spool directory ${target.stageDirectory} is outside this node's exchange.base-directories`);
    if (spec.kind !== 'BROADCAST' && spec.partitions !== 1) throw new TrinoError(StandardErrorCode.NOT_SUPPORTED, `Spooled ${spec.kind} output with ${spec.partitions} partitions is not supported yet`);
    if (basename(target.attemptName) !== target.attemptName) throw new TrinoError(StandardErrorCode.GENERIC_INTERNAL_ERROR, `Invalid spool attempt name '${target.attemptName}'`);
    this.committed = join(target.stageDirectory, target.attemptName);
    this.temporary = `${this.committed}.tmp`;
    // not recursive: the stage directory exists only while the query runs
    this.opened = mkdir(this.temporary).then(() => open(join(this.temporary, '0.pages'), 'w'));
    this.opened.catch(() => undefined);
  }

  async write(page: Page): Promise<void> {
    const bytes = serializePage(page, this.serde);
    const frame = new Uint8Array(4 + bytes.length);
    new DataView(frame.buffer).setUint32(0, bytes.length, true);
    frame.set(bytes, 4);
    this.pending.push(frame);
    this.pendingBytes += frame.length;
    if (this.pendingBytes >= FLUSH_BYTES) await this.flush();
  }

  private async flush(): Promise<void> {
    const handle = await this.opened;
    const chunks = this.pending;
    this.pending = [];
    this.pendingBytes = 0;
    if (chunks.length === 0) return;
    const buffer = Buffer.concat(chunks);
    await handle.write(buffer, 0, buffer.length);
    this.writtenBytes += buffer.length;
  }

  /** Makes the output visible to consumers: flushes, closes and renames the attempt's directory. */
  async commit(): Promise<void> {
    if (this.done) throw new TrinoError(StandardErrorCode.GENERIC_INTERNAL_ERROR, 'Spool output already ended');
    await this.flush();
    const handle = await this.opened;
    await handle.sync();
    await handle.close();
    this.done = true;
    await rename(this.temporary, this.committed);
  }

  /** Drops the attempt's output (task failed or aborted). */
  async abort(): Promise<void> {
    if (this.done) return;
    this.done = true;
    this.pending = [];
    await this.opened.then((h) => h.close()).catch(() => undefined);
    await rm(this.temporary, { recursive: true, force: true }).catch(() => undefined);
  }
}
